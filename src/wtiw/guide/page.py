"""The guide as the site shows it: the site's tree, checked once per change, rendered for a page.

The MkDocs plugin checks the tree before any page is built (so a bad tree stops the build
with only its problem lines); the macros then render from the same checked tree. The tree is
read again only when it or a page it links to has changed, as under `mkdocs serve`.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from wtiw.core.site import SiteFolders
from wtiw.guide.model import Tree
from wtiw.guide.render import GuideContext, render_guide, render_map
from wtiw.guide.validate import load_tree

Fingerprint = tuple[tuple[str, int, int], ...]


def _fingerprint(folders: SiteFolders) -> Fingerprint:
    """Name, size and modification time of the tree and of every page its links may name."""
    paths = [folders.guide_tree, *sorted(folders.docs.rglob("*.md"))]
    return tuple((str(path), path.stat().st_size, path.stat().st_mtime_ns) for path in paths)


@lru_cache(maxsize=4)
def _checked(tree: Path, docs: Path, label: str, fingerprint: Fingerprint) -> Tree:
    """Load and check the tree; cached per fingerprint, so one build checks it once."""
    return load_tree(tree, docs_dir=docs, label=label)


def site_tree(folders: SiteFolders, label: str) -> Tree:
    """The site's checked tree; `InputError` lists every problem, `label` naming the file."""
    return _checked(folders.guide_tree, folders.docs, label, _fingerprint(folders))


def guide_html(folders: SiteFolders, label: str, context: GuideContext) -> str:
    """The guide for the page being built."""
    return render_guide(site_tree(folders, label), context)


def guide_map_markdown(folders: SiteFolders, label: str, context: GuideContext) -> str:
    """The map of the guide for the page being built."""
    return render_map(site_tree(folders, label), context)
