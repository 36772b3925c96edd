"""The MkDocs plugin: the only module that imports MkDocs. It wires build events to features.

Every decision lives in the feature packages, which know nothing of MkDocs; this module only
reads the config, hands each feature what it needs, and turns a feature's error into a
`PluginError`, so a problem fails the build with its `file:line` lines and no traceback.
Registered as `wtiw` in pyproject.toml (`mkdocs.plugins` entry point); list it last in
mkdocs.yml's `plugins`, so it sees every other plugin's pages and files.

    build event        feature
    on_config          core/config_file (no duplicate key in mkdocs.yml)
    on_pre_build       guide/ (the tree, approved routes, wording), crisis/ (the numbers),
                       links/ (read the contract)
    on_files           pages/ (no YAML aliases in front matter, before MkDocs reads them;
                       a translation has the English pages and anchors),
                       handout/ (one QR image per public link target), links/ (oEmbed files)
    on_page_markdown   a missing pymdownx snippet, named with its page and line
    on_env             pages/ (front matter, the content allowlist), postbuild/csp (page
                       content)
    on_page_context    handout/ (print details), embed/ (context, oEmbed discovery link)
    on_post_page       embed/ (write `<page>/embed.html`)
    on_post_build      postbuild/ (stubs, assets, outbound links, CSP), last of all;
                       then embed/integrity (the published embed.js matches its hash)
    extra.offline_copy  offline/ (mkdocs-offline.yml): no embed forms, canonical links as
                       online, then the copy finished for file://; other builds leave out
                       the iframe-worker shim
"""

from __future__ import annotations

import logging
import os
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markdown import Markdown
from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs_redirects.plugin import get_html_path
from pymdownx.snippets import SnippetMissingError

from wtiw.core.config_file import check_config
from wtiw.core.editions import editions
from wtiw.core.interface import Words, template_words, words
from wtiw.core.problems import InputError, plural
from wtiw.core.site import ENGLISH, SiteFolders, edition_folder, edition_language, site_folders
from wtiw.core.urls import absolute_url, page_url
from wtiw.crisis.edition import edition_crisis_help
from wtiw.crisis.numbers import CrisisHelp
from wtiw.embed.embed import embed_path, render_embed
from wtiw.embed.integrity import HOST_SCRIPT, check_published, source_integrity
from wtiw.guide.page import site_tree
from wtiw.handout.handout import make_handout, qr_files
from wtiw.links.contract import LinkContractError
from wtiw.links.professionals import oembed_files, oembed_links
from wtiw.links.targets import site_link_groups
from wtiw.offline.site import SHIM_FOLDER, finish_offline
from wtiw.pages.content_html import content_findings
from wtiw.pages.editions_check import Page as EditionPage
from wtiw.pages.editions_check import edition_problems
from wtiw.pages.front_matter import check_page, expansion_problems, long_date
from wtiw.pages.standards import site_standards
from wtiw.postbuild.csp import content_problems, template_scripts
from wtiw.postbuild.finish import SiteFacts, finish_site
from wtiw.postbuild.redirect_stubs import POLICY_PARTIAL

log = logging.getLogger("mkdocs.plugins.wtiw")


def source_place(source: str, needle: str) -> str:
    """`LINE:COLUMN` (1-based) of the first `needle` in `source`, or `1:1`."""
    index = source.lower().find(needle.lower())
    if index < 0:
        return "1:1"
    line = source.count("\n", 0, index) + 1
    return f"{line}:{index - source.rfind(chr(10), 0, index)}"


class SitePlugin(BasePlugin):
    """Checks, print handouts, embed copies and the post-build steps of the site."""

    def __init__(self) -> None:
        """Per-build state: the command, the crisis numbers, contexts awaiting their embed."""
        self.command = "build"
        self.crisis: CrisisHelp | None = None
        self.theme: Environment | None = None
        self.contexts: dict[str, dict[str, Any]] = {}
        # embed.js's SRI hash, and each page's oEmbed discovery link (href, title) by page URL.
        self.integrity = ""
        # The address of the whole site: the English edition's (`on_config`).
        self.root_url = ""
        self.oembed: dict[str, tuple[str, str]] = {}

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Remember whether this is `mkdocs serve` (its live-reload script is inline)."""
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Stop on a duplicate key in mkdocs.yml; publish an edition under its folder.

        The Spanish edition (`mkdocs-es.yml`) inherits the English site's `site_url` and is
        published under it, at `es/` (`extra.editions`): its canonical links, sitemap,
        handouts and embed code all name that address.
        """
        path = Path(config.config_file_path or "mkdocs.yml")
        try:
            check_config(path, path.name, config.plugins)
        except InputError as error:
            raise PluginError(f"The site's configuration needs fixing:\n{error}") from None
        self.root_url = config.site_url or ""
        folder = edition_folder(config, edition_language(config))
        if folder and config.site_url:
            config.site_url = absolute_url(config.site_url, folder)
        if edition_language(config) != ENGLISH:
            self._config_words(config)
        return config

    def _config_words(self, config: MkDocsConfig) -> None:
        """Put the edition's words into the texts mkdocs.yml gives in English.

        Editions share mkdocs.yml; the palette toggles' names and the headings' permalink
        title are looked up, by their English words, in `docs/_data/interface/config.yml`.
        """
        text = self._words(config)
        try:
            for option in config.theme.get("palette") or []:
                toggle = option.get("toggle") if isinstance(option, dict) else None
                if toggle and toggle.get("name"):
                    toggle["name"] = text("config: " + toggle["name"])
            toc = config.mdx_configs.get("toc") or {}
            if toc.get("permalink_title"):
                toc["permalink_title"] = text("config: " + toc["permalink_title"])
        except KeyError as error:
            raise PluginError(f"{error.args[0]} (docs/_data/interface/config.yml)") from None

    def _folders(self, config: MkDocsConfig) -> SiteFolders:
        """Where this edition's pages, theme overrides and shared data are."""
        return site_folders(config)

    def _words(self, config: MkDocsConfig) -> Words:
        """The edition's interface texts; a file missing a language fails the build here."""
        folders = self._folders(config)
        try:
            return words(folders.data, folders.language, _project(config))
        except InputError as error:
            raise PluginError(f"The interface texts need fixing:\n{error}") from None

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Give the navigation's own titles ("Steps to consider") in the edition's language.

        Editions share mkdocs.yml's `nav`, so its structure cannot drift between them; a
        title the config gives is looked up, by its English words, in the interface texts
        (`nav.yml`), and a missing one fails the build.
        """
        folders = self._folders(config)
        if folders.language == ENGLISH:
            return nav
        text = self._words(config)
        missing: list[str] = []

        def retitle(items: list[Any]) -> None:
            for item in items:
                title = getattr(item, "title", None)
                if isinstance(title, str) and title:
                    key = "nav: " + title
                    try:
                        item.title = text(key)
                    except KeyError:
                        missing.append(title)
                retitle(getattr(item, "children", None) or [])

        retitle(nav.items)
        if missing:
            raise PluginError(
                f"The navigation has titles with no {folders.language} text: add each as "
                f"`nav: <title>` to docs/_data/interface/nav.yml: " + "; ".join(missing)
            )
        return nav

    def _label(self, config: MkDocsConfig, path: Path) -> str:
        """A source file's path as editors see it: relative to the config file's folder."""
        project = os.path.dirname(config.config_file_path or ".")
        return os.path.relpath(path, project).replace(os.sep, "/")

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Check the guide tree and read the crisis numbers before any page is built."""
        folders = self._folders(config)
        try:
            site_tree(folders, self._label(config, folders.guide_tree))
        except InputError as error:
            raise PluginError(
                f"The guide tree has {plural(len(error.problems), 'problem')} "
                f"(run `make check-guide`):\n{error}"
            ) from None
        try:
            site_standards(folders, _project(config))
        except InputError as error:
            raise PluginError(f"The standards page's data needs fixing:\n{error}") from None
        try:
            self.crisis = edition_crisis_help(folders, _project(config))
        except InputError as error:
            raise PluginError(f"The crisis numbers cannot be read:\n{error}") from None
        for warning in self.crisis.warnings:
            # Info, not a warning: a strict build stops on warnings, and this is not an error yet.
            log.info("due: %s", warning)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Refuse aliases in front matter; add QR images and oEmbed files for every link target."""
        # Before MkDocs reads any page: it expands YAML aliases in front matter, and a few
        # kilobytes of nested ones take minutes and gigabytes.
        expansions = [
            line
            for file in files.documentation_pages()
            if file.abs_src_path
            for line in expansion_problems(
                self._label(config, Path(file.abs_src_path)), file.content_string
            )
        ]
        if expansions:
            raise PluginError(
                "Page front matter needs fixing (see README, 'Edit a page'):\n"
                + "\n".join(expansions)
            )
        folders = self._folders(config)
        if folders.language != ENGLISH:
            self._check_edition(files, config, folders)
        site_url = config.site_url or ""
        try:
            groups = site_link_groups(folders)
            images = qr_files(groups, site_url, self._words(config))
            # One host script for every edition (docs/embed.js), published in each.
            self.integrity = source_integrity(folders.english.docs)
            # oEmbed is for site builders reading the public site, not for the offline copy.
            documents = {} if _offline(config) else oembed_files(
                groups, folders, site_name=config.site_name, site_url=site_url,
                integrity=self.integrity,
            )  # fmt: skip
        except (LinkContractError, ValueError, OSError) as error:
            raise PluginError(str(error)) from None
        if folders.language != ENGLISH:
            script = (folders.english.docs / HOST_SCRIPT).read_bytes()
            files.append(File.generated(config, HOST_SCRIPT, content=script))
        for path, content in {**images, **documents}.items():
            files.append(File.generated(config, path, content=content))
        self.oembed = oembed_links(groups, site_url=site_url)
        if not _offline(config):
            # The iframe-worker shim is for the offline copy only (mkdocs-offline.yml).
            for file in [file for file in files if file.src_uri.startswith(SHIM_FOLDER)]:
                files.remove(file)
        return files

    def _check_edition(self, files: Files, config: MkDocsConfig, folders: SiteFolders) -> None:
        """A translation has the English pages and `{#id}` anchors (`pages/editions_check.py`)."""
        pages = {
            file.src_uri: EditionPage(
                self._label(config, Path(file.abs_src_path)), file.content_string
            )
            for file in files.documentation_pages()
            if file.abs_src_path
        }
        skip = (folders.docs.resolve(), folders.data.resolve())
        english = {
            path.relative_to(folders.english.docs).as_posix(): EditionPage(
                self._label(config, path), path.read_text(encoding="utf-8")
            )
            for path in sorted(folders.english.docs.rglob("*.md"))
            if not any(path.resolve().is_relative_to(folder) for folder in skip)
        }
        problems = edition_problems(pages, english, folders.language)
        if problems:
            raise PluginError(
                "This edition's pages and anchors must match the English pages':\n"
                + "\n".join(problems)
            )

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """After every page is rendered, before anything is written: check every page."""
        templates = sorted(Path(config.theme.custom_dir).rglob("*.html"))
        allowed = template_scripts(path.read_text(encoding="utf-8") for path in templates)
        today = date.today()
        front_matter: list[str] = []
        content: list[str] = []
        for file in files.documentation_pages():
            if file.page is None:
                continue
            path = self._label(config, Path(file.abs_src_path))
            front_matter.extend(check_page(path, file.content_string, today=today))
            html = file.page.content or ""
            for problem in [*content_findings(html), *content_problems(html, allowed)]:
                place = source_place(file.content_string, problem.needle)
                content.append(f"{path}:{place}: {problem.label}.")
        # Both kinds at once, so one build shows an editor every page's problems.
        sections = [
            f"{heading}:\n" + "\n".join(lines)
            for heading, lines in (
                ("Page front matter needs fixing (see README, 'Edit a page')", front_matter),
                (
                    "Page content the site does not allow (see DESIGN.md, 'Privacy and security')",
                    content,
                ),
            )
            if lines
        ]
        if sections:
            raise PluginError("\n".join(sections))
        folders = self._folders(config)
        env.filters["wtiw_long_date"] = lambda value: long_date(value, folders.language)
        try:
            env.globals["wtiw_t"] = template_words(folders.data, folders.language, _project(config))
        except InputError as error:
            raise PluginError(f"The interface texts need fixing:\n{error}") from None
        env.globals["wtiw_language"] = folders.language
        # The sitemap's `hreflang` addresses of a page (overrides/sitemap.xml).
        env.globals["wtiw_editions_of"] = lambda url: editions(config, url, self.root_url)
        # Title and description as text again, for JSON (`on_page_markdown` escapes them).
        env.filters["wtiw_text"] = lambda value: (
            value.unescape() if isinstance(value, Markup) else value
        )
        # review.html says a page past its `next_review` is due for review (never a failure).
        env.globals["wtiw_build_date"] = today
        self.theme = env
        return env

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Escape the page's title and description once; a missing snippet fails clearly.

        The theme prints `title` and `description` without escaping (in `<title>`, the
        navigation, the meta description's attribute), so they become escaped `Markup` here,
        which our own templates' `| e` leaves as it is. Front matter refuses `"<>` in them
        too (`pages/front_matter.py`): this is the second guard, proved by tests/test_escaping.py.
        A missing snippet fails with the page, line and fix, not pymdownx's traceback.
        """
        for field in ("title", "description"):
            if isinstance(page.meta.get(field), str):
                page.meta[field] = escape(page.meta[field])
        if "8<-" in markdown and "pymdownx.snippets" in config.markdown_extensions:
            settings = config.mdx_configs.get("pymdownx.snippets", {})
            snippets = Markdown(
                extensions=["pymdownx.snippets"],
                extension_configs={"pymdownx.snippets": settings},
            )
            try:
                snippets.preprocessors["snippet"].run(markdown.split("\n"))
            except SnippetMissingError as error:
                path = self._label(config, Path(page.file.abs_src_path or page.file.src_path))
                # The page's source, front matter included, so the line is the editor's.
                place = source_place(page.file.content_string, "8<-")
                raise PluginError(
                    f"{path}:{place}: {error}. Fix the snippet's path (relative to the project "
                    "folder) or remove the line."
                ) from None
        return markdown

    def on_page_context(
        self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> dict[str, Any]:
        """Give the print-only partial this page's handout; keep the context for its embed."""
        if _offline(config):
            # The copy's pages are `x.html`; its canonical link, printed address and QR code
            # name the public page (`x/`), as online.
            page.canonical_url = absolute_url(config.site_url or "", page_url(page.file.src_uri))
        url = page.canonical_url or absolute_url(config.site_url or "", page.url)
        context["wtiw_handout"] = make_handout(url, self.crisis, text=self._words(config))
        context["wtiw_editions"] = editions(config, page.url, self.root_url)
        if page.url in self.oembed:
            context["wtiw_oembed"] = self.oembed[page.url]
        self.contexts[page.file.src_uri] = context
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Render the embed form of this page and write it beside the page."""
        context = self.contexts.pop(page.file.src_uri, None)
        if context is None or self.theme is None or _offline(config):
            return output  # no embed forms in the offline copy: no clinic embeds a file
        try:
            html = render_embed(self.theme, context)
        except Exception as error:
            raise PluginError(
                f"overrides/embed.html: cannot render the embed form of "
                f"{page.file.src_uri}: {error}"
            ) from error
        destination = Path(config.site_dir) / embed_path(page.file.dest_uri)
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_text(html, encoding="utf-8")
        return output

    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """After every other plugin: finish the written site (see postbuild/finish.py)."""
        site_dir = Path(config.site_dir)
        try:
            summary = finish_site(
                SiteFacts(
                    site_dir=site_dir,
                    site_url=config.site_url or "",
                    search_languages=_search_languages(config),
                    templates=Path(config.theme.custom_dir) if config.theme.custom_dir else None,
                    extra_assets=_extra_assets(config),
                    redirect_stubs=_redirect_stubs(config, site_dir),
                    referrer_policy=(
                        config.theme.get_env().get_template(POLICY_PARTIAL).render().strip()
                    ),
                    with_policy=self.command != "serve",
                )
            )
        except ValueError as error:
            raise PluginError(str(error)) from error
        if self.integrity:
            try:
                check_published(site_dir, self.integrity)
            except ValueError as error:
                raise PluginError(str(error)) from None
        if _offline(config):
            try:
                done = finish_offline(site_dir, config.site_url or "")
            except ValueError as error:
                raise PluginError(str(error)) from None
            log.info(
                "offline: %d pages, %d links to the public site, removed %s",
                done.pages, done.online, ", ".join(done.removed) or "nothing",
            )  # fmt: skip
        log.info(
            "assets: removed %d unused files, minified %d of ours, wrote %d bundles",
            summary.removed, summary.minified, summary.bundles,
        )  # fmt: skip
        if self.command == "serve":
            log.info("csp: no Content-Security-Policy under `mkdocs serve` (live reload is inline)")


def _project(config: MkDocsConfig) -> Path:
    """The project's folder: the config file's."""
    return Path(config.config_file_path or "mkdocs.yml").parent


def _offline(config: MkDocsConfig) -> bool:
    """True when building the offline copy (`mkdocs-offline.yml`, `wtiw/offline/`)."""
    return bool(config.extra.get("offline_copy"))


def _search_languages(config: MkDocsConfig) -> tuple[str, ...]:
    """The languages the search plugin indexes (Material's default is the site language)."""
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    if plugin is None:
        return ()
    languages = plugin.config.get("lang") or [config.theme.get("language", "en")]
    return (languages,) if isinstance(languages, str) else tuple(languages)


def _extra_assets(config: MkDocsConfig) -> tuple[str, ...]:
    """The extra_css and extra_javascript files named in the config."""
    items = [*config.extra_css, *config.extra_javascript]
    return tuple(str(getattr(item, "path", item)) for item in items)


def _redirect_stubs(config: MkDocsConfig, site_dir: Path) -> tuple[Path, ...]:
    """The stub pages mkdocs-redirects wrote for old addresses."""
    plugin = config.plugins.get("redirects")
    if plugin is None:
        return ()

    paths = (
        site_dir / get_html_path(old, config.use_directory_urls)
        for old in plugin.config["redirect_maps"]
    )
    # The plugin writes no stub for a missing target; its warning fails a strict build.
    return tuple(path for path in paths if path.is_file())
