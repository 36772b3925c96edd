"""DESIGN.md's promises table names only tests that exist.

The table ("Promises and the tests that guard them") lists, for each promise the site makes,
the tests that fail when it breaks. This collects those test files with pytest itself and
fails on any listed test it does not find, so renaming or deleting a guarding test means
updating the table in the same change.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

from tests.support.build import ROOT

DESIGN = ROOT / "DESIGN.md"
HEADING = "## Promises and the tests that guard them"
NODE = re.compile(r"`(tests/[\w/]+\.py::\w+)`")


def promises(text: str) -> dict[str, list[str]]:
    """Each promise in the table under HEADING, with the test node ids listed for it."""
    section = text.split(HEADING, 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ")][2:]
    return {row.split(" | ")[0].strip("| "): NODE.findall(row) for row in rows}


def collected(files: set[str]) -> set[str]:
    """The tests pytest collects from `files`, as `file::name` (parameters left off)."""
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", *files],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONUTF8": "1"},
        check=False,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return {line.split("[", 1)[0] for line in result.stdout.splitlines() if "::" in line}


def missing(listed: dict[str, list[str]], found: set[str]) -> list[str]:
    """Listed tests pytest did not collect, and promises listed with no test."""
    gone = [f"{promise}: {node}" for promise, nodes in listed.items() for node in nodes]
    gone = [entry for entry in gone if entry.rsplit(": ", 1)[1] not in found]
    return gone + [f"{promise}: no test" for promise, nodes in listed.items() if not nodes]


def test_every_test_the_promises_table_names_exists():
    listed = promises(DESIGN.read_text(encoding="utf-8"))
    assert len(listed) >= 8, f"the promises table has only {len(listed)} rows"
    found = collected({node.split("::")[0] for nodes in listed.values() for node in nodes})
    assert not missing(listed, found), missing(listed, found)
    # Controls: a renamed test and a promise with no test are both reported.
    renamed = {"Strict build": ["tests/test_build.py::test_broken_link_fails_the_build_now"]}
    assert missing(renamed, found) == [f"Strict build: {renamed['Strict build'][0]}"]
    assert missing({"A promise": []}, found) == ["A promise: no test"]
