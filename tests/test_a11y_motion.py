"""Motion: with `prefers-reduced-motion: reduce` nothing moves and scrolling is not smooth.

SC 2.3.3 and comfort for readers with vestibular disorders: no transition or animation runs
longer than ~0.01 s, on every built page and after a guide step changes. A fixture proves the
check can fail. (Contrast of focus rings and field edges is in test_a11y_keyboard.py; text
contrast is axe's job.)
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.a11y import browser_context, check, probe_fixture, report
from tests.support.sweep import Sweeps, findings, on

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("setup", on("light"))
def test_nothing_moves_when_reduced_motion_is_asked(sweep: Sweeps, setup: str):
    problems = findings(sweep(setup), "motion", "motion-steps")
    assert not any(problems.values()), report(problems)


@pytest.fixture(scope="module")
def reduced(browser) -> Iterator[object]:
    """A context for a reader who asked for reduced motion."""
    with browser_context(browser, reduced_motion="reduce") as context:
        yield context


def test_motion_check_catches_motion_that_ignores_the_setting(reduced, fixtures_url: str):
    problems = probe_fixture(reduced, fixtures_url, "motion.html", lambda p: check(p, "motion"))
    assert any("scroll-behavior: smooth" in problem for problem in problems), problems
    assert any("moves for 0.5s" in problem for problem in problems), problems
    assert any("moves for 2s" in problem for problem in problems), problems
