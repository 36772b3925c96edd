"""Small screens and zoom: no sideways scrolling at 320 px or at 400% zoom, targets 24 x 24 px.

SC 1.4.10 (Reflow) on every built page and guide step, at a 320 px phone and at a 1280 x 800
window zoomed to 400% (320 x 200 CSS px at 4 device pixels each). SC 2.5.8 (Target Size) uses
axe's target-size rule, which applies the spacing exception and exempts links in sentences; it
runs at both widths because targets change with the layout. Fixtures prove both checks fail.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.support.a11y import (
    NARROW,
    ZOOM_400,
    browser_context,
    check,
    describe_violations,
    guide_steps,
    page_paths,
    probe_fixture,
    probe_pages,
    probe_steps,
    report,
    run_axe,
)

pytestmark = pytest.mark.browser

LAYOUTS = {"320px": {"viewport": NARROW, "is_mobile": True}, "zoom-400": ZOOM_400}


@pytest.fixture(scope="module", params=sorted(LAYOUTS))
def layout(request: pytest.FixtureRequest, browser) -> Iterator[tuple[str, object]]:
    """A context per narrow layout: a 320 px phone, and a desktop window at 400% zoom."""
    with browser_context(browser, **LAYOUTS[request.param]) as context:
        yield request.param, context


def reflow_problems(page: Page) -> list[str]:
    """Sideways scrolling, and targets smaller than 24 x 24 px without enough space around."""
    return check(page, "overflow") + describe_violations(run_axe(page, rules=["target-size"]))


def test_no_page_scrolls_sideways_and_targets_are_big_enough(layout, site_dir, site_url):
    name, context = layout
    paths = page_paths(site_dir)
    problems = probe_pages(context, site_url, paths, reflow_problems, label=f" ({name})")
    assert not any(problems.values()), report(problems)


def test_no_guide_step_scrolls_sideways(layout, site_dir: Path, site_url: str):
    name, context = layout
    steps = guide_steps(site_dir)
    problems = probe_steps(context, site_url, steps, reflow_problems, label=f" ({name})")
    assert not any(problems.values()), report(problems)


def test_reflow_check_catches_a_too_wide_page(layout, fixtures_url: str):
    _, context = layout
    problems = probe_fixture(context, fixtures_url, "too-wide.html", lambda p: check(p, "overflow"))
    assert any("page scrolls sideways" in problem for problem in problems), problems


def test_target_size_check_catches_small_targets(layout, fixtures_url: str):
    _, context = layout
    violations = probe_fixture(
        context, fixtures_url, "small-targets.html", lambda p: run_axe(p, rules=["target-size"])
    )
    found = {violation["id"] for violation in violations}
    assert "target-size" in found
