"""Every edition has the English pages and their `{#id}` anchors, so links work in both.

Therapists link a client to a page or a section, and the language switch and `hreflang`
links send a reader to the same address in the other edition (`core/editions.py`): a page or
an anchor one edition lacks is a broken link there. So a translated page must have exactly
its English page's `{#id}` anchors. A section that exists only in the translation (the
Spanish complaints page's "España" and "México") is allowed when its page lists it in front
matter, so an extra id is always a decision, never a typo:

    extra_anchors: [spain, mexico]

The MkDocs plugin runs `edition_problems` in a translated edition's build (`on_files`); each
problem is a `FILE:LINE:COLUMN: message` line in the translated page (or, for a page the
translation lacks, the English page).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

# An attribute list with an id, as `attr_list` reads it: `{#id}` or `{ #id .class }`.
_ANCHOR = re.compile(r"\{:?[^{}\n]*?#([A-Za-z][\w-]*)[^{}\n]*\}")
_FRONT_MATTER = re.compile(r"\A---\n(.*?\n)---\n", re.DOTALL)
_FENCE = re.compile(r"^(```|~~~).*?^\1", re.DOTALL | re.MULTILINE)
_EXTRA = re.compile(r"^extra_anchors:[ \t]*\[([^\]\n]*)\][ \t]*$", re.MULTILINE)
# Jinja comments (`{# … #}`) are not anchors.
_COMMENT = re.compile(r"\{#(?![\w-]).*?#\}", re.DOTALL)


@dataclass(frozen=True)
class Page:
    """One page's source and the path editors know it by (`docs/es/about.md`)."""

    label: str
    source: str


def _place(source: str, index: int) -> str:
    """`LINE:COLUMN` (1-based) of `index` in `source`."""
    line = source.count("\n", 0, index) + 1
    return f"{line}:{index - source.rfind(chr(10), 0, index)}"


def _blank(match: re.Match[str]) -> str:
    """Text of the same length, so positions after it stay right."""
    return re.sub(r"[^\n]", " ", match.group())


def anchors(source: str) -> dict[str, int]:
    """Each `{#id}` anchor of a page, in page order, with where it is (outside code)."""
    body = _COMMENT.sub(_blank, _FENCE.sub(_blank, source))
    front = _FRONT_MATTER.match(body)
    start = front.end() if front else 0
    found: dict[str, int] = {}
    for match in _ANCHOR.finditer(body, start):
        found.setdefault(match[1], match.start(1) - 1)
    return found


def extra_anchors(source: str) -> tuple[dict[str, int], str | None]:
    """The ids a page lists under `extra_anchors`, with where; or a problem with the list."""
    front = _FRONT_MATTER.match(source)
    text = front[1] if front else ""
    if "extra_anchors" not in text:
        return {}, None
    match = _EXTRA.search(text)
    if match is None:
        return {}, "`extra_anchors` must be one line listing ids, e.g. `extra_anchors: [spain]`"
    names = [name.strip().strip("'\"") for name in match[1].split(",") if name.strip()]
    offset = 4 + match.start(1)  # after the opening `---` line
    return {name: offset + match[1].find(name) for name in names}, None


def edition_problems(
    pages: Mapping[str, Page], english: Mapping[str, Page], language: str
) -> list[str]:
    """Pages and anchors that differ between an edition and the English one, by page name.

    `pages` and `english` map a page's name (`about.md`) to the page in each edition.
    """
    problems = []
    for name in sorted(english.keys() - pages.keys()):
        problems.append(
            f"{english[name].label}:1:1: this page has no {language} page: add {name} to the "
            f"{language} edition, so its links and the language switch work."
        )
    for name in sorted(pages.keys() - english.keys()):
        problems.append(
            f"{pages[name].label}:1:1: this page has no English page: every edition has the "
            f"same pages, so add docs/{name} first or remove this one."
        )
    for name in sorted(pages.keys() & english.keys()):
        problems += _anchor_problems(pages[name], english[name])
    return problems


def _anchor_problems(page: Page, english: Page) -> list[str]:
    """The anchors of one translated page that differ from its English page's."""
    own, theirs = anchors(page.source), anchors(english.source)
    allowed, wrong = extra_anchors(page.source)
    if wrong:
        return [f"{page.label}:{_place(page.source, page.source.find('extra_anchors'))}: {wrong}."]
    problems = []
    shared = [anchor for anchor in theirs if anchor in own]
    for anchor in theirs:
        if anchor in own:
            continue
        # Report it where it should be: after the last anchor both have before it.
        before = [
            other for other in shared if list(theirs).index(other) < list(theirs).index(anchor)
        ]
        at = own[before[-1]] if before else anchors_start(page.source)
        problems.append(
            f"{page.label}:{_place(page.source, at)}: the English page {english.label} has the "
            f"anchor {{#{anchor}}} and this page does not: add it to the matching heading "
            "(links to it from the guide, the handouts and therapists must work here too)."
        )
    for anchor, at in own.items():
        if anchor in theirs or anchor in allowed:
            continue
        problems.append(
            f"{page.label}:{_place(page.source, at)}: the anchor {{#{anchor}}} is not on the "
            f"English page {english.label}: use the English page's id, or list it in this "
            f"page's front matter as `extra_anchors: [{anchor}]` if the section exists only here."
        )
    for anchor, at in allowed.items():
        if anchor in theirs or anchor not in own:
            why = "the English page has it too" if anchor in theirs else "no section has it"
            problems.append(
                f"{page.label}:{_place(page.source, at)}: `extra_anchors` lists {anchor}, but "
                f"{why}: remove it from the list."
            )
    return problems


def anchors_start(source: str) -> int:
    """Where a page's body starts: after its front matter."""
    front = _FRONT_MATTER.match(source)
    return front.end() if front else 0
