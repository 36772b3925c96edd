"""Changes to one file of a copy of the project, for the tables of broken inputs.

Each change is a function from the file's text to the new text; one that no longer finds what
it replaces fails loudly, so an edit to the content never turns a fixture into a no-op.
"""

from __future__ import annotations

import re
from collections.abc import Callable


def replace(old: str, new: str, *, pattern: bool = False) -> Callable[[str], str]:
    """A change that replaces the first `old` (text, or a regex) with `new`."""

    def change(text: str) -> str:
        if pattern:
            changed, count = re.subn(old, new, text, count=1, flags=re.MULTILINE)
        else:
            changed, count = text.replace(old, new, 1), text.count(old)
        assert count, f"{old!r} is no longer in the file: update this table"
        return changed

    return change


def append(text: str) -> Callable[[str], str]:
    """A change that adds `text` at the end of the file."""
    return lambda source: source + text


def front(text: str) -> Callable[[str], str]:
    """A change that puts `text` at the start of a page's front matter."""
    return replace("---\n", "---\n" + text)
