"""Our partials rendered as MkDocs' theme renders them, without a build.

The theme's Jinja does not autoescape (so a partial must escape what it prints), and the
plugin gives it the edition's interface texts (`mkdocs_plugin.py`, `on_env`): `wtiw_t` and
`wtiw_language`. Tests that render a partial directly need both, or they test another thing.
"""

from __future__ import annotations

from jinja2 import BaseLoader, Environment

from tests.support.build import ROOT
from wtiw.core.interface import template_words

DATA = ROOT / "docs" / "_data"


def theme_environment(loader: BaseLoader, language: str = "en") -> Environment:
    """A Jinja environment like the theme's, in `language`, reading templates from `loader`."""
    env = Environment(loader=loader, autoescape=False)
    env.globals["wtiw_t"] = template_words(DATA, language, ROOT)
    env.globals["wtiw_language"] = language
    return env
