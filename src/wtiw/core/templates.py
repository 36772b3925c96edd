"""The one Jinja environment for the partials our Python renders (guide, professionals page).

Strict about undefined names, so a typo in a template fails the build instead of printing
nothing; autoescaped, so text from YAML can never become markup by accident.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from wtiw.core.interface import template_words
from wtiw.core.site import PROJECT

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}()!|<>])")


def markdown_text(text: str) -> Markup:
    """Escape plain text for a Markdown template: HTML first, then Markdown's punctuation."""
    return Markup(_MARKDOWN_SPECIAL.sub(r"\\\1", str(escape(text))))


@cache
def partials(templates: Path, data: Path | None = None, language: str = "en") -> Environment:
    """The environment over the theme-override folder (`overrides/`), one per edition.

    Templates get `wtiw_t`, the interface texts in `language` (`core/interface.py`), as the
    theme's templates do: shared partials (`partials/site/crisis-numbers.html`) use it.
    Without `data`, the project's own data folder beside `templates` (`docs/_data`), in
    English: callers building another edition must pass theirs.
    """
    env = Environment(
        loader=FileSystemLoader(templates),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md"] = markdown_text
    if data is None:
        data = templates.parent / PROJECT.data
    env.globals["wtiw_t"] = template_words(data, language)
    env.globals["wtiw_language"] = language
    return env


def without_blank_lines(html: str) -> str:
    """Drop blank lines: Markdown ends a raw HTML block at a blank line."""
    return "\n".join(line for line in html.splitlines() if line.strip())
