"""Why this suggestion, "I'm not sure" answers, and "Ready to decide?" (issue 14, parts 3 and 4).

Without JavaScript every outcome lists the answers that lead straight to it, each linking back
to its question; an "I'm not sure" answer leads to a helper step, never straight to an ordinary
suggestion (a lint rule, with its controls); every non-urgent outcome ends with the four SURE
questions, which work without a script and send nothing.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from wtiw.core.readability import offline_textstat, sentences
from wtiw.core.safety_language import findings
from wtiw.core.site import PROJECT
from wtiw.core.yaml_reader import load_document, parse_document
from wtiw.guide.graph import answers_leading_to
from wtiw.guide.lint import (
    MAX_SENTENCE_WORDS,
    MAX_STEP_GRADE,
    check_not_sure_is_helped,
    sentence_words,
)
from wtiw.guide.model import Outcome, Question
from wtiw.guide.render import GuideContext, render_guide
from wtiw.guide.validate import load_tree, tree_from_text

TREE = load_tree()
CONTEXT = GuideContext(page_url="guide/", site_url="https://example.org/", with_qr_codes=False)
SURE_ITEMS = ("sure", "understand", "matters", "support")

# A small tree that passes the not-sure rule: each test points one answer elsewhere.
SMALL = """\
start: safe
steps:
  - id: safe
    type: question
    title: Are you safe?
    answers:
      - key: "yes"
        label: "Yes"
        next: how-long
      - key: not-sure
        label: I'm not sure
        next: help-now
  - id: how-long
    type: question
    title: How long have you been going?
    answers:
      - key: short
        label: A short time
        next: early
      - key: not-sure-how
        label: I'm not sure how to tell
        next: early
      - key: not-sure
        label: I'm not sure
        next: roughly
  - id: roughly
    type: question
    title: About how long, roughly?
    answers:
      - key: short
        label: Less than two months
        next: early
      - key: not-sure
        label: I'm not sure
        next: still-unsure
"""
OUTCOME = """\
  - id: {id}
    type: outcome
{urgent}    title: {id}
    meaning: Some words.
    try:
      - Try this.
    ask:
      - Ask this?
    links:
      - page: help-now.md
        text: Need help now?
"""
SMALL += "".join(
    OUTCOME.format(id=step, urgent="    urgent: true\n" if step == "help-now" else "")
    for step in ("help-now", "early", "still-unsure")
)


def not_sure_problems(text: str) -> list[str]:
    """The not-sure rule's problems for a tree given as YAML text."""
    document = parse_document(text, "guide.yaml")
    return [str(problem) for problem in check_not_sure_is_helped(tree_from_text(text), document)]


# ── "I'm not sure" leads to help deciding ────────────────────────────────────────────────


def test_the_shipped_guide_helps_every_unsure_reader():
    document = load_document(PROJECT.guide_tree, "guide.yaml")
    assert check_not_sure_is_helped(TREE, document) == []


def test_the_small_tree_passes():
    """Control: every way a not-sure answer may go, and `not-sure-how`, a real answer."""
    assert not_sure_problems(SMALL) == []


def test_not_sure_straight_to_an_ordinary_outcome_is_reported_at_its_next():
    unsure = "        label: I'm not sure\n        next: "
    text = SMALL.replace(unsure + "roughly\n", unsure + "early\n")
    # `roughly` stays reachable, through the other answer.
    text = text.replace(
        "label: A short time\n        next: early", "label: A short time\n        next: roughly"
    )
    (problem,) = not_sure_problems(text)
    line = text[: text.index(unsure + "early\n")].count("\n") + 2  # the `next:` line
    assert problem.startswith(f'guide.yaml:{line}:15: the "I\'m not sure" answer leads ')
    assert "straight to the suggestion 'early'" in problem
    assert "Point it at a helper question" in problem


def test_an_outcome_other_answers_share_is_not_for_the_unsure():
    """`still-unsure` stops being an outcome for the unsure once a real answer leads there."""
    text = SMALL.replace(
        "      - key: short\n        label: Less than two months\n        next: early\n",
        "      - key: short\n        label: Less than two months\n        next: still-unsure\n",
    )
    (problem,) = not_sure_problems(text)
    assert "straight to the suggestion 'still-unsure'" in problem


def test_not_sure_whether_you_are_safe_still_means_help_now():
    question = TREE.steps[TREE.start]
    assert isinstance(question, Question)
    (answer,) = [answer for answer in question.answers if answer.key == "not-sure"]
    assert answer.next == "get-help-now"


def test_every_helper_offers_a_way_forward_and_an_honest_end():
    """Each helper (a question only not-sure answers lead to) offers real answers.

    Its own "I'm not sure" ends at an outcome for readers who still don't know.
    """
    leading = answers_leading_to(TREE)
    helpers = {
        question.id
        for question in TREE.questions
        if leading[question.id] and {key for _, key in leading[question.id]} == {"not-sure"}
    }
    assert len(helpers) >= 8
    for helper_id in helpers:
        helper = TREE.steps[helper_id]
        assert isinstance(helper, Question)
        assert "Not being sure is normal." in helper.hint, helper_id
        onward = [answer for answer in helper.answers if answer.key != "not-sure"]
        assert len(onward) >= 2, helper_id
        (unsure,) = [answer for answer in helper.answers if answer.key == "not-sure"]
        # still-not-sure, or an end of its own for readers still unsure (not-sure-if-ok)
        assert isinstance(TREE.steps[unsure.next], Outcome), helper_id
        assert {key for _, key in leading[unsure.next]} == {"not-sure"}, helper_id


# ── Why this suggestion, without JavaScript ──────────────────────────────────────────────


def test_answers_leading_to_lists_in_edges_in_file_order():
    leading = answers_leading_to(tree_from_text(SMALL))
    early = [("how-long", "short"), ("how-long", "not-sure-how"), ("roughly", "short")]
    assert leading["early"] == early
    assert leading["safe"] == []


class OutcomeParser(HTMLParser):
    """Per outcome: its reason links (href, question text, answer text) and SURE radios."""

    def __init__(self) -> None:
        """Start empty."""
        super().__init__()
        self.kinds: dict[str, str] = {}
        self.reasons: dict[str, list[list[str]]] = {}
        self.radios: dict[str, list[tuple[str, str]]] = {}
        self.forms = 0
        self._step = ""
        self._field = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Track the step, reason items and radios."""
        values = {name: value or "" for name, value in attrs}
        if values.get("id") == "guide-map":  # the guide ends here; a link to the map follows
            self._step = ""
        if "data-step" in values:
            self._step = values["id"]
            self.kinds[self._step] = values["data-step"]
            self.reasons[self._step] = []
            self.radios[self._step] = []
        if tag == "form" and self._step:
            self.forms += 1
        if not self._step:  # Material's header and footer (its palette radios)
            return
        classes = values.get("class", "").split()
        if "wtiw-guide__reason-question" in classes:
            self.reasons[self._step].append(["", "", ""])
            self._field = "question"
        elif "wtiw-guide__reason-answer" in classes:
            self._field = "answer"
        elif "wtiw-guide__reason-change" in classes:
            self.reasons[self._step][-1][0] = values["href"]
        if tag == "input" and values.get("type") == "radio":
            self.radios[self._step].append((values["name"], values["value"]))

    def handle_endtag(self, tag: str) -> None:
        """A reason's text ends with its span."""
        if tag == "span":
            self._field = ""

    def handle_data(self, data: str) -> None:
        """Collect a reason's question and answer text."""
        if self._field == "question":
            self.reasons[self._step][-1][1] += data
        elif self._field == "answer":
            self.reasons[self._step][-1][2] += data


@pytest.fixture(scope="module")
def built(site_dir: Path) -> OutcomeParser:
    """The guide as built by `mkdocs build --strict`, parsed."""
    parser = OutcomeParser()
    parser.feed((site_dir / "guide" / "index.html").read_text(encoding="utf-8"))
    return parser


def test_every_built_outcome_lists_the_answers_that_lead_to_it(built: OutcomeParser):
    leading = answers_leading_to(TREE)
    outcomes = [step for step, kind in built.kinds.items() if kind == "outcome"]
    assert outcomes == [outcome.id for outcome in TREE.outcomes]
    for outcome in outcomes:
        expected = []
        for question_id, key in leading[outcome]:
            question = TREE.steps[question_id]
            assert isinstance(question, Question)
            (answer,) = [answer for answer in question.answers if answer.key == key]
            expected.append([f"#{question_id}", question.title, answer.label])
        assert built.reasons[outcome] == expected, outcome
        assert expected, f"{outcome} has no reasons"
        for href, _, _ in built.reasons[outcome]:
            assert built.kinds.get(href[1:]) == "question", (outcome, href)


def test_questions_have_no_reasons(built: OutcomeParser):
    """Control: the parser does find reasons only where they are rendered."""
    assert all(not built.reasons[q.id] for q in TREE.questions)


# ── Ready to decide? (SURE) ──────────────────────────────────────────────────────────────


def test_sure_on_every_non_urgent_outcome_and_never_in_a_form(built: OutcomeParser):
    names: set[str] = set()
    for outcome in TREE.outcomes:
        radios = built.radios[outcome.id]
        if outcome.urgent:
            assert radios == [], f"{outcome.id} is urgent: no questions before help"
            continue
        expected = [
            (f"{outcome.id}-sure-{item}", value) for item in SURE_ITEMS for value in ("yes", "no")
        ]
        assert radios == expected, outcome.id
        names |= {name for name, _ in radios}
    assert len(names) == 4 * len([o for o in TREE.outcomes if not o.urgent])
    assert built.forms == 0, "a form could be submitted, and would put answers in the address"


def sure_text() -> list[str]:
    """The sentences SURE shows, from the rendered guide, one outcome's worth."""
    html = render_guide(TREE, CONTEXT)
    outcome = next(o for o in TREE.outcomes if not o.urgent)
    start = html.index(f'aria-labelledby="{outcome.id}-sure"')
    block = html[start : html.index("</section>", start)]

    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.parts: list[str] = []

        def handle_data(self, data: str) -> None:
            if data.strip():
                self.parts.append(" ".join(data.split()))

    parser = Text()
    parser.feed(block)
    return parser.parts


def test_sure_reads_plainly_and_safely():
    parts = sure_text()
    assert "Ready to decide?" in parts
    prose = " ".join(part if part[-1] in ".?!:" else part + "." for part in parts)
    grade = offline_textstat().flesch_kincaid_grade(prose)
    assert grade <= MAX_STEP_GRADE, grade
    for sentence in sentences(prose):
        assert sentence_words(sentence) <= MAX_SENTENCE_WORDS, sentence
    assert [finding.message for part in parts for finding in findings(part)] == []


def test_urgent_outcomes_exist():
    """Control for the SURE test: the shipped tree has urgent and non-urgent outcomes."""
    kinds = {outcome.urgent for outcome in TREE.outcomes if isinstance(outcome, Outcome)}
    assert kinds == {True, False}
