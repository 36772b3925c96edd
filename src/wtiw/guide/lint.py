"""Editorial rules for the guide's wording, checked on a tree that is already valid.

The validator decides whether the guide works; these rules decide whether it reads the way
the site promises: calm, balanced and easy for a tired or upset reader. They live here, not
only in the tests, so `make check-guide` tells an editor at once, with a line to jump to.

The rules:

- every question offers an "I'm not sure" answer, so a reader who does not know can go on;
- no outcome pushes one option as the only answer ("you must", "the only option") or
  promises a result no one can promise ("guaranteed", "will cure", "definitely");
- no sentence is longer than `MAX_SENTENCE_WORDS` words;
- each step reads at Flesch-Kincaid grade `MAX_STEP_GRADE` or below.

Each problem points at the field that holds the offending text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wtiw.core.problems import Problem
from wtiw.core.readability import as_sentences, offline_textstat
from wtiw.core.yaml_reader import Document, PathKey
from wtiw.guide.model import Question, Step, Tree

# The same limit the outcome test used: grade 8 is about age 13 to 14.
MAX_STEP_GRADE = 8.0
# Plain-language guides (GOV.UK, NHS) aim for 25 words at most in a sentence.
MAX_SENTENCE_WORDS = 25

_PUSHES = (
    "it pushes one option as the only answer. Offer a choice instead, with words such as "
    '"you could" or "one option is".'
)
_PROMISES = (
    "it promises a result no one can promise. Say what may help instead, with words such "
    'as "this often helps" or "it may help".'
)
# Phrases an outcome must not use, matched as whole words in any case, with why and the fix.
BANNED_PHRASES: dict[str, str] = {
    "you must": _PUSHES,
    "you should always": _PUSHES,
    "the only answer": _PUSHES,
    "the only option": _PUSHES,
    "guaranteed": _PROMISES,
    "will cure": _PROMISES,
    "definitely": _PROMISES,
}
# Where banned phrases are looked for. Not `ask`: those are the reader's own questions, and
# "Is this the only option?" is a fair thing to ask a therapist. Not `links`: page titles.
PHRASE_FIELDS = ("title", "meaning", "try")
# What the grade is worked out on: the prose of an outcome (as the old test did), and all a
# question shows.
GRADED_FIELDS = {"question": ("title", "hint", "answers"), "outcome": ("meaning", "try", "ask")}

# A sentence ends at . ! or ?, maybe followed by a closing quote (straight or curly) or
# bracket, then a space.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[.!?][\"\u201d\u2019)])\s+")


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


def sentences(text: str) -> list[str]:
    """Split text into sentences at end punctuation (an abbreviation only makes them shorter)."""
    return [part for part in _SENTENCE_END.split(" ".join(text.split())) if part]


def sentence_words(sentence: str) -> int:
    """Count words: runs of text with a letter or digit in them, so a dash is not a word."""
    return sum(1 for token in sentence.split() if any(char.isalnum() for char in token))


def _opening(sentence: str, words: int = 8) -> str:
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


def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    """Match `phrase` as whole words, in any case, across any spacing or line break."""
    words = r"\s+".join(re.escape(word) for word in phrase.split())
    return re.compile(rf"\b{words}\b", re.IGNORECASE)


def check_banned_phrases(tree: Tree, document: Document) -> list[Problem]:
    """Outcomes offer options and hope, never orders or promises, as a clinician would."""
    problems = []
    for outcome in tree.outcomes:
        for text in step_texts(outcome):
            if text.field not in PHRASE_FIELDS:
                continue
            for phrase, why in BANNED_PHRASES.items():
                if _phrase_pattern(phrase).search(text.text):
                    problems.append(document.problem(text.path, f'avoid "{phrase}": {why}'))
    return problems


def check_sentence_length(tree: Tree, document: Document) -> list[Problem]:
    """Long sentences lose a tired or upset reader; report each one over the limit."""
    problems = []
    for step in tree.steps.values():
        for text in step_texts(step):
            for sentence in sentences(text.text):
                words = sentence_words(sentence)
                if words > MAX_SENTENCE_WORDS:
                    message = (
                        f"the sentence {_opening(sentence)} has {words} words; keep sentences "
                        f"to {MAX_SENTENCE_WORDS} words or fewer. Split it in two, or leave "
                        "out what the reader does not need."
                    )
                    problems.append(document.problem(text.path, message))
    return problems


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
    """A step above grade 8 is hard going for many readers; point at its hardest sentence."""
    problems = []
    for step in tree.steps.values():
        figure = step_grade(step)
        if figure <= MAX_STEP_GRADE:
            continue
        text, sentence = _hardest_sentence(step)
        message = (
            f"this {step.kind} reads at grade {figure:.1f} (Flesch-Kincaid); keep each step at "
            f"grade {MAX_STEP_GRADE:g} or below. Use shorter sentences and everyday words, "
            f"starting with the hardest sentence, here: {_opening(sentence)}."
        )
        problems.append(document.problem(text.path, message))
    return problems


RULES = (check_not_sure, check_banned_phrases, check_sentence_length, check_reading_grade)


def lint(tree: Tree, document: Document) -> list[Problem]:
    """Every editorial problem in a valid tree, in file order; `document` gives positions."""
    return sorted({problem for rule in RULES for problem in rule(tree, document)})
