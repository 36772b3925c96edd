"""axe-core finds no WCAG 2.0/2.1/2.2 A or AA violation on any page or guide step, in both palettes.

Pages come from the built file tree and guide steps from the guide's `data-step` markup, so a new
page or step is checked without editing this file. The fixtures prove each rule can fail.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.a11y import (
    COLOUR_RULES,
    FIXTURES,
    PALETTES,
    block_scripts,
    describe_violations,
    full_pages,
    guide_steps,
    new_context,
    opened,
    page_paths,
    palette_problems,
    report,
    run_axe,
    show_step,
    visit,
)
from tests.support.server import serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module", params=PALETTES)
def palette(request: pytest.FixtureRequest, browser) -> Iterator[tuple[str, object]]:
    """One browser context per palette (the system colour scheme Material follows)."""
    context = new_context(browser, palette=request.param)
    yield request.param, context
    context.close()


@pytest.fixture(scope="module")
def fixtures_url() -> Iterator[str]:
    """The deliberately broken fixture pages, served like the site."""
    with serve(FIXTURES) as url:
        yield url


def rules_for(palette: str) -> list[str] | None:
    """All WCAG rules in the light palette; in dark only colours differ, so only colour rules."""
    return None if palette == PALETTES[0] else COLOUR_RULES


def test_every_page_passes_axe(palette, site_dir: Path, site_url: str):
    name, context = palette
    problems: dict[str, list[str]] = {}
    with opened(context) as page:
        for path in page_paths(site_dir):
            visit(page, site_url + path)
            problems[f"/{path} ({name})"] = palette_problems(page, name) + describe_violations(
                run_axe(page, rules=rules_for(name))
            )
    assert not any(problems.values()), report(problems)


def test_every_guide_step_passes_axe(palette, site_dir: Path, site_url: str):
    name, context = palette
    steps = guide_steps(site_dir)
    assert steps, "no guide steps ([data-step] with an id) found in the built site"
    problems: dict[str, list[str]] = {}
    with opened(context) as page:
        for step in steps:
            show_step(page, site_url, step)
            # The page around the guide is checked above; here only what the step changes.
            within = "article" if page.locator("article").count() else None
            problems[f"/{step.path} ({name})"] = describe_violations(
                run_axe(page, rules=rules_for(name), within=within)
            )
    assert not any(problems.values()), report(problems)


def test_every_page_passes_axe_without_javascript(browser, site_dir: Path, site_url: str):
    context = new_context(browser)
    block_scripts(context)
    problems: dict[str, list[str]] = {}
    try:
        with opened(context) as page:
            for path in sorted(full_pages(site_dir)):
                visit(page, site_url + path)
                problems[f"/{path} (no JavaScript)"] = describe_violations(run_axe(page))
    finally:
        context.close()
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
    with opened(context) as page:
        visit(page, fixtures_url + fixture)
        found = {violation["id"] for violation in run_axe(page)}
    assert rule in found, f"axe missed {rule} in {fixture}; it found {sorted(found)}"
