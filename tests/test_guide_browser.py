"""The guide in Debian's Chromium: every answer clicked with JavaScript on and off.

Also history (back, forward, reload), deep links, keyboard only, and the crisis exit on every
question.

Answers come from the shipped tree, so a new answer is clicked as soon as it exists; every
outcome is checked each time an answer reaches it. Answers are named by their keys, as the page
names them (`data-answer`). The approved routes (test_guide_routes.py) say where each of the
tree's paths should lead; these say the built page really goes where each answer says.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path as FilePath

import pytest
from playwright.sync_api import expect

from wtiw.guide.graph import iter_paths
from wtiw.guide.model import Answer, Question
from wtiw.guide.validate import load_tree

pytestmark = pytest.mark.browser

TREE = load_tree()
Route = tuple[tuple[str, str], ...]
Path = tuple[Route, str]
PATHS: list[Path] = list(iter_paths(TREE))
QUESTIONS = [step.id for step in TREE.questions]
VISIBLE_STEPS = """() => Array.from(document.querySelectorAll('[data-step]'))
  .filter((step) => step.getClientRects().length > 0).map((step) => step.id)"""
# Whether the element a search result names is rendered, and the guide step holding it.
SEARCH_TARGET = """(id) => {
  const target = document.getElementById(id);
  return {
    rendered: Boolean(target && target.getClientRects().length > 0),
    step: target?.closest('[data-step]')?.id ?? null,
  };
}"""
# A path that answers five questions, for the history and keyboard tests.
LONG_ROUTE, LONG_OUTCOME = max(PATHS, key=lambda path: len(path[0]))
# Every answer of every question, as (question id, answer key): the browser walks click each.
EVERY_ANSWER = {(step.id, answer.key) for step in TREE.questions for answer in step.answers}


def visible(page) -> list[str]:
    """Ids of the steps the reader can see."""
    return page.evaluate(VISIBLE_STEPS)


def answer_of(question: str, key: str) -> Answer:
    """One answer in the tree, by its key."""
    step = TREE.steps[question]
    assert isinstance(step, Question)
    (answer,) = [answer for answer in step.answers if answer.key == key]
    return answer


@pytest.fixture
def js_off_page(browser) -> Iterator[object]:
    """A fresh page with JavaScript disabled."""
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def errors(page) -> list[str]:
    """Console errors and uncaught exceptions on `page` (checked by the tests that use it)."""
    found: list[str] = []
    page.on("pageerror", lambda error: found.append(str(error)))
    page.on(
        "console", lambda message: found.append(message.text) if message.type == "error" else None
    )
    return found


def walk(page, route: Route) -> Route:
    """Click through a route's answers, checking each step."""
    for question, answer in route:
        assert visible(page) == [question]
        page.click(f'#{question} [data-answer="{answer}"]')
    return route


def check_outcome_with_javascript(page, route: Route, outcome: str) -> None:
    """The outcome shows, with focus, announcement and a summary of exactly these answers."""
    assert visible(page) == [outcome]
    assert page.url.endswith(f"/guide/#{outcome}")
    assert "?" not in page.url
    expect(page.locator(f"#{outcome}-heading")).to_be_focused()
    title = TREE.steps[outcome].title
    expect(page.locator("[data-wtiw-guide-status]")).to_have_text(
        f"Urgent: {title}" if TREE.steps[outcome].urgent else f"Suggestion: {title}"
    )
    summary = page.locator(f"#{outcome} [data-wtiw-guide-summary-list] > li")
    expect(summary).to_have_count(len(route))
    for item, (question, answer) in zip(summary.all(), route, strict=True):
        expect(item.locator(".wtiw-guide__summary-question")).to_have_text(
            TREE.steps[question].title
        )
        expect(item.locator(".wtiw-guide__summary-answer")).to_have_text(
            answer_of(question, answer).label
        )


def check_outcome_without_javascript(page, route: Route, outcome: str) -> None:
    """The outcome shows alone; no summary or print button pretends to work."""
    assert visible(page) == [outcome]
    assert page.url.endswith(f"/guide/#{outcome}")
    assert not page.locator(f"#{outcome} [data-wtiw-guide-summary]").is_visible()
    assert not page.locator(f"#{outcome} [data-wtiw-guide-print]").is_visible()


def walk_answers(
    page, route: Route, check: Callable[[object, Route, str], None], explored: set[str]
) -> set[tuple[str, str]]:
    """Click each answer below the current step once, depth first; return the answers clicked.

    A question already explored on another route is not explored again: its answers lead to
    the same steps whatever came before (where every path ends is proven without a browser,
    test_guide_routes.py). Every outcome is checked with `check` each time an answer reaches
    it, with the route taken. After each answer the browser goes back, so history is exercised
    all along the way.
    """
    step_id = visible(page)[0]
    step = TREE.steps[step_id]
    assert isinstance(step, Question)
    explored.add(step_id)
    clicked: set[tuple[str, str]] = set()
    for answer in step.answers:
        assert visible(page) == [step_id]
        page.click(f'#{step_id} [data-answer="{answer.key}"]')
        assert visible(page) == [answer.next]
        clicked.add((step_id, answer.key))
        taken = (*route, (step_id, answer.key))
        if not isinstance(TREE.steps[answer.next], Question):
            check(page, taken, answer.next)
        elif answer.next not in explored:
            clicked |= walk_answers(page, taken, check, explored)
        page.go_back()
    assert visible(page) == [step_id]
    return clicked


def test_every_answer_with_javascript(page, errors, site_url: str):
    page.goto(site_url + "guide/")
    assert walk_answers(page, (), check_outcome_with_javascript, set()) == EVERY_ANSWER
    assert not errors


def test_every_answer_without_javascript(js_off_page, site_url: str):
    js_off_page.goto(site_url + "guide/")
    assert walk_answers(js_off_page, (), check_outcome_without_javascript, set()) == EVERY_ANSWER


def test_javascript_off_check_can_fail(js_off_page, site_url: str):
    """Control: the JS-off walk really sees one step at a time, not every step."""
    js_off_page.goto(site_url + "guide/")
    assert visible(js_off_page) == [TREE.start]
    assert len(TREE.steps) > 1


def test_no_javascript_back_and_forward(js_off_page, site_url: str):
    page = js_off_page
    page.goto(site_url + "guide/")
    walk(page, LONG_ROUTE)
    for question, _ in reversed(LONG_ROUTE):
        page.go_back()
        assert visible(page) == [question]
    page.go_forward()
    assert visible(page) == [LONG_ROUTE[1][0]]


@pytest.fixture(scope="module", params=[True, False], ids=["js-on", "js-off"])
def fresh_tab(request: pytest.FixtureRequest, browser) -> Iterator[object]:
    """One tab for the deep-link tests, with JavaScript on or off, shared across them."""
    context = browser.new_context(java_script_enabled=request.param)
    yield context.new_page()
    context.close()


def open_fresh(page, url: str) -> None:
    """Load `url` as a new document, as a link from elsewhere does, not as a jump in the page."""
    page.goto("about:blank")
    page.goto(url)


MALFORMED = "%E0%A4%A"  # a percent-encoded character cut short: decodeURIComponent throws


def test_a_malformed_address_leaves_the_guide_working(page, errors, site_url: str):
    """A link cut short opens the first question, and a bad hash later changes nothing."""
    page.goto(f"{site_url}guide/#{MALFORMED}")
    assert visible(page) == [TREE.start]
    expect(page.locator("[data-wtiw-guide]")).to_have_class(re.compile(r"\bwtiw-guide--js\b"))
    walk(page, LONG_ROUTE[:1])
    second = LONG_ROUTE[1][0]
    assert visible(page) == [second]
    expect(page.locator(f"#{second}-heading")).to_be_focused()
    page.evaluate(f"location.hash = '{MALFORMED}'")
    page.wait_for_function("(hash) => location.hash === hash", arg=f"#{MALFORMED}")
    assert visible(page) == [second]
    walk(page, LONG_ROUTE[1:2])
    assert visible(page) == [LONG_ROUTE[2][0] if len(LONG_ROUTE) > 2 else LONG_OUTCOME]
    assert not errors


def guide_search_results(site_dir: Path) -> list[str]:
    """The fragments site search links to on the guide page, from the built search index."""
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    return [
        doc["location"].removeprefix("guide/#")
        for doc in index["docs"]
        if doc["location"].startswith("guide/#")
    ]


def fragment_kind(fragment: str) -> str:
    """What a guide address points at: a question, an outcome, an urgent one, or else."""
    step = TREE.steps.get(fragment)
    if step is None:
        return "search result"
    return "urgent outcome" if getattr(step, "urgent", False) else step.kind


def test_every_deep_link_and_search_result_opens_its_step(
    fresh_tab, site_dir: FilePath, site_url: str
):
    """A link to a step shows that step; so does a search result, which names its heading.

    Other search results (the link to the map, below the guide) need only be on screen. The
    first address of each kind (question, outcome, urgent outcome, search result) is a fresh
    page load, as a link from an email or another site is; the others follow in the same
    page, as a link within it does: the guide shows a step by the same code either way, so
    loading the whole guide again for each of its addresses would repeat one behaviour.
    """
    results = guide_search_results(site_dir)
    assert results, "site search finds nothing in the guide"
    wrong: dict[str, list[str]] = {}
    loaded: set[str] = set()
    for fragment in dict.fromkeys([*TREE.steps, *results]):
        kind = fragment_kind(fragment)
        if kind in loaded:
            fresh_tab.goto(f"{site_url}guide/#{fragment}")
        else:
            open_fresh(fresh_tab, f"{site_url}guide/#{fragment}")
            loaded.add(kind)
        shown = visible(fresh_tab)
        target = fresh_tab.evaluate(SEARCH_TARGET, fragment)
        step = TREE.steps.get(fragment)
        heading = fresh_tab.locator(f"#{fragment} h2").text_content() if step else None
        if not target["rendered"] or (target["step"] and shown != [target["step"]]):
            wrong[fragment] = shown
        elif step and heading != step.title:
            wrong[fragment] = [f"heading {heading!r}"]
    assert loaded == {"question", "outcome", "urgent outcome", "search result"}, loaded
    assert not wrong, f"addresses showing the wrong step (fragment: steps shown): {wrong}"


# Records, on every animation frame until the page has loaded, which guide steps are on screen.
FRAMES_SEEN = """window.__stepsSeen = [];
(function record() {
  const shown = [...document.querySelectorAll('[data-step]')]
    .filter((step) => step.getClientRects().length > 0).map((step) => step.id);
  if (shown.length) window.__stepsSeen.push(shown.join(' '));
  if (document.readyState !== 'complete') requestAnimationFrame(record);
})();"""


@pytest.mark.parametrize("step_id", [QUESTIONS[1], LONG_OUTCOME])
def test_a_deep_link_never_shows_another_step_first(browser, site_url: str, step_id: str):
    """A therapist's link to a step must not flash the first question while the page loads.

    The site's scripts are held back until the browser has drawn the page, as on a slow phone:
    what shows then is what a reader would see before guide.js runs.
    """
    context = browser.new_context()
    context.add_init_script(FRAMES_SEEN)
    held: list = []

    def hold_scripts(route) -> None:
        if held and held[0] is None:
            route.continue_()  # released: later scripts load as usual
        else:
            held.append(route)

    context.route("**/assets/javascripts/*.js", hold_scripts)
    page = context.new_page()
    try:
        page.goto(f"{site_url}guide/#{step_id}", wait_until="commit")
        page.wait_for_function("() => window.__stepsSeen && window.__stepsSeen.length > 0")
        waiting, held[:] = list(held), [None]
        for route in waiting:
            route.continue_()
        page.wait_for_load_state("load")
        expect(page.locator("[data-wtiw-guide]")).to_have_class(re.compile(r"\bwtiw-guide--js\b"))
        seen = page.evaluate("window.__stepsSeen")
    finally:
        context.close()
    assert set(seen) == {step_id}, f"frames showed {sorted(set(seen))} before {step_id}"


def test_browser_back_forward_and_reload_keep_step_and_answers(page, errors, site_url: str):
    page.goto(site_url + "guide/")
    walk(page, LONG_ROUTE)
    summary = page.locator(f"#{LONG_OUTCOME} [data-wtiw-guide-summary-list] > li")
    expect(summary).to_have_count(len(LONG_ROUTE))
    for question, _ in reversed(LONG_ROUTE):
        page.go_back()
        assert visible(page) == [question]
        expect(page.locator(f"#{question}-heading")).to_be_focused()
    for _ in LONG_ROUTE:
        page.go_forward()
    assert visible(page) == [LONG_OUTCOME]
    expect(summary).to_have_count(len(LONG_ROUTE))
    page.reload()
    assert visible(page) == [LONG_OUTCOME]
    expect(summary).to_have_count(len(LONG_ROUTE))
    assert not errors


def test_back_start_again_and_change(page, site_url: str):
    page.goto(site_url + "guide/")
    walk(page, LONG_ROUTE)
    outcome = page.locator(f"#{LONG_OUTCOME}")
    outcome.locator("[data-wtiw-guide-back]").click()
    last_question = LONG_ROUTE[-1][0]
    assert visible(page) == [last_question]
    # Change the second answer: back at that question, with only the first answer kept.
    page.click(f'#{last_question} [data-answer="{LONG_ROUTE[-1][1]}"]')
    outcome.locator('[data-wtiw-guide-change="1"]').click()
    assert visible(page) == [LONG_ROUTE[1][0]]
    back = page.locator(f"#{LONG_ROUTE[1][0]} [data-wtiw-guide-back]")
    expect(back).to_be_visible()
    back.click()
    assert visible(page) == [LONG_ROUTE[0][0]]
    page.click(f'#{LONG_ROUTE[0][0]} [data-answer="{LONG_ROUTE[0][1]}"]')
    page.locator(f"#{LONG_ROUTE[1][0]} [data-wtiw-guide-restart]").click()
    assert visible(page) == [TREE.start]
    assert page.url.endswith(f"#{TREE.start}")


# Stored routes a reader may still have in their history from an older guide: a key that no
# longer exists, an answer index from before answers had keys, a key that is not a selector.
STALE_ANSWERS = ["no-such-answer", 0, '"]', None]


def test_a_stored_route_with_unknown_answers_is_dropped(page, errors, site_url: str):
    """Reload after the guide changed: the step shows, without a summary of wrong answers."""
    summary = page.locator(f"#{LONG_OUTCOME} [data-wtiw-guide-summary]")
    back = page.locator(f"#{LONG_OUTCOME} [data-wtiw-guide-back]")
    for stale in STALE_ANSWERS:
        page.goto(site_url + "guide/")
        walk(page, LONG_ROUTE)
        expect(summary).to_be_visible()  # control: the stored route is shown before the change
        page.evaluate(
            """(stale) => {
                const state = history.state;
                state.wtiwGuide.path[0].a = stale;
                history.replaceState(state, "");
            }""",
            stale,
        )
        page.reload()
        assert visible(page) == [LONG_OUTCOME], stale
        expect(summary).to_be_hidden()
        expect(back).to_be_hidden()
    assert not errors


def test_a_deep_link_has_no_invented_answers(page, site_url: str):
    page.goto(f"{site_url}guide/#{LONG_OUTCOME}")
    assert not page.locator(f"#{LONG_OUTCOME} [data-wtiw-guide-summary]").is_visible()
    assert not page.locator(f"#{LONG_OUTCOME} [data-wtiw-guide-back]").is_visible()
    expect(page.locator(f"#{LONG_OUTCOME} [data-wtiw-guide-restart]")).to_be_visible()


def tab_to(page, selector: str, limit: int = 200) -> None:
    """Press Tab until the focused element matches `selector`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_keyboard_only(page, site_url: str):
    page.add_init_script("window.print = () => { window.__printed = true; };")
    page.goto(site_url + "guide/")
    for question, answer in LONG_ROUTE:
        tab_to(page, f'#{question} [data-answer="{answer}"]')
        page.keyboard.press("Enter")
    assert visible(page) == [LONG_OUTCOME]
    expect(page.locator(f"#{LONG_OUTCOME}-heading")).to_be_focused()
    tab_to(page, f"#{LONG_OUTCOME} [data-wtiw-guide-print]")
    page.keyboard.press("Space")
    assert page.evaluate("window.__printed === true")
    page.locator(f"#{LONG_OUTCOME}-heading").focus()
    tab_to(page, f'#{LONG_OUTCOME} [data-wtiw-guide-change="0"]')
    page.keyboard.press("Enter")
    assert visible(page) == [TREE.start]
    expect(page.locator(f"#{TREE.start}-heading")).to_be_focused()


def test_crisis_exit_on_every_question(page, site_url: str):
    """Every question shows the same plain link to help; following one lands on it."""
    page.goto(site_url + "guide/")
    for question in QUESTIONS:
        page.evaluate("id => { location.hash = id; }", question)
        exit_link = page.locator(f"#{question} [data-wtiw-guide-exit]")
        expect(exit_link).to_be_visible()
        expect(exit_link).to_have_text("I need help now")
        assert exit_link.evaluate("link => link.href") == site_url + "help-now/", question
    exit_link.click()
    page.wait_for_url("**/help-now/")
    expect(page.locator("#emergency")).to_be_attached()


def test_answers_never_reach_storage_cookies_or_the_query(page, site_url: str):
    page.goto(site_url + "guide/")
    walk(page, LONG_ROUTE)
    stored = page.evaluate(
        "() => JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage),"
        " document.cookie])"
    )
    for question, _ in LONG_ROUTE:
        assert question not in stored
    assert LONG_OUTCOME not in stored
    assert "?" not in page.url


def test_mounting_twice_changes_nothing(page, site_url: str):
    page.goto(site_url + "guide/")
    walk(page, LONG_ROUTE[:2])
    # The status is emptied, then filled a moment later: wait for this step's announcement.
    shown = LONG_ROUTE[2][0]
    expect(page.locator("[data-wtiw-guide-status]")).to_have_text(TREE.steps[shown].title)
    before = page.inner_html("[data-wtiw-guide]")
    page.add_script_tag(url=site_url + "assets/javascripts/guide.js")
    assert page.inner_html("[data-wtiw-guide]") == before
    page.click(f'#{LONG_ROUTE[2][0]} [data-answer="{LONG_ROUTE[2][1]}"]')
    assert visible(page) == [LONG_ROUTE[3][0] if len(LONG_ROUTE) > 3 else LONG_OUTCOME]


def test_printing_an_outcome_gives_a_handout(page, site_url: str):
    page.goto(site_url + "guide/")
    walk(page, LONG_ROUTE)
    page.emulate_media(media="print")
    outcome = page.locator(f"#{LONG_OUTCOME}")
    assert visible(page) == [LONG_OUTCOME]
    expect(outcome.locator("[data-wtiw-guide-summary]")).to_be_visible()
    handout = outcome.locator(".wtiw-guide__handout")
    expect(handout).to_be_visible()
    expect(handout).to_contain_text(f"/guide/#{LONG_OUTCOME}")
    qr = handout.locator("img[data-wtiw-guide-qr]")
    expect(qr).to_be_visible()
    # Loaded when the outcome showed, so it is on paper (lazy images elsewhere never load).
    expect(qr).to_have_js_property("complete", True)
    assert qr.evaluate("image => image.naturalWidth") > 0
    expect(outcome.locator(".wtiw-guide__controls")).to_be_hidden()
    expect(page.locator("#guide-map")).to_be_hidden()
    # The page's handout box prints too, for the crisis numbers and the review date; its QR
    # code, which names the guide's first page, gives way to the outcome's.
    extras = page.locator("[data-wtiw-handout]")
    expect(extras).to_be_visible()
    for number in ("988", "116 123", "13 11 14"):
        expect(extras).to_contain_text(number)
    expect(extras).to_contain_text("Last reviewed")
    expect(extras.locator(".wtiw-handout__qr")).to_be_hidden()
    page.emulate_media(media="screen")
    expect(handout).to_be_hidden()  # control: on screen the handout part is not shown
    expect(extras).to_be_hidden()
