"""Check every page's review front matter at build time, and give templates a date filter.

Each page in docs/ must say what it is (`title`, `description`), when it was last reviewed
(`last_reviewed`), when it is due again (`next_review`) and what it rests on (`sources`).
It may name the clinician who signed it off (`clinical_review`). A page that does not is a
build failure with a message naming the file, the line and the fix:

    docs/about.md:4: next_review 2027-05-25 must come after last_reviewed 2027-06-01.

A `next_review` that has passed is not a failure: the page still builds (a safety fix must
never wait for a review) and tells readers it is due for review; `python -m wtiw review`
lists such pages for the scheduled workflow and pull-request checks.

The front matter is read with the guide's YAML reader (`core/yaml_reader.py`), not taken from
MkDocs: MkDocs silently drops front matter it cannot read (an impossible date, a stray
colon) and keeps the last of two duplicate keys. The checking is plain Python
(`check_page`), testable without MkDocs; the MkDocs plugin calls it for every page.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from datetime import date, datetime, timedelta

from wtiw.core.problems import InputError, Problem
from wtiw.core.yaml_reader import Document, check_characters, check_events, parse_document

MAX_DESCRIPTION = 200
UNSAFE_IN_HEAD = frozenset('"<>')
# An optional clinical sign-off: who checked the page, under which registration, and when.
CLINICAL_REVIEW_FIELDS = ("name", "role", "registration_body", "registration_number", "date")
# The fields a reader sees as words (`*`: every item of a list), shown in the page, its head,
# the search index, embeds and oEmbed files: each is text, escaped wherever it is shown.
TEXT_FIELDS: tuple[tuple[str, ...], ...] = (
    ("title",),
    ("description",),
    ("sources", "*", "title"),
    *(("clinical_review", name) for name in CLINICAL_REVIEW_FIELDS if name != "date"),
)
CLINICAL_REVIEW_EXAMPLE = (
    "for example:\n"
    "  clinical_review:\n"
    "    name: (the clinician's full name)\n"
    "    role: Clinical psychologist\n"
    "    registration_body: HCPC\n"
    "    registration_number: PYL00000\n"
    "    date: 2026-11-25"
)
# A six-monthly cycle, with a little slack for holidays; a year is the outer limit.
MAX_REVIEW_GAP = timedelta(days=366)
DATE_FIX = "write it unquoted as YYYY-MM-DD, for example 2026-11-25"
SOURCE_EXAMPLE = (
    "for example:\n"
    "  sources:\n"
    '    - title: "NHS: Talking therapies"\n'
    "      url: https://www.nhs.uk/mental-health/talking-therapies-medicine-treatments/"
)
URL_PATTERN = re.compile(r"^https://[^\s/$.?#][^\s]*$")
# The review fields, mkdocs-macros' opt-in, and Material's per-page settings. Anything else
# is read by nothing, so it is a typo (`next_reveiw`) that would leave a field missing.
KNOWN_FIELDS = frozenset(
    {"title", "description", "last_reviewed", "next_review", "sources", "clinical_review"}
    | {"render_macros", "hide", "template", "search"}
    # A translated page's own sections (`pages/editions_check.py`).
    | {"extra_anchors"}
)
# Spelled out here so the output never depends on the build machine's locale.
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
MESES = (
    "enero", "febrero", "marzo", "abril", "mayo", "junio",
    "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre",
)  # fmt: skip


def _at(page: Document, field: str | tuple[str | int, ...], message: str) -> Problem:
    """A problem with `field` (or a path into it), at its name, its value or the start."""
    path = (field,) if isinstance(field, str) else field
    return page.problem(path, message, key=len(path) == 1)


def _is_date(value: object) -> bool:
    """YAML turns an unquoted 2026-11-25 into a date; anything else is a typo or a string."""
    return isinstance(value, date) and not isinstance(value, datetime)


def _check_text(page: Document, field: str) -> list[Problem]:
    """A required piece of text: present, a string, not blank."""
    value = page.data.get(field)
    if value is None:
        return [_at(page, field, f"missing `{field}`. Add `{field}: ...` to the front matter.")]
    if not isinstance(value, str) or not value.strip():
        return [_at(page, field, f"`{field}` must be a line of text, not {value!r}.")]
    unsafe = sorted(set(value) & UNSAFE_IN_HEAD)
    if unsafe:
        # The theme writes these fields into <title> and attributes without escaping them.
        return [
            _at(
                page,
                field,
                f"`{field}` contains {' '.join(unsafe)}, which would break the page's head. "
                "Use words or single quotes instead.",
            )
        ]
    return []


def _check_description(page: Document) -> list[Problem]:
    """The meta description search engines and link previews show: text, not too long."""
    problems = _check_text(page, "description")
    value = page.data.get("description")
    if not problems and len(value) > MAX_DESCRIPTION:
        problems.append(
            _at(
                page,
                "description",
                f"`description` is {len(value)} characters; keep it to {MAX_DESCRIPTION} "
                "or fewer so search results show all of it.",
            )
        )
    return problems


def _check_dates(page: Document, today: date) -> list[Problem]:
    """Review dates: real dates, in order, reviewed already, due again within a year.

    A `next_review` in the past is allowed: the page says it is due (`review.html`).
    """
    meta = page.data
    problems: list[Problem] = []
    for field in ("last_reviewed", "next_review"):
        value = meta.get(field)
        if value is None:
            problems.append(_at(page, field, f"missing `{field}`. Add `{field}: YYYY-MM-DD`."))
        elif not _is_date(value):
            problems.append(
                _at(page, field, f"`{field}` must be a date, not {value!r}: {DATE_FIX}.")
            )
    if problems:
        return problems
    last, due = meta["last_reviewed"], meta["next_review"]
    if last > today:
        problems.append(
            _at(page, "last_reviewed", f"last_reviewed {last} is in the future. Use the real date.")
        )
    if due <= last:
        problems.append(
            _at(page, "next_review", f"next_review {due} must come after last_reviewed {last}.")
        )
    elif due - last > MAX_REVIEW_GAP:
        problems.append(
            _at(
                page,
                "next_review",
                f"next_review {due} is more than a year after last_reviewed {last}. "
                "Pages are reviewed every six months: set it six months after last_reviewed.",
            )
        )
    return problems


def _check_source(page: Document, index: int, source: object) -> list[Problem]:
    """One source entry: a mapping with a `title` and an http(s) `url`."""
    where = f"sources[{index + 1}]"
    at = ("sources", index)
    if not isinstance(source, Mapping):
        return [_at(page, at, f"{where} must have a `title` and a `url`, {SOURCE_EXAMPLE}")]
    problems: list[Problem] = []
    title, url = source.get("title"), source.get("url")
    if not isinstance(title, str) or not title.strip():
        problems.append(_at(page, at, f"{where} needs a `title` (the source's name)."))
    if not isinstance(url, str) or not URL_PATTERN.match(url):
        problems.append(
            _at(page, (*at, "url"), f"{where} needs a `url` starting with https://, not {url!r}.")
        )
    extra = sorted(set(source) - {"title", "url"})
    if extra:
        problems.append(
            _at(page, at, f"{where} has unknown keys {extra}; use only `title` and `url`.")
        )
    return problems


def _check_sources(page: Document) -> list[Problem]:
    """Sources: a non-empty list; every factual page rests on something a reader can check."""
    sources = page.data.get("sources")
    if sources is None:
        return [_at(page, "sources", f"missing `sources`. Add at least one, {SOURCE_EXAMPLE}")]
    if not isinstance(sources, list) or not sources:
        return [
            _at(
                page, "sources", f"`sources` must be a list of at least one entry, {SOURCE_EXAMPLE}"
            )
        ]
    return [
        problem
        for index, item in enumerate(sources)
        for problem in _check_source(page, index, item)
    ]


def _check_clinical_review(page: Document, today: date) -> list[Problem]:
    """The optional sign-off: every field given, as text, and a real date not in the future."""
    review = page.data.get("clinical_review")
    if review is None:
        return []
    fix = f"`clinical_review` needs {', '.join(CLINICAL_REVIEW_FIELDS)}, {CLINICAL_REVIEW_EXAMPLE}"
    if not isinstance(review, Mapping):
        return [_at(page, "clinical_review", fix)]
    problems: list[Problem] = []
    extra = sorted(set(map(str, review)) - set(CLINICAL_REVIEW_FIELDS))
    if extra:
        problems.append(_at(page, "clinical_review", f"unknown keys {extra} in {fix}"))
    for field in CLINICAL_REVIEW_FIELDS[:-1]:
        value = review.get(field)
        if not isinstance(value, str) or not value.strip():
            problems.append(_at(page, "clinical_review", f"missing `{field}`: {fix}"))
    signed = review.get("date")
    if not _is_date(signed):
        problems.append(_at(page, "clinical_review", f"`date` must be a date: {DATE_FIX}."))
    elif signed > today:
        problems.append(
            _at(page, "clinical_review", f"clinical_review date {signed} is in the future.")
        )
    return problems


def _check_fields(page: Document) -> list[Problem]:
    """Only known fields: a misspelt one is silently ignored, by MkDocs and by us."""
    problems: list[Problem] = []
    for name in page.data:
        if name in KNOWN_FIELDS:
            continue
        close = difflib.get_close_matches(str(name), sorted(KNOWN_FIELDS), n=1)
        fix = f"Did you mean `{close[0]}`?" if close else "Remove it."
        problems.append(
            _at(
                page,
                str(name),
                f"unknown field `{name}`. {fix} A page may have: "
                f"{', '.join(sorted(KNOWN_FIELDS))}.",
            )
        )
    return problems


def check_front_matter(page: Document, *, today: date) -> list[Problem]:
    """Return every problem with one page's front matter, each at its field's line."""
    return [
        *_check_fields(page),
        *_check_text(page, "title"),
        *_check_description(page),
        *_check_dates(page, today),
        *_check_sources(page),
        *_check_clinical_review(page, today),
    ]


FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*\n", re.DOTALL)
OPENING = re.compile(r"\A---[ \t]*\n")
CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
UNCLOSED = (
    "the front matter that starts here has no closing `---` line, so the page has none. "
    "Add a line `---` after its last field."
)


def _front_matter_text(path: str, source: str) -> str | None:
    """The front matter's lines (None when the page has none); `InputError` if it is unclosed."""
    match = FRONT_MATTER.match(source)
    if match:
        return match.group(1)
    opening = OPENING.match(source)
    if opening and not CLOSING.search(source, opening.end()):
        raise InputError([Problem(path, 1, 1, UNCLOSED)])
    return None


def expansion_problems(path: str, source: str) -> list[str]:
    """YAML anchors and aliases in a page's front matter, found before anything expands them.

    MkDocs reads front matter itself, with aliases; a few kilobytes of nested aliases
    ("billion laughs") expand to gigabytes, so the plugin runs this before any page is read.
    """
    try:
        text = _front_matter_text(path, source)
    except InputError:
        return []  # reported with the other front-matter problems
    problems = [] if text is None else check_events("\n" + text, path)
    return [str(problem) for problem in problems]


def read_front_matter(path: str, source: str) -> Document:
    """A page's front matter with the position of every field, as lines of the page.

    Raises `InputError` with every problem the YAML reader finds (syntax, duplicate keys,
    impossible dates, invisible characters), each at its line and column.
    """
    text = _front_matter_text(path, source)
    if text is None or not text.strip():
        return Document(path, {})
    # A blank line stands in for the opening ---, so the reader counts lines as the page does.
    document = parse_document("\n" + text, path)
    if not isinstance(document.data, dict):
        message = "the front matter must be `name: value` lines, like `title: About`."
        raise InputError([Problem(path, 2, 1, message)])
    return document


def check_page(path: str, source: str, *, today: date) -> list[str]:
    """Every problem with one page's source, as `file:line:column: message` lines."""
    unsafe = check_characters(source, path)
    try:
        document = read_front_matter(path, source)
    except InputError as error:
        # The reader finds the front matter's invisible characters again: report them once.
        return [str(problem) for problem in sorted({*unsafe, *error.problems})]
    return [str(problem) for problem in [*unsafe, *check_front_matter(document, today=today)]]


def long_date(value: date, language: str = "en") -> str:
    """Format a date the way people say it: 25 November 2026, or 25 de noviembre de 2026.

    Written out here, not by the locale: no build may depend on the machine's locale.
    """
    if language == "es":
        return f"{value.day} de {MESES[value.month - 1]} de {value.year}"
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"
