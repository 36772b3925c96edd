"""The README's first commands work on a fresh clone, with the runtime lock and nothing else.

`make test` installs the test lock too, so every other test runs with more packages than
`make serve`, `make build`, `make check-guide` and the deploy job have. Here a fresh copy of the
repository (what `git clone` would give, uncommitted edits included) runs those targets
itself: its own new `.venv`, made by the Makefile from `requirements/runtime.txt` only.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.build import ROOT
from tests.support.newcomer import free_port, fresh_clone, make, newcomer_env, wait_for
from tests.test_pins import lock_entries, normalise


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh clone with the runtime-only `.venv` the Makefile makes for serve and build."""
    directory = fresh_clone(tmp_path_factory.mktemp("newcomer") / "clone")
    result = make(directory, ".venv/.runtime-installed")
    assert result.returncode == 0, f"installing the runtime lock failed:\n{result.stdout}"
    return directory


def installed(venv_python: Path) -> dict[str, str]:
    """Distributions installed in a virtual environment, name to version."""
    listing = subprocess.run(
        [str(venv_python), "-m", "pip", "list", "--format=freeze", "--exclude-editable"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
        env=newcomer_env(),
    ).stdout
    pairs = (line.split("==", 1) for line in listing.splitlines() if "==" in line)
    return {normalise(name): version for name, version in pairs}


def test_the_fresh_venv_holds_exactly_the_runtime_lock(clone: Path):
    packages = installed(clone / ".venv" / "bin" / "python")
    expected = lock_entries("runtime")
    # venv brings pip (and, before Python 3.12, setuptools) whether or not the lock names them.
    bundled = {"pip", "setuptools"} - set(expected)
    assert {name: v for name, v in packages.items() if name not in bundled} == expected


def test_the_fresh_venv_runs_the_clones_own_build_code(clone: Path):
    where = subprocess.run(
        [str(clone / ".venv" / "bin" / "python"), "-c", "import wtiw; print(wtiw.__file__)"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
        env=newcomer_env(),
        cwd="/",
    ).stdout.strip()
    assert Path(where).is_relative_to(clone / "src"), where


def test_check_guide_passes_with_the_runtime_lock_alone(clone: Path):
    result = make(clone, "check-guide")
    assert result.returncode == 0, result.stdout
    assert re.search(r"\d+ questions?, \d+ outcomes?", result.stdout), result.stdout


def test_make_build_passes_with_the_runtime_lock_alone(clone: Path):
    result = make(clone, "build")
    assert result.returncode == 0, result.stdout
    assert (clone / "site" / "index.html").is_file()
    assert (clone / "site" / "guide" / "index.html").is_file()


def test_the_newcomer_check_fails_when_a_build_import_is_missing(clone: Path, tmp_path: Path):
    """Prove the check can fail: the same build, in the same venv, without jsonschema."""
    python = clone / ".venv" / "bin" / "python"
    shadow = tmp_path / "shadow"
    shadow.mkdir()
    (shadow / "jsonschema.py").write_text(
        "raise ModuleNotFoundError('jsonschema')\n", encoding="utf-8"
    )
    env = {**newcomer_env(), "PYTHONPATH": str(shadow)}
    result = subprocess.run(
        [str(python), "-m", "wtiw", "check"],
        cwd=clone,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=False,
    )
    assert result.returncode != 0
    assert "jsonschema" in result.stdout + result.stderr


@pytest.fixture
def served(clone: Path) -> Iterator[tuple[Path, str]]:
    """`make serve` running in the fresh clone on a free port; yields the clone and the URL."""
    port = free_port()
    server = subprocess.Popen(
        ["make", "--no-print-directory", "serve", f"PORT={port}"],
        cwd=clone,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=newcomer_env(),
        start_new_session=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/"
        wait_for(url, server)
        yield clone, url
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=20)


@pytest.mark.browser
def test_make_serve_live_reloads_an_edit(served: tuple[Path, str], page):
    clone, url = served
    page.goto(url)
    marker = "Live reload marker 7d3f"
    assert marker not in page.content()
    home = clone / "docs" / "index.md"
    original = home.read_text(encoding="utf-8")
    try:
        home.write_text(original + f"\n\n{marker}\n", encoding="utf-8")
        page.get_by_text(marker).wait_for(timeout=120_000)
    finally:
        home.write_text(original, encoding="utf-8")


def test_make_serve_defaults_to_the_readme_address():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "make serve   # the site with live reload on http://127.0.0.1:8000" in readme
    assert re.search(r"^HOST \?= 127\.0\.0\.1$", makefile, re.MULTILINE)
    assert re.search(r"^PORT \?= 8000$", makefile, re.MULTILINE)
