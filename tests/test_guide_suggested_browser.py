"""One "Suggested for you", on the first card shown, whatever the reader ticks (issue 21).

In Debian's Chromium on a 390 px phone, with JavaScript on and off: every outcome with
options is shown, and every combination of the boxes that can move one of its cards is
ticked in turn. After each, exactly one card shows "Suggested for you", it is the first card
shown, and it is a card no ticked box demotes, unless every card is demoted. Boxes for what
the reader already said start ticked. The outcomes and boxes come from the built page, so a
new outcome or option is covered without a new test. All combinations run in one evaluation
per outcome, so the page is visited once.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.build import ROOT
from wtiw.guide.options_view import given_matters
from wtiw.guide.validate import load_tree

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
TREE = load_tree(ROOT / "docs" / "_data" / "guide.yaml")

# For one outcome: tick every combination of the boxes that demote one of its cards and
# report, per combination, the cards shown (id, demoted by a ticked box, labelled).
SWEEP = """(step) => {
  const root = document.getElementById(step);
  const shown = (el) => el.getClientRects().length > 0;
  const boxes = [...root.querySelectorAll('.wtiw-options__check')];
  const given = boxes.filter((box) => box.checked).map((box) => box.dataset.matters);
  const index = (box) => Number([...box.classList].find((c) => /--\\d+$/.test(c)).split('--')[1]);
  const moving = boxes.filter((box) => root.querySelector(`.wtiw-option--demote-${index(box)}`));
  const start = boxes.map((box) => box.checked);
  const results = [];
  for (let mask = 0; mask < 2 ** moving.length; mask += 1) {
    moving.forEach((box, bit) => { box.checked = Boolean(mask & (1 << bit)); });
    const ticked = moving.filter((box) => box.checked).map(index);
    const cards = [...root.querySelectorAll('[data-option]')].filter(shown).map((card) => ({
      id: card.dataset.option,
      demoted: ticked.some((n) => card.classList.contains(`wtiw-option--demote-${n}`)),
      labelled: shown(card.querySelector('.wtiw-option__suggested')),
    }));
    results.push({ticked: moving.filter((box) => box.checked).map((b) => b.dataset.matters),
                  cards});
  }
  boxes.forEach((box, i) => { box.checked = start[i]; });
  return {given, results};
}"""


@pytest.fixture(scope="module", params=[True, False], ids=["js-on", "js-off"])
def phone(request: pytest.FixtureRequest, browser) -> Iterator[object]:
    """A phone-sized tab with JavaScript on or off."""
    context = browser.new_context(java_script_enabled=request.param, viewport=PHONE)
    yield context.new_page()
    context.close()


def suggestion_problems(step: str, ticked: list[str], cards: list[dict]) -> list[str]:
    """What is wrong with the labels of the cards shown after ticking `ticked`."""
    where = f"{step} with {ticked or 'nothing'} ticked"
    labelled = [card["id"] for card in cards if card["labelled"]]
    if len(labelled) != 1:
        return [f"{where}: {len(labelled)} cards say 'Suggested for you': {labelled}"]
    if not cards[0]["labelled"]:
        return [f"{where}: the label is on {labelled[0]}, not on the first card shown"]
    if cards[0]["demoted"] and not all(card["demoted"] for card in cards):
        return [f"{where}: a demoted card, {cards[0]['id']}, is suggested"]
    return []


def test_exactly_one_suggestion_on_the_first_card_shown_whatever_is_ticked(phone, site_url: str):
    phone.goto(site_url + "guide/")
    phone.wait_for_load_state("load")
    outcomes = [step for step in TREE.outcomes if step.options]
    problems: list[str] = []
    combinations = 0
    for outcome in outcomes:
        phone.evaluate("(step) => { location.hash = step; }", outcome.id)
        phone.wait_for_function(
            "(step) => document.getElementById(step).getClientRects().length > 0", outcome.id
        )
        found = phone.evaluate(SWEEP, outcome.id)
        expected = sorted(given_matters(TREE, outcome)) if not outcome.urgent else []
        if sorted(found["given"]) != expected:
            ticked = found["given"]
            problems.append(f"{outcome.id}: boxes ticked on arrival {ticked}, not {expected}")
        for result in found["results"]:
            combinations += 1
            problems += suggestion_problems(outcome.id, result["ticked"], result["cards"])
    assert combinations >= len(outcomes), "every outcome with options was checked"
    assert not problems, problems


@pytest.mark.parametrize(
    ("cards", "expected"),
    [
        pytest.param(
            [
                {"id": "a", "demoted": False, "labelled": True},
                {"id": "b", "demoted": True, "labelled": False},
            ],
            [],
            id="right",
        ),
        pytest.param(
            [
                {"id": "a", "demoted": False, "labelled": True},
                {"id": "b", "demoted": False, "labelled": True},
            ],
            ["x with nothing ticked: 2 cards say 'Suggested for you': ['a', 'b']"],
            id="two-labels",
        ),
        pytest.param(
            [
                {"id": "a", "demoted": False, "labelled": False},
                {"id": "b", "demoted": False, "labelled": False},
            ],
            ["x with nothing ticked: 0 cards say 'Suggested for you': []"],
            id="no-label",
        ),
        pytest.param(
            [
                {"id": "a", "demoted": True, "labelled": True},
                {"id": "b", "demoted": False, "labelled": False},
            ],
            ["x with nothing ticked: a demoted card, a, is suggested"],
            id="demoted-first",
        ),
    ],
)
def test_the_suggestion_check_names_what_is_wrong(cards: list[dict], expected: list[str]):
    """Control: the check passes one label on the first card and names every other case."""
    assert suggestion_problems("x", [], cards) == expected


def test_a_box_for_what_the_reader_said_starts_ticked_in_the_built_page(site_dir: Path):
    """Control for the browser sweep's arrival check: some outcome starts with a box ticked."""
    html = (site_dir / "guide" / "index.html").read_text(encoding="utf-8")
    given = {o.id: given_matters(TREE, o) for o in TREE.outcomes if o.options and not o.urgent}
    assert any(given.values()), "no outcome is reached only by an answer a constraint names"
    for step, names in given.items():
        for name in names:
            assert f'id="{step}-matters-{name}" data-matters="{name}" checked' in html, step
