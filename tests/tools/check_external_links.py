"""Check that every link from the built site to another host still answers (needs internet).

Crisis lines and sources move; a dead crisis-line link is the worst bug this site can have.
The weekly workflow (.github/workflows/links.yml) runs this on a fresh build; it is not part
of `make test`, which never needs the internet.

    python -m tests.tools.check_external_links site --report link-report.md
"""

from __future__ import annotations

import argparse
import sys
import urllib.error
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from wtiw.core.site import PROJECT
from wtiw.crisis.numbers import load_crisis_help
from wtiw.postbuild.links import is_outbound

TIMEOUT_SECONDS = 20
ATTEMPTS = 2
USER_AGENT = "Mozilla/5.0 (compatible; link-check; +https://github.com/) Python-urllib"
# Sites behind bot protection refuse scripts but work for people: report, do not fail.
REFUSED = {401, 403, 429}


@dataclass(frozen=True)
class Outcome:
    """What one URL answered."""

    url: str
    status: int | None
    error: str = ""

    @property
    def broken(self) -> bool:
        """True when a reader following the link would not reach a page."""
        return self.status is None or (self.status >= 400 and self.status not in REFUSED)


class _LinkFinder(HTMLParser):
    """Collects the href of every link."""

    def __init__(self) -> None:
        """Start with no links."""
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Record link targets."""
        href = dict(attrs).get("href")
        if tag in {"a", "area"} and href:
            self.hrefs.append(href)


def outbound_links(site_dir: Path, site_url: str) -> dict[str, set[str]]:
    """Every outbound URL in the built site, mapped to the pages that link to it."""
    found: dict[str, set[str]] = defaultdict(set)
    for page in sorted(site_dir.rglob("*.html")):
        finder = _LinkFinder()
        finder.feed(page.read_text(encoding="utf-8"))
        for href in finder.hrefs:
            if is_outbound(href, site_url):
                url = href.split("#")[0]
                found["https:" + url if url.startswith("//") else url].add(
                    str(page.relative_to(site_dir))
                )
    return dict(found)


def fetch_status(url: str) -> Outcome:
    """HEAD the URL (GET if HEAD is refused), following redirects, retrying once."""
    error = ""
    for _ in range(ATTEMPTS):
        for method in ("HEAD", "GET"):
            request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
            try:
                with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
                    return Outcome(url, response.status)
            except urllib.error.HTTPError as failure:
                if method == "GET" or failure.code not in {403, 404, 405, 501}:
                    return Outcome(url, failure.code)
            except (urllib.error.URLError, TimeoutError, OSError) as failure:
                error = str(getattr(failure, "reason", failure))
                break
    return Outcome(url, None, error)


def report(outcomes: list[Outcome], pages: dict[str, set[str]], due: tuple[str, ...] = ()) -> str:
    """A Markdown report for the issue the workflow opens; `due` lists crisis checks due."""
    broken = [o for o in outcomes if o.broken]
    refused = [o for o in outcomes if not o.broken and o.status in REFUSED]
    lines = [f"Checked {len(outcomes)} external links: {len(broken)} broken.", ""]
    for title, group in (("Broken", broken), ("Refused automated checks (check by hand)", refused)):
        if group:
            lines += [f"## {title}", ""]
            for outcome in group:
                answer = outcome.status or outcome.error
                linked_from = sorted(pages[outcome.url])
                where = ", ".join(linked_from[:3])
                if len(linked_from) > 3:
                    where += f" and {len(linked_from) - 3} more"
                lines.append(f"- {outcome.url}: {answer} (linked from {where})")
            lines.append("")
    if due:
        lines += ["## Crisis numbers due a check", "", *(f"- {warning}" for warning in due), ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Check the links of a built site; exit 1 if any is broken."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site_dir", type=Path, help="a built site, e.g. site/")
    parser.add_argument("--site-url", default="https://when-therapy-isnt-working.github.io/")
    parser.add_argument("--report", type=Path, help="also write the report to this file")
    args = parser.parse_args(argv)
    if not (args.site_dir / "index.html").is_file():
        print(f"{args.site_dir}: no built site here; run `make build` first", file=sys.stderr)
        return 2
    pages = outbound_links(args.site_dir, args.site_url)
    with ThreadPoolExecutor(max_workers=8) as pool:
        outcomes = sorted(pool.map(fetch_status, pages), key=lambda o: o.url)
    due = tuple(str(warning) for warning in load_crisis_help(PROJECT.crisis_help).warnings)
    text = report(outcomes, pages, due)
    print(text)
    if args.report:
        args.report.write_text(text, encoding="utf-8")
    return 1 if any(o.broken for o in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
