"""Compare the guide with its approved routes, so no step id or route changes unnoticed.

Step ids are links therapists share, and a route is what a reader's answers mean: a change
to either must be seen and approved (`make routes`, then review the diff). Each difference
is a problem at its place, in the guide where it has one, otherwise in the approved file.
The build does not run this, so editors can try changes under `make serve`;
`python -m wtiw check` (`make check-guide`) and the tests do.
"""

from __future__ import annotations

from wtiw.core.problems import Problem
from wtiw.core.yaml_reader import Document
from wtiw.guide.model import Tree
from wtiw.guide.routes import APPROVE, Listing, one_line, route_listing


def _step_problems(tree: Tree, document: Document, approved: Listing) -> list[Problem]:
    """New steps, changed titles, and published steps that are gone."""
    problems: list[Problem] = []
    for step in tree.steps.values():
        if step.id not in approved.steps:
            problems.append(
                document.problem(
                    ("steps", step.index, "id"),
                    f"the step '{step.id}' is not in the link contract {approved.file}; "
                    f"{APPROVE}, so its address guide/#{step.id} is published.",
                )
            )
            continue
        title, line = approved.steps[step.id]
        if one_line(step.title) != title:
            problems.append(
                document.problem(
                    ("steps", step.index, "title"),
                    f"this title differs from the approved one ('{title}', {approved.file}:"
                    f"{line}). If the new title is meant, {APPROVE}.",
                )
            )
    for step_id, (_, line) in approved.steps.items():
        if step_id not in tree.steps:
            problems.append(
                Problem(
                    approved.file,
                    line,
                    1,
                    f"the published step '{step_id}' is not in {document.file}: therapists' "
                    f"links to guide/#{step_id} would break. Keep the id: restore the step, "
                    "or give its id to the step that replaces it.",
                )
            )
    return problems


def _route_problems(tree: Tree, document: Document, approved: Listing) -> list[Problem]:
    """Answers that lead somewhere new, answers not yet approved, and approved ones gone."""
    problems: list[Problem] = []
    keys: set[tuple[str, str]] = set()
    for question in tree.questions:
        for position, answer in enumerate(question.answers):
            keys.add((question.id, answer.key))
            path = ("steps", question.index, "answers", position)
            name = f"{question.id} / {answer.key}"
            if (question.id, answer.key) not in approved.routes:
                problems.append(
                    document.problem(
                        (*path, "key"),
                        f"the answer '{name}' is not in the approved routes {approved.file}; "
                        f"{APPROVE}.",
                    )
                )
                continue
            target, line = approved.routes[(question.id, answer.key)]
            if answer.next != target:
                problems.append(
                    document.problem(
                        (*path, "next"),
                        f"the answer '{name}' now leads to '{answer.next}', but the approved "
                        f"route leads to '{target}' ({approved.file}:{line}). If the change "
                        f"is meant, {APPROVE}.",
                    )
                )
    for (question_id, key), (_, line) in approved.routes.items():
        if (question_id, key) not in keys and question_id in tree.steps:
            problems.append(
                Problem(
                    approved.file,
                    line,
                    1,
                    f"the approved answer '{question_id} / {key}' is not in {document.file}. "
                    f"If you removed the answer or renamed its key on purpose, {APPROVE}.",
                )
            )
    return problems


def _first_difference(listing: str, approved: Listing) -> Problem:
    """Where the approved file first differs from the tree's listing (an order change)."""
    expected = listing.splitlines()
    found = approved.text.splitlines()
    line = min(len(expected), len(found)) + 1
    for number, (wanted, written) in enumerate(zip(expected, found, strict=False), start=1):
        if wanted != written:
            line = number
            break
    message = (
        "the approved listing differs from the guide's from this line on (steps or answers "
        f"were moved, or the file was edited); {APPROVE}."
    )
    return Problem(approved.file, line, 1, message)


def check_approved(tree: Tree, document: Document, approved: Listing) -> list[Problem]:
    """Every difference between the checked `tree` (read from `document`) and `approved`."""
    problems = _step_problems(tree, document, approved)
    problems += _route_problems(tree, document, approved)
    listing = route_listing(tree)
    if not problems and listing != approved.text:
        problems.append(_first_difference(listing, approved))
    return problems
