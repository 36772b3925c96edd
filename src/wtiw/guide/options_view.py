"""View data for an outcome's options, weighed, and its "What matters to you" checkboxes.

Plain data for ``overrides/partials/guide/options.html``; no markup here. An option that a
ticked box can demote is listed twice: in its place, and again at the end of the list. CSS
(``guide-options.css``, with ``:has()``) shows exactly one of the two, so the order a screen
reader or the Tab key meets equals the order on screen, with JavaScript on or off, and shows
"Suggested for you" on the first card shown only.

What the reader already said is applied before they tick anything: a value or constraint
whose `answers` include every answer that leads straight into the outcome ("I can't switch
therapist") is `given`, and its box starts ticked, so the page works the same with
JavaScript off. The box can still be unticked.
Example: ``option_views(tree, lambda page, anchor: f"../{page}#{anchor}")["early-days"]``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from wtiw.guide.model import Outcome, Question, Tree
from wtiw.guide.options import Matters, Option, OptionCatalog

Href = Callable[[str, str], str]


@dataclass(frozen=True)
class Note:
    """A note shown on a card only while the box at `index` is ticked."""

    index: int
    text: str


@dataclass(frozen=True)
class CardView:
    """One option's card: where it sits, whether it is suggested, and its conditional notes.

    `place` is "only" (never moves), "here" (its place, hidden once demoted) or "later" (the
    copy at the end, shown once demoted). `demote` lists the boxes that demote it.
    """

    option: Option
    href: str
    place: str
    suggested: bool
    demote: tuple[int, ...]
    fits: tuple[Note, ...]
    later: tuple[Note, ...]


@dataclass(frozen=True)
class OptionsView:
    """Everything an outcome's comparison needs: its checkboxes and its cards in DOM order."""

    step_id: str
    values: tuple[Matters, ...]
    constraints: tuple[Matters, ...]
    cards: tuple[CardView, ...]
    ask: bool
    given: frozenset[str] = frozenset()


def _cards(outcome: Outcome, catalog: OptionCatalog, href: Href) -> tuple[CardView, ...]:
    """The cards in page order: every option in its place, then the copies that can move."""
    options = [catalog.options[name] for name in outcome.options]
    matters = catalog.matters
    here: list[CardView] = []
    later: list[CardView] = []
    for position, option in enumerate(options):
        demote = tuple(matters[name].index for name in option.not_if)
        fits = tuple(Note(matters[name].index, matters[name].said) for name in option.fits)
        link = href(option.page, option.anchor)
        if not demote:
            here.append(CardView(option, link, "only", position == 0, (), fits, ()))
            continue
        notes = tuple(Note(matters[name].index, matters[name].said) for name in option.not_if)
        here.append(CardView(option, link, "here", position == 0, demote, fits, ()))
        later.append(CardView(option, link, "later", False, demote, fits, notes))
    return tuple(here + later)


def given_matters(tree: Tree, outcome: Outcome) -> frozenset[str]:
    """The values and constraints every answer leading straight into `outcome` already says."""
    catalog = tree.catalog
    if catalog is None:
        return frozenset()
    keys = [
        answer.key
        for step in tree.steps.values()
        if isinstance(step, Question)
        for answer in step.answers
        if answer.next == outcome.id
    ]
    if not keys:
        return frozenset()
    return frozenset(
        matters.id
        for matters in catalog.matters.values()
        if all(key in matters.answers for key in keys)
    )


def option_views(tree: Tree, href: Href) -> dict[str, OptionsView]:
    """For each outcome with options, its comparison; urgent outcomes skip the checkboxes."""
    catalog = tree.catalog
    if catalog is None:
        return {}
    values = tuple(m for m in catalog.matters.values() if m.kind == "value")
    constraints = tuple(m for m in catalog.matters.values() if m.kind == "constraint")
    views = {}
    for outcome in tree.outcomes:
        if not outcome.options:
            continue
        cards = _cards(outcome, catalog, href)
        if outcome.urgent:  # crisis first: the options, without a form to fill in
            cards = tuple(card for card in cards if card.place != "later")
        views[outcome.id] = OptionsView(
            outcome.id, values, constraints, cards, not outcome.urgent, given_matters(tree, outcome)
        )
    return views
