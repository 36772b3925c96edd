"""The check-in sheet (docs/check-in.md): fillable on screen, never sent, one printed sheet.

It prints on one sheet of A4 and of US Letter with its QR code, address, review date and
crisis numbers, with JavaScript on and off, blank (boxes print as lines to write on) and
filled in (what was typed prints). Its controls are in no <form>, so nothing can be
submitted, and the browser is asked not to offer what was typed before.
"""

from __future__ import annotations

import pytest

from tests.support.build import ROOT
from tests.support.page_audit import visit
from tests.support.printout import PAPERS, flat_text, handout_problems, print_pdf, reviewed_on

pytestmark = pytest.mark.browser

PATH = "check-in/"
ADDRESS = "https://when-therapy-isnt-working.github.io/" + PATH
CONTROLS = ".wtiw-checkin :is(input, textarea)"
# What a reader might type: two lines in a box, a short answer in another.
TYPED = {
    "#checkin-hoped": "To sleep better and to feel less on edge at work. To see friends again.",
    "#checkin-questions": "How will we know if this is working?",
}


def sheets(tab: object) -> dict[str, int]:
    """How many sheets the open page prints on, per paper size."""
    return {paper: print_pdf(tab, paper).sheets for paper in PAPERS}


@pytest.mark.parametrize("javascript", [True, False], ids=["js-on", "js-off"])
def test_check_in_prints_on_one_sheet_blank_and_filled_in(contexts, site_url, javascript):
    tab = contexts[javascript].new_page()
    try:
        if javascript:
            visit(tab, site_url + PATH)
        else:
            tab.goto(site_url + PATH, wait_until="load")
        problems = handout_problems(tab, address=ADDRESS, reviewed=reviewed_on(ROOT / "docs", PATH))
        blank = sheets(tab)
        # Still in print media, as handout_problems left it: `media="screen"` would print as
        # the screen shows the page. The controls take typing either way.
        for selector, text in TYPED.items():
            tab.fill(selector, text)
        tab.check("input[name='checkin-session-1'][value='2']")
        tab.check("input[name='checkin-option'][value='new-therapist']")
        printed = {paper: print_pdf(tab, paper) for paper in PAPERS}
    finally:
        tab.close()
    assert not problems, problems
    assert blank == {"A4": 1, "Letter": 1}
    assert {paper: pdf.sheets for paper, pdf in printed.items()} == blank
    for paper, pdf in printed.items():
        for text in TYPED.values():
            assert flat_text(text) in pdf.text, f"{paper}: typed text missing: {text}"


def test_controls_are_labelled_in_no_form_and_not_remembered(contexts, site_url):
    tab = contexts[True].new_page()
    try:
        visit(tab, site_url + PATH)
        controls = tab.locator(CONTROLS).evaluate_all(
            """els => els.map(e => ({
                id: e.id || e.name, kind: e.type, form: e.closest('form') !== null,
                autocomplete: e.getAttribute('autocomplete'), labels: e.labels.length}))"""
        )
        before = tab.url
        tab.focus("#checkin-date")
        tab.keyboard.type("Tuesday")
        tab.keyboard.press("Enter")
        tab.focus("input[name='checkin-option']")
        tab.keyboard.press("Enter")
        after = tab.url
        value = tab.input_value("#checkin-date")
    finally:
        tab.close()
    assert len(controls) == 1 + 4 + 3 * 4 + 6
    assert [c["id"] for c in controls if c["form"]] == [], "no control may be in a <form>"
    # Text the browser could offer again is marked off (HTML allows it on no radio or checkbox).
    typed = [c for c in controls if c["kind"] in {"text", "textarea"}]
    assert len(typed) == 5
    assert {c["autocomplete"] for c in typed} == {"off"}
    assert [c["id"] for c in controls if c["labels"] != 1] == []
    assert (after, value) == (before, "Tuesday"), "Enter neither navigates nor clears"


def test_every_page_but_the_sheet_links_to_it(site_dir):
    """The review partial links every reviewed page to the sheet (but not the sheet itself)."""
    link = 'class="wtiw-checkin-link"><a href="'
    pages = {
        path.parent.relative_to(site_dir).as_posix(): path.read_text(encoding="utf-8")
        for path in site_dir.glob("*/index.html")
        if "wtiw-review" in path.read_text(encoding="utf-8")
    }
    assert len(pages) >= 15
    assert [name for name, html in pages.items() if (link in html) == (name == "check-in")] == []
    assert f'{link}../check-in/"' in pages["talk-to-your-therapist"]
