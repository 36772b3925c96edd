"""The guide's editorial rules for its words in another language: the Spanish guide and options.

A translation (`docs/_data/es/guide.yaml`, `docs/_data/es/options.yaml`, see
`core/wording.py`) holds only words, so the rules about words apply to it again, in its own
language, and report at its own lines: safety language (`core/safety_language.py`'s Spanish
rules), sentence length, reading ease (INFLESZ, `core/readability.py`, instead of the
English grade), options weighed fairly, and nothing that asks a harmed reader to deal with
their therapist. Routing is the English file's, so which steps a harmed reader reaches, and
which options an outcome offers, come from the checked English tree.

`check_guide` (`guide/page.py`) runs `lint_wordings` after the English lint, so
`python -m wtiw check` and every build report these problems the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wtiw.core.interface import LANGUAGES as SITE_LANGUAGES
from wtiw.core.problems import InputError, Problem
from wtiw.core.readability import MIN_INFLESZ, inflesz, inflesz_band, sentences
from wtiw.core.safety_language import findings
from wtiw.core.yaml_reader import Document, PathKey, load_document
from wtiw.guide.lint import MAX_SENTENCE_WORDS, harm_reach, long_sentence, opening, sentence_words
from wtiw.guide.model import Question, Tree
from wtiw.guide.options import imbalance, words

# The languages whose wording sits beside the English data (`docs/_data/<language>/`).
# Every language but English, which guide.yaml itself is written in.
LANGUAGES = tuple(language for language in SITE_LANGUAGES if language != "en")
# As in `guide/lint.py`: where the site speaks (every rule), where the reader does (methods).
SITE_FIELDS = ("title", "hint", "meaning", "try")
READER_FIELDS = ("answers", "ask")
GRADED_FIELDS = {"question": ("title", "hint", "answers"), "outcome": ("meaning", "try", "ask")}
OPTION_FIELDS = ("title", "involves", "benefits", "downsides", "like", "time_and_cost")
OPTION_GRADED = (*OPTION_FIELDS, "not_right_when")
# What a harmed reader must never be asked, in Spanish: to talk to, agree with or end well
# with the therapist who harmed them, or to bring it to a next session (`lint.HARM_PHRASES`).
_THERAPIST = r"(?:a |con )?(?:tu|el|la|este|esta|ese|esa) (?:terapeuta|psicólog[oa])(?: actual)?"
HARM_PHRASES = re.compile(
    r"(?<![\w-])(?:"
    rf"(?:dile|decirle|cuéntale|contarle|pregúntale|preguntarle|coméntale|comentarle) {_THERAPIST}"
    rf"|(?:habla|hablar|hablarlo|háblalo|háblale|hablarle|conversa|conversar) {_THERAPIST}"
    rf"|(?:ponte|ponerte|ponerse) de acuerdo {_THERAPIST}"
    r"|con (?:tu|el|la) terapeuta actual"
    r"|terminar bien|acabar bien|cerrar bien|despedirte bien"
    # "sin una última sesión", "no necesitas una última sesión" free the reader from one.
    r"|(?<!sin\x20)(?<!necesitas\x20)(?:una|la) última sesión"
    r"|(?:tu|la) próxima sesión"
    r"|(?:arreglar|reparar) la relación"
    r")(?![\w-])",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Wording:
    """One text of a translation: whose it is, its field, the words, and where they are."""

    owner: str
    kind: str
    field: str
    text: str
    path: PathKey


def _texts(value: Any, owner: str, kind: str, name: str, path: PathKey) -> Iterator[Wording]:
    """The texts of one field: a text, a list of texts, or a mapping of texts (answers)."""
    if isinstance(value, str):
        # A folded `meaning` keeps its paragraphs apart with line breaks.
        for paragraph in value.split("\n"):
            if paragraph.strip():
                yield Wording(owner, kind, name, paragraph, path)
    elif isinstance(value, list):
        for number, item in enumerate(value):
            yield from _texts(item, owner, kind, name, (*path, number))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, owner, kind, name, (*path, key))


def step_wordings(tree: Tree, guide: Document) -> dict[str, list[Wording]]:
    """Each step's translated texts, by step id (steps the tree does not have are left out)."""
    found: dict[str, list[Wording]] = {}
    steps = guide.data.get("steps") if isinstance(guide.data, dict) else None
    for step_id, fields in (steps or {}).items():
        step = tree.steps.get(step_id)
        if step is None or not isinstance(fields, dict):
            continue
        found[step_id] = [
            wording
            for name, value in fields.items()
            for wording in _texts(value, step_id, step.kind, name, ("steps", step_id, name))
        ]
    return found


def option_wordings(options: Document | None) -> dict[str, list[Wording]]:
    """Each option's translated texts, by option id; the boxes' labels under `values`."""
    found: dict[str, list[Wording]] = {}
    data = options.data if options and isinstance(options.data, dict) else {}
    for group in ("values", "constraints"):
        for box_id, fields in (data.get(group) or {}).items():
            if isinstance(fields, dict) and isinstance(fields.get("label"), str):
                path = (group, box_id, "label")
                found.setdefault(group, []).append(
                    Wording(box_id, group, "label", fields["label"], path)
                )
    for option_id, fields in (data.get("options") or {}).items():
        if isinstance(fields, dict):
            found[option_id] = [
                wording
                for name, value in fields.items()
                if name in OPTION_GRADED
                for wording in _texts(
                    value, option_id, "option", name, ("options", option_id, name)
                )
            ]
    return found


def check_wording_language(
    steps: dict[str, list[Wording]], options: dict[str, list[Wording]], docs: _Documents
) -> list[Problem]:
    """No step or option orders, promises, reassures without conditions or names a method."""
    problems = []
    for wording in (w for texts in steps.values() for w in texts):
        if wording.field not in SITE_FIELDS + READER_FIELDS:
            continue
        readers = wording.field in READER_FIELDS
        for finding in findings(wording.text, readers_words=readers, language=docs.language):
            problems.append(docs.guide.problem(wording.path, finding.message))
    for group, texts in options.items():
        for wording in texts:
            readers = group in ("values", "constraints")
            for finding in findings(wording.text, readers_words=readers, language=docs.language):
                problems.append(docs.options_document.problem(wording.path, finding.message))
    return problems


def check_wording_sentences(
    steps: dict[str, list[Wording]], options: dict[str, list[Wording]], docs: _Documents
) -> list[Problem]:
    """No sentence of a step or an option is longer than `MAX_SENTENCE_WORDS` words."""
    problems = []
    for document, groups in ((docs.guide, steps), (docs.options_document, options)):
        for wording in (w for texts in groups.values() for w in texts):
            for sentence in sentences(wording.text):
                count = sentence_words(sentence)
                if count > MAX_SENTENCE_WORDS:
                    message = long_sentence(sentence, count)
                    problems.append(document.problem(wording.path, message))
    return problems


def _ease_problem(document: Document, what: str, texts: list[Wording]) -> Problem | None:
    """A problem at the hardest sentence when `texts`, read as one, score under the bar."""
    if not texts:
        return None
    score = inflesz(wording.text for wording in texts)
    if score >= MIN_INFLESZ:
        return None
    _score, hardest, sentence = min(
        (inflesz([sentence]), wording.path, sentence)
        for wording in texts
        for sentence in sentences(wording.text)
    )
    message = (
        f'{what} reads at INFLESZ {score:.1f} ("{inflesz_band(score)}"); keep it at '
        f'{MIN_INFLESZ:g} ("bastante fácil") or above. Use shorter sentences and shorter, '
        f"everyday words, starting with the hardest sentence, here: {opening(sentence)}."
    )
    return document.problem(hardest, message)


def check_wording_ease(
    steps: dict[str, list[Wording]], options: dict[str, list[Wording]], docs: _Documents
) -> list[Problem]:
    """Every step and every option reads "bastante fácil" (INFLESZ 65 or more)."""
    found = []
    for step_id, texts in steps.items():
        kind = texts[0].kind if texts else "step"
        graded = [wording for wording in texts if wording.field in GRADED_FIELDS.get(kind, ())]
        found.append(_ease_problem(docs.guide, f"the {kind} '{step_id}'", graded))
    for option_id, texts in options.items():
        if option_id not in ("values", "constraints"):
            found.append(_ease_problem(docs.options_document, f"the option '{option_id}'", texts))
    return [problem for problem in found if problem]


def _listed(texts: list[Wording], name: str) -> tuple[str, ...]:
    """The items of one list field of an option."""
    return tuple(wording.text for wording in texts if wording.field == name)


def check_wording_balance(
    steps: dict[str, list[Wording]], options: dict[str, list[Wording]], docs: _Documents
) -> list[Problem]:
    """An option's good points and things to weigh up stay within a quarter of each other."""
    problems = []
    for option_id, texts in options.items():
        good, bad = words(_listed(texts, "benefits")), words(_listed(texts, "downsides"))
        if not good and not bad:
            continue  # a variant that keeps its option's lists
        found = imbalance(option_id, good, bad)
        if found:
            longer, message = found
            where = ("options", option_id, longer)
            problems.append(docs.options_document.problem(where, message, key=True))
    return problems


def check_wording_harm(
    steps: dict[str, list[Wording]], options: dict[str, list[Wording]], docs: _Documents
) -> list[Problem]:
    """Nothing a harmed reader reaches asks them to deal with that therapist, in any language."""
    problems = []
    offered: dict[str, str] = {}
    for step_id, said in harm_reach(docs.tree).items():
        step = docs.tree.steps[step_id]
        if not isinstance(step, Question):
            for name in step.options:
                offered.setdefault(name, step_id)
        first = f"'{said[0][0]} / {said[0][1]}'"
        for wording in steps.get(step_id, []):
            for match in HARM_PHRASES.finditer(wording.text):
                message = (
                    f"\"{match[0]}\" is in the {wording.field} of '{step_id}', which a reader "
                    f"reaches after saying their therapist harmed them ({first}). Never ask "
                    "them to talk to, agree with or end well with that therapist: reword it "
                    "(a new therapist, a doctor, someone they trust or a support line)."
                )
                problems.append(docs.guide.problem(wording.path, message))
    for name, step_id in offered.items():
        for wording in options.get(name, []):
            for match in HARM_PHRASES.finditer(wording.text):
                message = (
                    f"\"{match[0]}\" is in the option '{name}', offered by '{step_id}', which "
                    "a reader reaches after saying their therapist harmed them. Never ask them "
                    "to talk to, agree with or end well with that therapist: reword it."
                )
                problems.append(docs.options_document.problem(wording.path, message))
    return problems


@dataclass(frozen=True)
class _Documents:
    """One language's wording files and the English tree they translate."""

    language: str
    tree: Tree
    guide: Document
    options: Document | None

    @property
    def options_document(self) -> Document:
        """The options' wording (only asked for when there are options' texts)."""
        return self.options or self.guide


RULES = (
    check_wording_language,
    check_wording_sentences,
    check_wording_ease,
    check_wording_balance,
    check_wording_harm,
)


def lint_wording(
    tree: Tree, guide: Document, options: Document | None, language: str
) -> list[Problem]:
    """Every editorial problem in one language's wording of the guide and its options."""
    docs = _Documents(language, tree, guide, options)
    steps, offered = step_wordings(tree, guide), option_wordings(options)
    return sorted({problem for rule in RULES for problem in rule(steps, offered, docs)})


def lint_wordings(tree: Tree, tree_path: Path, tree_label: str) -> list[Problem]:
    """The problems of every language's wording beside the English tree (`LANGUAGES`).

    A language without a wording folder is skipped; a file that cannot be read is a problem.
    """
    problems: list[Problem] = []
    for language in LANGUAGES:
        folder = tree_path.parent / language
        label = Path(tree_label).parent / language
        if not (folder / "guide.yaml").is_file():
            continue
        try:
            guide = load_document(folder / "guide.yaml", (label / "guide.yaml").as_posix())
            options = None
            if (folder / "options.yaml").is_file():
                options = load_document(
                    folder / "options.yaml", (label / "options.yaml").as_posix()
                )
        except InputError as error:
            problems += error.problems
            continue
        problems += lint_wording(tree, guide, options, language)
    return problems
