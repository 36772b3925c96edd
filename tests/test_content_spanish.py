"""The Spanish edition's content bars: reading ease (INFLESZ) and safety language, per page.

The English pages are graded (Flesch-Kincaid, tests/test_content_quality.py) and read for
harmful wording (tests/test_content_safety_language.py) on their built prose. The Spanish
pages meet the same bars in Spanish: INFLESZ 65 ("bastante fácil") or more, and the Spanish
safety-language rules (`core/safety_language.py`). Each page's Markdown is rendered with the
site's Markdown extensions and read with the same prose extractor as the English tests, so
no build is needed; a problem is reported as `docs/es/PAGE.md:LINE:COLUMN: message`. The
guide's Spanish words meet the same bars in `python -m wtiw check` (`guide/wording_lint.py`).
"""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest

from tests.support.build import ROOT
from tests.support.content_html import prose_blocks
from wtiw.core.readability import (
    MIN_INFLESZ,
    MIN_WORDS,
    inflesz,
    inflesz_band,
    spanish_syllables,
    spanish_words,
    word_count,
)
from wtiw.core.safety_language import (
    METODOS,
    ORDENES,
    PROMESAS,
    SPANISH_RULES,
    TRANQUILIZAR,
    Rule,
    findings,
)
from wtiw.pages.front_matter import read_front_matter

SPANISH = ROOT / "docs" / "es"
ARTIFACTS = ROOT / "test-artifacts"
# The site's Markdown extensions (mkdocs.yml), without those that need MkDocs.
EXTENSIONS = ["toc", "attr_list", "md_in_html", "admonition", "pymdownx.details"]
EXTENSIONS += ["pymdownx.superfences", "pymdownx.tabbed"]
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
# Macros render other parts' words (the guide, crisis numbers); they are checked there.
MACROS = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#(?!\w).*?#\}", re.DOTALL)


def _blank(match: re.Match[str]) -> str:
    """The same number of lines, so later lines keep their numbers."""
    return "\n" * match.group().count("\n")


def page_html(source: str) -> str:
    """A page's body as the site's Markdown renders it, inside an article as MkDocs puts it."""
    body = MACROS.sub(_blank, FRONT_MATTER.sub(_blank, source))
    html = markdown.markdown(body, extensions=EXTENSIONS)
    return f'<article class="md-content__inner">{html}</article>'


def headings(source: str) -> list[str]:
    """The page's Markdown headings, each as a sentence (without its `{#id}`)."""
    found = re.findall(r"^#{1,6}\s+(.*?)\s*(?:\{[^}]*\})?\s*$", FRONT_MATTER.sub("", source), re.M)
    return [text if text.endswith((".", "!", "?")) else f"{text}." for text in found]


def reader_text(path: str, source: str) -> list[str]:
    """What a reader reads: title, description, headings and body prose."""
    meta = read_front_matter(path, source).data or {}
    fields = [str(meta.get(name, "")) for name in ("title", "description")]
    return [*fields, *headings(source), *prose_blocks(page_html(source))]


def place(source: str, phrase: str) -> str:
    """`LINE:COLUMN` of `phrase` in the page's source, across markup and line breaks."""
    words = [re.escape(word) for word in phrase.split()]
    match = re.search(r"[\W_]+".join(words), source, re.IGNORECASE)
    if match is None:
        return "1:1"
    line = source.count("\n", 0, match.start()) + 1
    return f"{line}:{match.start() - source.rfind(chr(10), 0, match.start())}"


def page_problems(path: str, source: str) -> list[str]:
    """Each safety-language problem on one Spanish page, as `FILE:LINE:COLUMN: message`."""
    return [
        f"{path}:{place(source, finding.phrase)}: {finding.message}"
        for block in reader_text(path, source)
        for finding in findings(block, language="es")
    ]


def spanish_pages() -> list[Path]:
    """The Spanish edition's pages."""
    return sorted(SPANISH.glob("*.md"))


def label(page: Path) -> str:
    """A page's path as editors see it."""
    return page.relative_to(ROOT).as_posix()


# ── Syllables and INFLESZ ────────────────────────────────────────────────────────────────

# Known words, syllabified by the rules of the Real Academia Española's Ortografía (2010).
SYLLABLES = {
    "terapia": 3,  # te-ra-pia: i + a is a diphthong
    "ayuda": 3,  # a-yu-da: y before a vowel is a consonant
    "guía": 2,  # guí-a: the u of "gui" is silent; the accent on í makes a hiatus
    "psicología": 5,  # psi-co-lo-gí-a
    "terapeuta": 4,  # te-ra-peu-ta
    "que": 1,
    "quién": 1,
    "pingüino": 3,  # pin-güi-no: ü is said
    "averigüéis": 4,  # a-ve-ri-güéis: a triphthong
    "país": 2,
    "leer": 2,  # two strong vowels: a hiatus
    "poeta": 3,
    "prohibir": 3,  # h splits the vowels
    "muy": 1,
    "y": 1,
    "ciudad": 2,
    "sesión": 2,
    "emoción": 3,
    "río": 2,
    "chiita": 3,
}


@pytest.mark.parametrize(("word", "count"), SYLLABLES.items())
def test_spanish_syllables_follow_the_rules(word: str, count: int):
    assert spanish_syllables(word) == count
    assert spanish_syllables(word.upper()) == count


def test_inflesz_is_the_szigriszt_pazos_formula():
    """One sentence of 4 words and 9 syllables: 206.835 - 62.3 * 9/4 - 4/1."""
    text = "Tu terapeuta te escucha."
    assert [spanish_syllables(word) for word in spanish_words(text)] == [1, 4, 1, 3]
    assert inflesz([text]) == pytest.approx(206.835 - 62.3 * 9 / 4 - 4 / 1)


def test_hard_spanish_scores_under_the_bar_and_plain_spanish_over_it():
    """Control: the bar can fail, and plain Spanish passes it."""
    hard = (
        "La heterogeneidad metodológica de las investigaciones psicoterapéuticas contemporáneas "
        "demuestra sistemáticamente que la alianza terapéutica predice considerablemente la "
        "evolución sintomatológica posterior."
    )
    assert inflesz([hard]) < 40
    assert inflesz_band(inflesz([hard])) == "muy difícil"
    plain = "Puedes hablar con tu terapeuta. Dile cómo te sientes. Pide ayuda si la necesitas."
    assert inflesz([plain]) >= MIN_INFLESZ
    assert MIN_INFLESZ == 65
    assert inflesz_band(70) == "bastante fácil"


def test_every_spanish_page_reads_bastante_facil(capsys: pytest.CaptureFixture):
    """The Spanish counterpart of the English grade-six bar (tests/test_content_quality.py).

    That test grades only the English edition: Flesch-Kincaid is fitted to English. Every
    Spanish page is held here to INFLESZ 65 instead.
    """
    scores: dict[str, tuple[float, int]] = {}
    for page in spanish_pages():
        blocks = prose_blocks(page_html(page.read_text(encoding="utf-8")))
        scores[label(page)] = (inflesz(blocks), word_count(blocks))
    assert len(scores) >= 15
    lines = ["Reading ease (INFLESZ) of body prose, per Spanish page:"]
    for name, (figure, words) in sorted(scores.items(), key=lambda item: item[1][0]):
        note = "" if words >= MIN_WORDS else "  (too short to judge)"
        lines.append(f"  {figure:5.1f}  {inflesz_band(figure):15}  {words:5d} words  {name}{note}")
    report = "\n".join(lines) + "\n"
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "readability-es.txt").write_text(report, encoding="utf-8")
    with capsys.disabled():
        print("\n" + report)
    too_hard = {
        name: round(figure, 1)
        for name, (figure, words) in scores.items()
        if figure < MIN_INFLESZ and words >= MIN_WORDS
    }
    assert not too_hard, f"under INFLESZ {MIN_INFLESZ:g}: shorten sentences and words in {too_hard}"


def test_the_prose_leaves_out_front_matter_macros_headings_and_code():
    source = (
        "---\ntitle: Título\n---\n\n# Un título larguísimo {#top}\n\nEsto se lee.\n\n"
        '{{ guide() }}\n\n!!! note "Incomprensibilidad"\n    Esto también.\n\n'
        "```\ncódigo\n```\n\n- [Solo un enlace](a.md)\n- Unas palabras y [un enlace](b.md)\n"
    )
    assert prose_blocks(page_html(source)) == [
        "Esto se lee.",
        "Esto también.",
        "Unas palabras y un enlace",
    ]


# ── Safety language ──────────────────────────────────────────────────────────────────────

# One sentence per Spanish rule that breaks it, and the words the report must quote.
BREAKS: list[tuple[Rule, str, str]] = [
    (ORDENES, "Debes contárselo a tu terapeuta.", "Debes"),
    (ORDENES, "Esta es la única opción que te queda.", "la única opción"),
    (PROMESAS, "Te prometo que es así.", "Te prometo"),
    (PROMESAS, "La terapia te ayudará.", "ayudará"),
    (PROMESAS, "Si sigues, te sentirás mejor.", "sentirás mejor"),
    (PROMESAS, "Esta terapia garantiza resultados.", "garantiza"),
    (PROMESAS, "La TCC siempre funciona.", "siempre funciona"),
    (PROMESAS, "Seguro que mejora pronto.", "Seguro que"),
    (TRANQUILIZAR, "Todo va a salir bien.", "Todo va a salir bien"),
    (TRANQUILIZAR, "No hay nada de qué preocuparse.", "No hay nada de qué preocuparse"),
    (TRANQUILIZAR, "Vas a estar bien.", "Vas a estar bien"),
    (TRANQUILIZAR, "Es normal sentirte peor.", "normal sentirte peor"),
    (TRANQUILIZAR, "Es totalmente seguro.", "totalmente seguro"),
    (METODOS, "Hay quien toma una sobredosis.", "sobredosis"),
    (METODOS, "¿Cuántas pastillas harían falta?", "Cuántas pastillas"),
    (METODOS, "¿Alguna vez quieres cortarte?", "cortarte"),
    (METODOS, "Pensó en tirarse desde un puente.", "tirarse desde"),
]

# Sentences close to a rule that must pass: doubts, denials, questions, plain futures, and
# the site's own safety advice, which names no method.
HARMLESS = [
    "No sabes si la terapia te ayudará.",
    "Nadie puede prometer que funcionará.",
    "Puede que temas que nada funcionará.",
    "¿Me ayudará la terapia?",
    "¿Es esta la única opción?",
    "No debes sentirte culpable.",
    "Ninguna es la única respuesta correcta.",
    "Asegúrate de que tu terapeuta lo sabe.",
    "No es seguro que funcione.",
    "Aléjate de cualquier cosa que puedas usar para hacerte daño.",
    "Tu terapeuta te escribirá pronto.",
    "Puedes cortar por lo sano y buscar otra terapia.",
    "Esto a menudo ayuda, pero no siempre.",
]


def case_id(value: object) -> str:
    """A readable test id."""
    return value.name if isinstance(value, Rule) else str(value)


@pytest.mark.parametrize(("rule", "sentence", "phrase"), BREAKS, ids=case_id)
def test_a_spanish_sentence_that_breaks_a_rule_is_reported(rule: Rule, sentence: str, phrase: str):
    """Control: each Spanish rule can fail, and its message says why and how to fix it."""
    found = findings(sentence, language="es")
    assert [(finding.rule, finding.phrase) for finding in found] == [(rule, phrase)]
    assert found[0].message == f'avoid "{phrase}": {rule.why}'
    assert findings(sentence) == [] or rule is METODOS, "English rules do not read Spanish"


@pytest.mark.parametrize("sentence", HARMLESS)
def test_a_harmless_spanish_sentence_is_not_reported(sentence: str):
    assert findings(sentence, language="es") == []


def test_every_spanish_rule_has_a_control_and_says_why_and_how():
    assert {rule for rule, _, _ in BREAKS} == set(SPANISH_RULES)
    for rule in SPANISH_RULES:
        assert rule.why.startswith("it ")
        assert "instead" in rule.why or "for example" in rule.why


def test_method_words_count_in_the_readers_own_words_too():
    assert findings("¿Es la única opción? Te ayudará.", readers_words=True, language="es") == []
    found = findings("Tomé una sobredosis.", readers_words=True, language="es")
    assert [finding.rule for finding in found] == [METODOS]


def test_every_spanish_page_keeps_the_safety_language_rules():
    problems = [
        line
        for page in spanish_pages()
        for line in page_problems(label(page), page.read_text(encoding="utf-8"))
    ]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("rule", "sentence", "phrase"),
    [next(case for case in BREAKS if case[0] is rule) for rule in SPANISH_RULES],
    ids=case_id,
)
def test_a_spanish_page_that_breaks_a_rule_is_reported_at_its_line(
    rule: Rule, sentence: str, phrase: str
):
    """Control: a bad sentence in the prose or a heading is named at FILE:LINE:COLUMN."""
    path = "docs/es/about.md"
    source = (SPANISH / "about.md").read_text(encoding="utf-8")
    lines = source.count("\n")
    in_prose = f"{source}\nUnas palabras. {sentence}\n"
    in_heading = f"{source}\n## {sentence}\n"
    for broken in (in_prose, in_heading):
        found = page_problems(path, broken)
        assert len(found) == 1, found
        line, column = found[0].split(":")[1:3]
        assert int(line) == lines + 2
        assert broken.splitlines()[int(line) - 1][int(column) - 1 :].startswith(phrase)
        assert f'avoid "{phrase}"' in found[0]
