"""oEmbed 1.0 documents: one static JSON file per page and per guide step.

Website builders (WordPress, Ghost, Notion…) turn a pasted address into an embed by reading
the page's `<link rel="alternate" type="application/json+oembed">`. GitHub Pages cannot run
an oEmbed endpoint, so each target's answer is a file written at build time:

    oembed/index.json                  the home page
    oembed/<page-path>.json            a page, e.g. oembed/talk-to-your-therapist.json
    oembed/guide/<step-id>.json        one guide step (the guide itself: oembed/guide.json)

Sections have none: a site builder embeds a whole page or a step. The document's `html` is the
embed snippet the "For therapists and clinics" picker gives for the same target, rendered
by the same macro (`links/professionals.py`), so the two cannot differ. This module knows the
format only: the file scheme and the fields (`tests/test_oembed.py` checks them against the
spec). Example::

    oembed_path("guide/", "start")  # "oembed/guide/start.json"
"""

from __future__ import annotations

import json
from typing import Any

FOLDER = "oembed/"
VERSION = "1.0"
# The width a consumer should reserve; the snippet itself is `width: 100%`.
WIDTH = 640
# A day: the snippet's integrity hash changes whenever embed.js does, so do not cache for long.
CACHE_AGE = 86400


def oembed_path(page_path: str, anchor: str = "") -> str:
    """Where a page's (or, with `anchor`, a guide step's) document goes, from the site root."""
    page = page_path.strip("/") or "index"
    return f"{FOLDER}{page}/{anchor}.json" if anchor else f"{FOLDER}{page}.json"


def oembed_document(
    *, html: str, height: int, title: str, provider_name: str, provider_url: str
) -> dict[str, Any]:
    """An oEmbed 1.0 response of type `rich` for one embed snippet."""
    return {
        "version": VERSION,
        "type": "rich",
        "title": title,
        "provider_name": provider_name,
        "provider_url": provider_url,
        "cache_age": CACHE_AGE,
        "html": html,
        "width": WIDTH,
        "height": height,
    }


def to_json(document: dict[str, Any]) -> str:
    """The file's text: stable key order, readable, UTF-8 (JSON escapes nothing needlessly)."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
