"""QR codes for printed handouts and for clinics to download, made offline at build time.

Never an online QR service: a request to one would tell a third party which page a reader
printed. Two forms of the same code: inline in a page (`qr_svg`) and a stand-alone, scalable
SVG file for an `<img>` or a download (`qr_svg_document`).

    >>> qr_svg("https://example.org/guide/#start")[:4]
    '<svg'
"""

from __future__ import annotations

import io
from html import escape

import segno


def _code(url: str) -> segno.QRCode:
    """The one QR symbol for `url`: medium error correction, never a Micro QR."""
    return segno.make(url, error="m", micro=False)


def qr_svg(url: str, *, label: str | None = None) -> str:
    """Return an inline SVG QR code for `url`, with an accessible name."""
    svg = _code(url).svg_inline(scale=3, border=2, dark="#000", light="#fff", omitsize=False)
    name = label or f"QR code for {url}"
    return svg.replace("<svg ", f'<svg role="img" aria-label="{escape(name)}" ', 1)


def qr_svg_document(url: str, *, title: str | None = None) -> bytes:
    """A complete, scalable SVG file of the QR code for `url`, titled for screen readers."""
    buffer = io.BytesIO()
    _code(url).save(
        buffer,
        kind="svg",
        scale=4,
        border=2,
        dark="#000",
        light="#fff",
        svgclass=None,
        lineclass=None,
        title=title or f"QR code for {url}",
        omitsize=True,
        svgversion=1.1,
    )
    return buffer.getvalue()
