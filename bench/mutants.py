"""Mutation testing of the safety- and privacy-critical modules (`make mutants`).

Runs mutmut (configured in pyproject.toml, `[tool.mutmut]`: which modules, which fast tests)
and prints, per module, how many mutants the tests killed and how many survived. A survivor
that cannot change behaviour is listed, with a one-line reason, in bench/mutants-equivalent.txt
and counted apart. It is listed by its function and the line the mutation wrote, not by mutmut's
number, which shifts whenever the function changes. Figures only, like `make bench`: not part
of `make test`, never fails on a number. `python -m bench.mutants --report` prints the table of
the last run without running.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
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
    """Mutations listed as equivalent, by key (`function: mutated line`), each with its reason.

    A line is `module.function: the line as mutated || reason`; `#` starts a comment line.
    """
    listed = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key, _, reason = line.rpartition(" || ")
        if not key.strip() or not reason.strip() or ": " not in key:
            raise SystemExit(
                f"{path.name}:{number}: write `module.function: mutated line || reason`"
            )
        listed[key.strip()] = reason.strip()
    return listed


def function_of(name: str) -> str:
    """`wtiw.a.x__f__mutmut_3` is `wtiw.a._f`; `wtiw.a.xǁCǁm__mutmut_1` is `wtiw.a.C.m`."""
    base = re.sub(r"__mutmut_\d+$", "", name)
    module, _, rest = base.rpartition(".x")
    if rest.startswith("ǁ"):
        return f"{module}." + ".".join(part for part in rest.split("ǁ") if part)
    return f"{module}.{rest.removeprefix('_')}"


def mutation_keys(names: list[str]) -> dict[str, str]:
    """Each mutant's key: its function and the line(s) the mutation wrote, from mutmut's diff."""
    from mutmut.__main__ import Config, get_diff_for_mutant

    Config.ensure_loaded()
    keys = {}
    for name in names:
        added = [
            line[1:].strip()
            for line in get_diff_for_mutant(name).splitlines()
            if line.startswith("+") and not line.startswith("+++")
        ]
        keys[name] = f"{function_of(name)}: {' ⏎ '.join(added)}"
    return keys


def tally(
    lines: list[str], equivalent: dict[str, str], keys: dict[str, str]
) -> dict[str, Counter[str]]:
    """Statuses per module; a surviving mutant whose key is listed counts as `equivalent`."""
    modules: dict[str, Counter[str]] = {}
    for line in lines:
        match = RESULT.match(line)
        if not match:
            continue
        name, status = match["name"], match["status"].strip()
        if status == "survived" and keys.get(name) in equivalent:
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
    started = time.monotonic()
    if "--report" not in argv:
        subprocess.run([MUTMUT, "run", "--max-children", "2", *argv], cwd=ROOT, check=False)
    elapsed = time.monotonic() - started
    listed = equivalents()
    out = subprocess.run(
        [MUTMUT, "results", "--all", "true"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    survivors = [
        m["name"] for line in out if (m := RESULT.match(line)) and m["status"] == "survived"
    ]
    os.chdir(ROOT)
    keys = mutation_keys(survivors)
    print(table(tally(out, listed, keys)))
    if "--report" not in argv:
        print(f"\nmutmut ran for {elapsed / 60:.1f} minutes")
    unexplained = [name for name in survivors if keys[name] not in listed]
    print(
        f"\n{len(unexplained)} surviving mutants not listed as equivalent "
        f"(`mutmut show NAME` shows one; list one as `KEY || reason`):"
    )
    print("\n".join(f"  {name}\n    KEY {keys[name]}" for name in unexplained))
    unused = sorted(set(listed) - set(keys.values()))
    if unused:
        print(f"\n{len(unused)} listed equivalents no surviving mutant matches (remove them?):")
        print("\n".join(f"  {key}" for key in unused))
    return 0


if __name__ == "__main__":
    sys.exit(main())
