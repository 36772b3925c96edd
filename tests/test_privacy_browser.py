"""Every page and guide step, in Chromium with JS on: no CSP violation, no error, no third party.

Pages and steps are read from the built site (every HTML file; `[data-step]` ids on the guide
page), so whatever is added later is covered. All hosts but 127.0.0.1 are blocked and recorded.
What the browser keeps (storage keys, cookies) is exactly what the privacy page names.
Also: Material's storage helpers do not throw inside a sandboxed iframe on another origin.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.support.a11y import report
from tests.support.build import build, copy_project
from tests.support.page_audit import Recorder, visit, watch
from tests.support.server import serve
from tests.support.site_pages import guide_step_ids, html_pages, is_redirect_stub, page_url
from tests.support.sweep import Sweeps, findings, on

pytestmark = pytest.mark.browser

CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">')
# The privacy page's section on browser storage, up to the next heading, and the names in it.
STORAGE_SECTION = re.compile(r'<h2 id="browser-storage".*?(?=<h2)', re.DOTALL)
CODE = re.compile(r"<code>([^<]+)</code>")


@pytest.fixture
def watched(browser) -> Iterator[tuple[object, Recorder]]:
    """A page in a fresh context whose requests and errors are recorded."""
    context = browser.new_context()
    recorder = watch(context)
    tab = context.new_page()
    yield tab, recorder
    context.close()


@pytest.fixture(scope="module")
def documented_storage(site_dir: Path) -> set[str]:
    """The names the privacy page gives, in code, for what the site keeps in the browser."""
    html = (site_dir / "privacy" / "index.html").read_text(encoding="utf-8")
    section = STORAGE_SECTION.search(html)
    assert section, "the privacy page lost its #browser-storage section"
    return set(CODE.findall(section.group()))


def stored(tab: object, site_url: str) -> set[str]:
    """Names the site keeps in this browser: storage keys and cookies.

    Material prefixes its keys with the site's path (`__md_scope`), e.g. `/.__palette`.
    """
    scope = urlsplit(site_url).path + "."
    keys = tab.evaluate("() => [localStorage, sessionStorage].flatMap(Object.keys)")
    cookies = {cookie["name"] for cookie in tab.context.cookies()}
    return {key.removeprefix(scope) for key in keys} | cookies


def audit_urls(tab: object, recorder: Recorder, urls: list[str]) -> dict[str, list[str]]:
    """Visit each URL in turn; map each URL with a problem to what went wrong."""
    problems = {}
    for url in urls:
        visit(tab, url)
        if found := recorder.take():
            problems[url] = found
    return problems


@pytest.mark.parametrize("setup", on("light"))
def test_every_page_loads_clean_and_local(sweep: Sweeps, setup: str):
    """Recorded while the accessibility checks visit every page (tests/support/sweep.py)."""
    problems = findings(sweep(setup), "clean-and-local")
    assert len(problems) > 5
    assert not any(problems.values()), report(problems)


def test_every_redirect_stub_loads_clean_and_local(site_dir: Path, site_url: str, watched):
    """The sweeps skip redirect stubs (they only forward the browser): load each here."""
    tab, recorder = watched
    stubs = [
        site_url + page_url(path)
        for path in html_pages(site_dir)
        if is_redirect_stub((site_dir / path).read_text(encoding="utf-8"))
    ]
    assert stubs, "no redirect stubs found in the built site"
    assert not audit_urls(tab, recorder, stubs)


def test_every_guide_step_loads_clean_and_local(
    site_dir: Path, site_url: str, watched, documented_storage: set[str]
):
    tab, recorder = watched
    steps = guide_step_ids(site_dir)
    if not steps:
        pytest.skip("the guide page has no [data-step] elements yet")
    assert not audit_urls(tab, recorder, [f"{site_url}guide/#{step}" for step in steps])
    assert stored(tab, site_url) == documented_storage, "the guide keeps answers out of storage"


def test_search_and_palette_work_and_store_only_what_the_privacy_page_says(
    site_url: str, watched, documented_storage: set[str]
):
    tab, recorder = watched
    visit(tab, site_url)
    assert stored(tab, site_url) == documented_storage, "after a first visit"
    query = tab.locator("input[data-md-component=search-query]")
    query.click()
    tab.keyboard.type("therapy")  # Material searches on key events, which fill() skips
    tab.locator(".md-search-result__item").first.wait_for()
    tab.keyboard.press("Escape")
    scheme = tab.evaluate("document.body.dataset.mdColorMedia")
    tab.locator("form[data-md-component=palette] label:not([hidden])").click()
    assert tab.evaluate("document.body.dataset.mdColorMedia") != scheme
    assert stored(tab, site_url) == documented_storage, "after a search and a palette switch"
    assert not recorder.take()


@pytest.mark.parametrize("keep_policy", [True, False], ids=["violation", "outside-request"])
def test_the_audit_catches_a_third_party_image(
    site_dir: Path, tmp_path: Path, watched, keep_policy: bool
):
    """Control: an external image is reported, as a violation or as a blocked request."""
    copy = tmp_path / "site"
    shutil.copytree(site_dir, copy)
    home = copy / "index.html"
    html = home.read_text(encoding="utf-8")
    html = html.replace("</body>", '<img src="https://tracker.example/p.gif" alt=""></body>')
    home.write_text(html if keep_policy else CSP_META.sub("", html), encoding="utf-8")
    tab, recorder = watched
    with serve(copy) as url:
        problems = audit_urls(tab, recorder, [url])
    found = " ".join(problems.get(url, []))
    if keep_policy:
        assert "CSP: img-src blocked https://tracker.example/p.gif" in found
    else:
        assert "request left the origin: https://tracker.example/p.gif" in found


HOST_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Clinic</title>
</head><body><iframe sandbox="allow-scripts" src="{src}" title="Embedded page"
width="800" height="600"></iframe></body></html>"""


def embed_and_toggle_palette(browser, site: Path, tmp_path: Path) -> tuple[list[str], str]:
    """Embed `site` in a sandboxed iframe on another port; click the palette toggle to dark.

    Returns the uncaught errors and the colour scheme the page ended with.
    """
    host = tmp_path / "clinic"
    host.mkdir()
    context = browser.new_context()
    errors: list[str] = []
    try:
        tab = context.new_page()
        tab.on("pageerror", lambda error: errors.append(str(error)))
        with serve(site) as site_url, serve(host) as host_url:
            (host / "index.html").write_text(HOST_PAGE.format(src=site_url), encoding="utf-8")
            tab.goto(host_url, wait_until="load")
            frame = tab.frame_locator("iframe")
            frame.locator("body").wait_for()
            toggle = frame.locator("form[data-md-component=palette] label:not([hidden])")
            scheme = ""
            for _ in range(3):
                if scheme == "slate" or errors:
                    break
                toggle.click()
                scheme = frame.locator("body").get_attribute("data-md-color-scheme") or ""
    finally:
        context.close()
    return errors, scheme


def test_storage_blocked_in_a_sandboxed_iframe_throws_nothing(browser, site_dir, tmp_path):
    errors, scheme = embed_and_toggle_palette(browser, site_dir, tmp_path)
    assert not errors
    assert scheme == "slate"


def test_without_our_override_the_sandbox_throws(browser, tmp_path: Path):
    """Control: Material's own storage helpers do throw here, so the test above can fail."""
    project = copy_project(tmp_path / "project")
    (project / "overrides" / "partials" / "javascripts" / "base.html").unlink()
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.output
    errors, _ = embed_and_toggle_palette(browser, result.site_dir, tmp_path)
    assert any("localStorage" in error for error in errors), errors
