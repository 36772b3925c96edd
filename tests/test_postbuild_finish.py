"""The build's last steps (`wtiw.postbuild.finish.finish_site`) on a small site folder.

No MkDocs: a folder with a page, a redirect stub, our stylesheets, a theme script and source
maps, as a build leaves them. Each step's effect is checked on it, and each failure names the
file it could not finish. (The real build runs the same function: tests/test_csp.py and
tests/test_referrer.py read its output.)
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import pytest

from wtiw.postbuild.csp import CspError
from wtiw.postbuild.finish import SiteFacts, Summary, finish_site

POLICY = '<meta name="referrer" content="no-referrer">'
SCRIPT = "var x = 1;"
STUB_SCRIPT = 'location.href="../";'
OWN = ("assets/stylesheets/a.css", "assets/stylesheets/b.css")
FILES = {
    "index.html": (
        '<!doctype html><html><head><meta charset="utf-8">'
        '<link rel="stylesheet" href="assets/stylesheets/a.css">'
        '<link rel="stylesheet" href="assets/stylesheets/b.css">'
        f'<script>{SCRIPT}</script><script src="assets/javascripts/guide.js"></script></head>'
        '<body><a href="https://example.org/">out</a> <a href="in/">in</a> '
        '<a href="https://site.example/in/">ours</a></body></html>'
    ),
    "go/index.html": (
        '<!doctype html><html><head><meta charset="utf-8"><title>Redirecting</title>'
        f"<script>{STUB_SCRIPT}</script></head></html>"
    ),
    "assets/stylesheets/a.css": "a {  color : red ; }\n/*# sourceMappingURL=a.css.map */\n",
    "assets/stylesheets/a.css.map": "{}",
    "assets/stylesheets/b.css": "b {  color : blue ; }\n",
    "assets/javascripts/x.js": "var  y = 2;\n//# sourceMappingURL=x.js.map\n",
    "assets/javascripts/guide.js": "var  g = 3;\n",
    "assets/stylesheets/theme.css": "p{}\n/*# sourceMappingURL=theme.css.map */\n",
    "maps/only.js.map": "{}",
    "maps/deep/only.css.map": "{}",
}


def site(root: Path, files: dict[str, str] = FILES, *, with_policy: bool = True) -> SiteFacts:
    """Write `files` under `root` and describe them as the plugin does."""
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    stub = (root / "go" / "index.html",) if "go/index.html" in files else ()
    # The theme overrides' own scripts count as ours (minified), like extra_css files.
    overrides = root.parent / f"{root.name}-overrides"
    (overrides / "assets" / "javascripts").mkdir(parents=True, exist_ok=True)
    (overrides / "assets" / "javascripts" / "guide.js").write_text("", encoding="utf-8")
    return SiteFacts(
        site_dir=root,
        site_url="https://site.example/",
        search_languages=("en",),
        templates=overrides,
        extra_assets=OWN,
        redirect_stubs=stub,
        referrer_policy=POLICY,
        with_policy=with_policy,
    )


def sha256(script: str) -> str:
    """A CSP source for an inline script, as the CSP specification hashes it."""
    return "sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()


def test_every_step_runs_in_order_on_the_site(tmp_path: Path):
    summary = finish_site(site(tmp_path))
    read = {p.relative_to(tmp_path).as_posix(): p for p in tmp_path.rglob("*") if p.is_file()}
    page = read.pop("index.html").read_text(encoding="utf-8")
    stub = read.pop("go/index.html").read_text(encoding="utf-8")
    (bundle,) = [name for name in read if name.startswith("assets/stylesheets/wtiw.")]
    assert summary == Summary(removed=3, minified=3, bundles=1)
    theme = "assets/stylesheets/theme.css"
    guide = "assets/javascripts/guide.js"
    assert sorted(read) == sorted([*OWN, theme, guide, "assets/javascripts/x.js", bundle])
    assert read[guide].read_text() == "var g=3;", "an overrides script is ours: minified"
    assert "guide.js" not in page, "a page without the guide loses the guide's script"
    assert not (tmp_path / "maps").exists(), "folders left empty are removed, deepest first"
    assert read[theme].read_text() == "p{}", "a theme stylesheet loses only its map comment"
    assert read["assets/javascripts/x.js"].read_text() == "var  y = 2;", "map comment only"
    assert read["assets/stylesheets/a.css"].read_text() == "a{color:red}"
    assert read[bundle].read_text() == "a{color:red}\nb{color:blue}"
    assert f'<link rel="stylesheet" href="{bundle}">' in page
    assert "a.css" not in page
    assert '<a href="https://example.org/" rel="noopener noreferrer">out</a>' in page
    assert '<a href="in/">in</a>' in page
    assert '<a href="https://site.example/in/">ours</a>' in page, "the site's own address"
    assert page.index("Content-Security-Policy") < page.index("<link"), "policy before assets"
    assert f"'{sha256(SCRIPT)}'" in page
    assert f"{POLICY}<title>" in stub, "the stub's referrer policy comes before its script"
    assert f"'{sha256(STUB_SCRIPT)}'" in stub


def test_without_the_policy_pages_get_no_csp(tmp_path: Path):
    """`mkdocs serve` injects its own live-reload script: no policy there, the rest as ever."""
    finish_site(site(tmp_path, with_policy=False))
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "Content-Security-Policy" not in page
    assert 'rel="noopener noreferrer"' in page


def test_a_stub_or_page_it_cannot_finish_is_named(tmp_path: Path):
    stubless = {**FILES, "go/index.html": "<html><head><title>No charset</title></head></html>"}
    with pytest.raises(ValueError, match=r"^redirect stub go/index\.html: "):
        finish_site(site(tmp_path / "stub", stubless))
    handler = {**FILES, "bad/index.html": '<html><head><meta charset="utf-8"></head>'
               '<body><button onclick="x()">x</button></body></html>'}  # fmt: skip
    with pytest.raises(CspError, match=r"^Content-Security-Policy for bad/index\.html: "):
        finish_site(site(tmp_path / "page", handler))


def test_each_distinct_bundle_is_written_once_and_counted(tmp_path: Path):
    """Pages sharing a run of stylesheets share its bundle; another order is another bundle.

    The count is what the build log reports ("wrote 2 bundles").
    """
    links = '<link rel="stylesheet" href="../assets/stylesheets/{}.css">'
    reversed_order = {
        name: '<!doctype html><html><head><meta charset="utf-8">'
        + links.format("b")
        + links.format("a")
        + "</head><body></body></html>"
        for name in ("one/index.html", "two/index.html")
    }
    summary = finish_site(site(tmp_path, {**FILES, **reversed_order}))
    bundles = sorted(
        path.read_text(encoding="utf-8")
        for path in (tmp_path / "assets" / "stylesheets").glob("wtiw.*.css")
    )
    assert bundles == ["a{color:red}\nb{color:blue}", "b{color:blue}\na{color:red}"]
    assert summary.bundles == 2
