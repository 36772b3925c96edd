"""`mkdocs serve` really live-reloads a page in a browser when a Markdown file changes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.support.build import copy_project


def free_port() -> int:
    """Ask the OS for a free loopback port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, seconds: float = 240) -> None:
    """Poll `url` until the dev server answers."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"nothing served at {url} after {seconds} s")


@pytest.mark.browser
def test_live_reload_shows_an_edit_without_a_manual_reload(tmp_path: Path, page):
    project = copy_project(tmp_path / "project")
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "serve",
            "--livereload",
            "--dev-addr",
            f"127.0.0.1:{port}",
        ],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        url = f"http://127.0.0.1:{port}/"
        wait_for(url)
        page.goto(url)
        marker = "Live reload marker 7d3f"
        assert marker not in page.content()
        home = project / "docs" / "index.md"
        home.write_text(home.read_text(encoding="utf-8") + f"\n\n{marker}\n", encoding="utf-8")
        page.get_by_text(marker).wait_for(timeout=120_000)
    finally:
        server.terminate()
        server.wait(timeout=10)
