"""Make every link in an embed copy leave the clinic's frame, except in-page fragments.

In an iframe, a plain link opens inside the frame: the reader would end up browsing our whole
site in a box on someone else's page. Each link to another address therefore gets
`target="_blank" rel="noopener noreferrer"` at build time, so it works without JavaScript.
Fragment links (`#next-step`, the guide's answers, the skip link) stay in the frame. Plain
Python, no MkDocs:

    >>> open_outside_frame('<a href="../guide/">Guide</a> <a href="#a">A</a>')
    '<a href="../guide/" target="_blank" rel="noopener noreferrer">Guide</a> <a href="#a">A</a>'
"""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser

REQUIRED_RELS = ("noopener", "noreferrer")
LINK_TAGS = {"a", "area"}
ATTRIBUTE = r"""\s{name}\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)"""
REL_ATTRIBUTE = re.compile(ATTRIBUTE.format(name="rel"), re.IGNORECASE)
TARGET_ATTRIBUTE = re.compile(ATTRIBUTE.format(name="target"), re.IGNORECASE)
TAG_END = re.compile(r"\s*/?>$")
NEWLINE = re.compile("\n")


def stays_in_frame(href: str) -> bool:
    """True for a link within the embedded document itself (a fragment of this page)."""
    return href.strip().startswith("#")


def _set_attribute(start_tag: str, pattern: re.Pattern[str], name: str, value: str) -> str:
    """The start tag with attribute `name` set to `value`, replacing any existing one."""
    attribute = f' {name}="{escape(value, quote=True)}"'
    if pattern.search(start_tag):
        return pattern.sub(lambda _: attribute, start_tag, count=1)
    end = TAG_END.search(start_tag)
    assert end is not None, start_tag  # HTMLParser only reports complete start tags
    return f"{start_tag[: end.start()]}{attribute}{start_tag[end.start() :]}"


def leaving_tag(start_tag: str, rel_value: str | None) -> str:
    """The start tag opening in a new tab, with noopener and noreferrer in its rel."""
    rels = " ".join(dict.fromkeys([*(rel_value or "").split(), *REQUIRED_RELS]))
    tag = _set_attribute(start_tag, TARGET_ATTRIBUTE, "target", "_blank")
    return _set_attribute(tag, REL_ATTRIBUTE, "rel", rels)


class _LinkFinder(HTMLParser):
    """Finds the exact source text of each start tag of a link that leaves the frame."""

    def __init__(self) -> None:
        """Start with nothing found."""
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[int, int, str]] = []
        self._line_offsets = [0]

    def find(self, html: str) -> list[tuple[int, int, str]]:
        """(start, end, replacement) for every link start tag that must leave the frame."""
        # HTMLParser counts lines at "\n" only; str.splitlines would also split at \x0c etc.
        self._line_offsets += [match.end() for match in NEWLINE.finditer(html)]
        self.feed(html)
        self.close()
        return self.tags

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Record links to another document that do not already open a new browsing context."""
        values = dict(attrs)
        href = values.get("href")
        if tag not in LINK_TAGS or href is None or stays_in_frame(href):
            return
        if values.get("target") in {"_blank", "_top"}:
            return
        text = self.get_starttag_text() or ""
        line, column = self.getpos()
        start = self._line_offsets[line - 1] + column
        self.tags.append((start, start + len(text), leaving_tag(text, values.get("rel"))))


def open_outside_frame(html: str) -> str:
    """The page with every non-fragment link opening in a new tab."""
    pieces: list[str] = []
    position = 0
    for start, end, replacement in _LinkFinder().find(html):
        pieces += [html[position:start], replacement]
        position = end
    pieces.append(html[position:])
    return "".join(pieces)
