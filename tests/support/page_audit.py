"""Watch a browser context for privacy and policy problems while pages load.

Records CSP violations (from the page's own `securitypolicyviolation` events), console errors,
uncaught exceptions, and every request that would leave 127.0.0.1 (aborted, so nothing does).
"""

from __future__ import annotations

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

    def take(self) -> list[str]:
        """Return and forget what was recorded."""
        found = self.problems + [f"request left the origin: {u}" for u in self.outside_requests]
        self.problems, self.outside_requests = [], []
        return found


def watch(context: object) -> Recorder:
    """Attach recorders to a Playwright browser context (call before opening pages)."""
    recorder = Recorder()

    def route(route: object) -> None:
        """Let loopback requests through; abort and record everything else."""
        url = route.request.url
        if urlsplit(url).scheme in {"data", "blob"} or urlsplit(url).hostname in LOOPBACK:
            route.continue_()
        else:
            recorder.outside_requests.append(url)
            route.abort()

    context.route("**/*", route)
    context.expose_function(
        "__wtiwViolation", lambda text: recorder.problems.append(f"CSP: {text}")
    )
    context.add_init_script(LISTENER)

    def on_page(page: object) -> None:
        """Record console errors and uncaught exceptions of each new page."""
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
