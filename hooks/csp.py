"""MkDocs hook: a Content-Security-Policy meta tag on every built page, and rel on outbound links.

Thin glue: the policy lives in `csp_policy.py`, the link rule in `link_rewrite.py`. It works
on the written files in the last post-build step, so it sees the HTML exactly as published,
including pages other plugins write (redirects) and other hooks' changes. Before anything is
written, every page's content is checked for inline code the policy would wrongly allow or
block, so a `<script>` pasted into Markdown fails the build naming its file and line.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from csp_policy import CspError, content_problems, insert_policy, template_scripts
from jinja2 import Environment
from link_rewrite import mark_outbound
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files

log = logging.getLogger("mkdocs.hooks.csp")
_command = "build"


def on_startup(command: str, dirty: bool) -> None:
    """Remember whether this is `mkdocs serve`."""
    global _command
    _command = command


def source_line(source: str, needle: str) -> int:
    """Line number (1-based) of the first line of `source` holding `needle`, or 1."""
    index = source.lower().find(needle.lower())
    return source.count("\n", 0, index) + 1 if index >= 0 else 1


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """After every page is rendered, before anything is written: check every page's content."""
    custom_dir = config.theme.custom_dir
    templates = sorted(Path(custom_dir).rglob("*.html")) if custom_dir else []
    allowed = template_scripts(path.read_text(encoding="utf-8") for path in templates)
    config_dir = os.path.dirname(config.config_file_path or ".")
    messages: list[str] = []
    for file in files.documentation_pages():
        if file.page is None or file.page.content is None:
            continue
        path = os.path.relpath(file.abs_src_path, config_dir).replace(os.sep, "/")
        for problem in content_problems(file.page.content, allowed):
            line = source_line(file.content_string, problem.needle)
            messages.append(f"{path}:{line}: {problem.label}.")
    if messages:
        raise PluginError(
            "Page content the Content-Security-Policy cannot allow (see DESIGN.md):\n"
            + "\n".join(messages)
        )
    return env


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
