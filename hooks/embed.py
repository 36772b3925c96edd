"""MkDocs hook: write an embed form of every page beside it, as `<page>/embed.html`.

Clinics show our pages in an iframe. The embed form is the same page rendered with
`overrides/embed.html` (no header, navigation, sidebars, search or footer; crisis link, review
date and an attribution link kept), with every link that leaves the page opening in a new tab.
It sits in the page's own folder, so every relative link and asset path in the page resolves
exactly as it does for the full page. Why a generated copy rather than `?embed=1`: DESIGN.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment
from link_rewrite import open_outside_frame
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

EMBED_TEMPLATE = "embed.html"
EMBED_FILE = "embed.html"

_state: dict[str, Any] = {"env": None, "contexts": {}}


def embed_path(dest_uri: str) -> str:
    """Where the embed form of the page written to `dest_uri` goes: the same folder."""
    folder = dest_uri.rpartition("/")[0]
    return f"{folder}/{EMBED_FILE}" if folder else EMBED_FILE


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Keep the theme's environment, with every filter other hooks add, for the embed form."""
    _state["env"] = env
    return env


def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    """Remember the page's template context; the embed form renders from the same one."""
    _state["contexts"][page.file.src_uri] = context
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Render the embed form of this page and write it beside the page."""
    context = _state["contexts"].pop(page.file.src_uri, None)
    env: Environment | None = _state["env"]
    if context is None or env is None:
        return output
    try:
        html = env.get_template(EMBED_TEMPLATE).render(context)
    except Exception as error:
        raise PluginError(
            f"overrides/{EMBED_TEMPLATE}: cannot render the embed form of "
            f"{page.file.src_uri}: {error}"
        ) from error
    destination = Path(config.site_dir) / embed_path(page.file.dest_uri)
    destination.parent.mkdir(parents=True, exist_ok=True)
    destination.write_text(open_outside_frame(html), encoding="utf-8")
    return output
