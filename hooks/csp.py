"""MkDocs hook: a Content-Security-Policy meta tag on every built page, and rel on outbound links.

Thin glue: the policy lives in `csp_policy.py`, the link rule in `link_rewrite.py`. It works
on the written files in the last post-build step, so it sees the HTML exactly as published,
including pages other plugins write (redirects) and other hooks' changes.
"""

from __future__ import annotations

import logging
from pathlib import Path

from csp_policy import CspError, insert_policy
from link_rewrite import mark_outbound
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

log = logging.getLogger("mkdocs.hooks.csp")
_command = "build"


def on_startup(command: str, dirty: bool) -> None:
    """Remember whether this is `mkdocs serve`."""
    global _command
    _command = command


@event_priority(-100)
def on_post_build(config: MkDocsConfig) -> None:
    """Rewrite every HTML file of the site: outbound rels, then the policy for its scripts."""
    site_dir = Path(config.site_dir)
    # `mkdocs serve` injects its own unhashable live-reload script into every page it serves.
    with_policy = _command != "serve"
    for path in sorted(site_dir.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        html = mark_outbound(html, config.site_url or "")
        if with_policy:
            try:
                html = insert_policy(html)
            except CspError as error:
                name = path.relative_to(site_dir)
                raise PluginError(f"Content-Security-Policy for {name}: {error}") from error
        path.write_text(html, encoding="utf-8")
    if not with_policy:
        log.info("csp: no Content-Security-Policy under `mkdocs serve` (live reload is inline)")
