"""Entry point for mkdocs-macros-plugin: registers the site's macros and nothing else.

Checking the guide tree and the link contract is the MkDocs plugin's job
(`mkdocs_plugin.py`), before any page is built; these macros only render. mkdocs-macros
finds this module through `modules: [wtiw.macros]` in mkdocs.yml, and other generators that
run mkdocs-macros (Zensical) find it the same way.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from wtiw.core.site import PROJECT, SiteFolders
from wtiw.guide.page import guide_html, guide_map_markdown
from wtiw.guide.render import GuideContext
from wtiw.links.professionals import render_part
from wtiw.links.targets import site_link_groups


def define_env(env: Any) -> None:
    """Register `guide()`, `guide_map()` and `professionals(part)` with mkdocs-macros-plugin."""
    # Zensical's config has no custom_dir or config_file_path: fall back to the project layout.
    custom_dir = getattr(env.conf["theme"], "custom_dir", None) or PROJECT.templates
    folders = SiteFolders(Path(env.conf["docs_dir"]), Path(custom_dir))
    project = Path(env.conf.get("config_file_path") or "mkdocs.yml").parent
    label = os.path.relpath(folders.guide_tree, project)

    def context() -> GuideContext:
        """Where the page being built is published."""
        return GuideContext(
            page_url=env.page.url,
            site_url=env.conf["site_url"] or "",
            use_directory_urls=env.conf["use_directory_urls"],
            templates=folders.templates,
        )

    @env.macro
    def guide() -> str:
        """The "What should I try next?" guide, from docs/_data/guide.yaml."""
        return guide_html(folders, label, context())

    @env.macro
    def guide_map() -> str:
        """The map of the guide: nested lists and a diagram."""
        return guide_map_markdown(folders, label, context())

    @env.macro
    def professionals(part: str) -> str:
        """A generated part of the "For therapists and clinics" page: list, picker or snippet."""
        return render_part(
            part,
            site_link_groups(folders, label),
            folders.templates,
            site_name=env.conf["site_name"],
            site_url=env.conf["site_url"] or "",
            page_url=env.page.url,
        )
