"""Whole-tree promises of the shipped guide that a clinician would ask for.

Where every answer leads is approved in `docs/_data/links/guide-routes.txt` (checked by
`tests/test_guide_routes.py` and `make check-guide`); the promises here hold whatever the
routes, and name answers by their keys, so rewording or reordering answers changes nothing.
"""

from __future__ import annotations

import pytest

from wtiw.guide.graph import iter_paths, reachable, summarise
from wtiw.guide.model import Answer, Outcome, Question
from wtiw.guide.validate import load_tree

TREE = load_tree()

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


def answer(question_id: str, key: str) -> Answer:
    """The answer with `key` in the question `question_id`."""
    question = TREE.steps[question_id]
    assert isinstance(question, Question)
    (found,) = [item for item in question.answers if item.key == key]
    return found


def is_help_now(step_id: str) -> bool:
    """Whether a step is an urgent outcome that links to the crisis page."""
    step = TREE.steps[step_id]
    return (
        isinstance(step, Outcome)
        and step.urgent
        and any(link.page == "help-now.md" for link in step.links)
    )


def test_safety_comes_first():
    start = TREE.steps[TREE.start]
    assert start.id == "are-you-safe"
    assert isinstance(start, Question)
    assert {a.key for a in start.answers} == {"safe", "not-safe", "not-sure"}
    assert is_help_now(answer("are-you-safe", "not-safe").next)
    assert is_help_now(answer("are-you-safe", "not-sure").next)
    assert isinstance(TREE.steps[answer("are-you-safe", "safe").next], Question)


def test_symptoms_getting_much_worse_go_straight_to_help():
    assert is_help_now(answer("your-symptoms", "much-worse").next)
    # The same, asked again in plainer words for a reader who was not sure.
    assert is_help_now(answer("the-past-week", "much-worse").next)


def test_not_sure_about_feeling_worse_after_sessions_can_still_reach_support():
    """The helper for "I'm not sure" after sessions offers the urgent outcome, not a default."""
    assert answer("after-sessions", "not-sure").next == "the-day-after"
    assert TREE.steps[answer("the-day-after", "worse-for-days").next].urgent


def test_a_crossed_line_always_leads_to_the_boundary_outcome():
    """Whatever question it is said in, a therapist crossing a line is taken seriously."""
    crossed = [
        (question.id, a.next)
        for question in TREE.questions
        for a in question.answers
        if a.key == "crossed-a-line"
    ]
    assert len(crossed) >= 3
    assert {target for _, target in crossed} == {"boundary-concern"}, crossed


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
