"""Keyboard only: Tab reaches everything in reading order with a visible, unobscured focus ring.

Walks one page of each kind, full page and embed form apart (`control_kinds`: pages share the
site's chrome or the embed template, so those whose content holds the same kinds of control
walk alike), with real Tab and Shift+Tab presses (SC 2.1.1, 2.4.3, 2.4.7, 2.4.11),
checks the skip link (SC 2.4.1) and answers one guide question with Tab and Enter. Focus rings
and text-field edges must reach 3:1 in both palettes (SC 1.4.11); that check focuses each stop
from script, since order and scrolling are proven by the real walks. The walks run with reduced
motion so each stop is measured in its final state, not mid-transition (motion is checked in
test_a11y_motion.py). Fixtures prove each check can fail.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.a11y import (
    FIXTURES,
    PALETTES,
    ControlKinds,
    MarkupKinds,
    browser_context,
    check,
    control_kinds,
    focus_problems,
    full_pages,
    guide_pages,
    guide_steps,
    html_file,
    markup_kinds,
    one_of_each,
    opened,
    order_problems,
    probe_fixture,
    report,
    row_kinds,
    rows_as_kinds,
    skip_link_problems,
    step_kinds,
    tab_walk,
    visit,
)
from tests.support.sweep import Sweeps, findings, on

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def light(browser) -> Iterator[object]:
    """A light desktop context for the guide walk and the fixtures."""
    with browser_context(browser, reduced_motion="reduce") as context:
        yield context


@pytest.mark.parametrize("setup", on("light-tab"))
def test_tab_reaches_everything_in_order_with_visible_focus(sweep: Sweeps, setup: str):
    problems = findings(sweep(setup), "tab-walk")
    assert not any(problems.values()), report(problems)


@pytest.mark.parametrize("setup", on("light-shift-tab"))
def test_shift_tab_never_hides_focus_under_the_header(sweep: Sweeps, setup: str):
    problems = findings(sweep(setup), "shift-tab-walk")
    assert not any(problems.values()), report(problems)


@pytest.mark.parametrize("setup", on(*PALETTES))
def test_focus_rings_and_field_edges_have_contrast(sweep: Sweeps, setup: str):
    problems = findings(sweep(setup), "palette", "focus-rings")
    assert not any(problems.values()), report(problems)


@pytest.mark.parametrize("setup", on("phone"))
def test_phone_tab_walk_keeps_focus_visible(sweep: Sweeps, setup: str):
    problems = findings(sweep(setup), "tab-walk")
    assert not any(problems.values()), report(problems)


@pytest.mark.parametrize("setup", on("no-javascript", "phone-no-javascript"))
def test_tab_walk_without_javascript(sweep: Sweeps, setup: str):
    """With JavaScript off, nothing that only works with it may take focus while invisible.

    Every page on desktop, embed forms included; on a phone, the pages with full chrome.
    """
    problems = findings(sweep(setup), "tab-walk")
    assert not any(problems.values()), report(problems)


@pytest.mark.parametrize("setup", on("light"))
def test_skip_link_leads_past_the_navigation(sweep: Sweeps, setup: str):
    problems = findings(sweep(setup), "skip-link")
    assert not any(problems.values()), report(problems)


def test_guide_answers_with_tab_and_enter(light, site_dir, site_url: str):
    steps = guide_steps(site_dir)
    assert steps, "no guide steps ([data-step] with an id) found in the built site"
    with opened(light) as page:
        visit(page, site_url + steps[0].page)
        answer = page.evaluate("window.wtiwA11y.firstAnswer()")
        assert answer, "the guide shows no question with an answer link"
        for _ in range(200):
            page.keyboard.press("Tab")
            focused = page.evaluate("document.activeElement.getAttribute('href')")
            inside = page.evaluate(
                "id => document.getElementById(id).contains(document.activeElement)",
                answer["step"],
            )
            if inside and focused == answer["href"]:
                break
        else:
            pytest.fail(f"Tab never reached the first answer {answer['text']}")
        assert not focus_problems([page.evaluate("window.wtiwA11y.focusState()")])
        page.keyboard.press("Enter")
        target = answer["href"][1:]
        page.wait_for_function(
            "id => document.activeElement && document.getElementById(id)"
            " && document.getElementById(id).contains(document.activeElement)",
            arg=target,
        )
        # The guide empties its live region, then fills it a moment later, so a screen reader
        # announces a step even when its title repeats: wait for the text, do not race it.
        page.wait_for_function(
            "id => window.wtiwA11y.guideState(id).announced.length > 0", arg=target
        )
        state = page.evaluate("id => window.wtiwA11y.guideState(id)", target)
        assert state["hash"] == answer["href"], state
        assert state["stepShown"], state
        assert state["focusIsStepHeading"], f"focus went to {state['focus']}, not the step heading"
        assert state["announced"], "nothing was announced in a live region"
        heading = page.evaluate("window.wtiwA11y.focusState()")
        assert heading["coveredByBars"] == 0, f"the step heading is under {heading['coveredBy']}"
        assert heading["covered"] < 0.5, f"the step heading is hidden: {heading}"


@pytest.mark.parametrize(
    ("fixture", "backwards", "expected"),
    [
        ("tab-order.html", False, "Tab order differs from reading order"),
        ("no-focus-indicator.html", False, "no visible focus indicator"),
        ("faint-focus.html", False, "has contrast"),
        ("invisible-focus-stop.html", False, "which is invisible"),
        ("focus-under-header.html", True, "hidden (under"),
    ],
)
def test_keyboard_checks_catch_the_broken_fixture(
    light, fixtures_url: str, fixture: str, backwards: bool, expected: str
):
    reachable, stops = probe_fixture(
        light, fixtures_url, fixture, lambda page: tab_walk(page, backwards=backwards)
    )
    problems = order_problems(reachable, stops) + focus_problems(stops)
    assert any(expected in problem for problem in problems), problems


def test_control_contrast_check_catches_a_faint_field(light, fixtures_url: str):
    problems = probe_fixture(
        light, fixtures_url, "faint-focus.html", lambda page: check(page, "controlContrast")
    )
    assert any("boundary contrast" in problem for problem in problems), problems


def test_skip_link_check_catches_a_broken_skip_link(light, fixtures_url: str):
    problems = probe_fixture(light, fixtures_url, "broken-skip-link.html", skip_link_problems)
    assert any("which is not on the page" in problem for problem in problems), problems


def test_each_kind_of_page_and_step_is_visited(site_dir):
    """A form, a guide, a map and plain prose are different kinds; two prose pages are one."""
    walked = control_kinds(site_dir)
    # Either edition's page may stand for a kind: their markup is the same (the largest,
    # often the Spanish one, is walked); the kind itself must be walked, once.
    editions = ("", "es/")
    for kind in ("guide/", "self-checks/", "guide-map/", "check-in/", "for-professionals/"):
        assert sum(f"{folder}{kind}" in walked for folder in editions) == 1, kind
        assert sum(f"{folder}{kind}embed.html" in walked for folder in editions) == 1, kind
    prose = {
        f"{folder}{page}"
        for folder in editions
        for page in ("privacy/", "what-to-take-away/", "about/", "look-at-the-timeline/")
    }
    assert len(prose & walked) <= 1, "control: full pages of plain prose count as one kind"
    looked = markup_kinds(site_dir)
    not_axed = {"404.html", "es/404.html"}
    assert walked & full_pages(site_dir) <= looked | not_axed, "axe skips a kind of page"
    steps = {step.path for step in guide_steps(site_dir)}
    looks = step_kinds(site_dir)
    assert looks < steps, "control: questions drawn alike count as one"
    assert any(path.endswith("#get-help-now") for path in looks), "the urgent outcome is checked"


def test_kinds_differ_by_markup_not_by_text():
    """Same elements and classes with other words: one kind; one more class: two."""
    pages = {
        "a": '<p class="x">One</p><a href="#">Go</a>',
        "b": '<p class="x">Other, longer words</p><a href="#">Next</a>',
        "c": '<p class="x y">One</p><a href="#">Go</a>',
        "d": '<p class="x">One</p><button type="button">Go</button>',
    }
    assert one_of_each(pages, pages.__getitem__, MarkupKinds) == {"b", "c", "d"}
    assert one_of_each(pages, pages.__getitem__, ControlKinds) == {"b", "d"}


def test_a_row_of_a_new_kind_is_walked(light, fixtures_url: str):
    """Rows whose markup repeats an earlier row's are skipped; a row with a new class is not."""

    def walk(page: object) -> tuple[dict, list[dict], list[dict]]:
        with rows_as_kinds(page) as met:
            return met, *tab_walk(page)

    met, reachable, stops = probe_fixture(light, fixtures_url, "repeated-rows.html", walk)
    walked = [stop["description"].split('"')[1] for stop in stops]
    assert walked == ["One", "QR code for one", "Four, a row of a new kind"], walked
    problems = order_problems(reachable, stops) + focus_problems(stops)
    assert any("no visible focus indicator" in line and "Four" in line for line in problems)
    # Reading the file's HTML finds the same rows and kinds as the page did.
    kinds = row_kinds((FIXTURES / "repeated-rows.html").read_text(encoding="utf-8"))
    assert met == {"rows": len(kinds), "kinds": len(set(kinds)), "skipped": 2}, (met, kinds)


def test_the_link_lists_rows_share_one_structure(site_dir: Path):
    """The walks take the professionals' link list as one row: every row is built alike.

    Read from the built HTML, without a browser: the list's items (a page, section or step
    each) are one kind, so the one row the walks and axe visit stands for all of them.
    """
    for path in ("for-professionals/", "for-professionals/embed.html"):
        kinds = row_kinds(html_file(site_dir, path).read_text(encoding="utf-8"))
        rows = [kind for kind in kinds if kind.startswith("li|wtiw-link-list__item|")]
        assert len(rows) > 100, f"{path}: the link list has only {len(rows)} rows"
        assert len(set(rows)) == 1, f"{path}: the link list's rows are built {len(set(rows))} ways"


def tiny_site(root: Path, spanish_class: str) -> Path:
    """An English page and a Spanish one (`es/`, its own sitemap), each with a guide step."""
    for folder, lang, words in (("", "en", "Next step"), ("es/", "es", "Siguiente paso")):
        listed = f"<url><loc>https://example.org/{folder}</loc></url>"
        sitemap = f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{listed}</urlset>'
        (root / folder).mkdir(parents=True, exist_ok=True)
        (root / folder / "sitemap.xml").write_text(sitemap, encoding="utf-8")
        kind = spanish_class if lang == "es" else "answer"
        html = (
            f'<html lang="{lang}"><body><main><section id="start" data-step="question">'
            f'<a class="{kind}" href="#start">{words}</a></section></main></body></html>'
        )
        (root / folder / "index.html").write_text(html, encoding="utf-8")
    return root


def test_a_spanish_page_with_the_same_markup_is_one_kind(tmp_path: Path):
    """Words and `lang` make no new kind; a class that differs does (the control)."""
    site = tiny_site(tmp_path / "same", "answer")
    assert full_pages(site) == {"", "es/"}
    assert set(guide_pages(site)) == {"", "es/"}
    for kinds in (control_kinds(site), markup_kinds(site)):
        assert len(kinds) == 1, kinds
    assert len(step_kinds(site)) == 1
    other = tiny_site(tmp_path / "other", "answer answer--new")
    assert len(markup_kinds(other)) == 2
    assert len(step_kinds(other)) == 2
    assert len(control_kinds(other)) == 1, "a class alone does not change the keyboard's walk"
