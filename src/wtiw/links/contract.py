"""Every public link target (page, section, guide step), read from the link contract files.

Therapists share these addresses, so the "For therapists and clinics" page lists them from
the same two files the link tests check: `docs/_data/links/pages.yml` (pages and their
section anchors) and `docs/_data/links/guide-steps.yml` (guide steps). Plain Python, no
MkDocs. Example::

    groups = load_link_groups(Path("docs/_data/links"))
    groups[0].page.href  # "" (the home page); groups[2].children[0].href  # "talk-to-.../#say-..."
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml

from wtiw.embed.embed import EMBED_FILE

PAGES_FILE = "pages.yml"
STEPS_FILE = "guide-steps.yml"
GUIDE_PATH = "guide/"
QR_FOLDER = "assets/qr/"
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PAGE_PATH = re.compile(r"^(?:[a-z0-9]+(?:-[a-z0-9]+)*/)*$")
LINE = "__line__"

Kind = Literal["page", "section", "step"]


class LinkContractError(ValueError):
    """A link contract file cannot be used; the message names the file, the line and the fix."""


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
        """The embed form's address relative to the site root (see hooks/embed.py)."""
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


class _LineLoader(yaml.SafeLoader):
    """Safe YAML loader that remembers each mapping's line, for error messages."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        """Build the mapping and record its 1-based line under ``__line__``."""
        mapping = super().construct_mapping(node, deep=deep)
        mapping[LINE] = node.start_mark.line + 1
        return mapping


def _read(path: Path) -> dict[str, Any]:
    """Parse one contract file, or explain what is wrong with it."""
    if not path.is_file():
        raise LinkContractError(
            f"{path}: file not found. The link contract lives there; restore it from git."
        )
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f"{mark.line + 1}:" if mark else ""
        raise LinkContractError(
            f"{path}:{line} not valid YAML ({error}). Fix the syntax."
        ) from None
    if not isinstance(data, dict):
        raise LinkContractError(f"{path}:1: expected a mapping at the top level.")
    return data


def _entries(data: dict[str, Any], key: str, path: Path) -> list[dict[str, Any]]:
    """The list under `key`, each item a mapping."""
    items = data.get(key)
    if items is None:
        items = []
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        line = data.get(LINE, 1)
        raise LinkContractError(f"{path}:{line}: '{key}' must be a list of mappings.")
    return items


def _text(item: dict[str, Any], key: str, path: Path) -> str:
    """A required, non-empty string field of one entry."""
    value = item.get(key)
    if not isinstance(value, str) or (key != "path" and not value.strip()):
        raise LinkContractError(
            f"{path}:{item.get(LINE, 1)}: '{key}' is missing or not text. "
            f"Write it as {key}: <text>."
        )
    return value


def _anchor(item: dict[str, Any], path: Path, seen: set[str], page: str) -> str:
    """A section or step id: a URL-safe slug, unique on its page."""
    anchor = _text(item, "id", path)
    line = item.get(LINE, 1)
    if not SLUG.match(anchor):
        raise LinkContractError(
            f"{path}:{line}: id '{anchor}' is not a slug. Use lowercase letters, digits and "
            "single hyphens, e.g. say-how-you-feel."
        )
    if anchor in seen:
        raise LinkContractError(
            f"{path}:{line}: id '{anchor}' appears twice on page '{page}'. Ids must be unique."
        )
    seen.add(anchor)
    return anchor


def load_link_groups(links_dir: Path) -> list[LinkGroup]:
    """Every public link target, grouped by page, in the order of the contract files."""
    pages_path = links_dir / PAGES_FILE
    steps_path = links_dir / STEPS_FILE
    pages = _entries(_read(pages_path), "pages", pages_path)
    steps = _entries(_read(steps_path), "steps", steps_path)
    groups: list[LinkGroup] = []
    seen_paths: set[str] = set()
    for entry in pages:
        page_path = _text(entry, "path", pages_path)
        line = entry.get(LINE, 1)
        if not PAGE_PATH.match(page_path):
            raise LinkContractError(
                f"{pages_path}:{line}: path '{page_path}' must be empty (the home page) or "
                "slugs each ending in '/', e.g. talk-to-your-therapist/."
            )
        if page_path in seen_paths:
            raise LinkContractError(f"{pages_path}:{line}: path '{page_path}' is listed twice.")
        seen_paths.add(page_path)
        title = _text(entry, "title", pages_path)
        anchors: set[str] = set()
        children = [
            LinkTarget("section", page_path, _anchor(a, pages_path, anchors, page_path),
                       _text(a, "title", pages_path), title)
            for a in _entries(entry, "anchors", pages_path)
        ]  # fmt: skip
        if page_path == GUIDE_PATH:
            children += [
                LinkTarget("step", page_path, _anchor(s, steps_path, anchors, page_path),
                           _text(s, "title", steps_path), title)
                for s in steps
            ]  # fmt: skip
        groups.append(LinkGroup(LinkTarget("page", page_path, "", title, title), tuple(children)))
    if steps and GUIDE_PATH not in seen_paths:
        raise LinkContractError(
            f"{pages_path}:1: guide steps are listed in {STEPS_FILE} but no page has "
            f"path '{GUIDE_PATH}'. Add the guide page to {PAGES_FILE}."
        )
    return groups


def all_targets(groups: list[LinkGroup]) -> list[LinkTarget]:
    """The groups flattened: every target once, in contract order."""
    return [target for group in groups for target in group.targets]
