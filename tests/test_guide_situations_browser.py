"""The guide walked as six readers would, on a 390 px phone, JavaScript on and off (issue 21).

Each reader taps their answers from the first question and the test reads what they see on
arrival: the outcome, the card "Suggested for you" (exactly one, on the first card shown),
the notes, the boxes already ticked, and for a reader harmed by their therapist the absence
of anything asking them to deal with that therapist. Ids and texts come from the guide and
options files, so rewording a card does not break a test, but changing what a reader is
offered does.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from tests.support.build import ROOT
from wtiw.crisis.numbers import load_crisis_help
from wtiw.guide.lint import HARM_PHRASES
from wtiw.guide.validate import load_tree

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
TREE = load_tree(ROOT / "docs" / "_data" / "guide.yaml")
CATALOG = TREE.catalog
CRISIS = load_crisis_help(ROOT / "docs" / "_data" / "crisis-help.yml")

# What a reader sees of an outcome: its cards in screen order, with their labels and notes.
SEEN = """(step) => {
  const root = document.getElementById(step);
  const shown = (el) => el.getClientRects().length > 0;
  const onScreen = (el) => { const b = el.getBoundingClientRect();
                             return b.width > 0 && b.top >= 0 && b.bottom <= innerHeight; };
  return {
    shown: shown(root),
    text: root.textContent,
    cards: [...root.querySelectorAll('[data-option]')].filter(shown).map((card) => ({
      id: card.dataset.option,
      suggested: shown(card.querySelector('.wtiw-option__suggested')),
      notes: [...card.querySelectorAll('.wtiw-option__note')].filter(shown)
        .map((note) => note.textContent.trim()),
      links: [...card.querySelectorAll('a')].map((a) => a.getAttribute('href')),
    })),
    ticked: [...root.querySelectorAll('.wtiw-options__check:checked')]
      .map((box) => box.dataset.matters),
    links: [...root.querySelectorAll('a')].filter(shown).map((a) => a.getAttribute('href')),
    firstScreen: [...root.querySelectorAll('a')].filter(onScreen)
      .map((a) => a.getAttribute('href')),
  };
}"""


@dataclass(frozen=True)
class Reader:
    """A reader's answers, from the first question, the outcome they reach and what they tick."""

    name: str
    answers: tuple[tuple[str, str], ...]
    outcome: str
    tick: tuple[str, ...] = field(default=())


READERS = [
    Reader(
        "harmed", (("are-you-safe", "safe"), ("what-feels-wrong", "harmed")), "boundary-concern"
    ),
    Reader(
        "cannot-switch",
        (
            ("are-you-safe", "safe"),
            ("what-feels-wrong", "relationship"),
            ("the-relationship", "no-click"),
            ("talked-about-relationship", "cannot-switch"),
        ),
        "make-it-work-together",
    ),
    Reader(
        "early-days-change-soon",
        (("are-you-safe", "safe"), ("what-feels-wrong", "no-change"), ("how-long", "under-six")),
        "early-days",
        tick=("change-soon",),
    ),
    Reader(
        "drinking",
        (("are-you-safe", "safe"), ("what-feels-wrong", "drinking-or-drugs")),
        "drinking-or-drugs",
    ),
    Reader(
        "wrong-approach",
        (
            ("are-you-safe", "safe"),
            ("what-feels-wrong", "wrong-approach"),
            ("talked-about-approach", "not-yet"),
        ),
        "try-a-different-approach",
    ),
    Reader(
        "long-plateau",
        (("are-you-safe", "safe"), ("what-feels-wrong", "no-change"), ("how-long", "year-or-more")),
        "after-a-long-time",
    ),
]


@pytest.fixture(scope="module", params=[True, False], ids=["js-on", "js-off"])
def phone(request: pytest.FixtureRequest, browser) -> Iterator[object]:
    """A phone-sized browser context with JavaScript on or off."""
    context = browser.new_context(java_script_enabled=request.param, viewport=PHONE)
    yield context
    context.close()


def walk(context, site_url: str, reader: Reader) -> dict:
    """Tap the reader's answers from the first question, tick their boxes; what they see."""
    tab = context.new_page()
    try:
        tab.goto(site_url + "guide/")
        tab.wait_for_load_state("load")
        for question, key in reader.answers:
            tab.locator(f"#{question} [data-answer='{key}']").click()
        tab.wait_for_function(
            "(step) => document.getElementById(step).getClientRects().length > 0",
            arg=reader.outcome,
        )
        for name in reader.tick:
            tab.locator(f"label[for='{reader.outcome}-matters-{name}']").click()
        return tab.evaluate(SEEN, reader.outcome)
    finally:
        tab.close()


def not_right_for_this_reader(option_id: str, reader: Reader) -> bool:
    """True when the card's "When it may not be right" describes one of the reader's answers."""
    option = CATALOG.options[option_id]
    return any(answer in option.not_right_for for answer in reader.answers)


@pytest.mark.parametrize("reader", READERS, ids=[reader.name for reader in READERS])
def test_each_reader_sees_one_fitting_suggestion_first(phone, site_url: str, reader: Reader):
    seen = walk(phone, site_url, reader)
    assert seen["shown"], f"{reader.name} did not reach {reader.outcome}"
    cards = seen["cards"]
    assert [card["id"] for card in cards if card["suggested"]] == [cards[0]["id"]]
    assert not not_right_for_this_reader(cards[0]["id"], reader), cards[0]["id"]
    outcome = TREE.steps[reader.outcome]
    assert {card["id"] for card in cards} == set(outcome.options), "every option, once"


def test_a_reader_harmed_by_their_therapist_is_never_sent_back_to_them(phone, site_url: str):
    seen = walk(phone, site_url, READERS[0])
    unsafe = HARM_PHRASES.findall(seen["text"])
    assert not unsafe, f"the harmed reader is asked to deal with their therapist: {unsafe}"
    ids = [card["id"] for card in seen["cards"]]
    assert {"support-first", "stop-now", "report-or-complain"} <= set(ids)
    assert ids[0] != "new-therapist-after-harm", "support and safety come before a new search"
    report = next(card for card in seen["cards"] if card["id"] == "report-or-complain")
    assert any("complain-about-a-therapist/" in href for href in report["links"])
    support = next(card for card in seen["cards"] if card["id"] == "support-first")
    assert any(href.endswith("help-now/#abuse") for href in support["links"])
    emergency = {service.actions[0].href for service in CRISIS.lists["emergency"]}
    assert emergency <= set(seen["firstScreen"]), "emergency numbers on the first screen"


def test_a_reader_who_cannot_switch_has_that_applied_on_arrival(phone, site_url: str):
    seen = walk(phone, site_url, READERS[1])
    assert "cant-switch" in seen["ticked"], "the box for what they said starts ticked"
    ids = [card["id"] for card in seen["cards"]]
    assert ids[0] != "new-therapist"
    # Still offered, last, saying why: the reader sees the constraint applied, not a gap.
    last = seen["cards"][-1]
    assert last["id"] == "new-therapist"
    assert any("you can't switch therapist" in note for note in last["notes"])


def test_early_days_and_change_soon_keeps_one_suggestion_that_fits(phone, site_url: str):
    seen = walk(phone, site_url, READERS[2])
    assert "change-soon" in seen["ticked"]
    first = seen["cards"][0]
    assert first["suggested"]
    assert "change-soon" not in CATALOG.options[first["id"]].not_if


def test_a_reader_who_drinks_sees_the_lines_and_a_specialist_service(phone, site_url: str):
    seen = walk(phone, site_url, READERS[3])
    lines = {a.href for service in CRISIS.lists["alcohol-and-drugs"] for a in service.actions}
    assert lines <= set(seen["links"]), f"alcohol and drug lines missing: {lines}"
    ids = [card["id"] for card in seen["cards"]]
    assert ids[0] == "alcohol-drug-service"
    assert "medication" not in ids, "the depression card is not offered to this reader"
    alcohol = CATALOG.options["medication-alcohol"]
    assert "alcohol" in " ".join((alcohol.involves, *alcohol.downsides, alcohol.like)).lower()


def test_the_wrong_approach_and_the_long_plateau_weigh_the_real_choices(phone, site_url: str):
    approach = [card["id"] for card in walk(phone, site_url, READERS[4])["cards"]]
    assert "medication" in approach
    plateau = [card["id"] for card in walk(phone, site_url, READERS[5])["cards"]]
    assert {"pause-or-end", "different-type"} <= set(plateau)
