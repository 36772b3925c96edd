"""The "For therapists and clinics" page lists exactly the link contract.

The contract is `docs/_data/links/pages.yml` (pages and sections) and the published guide
steps in `docs/_data/links/guide-routes.txt`. Bad contract files fail with a message naming
the file, the line and the fix.
"""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.support.build import ROOT, build, copy_project
from wtiw.core.problems import InputError
from wtiw.core.site import SiteFolders
from wtiw.core.urls import absolute_url, relative_url
from wtiw.guide.validate import load_tree
from wtiw.links.contract import LinkContractError, all_targets, load_link_groups
from wtiw.links.targets import site_link_groups

FOLDERS = SiteFolders(ROOT / "docs", ROOT / "overrides")
LINKS_DIR = FOLDERS.links
PUBLISHED_STEP = re.compile(r"^([a-z0-9-]+)  ", re.MULTILINE)


class TargetCollector(HTMLParser):
    """Collects the `data-wtiw-target` keys of the generated link list."""

    def __init__(self) -> None:
        """Start with nothing found."""
        super().__init__()
        self.keys: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Record every list item's target key."""
        values = dict(attrs)
        if "data-wtiw-target" in values:
            self.keys.append(values["data-wtiw-target"] or "")


def listed_keys(site_dir: Path) -> list[str]:
    """The target keys on the built for-professionals page, in page order."""
    collector = TargetCollector()
    collector.feed((site_dir / "for-professionals" / "index.html").read_text(encoding="utf-8"))
    return collector.keys


def contract_keys(links_dir: Path) -> list[str]:
    """Every target the contract files promise, read independently of the page's code."""
    import yaml

    pages = yaml.safe_load((links_dir / "pages.yml").read_text(encoding="utf-8"))["pages"]
    keys = []
    for page in pages:
        keys.append(page["path"])
        keys += [f"{page['path']}#{anchor['id']}" for anchor in page.get("anchors") or []]
        if page["path"] == "guide/":
            routes = (links_dir / "guide-routes.txt").read_text(encoding="utf-8")
            keys += [f"guide/#{step_id}" for step_id in PUBLISHED_STEP.findall(routes)]
    return keys


def write_contract(folder: Path, pages: str) -> Path:
    """A contract folder with the given `pages.yml` text."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pages.yml").write_text(pages, encoding="utf-8")
    return folder


GOOD_PAGES = """\
pages:
  - path: ""
    title: Home
    anchors:
      - id: start
        title: Start
  - path: guide/
    title: Guide
    anchors: []
"""


def test_list_equals_the_contract_exactly(site_dir: Path):
    listed = listed_keys(site_dir)
    assert len(listed) == len(set(listed)), "a target is listed twice"
    assert sorted(listed) == sorted(contract_keys(LINKS_DIR))


def test_list_is_in_contract_order(site_dir: Path):
    assert listed_keys(site_dir) == contract_keys(LINKS_DIR)


def test_comparison_catches_a_missing_and_an_extra_target(site_dir: Path):
    """Control: the equality above is not vacuous."""
    listed = listed_keys(site_dir)
    assert len(listed) > 20
    assert sorted(listed[1:]) != sorted(contract_keys(LINKS_DIR))
    assert sorted([*listed, "nowhere/#x"]) != sorted(contract_keys(LINKS_DIR))


def test_every_listed_target_exists_in_the_built_site(site_dir: Path):
    missing = []
    for key in listed_keys(site_dir):
        path, _, anchor = key.partition("#")
        html = (site_dir / path / "index.html").read_text(encoding="utf-8")
        if anchor and not re.search(rf'\bid="{re.escape(anchor)}"', html):
            missing.append(key)
    assert not missing


def test_every_target_has_an_embed_form_and_a_qr_image(site_dir: Path):
    for target in all_targets(site_link_groups(FOLDERS)):
        assert (site_dir / target.embed_href.partition("#")[0]).is_file(), target
        qr = site_dir / target.qr_href
        assert qr.read_bytes().startswith(b"<?xml"), target


def test_list_shows_absolute_addresses(site_dir: Path):
    html = (site_dir / "for-professionals" / "index.html").read_text(encoding="utf-8")
    url = absolute_url("https://when-therapy-isnt-working.github.io/", "guide/")
    assert f'<code class="wtiw-link-list__url">{url}</code>' in html


def test_site_search_leaves_out_the_generated_lists(site_dir: Path):
    """Readers searching for help get pages and sections, not pages of addresses."""
    index = json.loads((site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    professionals = [doc for doc in index["docs"] if doc["location"].startswith("for-pro")]
    assert professionals, "the professionals page is missing from the search index"
    locations = [doc["location"] for doc in professionals]
    assert not [where for where in locations if "#links-" in where], locations
    indexed = " ".join(doc["text"] for doc in professionals)
    for target in all_targets(site_link_groups(FOLDERS)):
        assert f"Embed form of {target.title}" not in indexed
    assert "Page, section or guide step" not in indexed, "the picker is indexed"


def test_good_files_load_in_order(tmp_path: Path):
    groups = load_link_groups(write_contract(tmp_path, GOOD_PAGES), steps=[("first", "First")])
    assert [t.href for t in all_targets(groups)] == ["", "#start", "guide/", "guide/#first"]
    assert [t.kind for t in all_targets(groups)] == ["page", "section", "page", "step"]


def test_guide_steps_come_from_the_tree_in_its_order():
    tree = load_tree()
    (guide,) = [group for group in site_link_groups(FOLDERS) if group.page.path == "guide/"]
    steps = [target for target in guide.children if target.kind == "step"]
    assert [(t.anchor, t.title) for t in steps] == [(s.id, s.title) for s in tree.steps.values()]


STEPS = [("first", "First")]


@pytest.mark.parametrize(
    ("pages", "expected"),
    [
        ("pages: [", r"pages\.yml:2:1: YAML syntax error"),
        ("pages:\n  - path: /guide\n    title: G\n", r"pages\.yml:2:11: path '/guide' must be"),
        ("pages:\n  - path: a/\n", r"pages\.yml:2:5: 'title' is missing or not text"),
        (
            "pages:\n  - path: a/\n    title: A\n    anchors:\n      - id: Bad Id\n"
            "        title: B\n",
            r"pages\.yml:5:13: id 'Bad Id' is not a slug",
        ),
        (
            "pages:\n  - path: a/\n    title: A\n    anchors:\n      - id: b\n        title: B\n"
            "      - id: b\n        title: C\n",
            r"pages\.yml:7:13: id 'b' appears twice on page 'a/'",
        ),
        (
            GOOD_PAGES.replace("anchors: []", "anchors:\n      - id: first\n        title: F"),
            r"pages\.yml:10:13: id 'first' is a guide step's id",
        ),
        (GOOD_PAGES.replace("guide/", "other/"), r"pages\.yml:2:3: the guide has steps, but no"),
        ("pages:\n  - path: a/\n    titel: A\n", r"pages\.yml:3:5: unknown field 'titel'"),
        ("pages:\n  - path: a/\n    path: b/\n", r"pages\.yml:3:5: duplicate key 'path'"),
    ],
)
def test_bad_files_name_file_line_and_fix(tmp_path, pages, expected):
    with pytest.raises(LinkContractError, match=expected):
        load_link_groups(write_contract(tmp_path, pages), steps=STEPS)


def test_missing_pages_file_is_an_error(tmp_path: Path):
    with pytest.raises(LinkContractError, match=r"pages\.yml:1:1: file not found"):
        load_link_groups(tmp_path)


def test_a_broken_contract_is_a_guide_problem_too(tmp_path: Path):
    """The guide's link check reads the same file, with the same message, never silently."""
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    pages = docs / "_data" / "links" / "pages.yml"
    pages.write_text(pages.read_text(encoding="utf-8") + "  - path: Bad Path\n    title: X\n")
    with pytest.raises(InputError) as caught:
        load_tree(docs_dir=docs)
    assert any("path 'Bad Path' must be empty" in str(p) for p in caught.value.problems)


@pytest.mark.parametrize(
    ("href", "page", "expected"),
    [
        ("", "for-professionals/", "../"),
        ("guide/#start", "for-professionals/", "../guide/#start"),
        ("assets/qr/home.svg", "for-professionals/", "../assets/qr/home.svg"),
        ("for-professionals/", "for-professionals/", "./"),
        ("guide/", "", "guide/"),
    ],
)
def test_relative_urls(href, page, expected):
    assert relative_url(href, page) == expected


def test_broken_contract_fails_the_build_cleanly(tmp_path: Path):
    project = copy_project(tmp_path / "project")
    pages = project / "docs" / "_data" / "links" / "pages.yml"
    pages.write_text(pages.read_text(encoding="utf-8") + "  - path: Bad Path\n    title: X\n")
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "path 'Bad Path' must be empty" in result.output
    assert "Traceback" not in result.output
