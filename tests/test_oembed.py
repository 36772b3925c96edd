"""Every page and every guide step has an oEmbed 1.0 file, found from the page's head.

Pages come from the built site and steps from the built guide's `[data-step]` ids, never a
list kept here. The file scheme (documented in src/wtiw/embed/oembed.py) is written out
below on purpose, so a change to it is a visible change to this test. Each file's `html`
must be exactly the embed code the "For therapists and clinics" picker gives for the same
target, in the browser too. Every check has a control that shows it can fail. The Spanish
edition has its own files under `es/oembed/`, named in its pages' heads and given by its own
picker, at its own address (`…/es/`); the file checks run on each edition.
"""

from __future__ import annotations

import html as html_module
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from tests.support.page_audit import visit, watch
from tests.support.site_pages import (
    EDITION_FOLDERS,
    guide_step_ids,
    html_pages,
    is_redirect_stub,
    page_url,
)
from wtiw.embed.oembed import oembed_document, oembed_path, to_json

CANONICAL = "https://when-therapy-isnt-working.github.io/"
PROFESSIONALS = Path("for-professionals/index.html")
# oEmbed 1.0 (https://oembed.com/), section 2.3.4: fields every response has, and those
# type "rich" requires, with their JSON types; plus the optional fields we emit.
REQUIRED = {"version": str, "type": str, "html": str, "width": int, "height": int}
EMITTED = {"title": str, "provider_name": str, "provider_url": str, "cache_age": int}


def spec_problems(document: Any) -> list[str]:
    """Why `document` is not a valid oEmbed 1.0 response of type rich (empty when it is)."""
    if not isinstance(document, dict):
        return ["not a JSON object"]
    found = []
    for name, kind in {**REQUIRED, **EMITTED}.items():
        value = document.get(name)
        if name not in document:
            found.append(f"{name} missing")
        elif not isinstance(value, kind) or isinstance(value, bool):
            found.append(f"{name} is not {kind.__name__}")
        elif kind is int and value <= 0:
            found.append(f"{name} is not positive")
    if document.get("version") != "1.0":
        found.append('version is not "1.0"')
    if document.get("type") != "rich":
        found.append('type is not "rich"')
    if "<iframe" not in str(document.get("html", "")):
        found.append("html has no iframe")
    if not str(document.get("provider_url", "")).startswith("https://"):
        found.append("provider_url is not an https address")
    return found


@dataclass(frozen=True)
class Edition:
    """One edition of the built site: its folder (`es/` for Spanish) and its address."""

    root: Path
    canonical: str


# Folders of the site's root that are other editions (`es/`), not pages of the English one.
OTHER_EDITIONS = {folder.strip("/") for folder in EDITION_FOLDERS.values() if folder}


@pytest.fixture(params=list(EDITION_FOLDERS))
def edition(request: pytest.FixtureRequest, site_dir: Path) -> Edition:
    """Each edition in turn, from the session's build of both."""
    folder = EDITION_FOLDERS[request.param]
    return Edition(site_dir / folder, CANONICAL + folder)


def content_pages(root: Path) -> list[str]:
    """URL paths of every full page of the edition in `root`.

    Not embed copies, redirect stubs, the 404 page, assets, nor another edition's pages.
    """
    return [
        page_url(path)
        for path in html_pages(root)
        if path.name == "index.html"
        and path.parts[0] not in {"assets", "search", *OTHER_EDITIONS}
        and not is_redirect_stub((root / path).read_text(encoding="utf-8"))
    ]


def expected_file(page: str, step: str = "") -> str:
    """The documented scheme: oembed/<page>.json (home: index), oembed/guide/<step>.json."""
    name = page.strip("/") or "index"
    return f"oembed/{name}/{step}.json" if step else f"oembed/{name}.json"


def oembed_files(root: Path) -> dict[str, dict[str, Any]]:
    """Every oEmbed file of the edition in `root`, parsed, by its path from the edition's root."""
    return {
        path.relative_to(root).as_posix(): json.loads(path.read_text(encoding="utf-8"))
        for path in sorted((root / "oembed").rglob("*.json"))
    }


def site_path(url: str, canonical: str = CANONICAL) -> str:
    """A canonical address's path from the root of the edition at `canonical`."""
    assert url.startswith(canonical), url
    return url.removeprefix(canonical)


class DiscoveryFinder(HTMLParser):
    """Collects the href of every oEmbed discovery link in a page."""

    def __init__(self) -> None:
        """Start with none found."""
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Record `<link rel="alternate" type="application/json+oembed">`."""
        values = dict(attrs)
        if (
            tag == "link"
            and values.get("rel") == "alternate"
            and values.get("type") == "application/json+oembed"
            and values.get("title")
        ):
            self.hrefs.append(values.get("href") or "")


def discovery_hrefs(html: str) -> list[str]:
    """The oEmbed discovery links of one page."""
    finder = DiscoveryFinder()
    finder.feed(html)
    return finder.hrefs


class PickerReader(HTMLParser):
    """The picker's snippet template and its options' data, as links.js reads them."""

    def __init__(self) -> None:
        """Start with nothing read."""
        super().__init__()
        self.snippet = ""
        self.options: list[dict[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Keep the snippet template and every option's attributes."""
        values = {name: value or "" for name, value in attrs}
        if "data-wtiw-picker" in values:
            self.snippet = values["data-wtiw-snippet"]
        if tag == "option" and "data-embed" in values:
            self.options.append(values)


def escape_attribute(text: str) -> str:
    """links.js's escapeAttribute."""
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def picker_codes(root: Path) -> dict[str, str]:
    """The embed code the picker gives, by oEmbed address, filled in the way links.js does."""
    reader = PickerReader()
    reader.feed((root / PROFESSIONALS).read_text(encoding="utf-8"))
    assert reader.snippet, "the picker is missing"
    assert reader.options
    return {
        option["data-oembed"]: reader.snippet.replace(
            "{title}", escape_attribute(option["data-title"])
        )
        .replace("{src}", escape_attribute(option["data-embed"]))
        .replace("{height}", escape_attribute(option["data-height"]))
        for option in reader.options
        if option["data-oembed"]
    }


def test_every_file_is_an_oembed_rich_response(edition: Edition):
    files = oembed_files(edition.root)
    assert len(files) > 30
    problems = {path: found for path, doc in files.items() if (found := spec_problems(doc))}
    assert not problems
    for doc in files.values():
        assert doc["provider_url"] == edition.canonical
        assert f'height="{doc["height"]}"' in doc["html"], "height matches the snippet's"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"version": 1.0}, "version"),
        ({"type": "video"}, "type"),
        ({"width": "640"}, "width is not int"),
        ({"height": True}, "height is not int"),
        ({"height": 0}, "height is not positive"),
        ({"html": "<p>no frame</p>"}, "html has no iframe"),
        ({"provider_url": "http://x.org/"}, "provider_url"),
    ],
)
def test_the_validator_rejects_a_broken_file(site_dir: Path, change, expected):
    """Control: the validator above can fail, field by field."""
    doc = {**oembed_files(site_dir)["oembed/guide.json"], **change}
    assert any(expected in problem for problem in spec_problems(doc))


@pytest.mark.parametrize("name", [*REQUIRED, *EMITTED])
def test_the_validator_rejects_a_missing_field(site_dir: Path, name: str):
    """Control: each required or emitted field is really checked."""
    doc = dict(oembed_files(site_dir)["oembed/guide.json"])
    del doc[name]
    assert f"{name} missing" in spec_problems(doc)


def expected_files(root: Path) -> set[str]:
    """One file per full page and per guide step of an edition, by the documented scheme."""
    pages = content_pages(root)
    steps = guide_step_ids(root)
    assert len(pages) >= 15
    assert steps
    return {expected_file(page) for page in pages} | {
        expected_file("guide/", step) for step in steps
    }


def test_one_file_per_page_and_per_guide_step(edition: Edition):
    assert set(oembed_files(edition.root)) == expected_files(edition.root)


def test_a_missing_or_extra_file_is_noticed(site_dir: Path):
    """Control: the equality above is not vacuous."""
    found = set(oembed_files(site_dir))
    expected = expected_files(site_dir)
    assert found - {"oembed/guide/are-you-safe.json"} != expected
    assert found | {"oembed/nowhere.json"} != expected


def test_every_page_names_its_own_file_in_its_head(edition: Edition):
    files = oembed_files(edition.root)
    wrong = {}
    for page in content_pages(edition.root):
        html = (edition.root / page / "index.html").read_text(encoding="utf-8")
        hrefs = discovery_hrefs(html.split("</head>", 1)[0])
        expected = edition.canonical + expected_file(page)
        if hrefs != [expected] or site_path(hrefs[0], edition.canonical) not in files:
            wrong[page or "home"] = hrefs
    assert not wrong


def test_a_page_without_a_discovery_link_is_noticed():
    """Control: the finder needs rel, type and title, and finds nothing in a bare head."""
    assert discovery_hrefs("<head><title>x</title></head>") == []
    feed = '<link rel="alternate" type="application/rss+xml" href="/f" title="x">'
    assert discovery_hrefs(feed) == []
    link = '<link rel="alternate" type="application/json+oembed" href="/x.json" title="X">'
    assert discovery_hrefs(link) == ["/x.json"]


def test_html_is_the_pickers_embed_code(edition: Edition):
    files = oembed_files(edition.root)
    codes = picker_codes(edition.root)
    paths = {url: site_path(url, edition.canonical) for url in codes}
    assert set(paths.values()) == set(files), "one picker option per file"
    different = [url for url, code in codes.items() if files[paths[url]]["html"] != code]
    assert not different


def test_a_changed_snippet_is_noticed(site_dir: Path):
    """Control: the comparison above sees a one-character change."""
    codes = picker_codes(site_dir)
    url = CANONICAL + "oembed/guide.json"
    html = oembed_files(site_dir)["oembed/guide.json"]["html"]
    assert codes[url] == html
    assert codes[url] != html.replace('height="900"', 'height="901"')


def is_guide_form(path: str) -> bool:
    """The whole guide's file or one of its steps' files."""
    return path == "oembed/guide.json" or path.startswith("oembed/guide/")


def test_guide_forms_share_one_height_and_pages_keep_theirs(edition: Edition):
    files = oembed_files(edition.root)
    guide = {doc["height"] for path, doc in files.items() if is_guide_form(path)}
    others = {doc["height"] for path, doc in files.items() if not is_guide_form(path)}
    assert len(guide) == 1
    assert others == {700}
    whole = files["oembed/guide.json"]["html"]
    assert 'src="' + edition.canonical + 'guide/embed.html"' in whole
    step = files["oembed/guide/are-you-safe.json"]["html"]
    assert 'src="' + edition.canonical + 'guide/embed.html#are-you-safe"' in step


@pytest.fixture
def picker_page(browser, site_url: str) -> Iterator[object]:
    """The For-therapists page, with its picker mounted."""
    context = browser.new_context()
    tab = context.new_page()
    visit(tab, site_url + "for-professionals/")
    yield tab
    context.close()


@pytest.mark.browser
def test_the_picker_in_the_browser_gives_each_files_html(picker_page, site_dir: Path):
    tab = picker_page
    files = oembed_files(site_dir)
    options = tab.eval_on_selector_all(
        "[data-wtiw-picker-select] option", "os => os.map(o => [o.value, o.dataset.oembed])"
    )
    checked = 0
    for value, oembed in options:
        tab.select_option("[data-wtiw-picker-select]", value=value)
        field = tab.locator("[data-wtiw-picker-oembed]")
        if not oembed:
            assert not field.is_visible(), f"{value}: a section has no oEmbed address"
            continue
        assert field.input_value() == oembed
        code = tab.input_value("[data-wtiw-picker-embed]")
        assert code == files[site_path(oembed)]["html"], value
        checked += 1
    assert checked == len(files)
    assert html_module.unescape(tab.content()).count("integrity=") >= 2
    assert re.search(r"Whole guide: What should I try next\?", tab.content())


@pytest.mark.browser
def test_page_scripts_never_see_the_discovery_link(browser, site_url: str):
    """With scripts on, the <noscript> discovery link is text: Material fetches nothing for it.

    Material takes every link[rel=alternate] for a language version and fetches a sitemap.xml
    beside it; outside <noscript> this page would log a CSP violation here.
    """
    context = browser.new_context()
    recorder = watch(context)
    try:
        tab = context.new_page()
        visit(tab, site_url + "guide/")
        assert tab.evaluate("() => document.querySelectorAll('link[rel=alternate]').length") == 0
        assert "application/json+oembed" in tab.evaluate("() => document.head.innerHTML")
        assert not recorder.take()
    finally:
        context.close()


def test_the_file_scheme_and_fields_are_written_as_documented():
    """The scheme in src/wtiw/embed/oembed.py's docstring, and a document with every field."""
    assert oembed_path("") == "oembed/index.json"
    assert oembed_path("/talk-to-your-therapist/") == "oembed/talk-to-your-therapist.json"
    assert oembed_path("guide/") == "oembed/guide.json"
    assert oembed_path("guide/", "start") == "oembed/guide/start.json"
    snippet = '<iframe src="https://example.org/embed.html" title="Café"></iframe>'
    document = oembed_document(
        html=snippet, height=900, title="Café", provider_name="P", provider_url="https://e.org/"
    )
    assert spec_problems(document) == []
    assert document == {
        "version": "1.0",
        "type": "rich",
        "title": "Café",
        "provider_name": "P",
        "provider_url": "https://e.org/",
        "cache_age": 86400,
        "html": snippet,
        "width": 640,
        "height": 900,
    }
    text = to_json(document)
    assert json.loads(text) == document
    assert text.startswith('{\n  "version": "1.0",\n')
    assert text.endswith("}\n")
    assert "Café" in text, "UTF-8 as it is, not \\u escapes"
