"""Windows high contrast (`forced-colors: active`): content, icons and focus stay visible.

Forced colours replace the page's colours with the user's and drop box shadows, so a focus ring
drawn only with a shadow, or an icon painted in a fixed colour, disappears. Every built page is
checked: every text, link, control and icon at 3:1 or more as the browser forced it, and a focus
ring on every Tab stop. Fixtures prove the checks can fail.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.support.a11y import (
    SCREENSHOTS,
    browser_context,
    check,
    focus_each,
    focus_problems,
    opened,
    page_paths,
    probe_fixture,
    probe_pages,
    report,
    tab_walk,
    visit,
)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def forced(browser) -> Iterator[object]:
    """A context that emulates Windows high contrast."""
    with browser_context(browser, forced_colors="active", reduced_motion="reduce") as context:
        yield context


def test_every_page_stays_visible_in_forced_colours(forced, site_dir: Path, site_url: str):
    def probe(page: Page) -> list[str]:
        return check(page, "forcedColours") + focus_problems(focus_each(page))

    paths = page_paths(site_dir)
    problems = probe_pages(forced, site_url, paths, probe, label=" (forced colours)")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with opened(forced) as page:
        visit(page, site_url)
        page.screenshot(path=SCREENSHOTS / "home-desktop-forced-colours.png", full_page=True)
    assert not any(problems.values()), report(problems)


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
