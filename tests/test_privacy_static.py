"""No built HTML, CSS or JS asks a browser to fetch anything from another host."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

EXTERNAL = re.compile(r"^\s*(https?:)?//", re.IGNORECASE)
CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])((?:https?:)?//[^'")\s]+)""", re.I)
# Hosts that only ever serve assets or tracking; their names must not appear in our JS.
ASSET_HOSTS = re.compile(
    r"fonts\.googleapis|fonts\.gstatic|cdn\.jsdelivr|unpkg\.com|cdnjs\.|googletagmanager|"
    r"google-analytics|twemoji\.maxcdn|polyfill\.io",
    re.IGNORECASE,
)
# <link rel=...> values that make the browser fetch or connect.
FETCHING_RELS = {
    "stylesheet", "preload", "prefetch", "preconnect", "dns-prefetch", "modulepreload",
    "icon", "shortcut", "apple-touch-icon", "manifest", "prerender",
}  # fmt: skip
# Material's bundle can load two scripts from unpkg, each only under a condition we rule out:
# a ResizeObserver polyfill (every supported browser has ResizeObserver) and Mermaid (only for
# `.mermaid` diagrams, which no page has: see test_no_page_triggers_mermaid). CSP blocks both.
KNOWN_CONDITIONAL_LOADERS = (
    "https://unpkg.com/resize-observer-polyfill",
    "https://unpkg.com/mermaid@",
)
SOURCE_ATTRS = {"src", "srcset", "poster", "data", "action", "formaction", "background"}


class ExternalAssetFinder(HTMLParser):
    """Collects every attribute that would make the browser fetch from another host."""

    def __init__(self) -> None:
        """Start with nothing found."""
        super().__init__()
        self.found: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Check fetching attributes of this tag."""
        values = {name: value or "" for name, value in attrs}
        if tag == "style":
            self._in_style = True
        fetches = set(values.get("rel", "").lower().split()) & FETCHING_RELS
        if tag == "link" and fetches and EXTERNAL.match(values.get("href", "")):
            self.found.append(f"<link rel={values['rel']} href={values['href']}>")
        for name in SOURCE_ATTRS & values.keys():
            for candidate in values[name].split(","):
                if EXTERNAL.match(candidate):
                    self.found.append(f"<{tag} {name}={values[name]}>")
        if "style" in values:
            self.found.extend(CSS_URL.findall(values["style"]))

    def handle_endtag(self, tag: str) -> None:
        """Leave a <style> block."""
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        """Check inline CSS."""
        if self._in_style:
            self.found.extend(CSS_URL.findall(data))


def files(site_dir: Path, suffix: str) -> list[Path]:
    """All built files with this suffix."""
    return sorted(site_dir.rglob(f"*{suffix}"))


def test_html_loads_nothing_from_other_hosts(site_dir: Path):
    problems = {}
    for path in files(site_dir, ".html"):
        finder = ExternalAssetFinder()
        finder.feed(path.read_text(encoding="utf-8"))
        if finder.found:
            problems[str(path.relative_to(site_dir))] = finder.found
    assert not problems


def test_css_loads_nothing_from_other_hosts(site_dir: Path):
    problems = {
        str(path.relative_to(site_dir)): CSS_URL.findall(path.read_text(encoding="utf-8"))
        for path in files(site_dir, ".css")
    }
    assert not {name: urls for name, urls in problems.items() if urls}


def test_js_names_no_asset_or_tracking_host(site_dir: Path):
    problems = {}
    for path in files(site_dir, ".js"):
        text = path.read_text(encoding="utf-8")
        for allowed in KNOWN_CONDITIONAL_LOADERS:
            text = text.replace(allowed, "")
        if hosts := ASSET_HOSTS.findall(text):
            problems[str(path.relative_to(site_dir))] = hosts
    assert not problems


def test_no_page_triggers_mermaid(site_dir: Path):
    """Material fetches Mermaid from a CDN when a page has a `.mermaid` element."""
    pages = [p for p in files(site_dir, ".html") if 'class="mermaid' in p.read_text("utf-8")]
    assert not pages


@pytest.mark.parametrize(
    "snippet",
    [
        '<script src="https://cdn.example.org/x.js"></script>',
        '<link rel="stylesheet" href="//fonts.googleapis.com/css?family=Roboto">',
        '<img src="https://twemoji.example/1f600.svg" alt="">',
        '<div style="background: url(https://tracker.example/p.gif)"></div>',
        '<style>@import "https://cdn.example.org/x.css";</style>',
    ],
)
def test_the_finder_catches_external_assets(snippet: str):
    finder = ExternalAssetFinder()
    finder.feed(snippet)
    assert finder.found


def test_the_finder_allows_plain_outbound_links():
    finder = ExternalAssetFinder()
    finder.feed('<a href="https://www.nhs.uk/">NHS</a><link rel="canonical" href="https://x.org/">')
    assert not finder.found
