"""Bad input, one table: every broken or malicious input, each with the line it must produce.

Each row changes one file in a copy of the project (or deletes it) and names the message that
must come out, at the file, line and column where the change is. Rows run one of three ways:

- `check`: the checking functions the build calls, in-process (data files, front matter);
- `build`: a real `mkdocs build --strict` of that copy, which must fail with the line, exit
  non-zero, print no traceback and write no page;
- `pages`: one real build of a copy in which every `pages` row breaks its own page (page
  content is checked after Markdown, so it needs the build), reporting each at once.

The line is found from the change, never typed in, so edits to the content do not break it.
"""

from __future__ import annotations

import re
import resource
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.support.build import BuildResult, build
from tests.support.changes import append, front, replace
from wtiw.core.problems import InputError
from wtiw.core.site import SiteFolders
from wtiw.crisis.numbers import load_crisis_help
from wtiw.guide.page import check_guide
from wtiw.pages.front_matter import check_page, expansion_problems

GUIDE = "docs/_data/guide.yaml"
OPTIONS = "docs/_data/options.yaml"
CRISIS = "docs/_data/crisis-help.yml"
ROUTES = "docs/_data/links/guide-routes.txt"
TODAY = date.today()
# A front matter of nested aliases: a few hundred bytes that expand to a billion strings.
ALIAS_BOMB = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n' + "".join(
    f"{name}: &{name} [{', '.join([f'*{before}'] * 9)}]\n"
    for before, name in zip("abcdefgh", "bcdefghi", strict=True)
)
# A second `plugins:` key, which YAML would let replace the first (and drop ours).
SECOND_PLUGINS = "plugins:\n  - search\n  - macros:\n      modules: [wtiw.macros]\n"


@dataclass(frozen=True)
class BadInput:
    """One bad input: the file changed (None deletes it), the message, and how it is run."""

    name: str
    file: str
    change: Callable[[str], str] | None
    words: str
    # Text of the changed file on the reported line (default: the whole file's first line).
    marker: str = ""
    column: int | None = None
    via: str = "check"
    extra: dict[str, str] = field(default_factory=dict)


def day(offset: int) -> str:
    """Today moved by `offset` days, as YAML writes a date."""
    return (TODAY + timedelta(days=offset)).isoformat()


BAD_INPUTS = [
    # ── Guide and options text is plain text (item 4) ──
    BadInput(
        "guide-html-in-a-title", GUIDE,
        replace("title: Are you safe right now?", 'title: "Are you <b>safe</b> right now?"'),
        "'title': HTML (the signs < and >)", marker="<b>safe</b>",
    ),
    BadInput(
        "guide-markdown-link-in-a-label", GUIDE,
        replace(r"^(\s+label: )(.+)$", r'\1"[\2](https://evil.example/)"', pattern=True),
        "'label': a Markdown link (square brackets)", marker="(https://evil.example/)",
    ),
    BadInput(
        "guide-jinja-in-a-label", GUIDE,
        replace(r"^(\s+label: )(.+)$", r'\1"\2 {{ config.site_url }}"', pattern=True),
        "'label': a Jinja tag", marker="{{ config.site_url }}",
    ),
    BadInput(
        "guide-entity-in-a-title", GUIDE,
        replace("title: Are you safe right now?", 'title: "Are you safe&#x3f;"'),
        "'title': an HTML entity", marker="safe&#x3f;",
    ),
    BadInput(
        "guide-markdown-emphasis", GUIDE,
        replace("title: Are you safe right now?", 'title: "Are you **safe** right now?"'),
        "'title': Markdown formatting", marker="**safe**",
    ),
    BadInput(
        "options-markdown-in-a-source-title", OPTIONS,
        replace(r'^(\s+- title: ")', r"\1[x](https://evil.example/) ", pattern=True),
        "'title': a Markdown link", marker="(https://evil.example/)",
    ),
    BadInput(
        "options-html-in-benefits", OPTIONS,
        replace(r"^(\s+benefits:\n\s+- )(.+)$", r'\1"<img src=x> \2"', pattern=True),
        "'benefits': HTML", marker="<img src=x>",
    ),
    BadInput(
        "guide-zero-width-space", GUIDE,
        replace("title: Are you safe right now?", "title: Are you safe\u200b right now?"),
        "the invisible character U+200B (ZERO WIDTH SPACE)", marker="\u200b", column=24,
    ),
    BadInput(
        "guide-right-to-left-mark", GUIDE,
        replace("title: Are you safe right now?", "title: Are you \u200fsafe right now?"),
        "the invisible character U+200F (RIGHT-TO-LEFT MARK)", marker="\u200f", column=20,
    ),
    BadInput(
        "guide-byte-order-mark-mid-text", GUIDE,
        replace("title: Are you safe right now?", "title: Are you safe\ufeff right now?"),
        "the invisible character U+FEFF", marker="\ufeff", column=24,
    ),
    BadInput(
        "guide-escaped-zero-width-space", GUIDE,
        replace("title: Are you safe right now?", 'title: "Are you safe\\u200B right now?"'),
        "the invisible character U+200B", marker="\\u200B",
    ),
    # ── Empty files name what they should hold (item 8) ──
    BadInput(
        "options-empty", OPTIONS, lambda _: "",
        "the file is empty: it needs the options outcomes weigh", column=1,
    ),
    BadInput(
        "crisis-help-empty", CRISIS, lambda _: "",
        "the file is empty: it needs the crisis and support numbers", column=1,
    ),
    # ── Crisis numbers: validated, reported in crisis-help.yml (items 3 and 10) ──
    BadInput(
        "crisis-keyword-link", CRISIS,
        replace("keyword: SHOUT", 'keyword: "SHOUT](https://evil.example/) [x"'),
        "`keyword` of `shout` must be one word of letters and digits", marker="evil.example",
    ),
    BadInput(
        "crisis-name-markdown-link", CRISIS,
        replace("name: Shout,", 'name: "[Shout](https://evil.example/)",'),
        "`name` of `shout`: a Markdown link", marker="evil.example",
    ),
    BadInput(
        "crisis-where-html", CRISIS,
        replace("{where: UK, name: Shout,", '{where: "<b>UK</b>", name: Shout,'),
        "`where` of `shout`: HTML", marker="<b>UK</b>",
    ),
    BadInput(
        "crisis-name-jinja", CRISIS,
        replace("name: Samaritans,", 'name: "{{ config }}",'),
        "`name` of `samaritans`: a Jinja tag", marker="{{ config }}",
    ),
    BadInput(
        "crisis-number-with-letters", CRISIS,
        replace('call: "116 123"', 'call: "116 123 x"'),
        "`call` of `samaritans`: each service needs", marker="116 123 x",
    ),
    BadInput(
        "crisis-checked-in-the-future", CRISIS,
        replace(r"^checked: .*$", f"checked: {day(7)}", pattern=True),
        "is in the future", marker="checked:", column=10,
    ),
    BadInput(
        "crisis-checked-over-a-year-ago", CRISIS,
        replace(r"^checked: .*$", f"checked: {day(-367)}", pattern=True),
        "more than a year ago", marker="checked:", column=10,
    ),
    BadInput(
        "crisis-checked-eight-months-ago-warns", CRISIS,
        replace(r"^checked: .*$", f"checked: {day(-240)}", pattern=True),
        "warning: ", marker="checked:", column=10,
        extra={"words": "more than six months ago"},
    ),
    # ── Front matter (items 7 and 8) ──
    BadInput(
        "front-matter-anchor-and-alias", "docs/about.md",
        front("a: &a [x, x]\nb: [*a, *a]\n"),
        "YAML aliases (*a) are not allowed", marker="b: [*a", column=5,
    ),
    BadInput(
        "front-matter-bad-date-has-a-column", "docs/about.md",
        replace(r"^next_review: .*$", "next_review: 2027-02-30", pattern=True),
        "2027-02-30 is not a real date", marker="next_review:", column=14,
    ),
    BadInput(
        "front-matter-review-order-has-a-column", "docs/about.md",
        replace(r"^next_review: .*$", "next_review: 2020-01-01", pattern=True),
        "next_review 2020-01-01 must come after last_reviewed", marker="next_review:", column=1,
    ),
    BadInput(
        "front-matter-source-url-on-its-own-line", "docs/about.md",
        replace("url: https://", "url: http://"),
        "needs a `url` starting with https://", marker="url: http://",
    ),
    BadInput(
        "front-matter-unclosed", "docs/about.md",
        replace(r"(?<=\n)---\n", "", pattern=True),
        "the front matter that starts here has no closing `---` line", column=1,
    ),
    BadInput(
        "page-zero-width-space-in-the-text", "docs/about.md",
        append("\nA zero\u200bwidth space.\n"),
        "the invisible character U+200B", marker="zero\u200bwidth", column=7,
    ),
    # ── Whole builds: one clear line, no traceback, no half-built site (items 5, 7, 8) ──
    # The guide check meets it first, at the outcome that shows its numbers (issue 23).
    BadInput(
        "crisis-help-missing", CRISIS, None,
        "the file is missing. Restore it", column=1, via="build",
    ),
    BadInput(
        "guide-missing", GUIDE, None, "the file is missing. Restore it", column=1, via="build"
    ),
    BadInput(
        "mkdocs-duplicate-plugins-key", "mkdocs.yml",
        append(SECOND_PLUGINS),
        "duplicate key 'plugins': it is already set on line", marker=SECOND_PLUGINS, column=1,
        via="build",
    ),
    BadInput(
        "mkdocs-without-the-wtiw-plugin", "mkdocs.yml",
        replace(r"^  - wtiw\n", "", pattern=True),
        "the `wtiw` plugin is not in `plugins:`", marker="plugins:\n  - search", column=1,
        via="build",
    ),
    BadInput(
        "page-missing-snippet", "docs/about.md",
        append('\n--8<-- "no-such-snippet.md"\n'),
        "Snippet at path 'no-such-snippet.md' could not be found", marker="--8<--", via="build",
    ),
    BadInput(
        "guide-step-renamed-without-approval", GUIDE,
        lambda text: text.replace("still-not-sure", "still-unsure"),
        "the published step 'still-not-sure' is not in", via="build",
        extra={"file": ROUTES, "marker": "still-not-sure"},
    ),
    BadInput(
        "guide-routes-garbage", ROUTES, lambda _: "garbage\n",
        "this line is neither", column=1, via="build",
    ),
    BadInput(
        "guide-routes-missing", ROUTES, None,
        "the approved routes are missing", column=1, via="build",
    ),
    BadInput(
        "crisis-keyword-link-in-a-build", CRISIS,
        replace("keyword: SHOUT", 'keyword: "SHOUT](https://evil.example/) [x"'),
        "must be one word of letters and digits", marker="evil.example", via="build",
    ),
    BadInput(
        "front-matter-alias-bomb", "docs/about.md", front(ALIAS_BOMB),
        "YAML anchors (&a) are not allowed", marker="a: &a", column=4, via="build",
    ),
    # ── Page content against the allowlist: one build, each on its own page (item 6) ──
    *(
        BadInput(f"page-{name}", f"docs/{page}", append(f"\n{html}\n"), words,
                 marker=html.split("\n")[0], via="pages")
        for name, page, html, words in [
            ("meta-refresh", "about.md",
             '<meta http-equiv="refresh" content="0; url=https://evil.example/">',
             "<meta> is not allowed in a page"),
            ("base", "privacy.md", '<base href="https://evil.example/">',
             "<base> is not allowed in a page"),
            ("external-script", "look-at-the-timeline.md",
             '<script src="https://evil.example/x.js"></script>',
             "<script> with attributes (such as src"),
            ("third-party-iframe", "check-your-expectations.md",
             '<iframe src="https://evil.example/"></iframe>', "<iframe> is not allowed"),
            ("object", "ask-about-medication.md",
             '<object data="https://evil.example/x.swf"></object>', "<object> is not allowed"),
            ("embed", "when-therapy-feels-hard.md", '<embed src="https://evil.example/x.swf">',
             "<embed> is not allowed"),
            ("form-posting-off-site", "talk-to-your-therapist.md",
             '<form action="https://evil.example/"><input name="q"></form>',
             "<form> is not allowed"),
            ("ping", "consider-a-new-therapist.md",
             '<a href="https://www.nhs.uk/" ping="https://evil.example/">NHS</a>',
             "the attribute ping on <a> is not allowed"),
            ("javascript-url-with-an-entity", "help-now.md",
             '<a href="&#106;avascript:alert(1)">x</a>', "is a javascript: address"),
            ("javascript-url-with-a-tab", "check-in.md",
             '<a href="java&#x09;script:alert(1)">x</a>', "is a javascript: address"),
            ("svg-xlink-href", "self-checks.md",
             '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
             "the attribute xlink:href on <a> is not allowed"),
            ("javascript-url-mixed-case", "if-you-decide-to-stop.md",
             '<a href=" JaVaScRiPt:alert(1)">x</a>', "is a javascript: address"),
            ("iframe-inside-a-template", "make-changes-outside-sessions.md",
             '<template><iframe src="https://evil.example/"></iframe></template>',
             "<iframe> is not allowed"),
            ("svg-animate", "for-professionals.md",
             '<svg><a href="#top"><animate attributeName="href" to="javascript:alert(1)"/>'
             "<text>x</text></a></svg>",
             "<animate> is not allowed"),
        ]
    ),
]  # fmt: skip
BY_WAY = {way: [row for row in BAD_INPUTS if row.via == way] for way in ("check", "build", "pages")}


def apply(row: BadInput, project: Path) -> None:
    """Make `row`'s change in the copy of the project at `project`."""
    path = project / row.file
    if row.change is None:
        path.unlink()
    else:
        path.write_text(row.change(path.read_text(encoding="utf-8")), encoding="utf-8")


def expected_place(row: BadInput, project: Path) -> str:
    """`FILE:LINE:` (and the column when the row names one) where the message must point."""
    file = row.extra.get("file", row.file)
    marker = row.extra.get("marker", row.marker)
    path = project / file
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    line = text.count("\n", 0, text.index(marker)) + 1 if marker else 1
    return f"{file}:{line}:" + (f"{row.column}:" if row.column else "")


def reported(lines: list[str], row: BadInput, project: Path) -> bool:
    """Whether one of `lines` is the row's message at its place, with a column."""
    place = expected_place(row, project)
    words = row.extra.get("words", "")
    # A one-line build error comes after MkDocs' "ERROR   -  " (or click's "Error: ").
    at = re.compile(rf"^(ERROR +- +|Error: |warning: )?{re.escape(place)}(\d+:)? ")
    return any(
        at.match(line) and row.words in line and words in line and re.search(r":\d+:\d+: ", line)
        for line in lines
    )


def checked_lines(project: Path, file: str) -> list[str]:
    """What the build's checks say about `file` in the copy, run in-process."""
    docs = project / "docs"
    try:
        if file in (GUIDE, OPTIONS):
            folders = SiteFolders(docs, project / "overrides")
            check_guide(folders.guide_tree, docs, folders.guide_routes, (GUIDE, ROUTES))
        elif file == CRISIS:
            found = load_crisis_help(project / CRISIS, CRISIS)
            return [f"warning: {warning}" for warning in found.warnings]
        else:
            source = (project / file).read_text(encoding="utf-8")
            return [*expansion_problems(file, source), *check_page(file, source, today=TODAY)]
    except InputError as error:
        return [str(problem) for problem in error.problems]
    return []


def changed_copy(pristine: Path, destination: Path, rows: list[BadInput]) -> Path:
    """A copy of the project with every row's change made."""
    shutil.copytree(pristine, destination)
    for row in rows:
        apply(row, destination)
    return destination


def test_the_untouched_copy_passes_every_check(pristine: Path):
    """Control: the checks that must fail below pass on the project as it is."""
    for file in {row.file for row in BY_WAY["check"]}:
        lines = checked_lines(pristine, file)
        assert not [line for line in lines if not line.startswith("warning: ")], lines


@pytest.mark.parametrize("row", BY_WAY["check"], ids=lambda row: row.name)
def test_a_bad_input_is_named_at_its_place(row: BadInput, pristine: Path, tmp_path: Path):
    project = changed_copy(pristine, tmp_path / "project", [row])
    lines = checked_lines(project, row.file)
    assert reported(lines, row, project), (
        f"wanted {expected_place(row, project)} {row.words}: {lines}"
    )


def limited_memory() -> None:
    """At most 2 GB for a build: an expanded alias bomb fails instead of eating the machine."""
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


def assert_fails_cleanly(result: BuildResult) -> None:
    """A failed build: non-zero, no traceback, no page written."""
    assert result.returncode != 0, result.output
    assert "Traceback" not in result.output, result.output
    assert not list(result.site_dir.rglob("*.html")), "half-built site"


@pytest.mark.parametrize("row", BY_WAY["build"], ids=lambda row: row.name)
def test_a_bad_input_stops_the_build_with_one_clear_line(
    row: BadInput, pristine: Path, tmp_path: Path
):
    project = changed_copy(pristine, tmp_path / "project", [row])
    result = build(project, tmp_path / "site", preexec_fn=limited_memory)
    assert_fails_cleanly(result)
    lines = result.output.splitlines()
    assert reported(lines, row, project), f"wanted {expected_place(row, project)} {row.words}"
    assert "help-now.md" not in result.output, "data errors are reported in their own file"


@pytest.fixture(scope="module")
def pages_build(
    pristine: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, BuildResult]:
    """One build of a copy in which each `pages` row breaks its own page."""
    folder = tmp_path_factory.mktemp("bad-pages")
    project = changed_copy(pristine, folder / "project", BY_WAY["pages"])
    return project, build(project, folder / "site")


def test_the_pages_of_bad_content_each_break_their_own_page():
    pages = [row.file for row in BY_WAY["pages"]]
    assert len(set(pages)) == len(pages), "one row per page, so each line names its row"


@pytest.mark.parametrize("row", BY_WAY["pages"], ids=lambda row: row.name)
def test_page_content_outside_the_allowlist_fails_the_build(
    row: BadInput, pages_build: tuple[Path, BuildResult]
):
    project, result = pages_build
    assert_fails_cleanly(result)
    assert reported(result.output.splitlines(), row, project), result.output
