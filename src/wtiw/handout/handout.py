"""What a printed page needs: its address as text and as a QR code, and the crisis numbers.

Every page prints as a handout with a QR code back to its canonical address, and so does every
outcome of the guide: one `make_handout` for both, shown by the print-only partial
`overrides/partials/professionals/handout.html` and by the guide's `outcome.html`. The picker
on the "For therapists and clinics" page shows one QR image per link target (`qr_files`).
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from wtiw.core.interface import Words
from wtiw.core.urls import absolute_url
from wtiw.crisis.numbers import CrisisHelp
from wtiw.handout.qr import qr_svg, qr_svg_document
from wtiw.links.contract import LinkGroup, all_targets


@dataclass(frozen=True)
class Handout:
    """The print-only details of one page."""

    url: str
    qr: Markup
    crisis: CrisisHelp | None


def make_handout(
    url: str,
    crisis: CrisisHelp | None = None,
    *,
    with_qr: bool = True,
    text: Words | None = None,
) -> Handout:
    """The handout details of a page or guide step published at absolute `url`.

    The QR code's name for screen readers is in the edition's words (`text`, the interface
    texts of `core/interface.py`), so a handout with a QR code needs them.
    """
    if not with_qr:
        return Handout(url=url, qr=Markup(), crisis=crisis)
    if text is None:
        raise ValueError("make_handout: a handout with a QR code needs the edition's `text`")
    label = text("professionals.handout.qr_label", url=url)
    return Handout(url=url, qr=Markup(qr_svg(url, label=label)), crisis=crisis)


def qr_files(groups: list[LinkGroup], site_url: str, text: Words) -> dict[str, bytes]:
    """One QR image per public link target, by its site-relative path, titled in `text`'s words."""
    files = {}
    for target in all_targets(groups):
        url = absolute_url(site_url, target.href)
        files[target.qr_href] = qr_svg_document(url, title=text("site.copy.qr_alt", url=url))
    return files
