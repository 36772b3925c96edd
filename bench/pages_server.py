"""GitHub Pages as the benchmark sees it: gzip, `Cache-Control: max-age=600`, and a request log.

The test server (tests/support/server.py) sends no cache header, so a browser revalidates
every file on each use; GitHub Pages lets browsers reuse files for 10 minutes. The log lets
the bench count requests that really reach the server (a click in the guide must make none).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

from tests.support.server import PagesHandler


class CachingPagesHandler(PagesHandler):
    """PagesHandler with GitHub Pages' cache lifetime and a shared request log."""

    use_gzip = True
    requests: list[str]

    def end_headers(self) -> None:
        """Add the cache lifetime GitHub Pages sends."""
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def log_request(self, code: Any = "-", size: Any = "-") -> None:
        """Remember each request path that reached the server."""
        self.requests.append(self.path)


@contextmanager
def serve_like_pages(directory: Path) -> Iterator[tuple[str, list[str]]]:
    """Serve `directory` on 127.0.0.1; yield the base URL and the live request log."""
    log: list[str] = []
    handler_class = type("Handler", (CachingPagesHandler,), {"requests": log})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler_class, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", log
    finally:
        server.shutdown()
        server.server_close()
