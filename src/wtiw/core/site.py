"""Where a site's sources live: the one place that knows the project's folder layout.

The MkDocs plugin builds a `SiteFolders` from the config (`docs_dir`, `theme.custom_dir`);
the command line uses `PROJECT`, the layout seen from the project's root folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SiteFolders:
    """The pages folder and the theme-override folder, and the data files inside them."""

    docs: Path
    templates: Path

    @property
    def data(self) -> Path:
        """Content that is not a page: the guide's tree, link contracts, crisis numbers."""
        return self.docs / "_data"

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
