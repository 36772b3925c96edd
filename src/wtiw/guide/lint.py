"""Editorial rules for the guide's wording, checked on a tree that is already valid.

The validator decides whether the guide works; these rules decide whether it reads the way
the site promises: calm, balanced and easy for a tired or upset reader. They live here, not
only in the tests, so `make check-guide` tells an editor at once, with a line to jump to.

The rules:

- every question offers an "I'm not sure" answer, so a reader who does not know can go on;
- that answer leads to help deciding (a plainer question), not straight to a suggestion;
- no step orders, promises, reassures without conditions, or names a method of self-harm
  (`core/safety_language.py`, shared with the test of every page's prose);
- no sentence is longer than `MAX_SENTENCE_WORDS` words;
- each step reads at Flesch-Kincaid grade `MAX_STEP_GRADE` or below;
- the options outcomes weigh (`guide/options.py`): every outcome that is not urgent compares
  two or more, benefits and downsides within a quarter of each other in words, the same
  language rules and grade, and no path that says "I can't switch" suggests switching first.

Route rules (`ROUTE_RULES`) also fail the build, because they protect a reader on a path:

- nothing reachable from an answer marked `harm: true` (outcome text or option text) asks
  the reader to talk to, agree with or end well with the therapist who harmed them;
- no outcome offers an option whose `not_right_for` names an answer on a path into it;
- an answer a constraint names leads to an outcome that only such answers reach.

Each problem points at the field that holds the offending text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wtiw.core.problems import Problem
from wtiw.core.readability import MAX_GRADE, as_sentences, offline_textstat, sentences
from wtiw.core.safety_language import findings
from wtiw.core.yaml_reader import Document, PathKey
from wtiw.guide.model import Question, Step, Tree
from wtiw.guide.options import (
    check_constraint_answers,
    check_not_right_for,
    lint_options,
    option_texts,
)

# The pages' limit (`core/readability.py`): grade 6 is about age 11 to 12.
MAX_STEP_GRADE = MAX_GRADE
# Plain-language guides (GOV.UK, NHS) aim for 25 words at most in a sentence.
MAX_SENTENCE_WORDS = 25

# Where the site speaks, so every safety-language rule applies: not `ask` or `answers`, the
# reader's own words ("Is this the only option?" is a fair thing to ask a therapist), where
# only the method rule applies. Not `links`: page titles, checked on their own pages.
SITE_FIELDS = ("title", "hint", "meaning", "try")
READER_FIELDS = ("answers", "ask")
# What the grade is worked out on: the prose of an outcome (as the old test did), and all a
# question shows.
GRADED_FIELDS = {"question": ("title", "hint", "answers"), "outcome": ("meaning", "try", "ask")}


@dataclass(frozen=True)
class Text:
    """One piece of text a reader sees, the field it is in, and where that field is."""

    field: str
    text: str
    path: PathKey


def step_texts(step: Step) -> list[Text]:
    """Every piece of text a reader sees in `step`, in page order."""
    at = ("steps", step.index)
    texts = [Text("title", step.title, (*at, "title"))]
    if isinstance(step, Question):
        if step.hint:
            texts.append(Text("hint", step.hint, (*at, "hint")))
        texts += [
            Text("answers", answer.label, (*at, "answers", n, "label"))
            for n, answer in enumerate(step.answers)
        ]
        return texts
    # A `meaning` is one YAML value however many paragraphs it has.
    texts += [Text("meaning", paragraph, (*at, "meaning")) for paragraph in step.meaning]
    texts += [Text("try", item, (*at, "try", n)) for n, item in enumerate(step.try_this_week)]
    texts += [Text("ask", item, (*at, "ask", n)) for n, item in enumerate(step.ask_next_session)]
    texts += [
        Text("links", link.text, (*at, "links", n, "text")) for n, link in enumerate(step.links)
    ]
    return texts


def sentence_words(sentence: str) -> int:
    """Count words: runs of text with a letter or digit in them, so a dash is not a word."""
    return sum(1 for token in sentence.split() if any(char.isalnum() for char in token))


def opening(sentence: str, words: int = 8) -> str:
    """The first few words of a sentence, quoted, so the editor can find it in the field."""
    tokens = sentence.split()
    shown = " ".join(tokens[:words])
    return f'"{shown}…"' if len(tokens) > words else f'"{shown}"'


def check_not_sure(tree: Tree, document: Document) -> list[Problem]:
    """Every question needs an "I'm not sure" answer: doubt is common, and must not stop anyone."""
    return [
        document.problem(
            ("steps", question.index, "answers"),
            'this question has no "I\'m not sure" answer. Add one (key: not-sure, label: '
            "I'm not sure) and point it at the step that helps most when a reader does not know.",
            key=True,
        )
        for question in tree.questions
        if not any("not sure" in answer.label.casefold() for answer in question.answers)
    ]


NOT_SURE_KEY = "not-sure"


def _for_the_unsure(tree: Tree) -> set[str]:
    """Outcomes only "I'm not sure" answers lead to: ends for readers who still can't say."""
    sources: dict[str, set[bool]] = {}
    for question in tree.questions:
        for answer in question.answers:
            sources.setdefault(answer.next, set()).add(answer.key == NOT_SURE_KEY)
    return {step_id for step_id, kinds in sources.items() if kinds == {True}}


def check_not_sure_is_helped(tree: Tree, document: Document) -> list[Problem]:
    """An "I'm not sure" answer leads to help deciding, not straight to an ordinary suggestion.

    Allowed: a question (a helper that asks again in plainer words), an urgent outcome (safety
    first: not sure whether you are safe means help now), or an outcome that only "I'm not
    sure" answers lead to. Answers keyed `not-sure` are meant; a key such as `not-sure-how`
    is a real answer ("I haven't, and I don't know how") with its own suggestion.
    """
    unsure = _for_the_unsure(tree)
    problems = []
    for question in tree.questions:
        for n, answer in enumerate(question.answers):
            step = tree.steps[answer.next]
            if answer.key != NOT_SURE_KEY or isinstance(step, Question):
                continue
            if getattr(step, "urgent", False) or step.id in unsure:
                continue
            problems.append(
                document.problem(
                    ("steps", question.index, "answers", n, "next"),
                    f"the \"I'm not sure\" answer leads straight to the suggestion '{step.id}', "
                    "as if the reader had answered. Point it at a helper question that asks the "
                    "same thing in plainer words (with ways to find out), whose own \"I'm not "
                    "sure\" leads to an outcome for readers who still don't know.",
                )
            )
    return problems


def check_safety_language(tree: Tree, document: Document) -> list[Problem]:
    """Steps offer options and hope, never orders, promises, false comfort or method detail."""
    problems = []
    for step in tree.steps.values():
        for text in step_texts(step):
            if text.field not in SITE_FIELDS + READER_FIELDS:
                continue
            for finding in findings(text.text, readers_words=text.field in READER_FIELDS):
                problems.append(document.problem(text.path, finding.message))
    return problems


def check_sentence_length(tree: Tree, document: Document) -> list[Problem]:
    """Long sentences lose a tired or upset reader; report each one over the limit."""
    problems = []
    for step in tree.steps.values():
        for text in step_texts(step):
            for sentence in sentences(text.text):
                words = sentence_words(sentence)
                if words > MAX_SENTENCE_WORDS:
                    problems.append(document.problem(text.path, long_sentence(sentence, words)))
    return problems


def long_sentence(sentence: str, words: int) -> str:
    """The message for a sentence over `MAX_SENTENCE_WORDS`, in any language's wording."""
    return (
        f"the sentence {opening(sentence)} has {words} words; keep sentences "
        f"to {MAX_SENTENCE_WORDS} words or fewer. Split it in two, or leave "
        "out what the reader does not need."
    )


def step_grade(step: Step) -> float:
    """Flesch-Kincaid grade of the step's graded fields, read as one piece of prose."""
    blocks = [text.text for text in step_texts(step) if text.field in GRADED_FIELDS[step.kind]]
    return float(offline_textstat().flesch_kincaid_grade(as_sentences(blocks)))


def _hardest_sentence(step: Step) -> tuple[Text, str]:
    """The graded sentence with the highest grade: the best place to start simplifying."""
    grade = offline_textstat().flesch_kincaid_grade
    candidates = [
        (text, sentence)
        for text in step_texts(step)
        if text.field in GRADED_FIELDS[step.kind]
        for sentence in sentences(text.text)
    ]
    return max(candidates, key=lambda candidate: grade(candidate[1]))


def check_reading_grade(tree: Tree, document: Document) -> list[Problem]:
    """A step above the grade limit is hard going for many; point at its hardest sentence."""
    problems = []
    for step in tree.steps.values():
        figure = step_grade(step)
        if figure <= MAX_STEP_GRADE:
            continue
        text, sentence = _hardest_sentence(step)
        message = (
            f"this {step.kind} reads at grade {figure:.1f} (Flesch-Kincaid); keep each step at "
            f"grade {MAX_STEP_GRADE:g} or below. Use shorter sentences and everyday words, "
            f"starting with the hardest sentence, here: {opening(sentence)}."
        )
        problems.append(document.problem(text.path, message))
    return problems


# What a reader harmed by their therapist must never be asked: to talk to that therapist,
# agree with them, end well with them, or bring it to a next session. Each pattern is a phrase.
HARM_PHRASES = re.compile(
    r"\b(?:"
    r"tell(?:ing)? (?:your|the|this) (?:current )?therapist"
    r"|(?:talk|speak)(?:ing)? (?:with|to) (?:your|the|this) (?:current )?therapist"
    r"|ask(?:ing)? (?:your|the|this) (?:current )?therapist"
    r"|agree(?:d|ing)? with (?:your|the|this) (?:current )?therapist"
    r"|with (?:your|the|this) current therapist"
    r"|end(?:ing)? well"
    r"|(?:one|a) last session"
    r"|(?:your|the) next session"
    r"|raise it\b[^.?!]*\bsession"
    r"|repair the relationship"
    r")\b",
    re.IGNORECASE,
)


def harm_reach(tree: Tree) -> dict[str, list[tuple[str, str]]]:
    """Each step reachable from an answer marked `harm: true`, with those answers, in file order."""
    reach: dict[str, list[tuple[str, str]]] = {}
    for question in tree.questions:
        for answer in question.answers:
            if not answer.harm:
                continue
            seen = {answer.next}
            stack = [answer.next]
            while stack:
                step = tree.steps.get(stack.pop())
                if isinstance(step, Question):
                    fresh = {a.next for a in step.answers if a.next in tree.steps} - seen
                    seen |= fresh
                    stack += fresh
            for step_id in seen:
                reach.setdefault(step_id, []).append((question.id, answer.key))
    return {step_id: reach[step_id] for step_id in tree.steps if step_id in reach}


def _said(said: list[tuple[str, str]]) -> str:
    """The first harm answer, and how many more lead the same way."""
    question, key = said[0]
    more = f" and {len(said) - 1} more" if len(said) > 1 else ""
    return f"'{question} / {key}'{more}"


def _harm_message(phrase: str, where: str, said: list[tuple[str, str]]) -> str:
    """Why a phrase may not reach a harmed reader, and the fix."""
    return (
        f'"{phrase}" {where} a reader reaches after saying their therapist harmed them '
        f"({_said(said)}). Never ask them to talk to, agree with or end well with "
        "that therapist: reword it (a new therapist, a doctor, someone they trust or a support "
        "line), or keep this out of what that answer leads to."
    )


def check_harm_routes(tree: Tree, document: Document) -> list[Problem]:
    """Nothing reachable from a harm answer asks the reader to deal with that therapist."""
    problems = []
    offered: dict[str, tuple[str, list[tuple[str, str]]]] = {}
    for step_id, said in harm_reach(tree).items():
        step = tree.steps[step_id]
        texts = step_texts(step)
        if not isinstance(step, Question):
            at = ("steps", step.index)
            if not step.urgent:
                message = (
                    f"'{step_id}' is not urgent, but a reader reaches it after saying their "
                    f"therapist harmed them ({_said(said)}). The page ends every outcome that "
                    "is not urgent with the SURE check, whose tips suggest talking it over "
                    "with your therapist: mark it `urgent: true`, or keep it out of what that "
                    "answer leads to."
                )
                problems.append(document.problem((*at, "id"), message))
            texts.append(Text("try_heading", step.try_heading, (*at, "try_heading")))
            texts.append(Text("ask_heading", step.ask_heading, (*at, "ask_heading")))
            for name in step.options:
                offered.setdefault(name, (step_id, said))
        for text in texts:
            for match in HARM_PHRASES.finditer(text.text):
                where = f"is in the {text.field} of '{step_id}', which"
                problems.append(document.problem(text.path, _harm_message(match[0], where, said)))
    catalog = tree.catalog
    for name, (step_id, said) in offered.items():
        option = catalog.options.get(name) if catalog else None
        for _field, value, path in option_texts(option) if catalog and option else []:
            for match in HARM_PHRASES.finditer(value):
                where = f"is in the option '{name}', offered by '{step_id}', which"
                message = _harm_message(match[0], where, said)
                problems.append(catalog.document.problem(path, message))
    return problems


# Rules about what a route promises its reader: they fail the build too (`validate.py`).
ROUTE_RULES = (check_harm_routes, check_not_right_for, check_constraint_answers)

RULES = (
    check_not_sure,
    check_not_sure_is_helped,
    check_safety_language,
    check_sentence_length,
    check_reading_grade,
    lint_options,
)


def lint(tree: Tree, document: Document) -> list[Problem]:
    """Every editorial problem in a valid tree, in file order; `document` gives positions."""
    return sorted({problem for rule in RULES for problem in rule(tree, document)})
