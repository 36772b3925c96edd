"""A clinic's web page on another origin that embeds our pages, for the embed tests.

The host is a second loopback server on another port (so another origin), serving a folder
with one page per scenario: iframes pointing at the built site, plus our `embed.js`, exactly
as the snippet on the "For therapists and clinics" page tells clinics to write it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Template

from tests.support.page_audit import Recorder, watch
from tests.support.server import serve
from wtiw.embed.embed import GUIDE_FRAME_HEIGHT

SANDBOX = "allow-scripts allow-popups"
# What a clinic that tightens the sandbox may write: scripts only, or no tokens at all.
TIGHT_SANDBOXES = ("allow-scripts", "")
FRAME_HEIGHT = 700

# Posts a height as if it were our page: the host must ignore it (wrong origin).
IMPOSTOR = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Impostor</title></head><body><p>Not the guide.</p>
<script>parent.postMessage({type: "wtiw:height", height: 1234}, "*");
setInterval(() => parent.postMessage({type: "wtiw:height", height: 1234}, "*"), 50);</script>
</body></html>"""


@dataclass(frozen=True)
class Frame:
    """One iframe on the host page."""

    frame_id: str
    src: str
    sandbox: str | None = None
    width: str = "100%"


HOST_PAGE = Template(
    """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">
<title>A clinic</title></head>
<body>
<h1>A clinic's page</h1>
{% for frame in frames %}
<iframe id="{{ frame.frame_id }}" title="Embedded guide" src="{{ frame.src }}"
  style="width: {{ frame.width }}; border: 0; vertical-align: top;" height="{{ height }}"
  referrerpolicy="no-referrer"
  {%- if frame.sandbox is not none %} sandbox="{{ frame.sandbox }}"{% endif %}></iframe>
{% endfor %}
<p>After the frames.</p>
{% if script_src %}<script src="{{ script_src }}" defer></script>{% endif %}
</body></html>""",
    autoescape=True,
)


# A clinic's long page that scrolls, with the frames side by side, each inside a 400 px
# scroll box (as in issue 23's report): the test scrolls the page and every box part-way,
# keeping every frame on screen (Chrome pauses animation frames in frames off screen), then
# records every scroll of either while the reader answers in the frames. Its search box holds
# the focus before the reader starts, so a frame that takes the focus shows.
SCROLLING_HOST_PAGE = Template(
    """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">
<title>A clinic's long page</title></head>
<body>
<h1>A clinic's long page</h1>
<label>Search the clinic's site <input id="clinic-search" type="search"></label>
<div style="height: 600px">Above the guide.</div>
<div style="display: flex; gap: 8px; align-items: start">
{% for frame in frames %}
<div id="box-{{ frame.frame_id }}"
  style="height: 400px; overflow: auto; flex: none; width: {{ frame.width }}">
<div style="height: 600px">Before the frame.</div>
<iframe id="{{ frame.frame_id }}" title="Embedded guide" src="{{ frame.src }}"
  style="width: 100%; border: 0; display: block" height="{{ height }}"
  referrerpolicy="no-referrer" sandbox="{{ frame.sandbox }}"></iframe>
<div style="height: 600px">After the frame.</div>
</div>
{% endfor %}
</div>
<div style="height: 2000px">Below the guide.</div>
<script src="{{ script_src }}" defer></script>
<script>
window.__wtiwScrolls = [];
document.addEventListener("scroll", (event) => {
  window.__wtiwScrolls.push(event.target === document ? "page" : event.target.id);
}, true);
</script>
</body></html>""",
    autoescape=True,
)


def write_scrolling_host(
    folder: Path, name: str, frames: list[Frame], script_src: str, height: int
) -> str:
    """Write a long clinic page with each frame in a scroll box; return its file name."""
    html = SCROLLING_HOST_PAGE.render(frames=frames, script_src=script_src, height=height)
    (folder / name).write_text(html, encoding="utf-8")
    return name


# Added to every page of a test's browser context: the clinic's page keeps every message
# any frame posts to it, whatever its shape, by frame id, as a host that only listens could:
# what kind of value it is, its own keys (an undefined one too, which JSON would drop), each
# key's type, and the value as JSON. `__wtiwHeights` keeps the heights of the messages that
# have the height message's type.
MESSAGE_RECORDER = """if (window === window.top) {
  window.__wtiwHeights = [];
  window.__wtiwMessages = [];
  window.addEventListener("message", (event) => {
    const frame = [...document.querySelectorAll("iframe")]
      .find((f) => f.contentWindow === event.source);
    const data = event.data;
    const object = data !== null && typeof data === "object";
    const keys = object ? Reflect.ownKeys(data).map(String) : [];
    window.__wtiwMessages.push({
      frame: frame ? frame.id : "?",
      guide: Boolean(frame && new URL(frame.src).pathname.endsWith("/guide/embed.html")),
      kind: Object.prototype.toString.call(data),
      keys,
      types: Object.fromEntries(keys.map((key) => [key, typeof data[key]])),
      json: JSON.stringify(data) ?? String(data),
    });
    if (object && data.type === "wtiw:height") {
      window.__wtiwHeights.push([frame ? frame.id : "?", data.height]);
    }
  });
}"""
# The one message a frame may post, exactly: its type and a whole number of pixels.
HEIGHT_MESSAGE_KEYS = ["type", "height"]


def message_faults(messages: list[dict]) -> list[str]:
    """Each recorded message that is not exactly `{type: "wtiw:height", height: N}`.

    A guide frame may send only `GUIDE_FRAME_HEIGHT`; a page frame any positive whole number,
    as it sizes itself to its content.
    """
    faults = []
    for message in messages:
        shape = (message["kind"], sorted(message["keys"]), message["types"])
        wanted = (
            "[object Object]",
            sorted(HEIGHT_MESSAGE_KEYS),
            {"type": "string", "height": "number"},
        )
        fine = shape == wanted
        if fine:
            value = json.loads(message["json"])
            height = value["height"]
            fine = value["type"] == "wtiw:height" and isinstance(height, int) and height > 0
            fine = fine and (not message["guide"] or height == GUIDE_FRAME_HEIGHT)
        if not fine:
            faults.append(f"{message['frame']} posted {message['kind']} {message['json']}")
    return faults


def recorded_messages(tab: object) -> list[dict]:
    """Every message the clinic's page has received from its frames, in order."""
    return tab.evaluate("window.__wtiwMessages")


def assert_exact_messages(tab: object) -> None:
    """The frames posted at least one message, and each is exactly the height message."""
    messages = recorded_messages(tab)
    assert messages, "the host heard nothing: the recorder or the frame is broken"
    faults = message_faults(messages)
    assert not faults, f"{len(faults)} of {len(messages)} messages: {faults[:3]}"


def host_html(frames: list[Frame], script_src: str | None) -> str:
    """The host page: a heading, the iframes, and (unless None) the embed script."""
    return HOST_PAGE.render(frames=frames, script_src=script_src, height=FRAME_HEIGHT)


@contextmanager
def clinic_site(folder: Path) -> Iterator[str]:
    """Serve `folder` (host pages) on another port; yield its base URL."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "impostor.html").write_text(IMPOSTOR, encoding="utf-8")
    with serve(folder) as url:
        yield url


def write_host_page(folder: Path, name: str, frames: list[Frame], script_src: str | None) -> str:
    """Write one host page into the served folder; return its file name."""
    (folder / name).write_text(host_html(frames, script_src), encoding="utf-8")
    return name


@contextmanager
def clinic_tab(browser: Any, width: int, height: int) -> Iterator[tuple[object, Recorder]]:
    """A clinic's page in a fresh context recording errors, CSP, requests and frames' posts."""
    context = browser.new_context(viewport={"width": width, "height": height})
    recorder = watch(context)
    context.add_init_script(MESSAGE_RECORDER)
    try:
        yield context.new_page(), recorder
    finally:
        context.close()
