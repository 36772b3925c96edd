"""Edit built HTML in place: find tags with their exact offsets, then splice in replacements.

Post-build steps change a few tags of a finished page (a link's `rel`, a run of stylesheets,
the policy meta tag) and must leave every other byte as it was, so they never re-serialise a
parsed tree. `PositionedParser` is Python's HTMLParser that also knows where each tag
starts; `splice` applies (start, end, text) edits.

    >>> splice("<a href=x>y</a>", [(0, 10, '<a href="x" rel="noopener">')])
    '<a href="x" rel="noopener">y</a>'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html.parser import HTMLParser

# HTMLParser counts lines at "\n" only; str.splitlines would also split at \x0c and others.
_NEWLINE = re.compile("\n")

Edit = tuple[int, int, str]


class PositionedParser(HTMLParser):
    """An HTMLParser whose handlers can ask for the character offset of the current tag."""

    def __init__(self, *, convert_charrefs: bool = True) -> None:
        """Start on an empty page."""
        super().__init__(convert_charrefs=convert_charrefs)
        self._line_starts = [0]

    def parse(self, html: str) -> None:
        """Parse one whole page, calling the handlers in document order."""
        self._line_starts = [0, *(match.end() for match in _NEWLINE.finditer(html))]
        self.feed(html)
        self.close()

    def tag_offset(self) -> int:
        """Character offset in the page of the tag being handled."""
        line, column = self.getpos()
        return self._line_starts[line - 1] + column


def splice(html: str, edits: Iterable[Edit]) -> str:
    """The page with each (start, end) range replaced by its text; ranges must not overlap."""
    pieces: list[str] = []
    position = 0
    for start, end, text in sorted(edits):
        pieces += [html[position:start], text]
        position = end
    pieces.append(html[position:])
    return "".join(pieces)
