"""MkDocs hook: trim the published site (source maps, unused search languages), minify our files.

Thin glue: the decisions live in `asset_trim.py`. Runs after other post-build steps and before
`csp.py`, which must see the final HTML.
"""

from __future__ import annotations

import logging
from pathlib import Path, PurePosixPath

from asset_bundle import bundle_page
from asset_trim import minify, own_assets, removable_files, strip_source_map_comment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

log = logging.getLogger("mkdocs.hooks.assets")


def _search_languages(config: MkDocsConfig) -> list[str]:
    """The languages the search plugin indexes (Material's default is the site language)."""
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    if plugin is None:
        return []
    languages = plugin.config.get("lang") or [config.theme.get("language", "en")]
    return [languages] if isinstance(languages, str) else list(languages)


@event_priority(-90)
def on_post_build(config: MkDocsConfig) -> None:
    """Delete what readers never need and minify the CSS and JS we maintain."""
    site_dir = Path(config.site_dir)
    removed = removable_files(site_dir, _search_languages(config))
    for path in removed:
        path.unlink()
    for folder in sorted({path.parent for path in removed}, key=lambda p: -len(p.parts)):
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
    for path in [*site_dir.rglob("*.js"), *site_dir.rglob("*.css")]:
        text = path.read_text(encoding="utf-8")
        stripped = strip_source_map_comment(text)
        if stripped != text:
            path.write_text(stripped, encoding="utf-8")
    custom_dir = config.theme.custom_dir
    extra = [str(getattr(item, "path", item)) for item in config.extra_css]
    extra += [str(getattr(item, "path", item)) for item in config.extra_javascript]
    minified = 0
    own = own_assets(Path(custom_dir) if custom_dir else None, extra)
    for relative in own:
        path = site_dir / relative
        if path.is_file():
            path.write_text(minify(path, path.read_text(encoding="utf-8")), encoding="utf-8")
            minified += 1
    bundles = _bundle(site_dir, {PurePosixPath(path.as_posix()) for path in own})
    log.info(
        "assets: removed %d unused files, minified %d of ours, wrote %d bundles",
        len(removed), minified, bundles,
    )  # fmt: skip


def _bundle(site_dir: Path, own: set[PurePosixPath]) -> int:
    """Join adjacent own stylesheets and scripts on every page; return how many bundles."""
    written: set[PurePosixPath] = set()
    for path in sorted(site_dir.rglob("*.html")):
        page = PurePosixPath(path.relative_to(site_dir).as_posix())
        html, files = bundle_page(path.read_text(encoding="utf-8"), page, site_dir, own)
        for name, content in files.items():
            if name not in written:
                (site_dir / str(name)).write_text(content, encoding="utf-8")
                written.add(name)
        if files:
            path.write_text(html, encoding="utf-8")
    return len(written)
