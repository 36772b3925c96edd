"""Screen-reader semantics: one h1, no skipped levels, landmarks, named dialogs, live region.

Checked in the rendered page (what assistive technology reads), on every built page and every
guide step; the live region is checked in the HTML as served, because it must exist before the
first change or screen readers miss the first announcement. Fixtures prove each check can fail.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import material
import pytest
from playwright.sync_api import Page

from tests.support.a11y import (
    FIXTURES,
    browser_context,
    check,
    describe_violations,
    full_pages,
    guide_pages,
    guide_steps,
    html_file,
    page_paths,
    parse_steps,
    probe_fixture,
    probe_pages,
    probe_steps,
    report,
    run_axe,
)
from tests.support.build import ROOT

pytestmark = pytest.mark.browser

MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"


@pytest.fixture(scope="module")
def context(browser) -> Iterator[object]:
    """One light desktop context for the module."""
    with browser_context(browser) as context:
        yield context


def headings(page: Page) -> list[str]:
    """One h1 and no skipped heading levels, as the rendered page exposes them."""
    return check(page, "headings")


def test_every_page_has_one_h1_and_no_skipped_levels(context, site_dir: Path, site_url: str):
    problems = probe_pages(context, site_url, page_paths(site_dir), headings)
    assert not any(problems.values()), report(problems)


def test_every_guide_step_has_one_h1_and_no_skipped_levels(context, site_dir: Path, site_url: str):
    problems = probe_steps(context, site_url, guide_steps(site_dir), headings)
    assert not any(problems.values()), report(problems)


def test_every_page_has_its_landmarks(context, site_dir: Path, site_url: str):
    full = full_pages(site_dir)

    def landmarks(page: Page) -> list[str]:
        # Pages with the whole site around them also need navigation and a footer.
        return check(page, "landmarks", page.url.removeprefix(site_url) in full)

    problems = probe_pages(context, site_url, page_paths(site_dir), landmarks)
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


def dialog_problems(page: Page) -> list[str]:
    """Every element with a dialog role has a name a screen reader can announce."""
    return describe_violations(run_axe(page, rules=["aria-dialog-name"]))


def test_every_dialog_has_a_name(context, site_dir: Path, site_url: str):
    problems = probe_pages(context, site_url, sorted(full_pages(site_dir)), dialog_problems)
    assert not any(problems.values()), report(problems)


def test_dialog_check_catches_an_unnamed_dialog(context, fixtures_url: str):
    problems = probe_fixture(context, fixtures_url, "unnamed-dialog.html", dialog_problems)
    assert any(problem.startswith("aria-dialog-name") for problem in problems), problems


def test_search_partial_is_materials_own_but_for_the_dialog_name():
    """The override must follow Material's markup, so an upgrade cannot silently diverge."""
    comment = re.compile(r"\{#-.*?-#\}\n", re.DOTALL)
    theirs = comment.sub("", (MATERIAL_TEMPLATES / "partials" / "search.html").read_text())
    ours = comment.sub("", (ROOT / "overrides" / "partials" / "search.html").read_text())
    named = ''' aria-label="{{ lang.t('search') }}"'''
    assert named in ours, "the search dialog lost its name"
    assert ours.replace(named, "", 1) == theirs, "Material's search partial changed: re-derive ours"
