"""QR codes for printed handouts, made offline at build time as inline SVG.

Never an online QR service: a request to one would tell a third party which page a reader
printed. Example: ``qr_svg("https://example.org/guide/#start")`` returns ``<svg ...>``.
"""

from __future__ import annotations

from html import escape

import segno


def qr_svg(url: str, *, label: str | None = None) -> str:
    """Return an inline SVG QR code for `url`, with an accessible name."""
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(scale=3, border=2, dark="#000", light="#fff", omitsize=False)
    name = label or f"QR code for {url}"
    return svg.replace("<svg ", f'<svg role="img" aria-label="{escape(name)}" ', 1)
