"""The guide as the site shows it: the site's tree, checked once per change, rendered for a page.

`check_guide` is the one check, shared by `python -m wtiw check` (`make check-guide`) and
the MkDocs plugin, which runs it before any page is built (so a bad tree, a route that
differs from the approved listing or a wording rule stops the build with only its problem
lines, as `guide.yaml`'s header promises); the macros and the link targets then use the same
checked tree. The tree is read again only when it, its options, a page it links to, the link
contract or the approved routes have changed, as under `mkdocs serve`.
"""

from __future__ import annotations

from pathlib import Path

from wtiw.core.problems import InputError
from wtiw.core.site import SiteFolders
from wtiw.core.yaml_reader import load_document
from wtiw.guide.approved import check_approved
from wtiw.guide.lint import lint
from wtiw.guide.model import Tree
from wtiw.guide.options import options_path_for
from wtiw.guide.render import GuideContext, render_guide, render_map
from wtiw.guide.routes import read_listing
from wtiw.guide.validate import crisis_path_for, validate_document
from wtiw.guide.wording_lint import LANGUAGES, lint_wordings

Fingerprint = tuple[tuple[str, int, int], ...]
# The wording files of each language (`guide/wording_lint.py`): a change to one checks again.
WORDINGS = ("guide.yaml", "options.yaml")


def check_guide(
    tree_path: Path, docs_dir: Path, routes_path: Path, labels: tuple[str, str] | None = None
) -> Tree:
    """The checked tree: shape, meaning, routes, wording in every language; else `InputError`.

    `labels` name the tree and the routes file in messages (default: their paths).
    """
    tree_label, routes_label = labels or (str(tree_path), str(routes_path))
    document = load_document(tree_path, tree_label)
    tree = validate_document(
        document, docs_dir, options_path_for(tree_path), crisis_path_for(tree_path)
    )
    approved = read_listing(routes_path, routes_label)
    problems = check_approved(tree, document, approved) + lint(tree, document)
    # The other languages' words for the same steps and options, at their own lines.
    problems += lint_wordings(tree, tree_path, tree_label)
    if problems:
        raise InputError(problems)
    return tree


def _fingerprint(folders: SiteFolders) -> Fingerprint:
    """Size and change time of the tree, options, linked pages, contract and approved routes."""
    paths = [
        folders.guide_tree,
        options_path_for(folders.guide_tree),
        crisis_path_for(folders.guide_tree),
        folders.guide_routes,
        *(folders.data / language / name for language in LANGUAGES for name in WORDINGS),
        *sorted(folders.docs.rglob("*.md")),
        *sorted(folders.links.glob("*.yml")),
    ]
    # A missing file is left to the check, which names it and the fix.
    stats = [(str(path), path.stat()) for path in paths if path.is_file()]
    return tuple((name, stat.st_size, stat.st_mtime_ns) for name, stat in stats)


# The last good tree by (tree, docs, fingerprint). Not by label: the label only names the
# file in problems, and a bad tree is never kept, so every caller sees its problems.
_checked: dict[tuple[Path, Path, Fingerprint], Tree] = {}


def site_tree(folders: SiteFolders, label: str | None = None) -> Tree:
    """The site's checked tree; `InputError` lists every problem, naming the file `label`."""
    # Routing and links are checked once, against the English pages: every edition has the
    # same pages and anchors (`core/editions.py` holds them to it).
    folders = folders.english
    key = (folders.guide_tree, folders.docs, _fingerprint(folders))
    if key not in _checked:
        tree_label = label or str(folders.guide_tree)
        # The routes file is named the way the tree is: from the same folder as its label.
        beside = folders.guide_routes.relative_to(folders.guide_tree.parent)
        routes_label = (Path(tree_label).parent / beside).as_posix()
        tree = check_guide(
            folders.guide_tree, folders.docs, folders.guide_routes, (tree_label, routes_label)
        )
        _checked.clear()
        _checked[key] = tree
    return _checked[key]


def guide_html(folders: SiteFolders, label: str, context: GuideContext) -> str:
    """The guide for the page being built."""
    return render_guide(site_tree(folders, label), context)


def guide_map_markdown(folders: SiteFolders, label: str, context: GuideContext) -> str:
    """The map of the guide for the page being built."""
    return render_map(site_tree(folders, label), context)
