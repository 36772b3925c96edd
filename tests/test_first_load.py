"""What a first visit downloads: only what the page on screen needs (DESIGN.md, "Speed").

The search index waits until the reader starts a search; the guide's script and the options'
stylesheet load only on pages with the guide; a guide outcome's print-only QR code loads for
the outcome on screen and no other. Each test records the requests a real page load makes.
"""

from __future__ import annotations

from pathlib import PurePosixPath

import pytest

from tests.support.page_audit import visit
from wtiw.postbuild.page_assets import drop_unused_assets

SEARCH_INDEX = "search/search_index.json"
QR_FOLDER = "/assets/qr/"


def load(page, url: str) -> list[str]:
    """Open `url`; return every URL requested by its load event, first frames and quiet network.

    Load and frames first (lazy images in view are asked for by then): Playwright's
    "networkidle" alone can fire before a busy browser has even asked for deferred scripts.
    """
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    visit(page, url)
    page.wait_for_load_state("networkidle")
    return requested


def test_the_search_index_loads_only_when_the_reader_starts_a_search(page, site_url: str):
    requested = load(page, site_url)
    assert not [url for url in requested if url.endswith(SEARCH_INDEX)], "index on first load"
    assert not [url for url in requested if url.endswith("/guide.js")], "guide.js on home"
    page.keyboard.press("/")  # Material's key to open search, as a reader may use
    page.keyboard.type("medication")
    page.locator(".md-search-result__item").first.wait_for()
    assert [url for url in requested if url.endswith(SEARCH_INDEX)], "search ran without it"


def test_a_guide_outcome_loads_its_own_qr_code_and_no_other(page, site_url: str):
    requested = load(page, f"{site_url}guide/")
    assert [url for url in requested if url.endswith("/guide.js")], "the guide needs its script"
    assert not [url for url in requested if QR_FOLDER in url], "a QR code on the first question"
    # Wait on the code's own response, then its decoding: one call each, nothing polled.
    # (wait_for_function with a string polls by eval, which the site's CSP refuses after
    # the first try, so it failed whenever the code was not in yet at that first try.)
    with page.expect_response(lambda response: QR_FOLDER in response.url) as first_code:
        page.goto(f"{site_url}guide/#start-the-conversation")
    assert first_code.value.ok
    qr = page.locator("#start-the-conversation [data-wtiw-guide-qr]")
    assert qr.evaluate("image => image.decode().then(() => image.naturalWidth)") > 0
    codes = [url for url in requested if QR_FOLDER in url]
    assert {url.rsplit("/", 1)[1] for url in codes} == {"guide--start-the-conversation.svg"}


@pytest.mark.parametrize(
    ("markup", "kept"),
    [
        ("<main></main>", False),
        ('<div data-wtiw-guide data-start-step="a"></div>', True),
    ],
    ids=["page-without-the-guide", "page-with-the-guide"],
)
def test_a_feature_script_is_dropped_only_where_its_feature_is_missing(markup: str, kept: bool):
    page = (
        '<html><head><link rel="stylesheet" href="assets/stylesheets/site.css"></head><body>'
        f'{markup}<script src="assets/javascripts/guide.js" defer></script></body></html>'
    )
    html = drop_unused_assets(page, PurePosixPath("index.html"))
    assert ("guide.js" in html) is kept
    assert "site.css" in html, "an asset no feature claims stays on every page"
