"""One routing, two wordings: a translation gives exactly the English file's texts, or fails.

A step, answer or text in one language and not the other is a problem at its line (in the
English file when the translation lacks it, in the translation when the English does); a
complete translation changes the words and nothing else.
"""

from __future__ import annotations

import pytest

from wtiw.core.problems import Problem
from wtiw.core.site import PROJECT
from wtiw.core.wording import check, guide_shape, options_shape, translate
from wtiw.core.yaml_reader import Document, load_document, parse_document
from wtiw.guide.validate import validate_document

ENGLISH = """\
start: are-you-safe
steps:
  - id: are-you-safe
    type: question
    title: Are you safe right now?
    hint: Think about today.
    answers:
      - key: safe
        label: Yes, I am
        next: talk
      - key: not-safe
        label: No, I am not
        next: help
  - id: talk
    type: outcome
    title: Talk to your therapist
    meaning: It may help to say so.
    try:
      - Write it down.
    ask:
      - What can we change?
      - How will we know?
    links:
      - page: talk.md
        text: Talking about it
  - id: help
    type: outcome
    urgent: true
    title: Get help now
    meaning: Call now.
    try:
      - Call.
    ask:
      - Who can I call?
    links:
      - page: help.md
        text: Help now
"""

SPANISH = """\
steps:
  are-you-safe:
    title: ¿Estás a salvo ahora mismo?
    hint: Piensa en hoy.
    answers:
      safe: Sí
      not-safe: "No"
  talk:
    title: Habla con tu terapeuta
    meaning: Puede ayudar decirlo.
    try:
      - Escríbelo.
    ask:
      - ¿Qué podemos cambiar?
      - ¿Cómo lo sabremos?
    links:
      - Hablar de ello
  help:
    title: Busca ayuda ahora
    meaning: Llama ahora.
    try:
      - Llama.
    ask:
      - ¿A quién puedo llamar?
    links:
      - Ayuda ahora
"""


def problems_of(spanish: str) -> list[Problem]:
    """What `check` finds in a Spanish wording of ENGLISH."""
    english = parse_document(ENGLISH, "guide.yaml")
    translation = parse_document(spanish, "es/guide.yaml", expected="a wording")
    return check(guide_shape(english), translation, english)


def test_a_complete_translation_changes_the_words_and_nothing_else():
    english = parse_document(ENGLISH, "guide.yaml")
    translation = parse_document(SPANISH, "es/guide.yaml", expected="a wording")
    shape = guide_shape(english)
    assert check(shape, translation, english) == []
    data = translate(shape, english.data, translation.data)
    spanish = validate_document(
        Document(english.file, data, english.values, english.keys), docs_dir=None
    )
    first = spanish.steps["are-you-safe"]
    assert first.title == "¿Estás a salvo ahora mismo?"
    assert [(a.key, a.label, a.next) for a in first.answers] == [
        ("safe", "Sí", "talk"),
        ("not-safe", "No", "help"),
    ]
    talk = spanish.steps["talk"]
    assert talk.ask_next_session == ("¿Qué podemos cambiar?", "¿Cómo lo sabremos?")
    assert [(link.page, link.text) for link in talk.links] == [("talk.md", "Hablar de ello")]
    assert spanish.steps["help"].urgent
    english_tree = validate_document(english, docs_dir=None)
    assert english_tree.steps["talk"].title == "Talk to your therapist", "the English is kept"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("  help:\n    title: Busca ayuda ahora\n", "  other:\n    title: Busca ayuda ahora\n"),
            [
                "es/guide.yaml:18:3: `other` is not in guide.yaml: remove it here, or add it "
                "there first (where answers lead is written only in the English file).",
                "guide.yaml:26:5: `steps.help` has no wording in es/guide.yaml: add it there "
                "(every step, answer and text needs both languages).",
            ],
        ),
        (
            ('      not-safe: "No"\n', ""),
            [
                "guide.yaml:12:9: `steps.are-you-safe.answers.not-safe` has no wording in "
                "es/guide.yaml: add it there (every step, answer and text needs both languages)."
            ],
        ),
        (
            ("      - ¿Cómo lo sabremos?\n", ""),
            [
                "es/guide.yaml:14:7: `steps.talk.ask` has 1 items here and 2 in guide.yaml: "
                "give one item for each English item, in the same order."
            ],
        ),
        (
            ("    hint: Piensa en hoy.\n", "    hint: Piensa en <b>hoy</b>.\n"),
            [
                "es/guide.yaml:4:11: `steps.are-you-safe.hint`: HTML (the signs < and >) at "
                "character 11 is not allowed: this field is plain text: write words only, "
                "without markup."
            ],
        ),
        (
            ("    meaning: Llama ahora.\n", "    meaning: Llama ahora.\n    next: talk\n"),
            [
                "es/guide.yaml:21:5: `next` is not in guide.yaml: remove it here, or add it "
                "there first (where answers lead is written only in the English file)."
            ],
        ),
    ],
    ids=["step-renamed", "answer-missing", "list-shorter", "markup", "routing-in-the-wording"],
)
def test_a_difference_between_the_languages_is_named_at_its_line(
    change: tuple[str, str], expected: list[str]
):
    old, new = change
    assert old in SPANISH, "the fixture changed: update this case"
    assert [str(problem) for problem in problems_of(SPANISH.replace(old, new))] == expected


@pytest.mark.parametrize(
    ("name", "shape_of"), [("guide.yaml", guide_shape), ("options.yaml", options_shape)]
)
def test_the_spanish_wording_gives_every_english_text(name: str, shape_of):
    """The shipped Spanish files give every step, answer, option and box, and nothing more."""
    english = load_document(PROJECT.data / name)
    spanish = load_document(PROJECT.data / "es" / name, expected="a wording")
    shape = shape_of(english)
    assert [str(problem) for problem in check(shape, spanish, english)] == []
    translated = translate(shape, english.data, spanish.data)
    assert translated != english.data, "control: the words changed"
    routing = {"id", "next", "key", "type", "url", "page", "anchor", "variant_of", "fits"}

    def skeleton(value):
        """Everything but the words: ids, keys, where answers lead, addresses."""
        if isinstance(value, dict):
            return {
                k: skeleton(v) for k, v in value.items() if k in routing or not isinstance(v, str)
            }
        if isinstance(value, list):
            return [skeleton(item) for item in value if not isinstance(item, str)]
        return value

    assert skeleton(translated) == skeleton(english.data), "routing stays the English file's"


def test_an_option_missing_from_the_spanish_is_named_where_the_english_has_it():
    english = parse_document(
        "options:\n  - id: keep-going\n    title: Keep going\n    benefits: [One, Two]\n",
        "options.yaml",
        expected="options",
    )
    spanish = parse_document(
        "options:\n  other: {title: Otra, benefits: [Uno]}\n", "es/options.yaml", expected="x"
    )
    assert [str(p) for p in check(options_shape(english), spanish, english)] == [
        "es/options.yaml:2:3: `other` is not in options.yaml: remove it here, or add it there "
        "first (where answers lead is written only in the English file).",
        "options.yaml:2:5: `options.keep-going` has no wording in es/options.yaml: add it there "
        "(every step, answer and text needs both languages).",
    ]
