"""The guide's steps and routes as plain text: what `make routes` approves and `check` compares.

One line per fact, in the tree's order, so a change to the guide shows in review as a small
diff: first every step (``id  title``: the published step ids therapists link to as
``guide/#<id>``), then every answer (``question-id / answer-key -> next-id``). The committed
copy is `docs/_data/links/guide-routes.txt`. Example::

    are-you-safe  Are you safe right now?
    are-you-safe / not-safe -> get-help-now
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from wtiw.core.problems import InputError, Problem
from wtiw.core.yaml_reader import read_text
from wtiw.guide.model import Question, Tree

HEADER = (
    "# The guide's approved steps and routes. Written by `make routes`: do not edit by hand.\n"
    "# Steps (id  title): each id is a public link, guide/#<id>. Never rename or remove one.\n"
    "# Routes (question / answer key -> next step): where each answer leads.\n"
)
_SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
STEP_LINE = re.compile(rf"^({_SLUG})  (\S.*)$")
ROUTE_LINE = re.compile(rf"^({_SLUG}) / ({_SLUG}) -> ({_SLUG})$")
APPROVE = "run `make routes` and commit the diff"


def one_line(text: str) -> str:
    """A title on one line, with single spaces, as the listing writes it."""
    return " ".join(text.split())


def route_listing(tree: Tree) -> str:
    """The listing of `tree`: the header, every step, then every answer, in file order."""
    steps = [f"{step.id}  {one_line(step.title)}" for step in tree.steps.values()]
    routes = [
        f"{question.id} / {answer.key} -> {answer.next}"
        for question in tree.steps.values()
        if isinstance(question, Question)
        for answer in question.answers
    ]
    return "\n".join([HEADER, *steps, "", *routes]) + "\n"


@dataclass(frozen=True)
class Listing:
    """An approved listing as read back: titles and targets by id, each with its line."""

    file: str
    text: str
    steps: dict[str, tuple[str, int]] = field(default_factory=dict)
    routes: dict[tuple[str, str], tuple[str, int]] = field(default_factory=dict)


def parse_listing(text: str, label: str) -> Listing:
    """Read a listing; a line that is neither a step nor a route is an `InputError`."""
    listing = Listing(label, text.replace("\r\n", "\n"))
    problems: list[Problem] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        route = ROUTE_LINE.match(line)
        step = STEP_LINE.match(line)
        if route:
            listing.routes[(route[1], route[2])] = (route[3], number)
        elif step:
            listing.steps[step[1]] = (step[2], number)
        else:
            message = (
                "this line is neither 'id  title' nor 'question / answer-key -> next-id'. "
                f"The file is written by `make routes`: {APPROVE}, never edit it by hand."
            )
            problems.append(Problem(label, number, 1, message))
    if problems:
        raise InputError(problems)
    return listing


def read_listing(path: Path, label: str) -> Listing:
    """Read the approved listing at `path`; messages name it `label`."""
    if not path.is_file():
        message = f"the approved routes are missing: {APPROVE} (or restore it from git)."
        raise InputError([Problem(label, 1, 1, message)])
    return parse_listing(read_text(path, label), label)
