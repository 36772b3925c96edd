"""Serve a built site on 127.0.0.1 the way GitHub Pages does (index.html, 404.html, gzip, CORS)."""

from __future__ import annotations

import gzip
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt")


class PagesHandler(SimpleHTTPRequestHandler):
    """Static handler with GitHub Pages' 404 page and optional gzip."""

    use_gzip = False

    def log_message(self, format: str, *args: Any) -> None:
        """Keep test output quiet."""

    def end_headers(self) -> None:
        """Allow any origin, as GitHub Pages does: the embed snippet's crossorigin needs it."""
        self.send_header("Access-Control-Allow-Origin", "*")
        super().end_headers()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Answer a missing file with the site's own 404.html, as GitHub Pages does."""
        not_found = Path(self.directory) / "404.html"
        if code == 404 and not_found.is_file():
            body = not_found.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def do_GET(self) -> None:
        """Serve the file, gzip-compressed when enabled and the client accepts it."""
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                super().do_GET()  # the base class redirects to the trailing slash
                return
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.use_gzip and wants_gzip and path.is_file() and path.suffix in COMPRESSIBLE):
            super().do_GET()
            return
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def serve(directory: Path, *, port: int = 0, use_gzip: bool = False) -> Iterator[str]:
    """Serve `directory` on 127.0.0.1 in a background thread; yield the base URL."""
    handler = partial(
        type("Handler", (PagesHandler,), {"use_gzip": use_gzip}), directory=str(directory)
    )
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
