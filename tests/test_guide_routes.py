"""The approved routes: the guide's step ids and where each answer leads, reviewed as a diff.

`docs/_data/links/guide-routes.txt` is the published list of step ids therapists link to and
the approved route of every answer. `make routes` rewrites it from the tree; `python -m wtiw
check` (`make check-guide`) reports every difference with its place and the fix.
"""

from __future__ import annotations

import difflib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.build import ROOT
from wtiw.core.problems import InputError, Problem
from wtiw.core.site import PROJECT
from wtiw.core.yaml_reader import parse_document
from wtiw.guide.approved import check_approved
from wtiw.guide.routes import parse_listing, read_listing, route_listing
from wtiw.guide.validate import load_tree, validate_document

APPROVED = ROOT / PROJECT.guide_routes
SHIPPED = (ROOT / PROJECT.guide_tree).read_text(encoding="utf-8")
TREE_LABEL = "docs/_data/guide.yaml"
ROUTES_LABEL = "docs/_data/links/guide-routes.txt"
APPROVE = "run `make routes` and commit the diff"


def test_the_shipped_tree_matches_the_approved_routes():
    listing = route_listing(load_tree())
    approved = APPROVED.read_text(encoding="utf-8")
    diff = "".join(
        difflib.unified_diff(
            approved.splitlines(keepends=True),
            listing.splitlines(keepends=True),
            fromfile=f"{ROUTES_LABEL} (approved)",
            tofile=f"{TREE_LABEL} (now)",
        )
    )
    assert listing == approved, (
        f"The guide's steps or routes changed:\n{diff}\n"
        "If the change is meant, approve it: run `make routes` and commit the diff."
    )


def test_the_listing_names_every_step_then_every_answer():
    tree = load_tree()
    listing = parse_listing(route_listing(tree), "t.txt")
    assert list(listing.steps) == list(tree.steps)
    assert [title for title, _ in listing.steps.values()] == [s.title for s in tree.steps.values()]
    expected = {(q.id, a.key): a.next for q in tree.questions for a in q.answers}
    assert {route: target for route, (target, _) in listing.routes.items()} == expected
    last_step = max(line for _, line in listing.steps.values())
    assert all(line > last_step for _, line in listing.routes.values())


def problems_after(edit: tuple[str, str]) -> list[str]:
    """Problems `check` reports for the shipped tree with one text replaced."""
    old, new = edit
    assert SHIPPED.count(old) == 1, old
    document = parse_document(SHIPPED.replace(old, new), TREE_LABEL)
    tree = validate_document(document, docs_dir=None)
    approved = read_listing(APPROVED, ROUTES_LABEL)
    return [str(problem) for problem in check_approved(tree, document, approved)]


def line_of(text: str, needle: str) -> int:
    """The 1-based line of the one line holding `needle` in `text`."""
    (number,) = [n for n, line in enumerate(text.splitlines(), 1) if needle in line]
    return number


def test_the_shipped_tree_has_no_differences():
    """Control for the tests below: every problem they see comes from their edit."""
    assert problems_after(("start: are-you-safe", "start: are-you-safe")) == []


def test_a_changed_route_is_reported_at_the_answer():
    old = "our personalities clash\n        next: talked-about-relationship\n"
    (problem,) = problems_after((old, old.replace("talked-about-relationship", "after-sessions")))
    line = SHIPPED[: SHIPPED.index(old)].count("\n") + 2  # the `next:` line of `old`
    approved_line = line_of(APPROVED.read_text(encoding="utf-8"), "the-relationship / no-click")
    assert problem == (
        f"{TREE_LABEL}:{line}:15: the answer 'the-relationship / no-click' now leads to "
        f"'after-sessions', but the approved route leads to 'talked-about-relationship' "
        f"({ROUTES_LABEL}:{approved_line}). If the change is meant, {APPROVE}."
    )


def test_a_published_step_that_is_gone_breaks_the_contract():
    """Renaming a step's id: its old address must keep working, so this is refused."""
    renamed = SHIPPED.replace("stopping-well", "ending-well")
    problems = problems_after((SHIPPED, renamed))
    approved_line = line_of(APPROVED.read_text(encoding="utf-8"), "stopping-well  ")
    assert (
        f"{ROUTES_LABEL}:{approved_line}:1: the published step 'stopping-well' is not in "
        f"{TREE_LABEL}: therapists' links to guide/#stopping-well would break. Keep the id: "
        "restore the step, or give its id to the step that replaces it."
    ) in problems
    assert any("the step 'ending-well' is not in the link contract" in p for p in problems)


def test_a_new_and_a_removed_answer_key_are_reported():
    problems = problems_after(("key: over-twelve\n", "key: more-than-twelve\n"))
    assert len(problems) == 2, problems
    assert "the answer 'how-long / more-than-twelve' is not in the approved routes" in problems[0]
    assert problems[1].startswith(f"{ROUTES_LABEL}:")
    assert "the approved answer 'how-long / over-twelve' is not in" in problems[1]


def test_a_changed_title_is_reported():
    (problem,) = problems_after(
        ("title: It may be early days\n", "title: It may be too early to tell\n")
    )
    assert problem.startswith(f"{TREE_LABEL}:{line_of(SHIPPED, 'title: It may be early days')}:")
    assert "this title differs from the approved one ('It may be early days'" in problem


def test_moved_answers_are_reported_once():
    """Same steps and routes in another order: one line, where the listings part."""
    first = (
        "      - key: safe\n        label: Yes, I am safe right now\n"
        "        next: what-feels-wrong\n"
    )
    second = "      - key: not-safe\n        label: No, I am not safe\n        next: get-help-now\n"
    (problem,) = problems_after((first + second, second + first))
    approved_line = line_of(APPROVED.read_text(encoding="utf-8"), "are-you-safe / safe ->")
    assert problem.startswith(f"{ROUTES_LABEL}:{approved_line}:1: the approved listing differs")


def test_a_hand_edited_line_is_refused_with_its_place():
    with pytest.raises(InputError) as caught:
        parse_listing("# header\n\nare-you-safe  Are you safe?\nare-you-safe -> x\n", "r.txt")
    (problem,) = caught.value.problems
    assert (problem.file, problem.line, problem.column) == ("r.txt", 4, 1)
    assert APPROVE in problem.message


def test_a_missing_approved_file_says_how_to_make_it(tmp_path: Path):
    with pytest.raises(InputError) as caught:
        read_listing(tmp_path / "guide-routes.txt", "guide-routes.txt")
    assert caught.value.problems == [
        Problem(
            "guide-routes.txt",
            1,
            1,
            f"the approved routes are missing: {APPROVE} (or restore it from git).",
        )
    ]


def run_cli(cwd: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """Run `python -m wtiw` as an editor would, from `cwd`."""
    return subprocess.run(
        [sys.executable, "-m", "wtiw", *arguments],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


NEW_STEP = """
  - id: try-a-group
    type: outcome
    title: A group may suit you
    options: [different-type, change-within]
    meaning: Some people find a group easier than one-to-one therapy.
    try:
      - Ask what groups are on offer near you.
    ask:
      - Is there a group I could join?
    links:
      - page: try-a-different-type-of-therapy.md
        text: Try a different type of therapy
"""

# The same step's words in Spanish (`docs/_data/es/guide.yaml`, by the step's id).
NEW_STEP_ES = """
  try-a-group:
    title: Puede que un grupo te vaya bien
    meaning: A algunas personas un grupo les resulta más fácil que la terapia a solas.
    try:
      - Pregunta qué grupos hay cerca de ti.
    ask:
      - ¿Hay algún grupo al que me pueda unir?
    links:
      - Prueba otro tipo de terapia
"""


def test_check_reports_a_step_missing_from_the_link_contract(tmp_path: Path):
    """An editor adds a step: `check` names its line and says how to publish it."""
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    tree = tmp_path / "docs" / "_data" / "guide.yaml"
    old = "key: only-this-kind\n        label: Yes, but they can only offer this kind of therapy\n"
    old += "        next: find-a-new-therapist\n"
    assert SHIPPED.count(old) == 1
    edited = SHIPPED.replace(old, old.replace("find-a-new-therapist", "try-a-group")) + NEW_STEP
    tree.write_text(edited, encoding="utf-8")

    result = run_cli(tmp_path, "check", "docs/_data/guide.yaml", "--docs-dir", "docs")

    assert result.returncode == 1
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert (
        f"{TREE_LABEL}:{line_of(edited, '- id: try-a-group')}:9: the step 'try-a-group' is not "
        f"in the link contract {ROUTES_LABEL}; {APPROVE}, so its address guide/#try-a-group "
        "is published."
    ) in lines
    assert any("'talked-about-approach / only-this-kind' now leads to 'try-a-group'" in line
               for line in lines)  # fmt: skip

    # Approving the change (`make routes`) makes the check pass.
    listing = run_cli(tmp_path, "routes", "docs/_data/guide.yaml", "--docs-dir", "docs")
    assert listing.returncode == 0, listing.stderr
    (tmp_path / ROUTES_LABEL).write_text(listing.stdout, encoding="utf-8")
    # Then the check asks for the step's Spanish words, at the step's English line.
    result = run_cli(tmp_path, "check", "docs/_data/guide.yaml", "--docs-dir", "docs")
    assert result.returncode == 1
    assert "`steps.try-a-group` has no wording in docs/_data/es/guide.yaml" in result.stderr
    spanish = tmp_path / "docs" / "_data" / "es" / "guide.yaml"
    spanish.write_text(spanish.read_text(encoding="utf-8") + NEW_STEP_ES, encoding="utf-8")
    assert run_cli(tmp_path, "check", "docs/_data/guide.yaml", "--docs-dir", "docs").returncode == 0


def test_routes_prints_the_approved_file_for_the_shipped_tree():
    result = run_cli(ROOT, "routes")
    assert result.returncode == 0, result.stderr
    assert result.stdout == APPROVED.read_text(encoding="utf-8")


def test_routes_prints_only_problems_for_a_broken_tree():
    result = run_cli(ROOT, "routes", "tests/guide_fixtures/unknown-next.yaml")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith("tests/guide_fixtures/unknown-next.yaml:")
