"""A fresh clone of the repository, and the README's `make` targets run as a newcomer would."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

from tests.support.build import ROOT


def tracked_files() -> list[str]:
    """What a clone of the working tree would hold: tracked and new, unignored files."""
    listing = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout
    return [name for name in listing.decode("utf-8").split("\0") if name]


def fresh_clone(destination: Path) -> Path:
    """Copy the working tree's files, as `git clone` of it would give, into `destination`."""
    for name in tracked_files():
        source = ROOT / name
        if not source.is_file():
            continue  # deleted in the working tree, not yet committed
        target = destination / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    return destination


def newcomer_env() -> dict[str, str]:
    """The environment of a fresh shell: no virtual environment or test paths leak in."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "MAKEFLAGS", "MAKELEVEL"}
        and not key.startswith("PYTEST_")
    }
    env["PYTHONUTF8"] = "1"
    venv_bin = str(Path(ROOT / ".venv" / "bin"))
    env["PATH"] = os.pathsep.join(
        part for part in env.get("PATH", "").split(os.pathsep) if part != venv_bin
    )
    return env


def make(directory: Path, target: str) -> subprocess.CompletedProcess[str]:
    """Run one Makefile target in `directory`; stdout and stderr together."""
    return subprocess.run(
        ["make", "--no-print-directory", target],
        cwd=directory,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        env=newcomer_env(),
        check=False,
    )


def free_port() -> int:
    """Ask the OS for a free loopback port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, seconds: float = 300) -> None:
    """Poll `url` until the dev server answers; fail at once if the server has exited."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode} before answering")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"nothing served at {url} after {seconds} s")
