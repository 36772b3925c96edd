"""Review that never blocks a fix, sign-offs that are never invented, standards from data.

Overdue pages build and say so; `python -m wtiw review` lists what is due; a clinical
sign-off is shown only when the front matter gives one; the standards page is checked.
"""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from tests.support.build import ROOT, BuildResult, build, copy_project
from wtiw.core.interface import words
from wtiw.core.problems import InputError
from wtiw.core.yaml_reader import Document, parse_document
from wtiw.crisis.numbers import parse_crisis_help
from wtiw.pages.front_matter import check_front_matter
from wtiw.pages.review import (
    clinical_review_markdown,
    clinical_sign_offs,
    numbers_due,
    pages_due,
    review_report,
)
from wtiw.pages.standards import load_standards, standards_markdown

DATA = ROOT / "docs" / "_data"
TODAY = date(2026, 12, 6)
ENGLISH = words(DATA, "en", ROOT)
PAGE = """---
title: A page
description: One line.
last_reviewed: {last}
next_review: {due}
sources:
  - title: "NHS"
    url: https://www.nhs.uk/
{extra}---

# A page
"""
SIGN_OFF = {
    "name": "A. Clinician",
    "role": "Clinical psychologist",
    "registration_body": "HCPC",
    "registration_number": "PYL00000",
    "date": date(2026, 12, 1),
}


def write_page(docs: Path, name: str, last: str, due: str, extra: str = "") -> None:
    """One page with review front matter."""
    docs.mkdir(parents=True, exist_ok=True)
    (docs / name).write_text(PAGE.format(last=last, due=due, extra=extra), encoding="utf-8")


def review_problems(**meta: object) -> list[str]:
    """Front-matter messages for a good page with these fields added or changed."""
    good = {
        "title": "A page",
        "description": "One line.",
        "last_reviewed": date(2026, 1, 10),
        "next_review": date(2026, 7, 10),
        "sources": [{"title": "NHS", "url": "https://www.nhs.uk/"}],
    }
    document = Document("docs/a.md", {**good, **meta})
    return [problem.message for problem in check_front_matter(document, today=TODAY)]


def test_a_passed_next_review_is_no_problem():
    assert review_problems() == []


def test_the_other_date_checks_still_hold():
    """Control: the check still runs; only the overdue rule is gone."""
    (message,) = review_problems(next_review=date(2026, 1, 1))
    assert "must come after last_reviewed" in message


def test_a_full_sign_off_is_accepted():
    assert review_problems(clinical_review=SIGN_OFF) == []


@pytest.mark.parametrize("field", ["name", "role", "registration_body", "registration_number"])
def test_a_missing_sign_off_field_is_named(field: str):
    (message,) = review_problems(clinical_review={**SIGN_OFF, field: ""})
    assert f"missing `{field}`" in message


def test_a_future_sign_off_and_an_unknown_key_are_refused():
    messages = review_problems(clinical_review={**SIGN_OFF, "date": date(2027, 1, 1), "x": 1})
    assert any("in the future" in message for message in messages)
    assert any("unknown keys ['x']" in message for message in messages)


def test_the_about_text_says_plainly_when_no_one_has_signed(tmp_path: Path):
    write_page(tmp_path / "docs", "a.md", "2026-06-01", "2026-12-01")
    assert clinical_sign_offs(tmp_path / "docs") == []
    assert "not yet been reviewed by an independent clinician" in clinical_review_markdown(
        [], ENGLISH
    )


def test_a_sign_off_is_listed_with_its_registration(tmp_path: Path):
    extra = "clinical_review:\n" + "".join(f"  {key}: {value}\n" for key, value in SIGN_OFF.items())
    write_page(tmp_path / "docs", "a.md", "2026-06-01", "2026-12-01", extra)
    (signed,) = clinical_sign_offs(tmp_path / "docs")
    text = clinical_review_markdown([signed], ENGLISH)
    assert (
        "[A page](a.md): A. Clinician, Clinical psychologist (HCPC registration PYL00000)" in text
    )


def test_pages_due_within_30_days_or_overdue_are_listed(tmp_path: Path):
    docs = tmp_path / "docs"
    write_page(docs, "overdue.md", "2026-05-01", "2026-11-01")
    write_page(docs, "soon.md", "2026-06-20", "2026-12-20")
    write_page(docs, "later.md", "2026-11-01", "2027-05-01")
    due = pages_due(docs, TODAY)
    assert [item.what for item in due] == ["docs/overdue.md", "docs/soon.md"]
    assert due[0].why == "next review due 1 November 2026 (35 days ago)"
    assert due[1].why == "next review due 20 December 2026 (in 14 days)"


def test_numbers_checked_over_six_months_ago_are_listed():
    crisis = parse_crisis_help(
        parse_document(
            "checked: 2026-05-01\n"
            "services:\n"
            "  old: {where: UK, name: Old line, call: '116 123'}\n"
            "  new: {where: UK, name: New line, call: '111', checked: 2026-12-01}\n"
            "lists: {urgent: [old, new], emergency: [old]}\n",
            "crisis-help.yml",
        ),
        TODAY,
    )
    (item,) = numbers_due(crisis, TODAY)
    assert item.what == "crisis number `old` (Old line)"
    assert "last checked 1 May 2026" in item.why


def test_the_report_says_none_when_nothing_is_due():
    assert review_report([], []).count("None.") == 2


def run_review(today: str) -> subprocess.CompletedProcess:
    """`python -m wtiw review` on the project, as the workflow runs it."""
    return subprocess.run(
        [sys.executable, "-m", "wtiw", "review", "--today", today],
        cwd=ROOT,
        capture_output=True,
        encoding="utf-8",
        check=False,
    )


def test_the_command_lists_the_project_and_never_fails():
    result = run_review("2027-06-01")
    assert result.returncode == 0, result.stderr
    assert "- docs/guide.md: next review due 25 May 2027 (7 days ago)" in result.stdout
    # The file's own `checked` (25 November 2026) is over six months before that day.
    assert "crisis number `samaritans` (Samaritans)" in result.stdout
    # Control: a service with its own, later `checked` date is not yet due.
    assert "crisis number `pieta`" not in result.stdout
    assert "Traceback" not in result.stderr


def test_the_command_lists_nothing_early_on():
    result = run_review("2026-12-06")
    assert result.returncode == 0
    assert result.stdout.count("None.") == 2


@pytest.fixture(scope="module")
def overdue_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """Build a copy whose about page is overdue and whose help page has a clinical sign-off."""
    tmp_path = tmp_path_factory.mktemp("overdue")
    project = copy_project(tmp_path / "project")
    about = project / "docs" / "about.md"
    text = about.read_text(encoding="utf-8")
    text = re.sub(r"^last_reviewed: .*$", "last_reviewed: 2020-01-01", text, flags=re.M)
    text = re.sub(r"^next_review: .*$", "next_review: 2020-07-01", text, flags=re.M)
    about.write_text(text, encoding="utf-8")
    help_page = project / "docs" / "help-now.md"
    sign_off = yaml.safe_dump({"clinical_review": {**SIGN_OFF, "name": "A. <Clinician>"}})
    text = help_page.read_text(encoding="utf-8")
    help_page.write_text(
        text.replace("render_macros: true\n", "render_macros: true\n" + sign_off, 1),
        encoding="utf-8",
    )
    return build(project, tmp_path / "site")


def article(site: Path, page: str) -> str:
    """A built page's HTML."""
    return (site / page / "index.html").read_text(encoding="utf-8")


def test_an_overdue_page_builds_and_tells_readers(overdue_build: BuildResult):
    assert overdue_build.returncode == 0, overdue_build.output
    about = article(overdue_build.site_dir, "about")
    notice = about.index("This page is due for review")
    assert about.index("Next review due") < notice, "the notice sits by the review line"
    # Control: a page whose review is not due carries no notice.
    assert "This page is due for review" not in article(overdue_build.site_dir, "privacy")


def test_a_sign_off_is_shown_escaped_and_listed_on_the_about_page(overdue_build: BuildResult):
    help_page = article(overdue_build.site_dir, "help-now")
    assert "Checked by a clinician: A. &lt;Clinician&gt;, Clinical psychologist" in help_page
    about = article(overdue_build.site_dir, "about")
    assert 'help-now/">Need help now?</a>: A. &lt;Clinician&gt;, Clinical' in about


def test_the_published_site_has_no_sign_off_and_says_so(site_dir: Path):
    assert "has not yet been reviewed by an independent clinician" in article(site_dir, "about")
    signed = [p for p in site_dir.rglob("*.html") if "Checked by a clinician" in p.read_text()]
    assert not signed


def test_every_standard_and_criterion_is_on_the_built_page(site_dir: Path):
    page = article(site_dir, "standards")
    for standard in load_standards((DATA / "ipdas.yml", DATA / "standards.yml"), ROOT, ENGLISH):
        assert f'id="{standard.id}"' in page
        for criterion in standard.criteria:
            assert f"<strong>{criterion.id}.</strong>" in page
    assert "Not yet." in page


def test_a_criterion_with_no_place_and_no_reason_is_refused_at_its_line(tmp_path: Path):
    broken = tmp_path / "standards.yml"
    broken.write_text(
        "standards:\n"
        "  - id: x\n"
        "    title: X\n"
        "    source: {title: X, url: 'https://example.org/'}\n"
        "    criteria:\n"
        "      - id: X1\n"
        "        criterion: Something.\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as error:
        load_standards((DATA / "ipdas.yml", broken), tmp_path, ENGLISH)
    assert re.search(r"standards\.yml:6:\d+: criterion X1 names no place", str(error.value))


def test_places_become_markdown_links_the_strict_build_checks():
    text = standards_markdown(
        load_standards((DATA / "ipdas.yml", DATA / "standards.yml"), ROOT, ENGLISH), ENGLISH
    )
    assert "(about.md#feedback)" in text
    assert "(index.md#feeling-stuck-is-common)" in text
