"""Where a site's sources live: the one place that knows the project's folder layout.

The MkDocs plugin and the macros build a `SiteFolders` from the config (`site_folders`);
the command line uses `PROJECT`, the layout seen from the project's root folder.

The site has two editions, English (`mkdocs.yml`, pages in `docs/`) and Spanish
(`mkdocs-es.yml`, pages in `docs/es/`). They share one data folder (`docs/_data/`): the
guide's routing, the link contract and the numbers are written once; the Spanish words for
data files sit beside them in `docs/_data/es/` (`SiteFolders.wording`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

ENGLISH = "en"


@dataclass(frozen=True)
class SiteFolders:
    """The pages folder and the theme-override folder, and the data files the pages share.

    `language` is the edition's (`theme.language`); `data_dir` is the shared data folder,
    `docs/_data` unless the config names another (the Spanish edition's pages are in
    `docs/es/`, its data is still `docs/_data/`).
    """

    docs: Path
    templates: Path
    data_dir: Path | None = None
    language: str = ENGLISH

    @property
    def data(self) -> Path:
        """Content that is not a page: the guide's tree, link contracts, crisis numbers."""
        return self.data_dir if self.data_dir is not None else self.docs / "_data"

    @property
    def english(self) -> SiteFolders:
        """The English edition's folders: its pages are the shared data folder's parent."""
        if self.language == ENGLISH:
            return self
        return SiteFolders(self.data.parent, self.templates, self.data, ENGLISH)

    def wording(self, name: str) -> Path | None:
        """The edition's words for the data file `name` (`es/guide.yaml`); None in English."""
        return None if self.language == ENGLISH else self.data / self.language / name

    @property
    def guide_tree(self) -> Path:
        """The guide's YAML decision tree."""
        return self.data / "guide.yaml"

    @property
    def links(self) -> Path:
        """The link contract: public pages, sections and guide steps."""
        return self.data / "links"

    @property
    def guide_routes(self) -> Path:
        """The approved listing of the guide's steps and routes: the published step ids."""
        return self.links / "guide-routes.txt"

    @property
    def crisis_help(self) -> Path:
        """Every crisis and support number the site shows (help page, guide, handouts)."""
        return self.data / "crisis-help.yml"


PROJECT = SiteFolders(docs=Path("docs"), templates=Path("overrides"))


def site_folders(config: Any) -> SiteFolders:
    """The folders of the edition a MkDocs config builds (the plugin's and the macros' view).

    Reads `docs_dir`, `theme.custom_dir`, `theme.language` and `extra.data_dir` (relative
    to the config file's folder; `extra`, because INHERIT replaces the `plugins` list).
    Zensical's config has no `custom_dir` or `config_file_path`: the project's layout
    stands in for them.
    """
    theme = config["theme"]
    custom_dir = getattr(theme, "custom_dir", None) or PROJECT.templates
    project = Path(config.get("config_file_path") or "mkdocs.yml").parent
    data_dir = (config.get("extra") or {}).get("data_dir")
    return SiteFolders(
        Path(config["docs_dir"]),
        Path(custom_dir),
        project / data_dir if data_dir else None,
        edition_language(config),
    )


def edition_language(config: Any) -> str:
    """The language an edition is written in: `theme.language`, English by default."""
    theme = config["theme"]
    return str((theme.get("language") if hasattr(theme, "get") else None) or ENGLISH)


def edition_folder(config: Any, language: str) -> str:
    """Where the edition in `language` is published under the site's address: "" or "es/".

    `extra.editions` maps each language to its folder; a config without it has one edition.
    """
    editions = (config.get("extra") or {}).get("editions") or {ENGLISH: ""}
    return str(editions.get(language, ""))
