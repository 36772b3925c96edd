"""QR codes as stand-alone SVG image files, for the picker and for clinics to download.

`macros/qr.py` makes QR codes to inline in a page; an `<img>` or a downloaded file needs a
complete SVG document instead (with its namespace and a viewBox, so it scales). Made offline
at build time, never by an online QR service. Example: ``qr_svg_document("https://x.org/")``.
"""

from __future__ import annotations

import io

import segno


def qr_svg_document(url: str, *, title: str | None = None) -> bytes:
    """A complete, scalable SVG file of the QR code for `url`, titled for screen readers."""
    code = segno.make(url, error="m", micro=False)
    buffer = io.BytesIO()
    code.save(
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
