"""Why this suggestion and "Ready to decide?" in Debian's Chromium, JavaScript on and off.

One page visit per setup: without JavaScript, a linked outcome shows the answers that may lead
to it and SURE tips with CSS alone; with JavaScript, the reader's own answers replace that list,
and ticking SURE changes neither the address, nor history, nor storage, nor cookies.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from wtiw.guide.graph import answers_leading_to
from wtiw.guide.validate import load_tree

pytestmark = pytest.mark.browser

TREE = load_tree()
OUTCOME = "hard-but-helpful"
ROUTE = (("are-you-safe", "safe"), ("what-feels-wrong", "worse-after-sessions"))
ROUTE += (("after-sessions", "upset-but-coping"),)
VISIBLE_STEPS = """() => Array.from(document.querySelectorAll('[data-step]'))
  .filter((step) => step.getClientRects().length > 0).map((step) => step.id)"""
STORED = """() => JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage),
  document.cookie])"""


def tip(page, item: str):
    """The SURE tip for `item` in the outcome."""
    return page.locator(f'#{OUTCOME} [data-sure="{item}"] .wtiw-guide__sure-tip')


def tick(page, item: str, value: str) -> None:
    """Choose Yes or "No, or not sure" for one SURE item, by its label, as a reader would."""
    page.click(f'label[for="{OUTCOME}-sure-{item}-{value}"]')


def check_sure_tips(page) -> None:
    """A "no" shows that item's tip only; "yes" hides it again; the address never changes."""
    url, length = page.url, page.evaluate("history.length")
    for item in ("sure", "understand", "matters", "support"):
        expect(tip(page, item)).to_be_hidden()
    tick(page, "understand", "no")
    expect(tip(page, "understand")).to_be_visible()
    expect(tip(page, "understand")).to_contain_text("Read more")
    expect(tip(page, "sure")).to_be_hidden()  # control: only the item answered "no"
    tick(page, "support", "no")
    expect(tip(page, "support")).to_contain_text("someone you trust")
    tick(page, "understand", "yes")
    expect(tip(page, "understand")).to_be_hidden()
    tick(page, "sure", "no")
    expect(tip(page, "sure")).to_contain_text("look at this again")
    assert page.url == url
    assert page.evaluate("history.length") == length


def test_without_javascript(browser, site_url: str):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{site_url}guide/#{OUTCOME}")
        assert page.evaluate(VISIBLE_STEPS) == [OUTCOME]
        reasons = page.locator(f"#{OUTCOME} [data-wtiw-guide-reasons]")
        expect(reasons).to_be_visible()
        expect(reasons).to_contain_text("You may have got here because you said:")
        expected = answers_leading_to(TREE)[OUTCOME]
        links = reasons.locator("a.wtiw-guide__reason-change")
        expect(links).to_have_count(len(expected))
        expect(page.locator(f"#{OUTCOME} [data-wtiw-guide-summary]")).to_be_hidden()
        check_sure_tips(page)
        assert context.cookies() == []
        # A reason's Change link opens that question, to answer it again.
        question = expected[0][0]
        links.first.click()
        page.wait_for_url(f"**/guide/#{question}")
        assert page.evaluate(VISIBLE_STEPS) == [question]
    finally:
        context.close()


def test_with_javascript(browser, site_url: str):
    context = browser.new_context()
    page = context.new_page()
    try:
        # A deep link has no answers yet, so the answers that may lead here stay.
        page.goto(f"{site_url}guide/#{OUTCOME}")
        outcome = page.locator(f"#{OUTCOME}")
        expect(page.locator("[data-wtiw-guide]")).to_have_class(re.compile(r"\bwtiw-guide--js\b"))
        reasons = outcome.locator("[data-wtiw-guide-reasons]")
        summary = outcome.locator("[data-wtiw-guide-summary]")
        expect(reasons).to_be_visible()
        expect(summary).to_be_hidden()
        # Walk a route: the reader's own answers, as reasons, replace the guesses.
        outcome.locator("[data-wtiw-guide-restart]").click()
        for question, answer in ROUTE:
            page.click(f'#{question} [data-answer="{answer}"]')
        assert page.evaluate(VISIBLE_STEPS) == [OUTCOME]
        expect(summary).to_be_visible()
        expect(summary).to_contain_text("Because you said:")
        expect(summary.locator("li")).to_have_count(len(ROUTE))
        expect(summary.locator("[data-wtiw-guide-change]")).to_have_count(len(ROUTE))
        expect(reasons).to_be_hidden()
        before = page.evaluate(STORED)
        check_sure_tips(page)
        # The tip's link moves within the outcome and keeps the reader's answers.
        tick(page, "understand", "no")
        tip(page, "understand").locator("a").click()
        expect(outcome.locator(f"#{OUTCOME}-read-more")).to_be_focused()
        expect(summary.locator("li")).to_have_count(len(ROUTE))
        assert page.url.endswith(f"/guide/#{OUTCOME}")
        # Ticking stored nothing: storage is as Material left it, and holds no answer.
        after = page.evaluate(STORED)
        assert after == before
        assert "sure" not in after.casefold()
        assert OUTCOME not in after
        assert context.cookies() == []
    finally:
        context.close()
