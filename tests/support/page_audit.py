"""Watch a browser context for privacy and policy problems while pages load.

Records CSP violations (from the page's own `securitypolicyviolation` events), console errors,
uncaught exceptions, and every request that would leave 127.0.0.1 (aborted, so nothing does).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

LOOPBACK = {"127.0.0.1"}
LISTENER = """
document.addEventListener('securitypolicyviolation', event => {
  window.__wtiwViolation(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`
    + ` at ${event.sourceFile}:${event.lineNumber}`);
});
"""
# Two animation frames: the page's scripts have run and painted after `load`.
SETTLE = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


@dataclass
class Recorder:
    """Problems seen in one browser context since the last `take()`."""

    problems: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)
    # How a blocked request reads in `take()`: what it tried to leave.
    leaving: str = "request left the origin"

    def take(self) -> list[str]:
        """Return and forget what was recorded."""
        found = self.problems + [f"{self.leaving}: {u}" for u in self.outside_requests]
        self.problems, self.outside_requests = [], []
        return found


def on_loopback(url: str) -> bool:
    """True for the test servers on 127.0.0.1, and for data: and blob: URLs."""
    parts = urlsplit(url)
    return parts.scheme in {"data", "blob"} or parts.hostname in LOOPBACK


def watch(
    context: object,
    *,
    allowed: Callable[[str], bool] = on_loopback,
    leaving: str = "request left the origin",
    every_request: bool = False,
    scripts: bool = True,
) -> Recorder:
    """Attach recorders to a Playwright browser context (call before opening pages).

    Requests `allowed` refuses are aborted and recorded. `every_request` also records those
    the router does not see (iframes a script writes, workers); a context with JavaScript off
    (`scripts=False`) cannot listen for CSP violations.
    """
    recorder = Recorder(leaving=leaving)

    def route(route: object) -> None:
        """Let allowed requests through; abort and record everything else."""
        url = route.request.url
        if allowed(url):
            route.continue_()
        else:
            recorder.outside_requests.append(url)
            route.abort()

    context.route("**/*", route)
    if every_request:
        context.on(
            "request",
            lambda request: (
                None
                if allowed(request.url) or request.url in recorder.outside_requests
                else recorder.outside_requests.append(request.url)
            ),
        )
    if scripts:
        context.expose_function(
            "__wtiwViolation", lambda text: recorder.problems.append(f"CSP: {text}")
        )
        context.add_init_script(LISTENER)

    def on_page(page: object) -> None:
        """Record console errors and uncaught exceptions of each new page (and its frames)."""
        page.on(
            "console",
            lambda message: (
                recorder.problems.append(f"console error: {message.text}")
                if message.type == "error"
                else None
            ),
        )
        page.on("pageerror", lambda error: recorder.problems.append(f"uncaught: {error}"))

    context.on("page", on_page)
    return recorder


def visit(page: object, url: str) -> None:
    """Open `url`, wait until it has loaded and its scripts have painted."""
    page.goto(url, wait_until="load")
    page.evaluate(SETTLE)
