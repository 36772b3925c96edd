"""The "How this guide meets the standards" page, generated from data and checked.

Three standards, each a list of criteria with the places on the site that meet them:
IPDAS from `docs/_data/ipdas.yml` (paths as site addresses, `guide/`), the NHS content
standard and the PIF TICK from `docs/_data/standards.yml` (page files, `guide.md`). A
criterion that the site does not meet says `not_yet:` and why. The page is Markdown, and
every place is a Markdown link to `page.md#section`, so MkDocs' strict build fails when a
mapped section is gone, as it does for any broken anchor; the data's shape is checked here,
each problem at its line.

    - **P8.** Feedback: ... **Met.** [How to report a mistake.](about.md#feedback)

Another edition's words for the two files sit in `docs/_data/es/` by the same ids
(`wording_shape`): its page keeps the English files' criteria, places and links, so the two
cannot drift, and a criterion or place missing from either side fails the build at its line.
The page's own words ("Met.", "Source:") are interface texts (`interface/pages.yml`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wtiw.core.interface import Words, words
from wtiw.core.problems import InputError, Problem
from wtiw.core.site import SiteFolders
from wtiw.core.wording import Shape, check, translate
from wtiw.core.yaml_reader import Document, PathKey, load_document

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


def _criteria_shape(document: Document, at: PathKey) -> Shape:
    """The words of the criteria under `at`, by id: criterion, why not yet, each place's how."""
    entries = _get(document.data, at)
    shapes: dict[str, Shape] = {}
    for index, item in enumerate(entries if isinstance(entries, list) else []):
        if not (isinstance(item, dict) and _text(item.get("id"))):
            continue  # the English file's own check names it
        here = (*at, index)
        parts = {name: Shape((*here, name)) for name in ("criterion", "not_yet") if name in item}
        if isinstance(item.get("met_by"), list):
            parts["met_by"] = Shape((*here, "met_by"), items=len(item["met_by"]), item_field="how")
        shapes[item["id"]] = Shape(here, parts=parts)
    return Shape(at, parts=shapes)


def _get(data: Any, at: PathKey) -> Any:
    """The value at `at` in plain YAML data, or None."""
    for piece in at:
        found = isinstance(data, dict) and piece in data
        found = found or (isinstance(data, list) and isinstance(piece, int) and piece < len(data))
        if not found:
            return None
        data = data[piece]
    return data


def wording_shape(document: Document) -> Shape:
    """The texts a translation of ipdas.yml or standards.yml gives (`core/wording.py`).

    ipdas.yml: the source's `title` and `criteria` by id. standards.yml: `standards` by id,
    each with its `title`, its source's `title` and its `criteria` by id.
    """
    data = document.data if isinstance(document.data, dict) else {}
    parts: dict[str, Shape] = {}
    if isinstance(data.get("source"), dict) and "title" in data["source"]:
        parts["source"] = Shape(("source",), parts={"title": Shape(("source", "title"))})
    if "criteria" in data:
        parts["criteria"] = _criteria_shape(document, ("criteria",))
    if isinstance(data.get("standards"), list):
        standards: dict[str, Shape] = {}
        for index, item in enumerate(data["standards"]):
            if not (isinstance(item, dict) and _text(item.get("id"))):
                continue
            at: PathKey = ("standards", index)
            own = {"criteria": _criteria_shape(document, (*at, "criteria"))}
            if "title" in item:
                own["title"] = Shape((*at, "title"))
            if isinstance(item.get("source"), dict) and "title" in item["source"]:
                title = Shape((*at, "source", "title"))
                own["source"] = Shape((*at, "source"), parts={"title": title})
            standards[item["id"]] = Shape(at, parts=own)
        parts["standards"] = Shape(("standards",), parts=standards)
    return Shape((), parts=parts)


def _load(path: Path, root: Path, wording: Path | None) -> Document:
    """One English data file, with another edition's words put in when `wording` is given."""
    english = load_document(path, _relative(path, root))
    if wording is None:
        return english
    translation = load_document(wording, _relative(wording, root))
    shape = wording_shape(english)
    problems = check(shape, translation, english)
    if problems:
        raise InputError(problems)
    words = translate(shape, english.data, translation.data)
    return Document(english.file, words, english.values, english.keys)


def _relative(path: Path, root: Path) -> str:
    """A path as editors see it, from the project folder."""
    return os.path.relpath(path, root).replace(os.sep, "/")


def load_standards(
    paths: tuple[Path, Path],
    root: Path,
    text: Words,
    wording: tuple[Path | None, Path | None] = (None, None),
) -> list[Standard]:
    """IPDAS first, then the other standards; `InputError` with every problem otherwise.

    `paths` are ipdas.yml and standards.yml; `text` gives the page's own words; `wording`,
    another edition's words for the two files (`docs/_data/es/`), None in English.
    """
    problems: list[Problem] = []
    standards: list[Standard] = []
    ipdas = _load(paths[0], root, wording[0])
    data = ipdas.data if isinstance(ipdas.data, dict) else {}
    source = data.get("source") if isinstance(data.get("source"), dict) else {}
    criteria, bad = _criteria(ipdas, ("criteria",), data.get("criteria"))
    problems += bad
    standards.append(
        Standard(
            "ipdas",
            text("pages.standards.ipdas_title"),
            str(source.get("title", "")),
            str(source.get("url", "")),
            tuple(criteria),
        )
    )
    other = _load(paths[1], root, wording[1])
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


def _line(criterion: Criterion, text: Words) -> str:
    """One criterion as a Markdown bullet: met, with links, or not yet, with the reason."""
    links = " ".join(f"[{place.how}]({_href(place)})" for place in criterion.met_by)
    if criterion.not_yet:
        status = f"**{text('pages.standards.not_yet')}** {criterion.not_yet}"
        status += f" {links}" if links else ""
    else:
        status = f"**{text('pages.standards.met')}** {links}"
    return f"- **{criterion.id}.** {criterion.criterion} {status}"


def standards_markdown(standards: list[Standard], text: Words) -> str:
    """The page's body: one section per standard, its source, then a line per criterion."""
    parts = []
    for standard in standards:
        met = sum(1 for criterion in standard.criteria if not criterion.not_yet)
        parts += [
            f"## {standard.title} {{#{standard.id}}}",
            "",
            text(
                "pages.standards.summary",
                source=f"[{standard.source_title}]({standard.source_url})",
                met=met,
                total=len(standard.criteria),
            ),
            "",
            *(_line(criterion, text) for criterion in standard.criteria),
            "",
        ]
    return "\n".join(parts)


FILES = ("ipdas.yml", "standards.yml")


def site_standards(folders: SiteFolders, root: Path) -> list[Standard]:
    """The standards as an edition shows them: the shared data files, in its words."""
    text = words(folders.data, folders.language, root)
    english = tuple(folders.data / name for name in FILES)
    wording = tuple(folders.wording(name) for name in FILES)
    return load_standards((english[0], english[1]), root, text, (wording[0], wording[1]))
