"""The embed form of every page, written beside it as `<page>/embed.html`.

Clinics show our pages in an iframe. The embed form is the same page rendered with
`overrides/embed.html` (no header, navigation, sidebars, search or footer; crisis link, review
date and an attribution link kept), with every link that leaves the page opening in a new tab.
It sits in the page's own folder, so every relative link and asset path in the page resolves
exactly as it does for the full page. Why a generated copy rather than `?embed=1`: DESIGN.md.
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment

from wtiw.postbuild.links import open_outside_frame

EMBED_TEMPLATE = "embed.html"
EMBED_FILE = "embed.html"
# The one height (px) every guide embed has, whatever the step, the answers or the width: the
# snippet's `height` attribute and what embed-frame.js reports, so the host learns nothing.
GUIDE_FRAME_HEIGHT = 900


def embed_path(dest_uri: str) -> str:
    """Where the embed form of the page written to `dest_uri` goes: the same folder."""
    folder = dest_uri.rpartition("/")[0]
    return f"{folder}/{EMBED_FILE}" if folder else EMBED_FILE


def render_embed(theme: Environment, context: dict[str, Any]) -> str:
    """The embed form of a page, from the theme's environment and the page's own context."""
    template = theme.get_template(EMBED_TEMPLATE)
    return open_outside_frame(
        template.render({**context, "wtiw_guide_frame_height": GUIDE_FRAME_HEIGHT})
    )
