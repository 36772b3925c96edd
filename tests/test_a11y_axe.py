"""axe-core finds no WCAG 2.0/2.1/2.2 A or AA violation on any kind of page or step, either palette.

Pages come from the built file tree and guide steps from the guide's `data-step` markup, so a new
page or step is checked without editing this file. axe reads elements, classes and attributes,
so one page, and one guide step, of each set of those is checked (`markup_kinds`, `step_kinds`
in tests/support/a11y.py): a page or step with a new kind of element gets its own visit. The
dark run repeats only the colour rules,
the only ones a palette changes. The visits are shared with the other browser checks
(tests/support/sweep.py). The fixtures prove each rule can fail.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.a11y import PALETTES, browser_context, probe_fixture, report, run_axe
from tests.support.sweep import Sweeps, findings, on, target_problems

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("setup", on(*PALETTES))
def test_every_page_passes_axe(sweep: Sweeps, setup: str):
    problems = findings(sweep(setup), "palette", "axe")
    assert not any(problems.values()), report(problems)


@pytest.mark.parametrize("setup", on(*PALETTES))
def test_every_guide_step_passes_axe(sweep: Sweeps, setup: str):
    problems = findings(sweep(setup), "axe-steps")
    assert not any(problems.values()), report(problems)


@pytest.mark.parametrize("setup", on("no-javascript"))
def test_every_page_passes_axe_without_javascript(sweep: Sweeps, setup: str):
    problems = findings(sweep(setup), "axe")
    assert not any(problems.values()), report(problems)


@pytest.fixture(scope="module", params=PALETTES)
def palette(request: pytest.FixtureRequest, browser) -> Iterator[object]:
    """One browser context per palette (the system colour scheme Material follows)."""
    with browser_context(browser, palette=request.param) as context:
        yield context


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
    violations = probe_fixture(palette, fixtures_url, fixture, run_axe)
    found = {violation["id"] for violation in violations}
    assert rule in found, f"axe missed {rule} in {fixture}; it found {sorted(found)}"


def test_axe_on_one_row_of_a_kind_still_counts_the_rows_around_it(palette, fixtures_url: str):
    """Rows left out of axe still crowd the one row checked, which is flagged.

    Repeated rows are only marked for axe to exclude, not taken out of the Tab order as in the
    walks: out of it, they would count as no neighbours, and the crowding would go unseen.
    """
    problems = probe_fixture(palette, fixtures_url, "crowded-rows.html", target_problems)
    assert len(problems) == 1, problems
    assert problems[0].startswith("target-size"), problems
    assert '"#one"' in problems[0], problems
