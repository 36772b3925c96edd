"""The self-checks (docs/self-checks.md): PHQ-9 and GAD-7 totals, ranges and crisis help.

With JavaScript, each form says its total and published range in a polite live region. With
it off, a CSS counter adds up the scores. Either way, a score above 0 on PHQ-9 item 9 shows
crisis numbers above the total at once, and a score of 0 does not. Filling in both sheets
keeps nothing in the browser and sends nothing anywhere.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.support.page_audit import visit, watch
from tests.support.printout import print_pdf

pytestmark = pytest.mark.browser

PATH = "self-checks/"
PHQ = "[data-wtiw-self-check='phq9']"
GAD = "[data-wtiw-self-check='gad7']"
PHQ_BANDS = [(0, "minimal"), (4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"),
             (14, "moderate"), (15, "moderately severe"), (19, "moderately severe"),
             (20, "severe"), (27, "severe")]  # fmt: skip
GAD_BANDS = [(0, "minimal"), (4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"),
             (14, "moderate"), (15, "severe"), (21, "severe")]  # fmt: skip
# Where the crisis panel and the total are, and whether the panel shows.
LAYOUT = """([panel, total]) => ({
  shown: panel.getClientRects().length > 0,
  above: panel.getBoundingClientRect().bottom <= total.getBoundingClientRect().top,
})"""


def score(tab: object, form: str, prefix: str, values: list[int]) -> None:
    """Pick a score for each item of a form, item 1 first."""
    for item, value in enumerate(values, start=1):
        tab.check(f"{form} input[name='{prefix}-{item}'][value='{value}']")


def spread(total: int, items: int) -> list[int]:
    """Scores of 0 to 3 for `items` items that add up to `total`, the first items first."""
    values = [0] * items
    for index in range(items):
        values[index] = min(3, total - sum(values))
    return values


def crisis(tab: object, total: str) -> dict[str, bool]:
    """Whether PHQ-9's crisis panel shows, and whether it sits above `total`."""
    return tab.locator(f"{PHQ} [data-wtiw-self-check-crisis], {PHQ} {total}").evaluate_all(LAYOUT)


def test_totals_ranges_and_crisis_help_with_javascript(browser, site_url):
    context = browser.new_context()
    recorder = watch(context)
    tab = context.new_page()
    try:
        visit(tab, site_url + PATH)
        result = f"{PHQ} [data-wtiw-self-check-result]"
        phq = {}
        for total, _ in PHQ_BANDS:
            # Item 9 stays at 0 while it can (24 and under), so the panel is off for the control.
            score(tab, PHQ, "phq9", [*spread(total, 8), max(0, total - 24)])
            phq[total] = tab.inner_text(result)
        gad = {}
        for total, _ in GAD_BANDS:
            score(tab, GAD, "gad7", spread(total, 7))
            gad[total] = tab.inner_text(f"{GAD} [data-wtiw-self-check-result]")
        score(tab, PHQ, "phq9", [3] * 8 + [0])
        calm = crisis(tab, "[data-wtiw-self-check-result]")
        tab.check(f"{PHQ} input[name='phq9-9'][value='1']")
        urgent = crisis(tab, "[data-wtiw-self-check-result]")
        said = tab.inner_text(result)
        row = tab.locator(f"{PHQ} [data-wtiw-band][aria-current]").inner_text()
        problems = recorder.take()
    finally:
        context.close()
    for total, band in PHQ_BANDS:
        assert phq[total].endswith(f"Total: {total} out of 27. Published range: {band}.")
    for total, band in GAD_BANDS:
        assert gad[total] == f"Total: {total} out of 21. Published range: {band}."
    assert not calm["shown"], "control: item 9 at 0 shows no crisis panel"
    assert urgent == {"shown": True, "above": True}
    assert said.startswith("Crisis numbers are shown above. Total: 25 out of 27.")
    assert row.startswith("20 to 27"), "the range row is marked"
    assert not problems, problems


def test_partial_answers_give_a_running_total(browser, site_url):
    context = browser.new_context()
    tab = context.new_page()
    try:
        visit(tab, site_url + PATH)
        score(tab, GAD, "gad7", [2, 3])
        said = tab.inner_text(f"{GAD} [data-wtiw-self-check-result]")
        current = tab.locator(f"{GAD} [aria-current]").count()
    finally:
        context.close()
    assert said == "Total so far: 5. You have scored 2 of 7 items."
    assert current == 0, "no range until every item is scored"


def test_item_nine_shows_crisis_help_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    try:
        tab.goto(site_url + PATH, wait_until="load")
        score(tab, PHQ, "phq9", [1, 1, 1, 1, 1, 1, 1, 1, 0])
        calm = crisis(tab, ".wtiw-self-check__total--css")
        tab.check(f"{PHQ} input[name='phq9-9'][value='2']")
        urgent = crisis(tab, ".wtiw-self-check__total--css")
        numbers = tab.inner_text(f"{PHQ} [data-wtiw-self-check-crisis]")
        printed = print_pdf(tab).text
        bands = tab.locator(f"{PHQ} table[data-wtiw-self-check-bands]").is_visible()
    finally:
        context.close()
    assert not calm["shown"], "control: item 9 at 0 shows no crisis panel"
    assert urgent == {"shown": True, "above": True}
    for number in ("988", "116 123", "13 11 14", "911", "999"):
        assert number in numbers
    assert "Total:10outof27" in printed, "the CSS counter adds up the scores"
    assert bands, "the ranges table shows for scoring by hand"


def test_filling_both_sheets_keeps_nothing_and_sends_nothing(browser, site_url):
    context = browser.new_context()
    recorder = watch(context)
    tab = context.new_page()
    keys = "() => ({local: Object.keys(localStorage).sort(), session: sessionStorage.length})"
    try:
        visit(tab, site_url + "check-in/")
        before = tab.evaluate(keys)
        tab.fill("#checkin-hoped", "Feel calmer")
        tab.check("input[name='checkin-option'][value='medication']")
        checkin = tab.evaluate(keys)
        url = tab.url
        tab.goto(site_url + PATH, wait_until="load")
        score(tab, PHQ, "phq9", [3] * 9)
        score(tab, GAD, "gad7", [3] * 7)
        after = tab.evaluate(keys)
        addresses = [url, tab.url]
        cookies = context.cookies()
        heading_ids = {"", *tab.locator("h2[id]").evaluate_all("els => els.map(e => e.id)")}
        problems = recorder.take()
    finally:
        context.close()
    assert before["session"] == 0
    assert before["local"], "control: Material keeps its palette key"
    assert checkin == before
    assert after == before
    # Material's navigation.tracking may name the heading in view (#phq-9); nothing more.
    parts = [urlsplit(address) for address in addresses]
    assert [(part.path, part.query) for part in parts] == [("/check-in/", ""), (f"/{PATH}", "")]
    assert all(part.fragment in heading_ids for part in parts), addresses
    assert cookies == []
    assert not problems, problems
