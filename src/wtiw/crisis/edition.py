"""The crisis numbers in an edition's language: its words for each service, and its lists.

Numbers are written once, in `docs/_data/crisis-help.yml`. An edition in another language
gives, in `docs/_data/<language>/crisis-help.yml`, its own words for each service it shows
(`where`, `name`, `note`, by the service's id) and its own `lists`: what its readers should
see first is not what English readers see first (a Spanish reader in the US needs the line
that answers in Spanish). The words around a number ("call 988", "or") come from the
interface texts (`docs/_data/interface/crisis.yml`). A list naming a service with no words
here, or words that drift from the numbers file (a `name` one file has and the other lacks,
an id it does not have) is an error at its line.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import Any

from wtiw.core.interface import words
from wtiw.core.plain_text import markup_message
from wtiw.core.problems import InputError, Problem
from wtiw.core.site import SiteFolders
from wtiw.core.yaml_reader import Document, load_document
from wtiw.crisis.numbers import (
    REQUIRED_LISTS,
    TEXT_FIELDS,
    ActionWords,
    CrisisHelp,
    Service,
    site_crisis_help,
)

WORDING_FIX = (
    "each service needs `where` (the country or area, in this edition's language), and a "
    "`name` and a `note` exactly when docs/_data/crisis-help.yml gives the service one"
)
NUMBERS_FILE = "docs/_data/crisis-help.yml"


def action_words(data: Path, language: str, project: Path | None = None) -> ActionWords:
    """The words around a number in `language`, from the interface texts (`crisis.*`)."""
    text = words(data, language, project)
    return ActionWords(
        call=text("crisis.call"),
        text=text("crisis.text"),
        text_keyword=text("crisis.text_keyword"),
        or_=text("crisis.or"),
    )


def with_words(crisis: CrisisHelp, action: ActionWords) -> CrisisHelp:
    """`crisis` with every link worded in `action`'s language (the English edition's)."""
    services = {key: _worded(service, action) for key, service in crisis.services.items()}
    lists = {name: tuple(services[s.id] for s in found) for name, found in crisis.lists.items()}
    return dataclasses.replace(crisis, services=services, lists=lists)


def _worded(service: Service, action: ActionWords, **texts: str) -> Service:
    """`service` with its links in `action`'s words and any of its texts replaced."""
    actions = tuple(dataclasses.replace(a, words=action) for a in service.actions)
    return dataclasses.replace(service, actions=actions, **texts)


def _texts(document: Document, key: str, entry: Any, english: Service) -> dict[str, str] | Problem:
    """One service's words in this edition, or the problem with them."""
    at = ("services", key)
    if not isinstance(entry, dict) or set(entry) - set(TEXT_FIELDS) or "where" not in entry:
        message = f"the words for `{key}` are not right: {WORDING_FIX}."
        return document.problem(at, message, key=True)
    for field in ("name", "note"):
        if getattr(english, field) and field not in entry:
            return document.problem(
                at,
                f"`{key}` has a `{field}` in {NUMBERS_FILE}: give it here too, in this "
                "edition's language.",
                key=True,
            )
        if field in entry and not getattr(english, field):
            return document.problem(
                (*at, field),
                f"`{key}` has no `{field}` in {NUMBERS_FILE}: remove it here, or add it "
                "there first.",
            )
    for field, text in entry.items():
        if not (isinstance(text, str) and text.strip()):
            return document.problem((*at, field), f"`{field}` of `{key}`: {WORDING_FIX}.")
        markup = markup_message(text)
        if markup:
            return document.problem((*at, field), f"`{field}` of `{key}`: {markup}")
    return {str(field): text for field, text in entry.items()}


def parse_wording(document: Document, crisis: CrisisHelp, action: ActionWords) -> CrisisHelp:
    """`crisis` in the words and lists of a read wording file; `InputError` otherwise."""
    data = document.data if isinstance(document.data, dict) else {}
    problems: list[Problem] = []
    for extra in sorted(set(data) - {"services", "lists"}, key=str):
        problems.append(
            document.problem(
                (extra,), f"`{extra}` is not used here: keep `services:` and `lists:`.", key=True
            )
        )
    raw_services = data.get("services") if isinstance(data.get("services"), dict) else {}
    services = dict(crisis.services)
    worded: set[str] = set()
    for key, entry in raw_services.items():
        key = str(key)
        if key not in crisis.services:
            problems.append(
                document.problem(
                    ("services", key),
                    f"no service has the id `{key}` in {NUMBERS_FILE}: use one of its ids, "
                    "or remove these words.",
                    key=True,
                )
            )
            continue
        texts = _texts(document, key, entry, crisis.services[key])
        if isinstance(texts, Problem):
            problems.append(texts)
            continue
        services[key] = _worded(crisis.services[key], action, **texts)
        worded.add(key)
    raw_lists = data.get("lists") if isinstance(data.get("lists"), dict) else {}
    problems += [
        document.problem(("lists",), f"add the list `{name}:` (a list of service ids).")
        for name in REQUIRED_LISTS
        if name not in raw_lists
    ]
    lists: dict[str, tuple[Service, ...]] = {}
    for name, ids in raw_lists.items():
        if not isinstance(ids, list) or not ids:
            problems.append(document.problem(("lists", name), "expected a list of service ids."))
            continue
        for index, ident in enumerate(map(str, ids)):
            if ident not in worded:
                known = ident in crisis.services
                message = (
                    f"`{ident}` has no words in this file: add it under `services:` "
                    f"({WORDING_FIX})."
                    if known
                    else f"no service has the id `{ident}` in {NUMBERS_FILE}: use one of its ids."
                )
                problems.append(document.problem(("lists", name, index), message))
        lists[str(name)] = tuple(services[i] for i in map(str, ids) if i in worded)
    if problems:
        raise InputError(problems)
    return dataclasses.replace(crisis, services=services, lists=lists, lists_file=document.file)


def load_wording(path: Path, label: str, crisis: CrisisHelp, action: ActionWords) -> CrisisHelp:
    """Read and check an edition's words for the crisis numbers."""
    document = load_document(path, label, expected="the words and lists for the crisis numbers")
    return parse_wording(document, crisis, action)


# The last edition read, by its sources (the words file's size and modification time, the
# language), with the numbers it was made from, so `mkdocs serve` rereads an edit of either.
_editions: dict[tuple[Any, ...], tuple[CrisisHelp, CrisisHelp]] = {}


def edition_crisis_help(folders: SiteFolders, project: Path) -> CrisisHelp:
    """The crisis numbers as the edition in `folders` shows them, read once per change.

    English: the numbers file, with the interface's English words around each number.
    Another language: its words file (`SiteFolders.wording`) gives the services' words
    and the lists.
    """
    numbers = site_crisis_help(folders.crisis_help, _label(folders.crisis_help, project))
    wording = folders.wording("crisis-help.yml")
    stat = wording.stat() if wording is not None and wording.is_file() else None
    sizes = (stat.st_size, stat.st_mtime_ns) if stat else None
    key = (wording, sizes, folders.language, folders.data.resolve())
    if key not in _editions or _editions[key][0] is not numbers:
        action = action_words(folders.data, folders.language, project)
        if wording is None:
            found = with_words(numbers, action)
        else:
            found = load_wording(wording, _label(wording, project), numbers, action)
        _editions.clear()
        _editions[key] = (numbers, found)
    return _editions[key][1]


def _label(path: Path, project: Path) -> str:
    """A data file's path as editors see it: relative to the project's folder."""
    return os.path.relpath(path, project).replace(os.sep, "/")
