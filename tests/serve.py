"""Serve a built site as a real static host does: gzip for text, mounted at site_url's path."""

from __future__ import annotations

import gzip
import mimetypes
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


def handler_for(root: Path, prefix: str, headers: dict[str, str]) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as real hosts serve

        def log_message(self, *args: object) -> None:
            pass

        def resolve(self) -> tuple[Path | None, HTTPStatus]:
            path = unquote(urlsplit(self.path).path)
            if not path.startswith(prefix):
                return root / "404.html", HTTPStatus.NOT_FOUND
            target = (root / path[len(prefix) :]).resolve()
            if root.resolve() not in target.parents and target != root.resolve():
                return root / "404.html", HTTPStatus.NOT_FOUND
            if target.is_dir():
                if not path.endswith("/"):
                    return None, HTTPStatus.MOVED_PERMANENTLY
                target = target / "index.html"
            if not target.is_file():
                return root / "404.html", HTTPStatus.NOT_FOUND
            return target, HTTPStatus.OK

        def do_GET(self) -> None:
            target, status = self.resolve()
            if target is None:
                self.send_response(status)
                self.send_header("Location", urlsplit(self.path).path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            body = target.read_bytes()
            kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            self.send_response(status)
            if kind.startswith(COMPRESSIBLE) and "gzip" in self.headers.get("Accept-Encoding", ""):
                body = gzip.compress(body, 6)
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Vary", "Accept-Encoding")
            self.send_header("Content-Type", f"{kind}; charset=utf-8" if kind.startswith("text/") else kind)
            self.send_header("Content-Length", str(len(body)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

    return Handler


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """A browser that closes a connection mid-response (a page closed while loading) is no error."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve(root: Path, prefix: str = "/", headers: dict[str, str] | None = None) -> Iterator[str]:
    """Serve `root` under `prefix` on 127.0.0.1; yields the base URL, ending in '/'."""
    server = _Server(("127.0.0.1", 0), handler_for(root, prefix, headers or {}))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
