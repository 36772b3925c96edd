"""The options outcomes weigh (docs/_data/options.yaml, src/wtiw/guide/options.py).

Bad input gives `FILE:LINE:COLUMN: what, how to fix` (never a traceback); each lint rule
fails on a small broken copy and passes its control; the built guide shows the options.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from wtiw.cli import main
from wtiw.core.problems import InputError, Problem
from wtiw.core.readability import MAX_GRADE
from wtiw.core.safety_language import findings
from wtiw.core.site import PROJECT
from wtiw.core.yaml_reader import load_document
from wtiw.guide.graph import answers_leading_to
from wtiw.guide.model import Outcome, Question
from wtiw.guide.options import (
    MAX_MATTERS,
    Matters,
    Source,
    check_balance,
    check_constraint_answers,
    check_constraint_paths,
    check_matters_matter,
    check_not_right_for,
    check_option_grade,
    check_option_language,
    check_option_pages,
    check_outcome_options,
    lint_options,
    load_options,
    option_grade,
    options_path_for,
)
from wtiw.guide.page_links import LinkIndex
from wtiw.guide.validate import load_tree

ROOT = Path(__file__).resolve().parents[1]
OPTIONS = ROOT / options_path_for(PROJECT.guide_tree)
# The real options, without the guide answers they name (the small guide below has others).
OPTIONS_TEXT = re.sub(
    r"    not_right_for:\n(?:      - .*\n)+", "", OPTIONS.read_text(encoding="utf-8")
)
URGENT_WITHOUT_COMPARISON = {"get-help-now"}
# A small guide: one question, two outcomes that weigh options (ids from the real file).
GUIDE = """\
start: first-question
steps:
  - id: first-question
    type: question
    title: Is therapy helping?
    answers:
      - key: "yes"
        label: "Yes"
        next: some-change
      - key: cannot-switch
        label: I can't switch therapist
        next: talk-first
      - key: not-sure
        label: I'm not sure
        next: some-change
  - id: some-change
    type: outcome
    title: Some change
    options: [new-therapist, change-within]
    meaning: Small steps count.
    try:
      - Write down one thing that helped.
    ask:
      - Can we talk about it?
    links:
      - page: help-now.md
        text: Need help now?
  - id: talk-first
    type: outcome
    title: Talk first
    options: [change-within, new-therapist]
    meaning: Not being sure is normal.
    try:
      - Notice how you feel for a week.
    ask:
      - Can we talk about how it is going?
    links:
      - page: help-now.md
        text: Need help now?
"""


def write(folder: Path, guide: str = GUIDE, options: str = OPTIONS_TEXT) -> Path:
    """A guide and its options file in `folder`; the guide's path."""
    (folder / "guide.yaml").write_text(guide, encoding="utf-8")
    (folder / "options.yaml").write_text(options, encoding="utf-8")
    return folder / "guide.yaml"


def replaced(old: str, new: str, text: str = OPTIONS_TEXT) -> str:
    """`text` with one piece replaced."""
    assert old in text, old
    return text.replace(old, new, 1)


def line_of(text: str, needle: str) -> int:
    """The 1-based line of the first line of `text` containing `needle`."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} is not in the text")


def problems_of(guide_path: Path, docs_dir: Path | None = None) -> list[Problem]:
    """Every problem of a guide and its options file (none if it is good)."""
    try:
        load_tree(guide_path, docs_dir=docs_dir)
    except InputError as error:
        return error.problems
    return []


# ── Reading and checking ───────────────────────────────────────────────────────────────


def test_the_shipped_options_load_with_every_field():
    catalog = load_options(OPTIONS)
    assert len(catalog.options) >= 6
    assert {"keep-going", "change-within", "new-therapist", "pause-or-end"} <= set(catalog.options)
    assert {"cant-switch", "keep-therapist"} <= set(catalog.matters)
    for option in catalog.options.values():
        assert option.benefits, option.id
        assert option.downsides, option.id
        assert option.sources, option.id
        assert all(source.url.startswith("https://") for source in option.sources)


def test_the_good_guide_and_options_pass(tmp_path: Path):
    assert problems_of(write(tmp_path)) == []
    tree = load_tree(tmp_path / "guide.yaml", docs_dir=None)
    assert tree.catalog is not None
    outcome = tree.steps["talk-first"]
    assert isinstance(outcome, Outcome)
    assert outcome.options == ("change-within", "new-therapist")


@pytest.mark.parametrize(
    ("old", "new", "needle", "words"),
    [
        (
            "    involves: >-\n      You carry on",
            "    involvez: >-\n      You carry on",
            "involvez",
            ["unknown field 'involvez'", "Did you mean 'involves'?"],
        ),
        (
            "    like: >-\n      Your sessions",
            "    liked: >-\n      Your sessions",
            "liked:",
            ["'like' is missing"],
        ),
        (
            "url: https://doi.org/10.1037/0003-066X.41.2.159",
            "url: http://example.org",
            "http://example.org",
            ["https://"],
        ),
        (
            "    fits: [keep-therapist, cost, no-medication, one-to-one]",
            "    fits: [keep-therapist, costs]",
            "costs",
            ["'costs' is not a value", "'cost'"],
        ),
        (
            "    not_if: [no-waiting]",
            "    not_if: [no-wait]",
            "no-wait]",
            ["'no-wait' is not a value or constraint", "'no-waiting'"],
        ),
        (
            "    benefits:\n      - Nothing new",
            "    benefits: Nothing new\n    x:\n      - Nothing",
            "benefits: Nothing",
            ["'benefits' must be a list"],
        ),
    ],
)
def test_a_broken_options_file_is_reported_at_its_line(tmp_path, old, new, needle, words):
    text = replaced(old, new)
    problems = problems_of(write(tmp_path, options=text))
    assert problems, text
    assert all(problem.file.endswith("options.yaml") for problem in problems)
    line = line_of(text, needle.rstrip("\n"))
    assert line in [problem.line for problem in problems], "\n".join(map(str, problems))
    for word in words:
        assert any(word in problem.message for problem in problems), (word, problems)


def test_a_repeated_option_id_is_reported_at_the_second(tmp_path):
    text = replaced("  - id: pause-or-end", "  - id: different-type")
    (problem,) = problems_of(write(tmp_path, options=text))
    assert problem.line == line_of(text, "title: Plan a pause or an ending") - 1
    assert "'different-type' is already used" in problem.message


def test_a_yaml_error_in_the_options_names_the_file_and_line(tmp_path):
    text = replaced("    title: Look for a new therapist", "    title: Look: for a new therapist")
    (problem,) = problems_of(write(tmp_path, options=text))
    assert problem.file.endswith("options.yaml")
    assert problem.line == line_of(text, "Look: for")
    assert 'Put quotes around text that contains ": "' in problem.message


def test_an_unknown_option_in_the_guide_fails_at_its_line(tmp_path):
    guide = GUIDE.replace("[change-within, new-therapist]", "[change-within, new-therapists]")
    (problem,) = problems_of(write(tmp_path, guide=guide))
    assert problem.file.endswith("guide.yaml")
    assert problem.line == line_of(guide, "new-therapists")
    assert "'new-therapists' is not an option" in problem.message
    assert "Did you mean 'new-therapist'?" in problem.message


def test_options_without_an_options_file_fail_at_the_outcome(tmp_path):
    (tmp_path / "guide.yaml").write_text(GUIDE, encoding="utf-8")
    problems = problems_of(tmp_path / "guide.yaml")
    assert [p.line for p in problems] == [
        line_of(GUIDE, "[new-therapist, change-within]"),
        line_of(GUIDE, "[change-within, new-therapist]"),
    ]
    assert problems[0].message == (
        "this outcome lists options, but there is no options.yaml beside the guide. Create it, "
        "or remove 'options'."
    )


def test_an_outcome_needs_two_options_if_any(tmp_path):
    guide = GUIDE.replace("[change-within, new-therapist]", "[change-within]")
    (problem,) = problems_of(write(tmp_path, guide=guide))
    assert problem.line == line_of(guide, "[change-within]")
    assert "'options' needs at least 2" in problem.message


def test_an_option_that_links_to_a_missing_section_fails(tmp_path):
    text = replaced("    anchor: give-it-time", "    anchor: give-it-tim")
    problems = problems_of(write(tmp_path, options=text), docs_dir=ROOT / "docs")
    (problem,) = [p for p in problems if p.file.endswith("options.yaml")]
    assert problem.line == line_of(text, "give-it-tim")
    assert "Did you mean 'give-it-time'?" in problem.message
    control = problems_of(write(tmp_path), docs_dir=ROOT / "docs")
    assert not [p for p in control if p.file.endswith("options.yaml")]


def test_the_command_line_reports_a_bad_options_file_without_a_traceback(tmp_path, capsys):
    text = replaced("    like: >-\n      Your sessions", "    liked: >-\n      Your sessions")
    status = main(["check", str(write(tmp_path, options=text)), "--docs-dir", str(ROOT / "docs")])
    captured = capsys.readouterr()
    assert status == 1
    assert "Traceback" not in captured.err
    assert re.search(r"options\.yaml:\d+:\d+: ", captured.err), captured.err


def test_too_many_choices_are_refused(tmp_path):
    extra = "".join(
        f"  - id: extra-{n}\n    label: Extra {n}\n    said: extra {n}\n"
        for n in range(MAX_MATTERS)
    )
    text = replaced("constraints:\n", f"constraints:\n{extra}")
    problems = problems_of(write(tmp_path, options=text))
    assert any("the page can show" in p.message for p in problems)


# ── Editorial lint, each rule with its control ─────────────────────────────────────────


def catalog_of(tmp_path: Path, text: str):
    """The checked catalog of an options text."""
    (tmp_path / "options.yaml").write_text(text, encoding="utf-8")
    return load_options(tmp_path / "options.yaml")


def test_the_shipped_options_pass_every_rule():
    tree = load_tree()
    document = load_document(PROJECT.guide_tree)
    assert tree.catalog is not None
    assert check_balance(tree.catalog) == []
    assert check_option_language(tree.catalog) == []
    assert check_option_grade(tree.catalog) == []
    assert check_outcome_options(tree, document) == []
    assert check_constraint_paths(tree, document) == []
    assert check_constraint_answers(tree, document) == []
    assert check_not_right_for(tree, document) == []
    assert check_matters_matter(tree, document) == []


def test_unbalanced_benefits_and_downsides_are_reported(tmp_path):
    longer = (
        "      - Nothing new to set up, and no extra cost. You also keep the same day and time,"
        " the same room and the same person."
    )
    text = replaced("      - Nothing new to set up, and no extra cost.", longer)
    (problem,) = check_balance(catalog_of(tmp_path, text))
    assert problem.line == line_of(text, "Nothing new to set up") - 1
    assert "within a quarter" in problem.message
    assert "Shorten the benefits" in problem.message
    assert check_balance(catalog_of(tmp_path, OPTIONS_TEXT)) == []


def test_a_promise_in_an_option_is_reported(tmp_path):
    text = replaced(
        "      - A better fit can make it easier to open up.",
        "      - A better fit will help you open up.",
    )
    problems = check_option_language(catalog_of(tmp_path, text))
    assert [p.line for p in problems] == [line_of(text, "will help you open up")]


def test_a_long_sentence_in_an_option_is_reported(tmp_path):
    long = " ".join(["word"] * 30) + "."
    text = replaced(
        "      You are struggling a lot right now, or you feel unsafe.", f"      {long}"
    )
    problems = check_option_language(catalog_of(tmp_path, text))
    assert any("30 words" in p.message for p in problems)


def test_hard_words_in_an_option_are_reported(tmp_path):
    dense = (
        "Psychotherapeutic interventions necessitate comprehensive multidimensional "
        "evaluation incorporating longitudinal symptomatological considerations."
    )
    text = replaced(
        "      One or two last sessions to look back, and a plan for what to do if "
        "you need help again.",
        f"      {dense}",
    )
    (problem,) = check_option_grade(catalog_of(tmp_path, text))
    assert "'pause-or-end' reads at grade" in problem.message


def test_an_outcome_without_options_is_reported(tmp_path):
    guide = GUIDE.replace("    options: [new-therapist, change-within]\n", "")
    tree = load_tree(write(tmp_path, guide=guide), docs_dir=None)
    document = load_document(tmp_path / "guide.yaml")
    (problem,) = check_outcome_options(tree, document)
    assert problem.line == line_of(guide, "id: some-change")
    tree = load_tree(write(tmp_path), docs_dir=None)
    assert check_outcome_options(tree, load_document(tmp_path / "guide.yaml")) == []


def test_a_cannot_switch_path_that_suggests_switching_first_is_reported(tmp_path):
    guide = GUIDE.replace("[change-within, new-therapist]", "[new-therapist, change-within]")
    tree = load_tree(write(tmp_path, guide=guide), docs_dir=None)
    problems = check_constraint_paths(tree, load_document(tmp_path / "guide.yaml"))
    assert [p.line for p in problems] == [line_of(guide, "id: talk-first") + 3]
    assert "you can't switch therapist" in problems[0].message
    tree = load_tree(write(tmp_path), docs_dir=None)
    assert check_constraint_paths(tree, load_document(tmp_path / "guide.yaml")) == []


# ── Variants, answers a card does not fit, boxes that start ticked ───────────────────

SHIPPED_GUIDE = PROJECT.guide_tree.read_text(encoding="utf-8")
SHIPPED_OPTIONS = OPTIONS.read_text(encoding="utf-8")


def shipped_problems(tmp_path: Path, guide: tuple[str, str] = ("", ""), options=("", "")):
    """Problems of the shipped guide and options, each with one text replaced, in `tmp_path`."""
    guide_text = replaced(*guide, text=SHIPPED_GUIDE) if guide[0] else SHIPPED_GUIDE
    options_text = replaced(*options, text=SHIPPED_OPTIONS) if options[0] else SHIPPED_OPTIONS
    path = write(tmp_path, guide_text, options_text)
    crisis = PROJECT.guide_tree.with_name("crisis-help.yml").read_text(encoding="utf-8")
    (tmp_path / "crisis-help.yml").write_text(crisis, encoding="utf-8")
    return problems_of(path, docs_dir=ROOT / "docs"), guide_text, options_text


def test_the_shipped_copy_passes(tmp_path):
    """Control for the tests below: each problem they see comes from their edit."""
    assert shipped_problems(tmp_path)[0] == []


def test_a_variant_takes_every_field_it_does_not_give():
    catalog = load_options(OPTIONS)
    base, variant = catalog.options["new-therapist"], catalog.options["new-therapist-after-harm"]
    assert variant.variant_of == "new-therapist"
    assert (variant.like, variant.time_and_cost, variant.page, variant.anchor) == (
        base.like,
        base.time_and_cost,
        base.page,
        base.anchor,
    )
    assert variant.sources == base.sources
    assert variant.involves != base.involves
    assert "cant-switch" in base.not_if
    assert "cant-switch" not in variant.not_if
    # It rewords `not_right_when` without `not_right_for`: it fits every reader, then.
    assert base.not_right_for
    assert not variant.not_right_for
    # One that keeps `not_right_when` keeps the answers it describes.
    watch = catalog.options["keep-going-and-watch"]
    assert watch.not_right_for == catalog.options["keep-going"].not_right_for


def test_a_variant_of_an_unknown_option_is_reported_at_its_line(tmp_path):
    text = replaced("    variant_of: keep-going", "    variant_of: keep-goin")
    (problem,) = problems_of(write(tmp_path, options=text))
    assert problem.line == line_of(text, "variant_of: keep-goin")
    assert "'keep-goin' is not a full option (not a variant). Did you mean 'keep-going'?" in (
        problem.message
    )


def test_a_problem_in_a_variant_is_reported_where_it_is_written(tmp_path):
    long = "      - Some weeks may stay hard for a while, and some may feel worse before they ease."
    text = replaced("      - Some weeks may stay hard for a while.", long)
    (problem,) = check_balance(catalog_of(tmp_path, text))
    assert "'keep-going-and-watch'" in problem.message
    variant = line_of(text, "id: keep-going-and-watch")
    assert (
        problem.line
        == variant + line_of(text[text.index("id: keep-going-and") :], "downsides:") - 1
    )


@pytest.mark.parametrize(
    ("entry", "words"),
    [
        ("first-question/maybe", "'maybe' is not an answer key of 'first-question'"),
        ("first-questio/yes", "'first-questio' is not a question in the guide"),
        ("first-question", "does not name a guide answer"),
    ],
)
def test_not_right_for_names_a_real_answer(tmp_path, entry, words):
    text = replaced(
        "      You are struggling a lot right now, or you feel unsafe.\n",
        "      You are struggling a lot right now, or you feel unsafe.\n"
        f"    not_right_for: [{entry}]\n",
    )
    (problem,) = problems_of(write(tmp_path, options=text))
    assert problem.line == line_of(text, f"not_right_for: [{entry}]")
    assert words in problem.message
    control = text.replace(f"[{entry}]", "[first-question/not-sure]")
    assert problems_of(write(tmp_path, options=control)) == []


def test_a_card_that_says_it_does_not_fit_the_reader_is_refused(tmp_path):
    """The example of issue 21: 'a few sessions' on early-days, reached by 'Fewer than six'."""
    edit = ("options: [keep-going, change-within]\n", "options: [keep-going, different-type]\n")
    problems, guide, _ = shipped_problems(tmp_path, guide=edit)
    (problem,) = problems
    assert problem.file.endswith("guide.yaml")
    assert problem.line == line_of(guide, "options: [keep-going, different-type]")
    assert "'different-type' says it may not be right" in problem.message
    assert "'how-long / under-six' (\"Fewer than about six\")" in problem.message


def test_a_card_the_readers_own_answer_moves_last_may_stay_with_its_note(tmp_path):
    """'I can't switch': the new-therapist card stays, last, because its box starts ticked.

    Without the constraint's answer key (so no box is ticked on arrival) the same card is a
    card that describes its reader, and is refused.
    """
    assert "new-therapist" in TREE.steps["make-it-work-together"].options
    edit = ("    answers: [cannot-switch]\n", "    answers: []\n")
    problems, _, _ = shipped_problems(tmp_path, options=edit)
    assert [p for p in problems if "'new-therapist' says it may not be right" in p.message]


def test_a_constraint_answer_into_a_shared_outcome_is_refused(tmp_path):
    """The box would start ticked for a reader who answered 'No, not yet'."""
    old = "I have not really said it in words yet\n        next: repair-the-relationship"
    problems, guide, _ = shipped_problems(
        tmp_path, guide=(old, old.replace("repair-the-relationship", "make-it-work-together"))
    )
    # The box no longer starts ticked there, so the new-therapist card is refused too.
    (problem,) = [p for p in problems if "says it may not be right" not in p.message]
    assert problem.line == line_of(guide, "next: make-it-work-together")
    assert "shows the 'cant-switch' box ticked" in problem.message
    assert "'said-how-it-feels / not-said-plainly' also leads there" in problem.message


def test_an_option_text_a_harmed_reader_reaches_is_refused(tmp_path):
    edit = ("new-therapist-after-harm]\n", "new-therapist-after-harm, pause-or-end]\n")
    problems, _, options = shipped_problems(tmp_path, guide=edit)
    assert problems
    assert all(p.file.endswith("options.yaml") for p in problems), problems
    # reported at its field, `involves: >-`, the line above the text
    assert line_of(options, "You agree with your therapist") - 1 in [p.line for p in problems]
    assert "offered by 'boundary-concern'" in problems[0].message


def test_matters_is_for_urgent_outcomes_and_must_change_something(tmp_path):
    edit = ("    matters: [no-medication, cost]\n", "    matters: [no-medication, cant-switch]\n")
    problems, guide, _ = shipped_problems(tmp_path, guide=edit)
    assert problems == []  # a known box: valid, but it changes nothing here (lint)
    tree = load_tree(tmp_path / "guide.yaml", docs_dir=None)
    (problem,) = check_matters_matter(tree, load_document(tmp_path / "guide.yaml"))
    assert problem.line == line_of(guide, "matters: [no-medication, cant-switch]")
    assert "'cant-switch' changes nothing here" in problem.message
    problems, guide, _ = shipped_problems(
        tmp_path, guide=("    matters: [no-medication, cost]\n", "    matters: [no-medicine]\n")
    )
    (problem,) = problems
    assert "'no-medicine' is not a value or constraint. Did you mean 'no-medication'?" in (
        problem.message
    )
    assert problem.line == line_of(guide, "matters: [no-medicine]")
    edit = (
        "options: [keep-going, change-within]\n",
        "options: [keep-going, change-within]\n    matters: [cost]\n",
    )
    (problem,), guide, _ = shipped_problems(tmp_path, guide=edit)
    assert (problem.line, problem.message) == (
        line_of(guide, "    matters: [cost]"),
        "only an urgent outcome chooses its 'What matters to you' boxes; other outcomes "
        "offer every one. Remove 'matters', or mark the outcome urgent.",
    )


# ── The shipped guide ──────────────────────────────────────────────────────────────────


TREE = load_tree()


def test_every_answer_that_says_cannot_switch_leads_away_from_switching_first():
    catalog = TREE.catalog
    assert catalog is not None
    keys = set(catalog.matters["cant-switch"].answers)
    reached = [
        TREE.steps[answer.next]
        for question in TREE.questions
        for answer in question.answers
        if answer.key in keys
    ]
    assert reached, "no answer says the reader cannot switch"
    for outcome in reached:
        assert isinstance(outcome, Outcome)
        assert outcome.options[0] != "new-therapist", outcome.id


def test_urgent_outcomes_show_crisis_first_and_boundaries_never_suggest_staying():
    crisis = TREE.steps["get-help-now"]
    boundary = TREE.steps["boundary-concern"]
    assert isinstance(crisis, Outcome)
    assert isinstance(boundary, Outcome)
    assert crisis.options == ()
    assert boundary.options
    assert not {"keep-going", "change-within"} & set(boundary.options)


class _Cards(HTMLParser):
    """Collect each outcome's option cards: title, points and links, in page order."""

    def __init__(self) -> None:
        super().__init__()
        self.step: str | None = None
        self.cards: dict[str, list[dict]] = {}
        self.card: dict | None = None
        self.list: str | None = None
        self.heading = ""
        self.in_heading = False

    def handle_starttag(self, tag: str, attrs: list) -> None:
        found = dict(attrs)
        if tag in ("section", "h3"):  # the list of options has ended
            self.card = None
        if tag == "section" and found.get("data-step") == "outcome":
            self.step = found["id"]
            self.cards[self.step] = []
        if tag == "li" and "data-option" in found and self.step:
            self.card = {
                "id": found["data-option"],
                "place": found["data-place"],
                "good": [],
                "weigh": [],
                "hrefs": [],
            }
            self.cards[self.step].append(self.card)
        if self.card is not None:
            if tag == "h5":
                self.in_heading, self.heading = True, ""
            if tag == "li" and self.list:
                self.card[self.list].append(1)
            if tag == "a":
                self.card["hrefs"].append(found.get("href", ""))

    def handle_data(self, data: str) -> None:
        if self.in_heading:
            self.heading += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "h5" and self.in_heading:
            self.in_heading = False
            self.list = {"Good points": "good", "Things to weigh up": "weigh"}.get(self.heading)
        if tag == "ul" and self.list:
            self.list = None


def test_every_outcome_in_the_built_guide_shows_its_options(site_dir: Path):
    page = site_dir / "guide" / "index.html"
    parser = _Cards()
    parser.feed(page.read_text(encoding="utf-8"))
    ids_cache: dict[Path, str] = {}
    for step in TREE.outcomes:
        cards = [card for card in parser.cards[step.id] if card["place"] != "later"]
        if step.id in URGENT_WITHOUT_COMPARISON:
            assert cards == [], step.id
            continue
        assert [card["id"] for card in cards] == list(step.options), step.id
        assert len(cards) >= 2, step.id
        for card in cards:
            assert card["good"], (step.id, card["id"])
            assert card["weigh"], (step.id, card["id"])
            internal = [href for href in card["hrefs"] if not href.startswith("https://")]
            assert len(internal) == 1, card
            target = urlsplit(urljoin("https://x.test/guide/", internal[0]))
            file = site_dir / target.path.lstrip("/") / "index.html"
            assert file.is_file(), internal[0]
            text = ids_cache.setdefault(file, file.read_text(encoding="utf-8"))
            assert f'id="{target.fragment}"' in text, internal[0]


def test_the_first_option_is_marked_suggested_in_words(site_dir: Path):
    html = (site_dir / "guide" / "index.html").read_text(encoding="utf-8")
    section = html[html.index('id="repair-the-relationship"') :]
    section = section[: section.index("</section>")]
    first = section[section.index("data-option=") :]
    assert first.startswith('data-option="change-within"')
    assert "Suggested for you" in first[: first.index("</li>")]
    # Every card carries the label and CSS shows it on the first card displayed only, so
    # that exactly one shows is checked in Chromium (tests/test_guide_suggested_browser.py).


def test_each_reader_situation_weighs_its_own_options():
    """Issue 21: the readers the site most needs to protect get cards written for them."""
    options = {outcome.id: outcome.options for outcome in TREE.outcomes}
    assert set(options["boundary-concern"]) == {
        "support-first",
        "stop-now",
        "report-or-complain",
        "new-therapist-after-harm",
    }
    assert options["drinking-or-drugs"][0] == "alcohol-drug-service"
    assert "medication-alcohol" in options["drinking-or-drugs"]
    assert "medication" not in options["drinking-or-drugs"]
    assert options["hard-but-helpful"][0] == "change-the-pace"
    assert "medication" in options["try-a-different-approach"]
    assert {"pause-or-end", "different-type"} <= set(options["after-a-long-time"])
    leading = answers_leading_to(TREE)
    assert leading["make-it-work-together"] == [("talked-about-relationship", "cannot-switch")]
    assert leading["after-a-long-time"] == [
        ("how-long", "year-or-more"),
        ("about-how-long", "year-or-more"),
    ]
    first = TREE.steps["what-feels-wrong"]
    assert isinstance(first, Question)
    (harmed,) = [answer for answer in first.answers if answer.key == "harmed"]
    assert (harmed.next, harmed.harm) == ("boundary-concern", True)


def test_a_missing_page_or_section_is_named_word_for_word_with_the_nearest(tmp_path):
    """An editor's typo in `page` or `anchor`: the line, the nearest real name, the fix."""
    text = replaced("    page: look-at-the-timeline.md", "    page: look-at-the-timelin.md")
    problems = problems_of(write(tmp_path, options=text), docs_dir=ROOT / "docs")
    (problem,) = [p for p in problems if p.file.endswith("options.yaml")]
    assert (problem.line, problem.message) == (
        line_of(text, "look-at-the-timelin.md"),
        "page 'look-at-the-timelin.md' does not exist in docs/. Did you mean "
        "'look-at-the-timeline.md'? Use the file name of an existing page.",
    )
    text = replaced("    page: look-at-the-timeline.md", "    page: zzzz.md")
    problems = problems_of(write(tmp_path, options=text), docs_dir=ROOT / "docs")
    (problem,) = [p for p in problems if p.file.endswith("options.yaml")]
    assert problem.message == (
        "page 'zzzz.md' does not exist in docs/. Use the file name of an existing page."
    )
    text = replaced("    anchor: give-it-time", "    anchor: zzzz")
    problems = problems_of(write(tmp_path, options=text), docs_dir=ROOT / "docs")
    (problem,) = [p for p in problems if p.file.endswith("options.yaml")]
    assert problem.line == line_of(text, "anchor: zzzz")
    assert problem.message.startswith(
        "page 'look-at-the-timeline.md' has no section with id 'zzzz'. Ids on that page: "
    )


# ── Word for word, on a small options file (each rule's exact place, message and edge) ──

# Two values, one constraint, two full options and a variant: small enough that each case
# below changes one thing and names every problem it expects, at its line and column.
SMALL = """\
values:
  - id: keep
    label: I want to keep my therapist
    said: >-
      you want to keep
      your therapist
  - id: cheap
    label: Cost matters a lot
    said: cost matters a lot to you
constraints:
  - id: stuck
    label: I can't switch therapist
    said: you can't switch therapist
    answers: [cannot-switch]
options:
  - id: stay
    title: >-
      Stay with
      it
    involves: You carry on.
    benefits:
      - No new cost.
    downsides:
      - It may not change.
    like: Sessions stay the same.
    time_and_cost: No new cost.
    not_right_when: You feel worse.
    page: a.md
    anchor: stay
    fits: [keep]
    not_if: []
    sources:
      - title: >-
          A
          source
        url: https://example.org/a
  - id: move
    title: Find someone new
    involves: You look for a new therapist.
    benefits:
      - A fresh start.
    downsides:
      - A long wait.
    like: You meet a few people.
    time_and_cost: It may cost more.
    not_right_when: You cannot switch.
    page: b.md
    anchor: move
    fits: [cheap]
    not_if: [stuck]
    sources:
      - title: B
        url: https://example.org/b
  - id: move-gently
    variant_of: move
    involves: You look, gently, for someone new.
"""


def small(*edits: tuple[str, str]) -> str:
    """The small options file with each (old, new) edit made once."""
    text = SMALL
    for old, new in edits:
        text = replaced(old, new, text)
    return text


def at(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """The 1-based (line, column) of `needle`'s `occurrence`-th time in `text`.

    A `|` in `needle` marks the place meant: `variant_of: |move` is where `move` starts.
    """
    before, _, _ = needle.partition("|")
    start = -1
    for _ in range(occurrence):
        start = text.index(needle.replace("|", ""), start + 1)
    start += len(before) if "|" in needle else 0
    line = text.count("\n", 0, start) + 1
    return line, start - (text.rfind("\n", 0, start) + 1) + 1


def refused(tmp_path: Path, text: str) -> list[tuple[int, int, str]]:
    """Every problem `load_options` raises for `text`: (line, column, message)."""
    (tmp_path / "options.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_options(tmp_path / "options.yaml")
    return [(p.line, p.column, p.message) for p in caught.value.problems]


def test_the_small_options_are_read_as_written_in_file_order(tmp_path):
    """Folded text, kinds, answers and each box's place (CSS pairs a box with its notes by it)."""
    catalog = catalog_of(tmp_path, SMALL)
    assert list(catalog.matters.values()) == [
        Matters("keep", "I want to keep my therapist", "you want to keep your therapist", "value"),
        Matters("cheap", "Cost matters a lot", "cost matters a lot to you", "value"),
        Matters(
            "stuck",
            "I can't switch therapist",
            "you can't switch therapist",
            "constraint",
            ("cannot-switch",),
        ),
    ]
    assert [m.index for m in catalog.matters.values()] == [1, 2, 3]
    stay, move, gently = catalog.options.values()
    assert (stay.title, stay.variant_of, stay.sources) == (
        "Stay with it",
        "",
        (Source("A source", "https://example.org/a"),),
    )
    assert (gently.variant_of, gently.involves, gently.like) == (
        "move",
        "You look, gently, for someone new.",
        move.like,
    )
    # A variant's own field is where it is written; an inherited one is the base's.
    assert catalog.where(gently, "involves") == ("options", 2, "involves")
    assert catalog.where(gently, "like", 0) == ("options", 1, "like", 0)
    assert catalog.where(stay, "like") == ("options", 0, "like")


def _extra_values(count: int) -> tuple[str, str]:
    """An edit adding `count` values after the first."""
    extra = "".join(
        f"  - id: extra-{n}\n    label: Extra {n}\n    said: extra {n}\n" for n in range(count)
    )
    return ("  - id: cheap\n", f"{extra}  - id: cheap\n")


@pytest.mark.parametrize(
    ("edits", "expected"),
    [
        pytest.param(
            [
                (
                    "  - id: cheap\n",
                    "  - id: keep\n    label: Again\n    said: again\n  - id: cheap\n",
                )
            ],
            [
                (
                    "keep\n    label: Again",
                    "the id 'keep' is already used by another value or "
                    "constraint. Each needs its own id.",
                )
            ],
            id="a repeated box, and the boxes after it still count",
        ),
        pytest.param(
            [
                (
                    "  - id: move-gently\n",
                    "  - id: stay\n    variant_of: move\n  - id: move-gently\n",
                ),
                (
                    "    involves: You look, gently",
                    "    fits: [zzz]\n    involves: You look, gently",
                ),
            ],
            [
                (
                    "stay\n    variant_of: move",
                    "the option id 'stay' is already used. Each option needs its own id.",
                ),
                ("zzz", "'zzz' is not a value in 'values'. Known: keep, cheap."),
            ],
            id="a repeated option, and a variant's own fits after it",
        ),
        pytest.param(
            [
                ("variant_of: move\n", "variant_of: mvoe\n"),
                (
                    "for someone new.\n",
                    "for someone new.\n  - id: later\n    variant_of: move\n    not_if: [zzz]\n",
                ),
            ],
            [
                (
                    "mvoe",
                    "'mvoe' is not a full option (not a variant). Did you mean 'move'? "
                    "Known: stay, move.",
                ),
                ("zzz", "'zzz' is not a value or constraint. Known: keep, cheap, stuck."),
            ],
            id="a variant of an unknown option, and a variant's own not_if after it",
        ),
        pytest.param(
            [
                (
                    "for someone new.\n",
                    "for someone new.\n  - id: gentler\n    variant_of: move-gently\n",
                )
            ],
            [
                (
                    "variant_of: |move-gently",
                    "'move-gently' is not a full option (not a variant). Known: stay, move.",
                )
            ],
            id="a variant of a variant",
        ),
        pytest.param(
            [("    fits: [cheap]", "    fits: [zzz]")],
            [("zzz", "'zzz' is not a value in 'values'. Known: keep, cheap.")],
            id="a base's unknown fits, reported once, not again for the variant that takes it",
        ),
        pytest.param(
            [_extra_values(8)],
            [
                (
                    "constraints:",
                    "there are 11 values and constraints; the page can show 10 at "
                    "most. Merge or remove some.",
                )
            ],
            id="one box too many, at the constraints key",
        ),
    ],
)
def test_a_bad_small_options_file_names_each_problem_where_it_is(tmp_path, edits, expected):
    """Every problem, none twice, none missed after the first: the editor fixes all at once."""
    text = small(*edits)
    assert refused(tmp_path, text) == [(*at(text, needle), message) for needle, message in expected]


def test_ten_boxes_fit_the_page(tmp_path):
    """The other side of the limit: exactly `MAX_MATTERS` boxes load."""
    assert len(catalog_of(tmp_path, small(_extra_values(7))).matters) == MAX_MATTERS


def test_options_that_are_all_variants_say_no_full_option_is_known(tmp_path):
    text = SMALL[: SMALL.index("options:")] + (
        "options:\n  - id: one\n    variant_of: ghost\n  - id: two\n    variant_of: ghost\n"
    )
    message = "'ghost' is not a full option (not a variant). Known: none."
    assert refused(tmp_path, text) == [
        (*at(text, "ghost", 1), message),
        (*at(text, "ghost", 2), message),
    ]


def test_a_bad_options_file_is_named_by_its_label_and_an_empty_one_says_what_it_needs(tmp_path):
    (tmp_path / "options.yaml").write_text("values: [\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_options(tmp_path / "options.yaml", "docs/_data/options.yaml")
    assert {p.file for p in caught.value.problems} == {"docs/_data/options.yaml"}
    (tmp_path / "options.yaml").write_text("", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_options(tmp_path / "options.yaml", "docs/_data/options.yaml")
    assert [p.message for p in caught.value.problems] == [
        "the file is empty: it needs the options outcomes weigh."
    ]


def test_a_missing_page_names_the_nearest_and_a_missing_section_lists_the_page_ids(tmp_path):
    """Every option with a bad `page` or `anchor` is named, a variant's at its base's line."""
    catalog = catalog_of(tmp_path, SMALL)
    wrong_page = (
        "page 'b.md' does not exist in docs/. Did you mean 'c.md'? "
        "Use the file name of an existing page."
    )
    index = LinkIndex({"a.md": frozenset({"stay"}), "c.md": frozenset()})
    assert [(p.line, p.column, p.message) for p in check_option_pages(catalog, index)] == [
        (*at(SMALL, "page: |b.md"), wrong_page),
        (*at(SMALL, "page: |b.md"), wrong_page),
    ]
    index = LinkIndex({"a.md": frozenset({"zeta", "other"}), "b.md": frozenset()})
    assert [(p.line, p.column, p.message) for p in check_option_pages(catalog, index)] == [
        (
            *at(SMALL, "anchor: |stay"),
            "page 'a.md' has no section with id 'stay'. Ids on that page: other, zeta.",
        ),
        (
            *at(SMALL, "anchor: |move"),
            "page 'b.md' has no section with id 'move'. Ids on that page: none.",
        ),
        (
            *at(SMALL, "anchor: |move"),
            "page 'b.md' has no section with id 'move'. Ids on that page: none.",
        ),
    ]


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        pytest.param(
            ("      - No new cost.", "      - No new cost at all here."),
            [
                (
                    "    |benefits:\n      - No new cost at all",
                    "the option 'stay' has 6 words of benefits and 4 of "
                    "downsides; keep them within a quarter of each other, so the option is weighed "
                    "fairly. Shorten the benefits or add to the downsides.",
                )
            ],
            id="more good than bad",
        ),
        pytest.param(
            ("      - A long wait.", "      - A long wait, maybe months."),
            [
                (
                    "    |downsides:\n      - A long wait",
                    f"the option '{name}' has 3 words of "
                    "benefits and 5 of downsides; keep them within a quarter of each other, so the "
                    "option is weighed fairly. Shorten the downsides or add to the benefits.",
                )
                for name in ("move", "move-gently")
            ],
            id="more bad than good, for the option and the variant that takes both",
        ),
        pytest.param(("", ""), [], id="3 words against 4: a quarter of 4 apart, still fair"),
    ],
)
def test_benefits_and_downsides_more_than_a_quarter_apart_are_reported(tmp_path, edit, expected):
    """At the longer field's key, the counts in words, and the fix; the boundary passes."""
    text = small(edit) if edit[0] else SMALL
    problems = check_balance(catalog_of(tmp_path, text))
    assert [(p.line, p.column, p.message) for p in problems] == [
        (*at(text, needle), message) for needle, message in expected
    ]


def test_option_language_is_checked_in_boxes_and_options_each_where_it_is_written(tmp_path):
    """Each finding at its place; 25 words pass, 26 not.

    A box's label is the reader's voice: a method word is reported, at its list; a hope
    ("I will feel better soon") is the reader's own and is not. An option's promise is.
    """
    sentence_of = " ".join(["word"] * 24)
    text = small(
        ("    label: I want to keep my therapist", "    label: I will feel better soon"),
        ("    label: Cost matters a lot", "    label: I'm just hanging on"),
        ("    label: I can't switch therapist", "    label: I had food poisoning"),
        (
            "    involves: You carry on.",
            f"    involves: {sentence_of} too. {sentence_of} too, yes.",
        ),
        ("    like: You meet a few people.", "    like: It will fix things."),
    )
    hanging, poisoning, promise = (
        findings(words)[0].message for words in ("hanging", "poisoning", "It will fix things.")
    )
    assert hanging.startswith('avoid "hanging": it names a method'), hanging
    assert findings("I will feel better soon")[0].rule.name == "promises"
    problems = check_option_language(catalog_of(tmp_path, text))
    assert [(p.line, p.column, p.message) for p in problems] == [
        (*at(text, "  |- id: keep"), hanging),
        (*at(text, "  |- id: stuck"), poisoning),
        (
            *at(text, "involves: |word"),
            "this sentence has 26 words; keep sentences to 25 words or fewer. Split it in two.",
        ),
        (*at(text, "like: |It will fix"), promise),  # the option's own
        (*at(text, "like: |It will fix"), promise),  # its variant's, which takes it
    ]


def test_a_hard_option_quotes_the_start_of_its_hardest_text(tmp_path):
    """The editor is pointed at the hardest field's first eight words, not the first field."""
    dense = (
        "Psychotherapeutic interventions necessitate comprehensive multidimensional "
        "evaluation incorporating longitudinal symptomatological considerations."
    )
    text = small(("    involves: You carry on.", f"    involves: {dense}"))
    (problem,) = check_option_grade(catalog_of(tmp_path, text))
    assert (problem.line, problem.column) == at(text, f"involves: |{dense}")
    assert re.fullmatch(
        r"the option 'stay' reads at grade \d+\.\d \(Flesch-Kincaid\); keep it at grade 6 or "
        r"below\. Use shorter sentences and everyday words, starting here: \"Psychotherapeutic "
        r"interventions necessitate comprehensive multidimensional evaluation incorporating "
        r"longitudinal…\"\.",
        problem.message,
    ), problem.message


# A small guide for the small options: an urgent answer first, then two outcomes.
SMALL_GUIDE = """\
start: ask
steps:
  - id: ask
    type: question
    title: Is therapy helping?
    answers:
      - key: unsafe
        label: I feel unsafe
        next: help-now
      - key: "yes"
        label: "Yes"
        next: weigh
      - key: cannot-switch
        label: I can't switch therapist
        next: stuck-here
  - id: help-now
    type: outcome
    urgent: true
    title: Get help now
    meaning: Please call a number above now.
    try:
      - Call a number above.
    ask:
      - Who can I call?
    links:
      - page: help-now.md
        text: Need help now?
  - id: weigh
    type: outcome
    title: Weigh it up
    options: [stay, move]
    meaning: Small steps count.
    try:
      - Write down one thing that helped.
    ask:
      - Can we talk about it?
    links:
      - page: help-now.md
        text: Need help now?
  - id: stuck-here
    type: outcome
    title: Make it work
    options: [stay, move]
    meaning: Small steps count.
    try:
      - Write down one thing that helped.
    ask:
      - Can we talk about it?
    links:
      - page: help-now.md
        text: Need help now?
"""


def small_guide(tmp_path: Path, guide: list[tuple[str, str]], options=()) -> tuple[list, str]:
    """Every problem of the small guide and options, each edited: (line, column, message)."""
    text = SMALL_GUIDE
    for old, new in guide:
        text = replaced(old, new, text)
    problems = problems_of(write(tmp_path, text, small(*options)))
    return [(p.line, p.column, p.message) for p in problems], text


def test_the_small_guide_and_options_pass(tmp_path):
    """Control for the small-guide tests: each problem they see comes from their edit."""
    assert small_guide(tmp_path, [])[0] == []
    tree = load_tree(tmp_path / "guide.yaml", docs_dir=None)
    assert lint_options(tree, load_document(tmp_path / "guide.yaml")) == []


ANSWER_TO_A_QUESTION = (
    "      - key: cannot-switch\n",
    "      - key: not-sure\n        label: I am not sure\n        next: why\n"
    "      - key: cannot-switch\n",
)
WHY = (
    "  - id: help-now\n",
    "  - id: why\n    type: question\n    title: What feels wrong?\n    answers:\n"
    "      - key: too-slow\n        label: It is slow\n        next: stuck-here\n"
    "      - key: fine\n        label: Nothing\n        next: weigh\n  - id: help-now\n",
)


def test_a_small_guide_that_misuses_its_options_names_each_problem(tmp_path):
    """Validation and route rules, word for word, each at its line and column; none missed."""
    problems, guide = small_guide(tmp_path, [("[stay, move]", "[stay, move, stay]")])
    assert problems == [
        (*at(guide, "[stay, move, |stay]"), "the option 'stay' is listed twice. Remove one.")
    ]

    edit = (
        "    not_right_when: You feel worse.\n",
        "    not_right_when: You feel worse.\n    not_right_for: [ask/unsafe, ask/nope]\n",
    )
    problems, guide = small_guide(tmp_path, [], [edit])
    assert problems == [
        (
            *at(small(edit), "ask/unsafe, |ask/nope"),
            "'nope' is not an answer key of 'ask'. Known: unsafe, yes, cannot-switch.",
        )
    ]

    matters = [
        (f"title: {title}\n", f"title: {title}\n    matters: [keep]\n")
        for title in ("Weigh it up", "Make it work")
    ]
    problems, guide = small_guide(tmp_path, matters)
    message = (
        "only an urgent outcome chooses its 'What matters to you' boxes; other outcomes "
        "offer every one. Remove 'matters', or mark the outcome urgent."
    )
    assert problems == [(*at(guide, "    |matters: [keep]", n), message) for n in (1, 2)]

    edit = (
        "    not_right_when: You feel worse.\n",
        "    not_right_when: You feel worse.\n    not_right_for: [ask/yes]\n",
    )
    problems, guide = small_guide(tmp_path, [], [edit])
    assert problems == [
        (
            *at(guide, "options: [|stay, move]"),
            "the option 'stay' says it may not be right \"You feel worse.\", which describes a "
            "reader who reaches this outcome after answering 'ask / yes' (\"Yes\"). Offer another "
            "option here, or a variant of this one written for that reader.",
        )
    ]


def test_an_answer_a_constraint_names_leads_only_to_an_outcome_that_such_answers_reach(tmp_path):
    """'I can't switch' ticks a box on arrival: a question, or a shared outcome, would lie."""
    constraint = ("    answers: [cannot-switch]", "    answers: [unsafe, not-sure, cannot-switch]")
    problems, guide = small_guide(tmp_path, [ANSWER_TO_A_QUESTION, WHY], [constraint])
    file = str(tmp_path / "options.yaml")
    assert problems == [
        (
            *at(guide, "next: |why"),
            "the answer 'not-sure' says you can't switch therapist (the 'stuck' box in "
            f"{file}), so it must lead straight to an outcome that shows that box ticked, not "
            "to a question. Point it at its own outcome, or take the key out of that box's "
            "'answers'.",
        ),
        (
            *at(guide, "next: |stuck-here"),
            "the answer 'cannot-switch' says you can't switch therapist, so 'stuck-here' shows "
            "the 'stuck' box ticked; but 'why / too-slow' also leads there, and that reader did "
            "not say so. Give this answer its own outcome, or take the key out of the 'stuck' "
            f"box's 'answers' in {file}.",
        ),
    ]


def test_options_lint_runs_every_rule_and_each_names_its_problem(tmp_path):
    """One edit per rule, so each rule has a problem to report and none is dropped."""
    dense = (
        "Psychotherapeutic interventions necessitate comprehensive multidimensional "
        "evaluation incorporating longitudinal symptomatological considerations."
    )
    guide = small_guide(
        tmp_path,
        [
            ("    options: [stay, move]\n", ""),
            ("    options: [stay, move]\n", "    options: [move, stay]\n"),
            ("    urgent: true\n", "    urgent: true\n    matters: [cheap]\n"),
        ],
        [
            ("      - No new cost.", "      - No new cost at all here."),
            ("    like: Sessions stay the same.", "    like: It will fix things."),
            ("    involves: You look for a new therapist.", f"    involves: {dense}"),
        ],
    )[1]
    tree = load_tree(tmp_path / "guide.yaml", docs_dir=None)
    assert tree.catalog is not None
    document = load_document(tmp_path / "guide.yaml")
    compares, clash, unused = (
        rule(tree, document)
        for rule in (check_outcome_options, check_constraint_paths, check_matters_matter)
    )
    file = str(tmp_path / "options.yaml")
    assert [(p.line, p.column, p.message) for p in compares + clash + unused] == [
        (
            *at(guide, "- id: |weigh"),
            "this outcome compares 0 option(s); an outcome that is not urgent compares at "
            f"least 2. Add 'options:' with ids from {file}, the suggested one first.",
        ),
        (
            *at(guide, "options: [|move, stay]"),
            "the answer 'cannot-switch' in 'ask' says you can't switch therapist, but this "
            "outcome suggests 'move' first, which that rules out. Put another option first.",
        ),
        (
            *at(guide, "matters: [|cheap]"),
            "the box 'cheap' changes nothing here: no option of this outcome fits it or moves "
            "later for it. Remove it, or offer an option it affects.",
        ),
    ]
    balance, language, grade = (
        rule(tree.catalog) for rule in (check_balance, check_option_language, check_option_grade)
    )
    assert all([balance, language, grade])
    assert lint_options(tree, document) == compares + clash + unused + balance + language + grade


def test_an_option_at_exactly_the_grade_limit_passes(tmp_path):
    """Ten sentences of 13 words and 182 syllables: Flesch-Kincaid grade 6.0 exactly."""
    easy = "The little cat sat by the water and the happy puppy ran later."
    other = easy.replace("cat", "kitten")
    text = small(
        ("    title: >-\n      Stay with\n      it\n", f"    title: {other}\n"),
        ("    involves: You carry on.", f"    involves: {easy} {easy}"),
        ("      - No new cost.", f"      - {easy}"),
        ("      - It may not change.", f"      - {easy}"),
        ("    like: Sessions stay the same.", f"    like: {easy} {easy}"),
        ("    time_and_cost: No new cost.", f"    time_and_cost: {easy} {other}"),
        ("    not_right_when: You feel worse.", f"    not_right_when: {easy}"),
    )
    catalog = catalog_of(tmp_path, text)
    assert option_grade(catalog.options["stay"]) == MAX_GRADE
    assert check_option_grade(catalog) == []
