"""Mutation testing of the safety- and privacy-critical modules (`make mutants`).

Runs mutmut (configured in pyproject.toml, `[tool.mutmut]`: which modules, which fast tests)
and prints, per module, how many mutants the tests killed and how many survived. A survivor
that cannot change behaviour is listed, with a one-line reason, in bench/mutants-equivalent.txt
and counted apart. Figures only, like `make bench`: not part of `make test`, never fails on a
number. `python -m bench.mutants --report` prints the table of the last run without running.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MUTMUT = Path(sys.executable).parent / "mutmut"
EQUIVALENT = Path(__file__).with_name("mutants-equivalent.txt")
# `mutmut results --all true` prints "    wtiw.crisis.numbers.x_parse__mutmut_3: killed".
RESULT = re.compile(r"^\s*(?P<name>[\w.ǁ]+__mutmut_\d+): (?P<status>.+)$")
# A mutant's module: its name up to the function (`x_name`) or class (`xǁName`) it is in.
MODULE = re.compile(r"^(?P<module>.+?)\.(?:x_|xǁ)")
TARGET = 0.9


def equivalents(path: Path = EQUIVALENT) -> dict[str, str]:
    """Mutant names listed as equivalent, each with its reason (`name  reason`, # comments)."""
    listed = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip() if line.lstrip().startswith("#") else line.strip()
        if line:
            name, _, reason = line.partition(" ")
            if not reason.strip():
                raise SystemExit(f"{path.name}: `{name}` needs a one-line reason after its name")
            listed[name] = reason.strip()
    return listed


def tally(lines: list[str], equivalent: dict[str, str]) -> dict[str, Counter[str]]:
    """Statuses per module; a surviving mutant listed as equivalent counts as `equivalent`."""
    modules: dict[str, Counter[str]] = {}
    for line in lines:
        match = RESULT.match(line)
        if not match:
            continue
        name, status = match["name"], match["status"].strip()
        if status == "survived" and name in equivalent:
            status = "equivalent"
        module = MODULE.match(name)
        modules.setdefault(module["module"] if module else name, Counter())[status] += 1
    return modules


def table(modules: dict[str, Counter[str]]) -> str:
    """A Markdown table: mutants, checked, killed, equivalent, survived, unreached, % killed."""
    rows = [
        "| Module | Mutants | Checked | Killed | Equivalent | Survived | No test reaches it "
        "| Killed % of checked |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    total: Counter[str] = Counter()
    for module, counts in sorted(modules.items()):
        total.update(counts)
        rows.append(row(module, counts))
    rows.append(row("**all**", total))
    return "\n".join(rows)


def row(module: str, counts: Counter[str]) -> str:
    """One module's line; equivalent mutants and timeouts count as killed.

    A run stopped early leaves some mutants not checked: the score is of those checked.
    """
    mutants = sum(counts.values())
    checked = mutants - counts["not checked"]
    killed = counts["killed"] + counts["timeout"]
    score = (killed + counts["equivalent"]) / checked if checked else 0.0
    return (
        f"| {module} | {mutants} | {checked} | {killed} | {counts['equivalent']} "
        f"| {counts['survived']} | {counts['no tests']} "
        f"| {score:.0%}{'' if score >= TARGET else ' (under 90%)'} |"
    )


def main(argv: list[str] | None = None) -> int:
    """Run mutmut (unless `--report`), then print the per-module table and the survivors."""
    argv = sys.argv[1:] if argv is None else argv
    if "--report" not in argv:
        subprocess.run([MUTMUT, "run", "--max-children", "2", *argv], cwd=ROOT, check=False)
    listed = equivalents()
    out = subprocess.run(
        [MUTMUT, "results", "--all", "true"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    print(table(tally(out, listed)))
    survivors = [
        m["name"] for line in out if (m := RESULT.match(line)) and m["status"] == "survived"
    ]
    unexplained = [name for name in survivors if name not in listed]
    print(
        f"\n{len(unexplained)} surviving mutants not listed as equivalent "
        f"(`mutmut show NAME` shows one):"
    )
    print("\n".join(f"  {name}" for name in unexplained))
    return 0


if __name__ == "__main__":
    sys.exit(main())
