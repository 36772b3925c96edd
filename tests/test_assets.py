"""The published site is trimmed, and our own CSS and JS are shrunk within a 13 KB gzip budget.

Trimmed: source maps and unused search languages. Shrunk: minified, adjacent stylesheets joined.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path, PurePosixPath

import pytest
import yaml

from tests.support.build import ROOT
from tests.support.site_pages import html_pages
from wtiw.postbuild import assets as asset_trim
from wtiw.postbuild import bundle as asset_bundle
from wtiw.postbuild.page_assets import FEATURE_ASSETS

# Every file of ours counted once, though no page loads them all. 10 KB until the decision aid
# (issue 14: options, values, SURE, check-in, self-checks) added about 2 KB; 14 KB since the
# clinic features (issue 15) added embed.css (embed forms only), the embed frame's privacy and
# sandbox code, and room for the "Copy link" buttons so they no longer shift the page.
OWN_BUDGET_BYTES = 14 * 1024
STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)"')

# src/wtiw/postbuild/assets.py: what is dropped and what is kept.


def test_english_search_needs_no_lunr_language_file():
    assert asset_trim.lunr_files_needed(["en"]) == set()


def test_other_languages_keep_what_the_worker_loads():
    needed = asset_trim.lunr_files_needed(["en", "ja"])
    assert {
        Path("min/lunr.stemmer.support.min.js"),
        Path("min/lunr.ja.min.js"),
        Path("tinyseg.js"),
        Path("min/lunr.multi.min.js"),
    } == needed


def test_source_map_comments_are_stripped():
    js = "x();\n//# sourceMappingURL=bundle.js.map\n"
    css = "a{b:c}\n/*# sourceMappingURL=main.css.map */"
    assert asset_trim.strip_source_map_comment(js) == "x();"
    assert asset_trim.strip_source_map_comment(css) == "a{b:c}"
    assert asset_trim.strip_source_map_comment("x();") == "x();"


def test_no_source_maps_are_published(site_dir: Path):
    assert not list(site_dir.rglob("*.map"))
    mentions = [
        p
        for p in [*site_dir.rglob("*.js"), *site_dir.rglob("*.css")]
        if "sourceMappingURL" in p.read_text(encoding="utf-8")
    ]
    assert not mentions


def test_no_unused_search_language_files(site_dir: Path):
    lunr = site_dir / asset_trim.LUNR_DIR
    files = (
        {p.relative_to(lunr) for p in lunr.rglob("*") if p.is_file()} if lunr.is_dir() else set()
    )
    assert files <= asset_trim.lunr_files_needed(["en"])


def test_our_own_assets_are_minified(site_dir: Path):
    for source in own_sources():
        built = site_dir / source.relative_to(ROOT / "overrides")
        expected = asset_trim.minify(built, source.read_text(encoding="utf-8"))
        assert built.read_text(encoding="utf-8") == expected, built


def own_sources() -> list[Path]:
    """The CSS and JS we maintain: not vendored code (`vendor/`, offline copy only)."""
    return sorted(
        p
        for p in (ROOT / "overrides").rglob("*")
        if p.suffix in {".css", ".js"} and "vendor" not in p.relative_to(ROOT / "overrides").parts
    )


def test_own_css_and_js_stay_within_the_budget(site_dir: Path):
    sizes = {
        source.name: len(gzip.compress(built.read_bytes(), compresslevel=6))
        for source in own_sources()
        if (built := site_dir / source.relative_to(ROOT / "overrides")).is_file()
    }
    assert sizes
    assert sum(sizes.values()) < OWN_BUDGET_BYTES, sizes


def test_every_page_loads_our_stylesheets_as_one_file(site_dir: Path):
    own = {
        f"assets/{p.relative_to(ROOT / 'overrides' / 'assets').as_posix()}" for p in own_sources()
    }
    problems = {}
    for page in html_pages(site_dir):
        hrefs = STYLESHEET.findall((site_dir / page).read_text(encoding="utf-8"))
        ours = [h for h in hrefs if any(h.endswith(name) for name in own)]
        bundles = [h for h in hrefs if "/wtiw." in h or h.startswith("wtiw.")]
        if len(ours) + len(bundles) > 2:  # the shared bundle plus at most one page-specific file
            problems[str(page)] = hrefs
    assert not problems


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without resolving its !ENV tags."""


_ConfigLoader.add_constructor("!ENV", lambda loader, node: None)


def test_the_home_page_bundle_holds_extra_css_in_order(site_dir: Path):
    """Every extra stylesheet, in order, but those of features the home page does not have."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), _ConfigLoader)
    extra = [
        str(item)
        for item in config.get("extra_css", [])
        if PurePosixPath(str(item)) not in FEATURE_ASSETS
    ]
    hrefs = STYLESHEET.findall((site_dir / "index.html").read_text(encoding="utf-8"))
    bundles = [href for href in hrefs if href.startswith("assets/stylesheets/wtiw.")]
    if len(extra) < 2:
        pytest.skip("fewer than two extra stylesheets: nothing to join")
    assert len(bundles) == 1, hrefs
    expected = "\n".join((site_dir / name).read_text(encoding="utf-8").strip() for name in extra)
    assert (site_dir / bundles[0]).read_text(encoding="utf-8") == expected


# src/wtiw/postbuild/bundle.py on small pages


PAGE = PurePosixPath("guide/index.html")
OWN = {
    PurePosixPath("assets/stylesheets/a.css"),
    PurePosixPath("assets/stylesheets/b.css"),
    PurePosixPath("assets/stylesheets/c.css"),
}


@pytest.fixture
def css_site(tmp_path: Path) -> Path:
    """A site folder with three small stylesheets of ours."""
    folder = tmp_path / "assets" / "stylesheets"
    folder.mkdir(parents=True)
    for name in "abc":
        (folder / f"{name}.css").write_text(f".{name}{{color:red}}", encoding="utf-8")
    return tmp_path


def link(name: str, extra: str = "") -> str:
    """A stylesheet link as the guide page writes it."""
    return f'<link rel="stylesheet" href="../assets/stylesheets/{name}"{extra}>'


def test_adjacent_own_stylesheets_become_one(css_site: Path):
    html = link("main.css") + link("a.css") + "\n" + link("b.css") + link("c.css")
    rewritten, files = asset_bundle.bundle_page(html, PAGE, css_site, OWN)
    [(name, content)] = files.items()
    assert content == ".a{color:red}\n.b{color:red}\n.c{color:red}"
    assert rewritten == link("main.css") + link(name.name) + "\n"
    assert name.parent == PurePosixPath("assets/stylesheets")


def test_absolute_links_are_read_from_the_sites_own_path(css_site: Path):
    """The 404 page links absolutely, `/es/assets/…` in the Spanish edition (site URL `…/es/`).

    Under the edition's own path they are its files and are joined; read from `/` (as before
    the Spanish edition, the control), they are another site's and are left alone.
    """
    html = "".join(f'<link rel="stylesheet" href="/es/assets/stylesheets/{n}.css">' for n in "ab")
    root = asset_bundle.site_root("https://example.org/es/")
    assert root == "/es/"
    rewritten, files = asset_bundle.bundle_page(
        html, PurePosixPath("404.html"), css_site, OWN, root
    )
    [(name, content)] = files.items()
    assert content == ".a{color:red}\n.b{color:red}"
    assert rewritten == f'<link rel="stylesheet" href="/es/assets/stylesheets/{name.name}">'
    assert asset_bundle.bundle_page(html, PurePosixPath("404.html"), css_site, OWN, "/") == (
        html,
        {},
    )


def test_the_site_root_is_the_path_of_the_site_url():
    assert asset_bundle.site_root("https://example.org") == "/"
    assert asset_bundle.site_root("") == "/"
    assert asset_bundle.site_root("https://example.org/project/es") == "/project/es/"


def test_a_theme_stylesheet_between_ours_keeps_the_cascade(css_site: Path):
    html = link("a.css") + link("main.css") + link("b.css")
    assert asset_bundle.bundle_page(html, PAGE, css_site, OWN) == (html, {})


def test_different_media_are_not_joined(css_site: Path):
    html = link("a.css") + link("b.css", ' media="print"')
    assert asset_bundle.bundle_page(html, PAGE, css_site, OWN) == (html, {})


def test_imports_are_not_joined(css_site: Path):
    (css_site / "assets" / "stylesheets" / "b.css").write_text('@import "x.css";', encoding="utf-8")
    html = link("a.css") + link("b.css")
    assert asset_bundle.bundle_page(html, PAGE, css_site, OWN) == (html, {})


def test_scripts_are_left_alone(css_site: Path):
    html = '<script src="../a.js" defer></script><script src="../b.js" defer></script>'
    own = {PurePosixPath("a.js"), PurePosixPath("b.js")}
    assert asset_bundle.bundle_page(html, PAGE, css_site, own) == (html, {})


def test_bundle_names_change_with_content():
    assert asset_bundle.bundle_name(".css", "a") != asset_bundle.bundle_name(".css", "b")
