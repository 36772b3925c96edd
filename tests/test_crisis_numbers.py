"""Crisis numbers: one data file, rendered everywhere, always a call or text link on screen.

`docs/_data/crisis-help.yml` is the only place a number is written. These tests read every
built page (and its embed form) and check that each phone number a reader can see is in that
file and sits inside a `tel:` or `sms:` link that dials it; then that a reader on a phone can
reach one in a tap from the first screen, with JavaScript on or off.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from jinja2 import FileSystemLoader

from tests.support.build import ROOT
from tests.support.theme import theme_environment
from wtiw.core.interface import LANGUAGES
from wtiw.core.problems import InputError
from wtiw.core.site import SiteFolders
from wtiw.core.yaml_reader import parse_document
from wtiw.crisis.edition import edition_crisis_help
from wtiw.crisis.markdown import markdown_list
from wtiw.crisis.numbers import (
    SERVICE_FIX,
    Action,
    CrisisHelp,
    Service,
    load_crisis_help,
    parse_crisis_help,
    site_crisis_help,
)

DATA = ROOT / "docs" / "_data" / "crisis-help.yml"
# Something a reader would take for a phone number: 3 digits that are an emergency or crisis
# number, or 5 or more digits in groups (with spaces or hyphens). Dates are written in words.
PHONE_LIKE = re.compile(r"(?<![\w/.-])(?:911|999|112|000|988|111|9-8-8|\d[\d -]{3,}\d)(?![\w/.-])")
SKIPPED = {"script", "style", "svg", "code", "pre", "time", "title"}

# Every check of a date is against this day, not the clock: the tests pass on any day.
TODAY = date(2026, 12, 7)


BLOCKS = {"p", "li", "dd", "dt", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption"}


class _NumberFinder(HTMLParser):
    """Phone-like text in a page: in a tel:/sms: link, or next to one, or on its own.

    A number may be named outside its link ("988 Suicide & Crisis Lifeline: call 988") when
    the same paragraph or list item has a link that dials it.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skipping = 0
        self.link: str | None = None
        self.blocks: list[tuple[list[str], set[str]]] = [([], set())]
        self.outside: list[str] = []
        self.linked: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED:
            self.skipping += 1
        if tag in BLOCKS:
            self.blocks.append(([], set()))
        if tag == "a":
            href = dict(attrs).get("href") or ""
            self.link = href if href.startswith(("tel:", "sms:")) else None
            if self.link:
                self.blocks[-1][1].add(digits(self.link))

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        if tag == "a":
            self.link = None
        if tag in BLOCKS and len(self.blocks) > 1:
            self._close_block()

    def close(self) -> None:
        super().close()
        while self.blocks:
            self._close_block()

    def _close_block(self) -> None:
        named, dialled = self.blocks.pop()
        self.outside += [number for number in named if digits(number) not in dialled]

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        for match in PHONE_LIKE.findall(data):
            number = match.strip()
            if self.link:
                self.linked.append((number, self.link))
            else:
                self.blocks[-1][0].append(number)


def numbers_in(html: str) -> _NumberFinder:
    """Every phone-like number in a page, by whether a call or text link holds it."""
    finder = _NumberFinder()
    finder.feed(html)
    finder.close()
    return finder


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


@pytest.fixture(scope="module")
def crisis() -> CrisisHelp:
    return load_crisis_help(DATA)


def built_pages(site_dir: Path) -> list[Path]:
    """Every page a reader can open, and every embed form."""
    return sorted(site_dir.rglob("*.html"))


def test_every_number_on_the_site_is_in_the_file_and_a_link(site_dir: Path, crisis: CrisisHelp):
    known = crisis.numbers()
    unlinked: list[str] = []
    unknown: list[str] = []
    seen: set[str] = set()
    for path in built_pages(site_dir):
        name = path.relative_to(site_dir).as_posix()
        found = numbers_in(path.read_text(encoding="utf-8"))
        unlinked += [f"{name}: {number}" for number in found.outside]
        for number, href in found.linked:
            if digits(href) not in known or digits(number) != digits(href):
                unknown.append(f"{name}: {number} -> {href}")
            seen.add(digits(href))
    assert not unlinked, f"numbers shown without a call or text link: {unlinked}"
    assert not unknown, f"links not dialling a number from crisis-help.yml: {unknown}"
    # The Spanish edition's own lines (docs/_data/es/crisis-help.yml) are not on English pages.
    spanish = edition_crisis_help(
        SiteFolders(ROOT / "docs" / "es", ROOT / "overrides", DATA.parent, "es"), ROOT
    )
    listed = {a.digits for found in spanish.lists.values() for s in found for a in s.actions}
    never = known - seen - listed
    assert not never, f"numbers in crisis-help.yml no edition shows: {never}"


def test_the_help_page_has_the_text_abuse_and_under_18_lines(site_dir: Path):
    html = (site_dir / "help-now" / "index.html").read_text(encoding="utf-8")
    for href in ("sms:85258", "sms:50808", "sms:0477131114", "tel:18007997233", "tel:08001111"):
        assert f'href="{href}"' in html, href


def test_urgent_outcomes_and_handouts_show_the_first_numbers(site_dir: Path, crisis: CrisisHelp):
    guide = (site_dir / "guide" / "index.html").read_text(encoding="utf-8")
    page = (site_dir / "talk-to-your-therapist" / "index.html").read_text(encoding="utf-8")
    handout = page[page.index("data-wtiw-handout") :]
    for service in (*crisis.lists["urgent"], *crisis.lists["emergency"]):
        for action in service.actions:
            link = f'href="{action.href}">{action.label if service.name else action.number}</a>'
            assert link in handout, link
            urgent = guide[guide.index('id="get-help-now"') :]
            assert link in urgent[: urgent.index("</section>")], link


# A call or text link, marked where it starts and ends, in a page's text with tags removed.
LINK_START, LINK_END = "\x01", "\x02"
CALL_LINK = re.compile(r"<a\b[^>]*\bhref=\"(?:tel|sms):[^>]*>(.*?)</a>", re.DOTALL)
BLOCK_TAG = re.compile(r"</?(?:p|li|ul|ol|div|dd|dt|h[1-6]|td|th|br|section|main|body)\b[^>]*>")
# What may stand next to a number a reader sees: a space, a bracket or punctuation after it.
BEFORE_OK = ' \n(“"' + LINK_END
AFTER_OK = ' \n.,;:)”"' + LINK_START


def run_together(html: str) -> list[str]:
    """Call and text links whose text runs into the words next to it ("or000", ",999")."""
    marked = CALL_LINK.sub(lambda m: LINK_START + m.group(1) + LINK_END, html)
    text = unescape(re.sub(r"<[^>]+>", "", BLOCK_TAG.sub("\n", marked)))
    found = []
    for match in re.finditer(f"{LINK_START}([^{LINK_END}]*){LINK_END}", text):
        before = text[match.start() - 1] if match.start() else " "
        after = text[match.end()] if match.end() < len(text) else " "
        if before not in BEFORE_OK or after not in AFTER_OK:
            found.append(text[max(0, match.start() - 12) : match.end() + 12].strip())
    return found


def test_every_call_or_text_link_reads_apart_from_the_words_around_it(site_dir: Path):
    """The built text says "999 (UK), 112 (…) or 000", never "or000" (the minifier's trap)."""
    joined = [
        f"{path.relative_to(site_dir).as_posix()}: {snippet!r}"
        for path in built_pages(site_dir)
        for snippet in run_together(path.read_text(encoding="utf-8"))
    ]
    assert not joined, f"numbers run into the words next to them: {joined[:10]}"


def test_numbers_run_together_are_found():
    """Control: the trap the minifier set, found; the same words with spaces, not."""
    bad = 'or<a href="tel:000">000</a> (Australia) and (UK),<a href="tel:112">112</a>'
    assert len(run_together(bad)) == 2
    good = '<p>or <a href="tel:000">000</a> (Australia).</p><li><a href="tel:1">1</a></li>'
    assert run_together(good) == []


def test_a_number_outside_a_link_is_found():
    """Control: plain text numbers are caught, dates and step counts are not."""
    found = numbers_in(
        "<p>Call 116 123 or 988 today.</p><p>Reviewed 25 November 2026; 6 to 20 sessions.</p>"
        '<li>Lifeline 13 11 14: <a href="tel:131114">call 13 11 14</a></li>'
        '<li>988 Lifeline: <a href="tel:911">call 911</a></li>'
        '<script>var x = "0800 1111";</script>'
    )
    assert found.outside == ["116 123", "988", "988"]
    assert found.linked == [("13 11 14", "tel:131114"), ("911", "tel:911")]


FILE = """checked: 2026-11-25
services:
  one: {where: UK, name: A line, call: "116 123"}
  two: {where: UK, call: "99x"}
lists:
  urgent: [one, three]
"""


def test_a_bad_file_names_each_problem_with_its_line_and_fix():
    with pytest.raises(InputError) as caught:
        parse_crisis_help(parse_document(FILE, "crisis-help.yml"), TODAY)
    report = str(caught.value)
    assert "crisis-help.yml:4:" in report
    assert "digits, spaces and hyphens" in report
    assert "crisis-help.yml:6:" in report
    assert "no service has the id `three`" in report
    assert "add the list `emergency:`" in report


def test_markdown_lists_dial_the_digits_and_name_the_keyword(crisis: CrisisHelp):
    text = markdown_list(crisis, "text", only="text")
    assert "[text SHOUT to 85258](sms:85258)" in text
    assert "[text 0477 13 11 14](sms:0477131114)" in text
    assert "tel:" not in text
    with pytest.raises(ValueError, match="has no list `nowhere`"):
        markdown_list(crisis, "nowhere")


DATED = """checked: 2026-11-25
services:
  one: {where: UK, name: A line, call: "116 123", note: for ages 16 and over}
  two: {where: UK, call: "111", source: "http://example.org/", checked: "soon"}
lists:
  urgent: [one]
  emergency: [one]
"""


def test_a_service_note_is_shown_and_its_source_and_date_are_checked():
    with pytest.raises(InputError) as caught:
        parse_crisis_help(parse_document(DATED, "crisis-help.yml"), TODAY)
    assert re.search(r"crisis-help\.yml:4:\d+: `source` of `two`", str(caught.value))
    # Control: with an https:// source and a real date, the file reads, and the note shows.
    fixed = DATED.replace("http://", "https://").replace('"soon"', "2026-12-01")
    good = parse_crisis_help(parse_document(fixed, "crisis-help.yml"), TODAY)
    assert good.checked_on(good.services["two"]).isoformat() == "2026-12-01"
    assert good.checked_on(good.services["one"]).isoformat() == "2026-11-25"
    assert "[call 116 123](tel:116123) (for ages 16 and over)." in markdown_list(good, "urgent")


def test_the_help_page_covers_all_four_uk_nations_and_ireland(crisis: CrisisHelp):
    """Issue 22: lines for Scotland, Wales and Northern Ireland, and Ireland's suicide line."""
    places = {service.where for service in crisis.lists["uk-and-ireland"]}
    assert {"England", "Scotland", "Wales", "Northern Ireland", "Ireland"} <= places
    abuse = {service.where for service in crisis.lists["abuse"]}
    assert {"England", "Scotland", "Wales", "Northern Ireland"} <= abuse


# A service that got past the checks with markup in every field (the checks refuse each of
# these: tests/test_bad_input.py); escaping must still keep it text wherever it is shown.
EVIL = Service(
    "evil",
    where="<b>UK</b>",
    name="[Shout](https://evil.example/)",
    actions=(Action("text", "85258", "SHOUT](https://evil.example/) [x"),),
)
LINKS = re.compile(r"<a [^>]*href=\"([^\"]*)\"")


def evil_help(crisis: CrisisHelp) -> CrisisHelp:
    """The crisis numbers with the bad service in every list."""
    return CrisisHelp(crisis.checked, {"evil": EVIL}, {"urgent": (EVIL,), "emergency": (EVIL,)})


def rendered(markdown_text: str) -> str:
    """Markdown as the help page renders it."""
    return markdown.markdown(markdown_text, extensions=["md_in_html"])


def test_every_field_is_escaped_wherever_it_is_shown(crisis: CrisisHelp):
    bad = evil_help(crisis)
    help_page = rendered(markdown_list(bad, "urgent"))
    shown = [help_page]
    # The theme's Jinja, like MkDocs', does not autoescape: the partial must escape, in
    # each edition's words.
    for language in LANGUAGES:
        theme = theme_environment(FileSystemLoader(ROOT / "overrides"), language)
        partial = theme.get_template("partials/site/crisis-numbers.html")
        shown += [str(partial.module.panel(bad, "Need help now?")), str(partial.module.line(bad))]
    for html in shown:
        assert set(LINKS.findall(html)) == {"sms:85258"}, html
        assert "<b>" not in html, html


def test_unescaped_fields_would_make_a_link_control():
    """Control: the same keyword put into Markdown as it is makes a link to another site."""
    action = EVIL.actions[0]
    assert "https://evil.example/" in LINKS.findall(rendered(f"- [{action.label}]({action.href})"))


# Phones: the smallest in use, and the 390 px phone the site is walked on; JavaScript on and off.
PHONES = [
    pytest.param(320, 568, True, id="320-js"),
    pytest.param(320, 568, False, id="320-no-js"),
    pytest.param(390, 844, True, id="390-js"),
    pytest.param(390, 844, False, id="390-no-js"),
]
ON_FIRST_SCREEN = """selector => [...document.querySelectorAll(selector)]
  .filter(element => {
    const box = element.getBoundingClientRect();
    return box.width > 0 && box.top >= 0 && box.bottom <= innerHeight;
  })
  .map(element => element.getAttribute("href"))"""


@pytest.mark.browser
@pytest.mark.parametrize(("width", "height", "javascript"), PHONES)
def test_crisis_help_is_one_tap_from_the_first_screen(
    browser, site_url: str, crisis: CrisisHelp, width: int, height: int, javascript: bool
):
    """Arriving at the urgent outcome, or deep in a page, a reader sees a way to call."""
    context = browser.new_context(
        viewport={"width": width, "height": height}, java_script_enabled=javascript
    )
    page = context.new_page()
    try:
        page.goto(f"{site_url}guide/#get-help-now")
        page.wait_for_load_state("load")
        shown = page.evaluate(ON_FIRST_SCREEN, "#get-help-now .wtiw-crisis-numbers a[href^='tel:']")
        # The emergency numbers come first in the panel; on the smallest phone the crisis
        # lines follow just below, and the header's Help now link is always there.
        first = crisis.lists["emergency"][0].actions[0].href
        assert first in shown, f"{first} is not on the first screen: {shown}"
        if height >= 844:
            expected = {s.actions[0].href for s in crisis.lists["urgent"]}
            expected |= {s.actions[0].href for s in crisis.lists["emergency"]}
            assert expected <= set(shown), f"numbers below the fold: {expected - set(shown)}"
        help_now = page.evaluate(ON_FIRST_SCREEN, "[data-wtiw-header-help]")
        assert help_now == ["../help-now/"], "the header's Help now link is on screen"
        # A therapist's link to a section lands far down a page; the header link stays.
        page.goto(f"{site_url}when-therapy-feels-hard/#distress-or-harm")
        page.wait_for_load_state("load")
        assert page.evaluate("scrollY") > 0
        help_now = page.evaluate(ON_FIRST_SCREEN, "[data-wtiw-header-help]")
        assert help_now == ["../help-now/"], "the header's Help now link is on screen"
    finally:
        context.close()


LISTED = """checked: 2026-11-25
services:
  named: {where: UK, name: A line, call: "116 123", text: "85 258", keyword: SHOUT, note: all day}
  bare: {where: US, call: "911"}
lists:
  urgent: [named, bare]
  emergency: [bare]
"""


def test_markdown_lists_word_each_service_as_the_help_page_shows_it():
    """Every way a list is worded: with or without the place, named or not, call or text only."""
    crisis = parse_crisis_help(parse_document(LISTED, "crisis-help.yml"), TODAY)
    block = '<div class="wtiw-crisis-list" markdown>\n\n{}\n\n</div>\n'
    both = "[call 116 123](tel:116123) or [text SHOUT to 85 258](sms:85258) (all day)"
    assert markdown_list(crisis, "urgent") == block.format(
        f"- UK: A line, {both}.\n- US: [call 911](tel:911)."
    )
    assert markdown_list(crisis, "urgent", where=False) == block.format(
        f"- **A line:** {both}.\n- [Call 911](tel:911)."
    )
    assert markdown_list(crisis, "urgent", where=False, only="call") == block.format(
        "- **A line:** [call 116 123](tel:116123) (all day).\n- [Call 911](tel:911)."
    )
    with pytest.raises(ValueError, match=r"^the service `bare` has no `text` number$"):
        markdown_list(crisis, "urgent", only="text")
    with pytest.raises(ValueError, match=r"has no list `none` \(it has: emergency, urgent\)$"):
        markdown_list(crisis, "none")


def test_the_site_reads_the_file_again_only_when_it_changes(tmp_path: Path):
    """The plugin and macros share one read; an edited file (a changed number) is read anew."""
    path = tmp_path / "crisis-help.yml"
    path.write_text(LISTED, encoding="utf-8")
    first = site_crisis_help(path)
    assert site_crisis_help(path) is first, "read once while the file is unchanged"
    # A new size too: two writes within one clock tick may share a modification time.
    path.write_text(LISTED.replace('call: "911"', 'call: "999"') + "# checked\n", encoding="utf-8")
    changed = site_crisis_help(path)
    assert changed is not first
    assert changed.services["bare"].actions[0].number == "999"
    assert site_crisis_help(path) is changed


def test_a_broken_file_is_named_as_the_site_names_it(tmp_path: Path):
    path = tmp_path / "crisis-help.yml"
    path.write_text(LISTED.replace('call: "911"', 'call: "9x1"'), encoding="utf-8")
    with pytest.raises(InputError, match=r"docs/_data/crisis-help\.yml:4:"):
        site_crisis_help(path, "docs/_data/crisis-help.yml")


EVERY_MISTAKE = """checked: 2026-11-25
services:
  plain: 3
  odd: {where: UK, call: "111", colour: red}
  nowhere: {call: "111"}
  silent: {where: UK}
  blank: {where: UK, call: "111", name: "  "}
  unsourced: {where: UK, call: "111", source: "http://x"}
  undated: {where: UK, call: "111", checked: 2026-02-30x}
  good: {where: UK, name: A line, call: "116 123", note: all day, source: "https://e.org/",
         checked: 2026-12-01, text: "85258", keyword: SHOUT}
lists:
  urgent: [good, missing]
  emergency: good
"""


def test_every_mistake_in_the_file_is_named_at_its_place_with_the_fix():
    with pytest.raises(InputError) as caught:
        parse_crisis_help(parse_document(EVERY_MISTAKE, "crisis-help.yml"), TODAY)
    fix = f": {SERVICE_FIX}."
    assert [str(problem) for problem in caught.value.problems] == [
        f"crisis-help.yml:3:3: the service `plain` is not right{fix}",
        f"crisis-help.yml:4:3: the service `odd` is not right{fix}",
        f"crisis-help.yml:5:3: the service `nowhere` is not right{fix}",
        f"crisis-help.yml:6:3: the service `silent` has no number{fix}",
        f"crisis-help.yml:7:41: `name` of `blank`{fix}",
        f"crisis-help.yml:8:47: `source` of `unsourced`{fix}",
        f"crisis-help.yml:9:46: `checked` of `undated`{fix}",
        "crisis-help.yml:13:18: no service has the id `missing`: use one of the ids under "
        "`services:`.",
        "crisis-help.yml:14:14: expected a list of service ids.",
    ]
    with pytest.raises(InputError) as caught:
        parse_crisis_help(parse_document("checked: 2026-11-25\nlists: {}\n", "c.yml"), TODAY)
    assert [str(problem) for problem in caught.value.problems] == [
        f"c.yml:1:1: expected `services:`; {SERVICE_FIX}.",
        "c.yml:2:8: add the list `emergency:` (a list of service ids).",
        "c.yml:2:8: add the list `urgent:` (a list of service ids).",
    ]
    with pytest.raises(InputError) as caught:
        parse_crisis_help(parse_document("services: 3\nchecked: soon\nlists: {}\n", "c.yml"), TODAY)
    assert [str(problem) for problem in caught.value.problems][:2] == [
        f"c.yml:1:11: expected `services:`; {SERVICE_FIX}.",
        "c.yml:2:10: `checked` must be the date the numbers were last checked, YYYY-MM-DD.",
    ]


GOOD_SERVICE = """checked: 2026-11-25
services:
  good: {where: UK, name: A line, call: "116 123", note: all day, source: "https://e.org/",
         checked: 2026-12-01, text: "85258", keyword: SHOUT}
lists:
  urgent: [good]
  emergency: [good]
"""


def test_a_good_service_keeps_every_field():
    crisis = parse_crisis_help(parse_document(GOOD_SERVICE, "crisis-help.yml"), TODAY)
    (good,) = crisis.lists["urgent"]
    assert (good.where, good.name, good.note, good.source) == (
        "UK",
        "A line",
        "all day",
        "https://e.org/",
    )
    assert crisis.checked_on(good).isoformat() == "2026-12-01"
    assert [(a.kind, a.number, a.keyword) for a in good.actions] == [
        ("call", "116 123", ""), ("text", "85258", "SHOUT")
    ]  # fmt: skip


# A fixed day, so the review limits are tried exactly at their edges whatever the date.
ONE_SERVICE = """checked: {checked}
services:
  one: {entry}
lists:
  urgent: [one]
  emergency: [one]
"""
PLAIN = "{where: UK, call: 116 123}"


def read_back(entry: str = PLAIN, checked: object = TODAY) -> tuple[list[str], list[str]]:
    """The problems (if the file fails) or else the warnings, for a file with one service."""
    text = ONE_SERVICE.format(checked=checked, entry=entry)
    try:
        crisis = parse_crisis_help(parse_document(text, "c.yml"), TODAY)
    except InputError as error:
        return [str(problem) for problem in error.problems], []
    return [], [str(warning) for warning in crisis.warnings]


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        (
            '{where: UK, text: "85258", keyword: "  "}',
            f"c.yml:3:44: `keyword` of `one`: {SERVICE_FIX}.",
        ),
        ('{where: UK, call: "111", note: ""}', f"c.yml:3:39: `note` of `one`: {SERVICE_FIX}."),
        (
            '{where: UK, text: "85258", keyword: SHOUT now}',
            "c.yml:3:44: `keyword` of `one` must be one word of letters and digits, as a reader "
            "types it into a text message (for example keyword: SHOUT).",
        ),
        (
            '{where: <b>UK</b>, call: "111"}',
            "c.yml:3:16: `where` of `one`: HTML (the signs < and >) at character 1 is not "
            "allowed: this field is plain text: write words only, without markup.",
        ),
        (
            '{where: UK, name: "[Shout](https://e.org/)", call: "111"}',
            "c.yml:3:26: `name` of `one`: a Markdown link (square brackets) at character 1 is not "
            "allowed: this field is plain text: write words only, without markup.",
        ),
        (
            '{where: UK, call: "111", note: all *day*}',
            "c.yml:3:39: `note` of `one`: Markdown formatting (the signs ` * _ ~ \\ |) at "
            "character 5 is not allowed: this field is plain text: write words only, without "
            "markup.",
        ),
    ],
    ids=["blank-keyword", "blank-note", "two-word-keyword", "where-html", "name-link", "note-md"],
)
def test_each_text_field_and_keyword_is_refused_at_its_place_word_for_word(
    entry: str, problem: str
):
    """An editor's slip in a name, note or keyword names the field, the line and the fix."""
    assert read_back(entry) == ([problem], [])


def test_a_one_word_keyword_of_letters_and_digits_is_fine():
    """Control for the keyword rule: a word a phone can type reads, and is what the link asks."""
    crisis = parse_crisis_help(
        parse_document(
            ONE_SERVICE.format(checked=TODAY, entry='{where: UK, text: "85258", keyword: Shout2}'),
            "c.yml",
        ),
        TODAY,
    )
    assert crisis.services["one"].actions == (Action("text", "85258", "Shout2"),)


def test_a_service_without_optional_fields_leaves_them_empty():
    """No name, note, source or date given: empty text (never None or a placeholder)."""
    crisis = parse_crisis_help(
        parse_document(ONE_SERVICE.format(checked=TODAY, entry=PLAIN), "c.yml"), TODAY
    )
    assert crisis.services["one"] == Service("one", "UK", "", (Action("call", "116 123"),))
    assert crisis.warnings == ()


FUTURE = (
    "`checked` must be the date the numbers were last checked, YYYY-MM-DD; {} is in the future."
)
DUE = (
    "the numbers were last checked on {}, more than six months ago: check them against each "
    "service's own website and update `checked` (a year is the limit)."
)
TOO_OLD = (
    "the numbers were last checked on {}, more than a year ago. Check every number against the "
    "service's own website, then set `checked` to today's date."
)


@pytest.mark.parametrize(
    ("days_ago", "problem", "warning"),
    [
        (-1, FUTURE, None),
        (0, None, None),
        (183, None, None),
        (184, None, DUE),
        (366, None, DUE),
        (367, TOO_OLD, None),
    ],
)
@pytest.mark.parametrize("place", ["file", "service"])
def test_the_check_date_is_held_to_six_months_and_a_year_at_each_edge(
    place: str, days_ago: int, problem: str | None, warning: str | None
):
    """Today is fine, tomorrow is refused; 183 days is not due, 184 is; 366 reads, 367 fails.

    The same limits hold for the file's date and for a service's own date, each reported at
    its own line and column.
    """
    checked = TODAY - timedelta(days=days_ago)
    if place == "file":
        found, at = read_back(checked=checked), "c.yml:1:10"
    else:
        found, at = read_back(f'{{where: UK, call: "111", checked: {checked}}}'), "c.yml:3:42"
    assert found == (
        [f"{at}: {problem.format(checked)}"] if problem else [],
        [f"{at}: {warning.format(checked)}"] if warning else [],
    )


def test_a_quoted_check_date_reads_as_the_date():
    """`checked: "2026-11-25"` (quoted, so YAML leaves it text) is the same day."""
    crisis = parse_crisis_help(
        parse_document(ONE_SERVICE.format(checked='"2026-11-25"', entry=PLAIN), "c.yml"), TODAY
    )
    assert crisis.checked == date(2026, 11, 25)


SEVERAL_DATES = """checked: 2026-05-01
services:
  bare: {where: UK, call: "111"}
  older: {where: UK, call: "116 123", checked: 2026-05-20}
  oldest: {where: UK, call: "999", checked: 2026-02-01}
lists:
  urgent: [bare, older, oldest]
  emergency: [bare]
"""


def test_every_due_date_is_warned_about_each_at_its_own_line():
    """The file's date and each service's own: every one due is named, none hides another."""
    crisis = parse_crisis_help(parse_document(SEVERAL_DATES, "c.yml"), TODAY)
    assert [str(warning) for warning in crisis.warnings] == [
        f"c.yml:1:10: {DUE.format('2026-05-01')}",
        f"c.yml:4:48: {DUE.format('2026-05-20')}",
        f"c.yml:5:45: {DUE.format('2026-02-01')}",
    ]


def test_a_bad_list_does_not_hide_the_problems_of_the_next():
    with pytest.raises(InputError) as caught:
        parse_crisis_help(
            parse_document(
                "checked: 2026-11-25\nservices:\n  one: {where: UK, call: '111'}\n"
                "lists:\n  emergency: 3\n  urgent: [one, missing]\n",
                "c.yml",
            ),
            TODAY,
        )
    assert [str(problem) for problem in caught.value.problems] == [
        "c.yml:5:14: expected a list of service ids.",
        "c.yml:6:17: no service has the id `missing`: use one of the ids under `services:`.",
    ]


def test_an_empty_or_missing_file_says_what_it_should_hold(tmp_path: Path):
    path = tmp_path / "crisis-help.yml"
    label = "docs/_data/crisis-help.yml"
    with pytest.raises(InputError) as caught:
        site_crisis_help(path, label)
    assert str(caught.value) == (
        f"{label}:1:1: the file is missing. Restore it (git checkout -- {label}) or check the path."
    )
    path.write_text("# nothing yet\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_crisis_help(path, label)
    assert (
        str(caught.value)
        == f"{label}:1:1: the file is empty: it needs the crisis and support numbers."
    )
