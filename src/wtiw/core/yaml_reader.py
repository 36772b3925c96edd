"""Read a guide YAML file safely, keeping the line and column of every key and value.

PyYAML alone would silently keep the last of two duplicate keys, expand aliases (the
"billion laughs" attack) and forget where each value came from. This loader reads the
bytes itself (size and UTF-8 checks), rejects invisible control and text-direction
characters, anchors, aliases, tags and duplicate keys, and returns plain Python data beside
a map from each value's path to its position.
Example: ``load_document(Path("docs/_data/guide.yaml")).data["start"]``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from wtiw.core.problems import InputError, Problem

# A real guide is a few dozen kilobytes; anything near this limit is a mistake or an attack.
MAX_BYTES = 1_000_000

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_MERGE_TAG = "tag:yaml.org,2002:merge"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
# C0 and C1 controls but tab, line feed and carriage return, DEL, the bidirectional
# marks, embeddings, overrides and isolates, and the zero-width space, word joiner and a
# byte-order mark inside the text (one at the very start is stripped when the file is read):
# invisible, and able to hide or reorder what a reader sees ("Trojan Source") or split a
# word so a check misses it. PyYAML rejects most controls, but only with the whole file's
# first line as their place.
UNSAFE_CHARACTER = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]"
)

PathKey = tuple[str | int, ...]


@dataclass
class Document:
    """Plain data from one YAML file, with the position of every value and mapping key."""

    file: str
    data: Any
    values: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    keys: dict[PathKey, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: PathKey, *, key: bool = False) -> tuple[int, int]:
        """Return the line and column of `path` (its key if asked), or of its nearest parent."""
        if key and path in self.keys:
            return self.keys[path]
        probe = tuple(path)
        while probe:
            if probe in self.values:
                return self.values[probe]
            probe = probe[:-1]
        return self.values.get((), (1, 1))

    def problem(self, path: PathKey, message: str, *, key: bool = False) -> Problem:
        """Make a `Problem` located at `path` in this file."""
        line, column = self.where(path, key=key)
        return Problem(self.file, line, column, message)


def _position(mark: Any) -> tuple[int, int]:
    """Turn a 0-based PyYAML mark into a 1-based (line, column)."""
    return (mark.line + 1, mark.column + 1)


def read_text(path: Path, label: str, max_bytes: int = MAX_BYTES) -> str:
    """Read `path` as UTF-8 text, refusing unreadable, oversized or non-UTF-8 files."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        message = f"the file is missing. Restore it (git checkout -- {label}) or check the path."
        raise InputError([Problem(label, 1, 1, message)]) from None
    except OSError as error:
        reason = error.strerror or str(error)
        raise InputError(
            [Problem(label, 1, 1, f"cannot read the file ({reason}). Check the path.")]
        ) from None
    if len(raw) > max_bytes:
        message = (
            f"the file is {len(raw):,} bytes, more than the limit of {max_bytes:,}. "
            "A guide this large is almost certainly a mistake: split or shorten it."
        )
        raise InputError([Problem(label, 1, 1, message)])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        bad = raw[error.start : error.start + 1].hex()
        message = (
            f"the file is not valid UTF-8 (byte 0x{bad} here). "
            "Save it with the UTF-8 encoding in your editor."
        )
        raise InputError([Problem(label, line, column, message)]) from None


def _unsafe_message(character: str) -> str:
    """Name an invisible character by its code point, since an editor may not show it."""
    name = unicodedata.name(character, "a control character")
    return (
        f"the invisible character U+{ord(character):04X} ({name}) is not allowed: it can "
        "hide or reorder text. Delete it (if your editor does not show it, retype the text "
        "around here)."
    )


def check_characters(text: str, label: str) -> list[Problem]:
    """Report the first invisible control or text-direction character on each line."""
    problems: list[Problem] = []
    last_line = 0
    for match in UNSAFE_CHARACTER.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        if line == last_line:
            continue
        last_line = line
        column = match.start() - text.rfind("\n", 0, match.start())
        problems.append(Problem(label, line, column, _unsafe_message(match.group())))
    return problems


def _syntax_problem(label: str, error: yaml.YAMLError) -> Problem:
    """Describe a YAML syntax error at the place PyYAML points to."""
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line, column = _position(mark) if mark is not None else (1, 1)
    what = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None)
    detail = f"{what} ({context})" if context else what
    message = (
        f"YAML syntax error: {detail}. Check the indentation, colons and quotes on this "
        "line and the one before it."
    )
    if what.startswith("mapping values are not allowed"):
        message += ' Put quotes around text that contains ": ", like title: "NHS: Therapy".'
    return Problem(label, line, column, message)


def check_events(text: str, label: str) -> list[Problem]:
    """Reject YAML features a guide never needs: anchors, aliases, tags, several documents.

    Reads the event stream only, so nothing is expanded; a syntax error is left to the parse.
    """
    try:
        return _event_problems(text, label)
    except yaml.YAMLError:
        return []


def _event_problems(text: str, label: str) -> list[Problem]:
    """The problems of `check_events`; raises `yaml.YAMLError` on a syntax error."""
    problems: list[Problem] = []
    documents = 0
    for event in yaml.parse(text, Loader=_Loader):
        where = _position(event.start_mark)
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents == 2:
                problems.append(
                    Problem(
                        label,
                        *where,
                        "a second YAML document starts here: a guide is one document. "
                        "Remove the '---' line.",
                    )
                )
        if isinstance(event, yaml.AliasEvent):
            problems.append(
                Problem(
                    label,
                    *where,
                    f"YAML aliases (*{event.anchor}) are not allowed: write the text out in full.",
                )
            )
        elif getattr(event, "anchor", None):
            problems.append(
                Problem(
                    label,
                    *where,
                    f"YAML anchors (&{event.anchor}) are not allowed: remove '&{event.anchor}' "
                    "and write any repeated text out in full.",
                )
            )
        tag = getattr(event, "tag", None)
        if tag and tag not in ("!", "tag:yaml.org,2002:str"):
            problems.append(
                Problem(
                    label,
                    *where,
                    f"YAML tags ({tag}) are not allowed: remove the tag and write plain text.",
                )
            )
    return problems


class _Builder:
    """Turn composed YAML nodes into plain data, recording positions and duplicate keys."""

    def __init__(self, label: str) -> None:
        """Start with no positions and no problems."""
        self.label = label
        self.document = Document(label, None)
        self.problems: list[Problem] = []
        self.constructor = _Loader("")

    def build(self, node: yaml.Node, path: PathKey) -> Any:
        """Return the plain value of `node`, recording where it is."""
        self.document.values[path] = _position(node.start_mark)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
        try:
            value = self.constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, TypeError, OverflowError):
            if node.tag == _TIMESTAMP_TAG:
                # 2027-02-30 has the shape of a date, so YAML tries to make one and fails.
                message = (
                    f"{node.value} is not a real date. Write a date that exists as "
                    "YYYY-MM-DD, or put it in quotes if it is text."
                )
            else:
                message = f"cannot read the value {node.value!r}. Put it in quotes to make it text."
            self.problems.append(Problem(self.label, *_position(node.start_mark), message))
            return None
        # An escape in quotes ("\u202E") puts the character in the text without it in the file.
        unsafe = UNSAFE_CHARACTER.search(value) if isinstance(value, str) else None
        if unsafe:
            where = _position(node.start_mark)
            self.problems.append(Problem(self.label, *where, _unsafe_message(unsafe.group())))
        return value

    def _mapping(self, node: yaml.MappingNode, path: PathKey) -> dict[str, Any]:
        """Build a dict, reporting non-text keys and keys that appear twice."""
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            where = _position(key_node.start_mark)
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _MERGE_TAG:
                self.problems.append(
                    Problem(
                        self.label,
                        *where,
                        "this key is not a plain name: keys must be words like 'title'.",
                    )
                )
                continue
            key = key_node.value
            if key in result:
                first_line = self.document.keys[(*path, key)][0]
                self.problems.append(
                    Problem(
                        self.label,
                        *where,
                        f"duplicate key '{key}': it is already set on line {first_line}. "
                        "Remove one of them (YAML would silently keep only the last).",
                    )
                )
                continue
            self.document.keys[(*path, key)] = where
            result[key] = self.build(value_node, (*path, key))
        return result


def parse_document(text: str, label: str, expected: str = "a guide tree") -> Document:
    """Parse YAML `text` (named `label` in messages) into a `Document`, or raise InputError.

    `expected` says what the file should hold, for the message about an empty file.
    """
    problems = check_characters(text, label)
    if problems:
        raise InputError(problems)
    try:
        problems = _event_problems(text, label)
        if problems:
            raise InputError(problems)
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as error:
        raise InputError([_syntax_problem(label, error)]) from None
    except RecursionError:
        raise InputError([Problem(label, 1, 1, "the YAML is nested far too deeply.")]) from None
    if node is None:
        raise InputError([Problem(label, 1, 1, f"the file is empty: it needs {expected}.")])
    builder = _Builder(label)
    try:
        builder.document.data = builder.build(node, ())
    except RecursionError:
        raise InputError([Problem(label, 1, 1, "the YAML is nested far too deeply.")]) from None
    if builder.problems:
        raise InputError(builder.problems)
    return builder.document


def load_document(
    path: Path, label: str | None = None, max_bytes: int = MAX_BYTES, expected: str = "a guide tree"
) -> Document:
    """Read and parse the YAML file at `path`; messages name it `label` (default: the path)."""
    name = label or str(path)
    return parse_document(read_text(path, name, max_bytes), name, expected)
