"""Embed forms in the built site: one beside every page, without the site's chrome.

The crisis link, review date and attribution are kept, and every link that leaves the page
opens outside the clinic's frame.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from jinja2 import ChoiceLoader, DictLoader, FileSystemLoader
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import url_filter

from tests.support.build import ROOT
from tests.support.site_pages import EDITION_FOLDERS, edition_of, is_redirect_stub
from tests.support.theme import theme_environment
from wtiw.core.site import SiteFolders
from wtiw.crisis.edition import edition_crisis_help
from wtiw.crisis.numbers import CrisisHelp
from wtiw.embed.embed import GUIDE_FRAME_HEIGHT, embed_path, render_embed
from wtiw.postbuild.links import open_outside_frame, stays_in_frame

CHROME = (
    '<header class="md-header',
    'class="md-tabs',
    'data-md-type="navigation"',
    'data-md-type="toc"',
    'class="md-footer',
    'data-md-component="search"',
)


class LinkCollector(HTMLParser):
    """Collects every link's attributes."""

    def __init__(self) -> None:
        """Start with no links."""
        super().__init__()
        self.links: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Record each <a href>."""
        if tag == "a" and dict(attrs).get("href") is not None:
            self.links.append(dict(attrs))


def full_pages(site_dir: Path) -> list[Path]:
    """Every page's index.html, without the redirect stubs."""
    return [
        path
        for path in sorted(site_dir.rglob("index.html"))
        if not is_redirect_stub(path.read_text(encoding="utf-8")) and "search" not in path.parts
    ]


def leaking_links(html: str) -> list[str]:
    """Links that would open inside the clinic's frame."""
    collector = LinkCollector()
    collector.feed(html)
    return [
        str(link["href"])
        for link in collector.links
        if not stays_in_frame(str(link["href"])) and link.get("target") not in {"_blank", "_top"}
    ]


def test_every_page_has_an_embed_form(site_dir: Path):
    pages = full_pages(site_dir)
    assert len(pages) > 10
    missing = [
        str(p.relative_to(site_dir)) for p in pages if not (p.parent / "embed.html").is_file()
    ]
    assert not missing


@pytest.mark.parametrize("page", ["talk-to-your-therapist", "guide", "help-now", "."])
def test_embed_form_has_content_but_no_chrome(site_dir: Path, page: str):
    full = (site_dir / page / "index.html").read_text(encoding="utf-8")
    embed = (site_dir / page / "embed.html").read_text(encoding="utf-8")
    for marker in CHROME:
        assert marker not in embed, marker
    assert any(marker in full for marker in CHROME), "control: the full page has the chrome"
    assert "data-wtiw-crisis-link" in embed
    assert "data-wtiw-embed" in embed
    assert "open the full guide" in embed
    assert re.search(r"<time datetime=\"\d{4}-\d\d-\d\d\"", embed), "review date"
    assert '<meta name="robots" content="noindex">' in embed
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', full)
    assert canonical
    assert canonical.group(0) in embed, "canonical points at the full page"
    assert "embed-frame.js" in embed
    assert "embed-frame.js" not in full
    assert 'http-equiv="Content-Security-Policy"' in embed


def test_no_embed_form_link_opens_inside_the_frame(site_dir: Path):
    leaks = {}
    for page in full_pages(site_dir):
        embed = page.parent / "embed.html"
        if found := leaking_links(embed.read_text(encoding="utf-8")):
            leaks[str(embed.relative_to(site_dir))] = found
    assert not leaks


def test_full_pages_would_leak_control(site_dir: Path):
    """Control: the same check finds links that stay in the frame on a full page."""
    html = (site_dir / "talk-to-your-therapist" / "index.html").read_text(encoding="utf-8")
    assert leaking_links(html)


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (
            '<a href="../guide/">Guide</a>',
            '<a href="../guide/" target="_blank" rel="noopener noreferrer">Guide</a>',
        ),
        ('<a href="#next">Next</a>', '<a href="#next">Next</a>'),
        ('<a href="tel:988">988</a>', '<a href="tel:988">988</a>'),  # no blank tab on a phone
        # SVG's <a> takes `target` but not `rel` (the map's diagram)
        ('<svg><a href="../a/">a</a></svg>', '<svg><a href="../a/" target="_blank">a</a></svg>'),
        ('<a href="sms:85258">85258</a>', '<a href="sms:85258">85258</a>'),
        (
            '<a rel="external" href="https://x.org/" target="_self">x</a>',
            '<a rel="external noopener noreferrer" href="https://x.org/" target="_blank">x</a>',
        ),
        ('<a href="x/" target="_top">x</a>', '<a href="x/" target="_top">x</a>'),
        ("<a name=top>anchor</a>", "<a name=top>anchor</a>"),
        (
            "<p>\n<a\n  href='../a/'>a</a></p>",
            '<p>\n<a\n  href=\'../a/\' target="_blank" rel="noopener noreferrer">a</a></p>',
        ),
    ],
)
def test_open_outside_frame(html: str, expected: str):
    assert open_outside_frame(html) == expected


def test_every_embed_form_shows_the_first_crisis_numbers_as_text_before_the_page(
    site_dir: Path,
):
    """Readable and dialable by hand in any sandbox: the number is the link's text.

    Each edition's forms show its own lists (the Spanish one's from
    docs/_data/es/crisis-help.yml) and link its own help-now page.
    """
    wanted = {
        language: first_number_links(edition_crisis_help(edition_folders(language), ROOT))
        for language in EDITION_FOLDERS
    }
    assert wanted["en"] != wanted["es"], "the Spanish edition lists its own first numbers"
    problems = {}
    checked = dict.fromkeys(EDITION_FOLDERS, 0)
    for page in full_pages(site_dir):
        language = edition_of(page.relative_to(site_dir))
        embed = (page.parent / "embed.html").read_text(encoding="utf-8")
        banner = embed[embed.index("wtiw-embed-crisis") : embed.index("<article")]
        missing = [link.pattern for link in wanted[language] if not link.search(banner)]
        if missing or f"/{EDITION_FOLDERS[language]}help-now/</a>" not in banner:
            problems[str(page.relative_to(site_dir))] = missing
        checked[language] += 1
    assert not problems
    assert min(checked.values()) >= 15, checked


def first_number_links(crisis: CrisisHelp) -> list[re.Pattern[str]]:
    """Each urgent and emergency service's first link, its number as its text."""
    return [
        re.compile(f'<a [^>]*href="{service.actions[0].href}"[^>]*>{service.actions[0].number}</a>')
        for service in (*crisis.lists["urgent"], *crisis.lists["emergency"])
    ]


def edition_folders(language: str) -> SiteFolders:
    """The project's folders as the build of the edition in `language` reads them."""
    docs = ROOT / "docs"
    return SiteFolders(
        docs / EDITION_FOLDERS[language], ROOT / "overrides", docs / "_data", language
    )


def test_the_guide_embed_links_each_outcome_to_its_full_step(site_dir: Path):
    embed = (site_dir / "guide" / "embed.html").read_text(encoding="utf-8")
    full = (site_dir / "guide" / "index.html").read_text(encoding="utf-8")
    outcomes = re.findall(r'id="([^"]+)" data-step="outcome"', embed)
    assert outcomes
    for step in outcomes:
        assert (
            f'<a href="./#{step}" target="_blank" rel="noopener noreferrer">'
            "See the full suggestion" in embed
        ), step
    assert "embed.css" in embed
    assert "embed.css" not in full, "only the embed form loads the compact rules"


def test_an_embed_form_sits_beside_its_page():
    assert embed_path("index.html") == "embed.html"
    assert embed_path("talk-to-your-therapist/index.html") == "talk-to-your-therapist/embed.html"
    assert embed_path("a/b/index.html") == "a/b/embed.html"


def test_the_embed_form_renders_the_page_with_the_one_guide_height_and_links_out():
    """The embed form gets the page's own context and the guide frame's one height.

    In-process, as the plugin calls it: the real attribution partial prints the height, and
    links that leave the page open outside the frame. A stand-in `embed.html` keeps this to
    milliseconds; the built embed forms are checked above.
    """
    stand_in = (
        '{% include "partials/professionals/embed-from.html" %}'
        '<a href="../about/">About</a> <a href="#start">Start</a>'
    )
    theme = theme_environment(
        ChoiceLoader([DictLoader({"embed.html": stand_in}), FileSystemLoader(ROOT / "overrides")])
    )
    theme.filters["url"] = url_filter
    page = Page("Guide", File("guide.md", "docs", "site", use_directory_urls=True), MkDocsConfig())
    html = render_embed(theme, {"page": page, "base_url": "..", "config": {"site_name": "WTIW"}})
    height = f'data-wtiw-embed data-wtiw-guide-height="{GUIDE_FRAME_HEIGHT}">'
    assert f'<p class="wtiw-embed-from" {height}' in html
    assert "From WTIW:" in html
    assert '<a href="../about/" target="_blank" rel="noopener noreferrer">About</a>' in html
    assert '<a href="#start">Start</a>' in html
