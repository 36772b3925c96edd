"""The last steps of every build, as one function over a built site folder.

Any generator that writes `site/` can call `finish_site`; the MkDocs plugin calls it after
every other plugin has written its files. The order matters: redirect stubs get the referrer
policy, then assets are trimmed, minified, dropped from pages without their feature and
bundled, then every page gets `rel` on its outbound links and, last, a
Content-Security-Policy that hashes the final HTML.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from wtiw.postbuild.assets import minify, own_assets, removable_files, strip_source_map_comment
from wtiw.postbuild.bundle import bundle_page, site_root
from wtiw.postbuild.csp import CspError, insert_policy
from wtiw.postbuild.links import mark_outbound
from wtiw.postbuild.page_assets import drop_unused_assets
from wtiw.postbuild.redirect_stubs import add_policy


@dataclass(frozen=True)
class SiteFacts:
    """What the post-build steps need to know about the site that was built."""

    site_dir: Path
    site_url: str
    search_languages: tuple[str, ...]
    templates: Path | None
    extra_assets: tuple[str, ...]
    redirect_stubs: tuple[Path, ...]
    referrer_policy: str
    # `mkdocs serve` injects its own unhashable live-reload script into every page.
    with_policy: bool = True


@dataclass(frozen=True)
class Summary:
    """What `finish_site` did, for the build log."""

    removed: int
    minified: int
    bundles: int


def finish_site(site: SiteFacts) -> Summary:
    """Run every post-build step on `site`; a `ValueError` names the page it cannot finish."""
    for stub in site.redirect_stubs:
        try:
            html = add_policy(stub.read_text(encoding="utf-8"), site.referrer_policy)
        except ValueError as error:
            raise ValueError(f"redirect stub {_name(site, stub)}: {error}") from error
        stub.write_text(html, encoding="utf-8")
    summary = _shrink_assets(site)
    _secure_pages(site)
    return summary


def _shrink_assets(site: SiteFacts) -> Summary:
    """Delete what readers never need, minify the CSS and JS we maintain, bundle stylesheets."""
    removed = removable_files(site.site_dir, site.search_languages)
    for path in removed:
        path.unlink()
    for folder in sorted({path.parent for path in removed}, key=lambda p: -len(p.parts)):
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
    for path in [*site.site_dir.rglob("*.js"), *site.site_dir.rglob("*.css")]:
        text = path.read_text(encoding="utf-8")
        stripped = strip_source_map_comment(text)
        if stripped != text:
            path.write_text(stripped, encoding="utf-8")
    own = own_assets(site.templates, site.extra_assets)
    minified = 0
    for relative in own:
        path = site.site_dir / relative
        if path.is_file():
            path.write_text(minify(path, path.read_text(encoding="utf-8")), encoding="utf-8")
            minified += 1
    root = site_root(site.site_url)
    for path in _pages(site.site_dir):
        page = PurePosixPath(path.relative_to(site.site_dir).as_posix())
        html = path.read_text(encoding="utf-8")
        if (kept := drop_unused_assets(html, page, root)) != html:
            path.write_text(kept, encoding="utf-8")
    bundles = _bundle(site.site_dir, {PurePosixPath(path.as_posix()) for path in own}, root)
    return Summary(len(removed), minified, bundles)


def _bundle(site_dir: Path, own: set[PurePosixPath], root: str) -> int:
    """Join adjacent own stylesheets on every page; return how many bundles were written.

    `root` is the site's path on its host (`bundle.site_root`), for absolute asset URLs.
    """
    written: set[PurePosixPath] = set()
    for path in _pages(site_dir):
        page = PurePosixPath(path.relative_to(site_dir).as_posix())
        html, files = bundle_page(path.read_text(encoding="utf-8"), page, site_dir, own, root)
        for name, content in files.items():
            if name not in written:
                (site_dir / str(name)).write_text(content, encoding="utf-8")
                written.add(name)
        if files:
            path.write_text(html, encoding="utf-8")
    return len(written)


def _secure_pages(site: SiteFacts) -> None:
    """Every page: `rel` on outbound links, then the policy for its final scripts."""
    for path in _pages(site.site_dir):
        html = mark_outbound(path.read_text(encoding="utf-8"), site.site_url)
        if site.with_policy:
            try:
                html = insert_policy(html)
            except CspError as error:
                name = _name(site, path)
                raise CspError(f"Content-Security-Policy for {name}: {error}") from error
        path.write_text(html, encoding="utf-8")


def _pages(site_dir: Path) -> Iterable[Path]:
    """Every HTML file of the site, in a stable order."""
    return sorted(site_dir.rglob("*.html"))


def _name(site: SiteFacts, path: Path) -> str:
    """A built file's path inside the site folder, for messages."""
    return path.relative_to(site.site_dir).as_posix()
