"""MkDocs hook: what a printed page needs (QR code, address, crisis numbers) and QR image files.

Every page prints as a handout with a QR code back to its canonical address, made offline at
build time (`macros/qr.py`), for the print-only partial
`overrides/partials/professionals/handout.html`. The picker on the "For therapists and
clinics" page shows one QR image per public link target; this hook writes them as
`assets/qr/<target>.svg` from the link contract (`macros/link_targets.py`).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

# Hooks load before mkdocs-macros puts the project on sys.path; the modules live in macros/.
PROJECT_DIR = Path(__file__).resolve().parents[1]
if str(PROJECT_DIR) not in sys.path:
    sys.path.insert(0, str(PROJECT_DIR))

from macros.link_targets import LinkContractError, absolute_url, all_targets, load_link_groups  # noqa: E402
from macros.qr import qr_svg  # noqa: E402
from macros.qr_image import qr_svg_document  # noqa: E402

CRISIS_FILE = Path("_data/print/crisis-contacts.yml")
LINKS_DIR = Path("_data/links")


@dataclass(frozen=True)
class Handout:
    """The print-only details of one page."""

    url: str
    qr: str
    crisis: tuple[dict[str, Any], ...]


_state: dict[str, tuple[dict[str, Any], ...]] = {"crisis": ()}


def load_crisis_contacts(path: Path) -> tuple[dict[str, Any], ...]:
    """The crisis numbers to print, or a build error naming the file and the fix."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise PluginError(f"{path}: cannot read the printed crisis numbers: {error}") from None
    contacts = data.get("contacts") if isinstance(data, dict) else None
    if not isinstance(contacts, list) or not all(
        isinstance(item, dict) and item.get("where") and item.get("name") for item in contacts
    ):
        raise PluginError(
            f"{path}:1: expected 'contacts:' with a list of entries, each with 'where' and "
            "'name' (and the 'numbers' to check against help-now.md)."
        )
    return tuple(contacts)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Read the printed crisis numbers once per build."""
    _state["crisis"] = load_crisis_contacts(Path(config.docs_dir) / CRISIS_FILE)
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add one QR image per public link target, for the picker and for download."""
    try:
        groups = load_link_groups(Path(config.docs_dir) / LINKS_DIR)
    except LinkContractError as error:
        raise PluginError(str(error)) from None
    for target in all_targets(groups):
        url = absolute_url(config.site_url or "", target.href)
        files.append(File.generated(config, target.qr_href, content=qr_svg_document(url)))
    return files


def on_page_context(
    context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    """Give the print-only partial this page's address, QR code and the crisis numbers."""
    url = page.canonical_url or absolute_url(config.site_url or "", page.url)
    label = f"QR code: scan to open this page, {url}"
    context["wtiw_handout"] = Handout(url=url, qr=qr_svg(url, label=label), crisis=_state["crisis"])
    return context
