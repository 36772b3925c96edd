"""Screen-reader semantics: one h1, no skipped levels, landmarks, named dialogs, live region.

Checked in the rendered page (what assistive technology reads), on every built page and every
guide step; the live region is checked in the HTML as served, because it must exist before the
first change or screen readers miss the first announcement. Fixtures prove each check can fail.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.a11y import (
    FIXTURES,
    browser_context,
    check,
    guide_pages,
    html_file,
    parse_steps,
    probe_fixture,
    report,
)
from tests.support.sweep import Sweeps, axe_problems, findings, on

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def context(browser) -> Iterator[object]:
    """One light desktop context for the fixtures."""
    with browser_context(browser) as context:
        yield context


@pytest.mark.parametrize("setup", on("light"))
def test_every_page_has_one_h1_and_no_skipped_levels(sweep: Sweeps, setup: str):
    problems = findings(sweep(setup), "headings")
    assert not any(problems.values()), report(problems)


@pytest.mark.parametrize("setup", on("light"))
def test_every_guide_step_has_one_h1_and_no_skipped_levels(sweep: Sweeps, setup: str):
    problems = findings(sweep(setup), "headings-steps")
    assert not any(problems.values()), report(problems)


@pytest.mark.parametrize("setup", on("light"))
def test_every_page_has_its_landmarks(sweep: Sweeps, setup: str):
    """Pages with the whole site around them also need navigation and a footer."""
    problems = findings(sweep(setup), "landmarks")
    assert not any(problems.values()), report(problems)


def test_guide_live_region_is_in_the_served_html(site_dir: Path):
    pages = guide_pages(site_dir)
    assert pages, "no page with guide steps found in the built site"
    for path in pages:
        parsed = parse_steps(html_file(site_dir, path).read_text(encoding="utf-8"))
        assert parsed.live_regions >= 1, f"/{path}: no aria-live or role=status region in the HTML"


@pytest.mark.parametrize(
    ("fixture", "name", "expected"),
    [
        ("skipped-heading.html", "headings", "heading level skipped"),
        ("two-h1.html", "headings", "expected exactly one h1"),
        ("no-landmarks.html", "landmarks", "main landmark"),
        ("no-landmarks.html", "landmarks", "navigation landmark"),
    ],
)
def test_semantic_checks_catch_the_broken_fixture(
    context, fixtures_url: str, fixture: str, name: str, expected: str
):
    problems = probe_fixture(context, fixtures_url, fixture, lambda page: check(page, name))
    assert any(expected in problem for problem in problems), problems


def test_live_region_check_catches_a_guide_without_one():
    html = (FIXTURES / "guide-without-live-region.html").read_text(encoding="utf-8")
    parsed = parse_steps(html)
    assert parsed.steps, "the fixture should contain guide steps"
    assert parsed.live_regions == 0


@pytest.mark.parametrize("setup", on("light"))
def test_every_dialog_has_a_name(sweep: Sweeps, setup: str):
    problems = findings(sweep(setup), "dialogs")
    assert not any(problems.values()), report(problems)


def test_dialog_check_catches_an_unnamed_dialog(context, fixtures_url: str):
    dialog_problems = axe_problems(["aria-dialog-name"])
    problems = probe_fixture(context, fixtures_url, "unnamed-dialog.html", dialog_problems)
    assert any(problem.startswith("aria-dialog-name") for problem in problems), problems
