"""Read `docs/_data/crisis-help.yml`: every crisis and support number the site shows.

A wrong number can cost a life, so every number lives in one file that the help page, the
guide's urgent outcomes and every printed handout render from; nothing else writes one.
Reading it checks the shape and names the file, the line and the fix for each problem.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Literal

from wtiw.core.plain_text import markup_message
from wtiw.core.problems import InputError, Problem
from wtiw.core.yaml_reader import Document, load_document

# Shown digits, spaces and hyphens only (services write "9-8-8" and "1-800-..."), so the link
# dials exactly what the reader sees.
_NUMBER = re.compile(r"^[0-9][0-9 -]*[0-9]$")
_FIELDS = {"where", "name", "call", "text", "keyword", "note", "source", "checked"}
# The fields of a service a reader sees as words: plain text, and escaped wherever shown.
TEXT_FIELDS = ("where", "name", "note")
_SOURCE = re.compile(r"^https://\S+$")
# The word a text line asks for first ("SHOUT"): letters and digits, as a phone types them.
_KEYWORD = re.compile(r"^[A-Za-z0-9]+$")
# Numbers are checked at each six-monthly review: older than that is due, a year is too late.
CHECK_DUE = timedelta(days=183)
CHECK_LIMIT = timedelta(days=366)
# The lists every consumer needs: the first numbers to call, and the emergency numbers.
REQUIRED_LISTS = ("urgent", "emergency")

SERVICE_FIX = (
    "each service needs `where` (the country or area) and a `call` or `text` number made of "
    'digits, spaces and hyphens (for example call: "116 123"); `name`, `keyword` and `note` '
    "(hours or who it is for) are optional text, `source` the https:// page the number was "
    "checked on, `checked` the date it was checked (YYYY-MM-DD)"
)


@dataclass(frozen=True)
class ActionWords:
    """The words around a number, in an edition's language: "call {number}", "or".

    The defaults are English; an edition's come from `docs/_data/interface/crisis.yml`.
    """

    call: str = "call {number}"
    text: str = "text {number}"
    text_keyword: str = "text {keyword} to {number}"
    # Between two links of one service: "call 988 or text 988".
    or_: str = "or"


ENGLISH_WORDS = ActionWords()


@dataclass(frozen=True)
class Action:
    """One way to reach a service: call or text a number (with a first word to send)."""

    kind: Literal["call", "text"]
    number: str
    keyword: str = ""
    words: ActionWords = dataclasses.field(default=ENGLISH_WORDS, compare=False)

    @property
    def href(self) -> str:
        """A `tel:` or `sms:` link that dials the number's digits."""
        scheme = "tel" if self.kind == "call" else "sms"
        return f"{scheme}:{self.digits}"

    @property
    def digits(self) -> str:
        """The number as dialled."""
        return re.sub(r"\D", "", self.number)

    @property
    def label(self) -> str:
        """What the link says: "call 116 123", "text 988", "text SHOUT to 85258"."""
        if self.keyword:
            return self.words.text_keyword.format(keyword=self.keyword, number=self.number)
        wording = self.words.call if self.kind == "call" else self.words.text
        return wording.format(number=self.number)


@dataclass(frozen=True)
class Service:
    """A crisis or support service: where it is, its name, and how to reach it."""

    id: str
    where: str
    name: str
    actions: tuple[Action, ...]
    note: str = ""
    source: str = ""
    # When this service's numbers were last checked, if later than the file's `checked`.
    checked: date | None = None


@dataclass(frozen=True)
class CrisisHelp:
    """Every service, the lists the site shows, and when the numbers were last checked."""

    checked: date
    services: dict[str, Service]
    lists: dict[str, tuple[Service, ...]]
    # Not errors yet, but to act on: numbers checked more than six months ago.
    warnings: tuple[Problem, ...] = ()
    # The file that names the lists, for an error about a list it lacks.
    lists_file: str = "docs/_data/crisis-help.yml"

    def checked_on(self, service: Service) -> date:
        """When `service` was last checked: its own date, or else the file's."""
        return service.checked or self.checked

    def numbers(self) -> set[str]:
        """The digits of every number, to check the built site against."""
        return {action.digits for s in self.services.values() for action in s.actions}


def _text(value: Any) -> bool:
    """Whether `value` is non-empty text."""
    return isinstance(value, str) and bool(value.strip())


def _service(document: Document, key: str, entry: Any) -> Service | Problem:
    """One service, or the problem with it."""
    at = ("services", key)
    if not isinstance(entry, dict) or set(entry) - _FIELDS or not _text(entry.get("where")):
        return document.problem(at, f"the service `{key}` is not right: {SERVICE_FIX}.", key=True)
    actions = []
    for kind in ("call", "text"):
        number = entry.get(kind)
        if number is None:
            continue
        if not (isinstance(number, str) and _NUMBER.match(number)):
            return document.problem((*at, kind), f"`{kind}` of `{key}`: {SERVICE_FIX}.")
        keyword = entry.get("keyword", "") if kind == "text" else ""
        actions.append(Action(kind, number, str(keyword)))
    if not actions:
        return document.problem(at, f"the service `{key}` has no number: {SERVICE_FIX}.", key=True)
    for optional in ("name", "keyword", "note"):
        if optional in entry and not _text(entry[optional]):
            return document.problem((*at, optional), f"`{optional}` of `{key}`: {SERVICE_FIX}.")
    keyword = entry.get("keyword")
    if keyword is not None and not _KEYWORD.match(str(keyword)):
        return document.problem(
            (*at, "keyword"),
            f"`keyword` of `{key}` must be one word of letters and digits, as a reader types "
            "it into a text message (for example keyword: SHOUT).",
        )
    for field in TEXT_FIELDS:
        markup = markup_message(entry[field]) if field in entry else None
        if markup:
            return document.problem((*at, field), f"`{field}` of `{key}`: {markup}")
    if "source" in entry and not (
        isinstance(entry["source"], str) and _SOURCE.match(entry["source"])
    ):
        return document.problem((*at, "source"), f"`source` of `{key}`: {SERVICE_FIX}.")
    checked = entry.get("checked")
    if checked is not None and not (
        isinstance(checked, date) and not isinstance(checked, datetime)
    ):
        return document.problem((*at, "checked"), f"`checked` of `{key}`: {SERVICE_FIX}.")
    return Service(
        key,
        entry["where"],
        entry.get("name", ""),
        tuple(actions),
        note=entry.get("note", ""),
        source=entry.get("source", ""),
        checked=checked,
    )


def _checked(
    document: Document, value: Any, today: date, at: tuple[str, ...] = ("checked",)
) -> date | Problem:
    """When numbers were last checked (the file's or a service's date): real, in the last year."""
    fix = "`checked` must be the date the numbers were last checked, YYYY-MM-DD"
    try:
        checked = value if isinstance(value, date) else date.fromisoformat(str(value))
    except ValueError:
        return document.problem(at, f"{fix}.")
    if checked > today:
        return document.problem(at, f"{fix}; {checked} is in the future.")
    if today - checked > CHECK_LIMIT:
        return document.problem(
            at,
            f"the numbers were last checked on {checked}, more than a year ago. Check every "
            "number against the service's own website, then set `checked` to today's date.",
        )
    return checked


def _due(
    document: Document, checked: date, today: date, at: tuple[str, ...] = ("checked",)
) -> tuple[Problem, ...]:
    """A warning when the six-monthly check of the numbers is due."""
    if today - checked <= CHECK_DUE:
        return ()
    message = (
        f"the numbers were last checked on {checked}, more than six months ago: check them "
        "against each service's own website and update `checked` (a year is the limit)."
    )
    return (document.problem(at, message),)


def parse_crisis_help(document: Document, today: date | None = None) -> CrisisHelp:
    """Check a read document and return its services and lists; `InputError` otherwise."""
    today = today or date.today()
    data = document.data if isinstance(document.data, dict) else {}
    problems: list[Problem] = []
    services: dict[str, Service] = {}
    raw_services = data.get("services")
    if not isinstance(raw_services, dict) or not raw_services:
        problems.append(document.problem(("services",), f"expected `services:`; {SERVICE_FIX}."))
        raw_services = {}
    for key, entry in raw_services.items():
        found = _service(document, str(key), entry)
        if isinstance(found, Problem):
            problems.append(found)
        else:
            services[found.id] = found
    lists: dict[str, tuple[Service, ...]] = {}
    raw_lists = data.get("lists") if isinstance(data.get("lists"), dict) else {}
    for name in REQUIRED_LISTS:
        if name not in raw_lists:
            problems.append(
                document.problem(("lists",), f"add the list `{name}:` (a list of service ids).")
            )
    for name, ids in raw_lists.items():
        if not isinstance(ids, list) or not ids:
            problems.append(document.problem(("lists", name), "expected a list of service ids."))
            continue
        unknown = [
            (index, ident) for index, ident in enumerate(ids) if str(ident) not in raw_services
        ]
        problems += [
            document.problem(
                ("lists", name, index),
                f"no service has the id `{ident}`: use one of the ids under `services:`.",
            )
            for index, ident in unknown
        ]
        lists[str(name)] = tuple(services[i] for i in map(str, ids) if i in services)
    checked = _checked(document, data.get("checked"), today)
    if isinstance(checked, Problem):
        problems.append(checked)
    warnings: list[Problem] = []
    for service in services.values():  # a service checked on its own date is held to it
        if service.checked is None:
            continue
        at = ("services", service.id, "checked")
        own = _checked(document, service.checked, today, at)
        if isinstance(own, Problem):
            problems.append(own)
        else:
            warnings += _due(document, own, today, at)
    if problems:
        raise InputError(problems)
    assert isinstance(checked, date)
    return CrisisHelp(checked, services, lists, (*_due(document, checked, today), *warnings))


def load_crisis_help(path: Path, label: str | None = None) -> CrisisHelp:
    """Read and check the crisis numbers file."""
    return parse_crisis_help(load_document(path, label, expected="the crisis and support numbers"))


# The last good file by (path, size, modification time), so `mkdocs serve` rereads an edit.
_loaded: dict[tuple[Path, int, int], CrisisHelp] = {}


def site_crisis_help(path: Path, label: str | None = None) -> CrisisHelp:
    """The crisis numbers file, read once per change (the plugin and the macros share it)."""
    if not path.is_file():
        return load_crisis_help(path, label)  # raises InputError: the file is missing
    stat = path.stat()
    key = (path, stat.st_size, stat.st_mtime_ns)
    if key not in _loaded:
        help_ = load_crisis_help(path, label)
        _loaded.clear()
        _loaded[key] = help_
    return _loaded[key]
