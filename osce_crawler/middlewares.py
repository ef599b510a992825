"""Downloader middlewares: keep the crawl in scope, and retry politely."""

from __future__ import annotations

import logging
import os
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request, Spider, exceptions, signals
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.downloadermiddlewares.useragent import UserAgentMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.settings import SETTINGS_PRIORITIES
from scrapy.utils.defer import deferred_to_future
from twisted.internet import reactor, task

from osce_crawler import __version__

logger = logging.getLogger(__name__)


class ScopeMiddleware:
    """Drops every request outside the configured site (scheme, host and port).

    Runs before the robots.txt middleware, so an off-site host is not even asked for its
    robots.txt; redirects come back through here and are dropped the same way.
    """

    def __init__(self, crawler: Crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ScopeMiddleware:
        return cls(crawler)

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        spider = spider or self.crawler.spider
        netloc = getattr(spider, "netloc", None)
        if netloc is None:
            return None
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https") and parts.netloc == netloc:
            return None
        self.crawler.stats.inc_value("osce/out_of_scope")
        logger.debug("out of scope, not requested: %s", request.url)
        raise IgnoreRequest(f"out of scope: {request.url}")


#: where a cron job or a shell profile names the crawl's contact, instead of -s CONTACT_URL
CONTACT_URL_VARIABLE = "OSCE_ARCHIVE_CONTACT_URL"


def user_agent(settings: Any, environ: Any = os.environ) -> str:
    """The User-Agent a crawl sends: USER_AGENT when given beyond the project's settings
    (-s USER_AGENT=..., a spider's custom settings), else made from the contact address:
    -s CONTACT_URL=..., then the OSCE_ARCHIVE_CONTACT_URL variable, then the project's."""
    project = SETTINGS_PRIORITIES["project"]
    if settings.getpriority("USER_AGENT") > project:
        return settings.get("USER_AGENT")
    contact = settings.get("CONTACT_URL")
    if settings.getpriority("CONTACT_URL") <= project and environ.get(CONTACT_URL_VARIABLE):
        contact = environ[CONTACT_URL_VARIABLE].strip()
    return f"osce-archive/{__version__} (+{contact}; archival crawler of public pages)"


class ContactUserAgentMiddleware(UserAgentMiddleware):
    """Scrapy's UserAgentMiddleware, its agent made from the contact address when the crawl
    starts (the settings module is read once, before -s or the environment could change it)."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ContactUserAgentMiddleware:
        middleware = cls(user_agent(crawler.settings))
        crawler.signals.connect(middleware.spider_opened, signal=signals.spider_opened)
        return middleware


def retry_after_seconds(value: bytes | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    text = value.decode("latin-1").strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retries, plus waiting: Retry-After on 429/503, exponential back-off otherwise."""

    def __init__(self, settings):  # type: ignore[no-untyped-def]
        super().__init__(settings)
        self.backoff_base = settings.getfloat("RETRY_BACKOFF_BASE", 2.0)
        self.backoff_max = settings.getfloat("RETRY_BACKOFF_MAX", 60.0)
        self.retry_after_max = settings.getfloat("RETRY_AFTER_MAX", 300.0)

    async def _wait(self, seconds: float) -> None:
        if seconds > 0:
            await deferred_to_future(task.deferLater(reactor, seconds, lambda: None))

    def _backoff(self, request: Request) -> float:
        attempt = request.meta.get("retry_times", 0)
        return min(self.backoff_max, self.backoff_base * 2**attempt)

    async def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ):  # type: ignore[override]
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        delay = self._backoff(request)
        if response.status in (429, 503):
            asked = retry_after_seconds(response.headers.get("Retry-After"))
            if asked is not None:
                if asked > self.retry_after_max:
                    self.crawler.stats.inc_value("retry/retry_after_too_long")
                    logger.warning(
                        "%s asks to retry after %.0f s: beyond RETRY_AFTER_MAX, giving up",
                        request.url,
                        asked,
                    )
                    return response
                delay = asked
        retry = self._retry(request, f"{response.status}")
        if retry is None:
            return response
        await self._wait(delay)
        return retry

    async def process_exception(
        self, request: Request, exception: Exception, spider: Spider | None = None
    ):  # type: ignore[override]
        if not isinstance(exception, self.exceptions_to_retry) or request.meta.get(
            "dont_retry", False
        ):
            return None
        retry = self._retry(request, exception)
        if retry is not None:
            await self._wait(self._backoff(request))
        return retry


class UnreachableSiteMiddleware:
    """Ends a run at once when the site cannot be reached at all.

    Until the site has answered once, requests get a short time-out
    (``UNREACHABLE_TIMEOUT``) and few retries (``UNREACHABLE_RETRY_TIMES``); when one of
    them has failed on the connection (refused, DNS, time-out) after those retries and
    still nothing has answered, the spider is closed with the reason ``unreachable``
    (verdict ``unreachable``, exit code 6). Once the site has answered, the run ends the
    same way when ``UNREACHABLE_AFTER_FAILURES`` requests in a row have failed on the
    connection after their retries (the site went away mid-crawl): what was archived stays,
    and the next run goes on from the archive's index.
    """

    def __init__(self, crawler: Crawler):
        from twisted.internet.error import (
            ConnectError,
            ConnectionRefusedError,
            DNSLookupError,
            TCPTimedOutError,
            TimeoutError,
        )

        # Scrapy's own names for these (2.14+), where it has them
        scrapy_errors = tuple(
            getattr(exceptions, name)
            for name in (
                "DownloadConnectionRefusedError",
                "CannotResolveHostError",
                "DownloadTimeoutError",
            )
            if hasattr(exceptions, name)
        )

        self.crawler = crawler
        self.timeout = crawler.settings.getfloat("UNREACHABLE_TIMEOUT", 10.0)
        self.retries = crawler.settings.getint("UNREACHABLE_RETRY_TIMES", 2)
        self.connection_errors = (
            ConnectError,
            ConnectionRefusedError,
            DNSLookupError,
            TCPTimedOutError,
            TimeoutError,
            *scrapy_errors,
        )
        self.answered = False
        self.closing = False
        # after the site has answered: requests in a row that failed on the connection
        self.failed_in_a_row = 0
        self.gone_after = crawler.settings.getint("UNREACHABLE_AFTER_FAILURES", 10)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> UnreachableSiteMiddleware:
        return cls(crawler)

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        if self.closing:  # retries and new requests: the run is ending
            raise IgnoreRequest("the site cannot be reached")
        if not self.answered:
            timeout = request.meta.get("download_timeout") or self.timeout
            request.meta["download_timeout"] = min(float(timeout), self.timeout)
            request.meta.setdefault("max_retry_times", self.retries)

    def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Response:
        self.answered = True
        self.failed_in_a_row = 0
        return response

    def process_exception(
        self, request: Request, exception: Exception, spider: Spider | None = None
    ) -> None:
        """Called once the retries below gave up (they return a new request before)."""
        if self.closing or not isinstance(exception, self.connection_errors):
            return None
        if self.answered:
            # the site went away mid-crawl: without this the run would retry every page
            # left for hours; after UNREACHABLE_AFTER_FAILURES in a row it ends the same way
            self.failed_in_a_row += 1
            if self.failed_in_a_row < self.gone_after:
                return None
            self.crawler.stats.set_value("osce/unreachable_in_a_row", self.failed_in_a_row)
        self.closing = True
        reason = f"{type(exception).__name__}: {exception}".strip()
        self.crawler.stats.set_value("osce/unreachable_url", request.url)
        self.crawler.stats.set_value("osce/unreachable_error", reason)
        logger.error("the site cannot be reached (%s after retries): stopping the run", reason)
        from scrapy.utils.defer import deferred_from_coro

        deferred_from_coro(self.crawler.engine.close_spider_async(reason="unreachable"))
        return None


def _store(crawler: Crawler) -> Any:
    return getattr(crawler, "archive_store", None)


class WarcCaptureMiddleware:
    """Writes every response the crawl receives, and its request, to the archive's WARC files.

    Sits next to the downloader (after decompression in the chain, so it sees the bytes as
    they came over the wire) and leaves the response's WARC location in ``meta["warc"]``.
    Also remembers each URL's validators (ETag, Last-Modified) for conditional requests.
    """

    def __init__(self, crawler: Crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WarcCaptureMiddleware:
        return cls(crawler)

    def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Response:
        store = _store(self.crawler)
        if store is None or store.warc is None:
            return response
        from osce_crawler.archive.store import iso
        from osce_crawler.archive.warc import Exchange

        fetched = datetime.now(UTC)
        exchange = Exchange(
            url=response.url,
            method=request.method,
            request_headers=_redacted(_header_pairs(request.headers)),
            status=response.status,
            reason=_reason(response.status),
            response_headers=_header_pairs(response.headers),
            body=response.body,
            fetched_at=fetched,
        )
        location = store.warc.write(exchange)
        request.meta["warc"] = location.as_dict()
        store.index.record_response(
            response.url,
            response.status,
            _header(response, b"ETag"),
            _header(response, b"Last-Modified"),
            iso(fetched),
        )
        return response


class ConditionalRequestMiddleware:
    """Asks for known pages conditionally (If-None-Match / If-Modified-Since), unless --refresh."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ConditionalRequestMiddleware:
        return cls(crawler)

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        store = _store(self.crawler)
        if (
            store is None
            or not request.meta.get("conditional")
            or self.crawler.settings.getbool("REFRESH")
            or getattr(self.crawler.spider, "refresh", False)  # scrapy crawl -a refresh=1
        ):
            return None
        page = store.index.page(request.url)
        if page is None or page.status != 200 or store.index.item_for_url(request.url) is None:
            return None  # validators of a page whose item was never written (a kill) are no use
        if not store.index.confirmable(request.url):
            return None  # no archived 200 for a 304 to refer to (lost, or an older archive)
        if page.etag:
            request.headers.setdefault(b"If-None-Match", page.etag.encode("latin-1"))
        if page.last_modified:
            request.headers.setdefault(b"If-Modified-Since", page.last_modified.encode("latin-1"))
        return None


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


def _header_pairs(headers: Any) -> list[tuple[str, str]]:
    pairs = []
    for name, values in headers.items():
        for value in values:
            pairs.append((name.decode("latin-1"), value.decode("latin-1")))
    return pairs


def _reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


#: request headers that carry credentials: never written to the WARC files
SECRET_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie"})


def _redacted(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [
        (name, "[redacted]" if name.lower() in SECRET_HEADERS else value) for name, value in pairs
    ]


class SiteAuthMiddleware:
    """HTTP basic auth for the crawled site only, from OSCE_ARCHIVE_HTTP_USER/_PASS.

    Read from the environment, not from settings: Scrapy logs overridden settings, and
    credentials must never reach a log, a manifest or a WARC file.
    """

    def __init__(self, crawler: Crawler, header: bytes | None):
        self.crawler = crawler
        self.header = header

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SiteAuthMiddleware:
        import os

        from w3lib.http import basic_auth_header

        user = os.environ.get("OSCE_ARCHIVE_HTTP_USER", "")
        password = os.environ.get("OSCE_ARCHIVE_HTTP_PASS", "")
        return cls(crawler, basic_auth_header(user, password) if user or password else None)

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        spider = spider or self.crawler.spider
        if self.header and urlsplit(request.url).netloc == getattr(spider, "netloc", None):
            request.headers.setdefault(b"Authorization", self.header)
        return None


class CredentialScrubMiddleware:
    """Takes credentials off a request as soon as its download ends, before anything reuses it.

    ``SiteAuthMiddleware`` and Scrapy's ``HttpProxyMiddleware`` put ``Authorization`` and
    ``Proxy-Authorization`` on the request object itself. A retry or a redirect copies that
    object and Scrapy's JOBDIR disk queue pickles the copy, headers included: the
    credentials would sit on disk. This middleware sits next to the wire, so its
    ``process_response`` and ``process_exception`` run before the retry and redirect
    middlewares build their copies; the headers are added again at the next download.
    """

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CredentialScrubMiddleware:
        return cls()

    @staticmethod
    def scrub(request: Request) -> None:
        for name in (b"Authorization", b"Proxy-Authorization"):
            request.headers.pop(name, None)
        if request.meta.pop("_auth_proxy", None) is not None:
            # HttpProxyMiddleware adds the proxy's credentials only to a request without a
            # proxy: forget the one it chose, so that it chooses (and authenticates) again
            request.meta.pop("proxy", None)

    def process_response(
        self, request: Request, response: Response, spider: Spider | None = None
    ) -> Response:
        self.scrub(request)
        return response

    def process_exception(
        self, request: Request, exception: Exception, spider: Spider | None = None
    ) -> None:
        self.scrub(request)
        return None
