"""A clinic's page on another origin embeds our pages, as the snippet tells clinics to.

Page frames size themselves to their content; the guide's frame reports one height, whatever
the step, the path or the width, so a host that listens learns nothing (every path is walked).
Frames open links outside themselves and log no errors, also in a sandboxed frame (no
same-origin) and with JavaScript off. The guide can show one compact step, and the crisis
numbers stay readable and dialable in the tightest sandbox.
"""

from __future__ import annotations

import re
import statistics
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.embed_host import (
    FRAME_HEIGHT,
    MESSAGE_RECORDER,
    SANDBOX,
    TIGHT_SANDBOXES,
    Frame,
    assert_exact_messages,
    clinic_tab,
    message_faults,
    recorded_messages,
    write_host_page,
    write_scrolling_host,
)
from tests.support.page_audit import Recorder, visit, watch
from tests.support.site_pages import guide_step_ids
from wtiw.embed.embed import GUIDE_FRAME_HEIGHT

pytestmark = pytest.mark.browser

SECTION = "talk-to-your-therapist/embed.html"
SANDBOXES = [pytest.param(None, id="plain"), pytest.param(SANDBOX, id="sandboxed")]
# The frame's content height, measured inside the frame the same way a reader sees it.
CONTENT_HEIGHT = "() => Math.ceil(document.body.getBoundingClientRect().height)"


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
    assert_exact_messages(tab)
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
    popup.wait_for_url(site_url + "**")
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
def test_walking_the_guide_in_a_frame_keeps_its_height(
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
    height = wait_for_size(tab, "g")
    for _ in range(3):
        answer = frame.locator("[data-step]:visible a[href^='#']").first
        if not answer.count():
            break
        target = answer.get_attribute("href")
        answer.click()
        frame.locator(target).wait_for()
        assert wait_for_size(tab, "g") == height
        assert tab.frames[1].url.startswith(site_url + "guide/embed.html")
    assert_exact_messages(tab)
    assert not recorder.take()


# ── The guide's height tells the host nothing (issue 15) ──────────────────────────────────

# Runs inside a guide frame: every path through the guide, answered by clicks in a depth-first
# walk (each question's answer links, read from the markup, name the next step; Back returns
# to try the next answer, so each path is answered once, with its own history), Start again,
# then every step by a plain change of the address, as without JavaScript. Waits one frame
# after each answer and address so a ResizeObserver in the frame sees every state (Back returns
# to a state already seen, so it only checks the step). `limit` stops after that many paths.
# Resolves to what it checked.
WALK_EVERY_PATH = """async (limit, addresses = true) => {
  const tick = () => new Promise((done) => requestAnimationFrame(() => setTimeout(done)));
  const steps = [...document.querySelectorAll("[data-step]")];
  const shown = () => steps.filter((step) => step.getClientRects().length).map((s) => s.id);
  const result = { paths: 0, states: 0, wrong: [] };
  const check = async (id, wait = true) => {
    if (wait) await tick();
    const ids = shown();
    if (ids.length === 1 && ids[0] === id) result.states += 1;
    else result.wrong.push(`${id}: shows ${ids}`);
  };
  const walk = async (id) => {
    const answers = document.querySelectorAll(`#${id} a[data-answer]`);
    if (!answers.length) result.paths += 1;
    for (let i = 0; i < answers.length && result.paths < limit; i += 1) {
      const next = answers[i].getAttribute("href").slice(1);
      answers[i].click();
      await check(next);
      await walk(next);
      document.querySelector(`#${next} [data-wtiw-guide-back]`).click();
      await check(id, false);
    }
  };
  const start = document.querySelector("[data-wtiw-guide]").dataset.startStep;
  await walk(start);
  document.querySelector(`#${start} a[data-answer]`).click();
  document.querySelector(".wtiw-guide__step--current [data-wtiw-guide-restart]").click();
  await check(start);
  for (const step of steps.slice(0, addresses ? limit : 0)) {
    location.hash = step.id;
    await check(step.id);
  }
  return result;
}"""

# Runs inside a guide frame: each step in turn by its address, and the content's full height
# at this width, as embed-frame.js measures a page.
STEP_HEIGHTS = """async () => {
  const tick = () => new Promise((done) => requestAnimationFrame(() => setTimeout(done)));
  const heights = {};
  for (const step of document.querySelectorAll("[data-step]")) {
    location.hash = step.id;
    await tick();
    const style = getComputedStyle(document.body);
    heights[step.id] = [step.dataset.step, Math.ceil(document.body.getBoundingClientRect().height
      + parseFloat(style.marginTop) + parseFloat(style.marginBottom))];
  }
  return heights;
}"""

WIDTHS = (360, 600)


def serve_patched(tab: object, site_dir: Path, script: str, fixed: str, broken: str) -> None:
    """Serve our built `script` with the code `fixed` replaced by `broken`, for a control."""
    text = (site_dir / "assets" / "javascripts" / script).read_text(encoding="utf-8")
    assert fixed in text, "the control patches this code; update it with the script"
    patched = text.replace(fixed, broken)
    tab.route(
        f"**/assets/javascripts/{script}",
        lambda route: route.fulfill(body=patched, content_type="text/javascript"),
    )


def recorded_heights(tab: object) -> dict[str, list[int]]:
    """Every height message the clinic's page has received, by frame id."""
    heights: dict[str, list[int]] = {}
    for frame_id, height in tab.evaluate("window.__wtiwHeights"):
        heights.setdefault(frame_id, []).append(height)
    return heights


def walk_guides(
    tab: object, frame_ids: list[str], limit: int, *, addresses: bool = True
) -> dict[str, dict]:
    """Walk the guide in every frame at once (frames share one clock), then let messages land.

    `addresses=False` leaves out opening each step by its address (answers, Back and Start
    again only: what a reader does with JavaScript on).
    """
    frames = {
        frame_id: tab.query_selector(f"#{frame_id}").content_frame() for frame_id in frame_ids
    }
    call = f"({limit}, {'true' if addresses else 'false'})"
    for frame in frames.values():
        frame.evaluate(f"() => {{ window.__walk = ({WALK_EVERY_PATH}){call}; }}")
    results = {
        frame_id: frame.evaluate("() => window.__walk") for frame_id, frame in frames.items()
    }
    tab.evaluate("() => new Promise((done) => setTimeout(done, 300))")
    return results


def guide_host(host_dir: Path, site_url: str, name: str) -> str:
    """A clinic's page with the guide side by side at each test width."""
    frames = [
        Frame(f"g{width}", site_url + "guide/embed.html", SANDBOX, f"{width}px") for width in WIDTHS
    ]
    return write_host_page(host_dir, name, frames, site_url + "embed.js")


@pytest.fixture
def listening_clinic(browser) -> Iterator[tuple[object, Recorder]]:
    """A clinic whose page records every height message its frames send."""
    context = browser.new_context(viewport={"width": 1000, "height": 700})
    recorder = watch(context)
    context.add_init_script(MESSAGE_RECORDER)
    tab = context.new_page()
    yield tab, recorder
    context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_guide_reports_one_height_whatever_the_path(
    listening_clinic, host_dir, host_url, site_url, site_dir, width
):
    """A host that only listens learns nothing: every path gives the same height messages.

    The guide is walked in the frame `width` px wide; the other frame's messages show that
    the width does not change the height either.
    """
    steps = guide_step_ids(site_dir)
    if not steps:
        pytest.skip("the guide page has no [data-step] elements yet")
    tab, recorder = listening_clinic
    visit(tab, host_url + guide_host(host_dir, site_url, f"guide-paths-{width}.html"))
    for each in WIDTHS:
        wait_for_size(tab, f"g{each}")
    started = time.monotonic()
    result = walk_guides(tab, [f"g{width}"], limit=10_000)[f"g{width}"]
    heights = recorded_heights(tab)
    sent = heights[f"g{width}"]
    print(
        f"{width} px: {result['paths']} paths, {result['states']} states checked in "
        f"{time.monotonic() - started:.1f} s; {len(sent)} messages: {sorted(set(sent))}"
    )
    assert not result["wrong"], result["wrong"][:5]
    assert result["paths"] > 20
    assert result["states"] >= 2 * result["paths"] + len(steps), "every answer, Back, address"
    assert len(sent) >= 2, "the host heard the frame (on load and when it asked)"
    assert set(sent) == {sent[0]}, f"heights differ: {sorted(set(sent))}"
    assert frame_height(tab, f"g{width}") == sent[0]
    everything = [height for frame_heights in heights.values() for height in frame_heights]
    assert set(everything) == {sent[0]}, "not even the width changes it"
    assert_exact_messages(tab)
    assert not recorder.take()


def test_a_frame_reporting_its_content_height_would_leak_the_path_control(
    listening_clinic, host_dir, host_url, site_url, site_dir
):
    """Control: the same walk and recorder catch a frame whose height follows the step."""
    if not guide_step_ids(site_dir):
        pytest.skip("the guide page has no [data-step] elements yet")
    tab, recorder = listening_clinic
    serve_patched(
        tab, site_dir, "embed-frame.js", "guide?guideHeight:contentHeight()", "contentHeight()"
    )
    visit(tab, host_url + guide_host(host_dir, site_url, "guide-leak.html"))
    wait_for_size(tab, "g360")
    walk_guides(tab, ["g360"], limit=20)
    sent = recorded_heights(tab)["g360"]
    assert len(set(sent)) >= 5, sorted(set(sent))
    recorder.take()


# ── Nothing the reader does moves the host or adds to its history (issue 23) ──────────────

HOST_WIDTHS = (360, 600, 1000)
# Where the clinic's page and each scroll box stand before the reader starts answering: the
# boxes (600 px down the page) on screen, each showing the middle of its frame.
HOST_SCROLL = {"page": 400, "box": 850}
HOST_STATE = """() => ({
  page: [scrollX, scrollY],
  boxes: Object.fromEntries([...document.querySelectorAll("[id^=box-]")]
    .map((box) => [box.id, [box.scrollLeft, box.scrollTop]])),
  history: history.length,
  title: document.title,
  focus: document.activeElement.id || document.activeElement.tagName,
  scrolls: window.__wtiwScrolls,
})"""


def walk_in_a_scrolled_host(tab: object, host_dir: Path, host_url: str, site_url: str, name: str):
    """Walk 8 paths in a guide frame at each width, inside a scrolled page and scroll boxes.

    Returns what the host saw before and after (scroll positions, history length, title,
    focused element, scroll events) and each frame's walk.
    """
    frames = [
        Frame(f"g{width}", site_url + "guide/embed.html", SANDBOX, f"{width}px")
        for width in HOST_WIDTHS
    ]
    page = write_scrolling_host(host_dir, name, frames, site_url + "embed.js", GUIDE_FRAME_HEIGHT)
    visit(tab, host_url + page)
    for frame in frames:
        wait_for_size(tab, frame.frame_id)
    tab.evaluate(
        """async ({page, box}) => {
          document.getElementById("clinic-search").focus({ preventScroll: true });
          scrollTo(0, page);
          for (const each of document.querySelectorAll("[id^=box-]")) each.scrollTop = box;
          await new Promise((done) => requestAnimationFrame(() => setTimeout(done)));
          window.__wtiwScrolls = [];
        }""",
        HOST_SCROLL,
    )
    before = tab.evaluate(HOST_STATE)
    walks = walk_guides(tab, [frame.frame_id for frame in frames], limit=8, addresses=False)
    return before, tab.evaluate(HOST_STATE), walks


@pytest.fixture
def wide_clinic(browser) -> Iterator[tuple[object, Recorder]]:
    """A clinic's page wide and tall enough to show the three frames side by side."""
    with clinic_tab(browser, 2100, 1000) as opened:
        yield opened


def test_answering_in_a_frame_never_moves_the_host_or_adds_to_its_history(
    wide_clinic, host_dir, host_url, site_url, site_dir
):
    """The host's scroll, scroll boxes, history, title and focus stay the same for every path.

    Every message the frames post is the one allowed height message, too.

    Focus that scrolled told the host which step showed (an urgent outcome's heading sits
    lower), and a history entry per answer told it how many answers were given; a frame that
    took the focus would take the reader's typing from the clinic's page.
    """
    if not guide_step_ids(site_dir):
        pytest.skip("the guide page has no [data-step] elements yet")
    tab, recorder = wide_clinic
    before, after, walks = walk_in_a_scrolled_host(
        tab, host_dir, host_url, site_url, "guide-scrolled.html"
    )
    for frame_id, walk in walks.items():
        assert not walk["wrong"], f"{frame_id}: Back or Start again failed: {walk['wrong'][:3]}"
        assert walk["paths"] >= 8, frame_id
    assert before["page"] == [0, HOST_SCROLL["page"]]
    assert set(map(tuple, before["boxes"].values())) == {(0, HOST_SCROLL["box"])}
    assert before["focus"] == "clinic-search"
    assert after["scrolls"] == [], f"the host scrolled: {after['scrolls'][:5]}"
    assert after == before
    assert_exact_messages(tab)
    assert not recorder.take()


def test_a_guide_that_scrolls_and_pushes_history_in_a_frame_is_caught_control(
    wide_clinic, host_dir, host_url, site_url, site_dir
):
    """Control: guide.js treating the frame as a full page moves the host and its history."""
    if not guide_step_ids(site_dir):
        pytest.skip("the guide page has no [data-step] elements yet")
    tab, recorder = wide_clinic
    serve_patched(
        tab, site_dir, "guide.js", "var FRAMED=window.self!==window.top;", "var FRAMED=false;"
    )
    before, after, _ = walk_in_a_scrolled_host(
        tab, host_dir, host_url, site_url, "guide-scrolled-control.html"
    )
    assert after["scrolls"], "the host saw no scroll"
    assert after["boxes"] != before["boxes"] or after["page"] != before["page"]
    assert after["history"] > before["history"]
    assert after["focus"] != before["focus"], "the frame took the host's focus"
    recorder.take()


def test_a_frame_posting_more_than_its_height_is_caught_control(
    listening_clinic, host_dir, host_url, site_url, site_dir
):
    """Control: a frame script that adds the step to its height message fails the check."""
    if not guide_step_ids(site_dir):
        pytest.skip("the guide page has no [data-step] elements yet")
    tab, recorder = listening_clinic
    message = '{type:"wtiw:height",height:height}'
    extra_key = '{type:"wtiw:height",height:height,step:location.hash}'
    serve_patched(tab, site_dir, "embed-frame.js", message, extra_key)
    visit(tab, host_url + guide_host(host_dir, site_url, "guide-extra-key.html"))
    wait_for_size(tab, "g360")
    walk_guides(tab, ["g360"], limit=2, addresses=False)
    messages = recorded_messages(tab)
    assert set(recorded_heights(tab)["g360"]) == {GUIDE_FRAME_HEIGHT}, "the height alone is fine"
    assert len(message_faults(messages)) == len(messages) >= 2
    with pytest.raises(AssertionError, match='"step":'):
        assert_exact_messages(tab)
    recorder.take()


# ── Compact forms: one step, a short outcome ──────────────────────────────────────────────


def test_guide_steps_in_a_phone_sized_frame_are_compact(
    listening_clinic, host_dir, host_url, site_url, site_dir
):
    """At 360 px an outcome shows its essentials; a typical one fits 1,300 px in full."""
    if not guide_step_ids(site_dir):
        pytest.skip("the guide page has no [data-step] elements yet")
    tab, recorder = listening_clinic
    visit(tab, host_url + guide_host(host_dir, site_url, "guide-compact.html"))
    wait_for_size(tab, "g360")
    heights = tab.query_selector("#g360").content_frame().evaluate(STEP_HEIGHTS)
    report = {}
    for kind in ("question", "outcome"):
        values = sorted(height for step_kind, height in heights.values() if step_kind == kind)
        report[kind] = (max(values), statistics.median(values))
    print(f"embed heights at 360 px (max, median): {report}")
    outcomes = sorted((h, step) for step, (kind, h) in heights.items() if kind == "outcome")
    typical = outcomes[len(outcomes) // 2]
    assert typical[0] <= 1300, f"a typical outcome, {typical[1]}, is {typical[0]} px tall"
    assert report["outcome"][1] <= 1300
    assert not recorder.take()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_named_step_shows_alone_with_a_link_to_the_full_step(
    browser, host_dir, host_url, site_url, site_dir, javascript
):
    steps = guide_step_ids(site_dir)
    if not steps:
        pytest.skip("the guide page has no [data-step] elements yet")
    html = (site_dir / "guide" / "index.html").read_text(encoding="utf-8")
    outcome = next(s for s in steps if f'id="{s}" data-step="outcome" aria' in html)
    context = browser.new_context(
        java_script_enabled=javascript, viewport={"width": 900, "height": 700}
    )
    try:
        tab = context.new_page()
        src = f"{site_url}guide/embed.html#{outcome}"
        name = write_host_page(
            host_dir, f"one-step-{javascript}.html", [Frame("g", src, SANDBOX, "360px")], None
        )
        tab.goto(host_url + name, wait_until="load")
        frame = tab.frame_locator("#g")
        frame.locator(f"#{outcome}").wait_for()
        visible = frame.locator("[data-step]").evaluate_all(
            "steps => steps.filter(s => s.getClientRects().length).map(s => s.id)"
        )
        assert visible == [outcome]
        assert frame.locator("h1").evaluate("h => h.getBoundingClientRect().height") <= 1
        assert not frame.locator("h1 ~ p").first.is_visible(), "the page's intro is hidden"
        for hidden in (".wtiw-options", ".wtiw-guide__sure", ".wtiw-guide__reasons", "#guide-map"):
            assert not frame.locator(f"#{outcome} {hidden}, {hidden}").first.is_visible(), hidden
        full = frame.locator(f"#{outcome} .wtiw-guide__full a")
        assert full.is_visible()
        assert full.get_attribute("target") == "_blank"
        assert full.evaluate("a => a.href") == f"{site_url}guide/#{outcome}"
        assert frame.locator(f"#{outcome} [data-wtiw-guide-restart]").is_visible()
        assert frame.locator("[data-wtiw-crisis-link]").is_visible()
        assert frame.locator("[data-wtiw-disclaimer]").is_visible()
        assert frame.locator(".wtiw-review__dates").is_visible()
    finally:
        context.close()


# ── Crisis help that works in any sandbox ─────────────────────────────────────────────────


@pytest.mark.parametrize("page", [SECTION, "guide/embed.html"])
@pytest.mark.parametrize("sandbox", TIGHT_SANDBOXES, ids=["scripts-only", "no-tokens"])
def test_crisis_numbers_work_in_a_tight_sandbox(
    clinic, host_dir, host_url, site_url, site_dir, page, sandbox
):
    tab, recorder = clinic
    name = write_host_page(
        host_dir,
        "tight.html",
        [Frame("f", site_url + page, sandbox, "360px")],
        site_url + "embed.js",
    )
    visit(tab, host_url + name)
    frame = tab.frame_locator("#f")
    numbers = frame.locator(".wtiw-embed-crisis a[href^='tel:']")
    numbers.first.wait_for()
    links = numbers.evaluate_all(
        """links => links.map(a => [a.getAttribute("href"), a.textContent,
            a.getBoundingClientRect().bottom, a.getClientRects().length > 0])"""
    )
    assert len(links) >= 8
    for href, text, bottom, shown in links:
        assert shown, text
        assert bottom <= FRAME_HEIGHT, f"{text} is on the frame's first screen"
        assert re.sub(r"\D", "", text) == href.removeprefix("tel:"), "the link text is the number"
    address = frame.locator("[data-wtiw-crisis-link]")
    assert address.is_visible()
    assert address.inner_text().endswith("/help-now/"), "the address to type"
    if page.startswith("guide/"):
        answer = frame.locator("[data-step]:visible a[data-answer]").first
        target = answer.get_attribute("href")
        answer.click()
        frame.locator(target).wait_for()
        assert frame.locator("[data-step]:visible").count() == 1
    if sandbox == "allow-scripts":
        guide = page.startswith("guide/")
        link = frame.locator(
            ".wtiw-guide__step--current [data-wtiw-guide-exit]"
            if guide
            else "article a[href^='../']"
        ).first
        link.click()
        note = link.evaluate("a => a.nextSibling && a.nextSibling.textContent")
        assert note == f" (cannot open here: go to {link.evaluate('a => a.href')})"
        assert len(tab.context.pages) == 1, "no tab opened"
    # Chrome reports each script and new tab the sandbox blocks as a console error.
    problems = [problem for problem in recorder.take() if "sandboxed" not in problem]
    assert not problems
