"""In a real browser: the crisis link is visible at 320 px without scrolling, in one place."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.build import ROOT

ARTIFACTS = ROOT / "test-artifacts"
PAGES = ["", "talk-to-your-therapist/", "guide/", "help-now/", "privacy/", "no-such-page/"]
PHONE = {"width": 320, "height": 568}

pytestmark = pytest.mark.browser


def crisis_box(page, url: str) -> dict[str, float]:
    """Load `url` at phone size and return the crisis link's box, checking it is visible."""
    page.set_viewport_size(PHONE)
    page.goto(url)
    link = page.locator("[data-wtiw-crisis-link]")
    assert link.count() == 1
    assert link.is_visible()
    assert link.inner_text() == "Need help now?"
    box = link.bounding_box()
    assert box is not None
    return box


@pytest.mark.parametrize("path", PAGES)
def test_crisis_link_is_visible_at_320px_without_scrolling(page, site_url: str, path: str):
    box = crisis_box(page, site_url + path)
    assert page.evaluate("window.scrollY") == 0
    assert box["y"] >= 0
    assert box["y"] + box["height"] <= PHONE["height"] / 3, "crisis link is below the fold"
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= PHONE["width"]
    assert box["height"] >= 24, "tap target smaller than 24 px (WCAG 2.2 SC 2.5.8)"


def test_crisis_link_is_in_the_same_place_on_every_page(page, site_url: str):
    boxes = {path: crisis_box(page, site_url + path) for path in PAGES}
    places = {(round(box["x"]), round(box["y"])) for box in boxes.values()}
    assert len(places) == 1, boxes


def test_crisis_link_cannot_be_dismissed(page, site_url: str):
    page.set_viewport_size(PHONE)
    page.goto(site_url)
    assert page.locator('[data-md-component="announce"] button').count() == 0


def test_crisis_link_leads_to_help_now(page, site_url: str):
    page.goto(site_url + "privacy/")
    page.locator("[data-wtiw-crisis-link]").click()
    page.wait_for_url(site_url + "help-now/")


def test_phone_screenshot(page, site_url: str):
    """Evidence for reviewers: the top of the home page on a 320 px phone."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.set_viewport_size(PHONE)
    page.goto(site_url)
    path: Path = ARTIFACTS / "crisis-bar-320.png"
    page.screenshot(path=str(path))
    assert path.stat().st_size > 0


def test_control_a_link_far_down_the_page_is_below_the_fold(page, site_url: str):
    """Control: the fold check above can fail; the page's last link is not near the top."""
    page.set_viewport_size(PHONE)
    page.goto(site_url + "help-now/")
    box = page.locator("article a").last.bounding_box()
    assert box is not None
    assert box["y"] > PHONE["height"] / 3
