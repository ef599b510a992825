"""A faulty osce.org: every failure a web server can produce, on chosen URLs.

``FaultySite(site, faults)`` answers like ``site`` except on the paths in ``faults``,
where it plays a fault, every time or a set number of times. The server (server.py)
carries out the transport-level ones (hanging, resetting the connection mid-body,
sending less than Content-Length). Used by the reliability tests and benches.
"""

from __future__ import annotations

import gzip
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from osce_crawler.mirror.site import MirrorResponse, MirrorSite


@dataclass
class FaultyResponse(MirrorResponse):
    delay: float = 0.0  # seconds to wait before answering (a hang past the time-out)
    cut_at: int | None = None  # send only this many body bytes of the announced length
    reset: bool = False  # after cut_at bytes, reset the connection (RST) instead of closing
    declared_length: int | None = None  # Content-Length to announce, when not len(body)


@dataclass
class Fault:
    """What a path answers: ``make(site, path, query, base_url)``, ``times`` times (0: always)."""

    make: Callable[[MirrorSite, str, str, str], MirrorResponse]
    times: int = 0
    served: int = 0


class FaultySite:
    """Wraps a MirrorSite; the faults table maps a path to the Fault it plays."""

    def __init__(self, site: MirrorSite, faults: dict[str, Fault]):
        self.site = site
        self.faults = faults
        self._lock = threading.Lock()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.site, name)

    def respond(self, path: str, query: str, base_url: str) -> MirrorResponse:
        with self._lock:
            fault = self.faults.get(path)
            active = fault is not None and (fault.times == 0 or fault.served < fault.times)
            if active:
                fault.served += 1
        if active:
            return fault.make(self.site, path, query, base_url)
        return self.site.respond(path, query, base_url)


# -- the faults ---------------------------------------------------------------------------------
def status(code: int, headers: dict[str, str] | None = None, times: int = 0) -> Fault:
    return Fault(
        lambda s, p, q, b: MirrorResponse(
            code, f"error {code}".encode(), headers=dict(headers or {})
        ),
        times,
    )


def _page(site: MirrorSite, path: str, query: str, base_url: str) -> MirrorResponse:
    return site.respond(path, query, base_url)


def hang(seconds: float, times: int = 0) -> Fault:
    def make(site: MirrorSite, path: str, query: str, base_url: str) -> MirrorResponse:
        page = _page(site, path, query, base_url)
        return FaultyResponse(page.status, page.body, page.content_type, delay=seconds)

    return Fault(make, times)


def reset_mid_body(times: int = 0) -> Fault:
    def make(site: MirrorSite, path: str, query: str, base_url: str) -> MirrorResponse:
        page = _page(site, path, query, base_url)
        return FaultyResponse(
            page.status, page.body, page.content_type, cut_at=len(page.body) // 2, reset=True
        )

    return Fault(make, times)


def short_body(times: int = 0) -> Fault:
    """Content-Length announces the whole page; half of it is sent, then the connection closes."""

    def make(site: MirrorSite, path: str, query: str, base_url: str) -> MirrorResponse:
        page = _page(site, path, query, base_url)
        return FaultyResponse(page.status, page.body, page.content_type, cut_at=len(page.body) // 2)

    return Fault(make, times)


def gzip_bomb(inflated: int = 64 * 1024 * 1024) -> Fault:
    """A small gzip body that inflates to ``inflated`` bytes (past DOWNLOAD_MAXSIZE)."""
    bomb = gzip.compress(b"\0" * inflated, compresslevel=9)

    def make(site: MirrorSite, path: str, query: str, base_url: str) -> MirrorResponse:
        return MirrorResponse(200, bomb, headers={"Content-Encoding": "gzip"})

    return Fault(make)


def huge_page(size: int) -> Fault:
    """A page of ``size`` bytes (past DOWNLOAD_MAXSIZE), announced in Content-Length."""
    body = b"<html><body><p>" + b"x" * size + b"</p></body></html>"
    return Fault(lambda s, p, q, b: MirrorResponse(200, body))


def wrong_charset() -> Fault:
    """The page in windows-1251 while header and <meta> both say UTF-8."""

    def make(site: MirrorSite, path: str, query: str, base_url: str) -> MirrorResponse:
        page = _page(site, path, query, base_url)
        body = page.body.decode("utf-8").encode("cp1251", "replace")
        return MirrorResponse(page.status, body, "text/html; charset=utf-8")

    return Fault(make)


def malformed_html() -> Fault:
    """The page with closing tags dropped, attributes broken and a stray unclosed comment."""

    def make(site: MirrorSite, path: str, query: str, base_url: str) -> MirrorResponse:
        text = _page(site, path, query, base_url).body.decode("utf-8")
        text = text.replace("</p>", "").replace("</li>", "").replace('class="', 'class="x ""')
        return MirrorResponse(200, (text + "<div <p>>>unclosed <!-- never closed").encode())

    return Fault(make)


def redirect(location: str) -> Fault:
    return Fault(lambda s, p, q, b: MirrorResponse(302, b"", headers={"Location": location}))


def body(content: bytes, content_type: str = "application/xml") -> Fault:
    return Fault(lambda s, p, q, b: MirrorResponse(200, content, content_type))


MALFORMED_SITEMAP = (
    b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>'
)
ENTITY_BOMB_SITEMAP = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lollollollollollollollollollol">'
    + b"".join(
        f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">'.encode()
        for n in range(1, 10)
    )
    + b']>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&lol9;</loc></url></urlset>'
)
EXTERNAL_ENTITY_SITEMAP = (
    b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n'
    b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&secret;</loc></url></urlset>'
)


def pagination_trap(records: list[dict[str, Any]]) -> Fault:
    """A listing whose every page links to the next one, forever, with the same entries."""
    from osce_crawler.mirror.pages import render_listing

    def make(site: MirrorSite, path: str, query: str, base_url: str) -> MirrorResponse:
        page = int(query.rpartition("page=")[2] or 0) if "page=" in query else 0
        html = render_listing("News", records, page, page + 2, path)
        return MirrorResponse(200, html.encode())

    return Fault(make)


def tracking_duplicates(paths: list[str]) -> Fault:
    """A listing naming the same articles under many URLs (tracking, session, fragments)."""
    variants = [
        "?utm_source=newsletter&utm_medium=email",
        "?sessionid=8f3a9",
        "#main-content",
        "/",
        "?PHPSESSID=77&ref=home",
        "?fbclid=IwAR0x",
    ]

    def make(site: MirrorSite, path: str, query: str, base_url: str) -> MirrorResponse:
        links = "".join(
            f'<li><a href="{base_url}{p}{v}">{p}</a></li><li><a href="{p}{v}">{p}</a></li>'
            for p in paths
            for v in variants
        )
        return MirrorResponse(
            200, f"<html><body><h1>Stories</h1><ul>{links}</ul></body></html>".encode()
        )

    return Fault(make)
