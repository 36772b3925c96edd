"""Compare two builds of the site, page by page: MkDocs' and ProperDocs' (the maintained fork).

The ProperDocs build itself is `tests/support/build.py`'s `build` with `PROPERDOCS_BUILD`.
"""

from __future__ import annotations

import difflib
import gzip
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

# Each site's generator tag names its own engine and is the one difference that is expected in
# the HTML: `<meta name="generator" content="mkdocs-1.6.1, mkdocs-material-9.8.2">` under MkDocs,
# `content="mkdocs-ProperDocs 1.6.7, mkdocs-material-9.8.2">` under ProperDocs. Only the engine's
# part of that one attribute is replaced; the theme's version must still agree.
GENERATOR = re.compile(
    r'(<meta name="generator" content=")(?:mkdocs-\d[^,"]*|mkdocs-ProperDocs [^,"]*)(, )'
)
PROPERDOCS_GENERATOR = re.compile(r'<meta name="generator" content="mkdocs-ProperDocs \d')

# The sitemap's <lastmod> is the day each build ran (no page has a git date), so two builds on
# either side of midnight differ there and nowhere else. Both sitemap files, and only them.
SITEMAPS = ("sitemap.xml", "sitemap.xml.gz")
LASTMOD = re.compile(r"<lastmod>\d{4}-\d{2}-\d{2}</lastmod>")


def normalise_generator(html: str) -> str:
    """The page with its generator tag's engine name and version replaced (see GENERATOR)."""
    return GENERATOR.sub(r"\1(engine)\2", html)


def site_files(site_dir: Path) -> set[str]:
    """Every file a site publishes, as site-relative POSIX paths."""
    return {path.relative_to(site_dir).as_posix() for path in site_dir.rglob("*") if path.is_file()}


def published_bytes(site_dir: Path, name: str) -> bytes:
    """A non-HTML file's content, with only the sitemaps' build dates normalised."""
    data = (site_dir / name).read_bytes()
    if name not in SITEMAPS:
        return data
    if name.endswith(".gz"):
        # The gzip header holds its own timestamp; compare what it contains.
        data = gzip.decompress(data)
    return LASTMOD.sub("<lastmod>(build date)</lastmod>", data.decode("utf-8")).encode("utf-8")


# Elements whose text a reader never sees.
HIDDEN = frozenset({"script", "style", "template"})


@dataclass
class PageSummary:
    """What a comparison reads from one HTML page."""

    text: list[str] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    csp: list[str] = field(default_factory=list)  # see policy_lines


def policy_lines(policy: str) -> list[str]:
    """One CSP meta tag as lines, one per directive and source, so a diff names the hash."""
    lines = ["(Content-Security-Policy meta tag)"]
    for directive in policy.split(";"):
        name, *sources = directive.split() or [""]
        if name:
            lines.extend(f"{name} {source}" for source in sources or [""])
    return [line.strip() for line in lines]


class _SummaryParser(HTMLParser):
    """Collects visible text runs, every element id, and the CSP meta tags of a page."""

    def __init__(self) -> None:
        """Start outside any hidden element."""
        super().__init__(convert_charrefs=True)
        self.summary = PageSummary()
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Record ids and CSP meta tags; note entering an element whose text is not shown."""
        values = {name: value or "" for name, value in attrs}
        if "id" in values:
            self.summary.ids.append(values["id"])
        if tag == "meta" and values.get("http-equiv", "").lower() == "content-security-policy":
            self.summary.csp.extend(policy_lines(values.get("content", "")))
        if tag in HIDDEN:
            self._hidden += 1

    def handle_endtag(self, tag: str) -> None:
        """Leave an element whose text is not shown."""
        if tag in HIDDEN and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        """Keep each shown text run, whitespace collapsed (the browser collapses it too)."""
        text = " ".join(data.split())
        if text and not self._hidden:
            self.summary.text.append(text)


def summarise(html: str) -> PageSummary:
    """Visible text, element ids in document order, and CSP meta content of one page."""
    parser = _SummaryParser()
    parser.feed(html)
    parser.close()
    return parser.summary


def _excerpt(expected: list[str], actual: list[str], limit: int = 8) -> str:
    """The first lines of a unified diff between two lists of strings."""
    lines = difflib.unified_diff(expected, actual, "mkdocs", "properdocs", n=1, lineterm="")
    shown = list(lines)[:limit]
    return "\n".join(f"      {line}" for line in shown)


def page_differences(expected_html: str, actual_html: str) -> list[str]:
    """What differs between two builds of one page: text, ids, CSP, then any other markup."""
    expected, actual = summarise(expected_html), summarise(actual_html)
    problems = [
        f"  {what} differ:\n{_excerpt(before, after)}"
        for what, before, after in (
            ("visible text runs", expected.text, actual.text),
            ("element ids", expected.ids, actual.ids),
            ("CSP meta tags", expected.csp, actual.csp),
        )
        if before != after
    ]
    expected_markup = normalise_generator(expected_html).splitlines()
    actual_markup = normalise_generator(actual_html).splitlines()
    if not problems and expected_markup != actual_markup:
        problems.append(f"  markup differs:\n{_excerpt(expected_markup, actual_markup)}")
    return problems


def compare_pages(expected_site: Path, actual_site: Path) -> dict[str, list[str]]:
    """Per HTML page present in both sites, what differs; pages that agree are left out."""
    names = sorted(
        name
        for name in site_files(expected_site) & site_files(actual_site)
        if name.endswith(".html")
    )
    report: dict[str, list[str]] = {}
    for name in names:
        problems = page_differences(
            (expected_site / name).read_text(encoding="utf-8"),
            (actual_site / name).read_text(encoding="utf-8"),
        )
        if problems:
            report[name] = problems
    return report


def format_report(report: dict[str, list[str]]) -> str:
    """One block per page: its name, then what differs."""
    return "\n".join(f"{name}:\n" + "\n".join(problems) for name, problems in report.items())
