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

from tests.support.a11y import (
    FIXTURES,
    SCREENSHOTS,
    check,
    focus_each,
    focus_problems,
    new_context,
    opened,
    page_paths,
    report,
    tab_walk,
    visit,
)
from tests.support.server import serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def forced(browser) -> Iterator[object]:
    """A context that emulates Windows high contrast."""
    context = new_context(browser, forced_colors="active", reduced_motion="reduce")
    yield context
    context.close()


@pytest.fixture(scope="module")
def fixtures_url() -> Iterator[str]:
    """The deliberately broken fixture pages, served like the site."""
    with serve(FIXTURES) as url:
        yield url


def test_every_page_stays_visible_in_forced_colours(forced, site_dir: Path, site_url: str):
    problems: dict[str, list[str]] = {}
    with opened(forced) as page:
        for path in page_paths(site_dir):
            visit(page, site_url + path)
            problems[f"/{path} (forced colours)"] = check(page, "forcedColours") + focus_problems(
                focus_each(page)
            )
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        visit(page, site_url)
        page.screenshot(path=SCREENSHOTS / "home-desktop-forced-colours.png", full_page=True)
    assert not any(problems.values()), report(problems)


def test_forced_colours_check_catches_a_shadow_only_focus_ring(forced, fixtures_url: str):
    with opened(forced) as page:
        visit(page, fixtures_url + "shadow-only-focus.html")
        _, stops = tab_walk(page)
    assert any("no visible focus indicator" in problem for problem in focus_problems(stops))


def test_forced_colours_check_catches_a_lost_icon(forced, fixtures_url: str):
    with opened(forced) as page:
        visit(page, fixtures_url + "icon-lost-in-forced-colours.html")
        problems = check(page, "forcedColours")
    assert any("svg" in problem for problem in problems), problems
