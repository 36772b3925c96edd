"""Review front matter: the checking functions, and one real build of a copy with bad pages."""

from __future__ import annotations

import re
from datetime import date

import pytest
import yaml

from tests.support.build import ROOT, BuildResult, build, copy_project
from wtiw.core.yaml_reader import Document
from wtiw.pages.front_matter import (
    CLINICAL_REVIEW_EXAMPLE,
    KNOWN_FIELDS,
    SOURCE_EXAMPLE,
    check_front_matter,
    check_page,
    expansion_problems,
    long_date,
    read_front_matter,
)

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
    return [
        problem.message for problem in check_front_matter(Document("page.md", meta), today=TODAY)
    ]


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


def test_next_review_in_the_past_still_builds():
    """An overdue page is listed for review (tests/test_review.py), never a build failure."""
    assert problems_with(last_reviewed=date(2019, 7, 1), next_review=date(2020, 1, 1)) == []


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


def test_an_unknown_field_is_refused_with_a_guess():
    (message,) = problems_with(next_reveiw=date(2027, 5, 25))
    assert message.startswith("unknown field `next_reveiw`. Did you mean `next_review`?")
    (message,) = problems_with(colour="blue")
    assert "unknown field `colour`. Remove it." in message


def test_every_field_the_pages_use_is_known():
    """The allowlist of fields must accept every page we publish today."""
    for path in sorted((ROOT / "docs").glob("*.md")):
        document = read_front_matter(path.name, path.read_text(encoding="utf-8"))
        assert set(document.data) <= KNOWN_FIELDS, path.name


PAGE = """---
title: A
description: B
last_reviewed: 2026-11-25
next_review: 2027-05-25
sources:
  - title: NHS
    url: https://www.nhs.uk/
---
# A
"""


def page_problems(source: str) -> list[str]:
    """The build's lines for one page's source."""
    return check_page("docs/a.md", source, today=TODAY)


def test_a_good_page_has_no_problems():
    assert page_problems(PAGE) == []


def test_messages_point_at_the_line_and_column_of_the_field():
    lines = page_problems(PAGE.replace("next_review: 2027-05-25", "next_review: 2020-01-01"))
    assert lines == [f"docs/a.md:5:1: {problems_with(next_review=date(2020, 1, 1))[0]}"]


def test_a_bad_source_url_points_at_its_own_line():
    lines = page_problems(PAGE.replace("url: https://", "url: http://"))
    assert lines == [
        "docs/a.md:8:10: sources[1] needs a `url` starting with https://, not 'http://www.nhs.uk/'."
    ]


def test_a_missing_field_points_at_the_front_matter():
    assert (
        page_problems("# A\n")[0]
        == "docs/a.md:1:1: missing `title`. Add `title: ...` to the front matter."
    )
    assert page_problems(PAGE.replace("title: A\n", ""))[0].startswith(
        "docs/a.md:2:1: missing `title`"
    )


def test_an_unclosed_front_matter_says_so():
    (line,) = page_problems(PAGE.replace("---\n# A", "# A"))
    assert line.startswith("docs/a.md:1:1: the front matter that starts here has no closing")


def test_aliases_in_front_matter_are_found_before_anything_expands_them():
    """MkDocs expands front-matter aliases itself, so the plugin looks before it reads a page."""
    bomb = "a: &a [x, x]\nb: [*a, *a]\n"
    lines = expansion_problems("docs/a.md", PAGE.replace("---\n", "---\n" + bomb, 1))
    assert lines[0].startswith("docs/a.md:2:4: YAML anchors (&a) are not allowed")
    assert lines[1].startswith("docs/a.md:3:5: YAML aliases (*a) are not allowed")
    assert expansion_problems("docs/a.md", PAGE) == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("title: A", "title: A: B", "docs/a.md:2:9: YAML syntax error: mapping values"),
        (
            "next_review: 2027-05-25",
            "next_review: 2027-02-30",
            "docs/a.md:5:14: 2027-02-30 is not a real date",
        ),
        (
            "title: A",
            "title: A\ntitle: C",
            "docs/a.md:3:1: duplicate key 'title': it is already set on line 2",
        ),
        ("title: A", 'title: "A\\u202EB"', "docs/a.md:2:8: the invisible character U+202E"),
    ],
)
def test_unreadable_front_matter_is_explained_at_its_place(old: str, new: str, expected: str):
    """MkDocs drops such front matter silently (or keeps the last duplicate): the build must not."""
    (line,) = page_problems(PAGE.replace(old, new, 1))
    assert line.startswith(expected), line


def test_front_matter_that_is_not_fields_is_refused():
    (line,) = page_problems("---\n- a list\n---\n# A\n")
    assert line == (
        "docs/a.md:2:1: the front matter must be `name: value` lines, like `title: About`."
    )


def test_invisible_characters_in_the_text_are_refused():
    (line,) = page_problems(PAGE + "Fine until here \u202egnikool\n")
    assert line.startswith(
        "docs/a.md:11:17: the invisible character U+202E (RIGHT-TO-LEFT OVERRIDE)"
    )


def test_dates_read_the_way_people_say_them():
    assert long_date(date(2026, 11, 25)) == "25 November 2026"
    assert long_date(date(2027, 5, 1)) == "1 May 2027"


# One broken copy of the project carries every kind of bad front matter, each on its own
# page; the build must list them all at once. Unit tests above check the exact lines.
# page, first match to change (a pattern), its replacement, what the build must report
BROKEN_PAGES = [
    (
        "about.md",
        r"^render_macros: true$",
        "render_macros: true\nclinical_review: {name: Someone}",
        ["missing `role`"],
    ),
    (
        "look-at-the-timeline.md",
        r"^next_review: .*$",
        "next_review: 2027-02-30",
        ["2027-02-30 is not a real date"],
    ),
    (
        "check-your-expectations.md",
        r"^next_review:",
        "next_reveiw:",
        ["unknown field `next_reveiw`. Did you mean `next_review`?", "missing `next_review`"],
    ),
    ("ask-about-medication.md", r"^title: .*$", r"\g<0>\ntitle: Again", ["duplicate key 'title'"]),
    (
        "when-therapy-feels-hard.md",
        r"url: https://",
        "url: http://",
        ["needs a `url` starting with https://, not 'http://"],
    ),
    ("talk-to-your-therapist.md", r"^title: .*$", r"\g<0>: and more", ["YAML syntax error"]),
]
EXPECTED = [(page, words) for page, *_, messages in BROKEN_PAGES for words in messages]


@pytest.fixture(scope="module")
def broken_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """Build, once, a copy of the project in which each page of BROKEN_PAGES is broken."""
    tmp_path = tmp_path_factory.mktemp("broken-front-matter")
    project = copy_project(tmp_path / "project")
    for page, pattern, replacement, _ in BROKEN_PAGES:
        path = project / "docs" / page
        text, count = re.subn(
            pattern, replacement, path.read_text(encoding="utf-8"), count=1, flags=re.M
        )
        assert count == 1, f"{page} no longer matches {pattern!r}: update this test"
        path.write_text(text, encoding="utf-8")
    return build(project, tmp_path / "site")


@pytest.mark.parametrize(("page", "words"), EXPECTED, ids=[words for _, words in EXPECTED])
def test_the_broken_copy_reports_every_problem_with_file_and_line(
    broken_build: BuildResult, page: str, words: str
):
    located = re.compile(rf"^docs/{re.escape(page)}:\d+(:\d+)?: .*{re.escape(words)}", re.M)
    assert located.search(broken_build.output), broken_build.output


def test_the_broken_copy_fails_without_a_traceback_or_a_half_built_site(
    broken_build: BuildResult,
):
    assert broken_build.returncode != 0
    assert "Traceback" not in broken_build.output
    assert not list(broken_build.site_dir.rglob("*.html")), "half-built site"


def test_the_example_in_error_messages_is_valid_front_matter():
    """The fix we suggest must itself pass, or editors copy a broken example."""
    example = yaml.safe_load(SOURCE_EXAMPLE.removeprefix("for example:\n"))
    assert check_front_matter(Document("page.md", {**GOOD, **example}), today=TODAY) == []


BROKEN_PAGE = f"""---
hide: [toc]
title: ""
description: "{"x" * 201}"
last_reviewed: 2027-01-01
next_review: 2028-06-01
sources:
  - {{title: A, url: "http://x", extra: 1}}
  - 3
  - {{url: "https://example.org/"}}
clinical_review: {{name: A, role: B, registration_body: C, registration_number: D}}
bogus: 1
---
# A page
"""
# The front matter starts at line 2: each field below it is reported at its own line.
MISSING_SIGN_OFF = "---\ntitle: A\nclinical_review: {name: A, role: B, registration_body: C}\n---\n"
ODD_SIGN_OFF = """---
title: A
sources: 3
clinical_review:
  {name: A, role: B, registration_body: C, registration_number: D, date: 2026-11-26, x: 1}
---
"""


def test_each_problem_is_at_its_fields_line_word_for_word():
    """What an editor reads, line by line: each message at the line of the field it is about."""
    found = check_page("docs/p.md", BROKEN_PAGE, today=TODAY)
    assert found == [
        "docs/p.md:12:1: unknown field `bogus`. Remove it. A page may have: "
        + ", ".join(sorted(KNOWN_FIELDS))
        + ".",
        "docs/p.md:3:1: `title` must be a line of text, not ''.",
        "docs/p.md:4:1: `description` is 201 characters; keep it to 200 or fewer so search "
        "results show all of it.",
        "docs/p.md:5:1: last_reviewed 2027-01-01 is in the future. Use the real date.",
        "docs/p.md:6:1: next_review 2028-06-01 is more than a year after last_reviewed "
        "2027-01-01. Pages are reviewed every six months: set it six months after "
        "last_reviewed.",
        # Each source at its own line; a bad `url` at the column where the address starts.
        "docs/p.md:8:21: sources[1] needs a `url` starting with https://, not 'http://x'.",
        "docs/p.md:8:5: sources[1] has unknown keys ['extra']; use only `title` and `url`.",
        f"docs/p.md:9:5: sources[2] must have a `title` and a `url`, {SOURCE_EXAMPLE}",
        "docs/p.md:10:5: sources[3] needs a `title` (the source's name).",
        "docs/p.md:11:1: `date` must be a date: write it unquoted as YYYY-MM-DD, for example "
        "2026-11-25.",
    ]


def test_a_missing_sign_off_field_is_named_at_the_sign_off_with_its_example():
    problems = check_front_matter(read_front_matter("p.md", MISSING_SIGN_OFF), today=TODAY)
    fix = (
        "`clinical_review` needs name, role, registration_body, registration_number, date, "
        + CLINICAL_REVIEW_EXAMPLE
    )
    signed = [(p.line, p.message) for p in problems if "clinical_review" in p.message]
    assert signed == [(3, f"missing `registration_number`: {fix}")]
    problems = check_front_matter(read_front_matter("p.md", ODD_SIGN_OFF), today=TODAY)
    found = [(p.line, p.message) for p in problems if "sources" in p.message[:10]]
    found += [(p.line, p.message) for p in problems if "clinical_review" in p.message]
    assert found == [
        (3, f"`sources` must be a list of at least one entry, {SOURCE_EXAMPLE}"),
        (4, f"unknown keys ['x'] in {fix}"),
        (4, "clinical_review date 2026-11-26 is in the future."),
    ]
    today = ODD_SIGN_OFF.replace("2026-11-26", "2026-11-25")
    problems = check_front_matter(read_front_matter("p.md", today), today=TODAY)
    assert not [p for p in problems if "future" in p.message], "signed today is fine"


def test_the_limits_are_inclusive():
    """200 characters and a year and a day (a leap year) are still fine; one more is not."""
    assert problems_with(description="x" * 200) == []
    assert problems_with(next_review=date(2027, 11, 26)) == []
    assert len(problems_with(next_review=date(2027, 11, 27))) == 1


def test_a_quoted_title_inside_the_text_says_to_use_words():
    (message,) = problems_with(title='The "best" way')
    assert message.endswith("Use words or single quotes instead.")


def test_a_sign_off_that_is_not_its_fields_is_named_at_its_line_with_the_example():
    """`clinical_review: Dr A` (one line, not the five fields) says which fields, and how."""
    found = page_problems(PAGE.replace("---\n# A", "clinical_review: Dr A\n---\n# A"))
    assert found == [
        "docs/a.md:9:1: `clinical_review` needs name, role, registration_body, "
        f"registration_number, date, {CLINICAL_REVIEW_EXAMPLE}"
    ]
