"""Every built page carries its metadata, review dates, crisis link and disclaimer.

Reads the built HTML: unique title and description, lang, canonical URL, Open Graph,
MedicalWebPage JSON-LD with lastReviewed, the review line in <time> elements, the crisis link
in the announce bar, the shared disclaimer, and the published sitemap.xml and robots.txt.
"""

from __future__ import annotations

import json
import os
import re
from datetime import date
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml

from tests.support.build import ROOT
from tests.support.content_html import PageFacts, page_facts
from tests.support.site_pages import EDITION_FOLDERS, edition_of
from wtiw.core.interface import words
from wtiw.pages.front_matter import long_date

DOCS = ROOT / "docs"
# The build reads SITE_URL (the deploy workflow sets it); mkdocs.yml has this default.
SITE_URL = (
    os.environ.get("SITE_URL", "https://when-therapy-isnt-working.github.io/").rstrip("/") + "/"
)


def sources() -> list[Path]:
    """Every published Markdown page of the English build (docs/es is the Spanish build's)."""
    return sorted(
        path
        for path in DOCS.rglob("*.md")
        if not any(part.startswith(("_", ".")) for part in path.relative_to(DOCS).parts)
        and path.relative_to(DOCS).parts[0] != "es"
    )


def url_path(source: Path) -> str:
    """Site-relative URL of a page: `about.md` is `about/`, `index.md` is ``."""
    relative = source.relative_to(DOCS).with_suffix("").as_posix()
    return "" if relative == "index" else relative.removesuffix("/index") + "/"


def front_matter(source: Path) -> dict:
    """The YAML front matter of a Markdown page."""
    return yaml.safe_load(source.read_text(encoding="utf-8").split("---", 2)[1])


def facts(site_dir: Path, path: str) -> PageFacts:
    """Parsed facts of one built page."""
    return page_facts((site_dir / path / "index.html").read_text(encoding="utf-8"))


PAGES = sources()
IDS = [url_path(source) or "home" for source in PAGES]


@pytest.fixture(scope="module")
def all_facts(site_dir: Path) -> dict[str, PageFacts]:
    """Facts of every page, by URL path."""
    return {url_path(source): facts(site_dir, url_path(source)) for source in PAGES}


@pytest.mark.parametrize("source", PAGES, ids=IDS)
def test_head_metadata(all_facts: dict[str, PageFacts], source: Path):
    meta, page = front_matter(source), all_facts[url_path(source)]
    assert page.lang == "en"
    assert page.title.startswith(meta["title"])
    assert page.meta["description"] == " ".join(meta["description"].split())
    assert page.links["canonical"] == SITE_URL + url_path(source)
    assert page.meta["og:title"] == meta["title"]
    assert page.meta["og:description"] == page.meta["description"]
    assert page.meta["og:url"] == page.links["canonical"]


def test_titles_and_descriptions_are_unique(all_facts: dict[str, PageFacts]):
    titles = [page.title for page in all_facts.values()]
    descriptions = [page.meta["description"] for page in all_facts.values()]
    assert len(set(titles)) == len(titles), sorted(titles)
    assert len(set(descriptions)) == len(descriptions), sorted(descriptions)


@pytest.mark.parametrize("source", PAGES, ids=IDS)
def test_json_ld_is_a_medical_web_page(all_facts: dict[str, PageFacts], source: Path):
    meta, page = front_matter(source), all_facts[url_path(source)]
    (block,) = page.json_ld
    data = json.loads(block)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "MedicalWebPage"
    assert data["lastReviewed"] == meta["last_reviewed"].isoformat()
    assert data["url"] == SITE_URL + url_path(source)
    assert data["citation"] == [item["url"] for item in meta["sources"]]


@pytest.mark.parametrize("source", PAGES, ids=IDS)
def test_review_line_uses_time_elements(all_facts: dict[str, PageFacts], source: Path):
    meta, page = front_matter(source), all_facts[url_path(source)]
    last, due = meta["last_reviewed"], meta["next_review"]
    assert (last.isoformat(), long_date(last)) in page.times
    assert (due.isoformat(), long_date(due)) in page.times
    assert "sources" in page.ids


def test_review_line_reads_as_specified(site_dir: Path):
    html = (site_dir / "about" / "index.html").read_text(encoding="utf-8")
    text = " ".join(html.split())
    date = r'<time datetime="\d{4}-\d{2}-\d{2}">\d{1,2} [A-Z][a-z]+ \d{4}</time>'
    assert re.search(
        f"Page last reviewed: {date}.{{0,80}}?·.{{0,80}}?Next review due: {date}", text
    ), text


def test_help_now_numbers_are_dated(site_dir: Path):
    html = (site_dir / "help-now" / "index.html").read_text(encoding="utf-8")
    text = " ".join(html.split())
    assert re.search(r"numbers were all checked on or after \d{1,2} [A-Z][a-z]+ \d{4}", text)
    links = ("tel:911", "tel:999", "tel:112", "tel:000", "tel:988", "sms:988", "tel:116123")
    for link in (*links, "tel:131114"):
        assert f'href="{link}"' in text
    assert "https://findahelpline.com/" in text


def every_built_page(site_dir: Path) -> list[Path]:
    """Every real page in the built site (not redirect stubs), including 404.html."""
    return sorted(
        path
        for path in site_dir.rglob("*.html")
        if 'http-equiv="refresh"' not in path.read_text(encoding="utf-8")
    )


def pages_by_edition(site_dir: Path) -> dict[str, list[Path]]:
    """Every real built page, by the language of its edition (`es/…` is the Spanish one's)."""
    found: dict[str, list[Path]] = {language: [] for language in EDITION_FOLDERS}
    for path in every_built_page(site_dir):
        found[edition_of(path.relative_to(site_dir))].append(path)
    return found


def test_crisis_link_is_in_the_announce_bar_of_every_page(site_dir: Path):
    """In each edition, every page's announce bar links that edition's own help-now page."""
    for language, pages in pages_by_edition(site_dir).items():
        assert len(pages) >= len(PAGES) + 1, language
        help_now = EDITION_FOLDERS[language] + "help-now/"
        for path in pages:
            page = page_facts(path.read_text(encoding="utf-8"))
            assert len(page.crisis_links) == 1, path
            href, in_announce = page.crisis_links[0]
            assert in_announce, f"{path}: crisis link is not in the announce bar"
            relative = path.relative_to(site_dir).as_posix()
            page_url = SITE_URL + relative.removesuffix("index.html")
            assert urljoin(page_url, href) in {SITE_URL + help_now, "/" + help_now}, path


def test_every_page_shows_the_same_disclaimer(site_dir: Path):
    """One disclaimer per edition, on every page of it, in the edition's interface words."""
    for language, pages in pages_by_edition(site_dir).items():
        disclaimers = {
            path.relative_to(site_dir).as_posix(): page_facts(
                path.read_text(encoding="utf-8")
            ).disclaimers
            for path in pages
        }
        assert all(len(found) == 1 for found in disclaimers.values()), disclaimers
        assert {found[0] for found in disclaimers.values()} == {disclaimer(language)}, language
    assert "not a substitute" in disclaimer("en")
    assert "No sustituye" in disclaimer("es")


def disclaimer(language: str) -> str:
    """The disclaimer's text in `language`, as partials/site/disclaimer.html prints it."""
    text = words(DOCS / "_data", language)
    return " ".join(f"{text('site.disclaimer.text')} {text('site.disclaimer.link')}.".split())


def test_a_page_without_the_shared_partials_is_caught():
    """Control: the facts reader finds nothing on a page without the partials."""
    page = page_facts("<html lang='en'><head><title>x</title></head><body><p>x</p></body></html>")
    assert page.crisis_links == []
    assert page.disclaimers == []
    assert page.json_ld == []


def test_sitemap_lists_every_page(site_dir: Path):
    sitemap = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    for source in PAGES:
        assert f"<loc>{SITE_URL}{url_path(source)}</loc>" in sitemap


def test_robots_txt_allows_all_and_names_the_sitemap(site_dir: Path):
    robots = (site_dir / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *\nAllow: /\n" in robots
    assert f"Sitemap: {SITE_URL}sitemap.xml\n" in robots
    assert "{" not in robots


def test_next_review_dates_are_in_the_future():
    for source in PAGES:
        assert front_matter(source)["next_review"] >= date.today(), source
