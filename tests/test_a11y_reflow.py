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

from tests.support.a11y import (
    FIXTURES,
    NARROW,
    ZOOM_400,
    check,
    describe_violations,
    guide_steps,
    new_context,
    opened,
    page_paths,
    report,
    run_axe,
    show_step,
    visit,
)
from tests.support.server import serve

pytestmark = pytest.mark.browser

LAYOUTS = {"320px": {"viewport": NARROW, "is_mobile": True}, "zoom-400": ZOOM_400}


@pytest.fixture(scope="module", params=sorted(LAYOUTS))
def layout(request: pytest.FixtureRequest, browser) -> Iterator[tuple[str, object]]:
    """A context per narrow layout: a 320 px phone, and a desktop window at 400% zoom."""
    context = new_context(browser, **LAYOUTS[request.param])
    yield request.param, context
    context.close()


@pytest.fixture(scope="module")
def fixtures_url() -> Iterator[str]:
    """The deliberately broken fixture pages, served like the site."""
    with serve(FIXTURES) as url:
        yield url


def test_no_page_scrolls_sideways_and_targets_are_big_enough(layout, site_dir, site_url):
    name, context = layout
    problems: dict[str, list[str]] = {}
    with opened(context) as page:
        for path in page_paths(site_dir):
            visit(page, site_url + path)
            problems[f"/{path} ({name})"] = check(page, "overflow") + describe_violations(
                run_axe(page, rules=["target-size"])
            )
    assert not any(problems.values()), report(problems)


def test_no_guide_step_scrolls_sideways(layout, site_dir: Path, site_url: str):
    name, context = layout
    steps = guide_steps(site_dir)
    assert steps, "no guide steps ([data-step] with an id) found in the built site"
    problems: dict[str, list[str]] = {}
    with opened(context) as page:
        for step in steps:
            show_step(page, site_url, step)
            problems[f"/{step.path} ({name})"] = check(page, "overflow") + describe_violations(
                run_axe(page, rules=["target-size"])
            )
    assert not any(problems.values()), report(problems)


def test_reflow_check_catches_a_too_wide_page(layout, fixtures_url: str):
    _, context = layout
    with opened(context) as page:
        visit(page, fixtures_url + "too-wide.html")
        problems = check(page, "overflow")
    assert any("page scrolls sideways" in problem for problem in problems), problems


def test_target_size_check_catches_small_targets(layout, fixtures_url: str):
    _, context = layout
    with opened(context) as page:
        visit(page, fixtures_url + "small-targets.html")
        found = {violation["id"] for violation in run_axe(page, rules=["target-size"])}
    assert "target-size" in found
