"""Subresource Integrity for the host script `embed.js` that clinics load from our site.

The embed snippet carries `integrity="sha384-…"`, so a clinic's browser runs our script only
if it is byte for byte the file we published: a changed file on our host (or on the way)
is refused instead of running on the clinic's page. The hash is worked out at build time
from the source (`docs/embed.js`, which MkDocs copies as it is), never written by hand, and
`check_published` compares it with the file in the built site after every post-build step,
so the snippet can never name a hash the site does not serve. Example::

    integrity(b"x")  # "sha384-…"
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

HOST_SCRIPT = "embed.js"


def integrity(data: bytes) -> str:
    """The SRI value for these bytes: `sha384-` and the base64 of their SHA-384 digest."""
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode("ascii")


def source_integrity(docs_dir: Path) -> str:
    """The SRI value of the host script as MkDocs will publish it (copied unchanged)."""
    return integrity((docs_dir / HOST_SCRIPT).read_bytes())


def check_published(site_dir: Path, expected: str) -> None:
    """Raise `ValueError` when the built `embed.js` no longer matches the snippets' hash."""
    published = site_dir / HOST_SCRIPT
    if not published.is_file():
        raise ValueError(
            f"{HOST_SCRIPT} is missing from the built site; the embed snippet loads it."
        )
    found = integrity(published.read_bytes())
    if found != expected:
        raise ValueError(
            f"{HOST_SCRIPT} in the built site ({found}) differs from docs/{HOST_SCRIPT} "
            f"({expected}): a post-build step changed it, so every embed snippet's "
            "integrity hash would be refused. Leave the file as it is written."
        )
