"""Crisis lines and sources never learn which page sent a visitor.

Every page, redirect stubs included, carries `<meta name="referrer" content="no-referrer">`,
and every link to another host, from Markdown or from a template, has `rel="noopener noreferrer"`.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.support.site_pages import html_pages, is_redirect_stub
from wtiw.postbuild.links import is_outbound, mark_outbound
from wtiw.postbuild.redirect_stubs import add_policy

SITE = "https://when-therapy-isnt-working.github.io/"


class LinkAudit(HTMLParser):
    """Collects the referrer policy and outbound links without the required rel values."""

    def __init__(self, site_url: str) -> None:
        """Audit links relative to `site_url`."""
        super().__init__()
        self.site_url = site_url
        self.referrer: list[str] = []
        self.bare_links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Note referrer meta tags and outbound links."""
        values = {name: value or "" for name, value in attrs}
        if tag == "meta" and values.get("name") == "referrer":
            self.referrer.append(values.get("content", ""))
        href = values.get("href", "")
        if tag in {"a", "area"} and href and is_outbound(href, self.site_url):
            rels = values.get("rel", "").split()
            if not {"noopener", "noreferrer"} <= set(rels):
                self.bare_links.append(href)


def audit(html: str, site_url: str = SITE) -> LinkAudit:
    """Run the audit over one page."""
    finder = LinkAudit(site_url)
    finder.feed(html)
    return finder


@pytest.fixture(scope="module")
def pages(site_dir: Path) -> dict[Path, str]:
    """Every built HTML page and its text."""
    return {path: (site_dir / path).read_text(encoding="utf-8") for path in html_pages(site_dir)}


@pytest.fixture(scope="module")
def stubs(pages: dict[Path, str]) -> dict[Path, str]:
    """The pages mkdocs-redirects writes for old addresses (`crisis/`, `feedback/`, ...)."""
    found = {path: html for path, html in pages.items() if is_redirect_stub(html)}
    assert found, "no redirect stubs in the built site"
    return found


def test_every_page_sends_no_referrer(pages: dict[Path, str]):
    policies = {path: audit(html).referrer for path, html in pages.items()}
    assert not {path: found for path, found in policies.items() if found != ["no-referrer"]}


def test_redirect_stubs_set_the_policy_before_they_redirect(stubs: dict[Path, str]):
    """Stubs have no theme head: hooks/redirect_stubs.py adds the policy before the script."""
    late = [
        path
        for path, html in stubs.items()
        if not 0 <= html.find('name="referrer"') < html.find("<script")
    ]
    assert not late


def test_redirect_stubs_only_lead_within_the_site(stubs: dict[Path, str]):
    assert all("://" not in html.split("url=")[1].split('"')[0] for html in stubs.values())


def test_a_stub_the_hook_cannot_place_the_policy_in_fails_loudly():
    with pytest.raises(ValueError, match="meta charset"):
        add_policy("<head><script>location.href='../'</script></head>", "<meta name=referrer>")


def test_every_outbound_link_has_noopener_noreferrer(pages: dict[Path, str]):
    bare = {path: audit(html).bare_links for path, html in pages.items()}
    assert not {path: links for path, links in bare.items() if links}


def test_the_site_has_outbound_links_to_check(pages: dict[Path, str]):
    """The licence link in the footer is on every page; the audit sees it."""
    marked = sum(html.count('rel="noopener noreferrer"') for html in pages.values())
    assert marked >= len(pages) // 2


def test_the_audit_catches_a_bare_outbound_link():
    assert audit('<a href="https://www.samaritans.org/">Samaritans</a>').bare_links


@pytest.mark.parametrize(
    ("href", "outbound"),
    [
        ("https://988lifeline.org/", True),
        ("//cdn.example.org/x", True),
        ("HTTP://EXAMPLE.ORG", True),
        (f"{SITE}about/", False),
        ("../about/", False),
        ("#section", False),
        ("mailto:help@example.org", False),
        ("tel:116123", False),
    ],
)
def test_is_outbound(href: str, outbound: bool):
    assert is_outbound(href, SITE) is outbound


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            '<a href="https://x.org/">x</a>',
            '<a href="https://x.org/" rel="noopener noreferrer">x</a>',
        ),
        (
            '<a rel="external" href="https://x.org/" target="_blank">x</a>',
            '<a rel="external noopener noreferrer" href="https://x.org/" target="_blank">x</a>',
        ),
        (
            '<a href="https://x.org/" rel="noreferrer noopener">x</a>',
            '<a href="https://x.org/" rel="noreferrer noopener">x</a>',
        ),
        ('<a href="../about/">x</a>', '<a href="../about/">x</a>'),
        (
            '<p>\n  <a\n    href="https://x.org/?a&amp;b"\n  >x</a></p>',
            '<p>\n  <a\n    href="https://x.org/?a&amp;b" rel="noopener noreferrer"\n  >x</a></p>',
        ),
    ],
)
def test_mark_outbound(before: str, after: str):
    assert mark_outbound(before, SITE) == after


def test_marking_twice_changes_nothing():
    once = mark_outbound('<a href="https://x.org/">x</a> <a href="https://y.org/">y</a>', SITE)
    assert mark_outbound(once, SITE) == once
