"""Screenshots for people reviewing a change: phone and desktop, light and dark.

Saved to test-artifacts/screenshots/ (git-ignored): the home page, the first article page in the
navigation, the guide's first step and its first outcome. The test fails if a picture is blank.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.a11y import (
    DESKTOP,
    PALETTES,
    PHONE,
    SCREENSHOTS,
    browser_context,
    guide_steps,
    opened,
    section_page,
    show_step,
    visit,
)

pytestmark = pytest.mark.browser

DEVICES = {"phone": {"viewport": PHONE, "is_mobile": True}, "desktop": {"viewport": DESKTOP}}


@pytest.mark.parametrize("palette", PALETTES)
@pytest.mark.parametrize("device", sorted(DEVICES))
def test_screenshots_are_saved(browser, site_dir: Path, site_url: str, device: str, palette: str):
    steps = guide_steps(site_dir)
    assert steps, "no guide steps ([data-step] with an id) found in the built site"
    outcome = next((step for step in steps if step.kind == "outcome"), None)
    assert outcome, "the guide has no outcome step"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    with (
        browser_context(browser, palette=palette, **DEVICES[device]) as context,
        opened(context) as page,
    ):
        for name, path in (("home", ""), ("section", section_page(site_dir))):
            visit(page, site_url + path)
            saved.append(SCREENSHOTS / f"{name}-{device}-{palette}.png")
            page.screenshot(path=saved[-1], full_page=True)
        for name, step in (("guide-start", steps[0]), ("guide-outcome", outcome)):
            show_step(page, site_url, step)
            saved.append(SCREENSHOTS / f"{name}-{device}-{palette}.png")
            page.screenshot(path=saved[-1])
    for picture in saved:
        assert picture.stat().st_size > 5000, f"{picture.name} looks blank"
