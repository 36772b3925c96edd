"""Flow tests of the shipped guide, in the style of GOV.UK Smart Answers.

For each question and answer, the expected next step; then whole-tree promises a clinician
would ask for.

When the tree changes on purpose, change the table here in the same pull request: a failure
here means a path changed, which may break a therapist's expectations of the guide.
"""

from __future__ import annotations

import pytest

from tests.support.readability import as_sentences, offline_textstat
from wtiw.guide.graph import iter_paths, reachable, summarise
from wtiw.guide.model import Outcome, Question
from wtiw.guide.validate import load_tree

TREE = load_tree()

# question -> the next step for each answer, in order.
FLOW = {
    "are-you-safe": ["what-feels-wrong", "get-help-now", "get-help-now"],
    "what-feels-wrong": [
        "how-long",
        "after-sessions",
        "the-relationship",
        "talked-about-approach",
        "between-sessions",
        "your-symptoms",
        "talked-about-stopping",
        "how-long",
    ],
    "how-long": [
        "early-days",
        "talked-about-progress",
        "talked-about-progress",
        "talked-about-progress",
    ],
    "talked-about-progress": [
        "start-the-conversation",
        "give-changes-time",
        "try-something-different",
        "start-the-conversation",
    ],
    "after-sessions": [
        "hard-but-helpful",
        "struggling-between-sessions",
        "boundary-concern",
        "hard-but-helpful",
    ],
    "the-relationship": [
        "talked-about-relationship",
        "boundary-concern",
        "talked-about-relationship",
    ],
    "talked-about-relationship": [
        "repair-the-relationship",
        "find-a-new-therapist",
        "repair-the-relationship",
        "repair-the-relationship",
    ],
    "talked-about-approach": [
        "try-a-different-approach",
        "find-a-new-therapist",
        "try-a-different-approach",
    ],
    "between-sessions": [
        "put-more-into-homework",
        "put-more-into-homework",
        "make-changes-outside",
        "put-more-into-homework",
    ],
    "your-symptoms": [
        "get-help-now",
        "ask-about-medication",
        "ask-about-medication",
        "how-long",
        "how-long",
    ],
    "talked-about-stopping": [
        "before-you-stop",
        "stopping-well",
        "boundary-concern",
        "before-you-stop",
    ],
}
SECTION_PAGES = {
    "talk-to-your-therapist.md",
    "look-at-the-timeline.md",
    "check-your-expectations.md",
    "try-a-different-type-of-therapy.md",
    "make-changes-outside-sessions.md",
    "put-more-into-homework.md",
    "ask-about-medication.md",
    "consider-a-new-therapist.md",
    "when-therapy-feels-hard.md",
    "if-you-decide-to-stop.md",
    "what-to-take-away.md",
}
MAX_GRADE = 8.0


def test_the_table_covers_every_question():
    assert set(FLOW) == {question.id for question in TREE.questions}


@pytest.mark.parametrize(
    ("question", "answer", "expected"),
    [(q, index, nxt) for q, targets in FLOW.items() for index, nxt in enumerate(targets)],
)
def test_answer_leads_to(question: str, answer: int, expected: str):
    step = TREE.steps[question]
    assert isinstance(step, Question)
    assert len(step.answers) == len(FLOW[question])
    assert step.answers[answer].next == expected


def test_safety_comes_first():
    start = TREE.steps[TREE.start]
    assert start.id == "are-you-safe"
    assert isinstance(start, Question)
    for answer in start.answers[1:]:  # "No" and "I'm not sure"
        outcome = TREE.steps[answer.next]
        assert isinstance(outcome, Outcome)
        assert outcome.urgent
        assert any(link.page == "help-now.md" for link in outcome.links)


def test_symptoms_getting_much_worse_go_straight_to_help():
    step = TREE.steps["your-symptoms"]
    assert isinstance(step, Question)
    assert step.answers[0].next == "get-help-now"


def test_every_step_is_reachable():
    assert reachable(TREE) == set(TREE.steps)


def test_every_path_ends_at_an_outcome():
    paths = list(iter_paths(TREE))
    assert len(paths) == summarise(TREE).paths
    assert all(isinstance(TREE.steps[outcome], Outcome) for _, outcome in paths)


@pytest.mark.parametrize("outcome", TREE.outcomes, ids=lambda o: o.id)
def test_every_outcome_links_to_a_section(outcome: Outcome):
    assert any(link.page in SECTION_PAGES | {"help-now.md"} for link in outcome.links)
    assert outcome.try_this_week
    assert outcome.ask_next_session


def test_every_section_of_the_brief_is_an_outcome_of_some_path():
    """Each step of the article is offered by at least one outcome."""
    linked = {link.page for outcome in TREE.outcomes for link in outcome.links}
    assert linked >= SECTION_PAGES, SECTION_PAGES - linked


@pytest.mark.parametrize("question", TREE.questions, ids=lambda q: q.id)
def test_every_question_offers_not_sure(question: Question):
    assert any("not sure" in answer.label.casefold() for answer in question.answers)


@pytest.mark.parametrize("outcome", TREE.outcomes, ids=lambda o: o.id)
def test_outcome_reading_grade(outcome: Outcome):
    textstat = offline_textstat()
    text = as_sentences([*outcome.meaning, *outcome.try_this_week, *outcome.ask_next_session])
    assert textstat.flesch_kincaid_grade(text) <= MAX_GRADE


def test_reading_grade_check_can_fail():
    """Control: dense text scores above the limit."""
    textstat = offline_textstat()
    dense = (
        "Psychotherapeutic interventions necessitate comprehensive multidimensional "
        "evaluation incorporating longitudinal symptomatological considerations."
    )
    assert textstat.flesch_kincaid_grade(dense) > MAX_GRADE


def test_no_outcome_pushes_one_option_as_the_only_answer():
    """Balanced wording: no outcome tells the reader they must or should always do one thing."""
    banned = ("you must", "you should always", "the only answer", "the only option")
    for outcome in TREE.outcomes:
        text = " ".join([*outcome.meaning, *outcome.try_this_week]).casefold()
        assert not any(phrase in text for phrase in banned), outcome.id
