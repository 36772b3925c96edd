"""A clinic's web page on another origin that embeds our pages, for the embed tests.

The host is a second loopback server on another port (so another origin), serving a folder
with one page per scenario: iframes pointing at the built site, plus our `embed.js`, exactly
as the snippet on the "For therapists and clinics" page tells clinics to write it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Template

from tests.support.server import serve

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
# records every scroll of either while the reader answers in the frames.
SCROLLING_HOST_PAGE = Template(
    """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">
<title>A clinic's long page</title></head>
<body>
<h1>A clinic's long page</h1>
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


# Added to every page of a test's browser context: the clinic's page keeps every height
# message it receives, by frame id, as a host that only listens could.
HEIGHT_RECORDER = """if (window === window.top) {
  window.__wtiwHeights = [];
  window.addEventListener("message", (event) => {
    if (!event.data || event.data.type !== "wtiw:height") return;
    const frame = [...document.querySelectorAll("iframe")]
      .find((f) => f.contentWindow === event.source);
    window.__wtiwHeights.push([frame ? frame.id : "?", event.data.height]);
  });
}"""


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
