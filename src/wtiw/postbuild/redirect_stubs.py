"""The redirect stubs for old addresses send no Referer, like every other page.

mkdocs-redirects writes each old address (`crisis/`, `feedback/`, ...) as a tiny page of its own,
without the theme, so it lacks the referrer policy of `overrides/partials/site/security.html`.
`add_policy` puts that same partial into each stub, right after `<meta charset>` and so before
the stub's redirect script (first of the post-build steps, `finish.py`).
"""

from __future__ import annotations

import re

POLICY_PARTIAL = "partials/site/security.html"
CHARSET_META = re.compile(r"<meta\s+charset=[^>]*>", re.IGNORECASE)


def add_policy(html: str, policy: str) -> str:
    """The page with `policy` (markup) right after its `<meta charset>`, before any script."""
    anchor = CHARSET_META.search(html)
    if anchor is None:
        raise ValueError("no <meta charset> to put the referrer policy after")
    return f"{html[: anchor.end()]}\n{policy}{html[anchor.end() :]}"
