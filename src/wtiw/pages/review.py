"""What is due for review, and who signed pages off: read from the sources, never a failure.

A passed `next_review` must not stop a build (a changed crisis number has to be publishable
at once), so instead this module lists what needs a reviewer's time:

    docs/about.md: next review due 25 May 2027 (in 12 days)
    crisis number `samaritans` (Samaritans): last checked 25 November 2026, over 6 months ago

`python -m wtiw review` prints the list; the scheduled workflow `.github/workflows/review.yml`
keeps it in one issue, and the pull-request checks print it. `clinical_sign_offs` tells the
about page whether any page has been signed off by a clinician.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape
from pathlib import Path

from wtiw.core.interface import Words
from wtiw.core.problems import InputError
from wtiw.crisis.numbers import CrisisHelp
from wtiw.pages.front_matter import long_date, read_front_matter

# Pages are listed this long before their `next_review`, so a reviewer has time.
DUE_WITHIN = timedelta(days=30)
# Crisis numbers are checked again when their `checked` date is older than six months.
NUMBERS_MAX_AGE = timedelta(days=183)


@dataclass(frozen=True)
class Due:
    """One thing to review: what it is, the date that makes it due, and a line saying why."""

    what: str
    when: date
    why: str

    def __str__(self) -> str:
        """The line printed for it."""
        return f"{self.what}: {self.why}"


def _pages(docs: Path) -> Iterator[tuple[str, Mapping]]:
    """Every page's path (as `docs/...`) and its front matter; unreadable ones are skipped.

    The build reports unreadable front matter with its line; this list is only advice.
    """
    for path in sorted(docs.rglob("*.md")):
        if "_data" in path.relative_to(docs).parts:
            continue
        label = f"{docs.name}/{path.relative_to(docs).as_posix()}"
        try:
            document = read_front_matter(label, path.read_text(encoding="utf-8"))
        except InputError:
            continue
        if isinstance(document.data, Mapping):
            yield label, document.data


def _in_days(due: date, today: date) -> str:
    """How far a date is from today: 'in 12 days', 'today' or '12 days ago'."""
    days = (due - today).days
    if days == 0:
        return "today"
    unit = "day" if abs(days) == 1 else "days"
    return f"in {days} {unit}" if days > 0 else f"{-days} {unit} ago"


def pages_due(docs: Path, today: date, within: timedelta = DUE_WITHIN) -> list[Due]:
    """Pages whose `next_review` has passed or falls within `within` of `today`."""
    found = []
    for label, meta in _pages(docs):
        due = meta.get("next_review")
        if isinstance(due, date) and due <= today + within:
            why = f"next review due {long_date(due)} ({_in_days(due, today)})"
            found.append(Due(label, due, why))
    return sorted(found, key=lambda item: (item.when, item.what))


def numbers_due(crisis: CrisisHelp, today: date, max_age: timedelta = NUMBERS_MAX_AGE) -> list[Due]:
    """Crisis services whose numbers were last checked longer ago than `max_age`."""
    found = []
    for service in crisis.services.values():
        checked = crisis.checked_on(service)
        if today - checked > max_age:
            name = f" ({service.name})" if service.name else f" ({service.where})"
            why = f"last checked {long_date(checked)}, over 6 months ago"
            found.append(Due(f"crisis number `{service.id}`{name}", checked, why))
    return sorted(found, key=lambda item: (item.when, item.what))


def review_report(due_pages: list[Due], due_numbers: list[Due]) -> str:
    """The list as Markdown, for a terminal, a workflow log and an issue alike."""
    lines = ["## Pages due for review within 30 days", ""]
    lines += [f"- {item}" for item in due_pages] or ["None."]
    lines += ["", "## Crisis numbers last checked over 6 months ago", ""]
    lines += [f"- {item}" for item in due_numbers] or ["None."]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class SignOff:
    """A page's clinical sign-off, as its front matter gives it."""

    page: str
    title: str
    name: str
    role: str
    registration_body: str
    registration_number: str
    date: date


def clinical_sign_offs(docs: Path) -> list[SignOff]:
    """Every page that carries a `clinical_review` (checked by the build's front-matter check)."""
    found = []
    for label, meta in _pages(docs):
        review = meta.get("clinical_review")
        if isinstance(review, Mapping) and isinstance(review.get("date"), date):
            fields = {key: str(review.get(key, "")) for key in SignOff.__annotations__}
            title = str(meta.get("title", label))
            found.append(
                SignOff(**{**fields, "page": label, "title": title, "date": review["date"]})
            )
    return found


def clinical_review_markdown(sign_offs: list[SignOff], text: Words, language: str = "en") -> str:
    """The about page's statement: each sign-off, or plainly that there is none yet.

    In the edition's words (`text`, interface texts) and dates (`language`).
    """
    if not sign_offs:
        return text("pages.review.none_yet") + "\n"
    lines = [text("pages.review.signed_intro"), ""]
    # Front matter is content: escaped, so a name cannot become markup.
    lines += [
        "- "
        + text(
            "pages.review.signed_line",
            link=f"[{escape(item.title)}]({item.page.split('/', 1)[1]})",
            name=escape(item.name),
            role=escape(item.role),
            body=escape(item.registration_body),
            number=escape(item.registration_number),
            date=long_date(item.date, language),
        )
        for item in sign_offs
    ]
    lines += ["", text("pages.review.others"), ""]
    return "\n".join(lines)
