"""The "How this guide meets the standards" page, generated from data and checked.

Three standards, each a list of criteria with the places on the site that meet them:
IPDAS from `docs/_data/ipdas.yml` (paths as site addresses, `guide/`), the NHS content
standard and the PIF TICK from `docs/_data/standards.yml` (page files, `guide.md`). A
criterion that the site does not meet says `not_yet:` and why. The page is Markdown, and
every place is a Markdown link to `page.md#section`, so MkDocs' strict build fails when a
mapped section is gone, as it does for any broken anchor; the data's shape is checked here,
each problem at its line.

    - **P8.** Feedback: ... **Met.** [How to report a mistake.](about.md#feedback)
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wtiw.core.problems import InputError, Problem
from wtiw.core.yaml_reader import Document, load_document

# Ids the page template adds to every page (`review.html`), which MkDocs cannot see in the
# Markdown: such a place links to its page, and tests/test_ipdas.py checks the id is built.
TEMPLATE_ANCHORS = frozenset({"sources"})
PLACE_FIX = "each place needs `page` (or `path`), `anchor` (a section id) and `how` (one line)"


@dataclass(frozen=True)
class Place:
    """Where the site meets a criterion: a page file, a section id, and a line on how."""

    page: str
    anchor: str
    how: str


@dataclass(frozen=True)
class Criterion:
    """One criterion: its id, its words, where it is met, or why not yet."""

    id: str
    criterion: str
    met_by: tuple[Place, ...]
    not_yet: str


@dataclass(frozen=True)
class Standard:
    """A standard, where it is published, and its criteria."""

    id: str
    title: str
    source_title: str
    source_url: str
    criteria: tuple[Criterion, ...]


def _page_file(path: str) -> str:
    """A site address from ipdas.yml ("", "guide/") as the page file it is built from."""
    return "index.md" if not path else f"{path.rstrip('/')}.md"


def _text(value: Any) -> bool:
    """Whether `value` is non-empty text."""
    return isinstance(value, str) and bool(value.strip())


def _places(document: Document, at: tuple, entries: Any) -> tuple[list[Place], list[Problem]]:
    """The places of one criterion, and the problems with them."""
    places, problems = [], []
    for index, entry in enumerate(entries if isinstance(entries, list) else []):
        where = entry if isinstance(entry, dict) else {}
        page = where.get("page", _page_file(str(where.get("path", ""))))
        if not (_text(page) and _text(where.get("anchor")) and _text(where.get("how"))):
            problems.append(document.problem((*at, "met_by", index), f"{PLACE_FIX}."))
            continue
        places.append(Place(page, where["anchor"], where["how"].strip()))
    return places, problems


def _criteria(document: Document, at: tuple, entries: Any) -> tuple[list[Criterion], list[Problem]]:
    """The criteria under `at`, each met somewhere or marked `not_yet` with a reason."""
    criteria, problems = [], []
    if not isinstance(entries, list) or not entries:
        return [], [document.problem(at, "expected `criteria:`, a list of criteria.")]
    for index, entry in enumerate(entries):
        here = (*at, index)
        item = entry if isinstance(entry, dict) else {}
        places, bad = _places(document, here, item.get("met_by"))
        problems += bad
        not_yet = item.get("not_yet", "")
        if not (_text(item.get("id")) and _text(item.get("criterion"))):
            problems.append(document.problem(here, "each criterion needs `id` and `criterion`."))
        elif not places and not _text(not_yet):
            problems.append(
                document.problem(
                    here,
                    f"criterion {item['id']} names no place that meets it: add `met_by:` "
                    "places, or `not_yet:` and why the site does not meet it yet.",
                )
            )
        else:
            criteria.append(
                Criterion(item["id"], item["criterion"].strip(), tuple(places), not_yet.strip())
            )
    return criteria, problems


def load_standards(ipdas_path: Path, standards_path: Path, root: Path) -> list[Standard]:
    """IPDAS first, then the other standards; `InputError` with every problem otherwise."""
    problems: list[Problem] = []
    standards: list[Standard] = []
    ipdas = load_document(ipdas_path, os.path.relpath(ipdas_path, root).replace(os.sep, "/"))
    data = ipdas.data if isinstance(ipdas.data, dict) else {}
    source = data.get("source") if isinstance(data.get("source"), dict) else {}
    criteria, bad = _criteria(ipdas, ("criteria",), data.get("criteria"))
    problems += bad
    standards.append(
        Standard(
            "ipdas",
            "International Patient Decision Aid Standards (IPDAS)",
            str(source.get("title", "")),
            str(source.get("url", "")),
            tuple(criteria),
        )
    )
    other = load_document(
        standards_path, os.path.relpath(standards_path, root).replace(os.sep, "/")
    )
    entries = other.data.get("standards") if isinstance(other.data, dict) else None
    if not isinstance(entries, list):
        problems.append(other.problem(("standards",), "expected `standards:`, a list."))
        entries = []
    for index, entry in enumerate(entries):
        item = entry if isinstance(entry, dict) else {}
        source = item.get("source") if isinstance(item.get("source"), dict) else {}
        if not (_text(item.get("id")) and _text(item.get("title")) and _text(source.get("url"))):
            problems.append(
                other.problem(
                    ("standards", index),
                    "each standard needs `id`, `title` and `source:` with `title` and `url`.",
                )
            )
            continue
        criteria, bad = _criteria(other, ("standards", index, "criteria"), item.get("criteria"))
        problems += bad
        standards.append(
            Standard(item["id"], item["title"], source["title"], source["url"], tuple(criteria))
        )
    if problems:
        raise InputError(problems)
    return standards


def _href(place: Place) -> str:
    """The Markdown link to a place, which MkDocs' strict build checks."""
    if place.anchor in TEMPLATE_ANCHORS:
        return place.page
    return f"{place.page}#{place.anchor}"


def _line(criterion: Criterion) -> str:
    """One criterion as a Markdown bullet: met, with links, or not yet, with the reason."""
    links = " ".join(f"[{place.how}]({_href(place)})" for place in criterion.met_by)
    if criterion.not_yet:
        status = f"**Not yet.** {criterion.not_yet}" + (f" {links}" if links else "")
    else:
        status = f"**Met.** {links}"
    return f"- **{criterion.id}.** {criterion.criterion} {status}"


def standards_markdown(standards: list[Standard]) -> str:
    """The page's body: one section per standard, its source, then a line per criterion."""
    parts = []
    for standard in standards:
        met = sum(1 for criterion in standard.criteria if not criterion.not_yet)
        parts += [
            f"## {standard.title} {{#{standard.id}}}",
            "",
            f"Source: [{standard.source_title}]({standard.source_url}). "
            f"Met: {met} of {len(standard.criteria)}.",
            "",
            *(_line(criterion) for criterion in standard.criteria),
            "",
        ]
    return "\n".join(parts)
