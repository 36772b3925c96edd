"""Rewrite the start tags of links in built HTML, leaving every other byte of the page as it was.

Two rules use it. Every page marks links to another host `rel="noopener noreferrer"`: the
referrer meta tag already asks browsers to send no Referer, the rel value says it again per link
for browsers and embedding pages that ignore the meta tag, and stops a page opened in a new tab
reaching back through `window.opener` (`mark_outbound`, called by `csp.py`). Embed copies also
open every link to another address in a new tab, because in a clinic's iframe a plain link would
have the reader browse our whole site in a box on someone else's page; fragment links (the
guide's answers, the skip link) stay in the frame (`open_outside_frame`, called by `embed.py`).
Both work without JavaScript. Plain Python, no MkDocs:

    >>> mark_outbound('<a href="https://example.org/">x</a>', "https://our.site/")
    '<a href="https://example.org/" rel="noopener noreferrer">x</a>'
    >>> open_outside_frame('<a href="../guide/">Guide</a> <a href="#a">A</a>')
    '<a href="../guide/" target="_blank" rel="noopener noreferrer">Guide</a> <a href="#a">A</a>'
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape
from urllib.parse import urlsplit

from wtiw.core.html_splice import Edit, PositionedParser, splice

REQUIRED_RELS = ("noopener", "noreferrer")
LINK_TAGS = {"a", "area"}
ATTRIBUTE = r"""\s{name}\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)"""
REL_ATTRIBUTE = re.compile(ATTRIBUTE.format(name="rel"), re.IGNORECASE)
TARGET_ATTRIBUTE = re.compile(ATTRIBUTE.format(name="target"), re.IGNORECASE)
TAG_END = re.compile(r"\s*/?>$")

# Given a link's start tag as written and its attributes, the tag to write instead, or None.
Rewrite = Callable[[str, dict[str, str | None]], str | None]


def is_outbound(href: str, site_url: str) -> bool:
    """True when `href` points at another host than the site's own."""
    parts = urlsplit(href.strip())
    if parts.scheme.lower() not in {"http", "https", ""} or not parts.netloc:
        return False
    return parts.netloc.lower() != urlsplit(site_url).netloc.lower()


def stays_in_frame(href: str) -> bool:
    """True for a link within the embedded document (a fragment) or to the phone's dialler.

    A `tel:` or `sms:` link opens no page, so a new tab would only be left blank.
    """
    return href.strip().lower().startswith(("#", "tel:", "sms:"))


def _set_attribute(start_tag: str, pattern: re.Pattern[str], name: str, value: str) -> str:
    """The start tag with attribute `name` set to `value`, replacing any existing one."""
    attribute = f' {name}="{escape(value, quote=True)}"'
    if pattern.search(start_tag):
        return pattern.sub(lambda _: attribute, start_tag, count=1)
    end = TAG_END.search(start_tag)
    assert end is not None, start_tag  # HTMLParser only reports complete start tags
    return f"{start_tag[: end.start()]}{attribute}{start_tag[end.start() :]}"


def set_attribute(start_tag: str, name: str, value: str) -> str:
    """The start tag with attribute `name` set to `value`, replacing any existing one."""
    pattern = re.compile(ATTRIBUTE.format(name=re.escape(name)), re.IGNORECASE)
    return _set_attribute(start_tag, pattern, name, value)


def with_rels(start_tag: str, rel_value: str | None) -> str:
    """The start tag with noopener and noreferrer added to its rel attribute."""
    rels = " ".join(dict.fromkeys([*(rel_value or "").split(), *REQUIRED_RELS]))
    return _set_attribute(start_tag, REL_ATTRIBUTE, "rel", rels)


def leaving_tag(start_tag: str, rel_value: str | None) -> str:
    """The start tag opening in a new tab, with noopener and noreferrer in its rel."""
    return with_rels(_set_attribute(start_tag, TARGET_ATTRIBUTE, "target", "_blank"), rel_value)


class _LinkTagFinder(PositionedParser):
    """Finds the exact source text of each link start tag that `rewrite` changes."""

    def __init__(self, rewrite: Rewrite) -> None:
        """Look for links that `rewrite` gives a new start tag."""
        super().__init__()
        self.rewrite = rewrite
        self.edits: list[Edit] = []
        self.svg_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Record the replacement for a link start tag, when `rewrite` gives one."""
        if tag == "svg":
            self.svg_depth += 1
        if tag not in LINK_TAGS:
            return
        text = self.get_starttag_text() or ""
        replacement = self.rewrite(text, dict(attrs))
        if replacement is None:
            return
        if self.svg_depth:
            # SVG's <a> has `target` but no `rel`; a new tab from `target` has no opener anyway.
            replacement = REL_ATTRIBUTE.sub("", replacement)
        start = self.tag_offset()
        self.edits.append((start, start + len(text), replacement))

    def handle_endtag(self, tag: str) -> None:
        """Leave an inline SVG."""
        if tag == "svg" and self.svg_depth:
            self.svg_depth -= 1


def rewrite_links(html: str, rewrite: Rewrite) -> str:
    """The page with each link start tag replaced by what `rewrite` returns for it."""
    finder = _LinkTagFinder(rewrite)
    finder.parse(html)
    return splice(html, finder.edits)


def mark_outbound(html: str, site_url: str) -> str:
    """The page with noopener and noreferrer on every link to another host."""

    def rewrite(start_tag: str, values: dict[str, str | None]) -> str | None:
        href = values.get("href")
        if not href or not is_outbound(href, site_url):
            return None
        rels = (values.get("rel") or "").lower().split()
        if all(rel in rels for rel in REQUIRED_RELS):
            return None
        return with_rels(start_tag, values.get("rel"))

    return rewrite_links(html, rewrite)


def open_outside_frame(html: str) -> str:
    """The page with every non-fragment link opening in a new tab."""

    def rewrite(start_tag: str, values: dict[str, str | None]) -> str | None:
        href = values.get("href")
        if href is None or stays_in_frame(href) or values.get("target") in {"_blank", "_top"}:
            return None
        return leaving_tag(start_tag, values.get("rel"))

    return rewrite_links(html, rewrite)
