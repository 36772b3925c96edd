"""The same page in each edition of the site: the language switch and `hreflang` links.

Both editions have the same pages under the same file names (a test holds them to it), so
a page's other-language version is its address under the other edition's folder: `/es/`
before any English page's path gives its Spanish page. Links are relative, so the switch
works on a preview address, under a GitHub Pages project path and in the offline copy.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from wtiw.core.site import edition_folder, edition_language
from wtiw.core.urls import absolute_url, relative_url

NAMES = {"en": "English", "es": "Español"}
"""Each language's name in that language, as a reader looking for it would write it."""


@dataclass(frozen=True)
class Edition:
    """One language's version of the page being built."""

    language: str
    name: str
    href: str
    """Relative to the page being built: the switch's link."""
    url: str
    """Absolute: for `hreflang` links and the sitemap."""
    current: bool


def editions(config: Any, page_url: str, site_url: str = "") -> list[Edition]:
    """The page at `page_url` (relative to this edition's root) in every edition.

    `site_url` is the English site's address (the config's before `on_config` added this
    edition's folder); without it, `url` is left empty.
    """
    language = edition_language(config)
    here = edition_folder(config, language) + page_url
    listed = (config.get("extra") or {}).get("editions") or {language: ""}
    found = []
    for other, folder in listed.items():
        target = f"{folder}{page_url}"
        found.append(
            Edition(
                language=other,
                name=NAMES.get(other, other),
                href=relative_url(target, here) or "./",
                url=absolute_url(site_url, target) if site_url else "",
                current=other == language,
            )
        )
    return found
