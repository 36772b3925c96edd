"""Editorial lint of the guide (src/wtiw/guide/lint.py).

The shipped guide passes every rule, and each rule reports a small broken tree at the line
of the offending field.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from wtiw.core.problems import InputError, Problem
from wtiw.core.readability import MAX_GRADE, sentences
from wtiw.core.safety_language import METHODS, ORDERS, PROMISES, REASSURANCE, Rule
from wtiw.core.site import PROJECT
from wtiw.core.yaml_reader import Document, load_document, parse_document
from wtiw.guide.lint import (
    HARM_PHRASES,
    MAX_SENTENCE_WORDS,
    MAX_STEP_GRADE,
    check_harm_routes,
    check_not_sure,
    check_reading_grade,
    check_safety_language,
    check_sentence_length,
    lint,
    sentence_words,
    step_grade,
)
from wtiw.guide.model import Tree
from wtiw.guide.validate import load_tree, tree_from_text

# A small tree that passes every rule; each test breaks one thing in it.
CLEAN = """\
start: first-question
steps:
  - id: first-question
    type: question
    title: Is therapy helping?
    hint: Take your time.
    answers:
      - key: "yes"
        label: "Yes"
        next: keep-going
      - key: not-sure
        label: I'm not sure
        next: not-sure-yet
  - id: keep-going
    type: outcome
    title: Keep going
    meaning: >-
      Therapy takes time. Small steps count.

      You can ask questions at any time.
    try:
      - Write down one thing that helped.
    ask:
      - Is this the only option, or could we try something else?
    links:
      - page: help-now.md
        text: Need help now?
  - id: not-sure-yet
    type: outcome
    title: Not sure yet
    meaning: Not being sure is normal.
    try:
      - Notice how you feel for a week.
    ask:
      - Can we talk about how it is going?
    links:
      - page: help-now.md
        text: Need help now?
"""
DENSE = (
    "Psychotherapeutic interventions necessitate comprehensive multidimensional "
    "evaluation incorporating longitudinal symptomatological considerations."
)


def broken(old: str, new: str) -> str:
    """The clean tree with one piece of text replaced."""
    assert old in CLEAN, old
    return CLEAN.replace(old, new, 1)


def parse(text: str) -> tuple[Tree, Document]:
    """The checked tree and the positioned document of YAML text."""
    return tree_from_text(text), parse_document(text, "guide.yaml")


def line_of(text: str, needle: str) -> int:
    """The 1-based line of the first line of `text` containing `needle`."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} is not in the text")


def lines(problems: list[Problem]) -> list[int]:
    """The line of each problem."""
    return [problem.line for problem in problems]


def test_the_shipped_guide_has_no_lint_problems():
    tree = load_tree()
    problems = lint(tree, load_document(PROJECT.guide_tree, "guide.yaml"))
    assert problems == [], "\n".join(map(str, problems))


def test_the_clean_tree_has_no_lint_problems():
    assert lint(*parse(CLEAN)) == []


def test_a_question_without_not_sure_is_reported_at_its_answers():
    text = broken("label: I'm not sure", "label: Maybe")
    problems = check_not_sure(*parse(text))
    assert lines(problems) == [line_of(text, "answers:")]
    assert "I'm not sure" in problems[0].message


# One sentence per safety-language rule that breaks it, and the words the report quotes.
UNSAFE: list[tuple[Rule, str, str]] = [
    (ORDERS, "YOU MUST keep going.", "YOU MUST"),
    (PROMISES, "This will help you feel better.", "will help"),
    (PROMISES, "It is guaranteed.", "guaranteed"),
    (REASSURANCE, "There is nothing to worry about.", "nothing to worry about"),
    (METHODS, "Some people think of an overdose.", "overdose"),
]


@pytest.mark.parametrize(
    ("rule", "sentence", "phrase"),
    UNSAFE,
    ids=[f"{rule.name}-{phrase}" for rule, *_, phrase in UNSAFE],
)
def test_unsafe_language_is_reported_at_its_field(rule: Rule, sentence: str, phrase: str):
    """Control: each rule fails in the guide, at the line of the field, saying why."""
    text = broken("- Write down one thing that helped.", f"- Note this. {sentence}")
    problems = check_safety_language(*parse(text))
    assert lines(problems) == [line_of(text, "- Note this.")]
    assert problems[0].message == f'avoid "{phrase}": {rule.why}'


def test_unsafe_language_in_a_question_hint_is_reported():
    text = broken("hint: Take your time.", "hint: Take your time. It will get better.")
    problems = check_safety_language(*parse(text))
    assert lines(problems) == [line_of(text, "hint:")]


def test_unsafe_language_in_a_folded_meaning_is_reported_at_meaning():
    text = broken("Small steps count.", "You\n      must keep going.")
    problems = check_safety_language(*parse(text))
    assert lines(problems) == [line_of(text, "meaning:")]


def test_safety_language_matches_whole_words_and_spares_the_readers_own_questions():
    # "the only option" is in `ask` already; "definitelyish" is not the word "definitely";
    # a plain future "will" promises nothing.
    text = broken("Small steps count.", "Small steps count definitelyish. We will text you.")
    text = text.replace("- Is this the only option", "- Will this help? Is this the only option")
    assert check_safety_language(*parse(text)) == []


def test_method_words_are_reported_in_the_readers_own_words_too():
    text = broken('label: "Yes"', "label: Yes, I think about an overdose")
    problems = check_safety_language(*parse(text))
    assert lines(problems) == [line_of(text, "overdose")]
    assert problems[0].message.startswith('avoid "overdose"')


def test_a_long_sentence_is_reported_at_its_field():
    long_sentence = " ".join(["word"] * (MAX_SENTENCE_WORDS + 1)) + "."
    text = broken("- Write down one thing that helped.", f"- Short one. {long_sentence}")
    problems = check_sentence_length(*parse(text))
    assert lines(problems) == [line_of(text, "- Short one.")]
    assert f"{MAX_SENTENCE_WORDS + 1} words" in problems[0].message


def test_a_sentence_at_the_limit_passes():
    at_limit = " ".join(["word"] * MAX_SENTENCE_WORDS) + "."
    text = broken("Take your time.", at_limit)
    assert check_sentence_length(*parse(text)) == []


def test_sentences_split_at_end_punctuation_and_closing_quotes():
    assert sentences('Say, "Is this working?" Then wait. Ok!  Fine') == [
        'Say, "Is this working?"',
        "Then wait.",
        "Ok!",
        "Fine",
    ]
    assert sentence_words("One \u2013 two, 3 words.") == 4  # an en dash is not a word


def test_a_hard_outcome_is_reported_at_its_hardest_sentence():
    text = broken("You can ask questions at any time.", DENSE)
    problems = check_reading_grade(*parse(text))
    assert lines(problems) == [line_of(text, "meaning:")]
    assert "outcome reads at grade" in problems[0].message


def test_a_hard_question_is_reported_too():
    text = broken("hint: Take your time.", f"hint: {DENSE}")
    problems = check_reading_grade(*parse(text))
    assert lines(problems) == [line_of(text, "hint:")]
    assert "question reads at grade" in problems[0].message


def test_steps_share_the_pages_grade_limit():
    assert MAX_STEP_GRADE == MAX_GRADE == 6


def test_reading_grade_check_can_fail():
    """Control: dense text scores above the limit, plain text below it."""
    tree, _ = parse(broken("Small steps count.", DENSE))
    assert step_grade(tree.steps["keep-going"]) > MAX_STEP_GRADE
    assert step_grade(parse(CLEAN)[0].steps["keep-going"]) <= MAX_STEP_GRADE


def test_lint_reports_every_rule_in_file_order(tmp_path: Path):
    text = broken("label: I'm not sure", "label: Maybe")
    text = text.replace("Small steps count.", f"You must keep going. {DENSE}")
    path = tmp_path / "guide.yaml"
    path.write_text(text, encoding="utf-8")
    problems = lint(tree_from_text(text), load_document(path, "my-guide.yaml"))
    assert lines(problems) == sorted(lines(problems))
    assert {problem.file for problem in problems} == {"my-guide.yaml"}
    assert len(problems) == 3  # no "not sure", "you must", and the grade
    assert all(str(problem).startswith("my-guide.yaml:") for problem in problems)


# ── Nothing a harmed reader reaches sends them back to that therapist ─────────────────


def refused(text: str) -> list[Problem]:
    """What loading `text` refuses: route rules stop the load (and the build), not only lint."""
    try:
        tree_from_text(text)
    except InputError as error:
        return error.problems
    return []


def harmed(text: str = CLEAN, urgent: bool = True) -> str:
    """`text` with its "Yes" answer marked as saying the therapist harmed the reader."""
    text = text.replace("next: keep-going\n", "next: keep-going\n        harm: true\n", 1)
    if urgent:
        text = text.replace("  - id: keep-going\n", "  - id: keep-going\n    urgent: true\n", 1)
    return text


HEADED = broken(
    "    ask:\n      - Is this", "    ask_heading: For someone you trust\n    ask:\n      - Is this"
)


def test_an_outcome_a_harmed_reader_reaches_is_urgent():
    """Other outcomes end with the SURE check, whose tips name the reader's therapist."""
    text = harmed(HEADED, urgent=False)
    (problem,) = refused(text)
    assert problem.line == line_of(text, "id: keep-going")
    assert "'keep-going' is not urgent" in problem.message
    assert "mark it `urgent: true`" in problem.message
    assert refused(harmed(HEADED)) == []  # control


def test_the_default_ask_heading_is_not_for_a_harmed_reader():
    """Control: the same tree passes without the harm mark, or with a heading of its own."""
    problems = refused(harmed())
    assert [p.message.split('"')[1] for p in problems] == ["your next session"]
    assert "'first-question / yes'" in problems[0].message
    assert refused(CLEAN) == []
    assert refused(harmed(HEADED)) == []


UNSAFE_FOR_HARMED = [
    "Tell your therapist what happened.",
    "You could talk with your current therapist about it.",
    "Agree with your therapist how to end.",
    "Plan how to end well.",
    "If it feels safe, end with your current therapist first.",
    "Raise it early in the next session.",
    "Ask your therapist for a referral.",
    "Ask for one last session to look back.",
]


@pytest.mark.parametrize("sentence", UNSAFE_FOR_HARMED)
def test_asking_a_harmed_reader_to_deal_with_that_therapist_is_reported(sentence: str):
    text = harmed(HEADED).replace("- Write down one thing that helped.", f"- {sentence}")
    problems = refused(text)
    assert lines(problems) == [line_of(text, sentence)]
    assert "Never ask them to talk to, agree with or end well with" in problems[0].message


def test_safe_words_for_a_harmed_reader_pass():
    """Control for the phrases: other people, and a new therapist, are fine to name."""
    for sentence in (
        "Tell a new therapist what happened, if you wish.",
        "Talk to someone you trust, or to a doctor.",
        "You can stop now, with no more sessions.",
        "Stop now, with no last session.",
    ):
        assert not HARM_PHRASES.search(sentence), sentence
        text = harmed(HEADED).replace("- Write down one thing that helped.", f"- {sentence}")
        assert refused(text) == [], sentence


def test_every_harm_answer_of_the_shipped_guide_leads_to_safe_words():
    tree = load_tree()
    said = {(q.id, a.key) for q in tree.questions for a in q.answers if a.harm}
    assert ("what-feels-wrong", "harmed") in said
    assert len(said) >= 6
    assert check_harm_routes(tree, load_document(PROJECT.guide_tree, "guide.yaml")) == []


# A method word: refused in every text a step shows, the reader's own questions too.
@pytest.mark.parametrize(
    ("old", "new", "needle"),
    [
        ("title: Keep going", "title: An overdose", "title: An overdose"),
        ("Small steps count.", "Small steps count. An overdose.", "meaning: >-"),
        ("- Can we talk about how it is going?", "- An overdose?", "- An overdose?"),
    ],
    ids=["title", "meaning", "ask"],
)
def test_each_outcome_field_is_read_and_reported_at_its_own_line(old: str, new: str, needle: str):
    """Every text of a step is read (title, meaning, questions to ask) at its own line."""
    text = broken(old, new)
    problems = check_safety_language(*parse(text))
    assert lines(problems) == [line_of(text, needle)], problems
    assert '"overdose"' in problems[0].message
