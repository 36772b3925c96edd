"""Public links are a contract: every listed page and anchor exists; every page is in the nav.

docs/_data/links/pages.yml lists the page URLs and `##` ids that therapists share. A renamed
page keeps its old address through mkdocs-redirects; the redirect tests prove that works.
Both editions share the contract and the nav: a Spanish page (docs/es/) has its English
page's file name, address under `es/` and `{#id}` anchors (`pages/editions_check.py`, run
by the Spanish build), so it is held to its English page's entry.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml

from tests.support.build import ROOT
from tests.support.content_html import page_facts

CONTRACT = ROOT / "docs" / "_data" / "links" / "pages.yml"
DOCS = ROOT / "docs"
# Each edition's pages folder and config (mkdocs-es.yml: `docs_dir: docs/es`).
EDITION_DOCS = {"en": DOCS, "es": DOCS / "es"}
EDITION_CONFIGS = {"en": ROOT / "mkdocs.yml", "es": ROOT / "mkdocs-es.yml"}


def load_contract(path: Path = CONTRACT) -> list[dict]:
    """The list of public pages, each with its anchors."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))["pages"]


def built_file(site_dir: Path, url_path: str) -> Path:
    """The HTML file that serves a site-relative URL path such as `help-now/`."""
    return site_dir / url_path / "index.html"


def missing_targets(contract: list[dict], site_dir: Path) -> list[str]:
    """Every listed page or `page#anchor` that the built site does not have."""
    missing: list[str] = []
    for entry in contract:
        page = built_file(site_dir, entry["path"])
        if not page.is_file():
            missing.append(entry["path"] or "/")
            continue
        ids = page_facts(page.read_text(encoding="utf-8")).ids
        missing.extend(
            f"{entry['path']}#{anchor['id']}"
            for anchor in entry.get("anchors") or []
            if anchor["id"] not in ids
        )
    return missing


def test_every_public_link_target_exists(site_dir: Path):
    assert missing_targets(load_contract(), site_dir) == []


def test_contract_is_not_empty():
    contract = load_contract()
    assert len(contract) >= 15
    assert sum(len(entry.get("anchors") or []) for entry in contract) >= 50


def test_a_made_up_anchor_or_page_is_reported_missing(site_dir: Path):
    """Control: the check above can fail."""
    contract = [
        {"path": "help-now/", "anchors": [{"id": "emergency"}, {"id": "no-such-anchor"}]},
        {"path": "no-such-page/", "anchors": []},
    ]
    assert missing_targets(contract, site_dir) == ["help-now/#no-such-anchor", "no-such-page/"]


def test_contract_paths_and_ids_are_unique():
    contract = load_contract()
    paths = [entry["path"] for entry in contract]
    assert len(paths) == len(set(paths))
    for entry in contract:
        ids = [anchor["id"] for anchor in entry.get("anchors") or []]
        assert len(ids) == len(set(ids)), entry["path"]


def test_every_page_is_listed_in_the_contract():
    """Each edition's pages, by their address in that edition (the Spanish one's under `es/`)."""
    listed = {entry["path"] for entry in load_contract()}
    for language, docs in EDITION_DOCS.items():
        pages = published_pages(language)
        assert len(pages) >= 15, language
        for source in pages:
            url = "" if source == "index.md" else source.removesuffix(".md") + "/"
            assert url in listed, (
                f"add {url!r} to {CONTRACT.relative_to(ROOT)}"
                if language == "en"
                else f"{(docs / source).relative_to(ROOT)} has no English page {source} in "
                f"{CONTRACT.relative_to(ROOT)}: translate an English page, under its file name"
            )


# Navigation: every page in docs/ is reachable from the menu.


class _IgnoreTags(yaml.SafeLoader):
    """Reads mkdocs.yml without MkDocs: tags such as !ENV are read as plain values."""


_IgnoreTags.add_multi_constructor("!", lambda loader, suffix, node: None)


def nav_files(nav: list) -> set[str]:
    """Every Markdown file named anywhere in a nav tree."""
    found: set[str] = set()
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            found |= nav_files(value)
        elif isinstance(value, str) and value.endswith(".md"):
            found.add(value)
    return found


def published_pages(language: str = "en") -> list[str]:
    """The Markdown pages the edition in `language` publishes, relative to its docs folder.

    Folders starting with _ are data, not pages; the English docs folder holds the Spanish
    edition's (docs/es/), which the English build excludes.
    """
    docs = EDITION_DOCS[language]
    others = [
        other for other in EDITION_DOCS.values() if other != docs and other.is_relative_to(docs)
    ]
    relative = [
        path.relative_to(docs)
        for path in docs.rglob("*.md")
        if not any(path.is_relative_to(other) for other in others)
    ]
    return sorted(
        path.as_posix()
        for path in relative
        if not any(part.startswith(("_", ".")) for part in path.parts)
    )


def edition_nav(config: Path) -> list:
    """An edition's nav: its config's own, or the one it inherits (`INHERIT: mkdocs.yml`)."""
    data = yaml.load(config.read_text(encoding="utf-8"), Loader=_IgnoreTags)
    if "nav" not in data and data.get("INHERIT"):
        return edition_nav(config.parent / data["INHERIT"])
    return data["nav"]


def pages_missing_from_nav(pages: list[str], nav: list) -> list[str]:
    """Pages a reader could not reach from the menu."""
    listed = nav_files(nav)
    return [page for page in pages if page not in listed]


def test_every_page_is_in_the_nav():
    """Each edition's pages are in its nav (the Spanish one inherits the English nav)."""
    for language, config in EDITION_CONFIGS.items():
        pages = published_pages(language)
        assert len(pages) >= 15, language
        assert pages_missing_from_nav(pages, edition_nav(config)) == [], language


def test_a_page_left_out_of_the_nav_is_reported():
    """Control: the check above can fail."""
    nav = [{"Home": "index.md"}, {"Steps": ["a.md", {"B": "b.md"}]}]
    assert pages_missing_from_nav(["index.md", "a.md", "b.md", "c.md"], nav) == ["c.md"]


# Redirects: old and easy-to-guess addresses lead to the right page.

REDIRECTS = {"crisis/": "help-now/", "help/": "help-now/", "emergency/": "help-now/#emergency"}


@pytest.mark.parametrize(("old", "new"), REDIRECTS.items())
def test_redirect_page_points_at_its_target(site_dir: Path, old: str, new: str):
    html = built_file(site_dir, old).read_text(encoding="utf-8")
    target = urljoin(f"https://example.org/{old}", f"../{new}")
    assert target == f"https://example.org/{new}"
    assert f'http-equiv="refresh" content="0; url=../{new}"' in html


@pytest.mark.browser
@pytest.mark.parametrize(("old", "new"), REDIRECTS.items())
def test_redirect_lands_on_the_target_in_a_browser(page, site_url: str, old: str, new: str):
    page.goto(site_url + old)
    page.wait_for_url(site_url + new)
    assert page.url == site_url + new
    assert page.title().startswith("Need help now?")


@pytest.mark.browser
def test_an_unknown_address_is_not_redirected(page, site_url: str):
    """Control: the redirect tests above can fail; an unknown address gets the 404 page."""
    response = page.goto(site_url + "no-such-page/")
    assert response is not None
    assert response.status == 404
    assert page.url == site_url + "no-such-page/"


# Headings: every `##` has an explicit, human-readable id, because people link to them.

HEADING = re.compile(r"^##(?!#)\s+(?P<text>.*?)\s*(?P<attrs>\{\s*:?[^}]*\})?\s*$")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def headings_without_ids(markdown: str) -> list[str]:
    """`##` headings (outside code fences) with no explicit `{#id}`, or an id that is no slug."""
    bad: list[str] = []
    in_fence = False
    for line in markdown.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
            continue
        match = None if in_fence else HEADING.match(line)
        if not match:
            continue
        ids = re.findall(r"#([^\s}]+)", match.group("attrs") or "")
        if len(ids) != 1 or not SLUG.match(ids[0]):
            bad.append(line)
    return bad


EVERY_PAGE = [
    (EDITION_DOCS[language] / page).relative_to(DOCS).as_posix()
    for language in EDITION_DOCS
    for page in published_pages(language)
]


@pytest.mark.parametrize("source", EVERY_PAGE, ids=str)
def test_every_h2_has_an_explicit_id(source: str):
    assert headings_without_ids((DOCS / source).read_text(encoding="utf-8")) == []


def test_a_heading_without_an_id_is_reported():
    """Control: the check above can fail."""
    markdown = (
        "## Give it time {#give-it-time}\n## Also fine { #also-fine }\n"
        "## No id here\n## Bad id {#Bad_Id}\n```\n## in code\n```\n### Smaller heading\n"
    )
    assert headings_without_ids(markdown) == ["## No id here", "## Bad id {#Bad_Id}"]
