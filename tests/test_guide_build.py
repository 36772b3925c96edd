"""The guide in a real `mkdocs build --strict`: markup, link contract, and failing builds."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from tests.support.build import ROOT, BuildResult, build, copy_project
from wtiw.core.site import PROJECT
from wtiw.guide.routes import read_listing
from wtiw.guide.validate import load_tree

# The published step ids: the approved listing of the guide's steps and routes.
CONTRACT = ROOT / PROJECT.guide_routes


class GuidePage(HTMLParser):
    """Reads the parts of the built guide page that tests need."""

    def __init__(self) -> None:
        """Start empty."""
        super().__init__()
        self.steps: dict[str, dict[str, str | None]] = {}
        self.ids: list[str] = []
        self.roots: list[dict[str, str | None]] = []
        self.outcome_links: list[str] = []
        self.scripts: list[dict[str, str | None]] = []
        self.toc_components = 0
        self._in_links = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Record steps, ids, links out of outcomes, scripts and table-of-contents markers."""
        values = dict(attrs)
        if values.get("id"):
            self.ids.append(values["id"] or "")
        if "data-wtiw-guide" in values:
            self.roots.append(values)
        if "data-step" in values:
            self.steps[values["id"] or ""] = values
        if tag == "ul":
            self._in_links = "wtiw-guide__links" in (values.get("class") or "")
        if tag == "a" and self._in_links:
            self.outcome_links.append(values.get("href") or "")
        if tag == "script":
            self.scripts.append(values)
        if values.get("data-md-component") == "toc":
            self.toc_components += 1

    def handle_endtag(self, tag: str) -> None:
        """Leave a list."""
        if tag == "ul":
            self._in_links = False


def read_page(path: Path) -> GuidePage:
    """Parse one built page."""
    parser = GuidePage()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def guide_page(site_dir: Path) -> GuidePage:
    return read_page(site_dir / "guide" / "index.html")


def contract_ids() -> list[str]:
    """Step ids published in the committed link contract."""
    return list(read_listing(CONTRACT, str(CONTRACT)).steps)


def test_one_guide_root(guide_page: GuidePage):
    assert len(guide_page.roots) == 1
    assert "wtiw-guide" in (guide_page.roots[0].get("class") or "")


def test_built_steps_match_the_tree(guide_page: GuidePage):
    tree = load_tree()
    assert list(guide_page.steps) == list(tree.steps)
    assert [s for s, a in guide_page.steps.items() if "data-start" in a] == [tree.start]


@pytest.mark.parametrize("step_id", contract_ids())
def test_every_contracted_step_link_still_works(guide_page: GuidePage, step_id: str):
    assert step_id in guide_page.steps


def test_contract_check_can_fail(guide_page: GuidePage):
    """Control: an id that was never a step is not found."""
    assert "no-such-step" not in guide_page.steps


def test_every_step_is_in_the_contract():
    """A new step must be approved (`make routes`), so its link is protected from then on."""
    assert set(load_tree().steps) <= set(contract_ids())


def test_ids_on_the_page_are_unique(guide_page: GuidePage):
    duplicates = {i for i in guide_page.ids if guide_page.ids.count(i) > 1}
    assert not duplicates


def test_page_has_no_table_of_contents(guide_page: GuidePage):
    """The guide page has no table of contents for navigation.tracking to follow.

    Material rewrites the address from the table of contents as the reader scrolls, which
    would drop the guide's step and answers.
    """
    assert guide_page.toc_components == 0


def test_script_is_deferred(guide_page: GuidePage):
    scripts = [s for s in guide_page.scripts if "guide" in (s.get("src") or "")]
    assert len(scripts) == 1
    assert "defer" in scripts[0]


def test_outcome_links_resolve_to_built_pages_and_sections(site_dir: Path, guide_page: GuidePage):
    assert guide_page.outcome_links
    for href in guide_page.outcome_links:
        target = urlsplit(urljoin("http://site/guide/", href))
        built = site_dir / target.path.lstrip("/") / "index.html"
        assert built.is_file(), href
        if target.fragment:
            assert f'id="{target.fragment}"' in built.read_text(encoding="utf-8"), href


def build_broken(tmp_path: Path, edit: dict[str, tuple[str, str]]) -> BuildResult:
    """Copy the project, replace text in some files, and build the copy."""
    project = copy_project(tmp_path / "project")
    for relative, (old, new) in edit.items():
        path = project / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return build(project, tmp_path / "site")


def test_a_broken_tree_fails_the_build_with_its_line(tmp_path: Path):
    result = build_broken(
        tmp_path, {"docs/_data/guide.yaml": ("next: early-days", "next: early-dayz")}
    )
    assert result.returncode != 0
    assert re.search(
        r"docs/_data/guide\.yaml:\d+:\d+: this answer leads to 'early-dayz'", result.output
    ), result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "site" / "guide" / "index.html").exists()


def test_mkdocs_checks_outcome_links_too(tmp_path: Path):
    """MkDocs checks the outcome links in the map again, against the real pages.

    The engine trusts the page contract, so a section listed there but missing from the page
    passes the engine and must still fail the build.
    """
    result = build_broken(
        tmp_path,
        {
            "docs/_data/links/pages.yml": (
                "      - id: if-it-is-early\n",
                "      - id: only-in-the-contract\n        title: Only in the contract\n"
                "      - id: if-it-is-early\n",
            ),
            "docs/_data/guide.yaml": ("anchor: if-it-is-early", "anchor: only-in-the-contract"),
        },
    )
    assert result.returncode != 0
    assert "does not contain an anchor '#only-in-the-contract'" in result.output
