"""The site's public link targets: the contract's pages and sections, the guide tree's steps.

Step ids and titles come from the checked guide tree itself, never from a second list kept by
hand, so the "For therapists and clinics" page and the QR images always show the guide as
it is built. (`python -m wtiw check` compares the tree with the approved step ids in
`docs/_data/links/guide-routes.txt`, so none disappears unnoticed.)

The contract (`docs/_data/links/pages.yml`) is written once, in English. Another edition's
pages have the same paths and `{#id}` anchors, so its targets take their titles from its own
pages (`edition_titles`): the page's `title` and the heading with that id. A page or
section the contract names that the edition lacks is an error at the contract's line.
"""

from __future__ import annotations

import os
import re
from dataclasses import replace
from pathlib import Path

from wtiw.core.interface import same_words
from wtiw.core.problems import Problem
from wtiw.core.site import ENGLISH, SiteFolders
from wtiw.core.yaml_reader import read_text
from wtiw.guide.model import Tree
from wtiw.guide.page import site_tree
from wtiw.links.contract import LinkContractError, LinkGroup, StepLink, load_link_groups
from wtiw.pages.front_matter import read_front_matter

_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*\{#([\w-]+)[^}]*\}\s*$", re.M)


def guide_steps(tree: Tree) -> list[StepLink]:
    """Every step's id and title, in the tree's (file) order."""
    return [(step.id, step.title) for step in tree.steps.values()]


def site_link_groups(folders: SiteFolders, label: str | None = None) -> list[LinkGroup]:
    """Every public link target of the site; `label` names the guide tree in problems."""
    groups = load_link_groups(folders.links, steps=guide_steps(site_tree(folders, label)))
    if folders.language == ENGLISH:
        return groups
    return edition_titles(groups, folders)


def _page_titles(docs: Path, path: str) -> tuple[str, dict[str, str]] | None:
    """A page's `title` and its headings' words by id, from its Markdown; None if missing."""
    source = docs / ("index.md" if not path else f"{path.rstrip('/')}.md")
    if not source.is_file():
        return None
    label = os.path.relpath(source).replace(os.sep, "/")
    text = read_text(source, label)
    meta = read_front_matter(label, text).data
    title = meta.get("title") if isinstance(meta, dict) else None
    headings = {anchor: re.sub(r"[*_`]", "", words) for words, anchor in _HEADING.findall(text)}
    return str(title or ""), headings


def edition_titles(groups: list[LinkGroup], folders: SiteFolders) -> list[LinkGroup]:
    """The groups with their page and section titles from the edition's pages.

    Guide steps keep the tree's titles (the tree is already in the edition's words). A
    section whose heading a macro writes (the map's, the standards') is in neither
    language's Markdown: it takes the interface text that reads as the contract's title in
    English, and keeps the contract's title when none does.
    """
    docs, english = folders.docs, folders.english.docs
    problems: list[Problem] = []
    result = []
    for group in groups:
        found = _page_titles(docs, group.page.path)
        if found is None or not found[0]:
            problems.append(_missing(docs, group.page.path, "the page or its `title`"))
            result.append(group)
            continue
        page_title, headings = found
        children = []
        for child in group.children:
            if child.kind != "section":
                children.append(replace(child, page_title=page_title))
            elif child.anchor in headings:
                children.append(replace(child, title=headings[child.anchor], page_title=page_title))
            elif child.anchor not in (_page_titles(english, group.page.path) or ("", {}))[1]:
                # A heading a macro writes, in the words its template prints.
                title = same_words(folders.data, folders.language, child.title) or child.title
                children.append(replace(child, title=title, page_title=page_title))
            else:
                problems.append(_missing(docs, group.page.path, f"a heading `{{#{child.anchor}}}`"))
        page = replace(group.page, title=page_title, page_title=page_title)
        result.append(LinkGroup(page, tuple(children)))
    if problems:
        raise LinkContractError(problems)
    return result


def _missing(docs: Path, path: str, what: str) -> Problem:
    """A link-contract target the edition's pages do not have."""
    page = docs / ("index.md" if not path else f"{path.rstrip('/')}.md")
    return Problem(
        os.path.relpath(page).replace(os.sep, "/"),
        1,
        1,
        f"the link contract (docs/_data/links/pages.yml) names {what} here, which this edition "
        "lacks: add it with the English page's id (a therapist's link must work in every "
        "language).",
    )
