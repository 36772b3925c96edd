"""Finish an offline build so that every page works from disk, with no network at all.

`mkdocs-offline.yml` builds the site with `use_directory_urls: false` (a folder address opens a
directory listing on disk, not its index.html). Then, on the finished site, `finish_offline`:

- points each link that names a folder (`help-now/`, written so in our templates) at the
  page's file (`help-now.html`), and each link to what only the public site has (the embed
  forms) at its public address; any other link or file the copy lacks fails the build;
- gives each relative link the public address print shows after it (`data-wtiw-print-href`,
  which links.js would otherwise work out from the canonical address, wrongly for `x.html`),
  and writes every public address built from a page's offline name (`…/guide.html#step` on
  the guide's handouts) as the public site has it (`…/guide/#step`);
- writes the search index as a script (`search/search_index.js`), which Material's search
  loads by a script tag on file://, where it cannot fetch the JSON;
- replaces each page's Content-Security-Policy with the offline one (`offline_policy`);
- removes what only a web server or a crawler reads (404 page, robots.txt, sitemaps) and the
  clinics' embed host script.

Plain Python, no MkDocs: the plugin calls it when `extra.offline_copy` is set.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from wtiw.core.html_splice import Edit, PositionedParser, splice
from wtiw.core.urls import absolute_url
from wtiw.postbuild.csp import EXISTING_CSP, insert_policy, script_hash
from wtiw.postbuild.links import LINK_TAGS, set_attribute

# The vendored iframe-worker shim (its README says where from); only this copy loads it.
SHIM_FOLDER = "assets/javascripts/vendor/iframe-worker/"
SHIM = f"{SHIM_FOLDER}shim.min.js"
# Read only by a web server (404.html), by crawlers, or by clinics' sites (embed.js).
ONLINE_ONLY = ("404.html", "robots.txt", "sitemap.xml", "sitemap.xml.gz", "embed.js")
CONFIG_SCRIPT = re.compile(
    r'<script id="__config" type="application/json">(.*?)</script>', re.DOTALL
)
# In the shim: `<script>postMessage=${c};importScripts=${d};...<\/script>`, the runtime it
# writes into the iframe before the worker script.
SHIM_RUNTIME = re.compile(
    r"<script>(postMessage=\$\{(\w+)\};importScripts=\$\{(\w+)\};.*?)<\\/script>", re.DOTALL
)
PLACEHOLDER = re.compile(r"\$\{(\w+)\}")
# Links a reader follows (LINK_TAGS), and links that name a related document
# (rel="alternate" and such): rewritten. Anything the browser loads by itself must be in the copy.
LOADED = {"script": "src", "img": "src", "source": "src", "iframe": "src"}
LOADED_RELS = {"stylesheet", "icon", "manifest", "preload", "modulepreload", "prefetch"}


class OfflineError(ValueError):
    """The offline copy would be broken (the message names each page and link)."""


@dataclass
class Finished:
    """What `finish_offline` did, for the build log."""

    pages: int = 0
    rewritten: int = 0
    online: int = 0
    removed: list[str] = field(default_factory=list)


def function_source(script: str, name: str) -> str:
    """The exact text of `function name(...){...}` in minified `script` (its toString())."""
    start = script.find(f"function {name}(")
    if start < 0:
        raise OfflineError(f"{SHIM}: no function {name} in the shim; was it updated?")
    depth = 0
    for index in range(script.index("{", start), len(script)):
        depth += {"{": 1, "}": -1}.get(script[index], 0)
        if depth == 0:
            return script[start : index + 1]
    raise OfflineError(f"{SHIM}: function {name} never ends")


def shim_runtime(shim: str, worker_url: str) -> str:
    """The inline script the iframe-worker shim writes into its iframe for `worker_url`.

    The shim builds it from a template: its own `postMessage` and `importScripts` functions'
    source text (`Function.prototype.toString`), and the worker's address as Material passed it.
    """
    match = SHIM_RUNTIME.search(shim)
    if match is None:
        raise OfflineError(f"{SHIM}: the iframe's runtime script was not found; was it updated?")
    template, post, imports = match.groups()
    functions = {post: function_source(shim, post), imports: function_source(shim, imports)}
    names = {name for name in PLACEHOLDER.findall(template) if name not in functions}
    if len(names) != 1:
        raise OfflineError(f"{SHIM}: expected one placeholder for the worker's address")
    return PLACEHOLDER.sub(lambda m: functions.get(m.group(1), worker_url), template)


def worker_url(html: str) -> str | None:
    """The search worker's address as Material's `__config` gives it to `new Worker`."""
    match = CONFIG_SCRIPT.search(html)
    if match is None:
        return None
    return json.loads(match.group(1)).get("search")


def offline_policy(html: str, shim: str) -> str:
    """The page with the offline Content-Security-Policy in place of the online one.

    The same policy, plus one hash: the iframe-worker shim runs the search worker in a hidden
    iframe with no address (about:blank), which inherits the page's policy, and writes an
    inline script into it first (`shim_runtime`). Nothing else changes: on a file:// page,
    'self' matches the copy's own files in Chromium and Firefox (tests/test_offline.py).
    """
    url = worker_url(html)
    hashes = (script_hash(shim_runtime(shim, url)),) if url and SHIM in html else ()
    return insert_policy(html, extra_hashes=hashes)


def online_path(path: str) -> str:
    """The public address (root-relative) of the copy's file `path`: `about.html` is `about/`."""
    if path == "index.html":
        return ""
    if path.endswith("/index.html"):
        return path.removesuffix("index.html")
    if path.endswith(".html") and "/" not in path:
        return f"{path.removesuffix('.html')}/"
    return path


def public_addresses(html: str, site_url: str, files: frozenset[str]) -> str:
    """The page with each public address of a copy's page (`{site_url}guide.html`) as online."""
    if not site_url:
        return html
    base = site_url if site_url.endswith("/") else f"{site_url}/"
    pattern = re.compile(re.escape(base) + r"([A-Za-z0-9_-]+\.html)\b")

    def public(match: re.Match[str]) -> str:
        name = match.group(1)
        return base + online_path(name) if name in files else match.group()

    return pattern.sub(public, html)


EDITION_LINK = "data-wtiw-edition"
"""Marks the language switch's link (overrides/partials/site/editions.html)."""


class _Links(PositionedParser):
    """Finds each relative link of one page and what it must become in the offline copy."""

    def __init__(self, page: str, site_url: str, files: frozenset[str]) -> None:
        """Links of the page at `page` (site-relative), in a copy holding `files`."""
        super().__init__()
        self.page, self.site_url, self.files = page, site_url, files
        self.edits: list[Edit] = []
        self.missing: list[str] = []
        self.online = 0

    def _resolve(self, url: str) -> tuple[str, str] | None:
        """(site path, fragment) of a relative URL, or None for absolute ones and fragments."""
        if not url or url.startswith("#") or re.match(r"^[a-z][a-z0-9+.-]*:|^//", url, re.I):
            return None
        path, _, fragment = url.partition("#")
        path = path.partition("?")[0]
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(self.page), path))
        joined = "" if joined == "." else joined
        if path.endswith("/") or path in {"", "."}:
            joined = f"{joined}/" if joined else ""
        return joined, fragment

    def _page_file(self, path: str) -> str | None:
        """The copy's file for site path `path` (a file, or a folder address of a page)."""
        if path in self.files:
            return path
        if path == "" or path.endswith("/"):
            stem = path.rstrip("/")
            for candidate in (f"{stem}.html", f"{stem}/index.html" if stem else "index.html"):
                if candidate in self.files:
                    return candidate
        return None

    def _relative(self, path: str) -> str:
        """Site path `path` as a link from this page."""
        return posixpath.relpath(path, posixpath.dirname(self.page) or ".")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Rewrite links a reader follows; require everything the browser loads by itself."""
        values = {name: value or "" for name, value in attrs}
        rels = set(values.get("rel", "").lower().split())
        if tag in LOADED or (tag == "link" and rels & LOADED_RELS):
            name = "href" if tag == "link" else LOADED.get(tag, "src")
            target = self._resolve(values.get(name, ""))
            if target and target[0] not in self.files:
                self.missing.append(f"<{tag} {name}={values[name]}>")
            return
        if tag not in LINK_TAGS and tag != "link":
            return
        href = values.get("href", "")
        target = self._resolve(href)
        if target is None or EDITION_LINK in values:
            # The same page in the other edition, built into the copy after this one:
            # `package.py` checks it is there when it zips the copy.
            return
        path, fragment = target
        suffix = f"#{fragment}" if fragment else ""
        text = self.get_starttag_text() or ""
        found = self._page_file(path)
        if found is None:
            # Only the public site has it (an embed form, an oEmbed document): link there.
            new = set_attribute(text, "href", absolute_url(self.site_url, path) + suffix)
            self.online += 1
        else:
            new = text
            if found != path:
                new = set_attribute(new, "href", self._relative(found) + suffix)
            if tag in LINK_TAGS:
                public = absolute_url(self.site_url, online_path(found)) + suffix
                new = set_attribute(new, "data-wtiw-print-href", public)
        if new != text:
            start = self.tag_offset()
            self.edits.append((start, start + len(text), new))


def offline_links(
    html: str, page: str, site_url: str, files: frozenset[str]
) -> tuple[str, int, list[str]]:
    """The page with its links fixed for the copy, how many point online, and what is missing."""
    finder = _Links(page, site_url, files)
    finder.parse(html)
    return splice(html, finder.edits), finder.online, finder.missing


def _files(site_dir: Path) -> frozenset[str]:
    """Every file of the site, as site-relative paths."""
    return frozenset(
        path.relative_to(site_dir).as_posix() for path in site_dir.rglob("*") if path.is_file()
    )


def write_search_script(site_dir: Path) -> bool:
    """Write search/search_index.js (`var __index = …`) as Material's offline plugin does."""
    index = site_dir / "search" / "search_index.json"
    if not index.is_file():
        return False
    script = f"var __index = {index.read_text(encoding='utf-8')}"
    (site_dir / "search" / "search_index.js").write_text(script, encoding="utf-8")
    return True


def finish_offline(site_dir: Path, site_url: str) -> Finished:
    """Make the finished site in `site_dir` work from disk (see the module's docstring)."""
    done = Finished()
    for name in ONLINE_ONLY:
        if (site_dir / name).is_file():
            (site_dir / name).unlink()
            done.removed.append(name)
    write_search_script(site_dir)
    shim_file = site_dir / SHIM
    shim = shim_file.read_text(encoding="utf-8") if shim_file.is_file() else ""
    files = _files(site_dir)
    problems: list[str] = []
    for path in _pages(site_dir):
        page = path.relative_to(site_dir).as_posix()
        html = path.read_text(encoding="utf-8")
        fixed = public_addresses(html, site_url, files)
        fixed, online, missing = offline_links(fixed, page, site_url, files)
        problems.extend(f"{page}: {item} is not in the offline copy" for item in missing)
        if SHIM in fixed and not shim:
            problems.append(f"{page}: loads {SHIM}, which is not in the copy")
        if EXISTING_CSP.search(fixed):
            fixed = offline_policy(fixed, shim)
        if fixed != html:
            path.write_text(fixed, encoding="utf-8")
            done.rewritten += 1
        done.pages += 1
        done.online += online
    if problems:
        raise OfflineError("The offline copy would be broken:\n" + "\n".join(problems))
    return done


def _pages(site_dir: Path) -> Iterable[Path]:
    """Every HTML file of the site, in a stable order."""
    return sorted(site_dir.rglob("*.html"))
