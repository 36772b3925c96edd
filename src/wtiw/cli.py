"""``python -m wtiw check|routes [FILE]``: check the guide the way the build does, or list it.

`check` prints one summary line and exits 0 for a good tree that matches its approved routes
(`docs/_data/links/guide-routes.txt`) and keeps the editorial rules (`guide/lint.py`);
otherwise it prints only the error lines (one per problem, ``FILE:LINE:COLUMN: message``) and
exits 1. `routes` prints the tree's listing of steps and routes, which `make routes` writes
to the approved file. Never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from pathlib import Path

from wtiw.core.problems import InputError, Problem, plural
from wtiw.core.site import PROJECT
from wtiw.guide.graph import summarise
from wtiw.guide.page import check_guide
from wtiw.guide.routes import route_listing
from wtiw.guide.validate import DEFAULT_DOCS, DEFAULT_TREE, load_tree


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
    arguments = parser.parse_args(argv)
    if arguments.command == "routes":
        return routes(arguments.file, arguments.docs_dir)
    return check(arguments.file, arguments.docs_dir, arguments.routes)
