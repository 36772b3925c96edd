"""Contrast of controls and motion: field edges at 3:1 in both palettes, nothing moves on request.

SC 1.4.11: text fields show their boundary at 3:1 (the focus ring's 3:1 is checked during the
keyboard walk). SC 2.3.3: with `prefers-reduced-motion: reduce`, no transition or animation runs
longer than ~0.01 s and scrolling is not smooth. Text contrast is axe's job
(test_a11y_axe.py). Fixtures prove both checks can fail.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.a11y import (
    FIXTURES,
    PALETTES,
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


@pytest.fixture(scope="module", params=PALETTES)
def reduced(request: pytest.FixtureRequest, browser) -> Iterator[tuple[str, object]]:
    """A context per palette for a reader who asked for reduced motion."""
    context = new_context(browser, palette=request.param, reduced_motion="reduce")
    yield request.param, context
    context.close()


@pytest.fixture(scope="module")
def fixtures_url() -> Iterator[str]:
    """The deliberately broken fixture pages, served like the site."""
    with serve(FIXTURES) as url:
        yield url


def test_nothing_moves_and_fields_have_visible_edges(reduced, site_dir: Path, site_url: str):
    name, context = reduced
    problems: dict[str, list[str]] = {}
    with opened(context) as page:
        for path in page_paths(site_dir):
            visit(page, site_url + path)
            problems[f"/{path} ({name})"] = check(page, "motion") + check(page, "controlContrast")
        for step in guide_steps(site_dir)[:2]:
            show_step(page, site_url, step)
            problems[f"/{step.path} ({name})"] = check(page, "motion")
    assert not any(problems.values()), report(problems)


def test_motion_check_catches_motion_that_ignores_the_setting(reduced, fixtures_url: str):
    _, context = reduced
    with opened(context) as page:
        visit(page, fixtures_url + "motion.html")
        problems = check(page, "motion")
    assert any("scroll-behavior: smooth" in problem for problem in problems), problems
    assert any("moves for 0.5s" in problem for problem in problems), problems
    assert any("moves for 2s" in problem for problem in problems), problems


def test_control_contrast_check_catches_a_faint_field(reduced, fixtures_url: str):
    _, context = reduced
    with opened(context) as page:
        visit(page, fixtures_url + "faint-focus.html")
        problems = check(page, "controlContrast")
    assert any("boundary contrast" in problem for problem in problems), problems
