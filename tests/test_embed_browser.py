"""A clinic's page on another origin embeds our pages, as the snippet tells clinics to.

The frames size themselves to their content, follow the guide's height as a reader walks it,
open links outside the frame and log no errors, also in a sandboxed frame (no same-origin)
and with JavaScript off.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.embed_host import FRAME_HEIGHT, SANDBOX, Frame, clinic_site, write_host_page
from tests.support.page_audit import Recorder, visit, watch
from tests.support.site_pages import guide_step_ids

pytestmark = pytest.mark.browser

SECTION = "talk-to-your-therapist/embed.html"
SANDBOXES = [pytest.param(None, id="plain"), pytest.param(SANDBOX, id="sandboxed")]
# The frame's content height, measured inside the frame the same way a reader sees it.
CONTENT_HEIGHT = "() => Math.ceil(document.body.getBoundingClientRect().height)"


@pytest.fixture(scope="module")
def host_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Folder the clinic's pages are written to."""
    return tmp_path_factory.mktemp("clinic")


@pytest.fixture(scope="module")
def host_url(host_dir: Path, site_url: str) -> Iterator[str]:
    """The clinic's site: another port on 127.0.0.1, so another origin than ours."""
    with clinic_site(host_dir) as url:
        assert url.split(":")[2] != site_url.split(":")[2]
        yield url


@pytest.fixture
def clinic(browser) -> Iterator[tuple[object, Recorder]]:
    """A fresh context whose errors, CSP violations and off-site requests are recorded."""
    context = browser.new_context(viewport={"width": 900, "height": 700})
    recorder = watch(context)
    tab = context.new_page()
    yield tab, recorder
    context.close()


def frame_height(tab: object, frame_id: str) -> float:
    """The iframe's rendered height on the host page."""
    return tab.eval_on_selector(f"#{frame_id}", "f => f.getBoundingClientRect().height")


def wait_for_size(tab: object, frame_id: str) -> float:
    """Wait until embed.js has sized the frame to its content; return the new height."""
    frame = tab.frame_locator(f"#{frame_id}")
    frame.locator("[data-wtiw-embed]").wait_for()
    tab.wait_for_function(
        """id => {
            const f = document.getElementById(id);
            return f.dataset.wtiwHeight && Math.abs(f.getBoundingClientRect().height
              - Number(f.dataset.wtiwHeight)) < 1;
        }""",
        arg=frame_id,
    )
    return frame_height(tab, frame_id)


def content_height(tab: object, frame_id: str) -> float:
    """The embedded page's content height, read inside the frame."""
    return (
        tab.frame_locator(f"#{frame_id}")
        .locator("body")
        .evaluate("b => Math.ceil(b.getBoundingClientRect().height)")
    )


@pytest.mark.parametrize("sandbox", SANDBOXES)
def test_section_frame_sizes_to_its_content(clinic, host_dir, host_url, site_url, sandbox):
    tab, recorder = clinic
    name = write_host_page(
        host_dir, "section.html", [Frame("f", site_url + SECTION, sandbox)], site_url + "embed.js"
    )
    visit(tab, host_url + name)
    height = wait_for_size(tab, "f")
    assert height > FRAME_HEIGHT, "a full section is taller than the default frame"
    assert abs(height - content_height(tab, "f")) <= 2
    assert tab.frame_locator("#f").locator("h1").is_visible()
    assert not recorder.take()


def test_without_embed_js_the_frame_keeps_its_height_control(clinic, host_dir, host_url, site_url):
    """Control: the resizing above is embed.js's doing, not the browser's."""
    tab, recorder = clinic
    name = write_host_page(host_dir, "no-script.html", [Frame("f", site_url + SECTION)], None)
    visit(tab, host_url + name)
    frame = tab.frame_locator("#f")
    frame.locator("[data-wtiw-embed]").wait_for()
    frame.locator("body").evaluate(
        "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
    )
    assert frame_height(tab, "f") == FRAME_HEIGHT
    assert not recorder.take()


def test_frames_from_other_origins_are_not_resized(clinic, host_dir, host_url, site_url):
    """A page that is not ours, posting our message, cannot resize its frame."""
    tab, recorder = clinic
    frames = [
        Frame("impostor", host_url + "impostor.html", SANDBOX),
        Frame("f", site_url + SECTION),
    ]
    name = write_host_page(host_dir, "impostor-host.html", frames, site_url + "embed.js")
    visit(tab, host_url + name)
    wait_for_size(tab, "f")
    assert frame_height(tab, "impostor") == FRAME_HEIGHT
    recorder.take()


@pytest.mark.parametrize("sandbox", SANDBOXES)
def test_links_leave_the_frame(clinic, host_dir, host_url, site_url, sandbox):
    tab, recorder = clinic
    name = write_host_page(
        host_dir, "links.html", [Frame("f", site_url + SECTION, sandbox)], site_url + "embed.js"
    )
    visit(tab, host_url + name)
    wait_for_size(tab, "f")
    frame = tab.frame_locator("#f")
    link = frame.locator("article a[href^='../']").first
    with tab.context.expect_page() as opened:
        link.click()
    popup = opened.value
    popup.wait_for_load_state()
    assert popup.url.startswith(site_url)
    assert "embed.html" not in popup.url, "the full page opens, not another embed form"
    frame_url = tab.frames[1].url
    assert frame_url == site_url + SECTION, "the frame itself did not navigate"
    assert frame.locator("[data-wtiw-embed]").is_visible()
    popup.close()
    assert not recorder.take()


@pytest.mark.parametrize("sandbox", SANDBOXES)
def test_with_javascript_off_the_content_is_readable(
    browser, host_dir, host_url, site_url, sandbox
):
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        name = write_host_page(
            host_dir, "no-js.html", [Frame("f", site_url + SECTION, sandbox)], site_url + "embed.js"
        )
        tab.goto(host_url + name, wait_until="load")
        frame = tab.frame_locator("#f")
        assert frame.locator("h1").is_visible()
        assert frame.locator("[data-wtiw-crisis-link]").is_visible()
        assert frame.locator("[data-wtiw-embed] a").get_attribute("target") == "_blank"
        assert frame_height(tab, "f") == FRAME_HEIGHT, "no script, so no resizing"
    finally:
        context.close()


@pytest.mark.parametrize("sandbox", SANDBOXES)
def test_walking_the_guide_in_a_frame_resizes_it(
    clinic, host_dir, host_url, site_url, site_dir, sandbox
):
    if not guide_step_ids(site_dir):
        pytest.skip("the guide page has no [data-step] elements yet")
    tab, recorder = clinic
    name = write_host_page(
        host_dir, "guide.html", [Frame("g", site_url + "guide/embed.html", sandbox)],
        site_url + "embed.js",
    )  # fmt: skip
    visit(tab, host_url + name)
    frame = tab.frame_locator("#g")
    heights = [wait_for_size(tab, "g")]
    for _ in range(3):
        answer = frame.locator("[data-step]:visible a[href^='#']").first
        if not answer.count():
            break
        answer.click()
        tab.wait_for_function(
            """([id, before]) => {
                const f = document.getElementById(id);
                return Math.abs(Number(f.dataset.wtiwHeight) - before) >= 1;
            }""",
            arg=["g", heights[-1]],
        )
        heights.append(wait_for_size(tab, "g"))
        assert abs(heights[-1] - content_height(tab, "g")) <= 2
        assert tab.frames[1].url.startswith(site_url + "guide/embed.html")
    assert len(heights) >= 2, "at least one answer was followed"
    assert not recorder.take()
