"""The guide's options and "What matters to you" in Debian's Chromium, JavaScript on and off.

One page visit per setup, on a 320 px phone, with every probe on it: the cannot-switch path
never offers a new therapist; ticking "I can't switch therapist" moves "new
therapist" to the end with a note in words, and the order in the DOM is the order on screen;
a ticked value shows why an option fits; nothing reaches storage, cookies, the address or
the network.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

pytestmark = pytest.mark.browser

PHONE = {"width": 320, "height": 640}
# Requests that could carry what the reader ticked.
SENDING = {"fetch", "xhr", "ping", "eventsource", "websocket", "document"}
# The option cards the reader can see in one outcome, in DOM order, with their top edge.
SHOWN = """(step) => Array.from(document.querySelectorAll(`#${step} [data-option]`))
  .filter((card) => card.getClientRects().length > 0)
  .map((card) => ({id: card.dataset.option, top: card.getBoundingClientRect().top,
                   text: card.innerText}))"""
# What the page could have kept: storage and cookies (the same before and after ticking).
KEPT = """() => ({local: localStorage.length, session: sessionStorage.length,
                  cookies: document.cookie})"""


@pytest.fixture(scope="module", params=[True, False], ids=["js-on", "js-off"])
def phone(request: pytest.FixtureRequest, browser) -> Iterator[object]:
    """A phone-sized tab with JavaScript on or off."""
    context = browser.new_context(java_script_enabled=request.param, viewport=PHONE)
    yield context.new_page()
    context.close()


def shown(page, step: str) -> list[dict]:
    """The visible option cards of `step`, checking that DOM order is screen order."""
    cards = page.evaluate(SHOWN, step)
    tops = [card["top"] for card in cards]
    assert tops == sorted(tops), cards
    return cards


def test_options_and_what_matters_work_with_and_without_javascript(phone, site_url: str):
    requests: list = []
    phone.goto(site_url + "guide/#make-it-work-together")
    phone.wait_for_load_state("load")
    phone.on("request", lambda request: requests.append(request))
    kept = phone.evaluate(KEPT)  # Material's own settings, if any, are not ours to judge

    # The cannot-switch path ends here, with that box ticked: a new therapist comes last,
    # saying why; unticking the box takes the note away.
    cards = shown(phone, "make-it-work-together")
    assert cards[-1]["id"] == "new-therapist"
    assert "because you said you can't switch therapist" in cards[-1]["text"]
    assert "Suggested for you" in cards[0]["text"]
    assert len(cards) >= 2
    phone.locator("label[for='make-it-work-together-matters-cant-switch']").click()
    assert "because you said" not in shown(phone, "make-it-work-together")[-1]["text"]
    phone.locator("label[for='make-it-work-together-matters-cant-switch']").click()

    # Another outcome, same document: new therapist first until the reader says they can't.
    phone.evaluate("() => { location.hash = 'find-a-new-therapist'; }")
    phone.wait_for_function(
        "() => document.querySelector('#find-a-new-therapist').getClientRects().length > 0"
    )
    before = [card["id"] for card in shown(phone, "find-a-new-therapist")]
    assert before[0] == "new-therapist"
    box = phone.locator("#find-a-new-therapist-matters-cant-switch")
    phone.locator("label[for='find-a-new-therapist-matters-cant-switch']").click()
    assert box.is_checked()
    after = shown(phone, "find-a-new-therapist")
    assert [card["id"] for card in after] == [*before[1:], "new-therapist"]
    assert "Later in the list because you said you can't switch therapist" in after[-1]["text"]
    assert "Suggested for you" not in after[-1]["text"]
    # One copy only is in the accessibility tree: the hidden one is display: none.
    assert phone.locator("#find-a-new-therapist [data-option='new-therapist']:visible").count() == 1

    # A value shows which options fit it.
    phone.locator("label[for='find-a-new-therapist-matters-keep-therapist']").click()
    fits = {card["id"]: card["text"] for card in shown(phone, "find-a-new-therapist")}
    assert "This fits what you said: you want to keep your therapist" in fits["extra-support"]

    # Unticking puts everything back.
    phone.locator("label[for='find-a-new-therapist-matters-cant-switch']").click()
    phone.locator("label[for='find-a-new-therapist-matters-keep-therapist']").click()
    assert [card["id"] for card in shown(phone, "find-a-new-therapist")] == before

    # It fits a 320 px phone, and nothing was kept or sent.
    assert phone.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    assert phone.evaluate(KEPT) == kept
    assert kept["cookies"] == ""
    assert phone.context.cookies() == []
    assert "?" not in phone.url
    # The browser may still fetch the favicon; the page itself sends nothing.
    sent = [r.url for r in requests if r.method != "GET" or r.resource_type in SENDING]
    assert sent == []
    assert not [r.url for r in requests if "?" in r.url or not r.url.startswith(site_url)]
