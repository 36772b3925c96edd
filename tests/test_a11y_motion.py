"""Motion: with `prefers-reduced-motion: reduce` nothing moves and scrolling is not smooth.

SC 2.3.3 and comfort for readers with vestibular disorders: no transition or animation runs
longer than ~0.01 s, on every built page and after a guide step changes. A fixture proves the
check can fail. (Contrast of focus rings and field edges is in test_a11y_keyboard.py; text
contrast is axe's job.)
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.support.a11y import (
    browser_context,
    check,
    guide_steps,
    page_paths,
    probe_fixture,
    probe_pages,
    probe_steps,
    report,
)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def reduced(browser) -> Iterator[object]:
    """A context for a reader who asked for reduced motion."""
    with browser_context(browser, reduced_motion="reduce") as context:
        yield context


def test_nothing_moves_when_reduced_motion_is_asked(reduced, site_dir: Path, site_url: str):
    def motion(page: Page) -> list[str]:
        return check(page, "motion")

    problems = probe_pages(reduced, site_url, page_paths(site_dir), motion)
    problems |= probe_steps(reduced, site_url, guide_steps(site_dir)[:2], motion)
    assert not any(problems.values()), report(problems)


def test_motion_check_catches_motion_that_ignores_the_setting(reduced, fixtures_url: str):
    problems = probe_fixture(reduced, fixtures_url, "motion.html", lambda p: check(p, "motion"))
    assert any("scroll-behavior: smooth" in problem for problem in problems), problems
    assert any("moves for 0.5s" in problem for problem in problems), problems
    assert any("moves for 2s" in problem for problem in problems), problems
