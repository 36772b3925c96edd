"""axe-core finds no WCAG 2.0/2.1/2.2 A or AA violation on any page or guide step, in both palettes.

Pages come from the built file tree and guide steps from the guide's `data-step` markup, so a new
page or step is checked without editing this file. The fixtures prove each rule can fail.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.support.a11y import (
    COLOUR_RULES,
    PALETTES,
    block_scripts,
    browser_context,
    describe_violations,
    full_pages,
    guide_steps,
    page_paths,
    palette_problems,
    probe_fixture,
    probe_pages,
    probe_steps,
    report,
    run_axe,
)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module", params=PALETTES)
def palette(request: pytest.FixtureRequest, browser) -> Iterator[tuple[str, object]]:
    """One browser context per palette (the system colour scheme Material follows)."""
    with browser_context(browser, palette=request.param) as context:
        yield request.param, context


def rules_for(palette: str) -> list[str] | None:
    """All WCAG rules in the light palette; in dark only colours differ, so only colour rules."""
    return None if palette == PALETTES[0] else COLOUR_RULES


def test_every_page_passes_axe(palette, site_dir: Path, site_url: str):
    name, context = palette

    def probe(page: Page) -> list[str]:
        return palette_problems(page, name) + describe_violations(
            run_axe(page, rules=rules_for(name))
        )

    problems = probe_pages(context, site_url, page_paths(site_dir), probe, label=f" ({name})")
    assert not any(problems.values()), report(problems)


def test_every_guide_step_passes_axe(palette, site_dir: Path, site_url: str):
    name, context = palette

    def probe(page: Page) -> list[str]:
        # The page around the guide is checked above; here only what the step changes.
        within = "article" if page.locator("article").count() else None
        return describe_violations(run_axe(page, rules=rules_for(name), within=within))

    problems = probe_steps(context, site_url, guide_steps(site_dir), probe, label=f" ({name})")
    assert not any(problems.values()), report(problems)


def test_every_page_passes_axe_without_javascript(browser, site_dir: Path, site_url: str):
    with browser_context(browser) as context:
        block_scripts(context)
        problems = probe_pages(
            context,
            site_url,
            sorted(full_pages(site_dir)),
            lambda page: describe_violations(run_axe(page)),
            label=" (no JavaScript)",
        )
    assert not any(problems.values()), report(problems)


@pytest.mark.parametrize(
    ("fixture", "rule"),
    [
        ("image-without-alt.html", "image-alt"),
        ("unlabelled-control.html", "label"),
        ("low-contrast.html", "color-contrast"),
        ("small-targets.html", "target-size"),
        ("invalid-nesting.html", "list"),
    ],
)
def test_axe_catches_the_broken_fixture(palette, fixtures_url: str, fixture: str, rule: str):
    _, context = palette
    violations = probe_fixture(context, fixtures_url, fixture, run_axe)
    found = {violation["id"] for violation in violations}
    assert rule in found, f"axe missed {rule} in {fixture}; it found {sorted(found)}"
