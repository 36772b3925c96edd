"""A real strict build succeeds, makes every page, and fails on broken links and anchors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support.build import ROOT, BuildResult, build, copy_project

DOCS = ROOT / "docs"


def expected_html(markdown: Path) -> Path:
    """Map a Markdown source to the HTML file MkDocs writes for it (directory URLs)."""
    relative = markdown.relative_to(DOCS).with_suffix("")
    if relative.name in {"index", "README"}:
        return relative.parent / "index.html"
    return relative / "index.html"


def markdown_sources() -> list[Path]:
    """Every Markdown page that MkDocs publishes (excluded data folders start with _)."""
    return sorted(
        path
        for path in DOCS.rglob("*.md")
        if not any(part.startswith(("_", ".")) for part in path.relative_to(DOCS).parts)
    )


def test_build_prints_no_warning(built_site: BuildResult):
    assert not re.search(r"^(WARNING|ERROR)\b", built_site.output, re.MULTILINE), built_site.output


@pytest.mark.parametrize("source", markdown_sources(), ids=lambda p: str(p.relative_to(DOCS)))
def test_every_page_is_built(site_dir: Path, source: Path):
    assert (site_dir / expected_html(source)).is_file()


@pytest.mark.parametrize("name", ["404.html", "sitemap.xml", "search/search_index.json"])
def test_site_files_are_built(site_dir: Path, name: str):
    assert (site_dir / name).is_file()


@pytest.fixture(scope="module")
def broken_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """A copy whose home page has a link to no page and a link to no section, built once."""
    tmp_path = tmp_path_factory.mktemp("broken-links")
    project = copy_project(tmp_path / "project")
    home = project / "docs" / "index.md"
    breaks = (
        "[a page that does not exist](no-such-page.md)\n\n"
        "[a section that does not exist](help-now.md#no-such-anchor)"
    )
    home.write_text(home.read_text(encoding="utf-8") + f"\n\n{breaks}\n", encoding="utf-8")
    return build(project, tmp_path / "site")


def test_broken_link_fails_the_build(broken_build: BuildResult):
    assert broken_build.returncode != 0
    assert "no-such-page.md" in broken_build.output


def test_broken_anchor_fails_the_build(broken_build: BuildResult):
    """Anchors are checked after links; strict mode still reports both in one build."""
    assert broken_build.returncode != 0
    assert "no-such-anchor" in broken_build.output


def test_the_unmodified_copy_builds(tmp_path: Path):
    """Control for the tests above: the copy itself is sound, only the breaks fail it."""
    result = build(copy_project(tmp_path / "project"), tmp_path / "site")
    assert result.returncode == 0, result.output


def test_make_build_uses_plain_strict():
    """`--strict -q` and `--strict --verbose` weaken strictness in MkDocs 1.6.1."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    build_lines = [line for line in makefile.splitlines() if "mkdocs build" in line]
    assert build_lines
    for line in build_lines:
        assert "--strict" in line
        assert not re.search(r"\s(-q|--quiet|-v|--verbose)\b", line), line
