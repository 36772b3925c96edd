"""Decide what the published site can do without, and shrink what we wrote ourselves.

Source maps and lunr language files are dead weight for readers; our own CSS and JS are
readable in the repository and minified in the site. Plain Python, no MkDocs: `hooks/assets.py`
applies it to the built site.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import rcssmin
import rjsmin

LUNR_DIR = Path("assets/javascripts/lunr")
# Trailing `//# sourceMappingURL=…` (JS) and `/*# sourceMappingURL=… */` (CSS) comments.
SOURCE_MAP_COMMENT = re.compile(
    r"\n?(//[#@]\s*sourceMappingURL=[^\n]*|/\*[#@]\s*sourceMappingURL=[^*]*\*/)\s*$"
)


def lunr_files_needed(languages: Iterable[str]) -> set[Path]:
    """Files under the lunr folder that Material's search worker loads for these languages.

    Mirrors the worker's loader (assets/javascripts/workers/search.*.js): nothing at all for
    English alone; the stemmer support plus one file per other language; `lunr.multi` for more
    than one language; a segmenter for Japanese, Hindi and Thai.
    """
    languages = list(languages)
    needed: set[Path] = set()
    for language in languages:
        if language == "ja":
            needed.add(Path("tinyseg.js"))
        elif language in {"hi", "th"}:
            needed.add(Path("wordcut.js"))
        if language != "en":
            needed.add(Path(f"min/lunr.{language}.min.js"))
    if len(languages) > 1:
        needed.add(Path("min/lunr.multi.min.js"))
    if needed:
        needed.add(Path("min/lunr.stemmer.support.min.js"))
    return needed


def removable_files(site_dir: Path, languages: Iterable[str]) -> list[Path]:
    """Source maps anywhere, and lunr files the search worker never loads for `languages`."""
    maps = list(site_dir.rglob("*.map"))
    lunr_dir = site_dir / LUNR_DIR
    needed = lunr_files_needed(languages)
    unused = [
        path
        for path in (lunr_dir.rglob("*") if lunr_dir.is_dir() else [])
        if path.is_file() and path.relative_to(lunr_dir) not in needed
    ]
    return sorted(maps + unused)


def strip_source_map_comment(text: str) -> str:
    """The file's text without a trailing sourceMappingURL comment (its map is gone)."""
    return SOURCE_MAP_COMMENT.sub("", text)


def minify(path: Path, text: str) -> str:
    """Minified CSS or JS, chosen by the file's suffix; other text is returned unchanged."""
    if path.suffix == ".css":
        return rcssmin.cssmin(text, keep_bang_comments=False)
    if path.suffix == ".js":
        return rjsmin.jsmin(text, keep_bang_comments=False)
    return text


def own_assets(custom_dir: Path | None, extra: Iterable[str]) -> set[Path]:
    """Site-relative paths of the CSS and JS we wrote: the theme overrides' and extra_* files."""
    found: set[Path] = set()
    if custom_dir is not None and custom_dir.is_dir():
        found |= {
            path.relative_to(custom_dir)
            for path in custom_dir.rglob("*")
            if path.suffix in {".css", ".js"} and path.is_file()
        }
    found |= {Path(name) for name in extra if not re.match(r"^[a-z]+:|^//", name)}
    return {path for path in found if ".min." not in path.name}
