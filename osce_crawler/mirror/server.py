"""Serve the offline osce.org over real HTTP on 127.0.0.1 (``osce-archive serve-sample``)."""

from __future__ import annotations

import hashlib
import signal
import socket
import struct
import sys
import threading
import time
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

from osce_crawler.mirror.site import MirrorSite


class _Handler(BaseHTTPRequestHandler):
    server: MirrorServer
    protocol_version = "HTTP/1.1"

    def _respond(self, with_body: bool) -> None:
        parts = urlsplit(self.path)
        response = self.server.site.respond(parts.path, parts.query, self.server.base_url)
        headers = dict(response.headers)
        status, body = response.status, response.body
        if status == 200:
            # validators, as a real server sends them: conditional requests get 304
            etag = '"' + hashlib.sha1(body).hexdigest()[:20] + '"'
            headers["ETag"] = etag
            modified = None
            if response.last_modified:
                modified = datetime.fromisoformat(response.last_modified[:10]).replace(tzinfo=UTC)
                headers["Last-Modified"] = format_datetime(modified, usegmt=True)
            if _not_modified(self.headers, etag, modified):
                status, body = 304, b""
        self.server.count(parts.path, status)
        for name in ("Authorization", "Proxy-Authorization"):
            if self.headers.get(name):
                self.server.credentials_seen.add((name, self.headers[name]))
        delay = getattr(response, "delay", 0.0)
        if delay:
            time.sleep(delay)  # a hang: the client's time-out should fire first
        self.send_response(status)
        if status != 304:
            self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if not with_body:
            return
        cut_at = getattr(response, "cut_at", None)
        if cut_at is None:
            self.wfile.write(body)
            return
        # a broken transfer: part of the announced body, then a close or a reset
        self.wfile.write(body[:cut_at])
        self.wfile.flush()
        if getattr(response, "reset", False):
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True
        self.connection.close()

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        self._respond(with_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._respond(with_body=False)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        if self.server.verbose:
            super().log_message(format, *args)


def _not_modified(request_headers: Any, etag: str, modified: datetime | None) -> bool:
    match = request_headers.get("If-None-Match")
    if match is not None:
        return etag in [tag.strip() for tag in match.split(",")] or match.strip() == "*"
    since = request_headers.get("If-Modified-Since")
    if since and modified is not None:
        try:
            return modified <= parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False
    return False


class MirrorServer(ThreadingHTTPServer):
    """A threaded HTTP server answering from a MirrorSite; ``base_url`` once bound."""

    daemon_threads = True

    def __init__(
        self, site: MirrorSite, port: int = 0, host: str = "127.0.0.1", verbose: bool = False
    ):
        super().__init__((host, port), _Handler)
        self.site = site
        self.verbose = verbose
        self.base_url = f"http://{host}:{self.server_address[1]}"
        self.requests: dict[str, int] = {}
        self.request_times: dict[str, list[float]] = {}
        self.log: list[tuple[str, int]] = []  # (path, status) of every request, in order
        self.credentials_seen: set[tuple[str, str]] = set()  # auth headers received (tests)
        self._lock = threading.Lock()

    def count(self, path: str, status: int) -> None:
        with self._lock:
            self.requests[path] = self.requests.get(path, 0) + 1
            self.log.append((path, status))
            self.request_times.setdefault(path, []).append(time.monotonic())

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hangs up mid-request (a killed crawler) is not the server's error."""
        error = sys.exc_info()[1]
        if isinstance(error, ConnectionError | TimeoutError):
            return
        super().handle_error(request, client_address)

    def __enter__(self) -> MirrorServer:
        """Serve in a background thread until the with-block ends (tests, the demo)."""
        self.start_in_thread()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.shutdown()
        self.server_close()

    def start_in_thread(self) -> threading.Thread:
        thread = threading.Thread(target=self.serve_forever, name="osce-mirror", daemon=True)
        thread.start()
        return thread


def serve(
    port: int,
    articles: int,
    seed: int,
    offsite_url: str | None,
    verbose: bool = False,
    edition: int = 1,
) -> int:
    """Serve until SIGINT or SIGTERM; print the base URL first so callers can read it."""
    site = MirrorSite(articles, seed, offsite_url, edition=edition)
    server = MirrorServer(site, port, verbose=verbose)
    stop = threading.Event()

    def on_signal(signum: int, frame: object) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    server.start_in_thread()
    print(
        f"osce.org mirror serving {len(server.site.records)} articles at {server.base_url}",
        flush=True,
    )
    stop.wait()
    server.shutdown()
    server.server_close()
    print("osce.org mirror stopped", file=sys.stderr, flush=True)
    return 0
