"""Every built HTML file is valid HTML by the W3C Nu HTML Checker (vnu), run once over them all.

Theme-caused messages we cannot fix may be accepted only through `VNU_ALLOWLIST` in
tests/support/a11y.py, one entry per message with its reason. A broken fixture proves the check
can fail.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.support.a11y import (
    FIXTURES,
    VNU_ALLOWLIST,
    describe_vnu,
    html_files,
    report,
    run_vnu,
)

BROKEN = FIXTURES / "invalid-nesting.html"

pytestmark = pytest.mark.skipif(
    shutil.which("java") is None, reason="vnu needs Java: run 'make test' to install it"
)


@pytest.fixture(scope="module")
def vnu_errors(site_dir: Path) -> dict[Path, list[dict[str, Any]]]:
    """One vnu run (it is slow to start) over every built page plus the broken fixture."""
    return run_vnu([*html_files(site_dir), BROKEN])


def test_every_built_page_is_valid_html(site_dir: Path, vnu_errors):
    pages = html_files(site_dir)
    assert pages, "no HTML files in the built site"
    problems = {
        str(path.relative_to(site_dir)): describe_vnu(vnu_errors.get(path.resolve(), []))
        for path in pages
    }
    assert not any(problems.values()), report(problems)


def test_vnu_catches_invalid_nesting(vnu_errors):
    messages = " ".join(message["message"] for message in vnu_errors.get(BROKEN.resolve(), []))
    assert "not allowed as child of element" in messages, messages or "vnu found no error"


def test_every_allowlist_entry_is_narrow_and_has_a_reason():
    for text, markup, reason in VNU_ALLOWLIST:
        assert text.startswith("^"), f"anchor the message pattern {text!r}"
        assert "md-" in markup, f"{text!r} must name the theme's element it excuses"
        assert len(reason.split()) >= 8, f"say why {text!r} is accepted"
