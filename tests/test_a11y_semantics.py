"""Screen-reader semantics: one h1, no skipped heading levels, landmarks, a guide live region.

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
    check,
    full_pages,
    guide_pages,
    guide_steps,
    html_file,
    new_context,
    opened,
    page_paths,
    parse_steps,
    report,
    show_step,
    visit,
)
from tests.support.server import serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def context(browser) -> Iterator[object]:
    """One light desktop context for the module."""
    context = new_context(browser)
    yield context
    context.close()


@pytest.fixture(scope="module")
def fixtures_url() -> Iterator[str]:
    """The deliberately broken fixture pages, served like the site."""
    with serve(FIXTURES) as url:
        yield url


def test_every_page_has_one_h1_and_no_skipped_levels(context, site_dir: Path, site_url: str):
    problems: dict[str, list[str]] = {}
    with opened(context) as page:
        for path in page_paths(site_dir):
            visit(page, site_url + path)
            problems[f"/{path}"] = check(page, "headings")
    assert not any(problems.values()), report(problems)


def test_every_guide_step_has_one_h1_and_no_skipped_levels(context, site_dir: Path, site_url: str):
    steps = guide_steps(site_dir)
    assert steps, "no guide steps ([data-step] with an id) found in the built site"
    problems: dict[str, list[str]] = {}
    with opened(context) as page:
        for step in steps:
            show_step(page, site_url, step)
            problems[f"/{step.path}"] = check(page, "headings")
    assert not any(problems.values()), report(problems)


def test_every_page_has_its_landmarks(context, site_dir: Path, site_url: str):
    full = full_pages(site_dir)
    problems: dict[str, list[str]] = {}
    with opened(context) as page:
        for path in page_paths(site_dir):
            visit(page, site_url + path)
            problems[f"/{path}"] = check(page, "landmarks", path in full)
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
    with opened(context) as page:
        visit(page, fixtures_url + fixture)
        problems = check(page, name)
    assert any(expected in problem for problem in problems), problems


def test_live_region_check_catches_a_guide_without_one():
    html = (FIXTURES / "guide-without-live-region.html").read_text(encoding="utf-8")
    parsed = parse_steps(html)
    assert parsed.steps, "the fixture should contain guide steps"
    assert parsed.live_regions == 0
