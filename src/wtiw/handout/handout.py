"""What a printed page needs: its address as text and as a QR code, and the crisis numbers.

Every page prints as a handout with a QR code back to its canonical address, and so does every
outcome of the guide: one `make_handout` for both, shown by the print-only partial
`overrides/partials/professionals/handout.html` and by the guide's `outcome.html`. The picker
on the "For therapists and clinics" page shows one QR image per link target (`qr_files`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup

from wtiw.core.problems import InputError
from wtiw.core.urls import absolute_url
from wtiw.core.yaml_reader import load_document
from wtiw.handout.qr import qr_svg, qr_svg_document
from wtiw.links.contract import LinkGroup, all_targets

CONTACTS_FIX = (
    "expected 'contacts:' with a list of entries, each with 'where' and 'name' "
    "(and the 'numbers' to check against help-now.md)."
)


@dataclass(frozen=True)
class Handout:
    """The print-only details of one page."""

    url: str
    qr: Markup
    crisis: tuple[dict[str, Any], ...]


def load_crisis_contacts(path: Path, label: str) -> tuple[dict[str, Any], ...]:
    """The crisis numbers to print; `InputError` names the file, the line and the fix."""
    document = load_document(path, label)
    contacts = document.data.get("contacts") if isinstance(document.data, dict) else None
    if not isinstance(contacts, list):
        raise InputError([document.problem(("contacts",), CONTACTS_FIX)])
    problems = [
        document.problem(("contacts", index), CONTACTS_FIX)
        for index, item in enumerate(contacts)
        if not (isinstance(item, dict) and item.get("where") and item.get("name"))
    ]
    if problems:
        raise InputError(problems)
    return tuple(contacts)


def make_handout(
    url: str, crisis: tuple[dict[str, Any], ...] = (), *, with_qr: bool = True
) -> Handout:
    """The handout details of a page or guide step published at absolute `url`."""
    label = f"QR code: scan to open this page, {url}"
    qr = Markup(qr_svg(url, label=label)) if with_qr else Markup()
    return Handout(url=url, qr=qr, crisis=crisis)


def qr_files(groups: list[LinkGroup], site_url: str) -> dict[str, bytes]:
    """One QR image per public link target, by its site-relative path."""
    return {
        target.qr_href: qr_svg_document(absolute_url(site_url, target.href))
        for target in all_targets(groups)
    }
