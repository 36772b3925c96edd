"""Entry point for mkdocs-macros-plugin: registers the site's macros and nothing else.

Checking the guide tree and the link contract is the MkDocs plugin's job
(`mkdocs_plugin.py`), before any page is built; these macros only render. mkdocs-macros
finds this module through `modules: [wtiw.macros]` in mkdocs.yml, and other generators that
run mkdocs-macros (Zensical) find it the same way.
"""

from __future__ import annotations

import html
import json
import os
from pathlib import Path
from typing import Any

from click import ClickException

from wtiw.core.config_file import check_config
from wtiw.core.interface import words
from wtiw.core.problems import InputError
from wtiw.core.site import site_folders
from wtiw.crisis.edition import edition_crisis_help
from wtiw.crisis.markdown import markdown_list
from wtiw.crisis.numbers import CrisisHelp
from wtiw.embed.integrity import source_integrity
from wtiw.guide.page import guide_html, guide_map_markdown
from wtiw.guide.render import GuideContext
from wtiw.links.professionals import render_part
from wtiw.links.targets import site_link_groups
from wtiw.pages.front_matter import long_date
from wtiw.pages.review import clinical_review_markdown, clinical_sign_offs
from wtiw.pages.standards import site_standards, standards_markdown


def define_env(env: Any) -> None:
    """Register the guide, crisis-number and professionals macros with mkdocs-macros-plugin."""
    # This edition's pages, templates, language and the data both editions share.
    folders = site_folders(env.conf)
    config_file = Path(env.conf.get("config_file_path") or "mkdocs.yml")
    project = config_file.parent
    # The plugin checks and finishes the site: without it (a second `plugins:` key, an entry
    # deleted) the build must stop here, with one line, not deep in a template.
    try:
        check_config(config_file, config_file.name, env.conf.get("plugins") or ())
    except InputError as error:
        # MkDocs and mkdocs-macros run on click, which prints its errors as one line each.
        raise ClickException(f"the site's configuration needs fixing:\n{error}") from None
    label = os.path.relpath(folders.guide_tree, project)

    def crisis() -> CrisisHelp:
        """Every crisis number, from docs/_data/crisis-help.yml, in this edition's words."""
        return edition_crisis_help(folders, project)

    def context() -> GuideContext:
        """Where the page being built is published, and in which language."""
        return GuideContext(
            page_url=env.page.url,
            site_url=env.conf["site_url"] or "",
            use_directory_urls=env.conf["use_directory_urls"],
            templates=folders.templates,
            crisis=crisis(),
            data=folders.data,
            language=folders.language,
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
            folders,
            site_name=env.conf["site_name"],
            site_url=env.conf["site_url"] or "",
            page_url=env.page.url,
            integrity=source_integrity(folders.english.docs),
        )

    @env.macro
    def crisis_numbers(name: str, where: bool = True, only: str | None = None) -> str:
        """A list of crisis numbers from docs/_data/crisis-help.yml, as call and text links."""
        if only not in (None, "call", "text"):
            raise ValueError(f'crisis_numbers(only=...) takes "call" or "text", not {only!r}')
        return markdown_list(crisis(), name, where=where, only=only)

    @env.macro
    def crisis_numbers_checked() -> str:
        """The date every crisis number was last checked, as "25 November 2026"."""
        return long_date(crisis().checked, folders.language)

    @env.macro
    def self_check_texts() -> str:
        """self-check.js's words in this edition's language: JSON for a `data-` attribute."""
        text = words(folders.data, folders.language, project)
        texts = {
            "total": text("guide.self_check_total"),
            "soFar": text("guide.self_check_so_far"),
            "crisis": text("guide.self_check_crisis"),
        }
        return html.escape(json.dumps(texts, ensure_ascii=False))

    @env.macro
    def standards() -> str:
        """The "How this guide meets the standards" page body, from ipdas.yml and standards.yml."""
        # Checked in the plugin's `on_pre_build`, so a problem stops the build there, clearly.
        text = words(folders.data, folders.language, project)
        return standards_markdown(site_standards(folders, project), text)

    @env.macro
    def clinical_review_status() -> str:
        """Who has signed pages off as a clinician, or that no one has yet (never invented)."""
        text = words(folders.data, folders.language, project)
        return clinical_review_markdown(clinical_sign_offs(folders.docs), text, folders.language)
