"""Every dependency is pinned to an exact version, with hashes, and locks match their inputs."""

from __future__ import annotations

import re
import tomllib

import pytest

from tests.support.build import ROOT

REQUIREMENTS = ROOT / "requirements"
LOCKS = ("runtime", "test")
PINNED = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)")


def normalise(name: str) -> str:
    """PEP 503 name normalisation."""
    return re.sub(r"[-_.]+", "-", name).lower()


def lock_entries(name: str) -> dict[str, str]:
    """Package name to version, from a compiled lock file; fails on any unpinned line."""
    entries: dict[str, str] = {}
    text = (REQUIREMENTS / f"{name}.txt").read_text(encoding="utf-8")
    for block in re.split(r"\n(?=\S)", text):
        first = block.splitlines()[0].strip() if block.strip() else ""
        if not first or first.startswith("#"):
            continue
        match = PINNED.match(first)
        assert match, f"requirements/{name}.txt: not pinned with ==: {first}"
        assert "--hash=sha256:" in block, f"requirements/{name}.txt: no hash for {first}"
        entries[normalise(match.group(1))] = match.group(2)
    return entries


def runtime_inputs() -> list[str]:
    """The runtime's requirement lines: pyproject.toml's dependencies and build backend."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return [*project["project"]["dependencies"], *project["build-system"]["requires"]]


def direct_requirements(name: str) -> list[str]:
    """Package names the runtime (pyproject.toml) or the tests (requirements/test.in) name."""
    if name == "runtime":
        lines = runtime_inputs()
    else:
        lines = (REQUIREMENTS / f"{name}.in").read_text(encoding="utf-8").splitlines()
    names = []
    for line in lines:
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            names.append(normalise(re.split(r"[=<>!~\[;\s]", line)[0]))
    return names


@pytest.mark.parametrize("name", LOCKS)
def test_lock_pins_every_package_with_hashes(name: str):
    assert lock_entries(name)


@pytest.mark.parametrize("name", LOCKS)
def test_lock_covers_every_direct_requirement(name: str):
    missing = set(direct_requirements(name)) - set(lock_entries(name))
    assert not missing, f"run 'make lock': requirements/{name}.txt lacks {sorted(missing)}"


def test_runtime_inputs_are_exact():
    for line in runtime_inputs():
        assert PINNED.match(line), f"pyproject.toml: pin exactly: {line}"


def test_stack_versions():
    runtime = lock_entries("runtime")
    assert runtime["mkdocs"] == "1.6.1"
    assert runtime["mkdocs-material"].startswith("9.8.")
    assert runtime["pymdown-extensions"].startswith("13.")
    assert runtime["mkdocs-macros-plugin"].startswith("1.5.")
    # Newer click breaks `mkdocs serve` live reload (mkdocs issues 4032 and 4055).
    assert runtime["click"] == "8.2.1"


def test_test_lock_agrees_with_runtime_lock():
    runtime, test = lock_entries("runtime"), lock_entries("test")
    clashes = {name: (runtime[name], test[name]) for name in runtime.keys() & test.keys()}
    assert all(a == b for a, b in clashes.values()), clashes
