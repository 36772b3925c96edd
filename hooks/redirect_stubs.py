"""MkDocs hook: the redirect stubs for old addresses send no Referer, like every other page.

mkdocs-redirects writes each old address (`crisis/`, `feedback/`, ...) as a tiny page of its own,
without the theme, so it lacks the referrer policy of `overrides/partials/site/security.html`.
This hook puts that same partial into each stub, right after `<meta charset>` and so before the
stub's redirect script. It runs after the plugin has written the stubs and before `assets.py`
and `csp.py`, which must see the final HTML.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs_redirects.plugin import get_html_path

POLICY_PARTIAL = "partials/site/security.html"
CHARSET_META = re.compile(r"<meta\s+charset=[^>]*>", re.IGNORECASE)


def add_policy(html: str, policy: str) -> str:
    """The page with `policy` (markup) right after its `<meta charset>`, before any script."""
    anchor = CHARSET_META.search(html)
    if anchor is None:
        raise ValueError("no <meta charset> to put the referrer policy after")
    return f"{html[: anchor.end()]}\n{policy}{html[anchor.end() :]}"


@event_priority(-50)
def on_post_build(config: MkDocsConfig) -> None:
    """Add the theme's referrer policy to every stub mkdocs-redirects wrote."""
    plugin = config.plugins.get("redirects")
    if plugin is None:
        return
    policy = config.theme.get_env().get_template(POLICY_PARTIAL).render().strip()
    for old in plugin.config["redirect_maps"]:
        relative = get_html_path(old, config.use_directory_urls)
        path = Path(config.site_dir) / relative
        # The plugin writes no stub for a missing target; its warning fails a strict build.
        if not path.is_file():
            continue
        try:
            path.write_text(add_policy(path.read_text(encoding="utf-8"), policy), encoding="utf-8")
        except ValueError as error:
            raise PluginError(f"redirect stub {relative}: {error}") from error
