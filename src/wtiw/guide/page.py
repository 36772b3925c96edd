"""The guide as the site shows it: the site's tree, checked once per change, rendered for a page.

The MkDocs plugin checks the tree before any page is built (so a bad tree stops the build
with only its problem lines); the macros and the link targets then use the same checked tree.
The tree is read again only when it, a page it links to or the link contract has changed, as
under `mkdocs serve`.
"""

from __future__ import annotations

from pathlib import Path

from wtiw.core.site import SiteFolders
from wtiw.guide.model import Tree
from wtiw.guide.options import options_path_for
from wtiw.guide.render import GuideContext, render_guide, render_map
from wtiw.guide.validate import load_tree

Fingerprint = tuple[tuple[str, int, int], ...]


def _fingerprint(folders: SiteFolders) -> Fingerprint:
    """Name, size and modification time of the tree, its options, link targets' pages, contract."""
    paths = [
        folders.guide_tree,
        *[path for path in (options_path_for(folders.guide_tree),) if path.is_file()],
        *sorted(folders.docs.rglob("*.md")),
        *sorted(folders.links.glob("*.yml")),
    ]
    return tuple((str(path), path.stat().st_size, path.stat().st_mtime_ns) for path in paths)


# The last good tree by (tree, docs, fingerprint). Not by label: the label only names the
# file in problems, and a bad tree is never kept, so every caller sees its problems.
_checked: dict[tuple[Path, Path, Fingerprint], Tree] = {}


def site_tree(folders: SiteFolders, label: str | None = None) -> Tree:
    """The site's checked tree; `InputError` lists every problem, naming the file `label`."""
    key = (folders.guide_tree, folders.docs, _fingerprint(folders))
    if key not in _checked:
        tree = load_tree(folders.guide_tree, docs_dir=folders.docs, label=label)
        _checked.clear()
        _checked[key] = tree
    return _checked[key]


def guide_html(folders: SiteFolders, label: str, context: GuideContext) -> str:
    """The guide for the page being built."""
    return render_guide(site_tree(folders, label), context)


def guide_map_markdown(folders: SiteFolders, label: str, context: GuideContext) -> str:
    """The map of the guide for the page being built."""
    return render_map(site_tree(folders, label), context)
