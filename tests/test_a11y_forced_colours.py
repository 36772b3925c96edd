"""Windows high contrast (`forced-colors: active`): content, icons and focus stay visible.

Forced colours replace the page's colours with the user's and drop box shadows, so a focus ring
drawn only with a shadow, or an icon painted in a fixed colour, disappears. What the browser
forces follows the elements and their classes, so one page of each set of them is checked
(`markup_kinds`, as axe): every text, link, control and icon at 3:1 or more as the browser
forced it, and a focus ring on every Tab stop. Fixtures prove the checks can fail.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.a11y import (
    SCREENSHOTS,
    browser_context,
    check,
    focus_problems,
    probe_fixture,
    report,
    tab_walk,
)
from tests.support.sweep import SETUPS, Sweeps, findings, on

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("setup", on("forced-colours"))
def test_every_page_stays_visible_in_forced_colours(sweep: Sweeps, setup: str):
    problems = findings(sweep(setup), "forced-colours")
    assert (SCREENSHOTS / "home-desktop-forced-colours.png").is_file()
    assert not any(problems.values()), report(problems)


@pytest.fixture(scope="module")
def forced(browser) -> Iterator[object]:
    """A context that emulates Windows high contrast, as the sweep's."""
    with browser_context(browser, **SETUPS["forced-colours"].options) as context:
        yield context


def test_forced_colours_check_catches_a_shadow_only_focus_ring(forced, fixtures_url: str):
    _, stops = probe_fixture(forced, fixtures_url, "shadow-only-focus.html", tab_walk)
    assert any("no visible focus indicator" in problem for problem in focus_problems(stops))


def test_forced_colours_check_catches_a_lost_icon(forced, fixtures_url: str):
    problems = probe_fixture(
        forced,
        fixtures_url,
        "icon-lost-in-forced-colours.html",
        lambda p: check(p, "forcedColours"),
    )
    assert any("svg" in problem for problem in problems), problems
