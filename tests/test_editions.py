"""The English and Spanish editions: the same pages, each in its language, linked both ways.

Reads the real build of both editions (`make build`: English in the site's root, Spanish in
`es/`). What each edition says is tested where English is (content, guide, crisis numbers);
this file holds what joins them: the same addresses, `lang`, the language switch, `hreflang`,
search in each language, and no interface text left in the other language.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest
from markupsafe import escape

from tests.support.a11y import html_file, sitemap_paths
from tests.support.build import ROOT
from wtiw.core.interface import LANGUAGES, _texts, words
from wtiw.core.problems import InputError

SPANISH = "es"
SITEMAP = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
LANG = re.compile(r'<html lang="([^"]+)"')
SWITCH = re.compile(r'<p class="wtiw-language"><a [^>]*href="([^"]+)" hreflang="([^"]+)"')


def english_pages(site_dir: Path) -> list[str]:
    """Every English page's address, from the English sitemap (never the Spanish folder)."""
    return [path for path in sitemap_paths(site_dir) if not path.startswith(f"{SPANISH}/")]


def spanish_pages(site_dir: Path) -> list[str]:
    """Every Spanish page's address under `es/`, from the Spanish edition's own sitemap."""
    return [f"{SPANISH}/{path}" for path in sitemap_paths(site_dir / SPANISH)]


def test_every_page_is_published_in_both_editions_at_the_same_address(site_dir: Path):
    english = english_pages(site_dir)
    assert len(english) >= 20
    assert [path.removeprefix(f"{SPANISH}/") for path in spanish_pages(site_dir)] == english


def test_each_page_names_its_own_language(site_dir: Path):
    for path in english_pages(site_dir):
        assert LANG.search(html_file(site_dir, path).read_text(encoding="utf-8"))[1] == "en", path
    for path in spanish_pages(site_dir):
        assert LANG.search(html_file(site_dir, path).read_text(encoding="utf-8"))[1] == "es", path


def _switch(site_dir: Path, path: str) -> tuple[str, str]:
    """The address the page's language switch leads to (site-relative), and its hreflang."""
    found = SWITCH.search(html_file(site_dir, path).read_text(encoding="utf-8"))
    assert found, f"{path} has no language switch"
    href, language = found.groups()
    base = path if path.endswith("/") or not path else path.rsplit("/", 1)[0] + "/"
    target = (Path("/") / base / href).resolve().as_posix().lstrip("/")
    return (f"{target}/" if href.endswith("/") and target else target), language


def test_the_switch_leads_to_the_same_page_in_the_other_language_and_back(site_dir: Path):
    for path in english_pages(site_dir):
        target, language = _switch(site_dir, path)
        assert (target, language) == (f"{SPANISH}/{path}", SPANISH), path
        assert html_file(site_dir, target).is_file(), target
        assert _switch(site_dir, target) == (path, "en"), target


def test_the_sitemaps_pair_every_page_with_its_other_language(site_dir: Path):
    for folder, own in (("", "en"), (f"{SPANISH}/", SPANISH)):
        tree = ElementTree.parse(site_dir / folder / "sitemap.xml")
        for url in tree.getroot().iterfind("sm:url", SITEMAP):
            location = url.findtext("sm:loc", "", SITEMAP)
            alternates = {
                link.get("hreflang"): link.get("href") for link in url.iterfind("x:link", SITEMAP)
            }
            assert set(alternates) == {"en", "es", "x-default"}, location
            assert alternates[own] == location
            assert alternates["x-default"] == alternates["en"]
            assert alternates["es"] == _spanish_address(site_dir, alternates["en"] or "")


def _spanish_address(site_dir: Path, english: str) -> str:
    """The Spanish address of the English page at absolute `english` (`es/` after the root)."""
    root = ElementTree.parse(site_dir / "sitemap.xml").getroot()
    home = min((loc.text or "" for loc in root.iterfind("sm:url/sm:loc", SITEMAP)), key=len)
    assert english.startswith(home), english
    return home + "es/" + english.removeprefix(home)


def test_each_edition_searches_in_its_own_language(site_dir: Path):
    for folder, language in (("", "en"), (f"{SPANISH}/", SPANISH)):
        index = json.loads((site_dir / folder / "search/search_index.json").read_text("utf-8"))
        assert index["config"]["lang"] == [language]
    assert list((site_dir / SPANISH).rglob("lunr.es*.js")), "Spanish stemming is not shipped"


class _Text(HTMLParser):
    """Every text a reader meets: text nodes and the labels screen readers read out."""

    LABELS = ("aria-label", "title", "alt", "placeholder", "content")

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        self.parts.extend(value or "" for name, value in attrs if name in self.LABELS)
        # A script's texts, printed into data attributes (`data-wtiw-*`), are read out too.
        self.parts.extend(value or "" for name, value in attrs if name.startswith("data-wtiw"))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def _interface_pairs() -> list[tuple[str, str, str]]:
    """(key, English, Spanish) for every interface text whose two languages differ."""
    texts = _texts((ROOT / "docs/_data").resolve(), ROOT.resolve())
    return [
        (key, values["en"], values["es"])
        for key, values in sorted(texts.items())
        if values["en"] != values["es"]
    ]


def test_spanish_pages_show_no_english_interface_text(site_dir: Path):
    """Every English interface text of two words or more is absent from every Spanish file.

    Generated from the interface files, so a template that prints a text the Spanish
    edition does not translate (a hard-coded English word) is still caught by the next
    check below; this one catches a key printed in the wrong language.
    """
    pairs = [(key, en) for key, en, _ in _interface_pairs() if len(en.split()) >= 2]
    assert pairs
    pages = [html_file(site_dir, path) for path in spanish_pages(site_dir)] + sorted(
        (site_dir / SPANISH).rglob("embed.html")
    )
    for page in pages:
        parser = _Text()
        parser.feed(page.read_text(encoding="utf-8"))
        text = " ".join(" ".join(parser.parts).split())
        for key, english in pairs:
            plain = " ".join(str(escape(english.split("{")[0])).split())
            assert plain.strip() not in text or len(plain.strip()) < 8, (page, key)


def test_an_interface_text_without_every_language_fails_at_its_line(tmp_path: Path):
    folder = tmp_path / "_data" / "interface"
    folder.mkdir(parents=True)
    (folder / "site.yml").write_text(
        "site.ok:\n  en: Help now\n  es: Ayuda ahora\nsite.new:\n  en: Start again\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as raised:
        words(tmp_path / "_data", SPANISH, tmp_path)
    assert str(raised.value) == (
        "_data/interface/site.yml:4:1: `site.new` has no `es` text: add it "
        "(every text needs every language)."
    )
    assert LANGUAGES == ("en", "es")
