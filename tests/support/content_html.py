"""Read facts out of built pages with the standard library's HTML parser.

Two readers: `PageFacts` (ids, head metadata, JSON-LD, review dates, crisis link, disclaimer)
and `prose_blocks` (the body text a reader reads, for readability scores).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


@dataclass
class PageFacts:
    """What one built page says about itself."""

    lang: str | None = None
    title: str = ""
    meta: dict[str, str] = field(default_factory=dict)
    links: dict[str, str] = field(default_factory=dict)
    ids: set[str] = field(default_factory=set)
    json_ld: list[str] = field(default_factory=list)
    times: list[tuple[str, str]] = field(default_factory=list)
    crisis_links: list[tuple[str, bool]] = field(default_factory=list)
    disclaimers: list[str] = field(default_factory=list)


class _FactsParser(HTMLParser):
    """Fills a PageFacts while it reads one page."""

    def __init__(self) -> None:
        """Start with empty facts and no open elements."""
        super().__init__(convert_charrefs=True)
        self.facts = PageFacts()
        self._capture: str | None = None
        self._buffer: list[str] = []
        self._time_datetime = ""
        self._in_announce = 0
        self._stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Record ids, head tags, and start capturing text where it matters."""
        values = {name: value or "" for name, value in attrs}
        if values.get("id"):
            self.facts.ids.add(values["id"])
        if tag == "html":
            self.facts.lang = values.get("lang")
        elif tag == "meta" and "content" in values:
            key = values.get("name") or values.get("property")
            if key:
                self.facts.meta[key] = values["content"]
        elif tag == "link" and values.get("rel"):
            self.facts.links[values["rel"]] = values.get("href", "")
        elif tag == "title" and "head" in self._stack:
            # Only the document's title: an inline SVG in the body has <title> elements too.
            self._start_capture(tag)
        elif tag == "script" and values.get("type") == "application/ld+json":
            self._start_capture(tag)
        elif tag == "time":
            self._time_datetime = values.get("datetime", "")
            self._start_capture("time")
        elif tag == "aside" and "data-wtiw-disclaimer" in values:
            self._start_capture("disclaimer")
        elif tag == "a" and "data-wtiw-crisis-link" in values:
            self.facts.crisis_links.append((values.get("href", ""), self._in_announce > 0))
        if tag not in VOID:
            self._stack.append(tag)
            if values.get("data-md-component") == "announce":
                self._in_announce = len(self._stack)

    def handle_endtag(self, tag: str) -> None:
        """Finish a captured element and close the element."""
        if self._capture and self._ends_capture(tag):
            self._finish_capture()
        if tag in VOID or not self._stack:
            return
        while self._stack and self._stack.pop() != tag:
            pass
        if self._in_announce > len(self._stack):
            self._in_announce = 0

    def handle_data(self, data: str) -> None:
        """Collect text for the element being captured."""
        if self._capture:
            self._buffer.append(data)

    def _start_capture(self, kind: str) -> None:
        """Begin collecting text for one element."""
        self._capture = kind
        self._buffer = []

    def _ends_capture(self, tag: str) -> bool:
        """True when `tag` closes the element being captured."""
        closing = {"disclaimer": "aside"}.get(self._capture or "", self._capture)
        return tag == closing

    def _finish_capture(self) -> None:
        """Store the collected text where it belongs."""
        text = " ".join("".join(self._buffer).split())
        if self._capture == "title":
            self.facts.title = text
        elif self._capture == "script":
            self.facts.json_ld.append("".join(self._buffer))
        elif self._capture == "time":
            self.facts.times.append((self._time_datetime, text))
        elif self._capture == "disclaimer":
            self.facts.disclaimers.append(text)
        self._capture = None


def page_facts(html: str) -> PageFacts:
    """Parse one built page and return what it says about itself."""
    parser = _FactsParser()
    parser.feed(html)
    parser.close()
    return parser.facts


# Prose: the text a reader reads in the article, without the parts a grade formula misreads.
SKIPPED_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "pre", "code", "script", "style", "nav"}
SKIPPED_TAGS |= {"form", "button", "svg", "table", "figure", "template"}
SKIPPED_CLASSES = {"admonition-title", "headerlink", "wtiw-review", "wtiw-disclaimer"}
SKIPPED_CLASSES |= {"md-button", "md-source-file"}
BLOCK_TAGS = {"p", "li", "dd", "dt", "blockquote", "summary"}


@dataclass
class _Block:
    """One paragraph or list item being read."""

    tag: str
    depth: int
    parts: list[str] = field(default_factory=list)
    outside_links: bool = False


class _ProseParser(HTMLParser):
    """Collects prose blocks inside the page's article, skipping code, headings and chrome."""

    def __init__(self) -> None:
        """Start outside the article."""
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._stack: list[str] = []
        self._article_depth = 0
        self._skip_depth = 0
        self._link_depth = 0
        self._open: list[_Block] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Track where we are: in the article, in a skipped part, in a link, in a block."""
        if tag in VOID:
            return
        self._stack.append(tag)
        depth = len(self._stack)
        values = {name: value or "" for name, value in attrs}
        classes = set(values.get("class", "").split())
        if tag == "article" and "md-content__inner" in classes:
            self._article_depth = depth
        if not self._article_depth or self._skip_depth:
            return
        if tag in SKIPPED_TAGS or classes & SKIPPED_CLASSES or "hidden" in values:
            self._skip_depth = depth
        elif tag == "a" and not self._link_depth:
            self._link_depth = depth
        elif tag in BLOCK_TAGS:
            self._open.append(_Block(tag, depth))

    def handle_endtag(self, tag: str) -> None:
        """Close elements, finishing blocks and leaving skipped parts."""
        if tag in VOID or tag not in self._stack:
            return
        while self._stack:
            depth = len(self._stack)
            closed = self._stack.pop()
            self._close(depth)
            if closed == tag:
                break

    def _close(self, depth: int) -> None:
        """Leave whatever was opened at `depth`."""
        if depth == self._skip_depth:
            self._skip_depth = 0
        if depth == self._link_depth:
            self._link_depth = 0
        if self._open and self._open[-1].depth == depth:
            block = self._open.pop()
            text = " ".join("".join(block.parts).split())
            # A list item that is only a link is navigation, not prose.
            if text and (block.outside_links or block.tag != "li"):
                self.blocks.append(text)
        if depth == self._article_depth:
            self._article_depth = 0

    def handle_data(self, data: str) -> None:
        """Give text to the innermost open block."""
        if not self._article_depth or self._skip_depth or not self._open:
            return
        block = self._open[-1]
        block.parts.append(data)
        if data.strip() and not self._link_depth:
            block.outside_links = True


def prose_blocks(html: str) -> list[str]:
    """The paragraphs and list items of a page's article, as plain text."""
    parser = _ProseParser()
    parser.feed(html)
    parser.close()
    return parser.blocks
