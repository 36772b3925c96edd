"""Join runs of our own stylesheets into one file each.

Every extra CSS file is a render-blocking request; on a slow phone connection each one costs a
round trip before the first paint. Pages keep the same cascade and script order: only runs of
adjacent tags that are all ours, with the same attributes, in one folder, are joined, in page
order. The original files stay published (bookmarked or embedded URLs keep working). Scripts
are left alone: ours are deferred, so they do not delay the first paint, and pages and tests
name them. Plain Python, no MkDocs: `hooks/assets.py` applies it.

    <link rel="stylesheet" href="assets/stylesheets/a.css">
    <link rel="stylesheet" href="assets/stylesheets/b.css">
    becomes <link rel="stylesheet" href="assets/stylesheets/wtiw.<hash>.css">
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from wtiw.core.html_splice import Edit, PositionedParser, splice

JOINERS = {".css": "\n", ".js": "\n;\n"}
BUNDLED_KINDS = {".css"}


@dataclass
class Tag:
    """One stylesheet link or external script element, with where it sits in the page."""

    kind: str  # ".css" or ".js"
    start: int
    end: int
    url: str
    attrs: tuple[tuple[str, str | None], ...]
    site_path: PurePosixPath | None = None


class _Finder(PositionedParser):
    """Collects stylesheet links and scripts in page order (inline ones break a run)."""

    def __init__(self) -> None:
        """Start with no tags."""
        super().__init__()
        self.tags: list[Tag | None] = []
        self._open_script: Tag | None = None

    def find(self, html: str) -> list[Tag | None]:
        """Tags in order; None marks something that must not be crossed (inline code, <style>)."""
        self.parse(html)
        return self.tags

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Record stylesheets and scripts."""
        values = dict(attrs)
        text = self.get_starttag_text() or ""
        rest = tuple(sorted((k, v) for k, v in attrs if k not in {"href", "src"}))
        if tag == "link" and (values.get("rel") or "").lower() == "stylesheet":
            start = self.tag_offset()
            self.tags.append(Tag(".css", start, start + len(text), values.get("href") or "", rest))
        elif tag == "style":
            self.tags.append(None)
        elif tag == "script":
            start = self.tag_offset()
            self._open_script = Tag(".js", start, start, values.get("src") or "", rest)

    def handle_endtag(self, tag: str) -> None:
        """Close a script element."""
        if tag == "script" and self._open_script is not None:
            script = self._open_script
            script.end = self.tag_offset() + len("</script>")
            self.tags.append(script if script.url else None)
            self._open_script = None


def asset_tags(html: str) -> list[Tag]:
    """Every stylesheet link and external script of a page, in page order."""
    return [tag for tag in _Finder().find(html) if tag is not None]


def site_root(site_url: str) -> str:
    """The site's path on its host, between slashes: `/`, or `/es/` for the Spanish edition."""
    inner = urlsplit(site_url).path.strip("/")
    return f"/{inner}/" if inner else "/"


def site_path(url: str, page: PurePosixPath, root: str = "/") -> PurePosixPath | None:
    """Site-relative path of a local URL used on `page`, or None for other sites.

    An absolute path (the 404 page writes `/es/assets/…`, as it may be served at any depth)
    is relative to `root`, the site's path on its host (`site_root`); outside it, it is
    another site's (the English edition's, seen from the Spanish one).
    """
    if re.match(r"^[a-z][a-z0-9+.-]*:|^//", url, re.IGNORECASE):
        return None
    path = url.split("?")[0].split("#")[0]
    if path.startswith("/"):
        return PurePosixPath(path.removeprefix(root)) if path.startswith(root) else None
    return PurePosixPath(posixpath.normpath(posixpath.join(str(page.parent), path)))


def runs(
    html: str, page: PurePosixPath, own: set[PurePosixPath], root: str = "/"
) -> list[list[Tag]]:
    """Runs of two or more adjacent own tags of one kind, same attributes, same folder."""
    found: list[list[Tag]] = []
    current: list[Tag] = []
    for tag in [*_Finder().find(html), None]:
        if tag is not None and tag.kind not in BUNDLED_KINDS:
            tag = None
        if tag is not None:
            tag.site_path = site_path(tag.url, page, root)
        same = (
            tag is not None
            and tag.site_path in own
            and current
            and (tag.kind, tag.attrs, tag.site_path.parent)
            == (current[0].kind, current[0].attrs, current[0].site_path.parent)
        )
        if same:
            current.append(tag)
            continue
        if len(current) > 1:
            found.append(current)
        current = [tag] if tag is not None and tag.site_path in own else []
    return found


def bundle_name(kind: str, content: str) -> str:
    """A content-hashed file name, so a changed bundle is never served stale from cache."""
    return f"wtiw.{hashlib.sha256(content.encode('utf-8')).hexdigest()[:10]}{kind}"


def joined(run: list[Tag], site_dir: Path) -> str:
    """The run's files' text, joined so each still parses on its own."""
    texts = [(site_dir / str(tag.site_path)).read_text(encoding="utf-8") for tag in run]
    return JOINERS[run[0].kind].join(text.strip() for text in texts)


def can_join(run: list[Tag], site_dir: Path) -> bool:
    """CSS with @import or @charset must stay first in its own file; leave such runs alone."""
    if run[0].kind != ".css":
        return True
    return not any(
        re.search(r"@(import|charset)\b", (site_dir / str(t.site_path)).read_text("utf-8"))
        for t in run
    )


def rewrite(html: str, replacements: list[tuple[list[Tag], str]]) -> str:
    """The page with each run replaced by one tag pointing at its bundle."""
    edits: list[Edit] = []
    for run, name in replacements:
        first = run[0]
        original = html[first.start : first.end]
        new_url = first.url.rsplit("/", 1)[0] + "/" + name if "/" in first.url else name
        edits.append((first.start, first.end, original.replace(first.url, new_url, 1)))
        edits += [(tag.start, tag.end, "") for tag in run[1:]]
    return splice(html, edits)


def bundle_page(
    html: str, page: PurePosixPath, site_dir: Path, own: set[PurePosixPath], root: str = "/"
) -> tuple[str, dict[PurePosixPath, str]]:
    """The rewritten page and the bundle files it needs ({site path: content}).

    `root` is the site's path on its host (`site_root`), for absolute asset URLs.
    """
    files: dict[PurePosixPath, str] = {}
    replacements = []
    for run in runs(html, page, own, root):
        if not can_join(run, site_dir):
            continue
        content = joined(run, site_dir)
        name = bundle_name(run[0].kind, content)
        files[run[0].site_path.parent / name] = content
        replacements.append((run, name))
    return rewrite(html, replacements), files
