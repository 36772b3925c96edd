"""Review front matter: the checking function, and real builds that fail on bad pages."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from hooks.page_metadata import (
    SOURCE_EXAMPLE,
    check_front_matter,
    field_line,
    format_problems,
    long_date,
    yaml_error,
)
from tests.support.build import ROOT, BuildResult, build, copy_project

TODAY = date(2026, 11, 25)
GOOD = {
    "title": "Look at the timeline",
    "description": "How long therapy can take, and what to expect by now.",
    "last_reviewed": date(2026, 11, 25),
    "next_review": date(2027, 5, 25),
    "sources": [{"title": "NHS: Talking therapies", "url": "https://www.nhs.uk/"}],
}


def problems_with(**changes: object) -> list[str]:
    """Messages for GOOD with some fields changed (None removes a field)."""
    meta = {key: value for key, value in {**GOOD, **changes}.items() if value is not None}
    return [problem.message for problem in check_front_matter(meta, today=TODAY)]


def test_good_front_matter_passes():
    assert problems_with() == []


@pytest.mark.parametrize("field", ["title", "description", "last_reviewed", "next_review"])
def test_a_missing_field_is_named(field: str):
    messages = problems_with(**{field: None})
    assert len(messages) == 1
    assert f"missing `{field}`" in messages[0]


def test_missing_sources_shows_an_example():
    (message,) = problems_with(sources=None)
    assert "missing `sources`" in message
    assert "url: https://" in message


def test_blank_description_is_refused():
    assert problems_with(description="   ") == ["`description` must be a line of text, not '   '."]


@pytest.mark.parametrize("field", ["title", "description"])
def test_characters_that_break_the_head_are_refused(field: str):
    (message,) = problems_with(**{field: 'Say "no" <sometimes>'})
    assert '" < >' in message


def test_overlong_description_is_refused():
    (message,) = problems_with(description="x" * 201)
    assert "201 characters" in message


def test_a_quoted_date_says_how_to_write_it():
    (message,) = problems_with(last_reviewed="25 November 2026")
    assert "must be a date" in message
    assert "YYYY-MM-DD" in message


def test_next_review_in_the_past_is_refused():
    messages = problems_with(last_reviewed=date(2019, 7, 1), next_review=date(2020, 1, 1))
    assert messages == [
        "next_review 2020-01-01 is in the past. Review the page, then set last_reviewed "
        "to today's date and next_review to six months later."
    ]


def test_next_review_today_is_still_fine():
    assert problems_with(last_reviewed=date(2026, 5, 25), next_review=TODAY) == []


def test_last_reviewed_in_the_future_is_refused():
    (message,) = problems_with(last_reviewed=date(2026, 12, 1))
    assert "in the future" in message


def test_next_review_must_follow_last_reviewed():
    messages = problems_with(last_reviewed=TODAY, next_review=TODAY)
    assert any("must come after" in message for message in messages)


def test_review_more_than_a_year_away_is_refused():
    (message,) = problems_with(next_review=date(2028, 1, 1))
    assert "more than a year" in message


@pytest.mark.parametrize(
    ("sources", "expected"),
    [
        ([], "at least one entry"),
        ("https://www.nhs.uk/", "at least one entry"),
        (["https://www.nhs.uk/"], "sources[1] must have a `title` and a `url`"),
        ([{"url": "https://www.nhs.uk/"}], "sources[1] needs a `title`"),
        ([{"title": "NHS"}], "sources[1] needs a `url`"),
        ([{"title": "NHS", "url": "www.nhs.uk"}], "sources[1] needs a `url`"),
        ([{"title": "NHS", "url": "https://www.nhs.uk/", "note": 1}], "unknown keys"),
    ],
)
def test_bad_sources_are_explained(sources: object, expected: str):
    messages = problems_with(sources=sources)
    assert any(expected in message for message in messages), messages


def test_every_problem_is_reported_at_once():
    assert len(problems_with(title=None, description=None, sources=None)) == 3


def test_messages_point_at_the_line_of_the_field():
    source = "---\ntitle: A\ndescription: B\nnext_review: 2020-01-01\n---\n# A\n"
    assert field_line(source, "next_review") == 4
    assert field_line(source, "sources") == 1
    problems = check_front_matter(yaml.safe_load(source.split("---")[1]), today=TODAY)
    lines = format_problems("docs/a.md", source, problems)
    assert "docs/a.md:1: missing `last_reviewed`. Add `last_reviewed: YYYY-MM-DD`." in lines


def test_invalid_yaml_is_explained_with_its_line():
    source = "---\ntitle: A\nsources:\n  - title: NHS: Talking therapies\n---\n# A\n"
    message = yaml_error("docs/a.md", source)
    assert message is not None
    assert message.startswith("docs/a.md:4: the front matter is not valid YAML")
    assert "Put quotes around" in message


def test_valid_yaml_or_no_front_matter_is_not_a_yaml_error():
    assert yaml_error("docs/a.md", "---\ntitle: A\n---\n# A\n") is None
    assert yaml_error("docs/a.md", "# A\n") is None


def test_dates_read_the_way_people_say_them():
    assert long_date(date(2026, 11, 25)) == "25 November 2026"
    assert long_date(date(2027, 5, 1)) == "1 May 2027"


def build_with_edit(tmp_path: Path, page: str, old: str, new: str) -> BuildResult:
    """Copy the project, replace `old` with `new` in one page's source, and build the copy."""
    project = copy_project(tmp_path / "project")
    path = project / "docs" / page
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{page} no longer contains {old!r}: update this test"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return build(project, tmp_path / "site")


def description_line(page: str) -> str:
    """The first line of a page's `description:` entry (it may be folded over several)."""
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    return next(line for line in text.splitlines() if line.startswith("description:"))


def test_missing_description_fails_and_names_the_file(tmp_path: Path):
    line = description_line("privacy.md")
    result = build_with_edit(tmp_path, "privacy.md", line + "\n", "renamed_" + line + "\n")
    assert result.returncode != 0
    assert "docs/privacy.md:" in result.output
    assert "missing `description`" in result.output
    assert "Traceback" not in result.output
    assert not (result.site_dir / "privacy" / "index.html").exists(), "half-built site"


def test_next_review_in_the_past_fails_and_names_the_line(tmp_path: Path):
    result = build_with_edit(
        tmp_path, "about.md", "next_review: 2027-05-25", "next_review: 2020-01-01"
    )
    assert result.returncode != 0
    assert "docs/about.md:" in result.output
    assert "next_review 2020-01-01 is in the past" in result.output
    assert "Traceback" not in result.output


def test_control_an_unchanged_copy_builds(tmp_path: Path):
    result = build_with_edit(tmp_path, "about.md", "title:", "title:")
    assert result.returncode == 0, result.output


def test_unreadable_front_matter_fails_with_the_yaml_line(tmp_path: Path):
    result = build_with_edit(tmp_path, "privacy.md", "title: Privacy", "title: Privacy: ours")
    assert result.returncode != 0
    assert "docs/privacy.md:2: the front matter is not valid YAML" in result.output
    assert "Traceback" not in result.output


def test_the_example_in_error_messages_is_valid_front_matter():
    """The fix we suggest must itself pass, or editors copy a broken example."""
    example = yaml.safe_load(SOURCE_EXAMPLE.removeprefix("for example:\n"))
    assert check_front_matter({**GOOD, **example}, today=TODAY) == []
