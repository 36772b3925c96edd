"""Launch settings for Debian's Chromium: test tools cannot download browsers here."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")

# Needed as root in a container, and to keep Chromium from phoning home on a closed network.
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def chromium_path() -> str:
    """Return the Chromium executable, or explain how to get one."""
    configured = os.environ.get("CHROMIUM_PATH")
    if configured:
        return configured
    for candidate in CANDIDATES:
        if Path(candidate).is_file():
            return candidate
    found = shutil.which("chromium")
    if found:
        return found
    raise RuntimeError(
        "No Chromium found. Run 'make test' (it installs Debian's chromium as root), "
        "or set CHROMIUM_PATH to a Chromium or Chrome executable."
    )
