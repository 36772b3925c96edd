"""Printing: every page is a clean handout, on one or two sheets.

Each printout has a QR code, the page's address, its review date and crisis numbers, and no
site chrome. Section pages and guide outcomes fit on one or two sheets of A4 and of US Letter,
as saved to PDF, with JavaScript on or off, from the guide's Print button or the browser's own
print command; the checks read the PDF's text (tests/support/printout.py).
"""

from __future__ import annotations

import pytest
import yaml

from tests.support.build import ROOT
from tests.support.page_audit import visit
from tests.support.printout import (
    CRISIS_HELP,
    CRISIS_NUMBERS,
    PAPERS,
    Printout,
    crisis_numbers,
    edition_crisis,
    emergency_line,
    flat_text,
    handout_problems,
    language_of,
    print_pdf,
    reviewed_on,
    spaced_text,
    text_problems,
)
from wtiw.crisis.numbers import load_crisis_help
from wtiw.guide.graph import iter_paths
from wtiw.guide.validate import load_tree

pytestmark = pytest.mark.browser

CANONICAL = "https://when-therapy-isnt-working.github.io/"
SECTION = "talk-to-your-therapist/"
DOCS = ROOT / "docs"
HIDDEN_IN_PRINT = (
    ".md-header",
    ".md-sidebar--primary",
    ".md-sidebar--secondary",
    ".md-footer",
    ".wtiw-copy-link",
    "[data-md-component='announce']",
)
# Reference and long-form pages are not handouts: the guide prints per outcome instead, and
# the map of the guide prints its outline (the whole tree) on as many sheets as it needs.
NOT_HANDOUTS = {"for-professionals/", "guide/", "guide-map/"}
# Guide outcomes printed on their own: an ordinary one and the urgent one.
OUTCOMES = ("start-the-conversation", "get-help-now")


def handout_pages() -> list[str]:
    """Every page of the link contract that should print as a handout, in every edition.

    The Spanish pages are longer, with other numbers and words in the print box: each one
    is printed, since what decides the sheets (the words) differs on every page.
    """
    data = yaml.safe_load((ROOT / "docs/_data/links/pages.yml").read_text(encoding="utf-8"))
    english = [page["path"] for page in data["pages"] if page["path"] not in NOT_HANDOUTS]
    return english + [f"es/{path}" for path in english]


def printouts() -> list[object]:
    """What is printed, and with JavaScript on or off.

    Every handout page with JavaScript on, which prints the most (links.js adds each internal
    link's address); a section page without it; and the guide's outcomes both ways, since
    without JavaScript the address alone (CSS :target) picks the step that prints.
    """
    cases = [(path, True) for path in handout_pages()] + [(SECTION, False)]
    cases += [(f"guide/#{outcome}", on) for outcome in OUTCOMES for on in (True, False)]
    return [
        pytest.param(path, on, id=f"{path or 'home'}-js-{'on' if on else 'off'}")
        for path, on in cases
    ]


def button_routes() -> list[object]:
    """Answers that lead to each outcome in OUTCOMES (the fewest), and the longest route of all.

    The longest route prints the longest "Because you said" list: the hardest to fit on two sheets.
    """
    paths = sorted(iter_paths(load_tree()), key=lambda path: len(path[0]))
    cases = [
        pytest.param(next(route for route, end in paths if end == outcome), outcome, id=outcome)
        for outcome in OUTCOMES
    ]
    route, outcome = paths[-1]
    return [*cases, pytest.param(route, outcome, id=f"longest-route-to-{outcome}")]


def visible(tab: object, selector: str) -> bool:
    """True when any element matching `selector` is rendered."""
    return tab.locator(selector).evaluate_all(
        "els => els.some(e => e.getClientRects().length > 0 && "
        "getComputedStyle(e).visibility !== 'hidden')"
    )


def after_content(tab: object, selector: str) -> str:
    """The generated ::after text of the first element matching `selector`."""
    return tab.locator(selector).first.evaluate("e => getComputedStyle(e, '::after').content")


def test_print_hides_chrome_and_shows_the_handout_box(page, site_url):
    visit(page, site_url + SECTION)
    assert visible(page, ".md-header"), "control: on screen the header shows"
    assert not visible(page, ".wtiw-handout"), "control: on screen the handout box is hidden"
    page.emulate_media(media="print")
    for selector in HIDDEN_IN_PRINT:
        assert not visible(page, selector), selector
    assert visible(page, ".wtiw-handout svg[role='img']")
    address = page.locator(".wtiw-handout__address").inner_text().strip()
    assert address == CANONICAL + SECTION
    assert visible(page, ".wtiw-handout__reviewed time")
    crisis = page.locator(".wtiw-handout__crisis").inner_text()
    assert "116 123" in crisis
    assert "988" in crisis


def test_print_shows_where_links_go(page, site_url):
    """Links in the text print their address; sources print by name (small print, two sheets)."""
    visit(page, site_url + "look-at-the-timeline/")
    page.emulate_media(media="print")
    external = ".md-content article a[href^='https://']:not(.wtiw-review a)"
    href = page.locator(external).first.get_attribute("href")
    assert href in after_content(page, external)
    internal = ".md-content article a[href^='../']"
    absolute = page.locator(internal).first.get_attribute("data-wtiw-print-href")
    assert absolute.startswith(CANONICAL)
    assert absolute in after_content(page, internal)
    assert after_content(page, ".wtiw-review__sources a") == "none"
    page.emulate_media(media="screen")
    assert after_content(page, external) == "none", "control: no addresses on screen"


# The browser's print dialog would block a headless run: count the calls instead.
STUB_PRINT = "window.__wtiwPrinted = 0; window.print = () => { window.__wtiwPrinted += 1; };"
# Marks of scripts that ran: guide.js on the guide, links.js on every page with links.
SCRIPTED = ".wtiw-guide--js, [data-wtiw-print-href]"


@pytest.mark.parametrize(("path", "javascript"), printouts())
def test_handout_prints_numbers_review_date_address_and_qr_on_two_sheets(
    contexts, site_url, path, javascript
):
    """Ctrl+P on a page or guide outcome prints a whole handout, and none of the site's chrome.

    Crisis numbers, review date, address and QR code, on one or two sheets of A4 and of Letter.
    """
    tab = contexts[javascript].new_page()
    try:
        if javascript:
            visit(tab, site_url + path)
        else:  # no scripts to settle; visit()'s wait for animation frames would never end
            tab.goto(site_url + path, wait_until="load")
        scripted = tab.locator(SCRIPTED).count() > 0
        problems = handout_problems(
            tab,
            address=CANONICAL + path,
            reviewed=reviewed_on(DOCS, path),
            language=language_of(path),
        )
        problems += [f"{selector} prints" for selector in HIDDEN_IN_PRINT if visible(tab, selector)]
    finally:
        tab.close()
    assert scripted == javascript, "control: scripts ran only where JavaScript is on"
    assert not problems, f"{path or 'home'} printed with JavaScript {javascript}: {problems}"


@pytest.mark.parametrize(("route", "outcome"), button_routes())
def test_print_button_prints_the_outcome_with_the_readers_answers(
    contexts, site_url, route, outcome
):
    """The outcome's "Print or save this page" button opens the print dialog for a whole handout.

    Answer the guide's questions to reach the outcome, press the button, then print.
    """
    tab = contexts[True].new_page()
    tab.add_init_script(STUB_PRINT)
    try:
        visit(tab, site_url + "guide/")
        for question, answer in route:
            tab.locator(f"#{question} [data-answer='{answer}']").click()
        tab.locator(f"#{outcome}.wtiw-guide__step--current [data-wtiw-guide-print]").click()
        printed = tab.evaluate("window.__wtiwPrinted")
        answers = tab.locator(f"#{outcome} [data-wtiw-guide-summary-list] > li").count()
        problems = handout_problems(
            tab,
            address=f"{CANONICAL}guide/#{outcome}",
            reviewed=reviewed_on(DOCS, "guide/"),
            also=("Because you said",),
        )
    finally:
        tab.close()
    assert printed == 1, f"the button called window.print() {printed} times"
    assert answers == len(route), "the outcome lists every answer given on the way"
    assert not problems, f"{outcome} printed from its button: {problems}"


EMERGENCY = emergency_line(load_crisis_help(CRISIS_HELP))
COMPLETE = (
    "<h1>A page</h1><p>Call 988, 9-8-8, 116 123 or 13 11 14.</p>"
    f"<p>In danger now? Call {EMERGENCY}.</p>"
    "<p>Last reviewed: 25 November 2026</p><p>https://example.org/a-page/</p>"
    '<svg role="img" aria-label="QR code: scan to open this page, https://example.org/a-page/" '
    'class="qr" width="{size}" height="{size}"><rect width="10" height="10"/></svg>'
)


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        pytest.param(COMPLETE.format(size=123), [], id="complete"),
        pytest.param(
            COMPLETE.format(size=123).replace("Call 988, 9-8-8, 116 123 or 13 11 14.", "Call us."),
            [f"A4: no crisis number {number}" for number in CRISIS_NUMBERS]
            + [f"Letter: no crisis number {number}" for number in CRISIS_NUMBERS],
            id="no-numbers",
        ),
        pytest.param(
            COMPLETE.format(size=123).replace(f" or {EMERGENCY.rsplit(' or ', 1)[1]}", "or000"),
            [f"{paper}: the emergency numbers do not read {EMERGENCY!r}" for paper in PAPERS],
            id="emergency-numbers-run-together",
        ),
        pytest.param(
            COMPLETE.format(size=123).replace("Last reviewed:", "Page last reviewed:"),
            [f"{paper}: no 'Last reviewed: 25 November 2026'" for paper in ("A4", "Letter")],
            id="only-the-sources-review-line",
        ),
        pytest.param(
            COMPLETE.format(size=123).replace("a-page/</p>", "b-page/</p>"),
            [f"{paper}: no address https://example.org/a-page/" for paper in ("A4", "Letter")],
            id="another-address",
        ),
        pytest.param(
            "<style>@media print { .qr { display: none } }</style>" + COMPLETE.format(size=123),
            ["no QR code for https://example.org/a-page/ prints"],
            id="qr-screen-only",
        ),
        pytest.param(
            COMPLETE.format(size=40),
            ["the QR code prints 40 x 40 px, under 76 px (20 mm)"],
            id="qr-too-small",
        ),
        pytest.param(
            COMPLETE.format(size=123).replace('a-page/" class', 'guide/" class'),
            [
                "a QR code for another address prints: QR code: scan to open this page, "
                "https://example.org/guide/",
                "no QR code for https://example.org/a-page/ prints",
            ],
            id="qr-of-another-page",
        ),
        pytest.param(
            '<p style="break-after: page">1</p><p style="break-after: page">2</p>'
            + COMPLETE.format(size=123),
            ["A4: prints on 3 sheets, not 1 to 2", "Letter: prints on 3 sheets, not 1 to 2"],
            id="three-sheets",
        ),
    ],
)
def test_handout_check_reports_what_a_printout_lacks(page, html, expected):
    """Control: the handout check passes a complete printout and names each thing missing."""
    page.set_content(html)
    found = handout_problems(
        page, address="https://example.org/a-page/", reviewed="25 November 2026"
    )
    assert found == expected


def test_pdf_text_matches_whatever_ligatures_the_font_has():
    """Fonts that join "ff" or "fi" into one glyph still print the address we look for."""
    printed = "try-a-di\ufb00erent-type-\nof-therapy/ quali\ufb01ed"
    assert flat_text(printed) == "try-a-different-type-of-therapy/qualified"


def test_page_count_control(page):
    """Control: the count is real; a page that breaks onto three sheets counts three."""
    page.set_content(
        '<p style="break-after: page">one</p><p style="break-after: page">two</p><p>three</p>'
    )
    for paper in ("A4", "Letter"):
        printout = print_pdf(page, paper)
        assert (printout.sheets, printout.text) == (3, "onetwothree")


def test_review_date_is_read_as_the_page_shows_it(tmp_path):
    """Control: the date looked for is the front matter's, written out as pages show it."""
    (tmp_path / "a-page.md").write_text("---\nlast_reviewed: 2027-03-05\n---\n# A page\n")
    (tmp_path / "index.md").write_text("---\nlast_reviewed: 2026-11-25\n---\n# Home\n")
    assert reviewed_on(tmp_path, "a-page/#a-step") == "5 March 2027"
    assert reviewed_on(tmp_path, "") == "25 November 2026"
    (tmp_path / "es").mkdir()
    (tmp_path / "es" / "a-page.md").write_text("---\nlast_reviewed: 2027-03-05\n---\n# Una\n")
    assert reviewed_on(tmp_path, "es/a-page/") == "5 de marzo de 2027"


def test_each_edition_expects_its_own_first_crisis_lines():
    """The numbers looked for are the edition's urgent lines, as its handout prints them."""
    assert CRISIS_NUMBERS == ("988", "9-8-8", "116123", "131114")
    assert crisis_numbers(edition_crisis("es")) == ("988", "741741")


def test_a_spanish_handout_is_checked_in_the_spanish_editions_words():
    """A Spanish printout passes in Spanish; read as English (the control) it lacks all of it."""
    spanish = edition_crisis("es")
    emergency = emergency_line(spanish, "es")
    assert emergency.endswith(" o 000 (Australia)")
    text = (
        "Una página. Llama al 988 o envía AYUDA al 741741. "
        f"¿Estás en peligro ahora? Llama a tu número de emergencias: {emergency}. "
        "Última revisión: 7 de diciembre de 2026 https://example.org/es/a-page/"
    )
    printout = Printout("A4", 1, flat_text(text), spaced_text(text))
    checked = {"address": "https://example.org/es/a-page/", "reviewed": "7 de diciembre de 2026"}
    assert text_problems(printout, **checked, language="es") == []
    assert text_problems(printout, **checked) == [
        "A4: no crisis number 9-8-8",
        "A4: no crisis number 116123",
        "A4: no crisis number 131114",
        "A4: no 'Last reviewed: 7 de diciembre de 2026'",
        f"A4: the emergency numbers do not read {EMERGENCY!r}",
    ]
