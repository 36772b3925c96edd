"""Copy-link buttons and the link picker in Chromium.

The right canonical address reaches the clipboard, the live region confirms it, the keyboard
works, and a selected text field takes the clipboard's place when it is missing or refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from tests.support.page_audit import visit
from tests.support.site_pages import guide_step_ids

pytestmark = pytest.mark.browser

CANONICAL = "https://when-therapy-isnt-working.github.io/"
SECTION = "talk-to-your-therapist/"
NO_CLIPBOARD = "Object.defineProperty(Navigator.prototype, 'clipboard', {get: () => undefined});"
REFUSED_CLIPBOARD = """
Object.defineProperty(Navigator.prototype, 'clipboard', {get: () => ({
  writeText: () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError')),
})});
"""


@pytest.fixture
def clipboard_page(browser, site_url: str) -> Iterator[object]:
    """A page whose context may read and write the clipboard."""
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    tab = context.new_page()
    yield tab
    context.close()


def clipboard(tab: object) -> str:
    """What is on the clipboard now."""
    return tab.evaluate("() => navigator.clipboard.readText()")


def status(tab: object) -> object:
    """The polite live region that confirms copying."""
    return tab.locator("[data-wtiw-copy-status]")


def test_live_region_is_in_the_html_before_any_script(site_dir):
    html = (site_dir / SECTION / "index.html").read_text(encoding="utf-8")
    assert 'role="status" data-wtiw-copy-status data-wtiw-copy-texts=' in html


def test_every_section_heading_gets_a_button(page, site_url):
    visit(page, site_url + SECTION)
    ids = page.eval_on_selector_all(".md-content article h2[id]", "hs => hs.map(h => h.id)")
    anchors = page.eval_on_selector_all(
        "[data-wtiw-copy-anchor]", "bs => bs.map(b => b.dataset.wtiwCopyAnchor)"
    )
    assert len(ids) > 5
    assert anchors == ids
    visit(page, site_url + SECTION)  # a second run of the script adds nothing
    assert page.locator("[data-wtiw-copy-anchor]").count() == len(ids)


def test_keyboard_copies_the_canonical_section_address(clipboard_page, site_url):
    tab = clipboard_page
    visit(tab, site_url + SECTION)
    button = tab.locator('[data-wtiw-copy-anchor="say-how-you-feel"]')
    assert button.get_attribute("type") == "button"
    assert "Copy link" in (button.get_attribute("aria-label") or "")
    button.focus()
    tab.keyboard.press("Enter")
    status(tab).filter(has_text="Link copied").wait_for()
    copied = clipboard(tab)
    assert copied == f"{CANONICAL}{SECTION}#say-how-you-feel"
    assert not copied.startswith(site_url), "control: canonical, not the address in the bar"


def test_a_second_section_copies_its_own_address(clipboard_page, site_url):
    tab = clipboard_page
    visit(tab, site_url + SECTION)
    tab.locator('[data-wtiw-copy-anchor="questions-to-ask"]').click()
    status(tab).filter(has_text="Link copied").wait_for()
    assert clipboard(tab) == f"{CANONICAL}{SECTION}#questions-to-ask"


def test_guide_steps_get_buttons(clipboard_page, site_url, site_dir):
    steps = guide_step_ids(site_dir)
    if not steps:
        pytest.skip("the guide page has no [data-step] elements yet")
    tab = clipboard_page
    visit(tab, f"{site_url}guide/#{steps[0]}")
    anchors = tab.eval_on_selector_all(
        "[data-step] [data-wtiw-copy-anchor]", "bs => bs.map(b => b.dataset.wtiwCopyAnchor)"
    )
    assert set(anchors) == set(steps)
    tab.locator(f'[data-wtiw-copy-anchor="{steps[0]}"]').click()
    status(tab).filter(has_text="Link copied").wait_for()
    assert clipboard(tab) == f"{CANONICAL}guide/#{steps[0]}"


@pytest.mark.parametrize("script", [NO_CLIPBOARD, REFUSED_CLIPBOARD], ids=["missing", "refused"])
def test_without_clipboard_the_address_is_shown_selected(browser, site_url, script):
    context = browser.new_context()
    context.add_init_script(script)
    try:
        tab = context.new_page()
        visit(tab, site_url + SECTION)
        assert not tab.locator("[data-wtiw-copy-fallback]").count()
        tab.locator('[data-wtiw-copy-anchor="say-how-you-feel"]').click()
        field = tab.locator("[data-wtiw-copy-fallback]")
        field.wait_for()
        assert field.input_value() == f"{CANONICAL}{SECTION}#say-how-you-feel"
        assert field.evaluate("f => document.activeElement === f")
        selected = field.evaluate("f => f.value.slice(f.selectionStart, f.selectionEnd)")
        assert selected == field.input_value()
        status(tab).filter(has_text="selected").wait_for()
        assert "Link copied" not in status(tab).inner_text()
    finally:
        context.close()


def test_picker_gives_link_embed_code_and_qr(clipboard_page, site_url):
    tab = clipboard_page
    visit(tab, site_url + "for-professionals/")
    picker = tab.locator("[data-wtiw-picker]")
    assert picker.is_visible()
    key = f"{SECTION}#say-how-you-feel"
    tab.select_option("[data-wtiw-picker-select]", value=key)
    assert tab.input_value("[data-wtiw-picker-link]") == CANONICAL + key
    code = tab.input_value("[data-wtiw-picker-embed]")
    assert f'src="{CANONICAL}{SECTION}embed.html#say-how-you-feel"' in code
    assert 'referrerpolicy="no-referrer"' in code
    assert 'sandbox="allow-scripts allow-popups' in code
    assert 'loading="lazy"' in code
    assert 'title="Talk to your therapist about it: Say how you feel' in code
    assert 'height="700"' in code
    assert re.search(
        rf'<script src="{CANONICAL}embed\.js" integrity="sha384-[A-Za-z0-9+/]{{64}}" '
        'crossorigin="anonymous" defer></script>',
        code,
    ), code
    assert not tab.locator("[data-wtiw-picker-oembed]").is_visible(), "sections have none"
    qr = tab.locator("[data-wtiw-picker-qr]")
    assert qr.get_attribute("src").endswith(
        "assets/qr/talk-to-your-therapist--say-how-you-feel.svg"
    )
    tab.wait_for_function("() => document.querySelector('[data-wtiw-picker-qr]').complete")
    assert qr.evaluate("img => img.naturalWidth") > 0
    assert qr.get_attribute("alt") == f"QR code for {CANONICAL}{key}"
    tab.locator('[data-wtiw-copy-from="wtiw-picker-embed"]').click()
    status(tab).filter(has_text="Embed code copied").wait_for()
    assert clipboard(tab) == code


@pytest.mark.parametrize(
    ("key", "src"),
    [("guide/", "guide/embed.html"), ("guide/#are-you-safe", "guide/embed.html#are-you-safe")],
    ids=["whole-guide", "one-step"],
)
def test_picker_offers_the_compact_guide_forms(page, site_url, key, src):
    visit(page, site_url + "for-professionals/")
    page.select_option("[data-wtiw-picker-select]", value=key)
    code = page.input_value("[data-wtiw-picker-embed]")
    assert f'src="{CANONICAL}{src}"' in code
    assert 'height="900"' in code
    assert "integrity=" in code
    oembed = page.locator("[data-wtiw-picker-oembed]")
    assert oembed.is_visible()
    name = "guide" if key == "guide/" else "guide/are-you-safe"
    assert oembed.input_value() == f"{CANONICAL}oembed/{name}.json"


def test_without_javascript_the_list_stands_in_for_the_picker(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(site_url + "for-professionals/")
        assert not tab.locator("[data-wtiw-picker]").is_visible()
        assert tab.locator("[data-wtiw-link-list] li").first.is_visible()
        assert not tab.locator("[data-wtiw-copy-anchor]").count()
    finally:
        context.close()
