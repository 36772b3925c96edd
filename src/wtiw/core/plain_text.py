"""Plain text, as the data files promise: no HTML, Markdown or Jinja in what editors write.

The site escapes data everywhere it renders it, but some places show it raw (oEmbed titles,
link previews, a Markdown list built from a data file), so markup is refused where it is
written, with its place. Example: ``markup_in("See [NHS](https://www.nhs.uk/)")`` names
the square brackets of a Markdown link.
"""

from __future__ import annotations

import html
import re

# Signs that only markup needs, each with what it would start. Ordered so the first match
# names the most likely intent (a tag before a stray sign).
_MARKUP = (
    (re.compile(r"\{[{%#]|[}%#]\}"), "a Jinja tag ({{ }}, {% %} or {# #})"),
    (re.compile(r"[<>]"), "HTML (the signs < and >)"),
    (re.compile(r"&(?:#[0-9]+|#x[0-9a-f]+|[a-z][a-z0-9]*);", re.IGNORECASE), "an HTML entity"),
    (re.compile(r"[\[\]]"), "a Markdown link (square brackets)"),
    (re.compile(r"[`*_~\\|]"), "Markdown formatting (the signs ` * _ ~ \\ |)"),
    (re.compile(r"[{}]"), "curly brackets, which start Jinja tags"),
    (re.compile(r"^[ \t]*#", re.MULTILINE), "a Markdown heading (# at the start of a line)"),
)

PLAIN_TEXT_FIX = "this field is plain text: write words only, without markup."


def markup_in(text: str) -> tuple[int, str] | None:
    """The offset and name of the first markup in `text`, or None when it is plain text."""
    found = [
        (match.start(), rank, name)
        for rank, (pattern, name) in enumerate(_MARKUP)
        if (match := pattern.search(text)) is not None
    ]
    if not found:
        return None
    offset, _, name = min(found)
    return offset, name


def markup_message(text: str) -> str | None:
    """A message naming the markup in `text` and the fix, or None when it is plain text."""
    found = markup_in(text)
    if found is None:
        return None
    offset, name = found
    return f"{name} at character {offset + 1} is not allowed: {PLAIN_TEXT_FIX}"


# Signs Markdown gives a meaning inline; a backslash makes each one literal.
_MARKDOWN_SIGNS = re.compile(r"([\\`*_{}\[\]()#+!|~])")


def escape_markdown(text: str) -> str:
    """`text` as literal Markdown: HTML escaped, every inline Markdown sign backslashed."""
    return _MARKDOWN_SIGNS.sub(r"\\\1", html.escape(text, quote=False))
