"""``python -m wtiw check [FILE]``: check a guide tree the way the build does.

Prints one summary line and exits 0 for a good tree; prints only the error lines (one per
problem, ``FILE:LINE:COLUMN: message``) and exits 1 for a bad one. Never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from wtiw.core.problems import InputError
from wtiw.guide.graph import summarise
from wtiw.guide.validate import DEFAULT_DOCS, DEFAULT_TREE, load_tree


def display_path(path: Path) -> str:
    """Show `path` relative to the working folder when it is inside it, as editors expect."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def check(tree_path: Path, docs_dir: Path) -> int:
    """Check one tree and print the result; return the exit status."""
    label = display_path(tree_path)
    try:
        tree = load_tree(tree_path, docs_dir=docs_dir, label=label)
    except InputError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return 1
    summary = summarise(tree)
    print(
        f"{label}: OK: {plural(summary.questions, 'question')}, "
        f"{plural(summary.outcomes, 'outcome')}, {plural(summary.paths, 'distinct path')}, "
        f"longest path {plural(summary.longest, 'question')}."
    )
    return 0


def plural(count: int, noun: str) -> str:
    """Write `count` with its noun, adding an s when there is not exactly one."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run the requested command."""
    parser = argparse.ArgumentParser(prog="python -m wtiw", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    checker = commands.add_parser("check", help="check a guide YAML file")
    checker.add_argument("file", nargs="?", type=Path, default=DEFAULT_TREE)
    checker.add_argument(
        "--docs-dir",
        type=Path,
        default=DEFAULT_DOCS,
        help="folder of pages that outcome links must point to (default: the project's docs/)",
    )
    arguments = parser.parse_args(argv)
    return check(arguments.file, arguments.docs_dir)
