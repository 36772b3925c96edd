"""The site builds under ProperDocs exactly as under MkDocs, so moving off MkDocs stays open.

MkDocs 1.6.1 is unmaintained. ProperDocs, its maintained fork (pinned in the test lock), reads
mkdocs.yml and runs Material, our plugins and our build code unchanged. One ProperDocs build of
both editions (mkdocs.yml, then mkdocs-es.yml into `es/`, as `make build` does) is compared,
page by page, with the session's MkDocs build: the same files; per page
the same visible text, element ids (anchors) and CSP meta tag (script hashes), and the same
markup apart from the generator tag. `make test` runs in CI, so CI builds under both.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

from tests.support.build import PROPERDOCS_BUILD, ROOT, BuildResult, build_editions
from tests.support.properdocs import (
    PROPERDOCS_GENERATOR,
    compare_pages,
    format_report,
    page_differences,
    published_bytes,
    site_files,
)


@pytest.fixture(scope="module")
def properdocs_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """One strict ProperDocs build of both editions, into a folder of its own."""
    command = Path(PROPERDOCS_BUILD[0])
    if not command.is_file():
        pytest.fail(
            f"{command} is missing: ProperDocs comes with the test lock "
            "(requirements/test.txt); run 'make test', or 'make lock' if the lock lacks it"
        )
    site = tmp_path_factory.mktemp("properdocs") / "site"
    result = build_editions(ROOT, site, command=PROPERDOCS_BUILD)
    if result.returncode != 0:
        pytest.fail(f"properdocs build --strict failed:\n{result.output}")
    return result


def test_properdocs_builds_without_a_warning(properdocs_build: BuildResult):
    flagged = [
        line
        for line in properdocs_build.output.splitlines()
        if line.startswith(("WARNING", "ERROR"))
    ]
    assert not flagged, "\n".join(flagged)


def test_the_build_really_ran_under_properdocs(site_dir: Path, properdocs_build: BuildResult):
    """Every page MkDocs marks with its generator tag names ProperDocs in the other build."""
    marked = sorted(
        name
        for name in site_files(site_dir)
        if name.endswith(".html")
        and '<meta name="generator"' in (site_dir / name).read_text(encoding="utf-8")
    )
    assert marked, "no page of the MkDocs build has a generator tag to tell the builds apart"
    not_properdocs = [
        name
        for name in marked
        if not PROPERDOCS_GENERATOR.search(
            (properdocs_build.site_dir / name).read_text(encoding="utf-8")
        )
    ]
    assert not not_properdocs, f"not built by ProperDocs: {not_properdocs}"


def test_both_builds_publish_the_same_files(site_dir: Path, properdocs_build: BuildResult):
    mkdocs, properdocs = site_files(site_dir), site_files(properdocs_build.site_dir)
    assert mkdocs == properdocs, (
        f"only in the MkDocs build: {sorted(mkdocs - properdocs)}\n"
        f"only in the ProperDocs build: {sorted(properdocs - mkdocs)}"
    )


def test_every_page_has_the_same_text_ids_csp_and_markup(
    site_dir: Path, properdocs_build: BuildResult
):
    report = compare_pages(site_dir, properdocs_build.site_dir)
    assert not report, f"{len(report)} pages differ:\n{format_report(report)}"


def test_every_other_file_is_identical(site_dir: Path, properdocs_build: BuildResult):
    shared = site_files(site_dir) & site_files(properdocs_build.site_dir)
    differing = sorted(
        name
        for name in shared
        if not name.endswith(".html")
        and published_bytes(site_dir, name) != published_bytes(properdocs_build.site_dir, name)
    )
    assert not differing, f"differ between the builds: {differing}"


def test_the_comparison_reports_each_kind_of_difference(site_dir: Path):
    """Controls: a changed word, a lost anchor, a changed CSP hash, a changed attribute."""
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    changed = (
        html.replace("<h1", '<h1 data-control="1"', 1)
        .replace("</h1>", " changed</h1>", 1)
        .replace('id="', 'data-lost-id="', 1)
        .replace("'sha256-", "'sha256-X", 1)
    )
    problems = "\n".join(page_differences(html, changed))
    assert "visible text runs differ" in problems
    assert "element ids differ" in problems
    assert "CSP meta tags differ" in problems

    only_markup = html.replace("<h1", '<h1 data-control="1"', 1)
    assert [problem.split(":")[0].strip() for problem in page_differences(html, only_markup)] == [
        "markup differs"
    ]

    only_engine = re.sub(
        r'(<meta name="generator" content=")mkdocs-\d[^,"]*, ',
        r"\1mkdocs-ProperDocs 1.6.7, ",
        html,
        count=1,
    )
    assert only_engine != html, "the MkDocs generator tag to normalise was not found"
    assert page_differences(html, only_engine) == []
    only_theme = html.replace(", mkdocs-material-", ", mkdocs-material-0", 1)
    assert page_differences(html, only_theme) != [], "the theme's version must still agree"


def test_only_the_sitemaps_build_date_is_normalised(tmp_path: Path):
    def sitemap(day: str) -> str:
        return f"<url><loc>https://example.org/</loc><lastmod>2026-11-{day}</lastmod></url>"

    for name, day in (("a", "29"), ("b", "30")):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "sitemap.xml").write_text(sitemap(day), encoding="utf-8")
        (folder / "sitemap.xml.gz").write_bytes(gzip.compress(sitemap(day).encode(), mtime=0))
        (folder / "other.xml").write_text(sitemap(day), encoding="utf-8")
    a, b = tmp_path / "a", tmp_path / "b"
    assert published_bytes(a, "sitemap.xml") == published_bytes(b, "sitemap.xml")
    assert published_bytes(a, "sitemap.xml.gz") == published_bytes(b, "sitemap.xml.gz")
    assert published_bytes(a, "other.xml") != published_bytes(b, "other.xml")
