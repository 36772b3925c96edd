"""``python -m wtiw check|routes [FILE]``, ``python -m wtiw review``: the editors' commands.

`check` prints one summary line and exits 0 for a good tree that matches its approved routes
(`docs/_data/links/guide-routes.txt`) and keeps the editorial rules (`guide/lint.py`);
otherwise it prints only the error lines (one per problem, ``FILE:LINE:COLUMN: message``) and
exits 1. `routes` prints the tree's listing of steps and routes, which `make routes` writes
to the approved file; `check` checks exactly what the build checks. `review` prints the pages
due for review within 30 days and the crisis numbers last checked over 6 months ago
(`pages/review.py`), and exits 0: it informs, it never blocks. Never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

from wtiw.core.problems import InputError, Problem, plural
from wtiw.core.site import PROJECT
from wtiw.crisis.numbers import load_crisis_help
from wtiw.guide.graph import summarise
from wtiw.guide.page import check_guide
from wtiw.guide.routes import route_listing
from wtiw.guide.validate import DEFAULT_DOCS, DEFAULT_TREE, load_tree
from wtiw.pages.review import numbers_due, pages_due, review_report


def display_path(path: Path) -> str:
    """Show `path` relative to the working folder when it is inside it, as editors expect."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def print_problems(problems: list[Problem]) -> int:
    """Print each problem on its own line of standard error; return the failing status."""
    for problem in sorted(problems):
        print(problem, file=sys.stderr)
    return 1


def check(tree_path: Path, docs_dir: Path, routes_path: Path | None = None) -> int:
    """Check one tree and compare it with the approved routes; return the exit status."""
    label = display_path(tree_path)
    approved_path = routes_path or replace(PROJECT, docs=docs_dir).guide_routes
    try:
        tree = check_guide(tree_path, docs_dir, approved_path, (label, display_path(approved_path)))
    except InputError as error:
        return print_problems(error.problems)
    summary = summarise(tree)
    print(
        f"{label}: OK: {plural(summary.questions, 'question')}, "
        f"{plural(summary.outcomes, 'outcome')}, {plural(summary.paths, 'distinct path')}, "
        f"longest path {plural(summary.longest, 'question')}."
    )
    return 0


def routes(tree_path: Path, docs_dir: Path) -> int:
    """Print the listing of a good tree; print its problems instead for a bad one."""
    try:
        tree = load_tree(tree_path, docs_dir=docs_dir, label=display_path(tree_path))
    except InputError as error:
        return print_problems(error.problems)
    # Bytes, so the approved file is UTF-8 with LF line ends whatever the platform.
    sys.stdout.flush()
    sys.stdout.buffer.write(route_listing(tree).encode("utf-8"))
    return 0


def review(docs_dir: Path, today: date) -> int:
    """Print what is due for review; problems reading the crisis numbers, if any."""
    crisis_path = replace(PROJECT, docs=docs_dir).crisis_help
    try:
        crisis = load_crisis_help(crisis_path, display_path(crisis_path))
    except InputError as error:
        return print_problems(error.problems)
    print(review_report(pages_due(docs_dir, today), numbers_due(crisis, today)), end="")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run the requested command."""
    parser = argparse.ArgumentParser(prog="python -m wtiw", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    checker = commands.add_parser("check", help="check a guide YAML file and its approved routes")
    lister = commands.add_parser("routes", help="print the guide's steps and routes")
    for command in (checker, lister):
        command.add_argument("file", nargs="?", type=Path, default=DEFAULT_TREE)
        command.add_argument(
            "--docs-dir",
            type=Path,
            default=DEFAULT_DOCS,
            help="folder of pages that outcome links must point to (default: the project's docs/)",
        )
    checker.add_argument(
        "--routes",
        type=Path,
        default=None,
        help="the approved routes (default: DOCS_DIR/_data/links/guide-routes.txt)",
    )
    reviewer = commands.add_parser(
        "review", help="list pages due for review and crisis numbers checked long ago"
    )
    reviewer.add_argument("--docs-dir", type=Path, default=DEFAULT_DOCS)
    reviewer.add_argument(
        "--today",
        type=date.fromisoformat,
        default=date.today(),
        help="the date to count from, YYYY-MM-DD (default: today)",
    )
    arguments = parser.parse_args(argv)
    if arguments.command == "review":
        return review(arguments.docs_dir, arguments.today)
    if arguments.command == "routes":
        return routes(arguments.file, arguments.docs_dir)
    return check(arguments.file, arguments.docs_dir, arguments.routes)
