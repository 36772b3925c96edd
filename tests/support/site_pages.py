"""Enumerate what a built site publishes: every HTML page and every guide step, from the output.

Nothing here is a hand-kept list, so pages and guide steps that other work adds are covered.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

GUIDE_PAGE = Path("guide/index.html")
EDITION_FOLDERS = {"en": "", "es": "es/"}
"""Each edition's language and its folder in the built site (mkdocs.yml `extra.editions`)."""


def edition_of(relative: Path) -> str:
    """The language of the edition a site-relative built file belongs to: `es/…` is Spanish."""
    return "es" if relative.parts[:1] == ("es",) else "en"


def html_pages(site_dir: Path) -> list[Path]:
    """Site-relative paths of every HTML file in the built site."""
    return sorted(path.relative_to(site_dir) for path in site_dir.rglob("*.html"))


def page_url(relative: Path) -> str:
    """The URL path a reader uses for a built file (directory URLs end in a slash)."""
    text = relative.as_posix()
    if text == "index.html":
        return ""
    if text.endswith("/index.html"):
        return text.removesuffix("index.html")
    return text


def is_redirect_stub(html: str) -> bool:
    """True for the tiny pages mkdocs-redirects writes for old addresses."""
    return 'http-equiv="refresh"' in html and "<title>Redirecting...</title>" in html


class _StepFinder(HTMLParser):
    """Collects the ids of elements marked `data-step`."""

    def __init__(self) -> None:
        """Start with no steps."""
        super().__init__()
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Record the id of a guide step."""
        values = dict(attrs)
        if "data-step" in values and values.get("id"):
            self.ids.append(str(values["id"]))


def guide_step_ids(site_dir: Path) -> list[str]:
    """Ids of the guide's steps, read from the built guide page's markup."""
    guide = site_dir / GUIDE_PAGE
    if not guide.is_file():
        return []
    finder = _StepFinder()
    finder.feed(guide.read_text(encoding="utf-8"))
    return finder.ids
