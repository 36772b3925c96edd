"""Small screens and zoom: no sideways scrolling at 320 px or at 400% zoom, targets 24 x 24 px.

SC 1.4.10 (Reflow) on every built page and guide step at a 320 px phone, since any long word
can overflow; a 1280 x 800 window zoomed to 400% is as wide (320 x 200 CSS px at 4 device
pixels each), and what differs there (height, pixel density) follows the markup, so it is
checked on one page and one guide step of each set of elements. SC 2.5.8 (Target Size) uses
axe's target-size rule, which applies the spacing exception and exempts links in sentences,
on one page and one guide step of each set of elements (sizes come from classes:
`markup_kinds`, `step_kinds`); it runs in both layouts because targets change with the
layout. Fixtures prove both checks fail.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.a11y import (
    browser_context,
    check,
    probe_fixture,
    report,
    run_axe,
)
from tests.support.sweep import SETUPS, Sweeps, findings, on

pytestmark = pytest.mark.browser

LAYOUTS = ("320px", "zoom-400")


@pytest.mark.parametrize("setup", on(*LAYOUTS))
def test_no_page_or_step_scrolls_sideways_and_targets_are_big_enough(sweep: Sweeps, setup: str):
    problems = findings(sweep(setup), "reflow")
    assert any(where.startswith("/guide/#") for where in problems), "no guide step was checked"
    assert not any(problems.values()), report(problems)


@pytest.fixture(scope="module", params=LAYOUTS)
def layout(request: pytest.FixtureRequest, browser) -> Iterator[object]:
    """A context per narrow layout: a 320 px phone, and a desktop window at 400% zoom."""
    with browser_context(browser, **SETUPS[request.param].options) as context:
        yield context


def test_reflow_check_catches_a_too_wide_page(layout, fixtures_url: str):
    problems = probe_fixture(layout, fixtures_url, "too-wide.html", lambda p: check(p, "overflow"))
    assert any("page scrolls sideways" in problem for problem in problems), problems


def test_target_size_check_catches_small_targets(layout, fixtures_url: str):
    violations = probe_fixture(
        layout, fixtures_url, "small-targets.html", lambda p: run_axe(p, rules=["target-size"])
    )
    found = {violation["id"] for violation in violations}
    assert "target-size" in found
