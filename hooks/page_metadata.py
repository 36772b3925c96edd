"""Check every page's review front matter at build time, and give templates a date filter.

Each page in docs/ must say what it is (`title`, `description`), when it was last reviewed
(`last_reviewed`), when it is due again (`next_review`) and what it rests on (`sources`).
A page that does not is a build failure with a message naming the file, the line and the fix:

    docs/about.md:4: next_review 2020-01-01 is in the past. Review the page, then set ...

The checking is plain Python (`check_front_matter`), testable without MkDocs; the MkDocs
event functions at the bottom are thin wrappers.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import yaml
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

MAX_DESCRIPTION = 200
UNSAFE_IN_HEAD = frozenset('"<>')
# A six-monthly cycle, with a little slack for holidays; a year is the outer limit.
MAX_REVIEW_GAP = timedelta(days=366)
DATE_FIX = "write it unquoted as YYYY-MM-DD, for example 2026-11-25"
SOURCE_EXAMPLE = (
    "for example:\n"
    "  sources:\n"
    '    - title: "NHS: Talking therapies"\n'
    "      url: https://www.nhs.uk/mental-health/talking-therapies-medicine-treatments/"
)
URL_PATTERN = re.compile(r"^https?://[^\s/$.?#][^\s]*$")
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


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a page's front matter: the field, and what to do about it."""

    field: str
    message: str


def _is_date(value: object) -> bool:
    """YAML turns an unquoted 2026-11-25 into a date; anything else is a typo or a string."""
    return isinstance(value, date) and not isinstance(value, datetime)


def _check_text(meta: Mapping[str, Any], field: str) -> list[Problem]:
    """A required piece of text: present, a string, not blank."""
    value = meta.get(field)
    if value is None:
        return [Problem(field, f"missing `{field}`. Add `{field}: ...` to the front matter.")]
    if not isinstance(value, str) or not value.strip():
        return [Problem(field, f"`{field}` must be a line of text, not {value!r}.")]
    unsafe = sorted(set(value) & UNSAFE_IN_HEAD)
    if unsafe:
        # The theme writes these fields into <title> and attributes without escaping them.
        return [
            Problem(
                field,
                f"`{field}` contains {' '.join(unsafe)}, which would break the page's head. "
                "Use words or single quotes instead.",
            )
        ]
    return []


def _check_description(meta: Mapping[str, Any]) -> list[Problem]:
    """The meta description search engines and link previews show: text, not too long."""
    problems = _check_text(meta, "description")
    value = meta.get("description")
    if not problems and len(value) > MAX_DESCRIPTION:
        problems.append(
            Problem(
                "description",
                f"`description` is {len(value)} characters; keep it to {MAX_DESCRIPTION} "
                "or fewer so search results show all of it.",
            )
        )
    return problems


def _check_dates(meta: Mapping[str, Any], today: date) -> list[Problem]:
    """Review dates: real dates, in order, reviewed already, due again within a year."""
    problems: list[Problem] = []
    for field in ("last_reviewed", "next_review"):
        value = meta.get(field)
        if value is None:
            problems.append(Problem(field, f"missing `{field}`. Add `{field}: YYYY-MM-DD`."))
        elif not _is_date(value):
            problems.append(Problem(field, f"`{field}` must be a date, not {value!r}: {DATE_FIX}."))
    if problems:
        return problems
    last, due = meta["last_reviewed"], meta["next_review"]
    if last > today:
        problems.append(
            Problem("last_reviewed", f"last_reviewed {last} is in the future. Use the real date.")
        )
    if due < today:
        problems.append(
            Problem(
                "next_review",
                f"next_review {due} is in the past. Review the page, then set last_reviewed "
                "to today's date and next_review to six months later.",
            )
        )
    elif due <= last:
        problems.append(
            Problem("next_review", f"next_review {due} must come after last_reviewed {last}.")
        )
    elif due - last > MAX_REVIEW_GAP:
        problems.append(
            Problem(
                "next_review",
                f"next_review {due} is more than a year after last_reviewed {last}. "
                "Pages are reviewed every six months: set it six months after last_reviewed.",
            )
        )
    return problems


def _check_source(index: int, source: object) -> list[Problem]:
    """One source entry: a mapping with a `title` and an http(s) `url`."""
    where = f"sources[{index + 1}]"
    if not isinstance(source, Mapping):
        return [Problem("sources", f"{where} must have a `title` and a `url`, {SOURCE_EXAMPLE}")]
    problems: list[Problem] = []
    title, url = source.get("title"), source.get("url")
    if not isinstance(title, str) or not title.strip():
        problems.append(Problem("sources", f"{where} needs a `title` (the source's name)."))
    if not isinstance(url, str) or not URL_PATTERN.match(url):
        problems.append(
            Problem("sources", f"{where} needs a `url` starting with https://, not {url!r}.")
        )
    extra = sorted(set(source) - {"title", "url"})
    if extra:
        problems.append(
            Problem("sources", f"{where} has unknown keys {extra}; use only `title` and `url`.")
        )
    return problems


def _check_sources(meta: Mapping[str, Any]) -> list[Problem]:
    """Sources: a non-empty list; every factual page rests on something a reader can check."""
    sources = meta.get("sources")
    if sources is None:
        return [Problem("sources", f"missing `sources`. Add at least one, {SOURCE_EXAMPLE}")]
    if not isinstance(sources, list) or not sources:
        return [
            Problem("sources", f"`sources` must be a list of at least one entry, {SOURCE_EXAMPLE}")
        ]
    return [problem for index, item in enumerate(sources) for problem in _check_source(index, item)]


def check_front_matter(meta: Mapping[str, Any], *, today: date) -> list[Problem]:
    """Return every problem with one page's front matter; an empty list means it is fine."""
    return [
        *_check_text(meta, "title"),
        *_check_description(meta),
        *_check_dates(meta, today),
        *_check_sources(meta),
    ]


FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*\n", re.DOTALL)


def yaml_error(path: str, source: str) -> str | None:
    """Explain front matter that MkDocs silently dropped because it is not valid YAML."""
    match = FRONT_MATTER.match(source)
    if not match:
        return None
    try:
        yaml.safe_load(match.group(1))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        return (
            f"{path}:{line}: the front matter is not valid YAML ({problem}). "
            "Put quotes around a value that contains a colon, for example "
            'title: "NHS: Talking therapies".'
        )
    return None


def field_line(source: str, field: str) -> int:
    """Line number (1-based) of `field:` in a page's source, or 1 (the front matter) if absent."""
    match = re.search(rf"^{re.escape(field)}\s*:", source, re.MULTILINE)
    return source.count("\n", 0, match.start()) + 1 if match else 1


def format_problems(path: str, source: str, problems: list[Problem]) -> list[str]:
    """Turn problems into `file:line: message` lines an editor can jump to."""
    return [f"{path}:{field_line(source, p.field)}: {p.message}" for p in problems]


def long_date(value: date) -> str:
    """Format a date the way people say it in the UK and Ireland: 25 November 2026."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


# MkDocs glue below: thin wrappers around the functions above.


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """After every page is read and before anything is written: check all pages at once."""
    config_dir = os.path.dirname(config.config_file_path or ".")
    today = date.today()
    messages: list[str] = []
    for file in files.documentation_pages():
        page = file.page
        if page is None:
            continue
        problems = check_front_matter(page.meta or {}, today=today)
        if problems:
            with open(file.abs_src_path, encoding="utf-8-sig") as handle:
                source = handle.read()
            path = os.path.relpath(file.abs_src_path, config_dir).replace(os.sep, "/")
            broken_yaml = None if page.meta else yaml_error(path, source)
            if broken_yaml:
                messages.append(broken_yaml)
            else:
                messages.extend(format_problems(path, source, problems))
    if messages:
        raise PluginError(
            "Page front matter needs fixing (see README, 'Edit a page'):\n" + "\n".join(messages)
        )
    env.filters["wtiw_long_date"] = long_date
    return env
