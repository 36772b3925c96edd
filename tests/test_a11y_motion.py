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

from tests.support.a11y import (
    FIXTURES,
    check,
    guide_steps,
    new_context,
    opened,
    page_paths,
    report,
    show_step,
    visit,
)
from tests.support.server import serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def reduced(browser) -> Iterator[object]:
    """A context for a reader who asked for reduced motion."""
    context = new_context(browser, reduced_motion="reduce")
    yield context
    context.close()


@pytest.fixture(scope="module")
def fixtures_url() -> Iterator[str]:
    """The deliberately broken fixture pages, served like the site."""
    with serve(FIXTURES) as url:
        yield url


def test_nothing_moves_when_reduced_motion_is_asked(reduced, site_dir: Path, site_url: str):
    problems: dict[str, list[str]] = {}
    with opened(reduced) as page:
        for path in page_paths(site_dir):
            visit(page, site_url + path)
            problems[f"/{path}"] = check(page, "motion")
        for step in guide_steps(site_dir)[:2]:
            show_step(page, site_url, step)
            problems[f"/{step.path}"] = check(page, "motion")
    assert not any(problems.values()), report(problems)


def test_motion_check_catches_motion_that_ignores_the_setting(reduced, fixtures_url: str):
    with opened(reduced) as page:
        visit(page, fixtures_url + "motion.html")
        problems = check(page, "motion")
    assert any("scroll-behavior: smooth" in problem for problem in problems), problems
    assert any("moves for 0.5s" in problem for problem in problems), problems
    assert any("moves for 2s" in problem for problem in problems), problems
