"""Check a guide's shape against its JSON Schema and explain each problem in plain words.

The same schema gives editors completion and errors in their editor (through the
``# yaml-language-server: $schema=`` comment), so the engine and the editor never disagree.
"""

from __future__ import annotations

import difflib
import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError

from wtiw.core.plain_text import markup_message
from wtiw.core.problems import Problem
from wtiw.core.yaml_reader import Document, PathKey

# Package data: the schema ships with the engine that checks it.
SCHEMA_PATH = Path(__file__).with_name("schema.json")

_TYPE_WORDS = {
    "string": "text",
    "array": "a list (lines starting with '- ')",
    "object": "a group of fields (name: value lines)",
    "boolean": "true or false",
    "integer": "a whole number",
    "number": "a number",
    "null": "empty",
}

KEY_RULE = (
    "An answer's key names it in a reader's saved answers: use up to 40 lower-case letters, "
    "digits and single hyphens, unique in the question, like 'not-sure'."
)


# The schemas' `$defs/text` says `"format": "plain-text"`, so every field of prose, including
# fields added later with that `$ref`, is checked for markup without a list to keep.
PLAIN_TEXT = FormatChecker(formats=())


@PLAIN_TEXT.checks("plain-text")
def _is_plain_text(value: object) -> bool:
    """Text without HTML, Markdown or Jinja (`core/plain_text.py`); other types pass here."""
    return not isinstance(value, str) or markup_message(value) is None


@cache
def validator(schema_path: Path = SCHEMA_PATH) -> Draft202012Validator:
    """Load the schema once and return a validator for it."""
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=PLAIN_TEXT)


def _describe(value: Any) -> str:
    """Name the kind of a YAML value the way an editor would think of it."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    if isinstance(value, int | float):
        return "a number"
    return type(value).__name__


def _field(path: PathKey) -> str:
    """Name the field at the end of `path` for a message."""
    for part in reversed(path):
        if isinstance(part, str):
            return part
    return "the tree"


def _explain(error: ValidationError, document: Document) -> Problem:
    """Translate one schema error into a located, plain-language problem."""
    path: PathKey = tuple(error.absolute_path)
    field = _field(path)
    kind = error.validator
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else str(error.message)
        hint = f" {KEY_RULE}" if missing == "key" else ""
        return document.problem(
            path, f"'{missing}' is missing here. Add a line '{missing}: ...' to this entry.{hint}"
        )
    if kind == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extras = [key for key in error.instance if key not in allowed]
        name = extras[0] if extras else "?"
        close = difflib.get_close_matches(name, allowed, n=1)
        hint = f" Did you mean '{close[0]}'?" if close else ""
        return document.problem(
            (*path, name),
            f"unknown field '{name}'.{hint} Allowed here: {', '.join(allowed)}.",
            key=True,
        )
    if kind == "type":
        wanted = _TYPE_WORDS.get(str(error.validator_value), str(error.validator_value))
        hint = ""
        if error.validator_value == "string" and isinstance(error.instance, bool | int | float):
            hint = " YAML reads words like Yes, No, On and numbers as values: put it in quotes."
        return document.problem(
            path, f"'{field}' must be {wanted}, but it is {_describe(error.instance)}.{hint}"
        )
    if kind == "format" and isinstance(error.instance, str):
        return document.problem(path, f"'{field}': {markup_message(error.instance)}")
    if kind == "pattern" and error.validator_value == r"\S":
        return document.problem(path, f"'{field}' is empty. Write some text, or remove it.")
    if kind == "pattern" and field == "page":
        return document.problem(
            path,
            f"'{error.instance}' is not a page name. Use the Markdown file name in docs/, "
            "like 'talk-to-your-therapist.md'.",
        )
    if kind == "pattern" and field == "url":
        return document.problem(
            path,
            f"'{error.instance}' is not a web address the site can cite. Write the full "
            "address, starting with https://.",
        )
    if kind == "pattern" and field == "not_right_for":
        return document.problem(
            path,
            f"'{error.instance}' does not name a guide answer. Write the question's id and the "
            "answer's key with a slash between them, like 'how-long/under-six'.",
        )
    if kind in ("pattern", "maxLength") and field == "key" and isinstance(error.instance, str):
        return document.problem(path, f"'{error.instance}' is not a valid answer key. {KEY_RULE}")
    if kind in ("pattern", "maxLength") and isinstance(error.instance, str):
        return document.problem(
            path,
            f"'{error.instance}' is not a valid id. Ids are public links: use up to 60 "
            "lower-case letters, digits and single hyphens, like 'are-you-safe'.",
        )
    if kind == "minItems":
        count = len(error.instance) if isinstance(error.instance, list) else 0
        if field == "answers":
            return document.problem(
                path,
                f"a question needs at least two answers; this one has {count}. "
                "Add an answer, or make this step an outcome.",
            )
        return document.problem(
            path,
            f"'{field}' needs at least {error.validator_value} item(s); it has {count}.",
        )
    if kind in ("enum", "const"):
        choices = error.validator_value
        options = " or ".join(f"'{c}'" for c in choices) if isinstance(choices, list) else choices
        return document.problem(path, f"'{field}' must be {options}, not '{error.instance}'.")
    return document.problem(path, f"'{field}': {error.message}.")


def check_structure(document: Document, schema_path: Path = SCHEMA_PATH) -> list[Problem]:
    """Return every schema problem in `document`, each located and explained."""
    errors = validator(schema_path).iter_errors(document.data)
    return [_explain(error, document) for error in errors]
