"""Printing: every page is a clean handout, on one or two sheets.

Each printout has a QR code, the page's address, its review date and crisis numbers, and no
site chrome. Section pages and guide outcomes fit on one or two A4 sheets, as saved to PDF.
"""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from tests.support.build import ROOT
from tests.support.page_audit import visit

pytestmark = pytest.mark.browser

CANONICAL = "https://when-therapy-isnt-working.github.io/"
SECTION = "talk-to-your-therapist/"
HIDDEN_IN_PRINT = (
    ".md-header",
    ".md-sidebar--primary",
    ".md-sidebar--secondary",
    ".md-footer",
    ".wtiw-copy-link",
    "[data-md-component='announce']",
)
# Reference and long-form pages are not handouts: the guide prints per outcome instead.
NOT_HANDOUTS = {"for-professionals/", "guide/"}


def handout_pages() -> list[str]:
    """Every page of the link contract that should print as a handout."""
    data = yaml.safe_load((ROOT / "docs/_data/links/pages.yml").read_text(encoding="utf-8"))
    return [page["path"] for page in data["pages"] if page["path"] not in NOT_HANDOUTS]


def flat_text(text: str) -> str:
    """Text from a PDF as plain letters with no spaces or line breaks, to search for words.

    Where lines break depends on the machine's fonts, and fonts with ligatures put one
    character such as "\ufb00" for "ff" into the PDF's text; NFKC turns it back into letters.
    """
    return "".join(unicodedata.normalize("NFKC", text).split())


def pdf_pages(tab: object) -> tuple[int, str]:
    """Save the page as an A4 PDF the way a reader would; return its page count and flat text."""
    reader = PdfReader(io.BytesIO(tab.pdf(format="A4")))
    return len(reader.pages), flat_text("\n".join(page.extract_text() for page in reader.pages))


def visible(tab: object, selector: str) -> bool:
    """True when any element matching `selector` is rendered."""
    return tab.locator(selector).evaluate_all(
        "els => els.some(e => e.getClientRects().length > 0 && "
        "getComputedStyle(e).visibility !== 'hidden')"
    )


def after_content(tab: object, selector: str) -> str:
    """The generated ::after text of the first element matching `selector`."""
    return tab.locator(selector).first.evaluate("e => getComputedStyle(e, '::after').content")


def test_print_hides_chrome_and_shows_the_handout_box(page, site_url):
    visit(page, site_url + SECTION)
    assert visible(page, ".md-header"), "control: on screen the header shows"
    assert not visible(page, ".wtiw-handout"), "control: on screen the handout box is hidden"
    page.emulate_media(media="print")
    for selector in HIDDEN_IN_PRINT:
        assert not visible(page, selector), selector
    assert visible(page, ".wtiw-handout svg[role='img']")
    address = page.locator(".wtiw-handout__address").inner_text().strip()
    assert address == CANONICAL + SECTION
    assert visible(page, ".wtiw-handout__reviewed time")
    crisis = page.locator(".wtiw-handout__crisis").inner_text()
    assert "116 123" in crisis
    assert "988" in crisis


def test_print_shows_where_links_go(page, site_url):
    visit(page, site_url + SECTION)
    page.emulate_media(media="print")
    external = ".md-content article a[href^='https://']"
    href = page.locator(external).first.get_attribute("href")
    assert href in after_content(page, external)
    internal = ".md-content article a[href^='../']"
    absolute = page.locator(internal).first.get_attribute("data-wtiw-print-href")
    assert absolute.startswith(CANONICAL)
    assert absolute in after_content(page, internal)
    page.emulate_media(media="screen")
    assert after_content(page, external) == "none", "control: no addresses on screen"


@pytest.mark.parametrize("path", handout_pages())
def test_page_prints_on_one_or_two_sheets(page, site_url, path):
    visit(page, site_url + path)
    count, text = pdf_pages(page)
    assert 1 <= count <= 2, f"{path or 'home'} prints on {count} pages"
    assert (CANONICAL + path) in text, "the page's address is printed"
    assert "Lastreviewed" in text
    assert "Needhelpnow" in text


def test_pdf_text_matches_whatever_ligatures_the_font_has():
    """Fonts that join "ff" or "fi" into one glyph still print the address we look for."""
    printed = "try-a-di\ufb00erent-type-\nof-therapy/ quali\ufb01ed"
    assert flat_text(printed) == "try-a-different-type-of-therapy/qualified"


def test_page_count_control(page):
    """Control: the count is real; a page that breaks onto three sheets counts three."""
    page.set_content(
        '<p style="break-after: page">one</p><p style="break-after: page">two</p><p>three</p>'
    )
    count, text = pdf_pages(page)
    assert count == 3
    assert text == "onetwothree"


def test_guide_outcome_prints_as_a_handout(page, site_url, site_dir: Path):
    visit(page, site_url + "guide/")
    outcome = page.evaluate("() => document.querySelector('[data-step=\"outcome\"]')?.id")
    if not outcome:
        pytest.skip("the guide has no outcome steps yet")
    visit(page, f"{site_url}guide/#{outcome}")
    page.emulate_media(media="print")
    assert not visible(page, ".md-header")
    assert not visible(page, ".md-sidebar--primary")
    assert visible(page, f"#{outcome} svg"), "the outcome's QR code prints"
    count, text = pdf_pages(page)
    assert 1 <= count <= 2
    assert f"{CANONICAL}guide/#{outcome}" in text
