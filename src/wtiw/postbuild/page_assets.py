"""Load a feature's own script or stylesheet only on the pages that show that feature.

mkdocs.yml lists every extra script and stylesheet once, for every page. A few belong to one
feature each: on a page without it they are bytes a reader downloads for nothing (the guide's
script is 2.7 KB on the home page). Each is named here with the markup its feature always
has; a page whose HTML lacks that marker loses the tag before stylesheets are bundled.
Anything not listed stays on every page, so forgetting an entry costs bytes, never a feature.

    drop_unused_assets(html, PurePosixPath("index.html"))  # no guide: no guide.js
"""

from __future__ import annotations

from pathlib import PurePosixPath

from wtiw.core.html_splice import Edit, splice
from wtiw.postbuild.bundle import asset_tags, site_path

# Site-relative asset → attributes that mark its feature in a page's HTML (any one will do).
FEATURE_ASSETS: dict[PurePosixPath, tuple[str, ...]] = {
    PurePosixPath("assets/javascripts/guide.js"): ("data-wtiw-guide",),
    PurePosixPath("assets/stylesheets/guide-options.css"): ("data-wtiw-options",),
    PurePosixPath("assets/javascripts/self-check.js"): (
        "data-wtiw-self-check",
        "data-wtiw-checkin",
    ),
}


def drop_unused_assets(html: str, page: PurePosixPath, root: str = "/") -> str:
    """`html` without the feature assets whose feature the page does not have.

    `root` is the site's path on its host (`bundle.site_root`), for absolute asset URLs.
    """
    edits: list[Edit] = [
        (tag.start, tag.end, "")
        for tag in asset_tags(html)
        if (markers := FEATURE_ASSETS.get(site_path(tag.url, page, root) or PurePosixPath("")))
        and not any(marker in html for marker in markers)
    ]
    return splice(html, edits) if edits else html
