"""Mark every link that leaves the site `rel="noopener noreferrer"`, in content and templates.

The referrer meta tag already tells browsers to send no Referer; the rel value says it again
per link, for browsers and embedding pages that ignore the meta tag, and stops a page opened
in a new tab from reaching back through `window.opener`. Plain Python, no MkDocs.

    >>> mark_outbound('<a href="https://example.org/">x</a>', "https://our.site/")
    '<a href="https://example.org/" rel="noopener noreferrer">x</a>'
"""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser
from urllib.parse import urlsplit

REQUIRED_RELS = ("noopener", "noreferrer")
LINK_TAGS = {"a", "area"}
REL_ATTRIBUTE = re.compile(r"""\srel\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""", re.IGNORECASE)
TAG_END = re.compile(r"\s*/?>$")


def is_outbound(href: str, site_url: str) -> bool:
    """True when `href` points at another host than the site's own."""
    parts = urlsplit(href.strip())
    if parts.scheme.lower() not in {"http", "https", ""} or not parts.netloc:
        return False
    return parts.netloc.lower() != urlsplit(site_url).netloc.lower()


def with_rels(start_tag: str, rel_value: str | None) -> str:
    """The start tag with noopener and noreferrer added to its rel attribute."""
    existing = (rel_value or "").split()
    wanted = " ".join(dict.fromkeys([*existing, *REQUIRED_RELS]))
    attribute = f' rel="{escape(wanted, quote=True)}"'
    if REL_ATTRIBUTE.search(start_tag):
        return REL_ATTRIBUTE.sub(lambda _: attribute, start_tag, count=1)
    end = TAG_END.search(start_tag)
    assert end is not None, start_tag  # HTMLParser only reports complete start tags
    return f"{start_tag[: end.start()]}{attribute}{start_tag[end.start() :]}"


NEWLINE = re.compile("\n")


class _OutboundFinder(HTMLParser):
    """Finds the exact source text of each outbound link's start tag."""

    def __init__(self, site_url: str) -> None:
        """Look for links that leave `site_url`."""
        super().__init__(convert_charrefs=True)
        self.site_url = site_url
        self.tags: list[tuple[int, int, str]] = []
        self._line_offsets = [0]

    def find(self, html: str) -> list[tuple[int, int, str]]:
        """(start, end, replacement) for every outbound start tag that lacks a rel value."""
        # HTMLParser counts lines at "\n" only; str.splitlines would also split at \x0c etc.
        self._line_offsets += [match.end() for match in NEWLINE.finditer(html)]
        self.feed(html)
        self.close()
        return self.tags

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Record outbound links whose rel misses noopener or noreferrer."""
        values = dict(attrs)
        href = values.get("href")
        if tag not in LINK_TAGS or not href or not is_outbound(href, self.site_url):
            return
        rels = (values.get("rel") or "").lower().split()
        if all(rel in rels for rel in REQUIRED_RELS):
            return
        text = self.get_starttag_text() or ""
        line, column = self.getpos()
        start = self._line_offsets[line - 1] + column
        self.tags.append((start, start + len(text), with_rels(text, values.get("rel"))))


def mark_outbound(html: str, site_url: str) -> str:
    """The page with noopener and noreferrer on every link to another host."""
    pieces: list[str] = []
    position = 0
    for start, end, replacement in _OutboundFinder(site_url).find(html):
        pieces += [html[position:start], replacement]
        position = end
    pieces.append(html[position:])
    return "".join(pieces)
