"""Every value that promises crisis help first, tried on screen and in print, JS on and off.

The values come from the source files (tests/support/safety.py): every guide answer whose
outcome is urgent, and every self-check input marked `data-wtiw-urgent`. Each JavaScript mode
opens the guide once on a 390 x 844 phone and gives every urgent answer in turn, moving in
the page; then prints each urgent outcome once. It opens each page with urgent inputs once,
tries every input of it, and prints the crisis state once. An answer or input that is not
urgent is the control each time: the same check must fail on it.
"""

from __future__ import annotations

import pytest

from tests.support.build import ROOT
from tests.support.printout import (
    edition_crisis,
    flat_text,
    language_of,
    print_pdf,
    reviewed_on,
    text_problems,
)
from tests.support.safety import (
    calm_answer,
    choices_in,
    crisis_first_problems,
    urgent_answers,
    urgent_pages,
)
from tests.test_self_checks import LAYOUT
from wtiw.guide.validate import load_tree

DOCS = ROOT / "docs"
CANONICAL = "https://when-therapy-isnt-working.github.io/"
TREE = load_tree()
URGENT = urgent_answers(TREE)
CALM = calm_answer(TREE)
PAGES = urgent_pages(DOCS)
PHONE = {"width": 390, "height": 844}
MODES = [pytest.param(True, id="js-on"), pytest.param(False, id="js-off")]
# Each edition's guide: same steps and answers, other words and first lines.
EDITIONS = [pytest.param("", id="en"), pytest.param("es/", id="es")]
SHOWN = (
    "id => { const e = document.getElementById(id); return e && e.getClientRects().length > 0; }"
)
# Clear every input of a self-check (no reload: one visit), as a reader unticking would.
CLEAR = """forms => forms.forEach(form => {
  form.querySelectorAll("input").forEach(input => { input.checked = false; });
  form.dispatchEvent(new Event("change", {bubbles: true}));
})"""
SELF_CHECKS = "[data-wtiw-self-check]"


def test_the_urgent_values_are_read_from_the_sources():
    """Every urgent outcome is reached by a found answer; urgent inputs are found by marking."""
    urgent_outcomes = {step.id for step in TREE.outcomes if step.urgent}
    assert urgent_outcomes == {answer.outcome for answer in URGENT}
    assert not TREE.steps[CALM.outcome].urgent, "control: the calm answer's outcome is not urgent"
    assert PAGES, "no page marks an input data-wtiw-urgent"
    assert all(any(choice.urgent for choice in choices) for choices in PAGES.values())
    # Control: marking an input is what makes it urgent; the attribute alone, at any place.
    text = (
        '<input type="radio" name="q-1" value="0"> <input data-wtiw-urgent type="radio" '
        'name="q-1" value="1"><input type="radio" name="q-2" value="1" data-wtiw-urgent>'
    )
    found = [(c.name, c.value, c.urgent) for c in choices_in(text, "p/")]
    assert found == [("q-1", "0", False), ("q-1", "1", True), ("q-2", "1", True)]


def move_to(tab, step: str) -> None:
    """Open a guide step by its address, in the same page, as a reader's link does."""
    tab.evaluate("id => { location.hash = id; }", step)
    tab.wait_for_function(SHOWN, arg=step)


@pytest.mark.browser
@pytest.mark.parametrize("javascript", MODES)
@pytest.mark.parametrize("folder", EDITIONS)
def test_every_urgent_answer_shows_crisis_numbers_first_on_a_phone_and_in_print(
    browser, site_url, folder, javascript
):
    """Each edition's guide, against its own first lines (the Spanish: those in Spanish)."""
    guide = f"{folder}guide/"
    language = language_of(guide)
    crisis = edition_crisis(language)
    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript)
    tab = context.new_page()
    screen: dict[str, list[str]] = {}
    printed: dict[str, list[str]] = {}
    try:
        tab.goto(site_url + guide, wait_until="load")
        title = tab.locator("[data-urgent] .wtiw-crisis-numbers__title").first.text_content()
        for answer in [*URGENT, CALM]:
            move_to(tab, answer.question)
            tab.click(f"#{answer.question} [data-answer='{answer.key}']")
            tab.wait_for_function(SHOWN, arg=answer.outcome)
            name = f"{answer.question}/{answer.key}"
            screen[name] = crisis_first_problems(tab, answer.outcome, crisis)
        for outcome in dict.fromkeys(answer.outcome for answer in [*URGENT, CALM]):
            move_to(tab, outcome)
            meaning = flat_text(tab.locator(f"#{outcome} > h3 + p").first.text_content())
            printout = print_pdf(tab)
            problems = text_problems(
                printout,
                address=f"{CANONICAL}{guide}#{outcome}",
                reviewed=reviewed_on(DOCS, guide),
                language=language,
            )
            where = printout.text.find(flat_text(title))
            if not 0 <= where < printout.text.find(meaning):
                problems.append(f"the urgent crisis numbers ({title!r}) do not print first")
            printed[outcome] = problems
    finally:
        context.close()
    calm = f"{CALM.question}/{CALM.key}"
    assert screen.pop(calm), f"control: {calm} leads to an outcome without crisis help first"
    assert printed.pop(CALM.outcome), f"control: {CALM.outcome} prints no urgent crisis numbers"
    assert len(screen) == len(URGENT)
    assert not any(screen.values()), {name: found for name, found in screen.items() if found}
    assert not any(printed.values()), {name: found for name, found in printed.items() if found}


# The total a reader sees: said by self-check.js, or added up by CSS without it.
ANY_SHOWN = "panels => panels.some(panel => panel.getClientRects().length > 0)"
TOTAL = {True: "[data-wtiw-self-check-result]", False: ".wtiw-self-check__total--css"}


@pytest.mark.browser
@pytest.mark.parametrize("javascript", MODES)
@pytest.mark.parametrize("path", list(PAGES))
def test_every_urgent_input_shows_crisis_help_above_the_total_and_in_print(
    browser, site_url, path, javascript
):
    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript)
    tab = context.new_page()
    layouts: dict[str, dict[str, bool]] = {}
    try:
        tab.goto(site_url + path, wait_until="load")
        for choice in PAGES[path]:
            form = f"[data-wtiw-self-check]:has({choice.selector})"
            tab.locator(SELF_CHECKS).evaluate_all(CLEAR)
            tab.check(f"{form} {choice.selector}")
            if choice.urgent:
                both = f"{form} [data-wtiw-self-check-crisis], {form} {TOTAL[javascript]}"
                layouts[choice.selector] = tab.locator(both).evaluate_all(LAYOUT)
            else:
                panels = tab.locator("[data-wtiw-self-check-crisis]")
                layouts[choice.selector] = {"shown": panels.evaluate_all(ANY_SHOWN)}
        urgent = next(choice for choice in PAGES[path] if choice.urgent)
        form = f"[data-wtiw-self-check]:has({urgent.selector})"
        words = flat_text(
            tab.locator(f"{form} [data-wtiw-self-check-crisis] p").first.text_content()
        )
        tab.locator(SELF_CHECKS).evaluate_all(CLEAR)
        calm = print_pdf(tab).text
        tab.check(f"{form} {urgent.selector}")
        printout = print_pdf(tab)
    finally:
        context.close()
    assert words not in calm, (
        "control: with no urgent input ticked, the crisis panel does not print"
    )
    assert words in printout.text, f"{urgent.selector} prints no crisis panel"
    reviewed = reviewed_on(DOCS, path)
    address = CANONICAL + path
    assert not text_problems(
        printout, address=address, reviewed=reviewed, language=language_of(path)
    )
    calm_shown = [c.selector for c in PAGES[path] if not c.urgent and layouts[c.selector]["shown"]]
    assert not calm_shown, f"control: inputs not marked urgent show crisis help: {calm_shown}"
    wrong = {
        choice.selector: layouts[choice.selector]
        for choice in PAGES[path]
        if choice.urgent and layouts[choice.selector] != {"shown": True, "above": True}
    }
    assert not wrong, f"urgent inputs without crisis help above the total: {wrong}"
