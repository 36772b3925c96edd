"""The offline copy (`make offline`): opened from disk with no network, everything still works.

One real `make offline` per run (module fixture, into a temporary folder), unzipped as a
clinic would. Then, in Chromium from `file://` with every request that is not `file:`
aborted and recorded: a section page, the guide walked to an outcome and printed to PDF,
a guide step with JavaScript off, a search whose result opens, an old address's redirect
stub; no request leaves the machine, no console error, no CSP violation. Controls prove the
recorder sees a request and a violation. The files: one top folder with a README, every link
resolves inside the copy, no embed forms, the online policy plus one hash, and the online
build unchanged (no shim). The Spanish edition is in the copy's `es/` folder: its pages and
search index are there, a Spanish page opens and prints from disk with no request, and the
language switch leads from one edition to the other and back.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import subprocess
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from mergedeep import merge
from mkdocs.utils.yaml import yaml_load

from tests.support.build import ROOT
from tests.support.page_audit import SETTLE, Recorder, visit, watch
from tests.support.printout import crisis_numbers, edition_crisis, flat_text, print_pdf, qr_problems
from tests.support.site_pages import html_pages, is_redirect_stub
from wtiw.guide.graph import iter_paths
from wtiw.guide.model import Question
from wtiw.guide.validate import load_tree
from wtiw.offline.package import FOLDER, README
from wtiw.offline.site import SHIM, SHIM_FOLDER, offline_links, online_path, shim_runtime
from wtiw.postbuild.csp import build_policy, insert_policy, script_hash

SITE_URL = "https://offline.example/"
VENDOR = ROOT / "overrides" / SHIM_FOLDER
CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
HASH = re.compile(r"'sha256-[^']+'")
LINK = re.compile(r"""<(a|link|script|img)\s[^>]*?(href|src)="([^"]*)\"""")
TREE = load_tree()
# A walk of at least two answers to an outcome that is not the urgent one.
ROUTE, OUTCOME = min(
    (path for path in iter_paths(TREE) if len(path[0]) >= 2 and not TREE.steps[path[1]].urgent),
    key=lambda path: len(path[0]),
)
VISIBLE_STEPS = """() => Array.from(document.querySelectorAll('[data-step]'))
  .filter((step) => step.getClientRects().length > 0).map((step) => step.id)"""
# `make offline` as a person runs it, even under `make test` (no parent make's flags).
CLEAN_ENV = {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MFLAGS", "MAKELEVEL"}}
# Schemes whose "requests" never leave the machine.
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")


@dataclass(frozen=True)
class OfflineCopy:
    """The zip `make offline` wrote, and the folder it unzips to."""

    zip_path: Path
    folder: Path

    def url(self, path: str) -> str:
        """The file:// address of a file of the copy."""
        return (self.folder / path).as_uri()


@pytest.fixture(scope="module")
def offline_copy(tmp_path_factory: pytest.TempPathFactory) -> OfflineCopy:
    """Run `make offline` once, into a temporary folder, and unzip what it wrote."""
    work = tmp_path_factory.mktemp("offline")
    zip_path = work / "copy.zip"
    # -o: the runtime lock is installed already (the tests run in that .venv); never reinstall.
    result = subprocess.run(
        ["make", "--no-print-directory", "-o", ".venv/.runtime-installed", "offline",
         f"OFFLINE_SITE={work / 'site'}", f"OFFLINE_ZIP={zip_path}"],
        cwd=ROOT, capture_output=True, encoding="utf-8", check=False,
        env={**CLEAN_ENV, "PYTHONUTF8": "1", "SITE_URL": SITE_URL},
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    unzipped = work / "unzipped"
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(unzipped)
    return OfflineCopy(zip_path, unzipped / FOLDER)


# --- The files ------------------------------------------------------------------------------


def test_the_zip_is_one_folder_with_a_readme_for_clinics(offline_copy: OfflineCopy):
    with zipfile.ZipFile(offline_copy.zip_path) as archive:
        names = archive.namelist()
    assert {name.split("/", 1)[0] for name in names} == {FOLDER}
    assert f"{FOLDER}/es/index.html" in names
    readme = (offline_copy.folder / README).read_text(encoding="utf-8")
    assert "index.html" in readme
    assert "es/index.html" in readme
    assert SITE_URL in readme
    assert "Extract All" in readme


def test_the_copy_has_every_page_and_no_embed_forms_or_server_files(
    offline_copy: OfflineCopy,
):
    folder = offline_copy.folder
    for edition in ("", "es/"):
        pages = {path.name for path in (folder / edition).glob("*.html")}
        sources = {f"{path.stem}.html" for path in (ROOT / "docs" / edition).glob("*.md")}
        assert sources <= pages, edition
        for name in ("404.html", "robots.txt", "sitemap.xml", "embed.js"):
            assert not (folder / edition / name).exists(), edition + name
        index = (folder / edition / "search" / "search_index.js").read_text(encoding="utf-8")
        assert index.startswith("var __index = {"), edition
    assert not list(folder.rglob("embed.html"))


def test_every_link_and_file_a_page_names_is_in_the_copy(offline_copy: OfflineCopy):
    """No folder addresses (they open a directory listing on disk) and no missing files."""
    folder = offline_copy.folder
    problems = []
    for path in folder.rglob("*.html"):
        for tag, _, url in LINK.findall(path.read_text(encoding="utf-8")):
            if not url or url.startswith("#") or re.match(r"^[a-z][a-z0-9+.-]*:|^//", url):
                if tag in {"script", "img"} and re.match(r"^(https?:)?//", url):
                    problems.append(f"{path.name}: <{tag}> from the network: {url}")
                continue
            target = (path.parent / url.split("#")[0].split("?")[0]).resolve()
            if not target.is_file():
                problems.append(f"{path.name}: {url}")
    assert not problems, problems[:20]


def test_canonical_links_and_printed_addresses_name_the_public_pages(
    offline_copy: OfflineCopy,
):
    html = (offline_copy.folder / "about.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{SITE_URL}about/">' in html
    printed = f'data-wtiw-print-href="{SITE_URL}help-now/"'
    assert f'href="help-now.html" data-wtiw-crisis-link {printed}' in html
    assert online_path("index.html") == ""
    assert online_path("guide.html") == "guide/"
    assert online_path("assets/qr/guide.svg") == "assets/qr/guide.svg"


def test_the_policy_is_the_online_one_plus_the_shims_iframe_script(
    offline_copy: OfflineCopy, site_dir: Path
):
    """Same directives as the published page; script-src adds exactly one hash."""
    shim = (offline_copy.folder / SHIM).read_text(encoding="utf-8")
    online = CSP.search((site_dir / "about" / "index.html").read_text(encoding="utf-8"))
    offline = CSP.search((offline_copy.folder / "about.html").read_text(encoding="utf-8"))
    assert online
    assert offline
    worker = re.search(
        r'"search":\s*"([^"]+)"', (offline_copy.folder / "about.html").read_text(encoding="utf-8")
    )
    assert worker
    extra = script_hash(shim_runtime(shim, worker.group(1)))
    # The pages' own inline scripts differ in one place (Material's `__md_scope` is `..` online
    # and `.` offline), so compare the number of hashes, not the hashes.
    assert " ".join(HASH.sub("", online.group(1)).split()) == " ".join(
        HASH.sub("", offline.group(1)).split()
    )
    online_hashes, offline_hashes = HASH.findall(online.group(1)), HASH.findall(offline.group(1))
    assert extra in offline_hashes
    assert extra not in online_hashes
    assert len(offline_hashes) == len(online_hashes) + 1


def test_the_vendored_shim_is_the_npm_release_and_only_the_offline_copy_has_it(
    offline_copy: OfflineCopy, site_dir: Path
):
    readme = (VENDOR / "README.md").read_text(encoding="utf-8")
    digest = hashlib.sha256((VENDOR / "shim.min.js").read_bytes()).hexdigest()
    assert digest in readme
    assert "Permission is hereby granted" in (VENDOR / "LICENSE").read_text(encoding="utf-8")
    assert (offline_copy.folder / SHIM).read_bytes() == (VENDOR / "shim.min.js").read_bytes()
    assert f'<script src="{SHIM}"></script>' in (offline_copy.folder / "index.html").read_text(
        encoding="utf-8"
    )
    assert not (site_dir / SHIM_FOLDER).exists()
    for page in html_pages(site_dir):
        text = (site_dir / page).read_text(encoding="utf-8")
        assert "iframe-worker" not in text, page
        assert "unpkg.com" not in text, page


def test_the_zip_is_small(offline_copy: OfflineCopy):
    """About 0.7 MB; a tenth of it is the guide page, so alarm only at several times that."""
    size = offline_copy.zip_path.stat().st_size
    guide = len(gzip.compress((offline_copy.folder / "guide.html").read_bytes()))
    assert size < 3 * 1024 * 1024, size
    assert guide < size


# --- Units ----------------------------------------------------------------------------------


def config(name: str) -> dict[str, object]:
    """A MkDocs config file as MkDocs reads it, with the files it INHERITs merged in."""
    with (ROOT / name).open(encoding="utf-8") as file:
        return yaml_load(file)


def offline_drift(
    base: dict[str, object],
    edition: dict[str, object],
    offline: dict[str, object],
    both: dict[str, object],
) -> list[str]:
    """Each setting of `both` that is not `edition`'s with `offline`'s changes to `base`."""
    changes = {key: value for key, value in offline.items() if base.get(key) != value}
    wanted = merge({}, edition, changes)
    return sorted(key for key in {*wanted, *both} if wanted.get(key) != both.get(key))


def test_the_spanish_offline_config_is_the_spanish_edition_made_offline():
    """Every change mkdocs-es.yml makes (its site name and footer too) is in the offline copy.

    Control: the English offline config drifts from the Spanish edition in those settings.
    """
    base, spanish, offline = (
        config("mkdocs.yml"),
        config("mkdocs-es.yml"),
        config("mkdocs-offline.yml"),
    )
    assert offline_drift(base, spanish, offline, config("mkdocs-offline-es.yml")) == []
    assert offline_drift(base, spanish, offline, offline) == [
        "copyright",
        "docs_dir",
        "exclude_docs",
        "site_name",
        "theme",
    ]


def test_folder_links_point_at_files_and_missing_ones_at_the_public_site():
    files = frozenset({"index.html", "guide.html", "assets/site.css"})
    html = (
        '<a href="guide/#start">G</a><a href="./">H</a><a href="about/embed.html">E</a>'
        '<a href="#x">F</a><a href="https://else.example/">X</a>'
        '<link rel="stylesheet" href="assets/site.css">'
    )
    fixed, online, missing = offline_links(html, "index.html", SITE_URL, files)
    assert fixed == (
        f'<a href="guide.html#start" data-wtiw-print-href="{SITE_URL}guide/#start">G</a>'
        f'<a href="index.html" data-wtiw-print-href="{SITE_URL}">H</a>'
        f'<a href="{SITE_URL}about/embed.html">E</a>'
        '<a href="#x">F</a><a href="https://else.example/">X</a>'
        '<link rel="stylesheet" href="assets/site.css">'
    )
    assert (online, missing) == (1, [])
    _, _, missing = offline_links('<script src="gone.js"></script>', "a.html", "", files)
    assert missing == ["<script src=gone.js>"]


def test_the_shims_iframe_script_is_rebuilt_from_its_own_source():
    shim = (VENDOR / "shim.min.js").read_text(encoding="utf-8")
    runtime = shim_runtime(shim, "assets/w.js")
    assert runtime.startswith("postMessage=function ")
    assert ";importScripts=function " in runtime
    assert 'filename:"assets/w.js"' in runtime
    assert "${" not in runtime


def test_extra_hashes_widen_only_script_src():
    html = '<head><meta charset="utf-8"><script>go()</script></head>'
    plain = insert_policy(html)
    widened = insert_policy(html, extra_hashes=["'sha256-abc='"])
    assert plain == insert_policy(plain)
    assert widened.replace(" 'sha256-abc='", "") == plain
    assert "script-src 'self' 'sha256-" in widened
    assert build_policy([]) in insert_policy('<head><meta charset="utf-8"></head>')


# --- In a browser, from disk, with no network -----------------------------------------------


def watched_context(browser, *, javascript: bool = True) -> tuple[object, Recorder]:
    """A context whose every request but file: ones is aborted and recorded."""
    context = browser.new_context(java_script_enabled=javascript)
    recorder = watch(
        context,
        allowed=lambda url: url.startswith(LOCAL_SCHEMES),
        leaving="request left the machine",
        every_request=True,  # also the shim's iframe and workers, which the router may miss
        scripts=javascript,
    )
    return context, recorder


@pytest.fixture(scope="module")
def offline_tab(browser, offline_copy: OfflineCopy) -> Iterator[tuple[object, Recorder]]:
    """One tab with JavaScript, shared by the module's browser tests."""
    context, recorder = watched_context(browser)
    tab = context.new_page()
    yield tab, recorder
    context.close()


def visible_steps(tab: object) -> list[str]:
    """Ids of the guide steps on screen."""
    return tab.evaluate(VISIBLE_STEPS)


def test_the_recorder_sees_a_request_and_a_violation(browser, tmp_path: Path, offline_copy):
    """Controls: the recorder sees what the tests say never happens.

    A file page without a policy asks the network for an image (recorded, aborted); inside
    the copy the policy blocks the same image first (recorded as a violation).
    """
    context, recorder = watched_context(browser)
    tab = context.new_page()
    bare = tmp_path / "bare.html"
    bare.write_text('<img src="https://offline.example/pixel.png" alt="">', encoding="utf-8")
    visit(tab, bare.as_uri())
    assert "request left the machine: https://offline.example/pixel.png" in recorder.take()
    visit(tab, offline_copy.url("index.html"))
    assert not recorder.take()
    tab.evaluate(
        """() => new Promise(done => {
          const image = new Image();
          image.onerror = done;
          image.src = 'https://offline.example/injected.png';
          document.body.append(image);
        })"""
    )
    tab.evaluate(SETTLE)
    found = recorder.take()
    assert any(item.startswith("CSP: img-src") for item in found), found
    context.close()


def test_a_section_page_opens_from_disk_and_prints_its_public_address(
    offline_tab, offline_copy: OfflineCopy
):
    tab, recorder = offline_tab
    visit(tab, offline_copy.url("index.html"))
    tab.locator("[data-wtiw-header-help]").click()
    tab.wait_for_load_state("load")
    assert tab.url == offline_copy.url("help-now.html")
    visit(tab, offline_copy.url("look-at-the-timeline.html"))
    section = tab.locator(".md-content h2[id]").nth(1)
    section_id = section.get_attribute("id")
    visit(tab, f"{offline_copy.url('look-at-the-timeline.html')}#{section_id}")
    assert section.is_visible()
    assert tab.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == (
        "sticky"
    ), "the theme's stylesheet did not load"
    address = f"{SITE_URL}look-at-the-timeline/"
    try:
        assert not qr_problems(tab, address)
        printout = print_pdf(tab)
    finally:
        tab.emulate_media(media="screen")
    assert flat_text(address) in printout.text
    assert "116123" in printout.text
    assert ".html" not in printout.text
    assert not recorder.take()


def test_a_spanish_page_opens_and_prints_from_disk_and_switches_language(
    offline_tab, offline_copy: OfflineCopy
):
    """The switch's relative links work from file://; the Spanish handout prints its lines."""
    tab, recorder = offline_tab
    spanish, english = "es/look-at-the-timeline.html", "look-at-the-timeline.html"
    visit(tab, offline_copy.url(spanish))
    assert tab.locator("html").get_attribute("lang") == "es"
    assert tab.title().endswith(config("mkdocs-es.yml")["site_name"]), tab.title()
    address = f"{SITE_URL}es/look-at-the-timeline/"
    try:
        assert not qr_problems(tab, address)
        printout = print_pdf(tab)
    finally:
        tab.emulate_media(media="screen")
    assert flat_text(address) in printout.text
    for number in crisis_numbers(edition_crisis("es")):
        assert number in printout.text, number
    for there, back in ((spanish, english), (english, spanish)):
        tab.locator("[data-wtiw-edition]").click()
        tab.wait_for_load_state("load")
        assert tab.url == offline_copy.url(back), there
    assert not recorder.take()


def test_the_guide_walks_to_an_outcome_and_prints_it(offline_tab, offline_copy: OfflineCopy):
    tab, recorder = offline_tab
    visit(tab, offline_copy.url("guide.html"))
    for question, answer in ROUTE:
        assert visible_steps(tab) == [question]
        tab.click(f'#{question} [data-answer="{answer}"]')
    assert visible_steps(tab) == [OUTCOME]
    assert tab.url == f"{offline_copy.url('guide.html')}#{OUTCOME}"
    title = TREE.steps[OUTCOME].title
    assert title in tab.locator(f"#{OUTCOME}").inner_text()
    try:
        assert not qr_problems(tab, f"{SITE_URL}guide/#{OUTCOME}")
        printout = print_pdf(tab)
    finally:
        tab.emulate_media(media="screen")
    assert flat_text(title) in printout.text
    assert "116123" in printout.text
    assert flat_text(f"{SITE_URL}guide/#{OUTCOME}") in printout.text
    assert not recorder.take()


def test_a_guide_step_opens_with_javascript_off(browser, offline_copy: OfflineCopy):
    context, recorder = watched_context(browser, javascript=False)
    tab = context.new_page()
    question = next(step.id for step in TREE.steps.values() if isinstance(step, Question))
    for step in (OUTCOME, question):
        tab.goto(f"{offline_copy.url('guide.html')}#{step}", wait_until="load")
        assert visible_steps_without_js(tab) == [step]
    assert not recorder.take()
    context.close()


def visible_steps_without_js(tab: object) -> list[str]:
    """Ids of the guide steps on screen, read without the page's JavaScript."""
    return [
        step.get_attribute("id") for step in tab.locator("[data-step]").all() if step.is_visible()
    ]


def test_search_finds_a_page_and_opens_it(offline_tab, offline_copy: OfflineCopy):
    tab, recorder = offline_tab
    visit(tab, offline_copy.url("index.html"))
    tab.locator("input[data-md-component=search-query]").click()
    tab.keyboard.type("timeline")  # Material searches on key events, which fill() skips
    result = tab.locator(".md-search-result__item a").first
    result.wait_for()
    href = result.get_attribute("href")
    assert href
    assert href.startswith("file://"), href
    assert ".html" in href, href
    result.click()
    tab.wait_for_load_state("load")
    assert tab.url.split("#")[0] == href.split("#")[0]
    assert tab.locator("h1").first.is_visible()
    assert not recorder.take()


def test_an_old_address_forwards_to_its_page(offline_tab, offline_copy: OfflineCopy):
    stubs = [
        path.name
        for path in offline_copy.folder.glob("*.html")
        if is_redirect_stub(path.read_text(encoding="utf-8"))
    ]
    assert "crisis.html" in stubs
    tab, recorder = offline_tab
    tab.goto(offline_copy.url("crisis.html"))
    tab.wait_for_url(offline_copy.url("help-now.html"))
    assert not recorder.take()
