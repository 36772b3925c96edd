"""Check that every outcome link points at a real page and a real section of it.

A section exists if the page's Markdown gives a heading that id explicitly (``{#id}``) or
the committed link contract (``docs/_data/links/pages.yml``, read by `links/contract.py`, whose
problems are reported here too) lists it. Checking here gives an editor a precise line
number; MkDocs checks the rendered links again at build time.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, replace
from pathlib import Path

from wtiw.core.problems import Problem
from wtiw.core.site import PROJECT
from wtiw.core.yaml_reader import Document
from wtiw.guide.model import Outcome, Tree
from wtiw.links.contract import load_link_groups

EXPLICIT_ID = re.compile(r"""\{[^}\n]*?#([A-Za-z0-9_:.-]+)[^}\n]*\}|\bid=["']([^"']+)["']""")


@dataclass(frozen=True)
class LinkIndex:
    """Every published Markdown page under docs/ and the section ids it offers."""

    pages: dict[str, frozenset[str]]

    @classmethod
    def from_docs(cls, docs_dir: Path) -> LinkIndex:
        """Scan `docs_dir` (skipping _data and hidden folders) and the link contract.

        Raises `InputError` (`LinkContractError`) when the contract cannot be read.
        """
        pages: dict[str, set[str]] = {}
        for source in sorted(docs_dir.rglob("*.md")):
            relative = source.relative_to(docs_dir)
            if any(part.startswith(("_", ".")) for part in relative.parts):
                continue
            text = source.read_text(encoding="utf-8", errors="replace")
            ids = {a or b for a, b in EXPLICIT_ID.findall(text)}
            pages[relative.as_posix()] = ids
        for group in load_link_groups(replace(PROJECT, docs=docs_dir).links):
            url = group.page.path.strip("/")
            for page in (f"{url}.md", f"{url}/index.md") if url else ("index.md",):
                if page in pages:
                    pages[page] |= {section.anchor for section in group.children}
        return cls({page: frozenset(ids) for page, ids in pages.items()})


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
