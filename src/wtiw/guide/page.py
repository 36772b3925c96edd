"""The guide as the site shows it: the site's tree, checked once per change, rendered for a page.

`check_guide` is the one check, shared by `python -m wtiw check` (`make check-guide`) and
the MkDocs plugin, which runs it before any page is built (so a bad tree, a route that
differs from the approved listing or a wording rule stops the build with only its problem
lines, as `guide.yaml`'s header promises); the macros and the link targets then use the same
checked tree. The tree is read again only when it, its options, a page it links to, the link
contract or the approved routes have changed, as under `mkdocs serve`. The Spanish edition's
tree is the English one, checked first, with the words of `docs/_data/es/` (`site_tree`).
"""

from __future__ import annotations

from pathlib import Path

from wtiw.core.interface import words
from wtiw.core.problems import InputError, Problem
from wtiw.core.site import SiteFolders
from wtiw.core.wording import Shape, check, guide_shape, options_shape, translated
from wtiw.core.yaml_reader import Document, load_document
from wtiw.guide.approved import check_approved
from wtiw.guide.lint import lint
from wtiw.guide.model import Tree
from wtiw.guide.options import options_path_for
from wtiw.guide.render import GuideContext, render_guide, render_map
from wtiw.guide.routes import read_listing
from wtiw.guide.validate import crisis_path_for, validate_document
from wtiw.guide.wording_lint import LANGUAGES, lint_wordings

Fingerprint = tuple[tuple[str, int, int], ...]


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
    # The other languages' words for the same steps and options, at their own lines: none
    # missing or extra, once the English is right (a step being added is one problem, not
    # one per language), then the lint of those words.
    drift = [] if problems else wording_problems(tree_path, tree_label)
    problems += drift or lint_wordings(tree, tree_path, tree_label)
    if problems:
        raise InputError(problems)
    return tree


def _fingerprint(folders: SiteFolders) -> Fingerprint:
    """Size and change time of the tree, options, linked pages, contract and approved routes.

    In a second language, also of its words for the tree and the options.
    """
    english = folders.english
    paths = [
        english.guide_tree,
        options_path_for(english.guide_tree),
        crisis_path_for(english.guide_tree),
        english.guide_routes,
        *(english.data / language / name for language in LANGUAGES for name in WORDED),
        *sorted(english.docs.rglob("*.md")),
        *sorted(english.links.glob("*.yml")),
    ]
    # A missing file is left to the check, which names it and the fix.
    stats = [(str(path), path.stat()) for path in paths if path and path.is_file()]
    return tuple((name, stat.st_size, stat.st_mtime_ns) for name, stat in stats)


# The last good tree of each language by (language, tree, docs, fingerprint). Not by label:
# the label only names the file in problems, and a bad tree is never kept, so every caller
# sees its problems.
_checked: dict[tuple[str, Path, Path, Fingerprint], Tree] = {}


def site_tree(folders: SiteFolders, label: str | None = None) -> Tree:
    """The edition's checked tree; `InputError` lists every problem, naming the file `label`.

    Routing and links are checked once, on the English file against the English pages: every
    edition has the same pages and anchors (`core/editions.py` holds them to it). Another
    edition's tree is the English one with that language's words (`core/wording.py`).
    """
    english = folders.english
    key = (folders.language, english.guide_tree, english.docs, _fingerprint(folders))
    if key not in _checked:
        tree_label = label or str(english.guide_tree)
        if folders.language == english.language:
            tree = _english_tree(english, tree_label)
        else:
            site_tree(english, label)  # the routing, checked (and kept) once
            tree = _translated_tree(folders, tree_label)
        for old in [old for old in _checked if old[0] == folders.language]:
            del _checked[old]
        _checked[key] = tree
    return _checked[key]


def _beside(tree_label: str, tree: Path, path: Path) -> str:
    """`path`'s label, named the way the tree is (`tree_label`): from the same folder."""
    return (Path(tree_label).parent / path.relative_to(tree.parent)).as_posix()


def _english_tree(folders: SiteFolders, tree_label: str) -> Tree:
    """The English tree, checked in full: shape, meaning, approved routes and wording."""
    routes_label = _beside(tree_label, folders.guide_tree, folders.guide_routes)
    return check_guide(
        folders.guide_tree, folders.docs, folders.guide_routes, (tree_label, routes_label)
    )


# An outcome's headings and print label when guide.yaml gives none: `model.py`'s English
# defaults, and in another language these interface texts (`guide.yml`).
OUTCOME_DEFAULTS = {
    "try_heading": "guide.try_heading",
    "ask_heading": "guide.ask_heading",
    "print_label": "guide.print_label",
}

# The data files a second language words (`SiteFolders.wording`), and the shape of each.
WORDED = {"guide.yaml": guide_shape, "options.yaml": options_shape}


def _wordings(
    tree_path: Path, tree_label: str, folder: Path
) -> tuple[list[Problem], list[tuple[Shape, Document, Document]]]:
    """Each English data file beside its words in `folder`, and what differs between them.

    A step, answer, option or text in one language only is a problem at its line
    (`wording.check`).
    """
    documents = []
    problems: list[Problem] = []
    for name, shape_of in WORDED.items():
        path = tree_path.with_name(name)
        wording = folder / name
        english = load_document(path, _beside(tree_label, tree_path, path))
        translation = load_document(
            wording, _beside(tree_label, tree_path, wording), expected="a wording"
        )
        shape = shape_of(english)
        problems += check(shape, translation, english)
        documents.append((shape, english, translation))
    return problems, documents


def wording_problems(tree_path: Path, tree_label: str) -> list[Problem]:
    """What differs between the English tree and options and each language's words for them.

    `make check-guide` and every build run it, so a text missing from one language stops
    them all, not only the build of that language. A language without words is skipped.
    """
    problems: list[Problem] = []
    for language in LANGUAGES:
        folder = tree_path.parent / language
        if (folder / "guide.yaml").is_file():
            problems += _wordings(tree_path, tree_label, folder)[0]
    return problems


def _translated_tree(folders: SiteFolders, tree_label: str) -> Tree:
    """The English tree with the edition's words; `InputError` if the languages differ.

    Call after the English tree passed its check. The words go into a copy of the English
    data, which the usual loader builds, so a problem in them (two answers with the same
    words) is named at its line in the translation.
    """
    tree_path = folders.guide_tree
    wording = folders.wording("guide.yaml")
    assert wording is not None, "only a second language has its own words"
    problems, documents = _wordings(tree_path, tree_label, wording.parent)
    if problems:
        raise InputError(problems)
    guide, options = (translated(*parts) for parts in documents)
    text = words(folders.data, folders.language)
    for step in guide.data["steps"]:
        if step["type"] == "outcome":
            for name, key in OUTCOME_DEFAULTS.items():
                step.setdefault(name, text(key))
    return validate_document(guide, None, options)


def guide_html(folders: SiteFolders, label: str, context: GuideContext) -> str:
    """The guide for the page being built."""
    return render_guide(site_tree(folders, label), context)


def guide_map_markdown(folders: SiteFolders, label: str, context: GuideContext) -> str:
    """The map of the guide for the page being built."""
    return render_map(site_tree(folders, label), context)
