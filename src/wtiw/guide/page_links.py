"""Check that every outcome link points at a real page and a real section of it.

A section exists if the page's Markdown gives a heading that id explicitly (``{#id}``) or
the committed link contract (``docs/_data/links/pages.yml``) lists it. Checking here gives
an editor a precise line number; MkDocs checks the rendered links again at build time.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from wtiw.core.problems import Problem
from wtiw.core.yaml_reader import Document
from wtiw.guide.model import Outcome, Tree

EXPLICIT_ID = re.compile(r"""\{[^}\n]*?#([A-Za-z0-9_:.-]+)[^}\n]*\}|\bid=["']([^"']+)["']""")
CONTRACT = Path("_data") / "links" / "pages.yml"


@dataclass(frozen=True)
class LinkIndex:
    """Every published Markdown page under docs/ and the section ids it offers."""

    pages: dict[str, frozenset[str]]

    @classmethod
    def from_docs(cls, docs_dir: Path) -> LinkIndex:
        """Scan `docs_dir` (skipping _data and hidden folders) and the link contract."""
        pages: dict[str, set[str]] = {}
        for source in sorted(docs_dir.rglob("*.md")):
            relative = source.relative_to(docs_dir)
            if any(part.startswith(("_", ".")) for part in relative.parts):
                continue
            text = source.read_text(encoding="utf-8", errors="replace")
            ids = {a or b for a, b in EXPLICIT_ID.findall(text)}
            pages[relative.as_posix()] = ids
        for page, anchors in _contract_anchors(docs_dir / CONTRACT).items():
            if page in pages:
                pages[page] |= anchors
        return cls({page: frozenset(ids) for page, ids in pages.items()})


def _contract_anchors(contract: Path) -> dict[str, set[str]]:
    """Read the anchors of each page from the link contract, if there is one."""
    if not contract.is_file():
        return {}
    try:
        data = yaml.safe_load(contract.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError:
        return {}
    result: dict[str, set[str]] = {}
    for entry in data.get("pages", []) if isinstance(data, dict) else []:
        if not isinstance(entry, dict):
            continue
        url = str(entry.get("path", "")).strip("/")
        anchors = {str(a.get("id")) for a in entry.get("anchors") or [] if isinstance(a, dict)}
        for page in (f"{url}.md", f"{url}/index.md") if url else ("index.md",):
            result[page] = anchors
    return result


def check_links(tree: Tree, document: Document, index: LinkIndex) -> list[Problem]:
    """Return a problem for every outcome link to a missing page or section."""
    problems: list[Problem] = []
    for outcome in tree.outcomes:
        problems.extend(_check_outcome(outcome, document, index))
    return problems


def _check_outcome(outcome: Outcome, document: Document, index: LinkIndex) -> list[Problem]:
    """Check the links of one outcome."""
    problems: list[Problem] = []
    for position, link in enumerate(outcome.links):
        path = ("steps", outcome.index, "links", position)
        if link.page not in index.pages:
            close = difflib.get_close_matches(link.page, list(index.pages), n=1)
            hint = f" Did you mean '{close[0]}'?" if close else ""
            problems.append(
                document.problem(
                    (*path, "page"),
                    f"page '{link.page}' does not exist in docs/.{hint} "
                    "Use the file name of an existing page.",
                )
            )
            continue
        anchors = index.pages[link.page]
        if link.anchor and link.anchor not in anchors:
            close = difflib.get_close_matches(link.anchor, sorted(anchors), n=1)
            hint = f" Did you mean '{close[0]}'?" if close else ""
            known = ", ".join(sorted(anchors)) or "none"
            problems.append(
                document.problem(
                    (*path, "anchor"),
                    f"page '{link.page}' has no section with id '{link.anchor}'.{hint} "
                    f"Ids on that page: {known}.",
                )
            )
    return problems
