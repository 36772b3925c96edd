"""What a printed page needs: its address as text and as a QR code, and the crisis numbers.

Every page prints as a handout with a QR code back to its canonical address, and so does every
outcome of the guide: one `make_handout` for both, shown by the print-only partial
`overrides/partials/professionals/handout.html` and by the guide's `outcome.html`. The picker
on the "For therapists and clinics" page shows one QR image per link target (`qr_files`).
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

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


def make_handout(url: str, crisis: CrisisHelp | None = None, *, with_qr: bool = True) -> Handout:
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
