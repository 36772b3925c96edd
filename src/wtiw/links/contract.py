"""Every public link target (page, section, guide step): the one reader of the link contract.

Therapists share these addresses, so the "For therapists and clinics" page, the QR images
and the guide's link check all take them from here: pages and their section anchors from
`docs/_data/links/pages.yml` (read with the strict, positioned reader, so a mistake is a
`file:line` problem with its fix), guide steps from the checked guide tree, passed in by the
caller (`links/targets.py`) in the tree's order. Plain Python, no MkDocs. Example::

    groups = load_link_groups(Path("docs/_data/links"), steps=[("are-you-safe", "Are you safe?")])
    groups[0].page.href  # "" (the home page); groups[1].children[0].href  # "guide/#are-you-safe"
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from wtiw.core.problems import InputError, Problem
from wtiw.core.yaml_reader import Document, PathKey, load_document
from wtiw.embed.embed import EMBED_FILE

PAGES_FILE = "pages.yml"
GUIDE_PATH = "guide/"
QR_FOLDER = "assets/qr/"
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PAGE_PATH = re.compile(r"^(?:[a-z0-9]+(?:-[a-z0-9]+)*/)*$")
PAGE_FIELDS = ("path", "title", "anchors")
ANCHOR_FIELDS = ("id", "title")

Kind = Literal["page", "section", "step"]
StepLink = tuple[str, str]  # a guide step's id and title


class LinkContractError(InputError):
    """The link contract cannot be used; each problem names the file, the line and the fix."""


@dataclass(frozen=True)
class LinkTarget:
    """One address a therapist may share: a page, or an anchor on it."""

    kind: Kind
    path: str
    anchor: str
    title: str
    page_title: str

    @property
    def href(self) -> str:
        """The address relative to the site root, e.g. ``guide/#start``."""
        return f"{self.path}#{self.anchor}" if self.anchor else self.path

    @property
    def embed_href(self) -> str:
        """The embed form's address relative to the site root (see embed/embed.py)."""
        fragment = f"#{self.anchor}" if self.anchor else ""
        return f"{self.path}{EMBED_FILE}{fragment}"

    @property
    def slug(self) -> str:
        """A file-name-safe name, unique per target: ``talk-to-your-therapist--related``."""
        page = self.path.strip("/").replace("/", "-") or "home"
        return f"{page}--{self.anchor}" if self.anchor else page

    @property
    def qr_href(self) -> str:
        """Where the build writes this target's QR code, relative to the site root."""
        return f"{QR_FOLDER}{self.slug}.svg"


@dataclass(frozen=True)
class LinkGroup:
    """A page and the sections (or, for the guide, the steps) inside it."""

    page: LinkTarget
    children: tuple[LinkTarget, ...]

    @property
    def targets(self) -> tuple[LinkTarget, ...]:
        """The page first, then its children, in contract order."""
        return (self.page, *self.children)


class _ContractReader:
    """Turns `pages.yml` and the guide's steps into link groups, collecting every problem."""

    def __init__(self, document: Document, steps: list[StepLink]) -> None:
        """Start with the parsed file, the guide's steps, and no problems."""
        self.document = document
        self.steps = steps
        self.problems: list[Problem] = []

    def problem(self, path: PathKey, message: str, *, key: bool = False) -> None:
        """Record a problem at `path` in the file."""
        self.problems.append(self.document.problem(path, message, key=key))

    def entries(self, value: Any, path: PathKey, fields: tuple[str, ...]) -> list[dict[str, Any]]:
        """The list at `path`, keeping only entries that are mappings; unknown fields reported."""
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(path, f"'{path[-1]}' must be a list of entries (lines starting '- ').")
            return []
        kept = []
        for index, item in enumerate(value):
            if not isinstance(item, dict):
                self.problem((*path, index), f"expected an entry with {' and '.join(fields)}.")
                continue
            for name in item:
                if name not in fields:
                    self.problem(
                        (*path, index, name),
                        f"unknown field '{name}'. Allowed here: {', '.join(fields)}.",
                        key=True,
                    )
            kept.append(item)
        return kept

    def text(self, item: dict[str, Any], path: PathKey, name: str) -> str | None:
        """A required text field of one entry (`path` may be empty text, nothing else)."""
        value = item.get(name)
        if not isinstance(value, str) or (name != "path" and not value.strip()):
            where = (*path, name) if name in item else path
            self.problem(where, f"'{name}' is missing or not text. Write it as {name}: <text>.")
            return None
        return value

    def anchor(self, item: dict[str, Any], path: PathKey, seen: set[str], page: str) -> str | None:
        """A section id: a URL-safe slug, unique on its page (guide steps included)."""
        anchor = self.text(item, path, "id")
        if anchor is None:
            return None
        if not SLUG.match(anchor):
            self.problem(
                (*path, "id"),
                f"id '{anchor}' is not a slug. Use lowercase letters, digits and single "
                "hyphens, e.g. say-how-you-feel.",
            )
            return None
        if page == GUIDE_PATH and anchor in {step_id for step_id, _ in self.steps}:
            self.problem(
                (*path, "id"),
                f"id '{anchor}' is a guide step's id, and every step is listed already (from "
                "the guide's tree). Remove this section.",
            )
            return None
        if anchor in seen:
            self.problem(
                (*path, "id"), f"id '{anchor}' appears twice on page '{page}'. Ids must be unique."
            )
            return None
        seen.add(anchor)
        return anchor

    def page(self, item: dict[str, Any], path: PathKey, seen: set[str]) -> LinkGroup | None:
        """One page entry and its sections (and, for the guide page, the guide's steps)."""
        page_path = self.text(item, path, "path")
        title = self.text(item, path, "title")
        if page_path is not None and not PAGE_PATH.match(page_path):
            self.problem(
                (*path, "path"),
                f"path '{page_path}' must be empty (the home page) or slugs each ending in "
                "'/', e.g. talk-to-your-therapist/.",
            )
            page_path = None
        if page_path is not None and page_path in seen:
            self.problem((*path, "path"), f"path '{page_path}' is listed twice.")
            page_path = None
        anchors_path = (*path, "anchors")
        anchors = self.entries(item.get("anchors"), anchors_path, ANCHOR_FIELDS)
        if page_path is None or title is None:
            return None
        seen.add(page_path)
        ids: set[str] = set()
        children = []
        for index, entry in enumerate(anchors):
            anchor = self.anchor(entry, (*anchors_path, index), ids, page_path)
            section_title = self.text(entry, (*anchors_path, index), "title")
            if anchor is not None and section_title is not None:
                children.append(LinkTarget("section", page_path, anchor, section_title, title))
        if page_path == GUIDE_PATH:
            children += [LinkTarget("step", page_path, i, name, title) for i, name in self.steps]
        return LinkGroup(LinkTarget("page", page_path, "", title, title), tuple(children))

    def groups(self) -> list[LinkGroup]:
        """Every page of the file, in file order."""
        data = self.document.data
        if not isinstance(data, dict) or "pages" not in data:
            self.problem((), "expected 'pages:' with a list of pages at the top level.")
            return []
        for name in data:
            if name != "pages":
                self.problem((name,), f"unknown field '{name}'. Allowed here: pages.", key=True)
        seen: set[str] = set()
        pages = self.entries(data["pages"], ("pages",), PAGE_FIELDS)
        found = [self.page(item, ("pages", index), seen) for index, item in enumerate(pages)]
        if self.steps and GUIDE_PATH not in seen and not self.problems:
            self.problem(
                ("pages",),
                f"the guide has steps, but no page has path '{GUIDE_PATH}'. Add the guide "
                f"page (path: {GUIDE_PATH}) here.",
            )
        return [group for group in found if group is not None]


def load_link_groups(links_dir: Path, steps: Iterable[StepLink] = ()) -> list[LinkGroup]:
    """Every public link target, grouped by page, in contract order.

    `steps` are the guide's (id, title) pairs in the tree's order (`links/targets.py` passes
    the checked tree's); they follow the guide page's sections. Without them, only pages and
    sections. Raises `LinkContractError` listing every problem.
    """
    path = links_dir / PAGES_FILE
    if not path.is_file():
        message = "file not found. The link contract lives here: restore it from git."
        raise LinkContractError([Problem(str(path), 1, 1, message)])
    try:
        reader = _ContractReader(load_document(path, str(path)), list(steps))
    except InputError as error:
        raise LinkContractError(error.problems) from None
    groups = reader.groups()
    if reader.problems:
        raise LinkContractError(reader.problems)
    return groups


def all_targets(groups: list[LinkGroup]) -> list[LinkTarget]:
    """The groups flattened: every target once, in contract order."""
    return [target for group in groups for target in group.targets]
