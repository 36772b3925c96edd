"""A second language's wording of a data file: the same entries, other words, no routing.

The English file (`docs/_data/guide.yaml`) holds routing and wording together, for editors'
sake. A translation (`docs/_data/es/guide.yaml`) holds only the words a reader sees, keyed
by the English file's ids and answer keys, so where an answer leads can never differ between
languages. A `Shape` says, for one English file, which texts a translation must give; `check`
compares a translation with it (an entry, answer or text missing from either side is a problem
at its line), and `translate` puts the translated words into a copy of the English data, which
the usual loader then checks and builds. Example::

    english = load_document(Path("docs/_data/guide.yaml"))
    spanish = load_document(Path("docs/_data/es/guide.yaml"))
    problems = check(guide_shape(english), spanish, english)
    tree = validate_document(translated(guide_shape(english), english, spanish))
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

from wtiw.core.plain_text import markup_message
from wtiw.core.problems import Problem
from wtiw.core.yaml_reader import Document, PathKey

# The text fields of a guide step, in the order editors write them; lists are `TEXT_LISTS`.
STEP_TEXTS = ("title", "hint", "meaning", "try_heading", "ask_heading", "print_label")
TEXT_LISTS = ("try", "ask")
# The text fields of an option and of a "What matters to you" box (values and constraints).
OPTION_TEXTS = ("title", "involves", "like", "time_and_cost", "not_right_when")
OPTION_LISTS = ("benefits", "downsides")
BOX_TEXTS = ("label", "said")


@dataclass(frozen=True)
class Shape:
    """What a translation holds at one place, and where the English holds it (`at`).

    A mapping of named `parts`, a list of `items` texts, or (neither) one text. A list's
    texts go into the English list itself, or into each item's `item_field` (a link's text).
    """

    at: PathKey
    parts: dict[str, Shape] = field(default_factory=dict)
    items: int | None = None
    item_field: str = ""

    @property
    def is_text(self) -> bool:
        """A single text, not a mapping or a list."""
        return not self.parts and self.items is None


def guide_shape(document: Document) -> Shape:
    """The texts a translation of the guide gives: `steps`, by id, each step's words.

    A question gives its `title`, `hint` and `answers` (answer key: label); an outcome its
    headings, `meaning`, `try` and `ask` lists and its `links` texts, in the English order.
    """
    steps: dict[str, Shape] = {}
    for index, step in enumerate(document.data.get("steps", [])):
        at: PathKey = ("steps", index)
        parts = {name: Shape((*at, name)) for name in STEP_TEXTS if name in step}
        parts |= {
            name: Shape((*at, name), items=len(step[name])) for name in TEXT_LISTS if name in step
        }
        if "answers" in step:
            answers = {
                answer["key"]: Shape((*at, "answers", number, "label"))
                for number, answer in enumerate(step["answers"])
            }
            parts["answers"] = Shape((*at, "answers"), parts=answers)
        if "links" in step:
            parts["links"] = Shape((*at, "links"), items=len(step["links"]), item_field="text")
        steps[step["id"]] = Shape(at, parts=parts)
    return Shape((), parts={"steps": Shape(("steps",), parts=steps)})


def options_shape(document: Document) -> Shape:
    """The texts a translation of the options gives: boxes and options by id.

    A box (`values`, `constraints`) gives its `label` and `said`; an option the text fields
    it has (a variant only those it changes), its `benefits` and `downsides` lists, and its
    `sources`' titles, in the English order (the addresses stay the English file's).
    """
    groups: dict[str, Shape] = {}
    for group in (name for name in ("values", "constraints", "options") if name in document.data):
        entries: dict[str, Shape] = {}
        for index, entry in enumerate(document.data.get(group, [])):
            at: PathKey = (group, index)
            texts = BOX_TEXTS if group != "options" else OPTION_TEXTS
            parts = {name: Shape((*at, name)) for name in texts if name in entry}
            parts |= {
                name: Shape((*at, name), items=len(entry[name]))
                for name in OPTION_LISTS
                if name in entry
            }
            if "sources" in entry:
                parts["sources"] = Shape(
                    (*at, "sources"), items=len(entry["sources"]), item_field="title"
                )
            entries[entry["id"]] = Shape(at, parts=parts)
        groups[group] = Shape((group,), parts=entries)
    return Shape((), parts=groups)


def check(shape: Shape, translation: Document, english: Document) -> list[Problem]:
    """Every place where `translation` does not give exactly the texts `shape` asks for.

    A text the translation lacks is reported at its line in `english` (the translation has
    none); a text or entry the English lacks, at its line in the translation.
    """
    return _compare(shape, translation.data, (), translation, english)


def _compare(
    shape: Shape, value: Any, path: PathKey, translation: Document, english: Document
) -> list[Problem]:
    """Compare one place of the translation (`value` at `path`) with its shape."""
    name = ".".join(str(part) for part in path) or "the file"
    if shape.is_text:
        if not isinstance(value, str) or not value.strip():
            return [translation.problem(path, f"`{name}` must be text: write the words here.")]
        message = markup_message(value)
        return [translation.problem(path, f"`{name}`: {message}")] if message else []
    if shape.items is not None:
        if not isinstance(value, list) or len(value) != shape.items:
            count = len(value) if isinstance(value, list) else "no"
            return [
                translation.problem(
                    path,
                    f"`{name}` has {count} items here and {shape.items} in {english.file}: "
                    "give one item for each English item, in the same order.",
                )
            ]
        return [
            problem
            for number, item in enumerate(value)
            for problem in _compare(Shape(()), item, (*path, number), translation, english)
        ]
    if not isinstance(value, dict):
        return [translation.problem(path, f"`{name}` must be a mapping of names to words.")]
    problems = [
        translation.problem(
            (*path, key),
            f"`{key}` is not in {english.file}: remove it here, or add it there first "
            "(where answers lead is written only in the English file).",
            key=True,
        )
        for key in value
        if key not in shape.parts
    ]
    for key, part in shape.parts.items():
        if key in value:
            problems += _compare(part, value[key], (*path, key), translation, english)
            continue
        line, column = english.where(part.at, key=True)
        where = ".".join(str(piece) for piece in (*path, key))
        problems.append(
            Problem(
                english.file,
                line,
                column,
                f"`{where}` has no wording in {translation.file}: add it there "
                "(every step, answer and text needs both languages).",
            )
        )
    return problems


def translate(shape: Shape, english: Any, translation: Any) -> Any:
    """A copy of the English data with every text of `shape` taken from `translation`.

    Call only after `check` found nothing: the translation then has every text, and only
    texts, so routing and every other field stay the English file's.
    """
    result = copy.deepcopy(english)
    _put(shape, result, translation)
    return result


def _put(shape: Shape, data: Any, value: Any) -> None:
    """Write one place's translated text(s) into the English data (a copy), at `shape.at`."""
    if shape.parts:
        for key, part in shape.parts.items():
            _put(part, data, value[key])
        return
    target = data
    for piece in shape.at[:-1]:
        target = target[piece]
    if shape.item_field:
        for item, text in zip(target[shape.at[-1]], value, strict=True):
            item[shape.item_field] = text
    else:
        target[shape.at[-1]] = value


def translated(shape: Shape, english: Document, translation: Document) -> Document:
    """The English document with the translation's words, positioned in the translation.

    Call only after `check` found nothing. A problem the usual checks then find in the
    words (two answers with the same label) is named at its line in the translation; one
    elsewhere (a step's id, where an answer leads) at the nearest line the translation has,
    the step's own, since its routing is the English file's and was checked there.
    """
    values: dict[PathKey, tuple[int, int]] = {}
    keys: dict[PathKey, tuple[int, int]] = {}
    _place(shape, (), translation, values, keys)
    data = translate(shape, english.data, translation.data)
    return Document(translation.file, data, values, keys)


def _place(
    shape: Shape,
    path: PathKey,
    translation: Document,
    values: dict[PathKey, tuple[int, int]],
    keys: dict[PathKey, tuple[int, int]],
) -> None:
    """Map one place's English path (`shape.at`) to its position at `path` in the translation."""
    if path in translation.values:
        values[shape.at] = translation.values[path]
    if path in translation.keys:
        keys[shape.at] = translation.keys[path]
    for key, part in shape.parts.items():
        _place(part, (*path, key), translation, values, keys)
    for number in range(shape.items or 0):
        where = (*shape.at, number, shape.item_field) if shape.item_field else (*shape.at, number)
        if (*path, number) in translation.values:
            values[where] = translation.values[(*path, number)]
