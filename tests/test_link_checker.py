"""The weekly external-link checker finds outbound links and tells working from broken.

Offline: it is pointed at a loopback server, never at the internet.
"""

from __future__ import annotations

from pathlib import Path

from tests.support.server import serve
from tests.tools.check_external_links import Outcome, fetch_status, main, outbound_links, report

SITE = "https://our.example/"


def make_site(root: Path, links: list[str]) -> Path:
    """A one-page built site linking to `links`."""
    root.mkdir(parents=True, exist_ok=True)
    anchors = "".join(f'<a href="{href}">x</a>' for href in links)
    (root / "index.html").write_text(f"<html><body>{anchors}</body></html>", encoding="utf-8")
    return root


def test_finds_outbound_links_only(tmp_path: Path):
    site = make_site(
        tmp_path, ["https://988lifeline.org/#chat", "about/", f"{SITE}privacy/", "tel:116123"]
    )
    assert outbound_links(site, SITE) == {"https://988lifeline.org/": {"index.html"}}


def test_tells_working_from_broken_links(tmp_path: Path):
    served = tmp_path / "served"
    make_site(served, [])
    with serve(served) as url:
        assert not fetch_status(url).broken
        assert fetch_status(f"{url}gone/").broken
    assert fetch_status("http://127.0.0.1:9/nothing-listens-here").broken


def test_bot_walls_are_reported_not_failed():
    refused = Outcome("https://x.org/", 403)
    assert not refused.broken
    text = report([refused, Outcome("https://y.org/", 404)], {
        "https://x.org/": {"index.html"}, "https://y.org/": {"help-now/index.html"},
    })  # fmt: skip
    assert "1 broken" in text
    assert "https://y.org/: 404 (linked from help-now/index.html)" in text
    assert "check by hand" in text


def test_exit_status_fails_on_a_broken_link(tmp_path: Path):
    served = make_site(tmp_path / "served", [])
    with serve(served) as url:
        site = make_site(tmp_path / "site", [f"{url}gone/"])
        assert main([str(site), "--site-url", SITE]) == 1
        good = make_site(tmp_path / "good", [url])
        assert main([str(good), "--site-url", SITE]) == 0
    assert main([str(tmp_path / "nowhere")]) == 2


def test_the_report_lists_crisis_numbers_due_a_check():
    warning = "docs/_data/crisis-help.yml:17:10: the numbers were last checked on 2026-01-01"
    text = report([Outcome("https://x.org/", 200)], {"https://x.org/": {"a/"}}, (warning,))
    assert f"## Crisis numbers due a check\n\n- {warning}" in text
    assert "Crisis numbers" not in report(
        [Outcome("https://x.org/", 200)], {"https://x.org/": {"a/"}}
    )
