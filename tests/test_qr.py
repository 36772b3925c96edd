"""QR codes are inline SVG made offline, with an accessible name."""

from __future__ import annotations

from wtiw.handout.qr import qr_svg


def test_qr_is_inline_svg_with_a_name():
    svg = qr_svg("https://example.org/guide/#start")
    assert svg.startswith(
        '<svg role="img" aria-label="QR code for https://example.org/guide/#start"'
    )
    assert "http" not in svg.split(">", 1)[1], "the drawing itself must not reference any URL"


def test_qr_encodes_the_url():
    assert qr_svg("https://example.org/a/") != qr_svg("https://example.org/b/")


def test_label_is_escaped():
    assert 'aria-label="Say &quot;hi&quot;"' in qr_svg("https://example.org/", label='Say "hi"')
