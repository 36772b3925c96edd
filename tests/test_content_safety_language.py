"""Safety language on every page (src/wtiw/core/safety_language.py).

The same rules as the guide's lint (`make check-guide`), run here on what a reader of each
built page reads: its title, description, headings and body prose. Each rule has controls: a
sentence that breaks it is reported, and harmless sentences close to it are not.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.support.content_html import page_facts, prose_blocks
from tests.test_content_quality import content_pages
from wtiw.core.safety_language import METHODS, ORDERS, PROMISES, REASSURANCE, RULES, Rule, findings

# One sentence per rule that breaks it, and the words the report must quote.
BREAKS: list[tuple[Rule, str, str]] = [
    (ORDERS, "You must tell your therapist.", "You must"),
    (ORDERS, "This is the only option left.", "the only option"),
    (PROMISES, "This will help.", "will help"),
    (PROMISES, "You will soon feel better.", "will soon feel better"),
    (PROMISES, "Things will get better.", "will get better"),
    (PROMISES, "If you keep going, therapy will work.", "will work"),
    (PROMISES, "It\u2019ll pass.", "It\u2019ll pass"),
    (PROMISES, "CBT always works.", "always works"),
    (PROMISES, "Results are guaranteed.", "guaranteed"),
    (PROMISES, "It will definitely cure you.", "will definitely cure"),
    (REASSURANCE, "There is nothing to worry about.", "nothing to worry about"),
    (REASSURANCE, "This is normal and nothing is wrong.", "nothing is wrong"),
    (REASSURANCE, "It does not mean something is wrong.", "does not mean something is wrong"),
    (REASSURANCE, "You will be fine.", "will be fine"),
    (REASSURANCE, "It's fine to feel worse.", "fine to feel worse"),
    (REASSURANCE, "The upset usually eases within a day.", "usually eases within"),
    (METHODS, "Some people take an overdose.", "overdose"),
    (METHODS, "How many tablets would it take?", "How many tablets"),
    (METHODS, "Hide anything you could use as a ligature.", "ligature"),
    (METHODS, "Do you cut yourself?", "cut yourself"),
    (METHODS, "She thought about jumping off a bridge.", "jumping off a bridge"),
]


def case_id(value: object) -> str:
    """A readable, stable test id: a rule by its name, a sentence as it is."""
    return value.name if isinstance(value, Rule) else str(value)


# Sentences close to a rule that must pass: neutral "will", doubts, questions, and the
# site's own safety advice, which names no method.
HARMLESS = [
    "A trained person will text you back.",
    "We will not share your answers.",
    "You may worry that nothing will help.",
    "Ask whether therapy will help.",
    "It can feel as if therapy will never help.",
    "One talk can't promise that therapy will start working.",
    "Agree what you will work on together.",
    "We will pass on your message.",
    "How will we know if it is helping?",
    "Is this the only option?",
    "Is it normal to feel worse for a while?",
    "Keep away from anything you could use to hurt yourself.",
    "If you drink a lot, talk to a doctor before you cut down.",
    "Ask about cutting back slowly.",
    "Do not jump from one therapist to the next.",
    "Some people think about ending their life.",
    "Definitelyish is not a word.",
]


@pytest.mark.parametrize(("rule", "sentence", "phrase"), BREAKS, ids=case_id)
def test_a_sentence_that_breaks_a_rule_is_reported(rule: Rule, sentence: str, phrase: str):
    """Control: each rule can fail, and its message says why and how to fix it."""
    found = findings(sentence)
    assert [(finding.rule, finding.phrase) for finding in found] == [(rule, phrase)]
    assert found[0].message == f'avoid "{phrase}": {rule.why}'


@pytest.mark.parametrize("sentence", HARMLESS)
def test_a_harmless_sentence_is_not_reported(sentence: str):
    assert findings(sentence) == []


def test_every_rule_has_a_control():
    assert {rule for rule, _, _ in BREAKS} == set(RULES)


def test_every_message_says_why_and_how_to_fix_it():
    for rule in RULES:
        assert rule.why.startswith("it ")
        assert "instead" in rule.why or "for example" in rule.why


def test_method_words_count_in_the_readers_own_words_too():
    """The guide's answers and questions to ask are the reader's: only method words apply."""
    assert findings("Is this the only option? This will help.", readers_words=True) == []
    assert [f.rule for f in findings("I took an overdose.", readers_words=True)] == [METHODS]


class _Headings(HTMLParser):
    """Collect the text of the article's headings, which `prose_blocks` leaves out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headings: list[str] = []
        self._open: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Start a heading."""
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self._open = []

    def handle_endtag(self, tag: str) -> None:
        """Finish a heading."""
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"} and self._open is not None:
            self.headings.append(" ".join("".join(self._open).split()))
            self._open = None

    def handle_data(self, data: str) -> None:
        """Give text to the open heading."""
        if self._open is not None:
            self._open.append(data)


def reader_text(html: str) -> list[str]:
    """What a reader reads on a page: title, description, headings and body prose."""
    facts = page_facts(html)
    headings = _Headings()
    headings.feed(html)
    return [
        facts.title,
        facts.meta.get("description", ""),
        *map(_as_sentence, headings.headings),
        *prose_blocks(html),
    ]


def _as_sentence(heading: str) -> str:
    """A heading (without its permalink sign) as a sentence, so it is not read with the next."""
    text = heading.rstrip("\u00b6 ")
    return text if text.endswith((".", "!", "?")) else f"{text}."


def page_findings(html: str) -> list[str]:
    """Each problem on one page, with the sentence it is in."""
    return [
        f"{finding.message}\n    in: {finding.sentence}"
        for block in reader_text(html)
        for finding in findings(block)
    ]


def test_every_page_keeps_the_safety_language_rules(site_dir: Path):
    problems = {}
    for page in content_pages(site_dir):
        found = page_findings((site_dir / page).read_text(encoding="utf-8"))
        if found:
            problems[page.parent.as_posix()] = found
    report = "\n".join(f"{name}: {line}" for name, lines in problems.items() for line in lines)
    assert not problems, report


@pytest.mark.parametrize(
    ("rule", "sentence", "phrase"),
    [next(case for case in BREAKS if case[0] is rule) for rule in RULES],
    ids=case_id,
)
def test_a_page_that_breaks_a_rule_is_reported(rule: Rule, sentence: str, phrase: str):
    """Control: the page check reads prose and headings, so a bad sentence in either fails."""
    in_prose = f'<article class="md-content__inner"><p>Fine words. {sentence}</p></article>'
    in_heading = f'<article class="md-content__inner"><h2>{sentence}</h2></article>'
    for html in (in_prose, in_heading):
        assert [f'avoid "{phrase}"' in line for line in page_findings(html)] == [True]
