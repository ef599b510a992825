"""The osce spider: finds osce.org's articles and requests each once per language.

Discovery: robots.txt and its sitemaps (with ``lastmod``), the listings and their
pagination, the RSS feed, the field-of-work pages, and links between articles. Whether a
page is an article is decided by its URL pattern and then by its content (the extractor's
``page_kind``), never by the page that linked to it. The spider only finds and requests
pages; extraction is the extractor's, storage the archive's.

Incremental runs (an archive that already holds items, no --refresh) rely on the
sitemaps: a child sitemap whose ``lastmod`` has not moved is not read (it vouches for its
pages), entries whose ``lastmod`` has not moved are not requested, known pages are asked
for conditionally (ConditionalRequestMiddleware), the RSS feed is read, and the listings
only when the sitemaps fail (then paging stops after LISTING_KNOWN_PAGES pages of known
items). Known pages nothing vouched for are revisited once at the end, so that removals
(404/410) are noticed.

The field-of-work pages carry no evidence of a page's type: they only list articles
again. A first crawl asks for them once the sitemaps have been read, and pages on through
one only while it brings pages the sitemaps did not list; when a sitemap fails, they are
paged on as the other listings are (until a page brings nothing another listing page did
not).
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import AsyncIterator, Iterable, Iterator
from functools import cached_property, lru_cache
from typing import Any
from urllib.parse import urljoin, urlsplit

import scrapy
from scrapy import signals
from scrapy.exceptions import CloseSpider, DontCloseSpider, IgnoreRequest
from scrapy.http import Response, TextResponse
from scrapy.utils.sitemap import sitemap_urls_from_robots

from osce_crawler import signals as osce_signals
from osce_crawler.archive.errors import is_storage_full
from osce_crawler.content_types import content_type_key, listing_type_key
from osce_crawler.diskset import DiskScratch
from osce_crawler.extraction_pool import (
    ExtractionCrashed,
    ExtractionPool,
    default_processes,
    extract_listed_articles,
    extract_page,
)
from osce_crawler.options import parse_options
from osce_crawler.sitemaps import SitemapReader
from osce_crawler.urls import canonicalise, is_article_url, url_language

LISTING_PATHS = ("/press-releases", "/news", "/stories", "/resources/documents")
FEED_PATHS = ("/press-releases/rss",)
FIELD_OF_WORK_PATHS = (
    "/arms-control", "/border-management", "/combating-trafficking-in-human-beings",
    "/conflict-prevention-and-resolution", "/countering-terrorism", "/cyber-ict-security",
    "/democratization", "/economic-activities", "/education", "/elections",
    "/environmental-activities", "/gender-equality", "/good-governance", "/human-rights",
    "/media-freedom-and-development", "/migration", "/national-minority-issues", "/policing",
    "/reform-and-cooperation-in-the-security-sector", "/roma-and-sinti", "/rule-of-law",
    "/tolerance-and-nondiscrimination", "/youth",
)  # fmt: skip
#: statuses an article request hands to its callback (redirects are followed, within scope)
ARTICLE_STATUSES = [304, 400, 401, 403, 404, 408, 410, 429, 451, 500, 502, 503, 504, 522, 524]
#: languages whose listings are requested when no --lang is given (others come by links)
LISTING_LANGUAGES = ("en", "ru", "de", "fr")


class OsceSpider(scrapy.Spider):
    name = "osce"

    def __init__(
        self,
        base_url: str | None = None,
        since: str | None = None,
        until: str | None = None,
        lang: str | None = None,
        type: str | None = None,  # noqa: A002 (mirrors --type)
        max_items: str | None = None,
        with_files: str | bool = False,
        refresh: str | bool = False,
        **kwargs: Any,
    ):
        super().__init__(**kwargs)
        self.options = parse_options(
            base_url, None, since, until, lang, type, max_items, with_files, check_archive=False
        )
        self.refresh = refresh in (True, "1", "true", "True", "yes")
        self.arguments = {
            "base_url": self.options.base_url, "since": since, "until": until, "lang": lang,
            "type": type, "max_items": max_items, "with_files": self.options.with_files,
            "refresh": self.refresh,
        }  # fmt: skip
        self.base_url = self.options.base_url
        self.netloc = urlsplit(self.base_url).netloc
        self.items_yielded = 0
        self.pages_attempted = 0
        self.article_requests_sent = 0  # --max-items: article pages asked for
        self.article_backlog: deque[scrapy.Request] = deque()  # --max-items: held back
        # what the run has seen, one entry per URL: on disk, so memory stays flat (diskset.py)
        self.scratch = DiskScratch()
        self.requested = self.scratch.set("requested")  # article pages asked for in this run
        self.verified = self.scratch.set("verified")  # known pages whose sitemap lastmod held
        self.lastmods = self.scratch.mapping("lastmods")  # each page's sitemap lastmod
        self.listed = self.scratch.set("listed")  # article URLs seen on listing pages
        self.sitemap_pages = self.scratch.mapping("sitemap_pages")  # sitemap -> its pages
        self.listings_started = False
        self.field_pages_requested = False
        self.sitemaps_pending = 0  # sitemap requests not yet answered
        self.sitemaps_read: dict[str, str | None] = {}  # sitemaps read in full -> lastmod
        self.revisited = False

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> OsceSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider.revisit_unverified_pages, signal=signals.spider_idle)
        crawler.signals.connect(spider.request_dropped, signal=signals.request_dropped)
        processes = crawler.settings.get("EXTRACT_PROCESSES")
        spider.extraction = ExtractionPool(
            default_processes() if processes in (None, "") else int(processes)
        )
        crawler.signals.connect(spider.release_resources, signal=signals.spider_closed)
        return spider

    def release_resources(self, spider: scrapy.Spider) -> None:
        """The extraction processes and the scratch file end with the run."""
        self.extraction.close()
        self.scratch.close()

    def request_dropped(self, request: scrapy.Request, spider: scrapy.Spider) -> None:
        """A redirect back to a URL already asked for is a loop: the first URL failed. A
        sitemap asked for twice (listed twice) is answered by its first request."""
        if request.callback == self.parse_sitemap:
            self.crawl_all(self.sitemap_answered())
        chain = request.meta.get("redirect_urls")
        if chain:
            page = "article" if is_article_url(chain[0]) else "other"
            self.report_failure(chain[0], "redirect loop", page)

    # -- what the archive knows ---------------------------------------------------------------
    @property
    def store(self) -> Any:
        return getattr(self.crawler, "archive_store", None)

    @cached_property
    def incremental(self) -> bool:
        """Decided once, at the start: the archive held items before this run began."""
        return self.store is not None and not self.refresh and self.store.index.count_items() > 0

    def known(self, url: str) -> bool:
        """The archive holds a live item for this page (a removed one is fetched again,
        whatever its sitemap lastmod says: it may have come back)."""
        if self.store is None:
            return False
        item = self.store.index.item_for_url(url)
        return item is not None and item.removed_at is None

    # -- discovery ------------------------------------------------------------------------
    async def start(self) -> AsyncIterator[scrapy.Request]:
        self.extraction.start()
        self.incremental  # noqa: B018 - decided now, before this run writes anything
        yield scrapy.Request(
            self.url("/robots.txt"),
            self.parse_robots,
            errback=self.robots_failed,
            meta={"dont_obey_robotstxt": True},
            priority=10,
        )
        if not self.options.languages or "en" in self.options.languages:
            for path in FEED_PATHS:
                yield scrapy.Request(
                    self.url(path), self.parse_feed, errback=self.failed, priority=5
                )
        if not self.incremental and not self.options.max_items:
            # with --max-items, only if the sitemaps give too few items; the field-of-work
            # pages once the sitemaps are read (sitemap_answered)
            for request in self.listing_requests(field_pages=False):
                yield request

    def listing_requests(self, field_pages: bool = True) -> list[scrapy.Request]:
        """The listings (and the field-of-work pages unless told not): discovery beside (or
        instead of) the sitemaps."""
        self.listings_started = True
        requests = []
        for language in self.listing_languages():
            prefix = "" if language == "en" else f"/{language}"
            for path in LISTING_PATHS:
                requests.append(self.listing_request(self.url(prefix + path), 0, priority=5))
        if field_pages:
            requests += self.field_page_requests(only_new=False)
        return requests

    def field_page_requests(self, only_new: bool) -> list[scrapy.Request]:
        """The field-of-work pages, once a run, on a first crawl. With ``only_new`` (the
        sitemaps were read whole) one is paged through only while it lists pages nobody
        else listed: they bring no type evidence, and what they list is known by then."""
        if self.field_pages_requested or self.incremental:
            return []
        if self.options.languages and "en" not in self.options.languages:
            return []
        self.field_pages_requested = True
        return [
            self.listing_request(self.url(path), 0, priority=1, only_new=only_new)
            for path in FIELD_OF_WORK_PATHS
        ]

    def crawl_all(self, requests: Iterable[scrapy.Request]) -> None:
        """Requests found outside a callback (an errback, a signal): to the engine."""
        for request in requests:
            self.crawler.engine.crawl(request)

    def sitemaps_failed(self) -> None:
        """A re-crawl relies on the sitemaps; when they fail, the listings take over (and a
        first crawl pages on through the field-of-work pages)."""
        if self.listings_started:
            self.crawl_all(self.field_page_requests(only_new=False))
            return
        self.logger.warning("the sitemaps could not be read: discovering through the listings")
        self.crawl_all(self.listing_requests())

    def sitemap_answered(self) -> list[scrapy.Request]:
        """The last sitemap read: a first crawl's field-of-work pages may go out."""
        self.sitemaps_pending -= 1
        if self.sitemaps_pending == 0 and self.listings_started:
            return self.field_page_requests(only_new=True)
        return []

    def sitemap_request(self, url: str, meta: dict | None = None) -> scrapy.Request:
        self.sitemaps_pending += 1
        return scrapy.Request(
            url, self.parse_sitemap, errback=self.failed, meta=meta or {}, priority=8
        )

    def listing_languages(self) -> tuple[str, ...]:
        if self.options.languages:
            return tuple(sorted(self.options.languages))
        return LISTING_LANGUAGES

    def url(self, path_or_url: str, base: str | None = None) -> str:
        return _canonical_url(path_or_url, base or self.base_url + "/", self.netloc)

    def in_scope(self, url: str) -> bool:
        return urlsplit(url).netloc == self.netloc

    def wanted_language(self, url: str) -> bool:
        return not self.options.languages or url_language(url) in self.options.languages

    def listing_request(
        self, url: str, page: int, known_pages: int = 0, priority: int = 4, only_new: bool = False
    ) -> scrapy.Request:
        meta = {"listing_page": page, "known_pages": known_pages, "only_new": only_new}
        return scrapy.Request(
            url, self.parse_listing, errback=self.failed, meta=meta, priority=priority
        )

    def article_request(
        self, url: str, lastmod: str | None = None, listed_as: str | None = None
    ) -> scrapy.Request | None:
        """A request for a page that may be an article, or None when it is not to be fetched.

        On an incremental run a known page is fetched only when its sitemap lastmod moved;
        known pages found without a lastmod (listings, feeds, links) are checked once, at
        the end, unless the sitemap vouched for them meanwhile.
        """
        if lastmod is None and (url in self.requested or url in self.verified):
            return None  # already canonical and asked for: most links, found again
        url = self.url(url)
        if not self.in_scope(url) or not is_article_url(url) or not self.wanted_language(url):
            return None
        if lastmod:
            self.lastmods[url] = lastmod
        if url in self.requested or url in self.verified:
            return None
        if self.incremental and self.known(url):
            if lastmod is None:
                return None  # checked at the end (revisit_unverified_pages) if still unverified
            page = self.store.index.page(url)
            if page is not None and page.sitemap_lastmod == lastmod:
                self.verified.add(url)
                self.store.counts.skipped_unchanged += 1
                self.store.page_unchanged(url)
                return None
        self.requested.add(url)
        meta = {
            "lastmod": lastmod,
            "conditional": True,
            "handle_httpstatus_list": ARTICLE_STATUSES,
            "listed_as": listed_as,  # the crawl context: evidence of the page's type
        }
        request = scrapy.Request(
            url, self.parse_article, errback=self.failed, meta=meta, priority=0
        )
        if self.options.max_items:
            # --max-items N: N article pages at first; more only when those gave fewer than
            # N items (filtered out, failed), released when the crawl is idle
            if self.article_requests_sent >= self.options.max_items:
                self.article_backlog.append(request)
                return None
            self.article_requests_sent += 1
        return request

    def release_article_backlog(self) -> bool:
        """--max-items: at idle, as many held article pages as items are still missing."""
        missing = (self.options.max_items or 0) - self.items_yielded
        released = 0
        while self.article_backlog and released < missing:
            self.crawler.engine.crawl(self.article_backlog.popleft())
            released += 1
        return released > 0

    def parse_robots(self, response: Response) -> Iterator[scrapy.Request]:
        sitemaps = []
        if response.status == 200:
            sitemaps = list(sitemap_urls_from_robots(response.body, base_url=response.url))
        for sitemap in sitemaps or [self.url("/sitemap.xml")]:
            if self.in_scope(self.url(sitemap)):
                yield self.sitemap_request(self.url(sitemap))
        if not self.sitemaps_pending and self.listings_started:
            yield from self.field_page_requests(only_new=False)  # no sitemap to read

    def robots_failed(self, failure: Any) -> Iterator[scrapy.Request]:
        self.logger.warning("robots.txt unavailable (%s): trying /sitemap.xml", failure.value)
        yield self.sitemap_request(self.url("/sitemap.xml"))

    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        """The sitemap read in full at once, its body and parser let go before its requests.

        Scrapy takes a callback's requests a few at a time, and all the sitemaps of a site
        arrive at the start of a crawl: each one held open meanwhile kept its body and
        parser (the fifty of a 50,000-article site, 30 MB of the crawl's peak memory).
        """
        sitemap = SitemapReader(response.body)
        entries = _ENTRY_END.join(
            f"{entry['loc']}{_LASTMOD}{(entry.get('lastmod') or '')[:10]}"
            for entry in sitemap.entries()
        )
        url, lastmod = self.url(response.url), response.meta.get("lastmod")
        return self._sitemap_requests(url, lastmod, sitemap.kind, sitemap.problem, entries)

    def _sitemap_requests(
        self, url: str, lastmod: str | None, kind: str | None, problem: str | None, entries: str
    ) -> Iterator[scrapy.Request]:
        if kind == "sitemapindex":
            yield from self.child_sitemaps(_sitemap_entries(entries))
        elif kind is not None:
            listed = []
            for loc, page_lastmod in _sitemap_entries(entries):
                listed.append(self.url(loc))
                since = self.options.since
                if since and page_lastmod and page_lastmod < since.isoformat():
                    continue  # unchanged since before --since: published before it too
                request = self.article_request(loc, page_lastmod)
                if request is not None:
                    yield request
            if problem is None:
                self.sitemaps_read[url] = lastmod
                self.sitemap_pages[url] = "\n".join(listed)
        if problem:  # recorded, never fatal: what could be read is still used
            self.report_failure(url, problem, "sitemap")
            self.sitemaps_failed()
        yield from self.sitemap_answered()

    def child_sitemaps(self, entries: Iterable[tuple[str, str | None]]) -> Iterator[scrapy.Request]:
        """The sitemaps of an index; on a re-crawl, not those whose lastmod has not moved.

        The pages a skipped sitemap lists are vouched for by it: unchanged, still there.
        """
        for loc, lastmod in entries:
            url = self.url(loc)
            if not self.in_scope(url):
                continue
            if lastmod and self.incremental and self.store.index.sitemap_lastmod(url) == lastmod:
                self.crawler.stats.inc_value("osce/sitemaps_unchanged")
                for page in self.store.index.urls_in_sitemap(url):
                    if page not in self.verified and self.known(page):
                        self.verified.add(page)
                        self.store.counts.skipped_unchanged += 1
                        self.store.page_unchanged(page)
                continue
            yield self.sitemap_request(url, {"lastmod": lastmod})

    async def parse_listing(self, response: Response) -> AsyncIterator[scrapy.Request]:
        if not isinstance(response, TextResponse):
            return
        try:
            # the entries that are article pages in scope, picked in the worker
            listing = await self.extraction.run(
                extract_listed_articles, response.body, response.url, self.netloc
            )
        except ExtractionCrashed:
            self.report_failure(response.url, "extraction crashed", "listing")
            return
        since = self.options.since.isoformat() if self.options.since else None
        listed_as = listing_type_key(urlsplit(response.url).path)
        dates: list[str] = []
        links: list[str] = []
        requested = 0
        for url, date in listing.entries:
            links.append(url)
            dates.append(date)
            if since and date and date < since:
                continue
            request = self.article_request(url, listed_as=listed_as)
            if request is not None:
                requested += 1
                yield request
        if response.meta.get("only_new") and not requested:
            return  # the sitemaps listed all of it: so they list what follows too
        if since and dates and all(d and d < since for d in dates):
            return  # entries run newest first: nothing further is new enough
        known_pages = response.meta.get("known_pages", 0)
        if self.incremental and links and all(self.known(url) for url in links):
            known_pages += 1
            if known_pages >= self.settings.getint("LISTING_KNOWN_PAGES", 1):
                return  # a page of only known items: the rest is known too
        fresh = [url for url in links if url not in self.listed]
        self.listed.update(fresh)
        page = response.meta.get("listing_page", 0)
        if page and not fresh:
            return  # a page of nothing new: the end of the listing, or a pagination trap
        next_url = listing.next_url
        if next_url and links and page + 1 < self.settings.getint("LISTING_MAX_PAGES", 2000):
            yield self.listing_request(self.url(next_url), page + 1, known_pages)

    def parse_feed(self, response: Response) -> Iterator[scrapy.Request]:
        listed_as = listing_type_key(urlsplit(response.url).path)
        for link in response.xpath("//item/link/text()").getall():
            request = self.article_request(link.strip(), listed_as=listed_as)
            if request is not None:
                yield request

    def revisit_unverified_pages(self, spider: scrapy.Spider) -> None:
        """Once discovery is done, ask (conditionally) for known pages nothing vouched for.

        These are pages found only without a lastmod, and pages no longer found at all:
        a 304 confirms them, a 404 or 410 records their removal.
        """
        if self.options.max_items:
            if self.release_article_backlog():
                raise DontCloseSpider
            if (
                self.items_yielded < self.options.max_items
                and not self.listings_started
                and not self.incremental
            ):
                self.crawl_all(self.listing_requests())  # the sitemaps gave too few
                raise DontCloseSpider
        if self.revisited:
            return
        self.revisited = True
        self.remember_sitemaps()
        if not self.incremental or self.partial:
            return
        unverified = [
            url
            for url in self.store.index.known_article_urls()
            if url not in self.verified and url not in self.requested
            and self.in_scope(url) and self.wanted_language(url)
        ]  # fmt: skip
        for url in unverified:
            self.requested.add(url)
            meta = {
                "conditional": True,
                "handle_httpstatus_list": ARTICLE_STATUSES,
                "revisit": True,
            }
            request = scrapy.Request(url, self.parse_article, errback=self.failed, meta=meta)
            self.crawler.engine.crawl(request)
        if unverified:
            self.logger.info("checking %d known pages nothing vouched for", len(unverified))
            raise DontCloseSpider

    def remember_sitemaps(self) -> None:
        """Once every page they list is archived, remember the sitemaps' lastmod and entries.

        Only after a run whose discovery ended without a failed article page: a killed or
        failing run leaves the sitemaps to be read again, so nothing they list is missed.
        """
        if self.store is None or self.partial or self.store.counts.errors:
            return
        for url, lastmod in self.sitemaps_read.items():
            listed = (self.sitemap_pages.get(url) or "").split("\n")
            if lastmod:
                self.store.index.record_sitemap(url, [page for page in listed if page], lastmod)

    @property
    def partial(self) -> bool:
        """A filtered run does not see the whole site: absence proves nothing."""
        options = self.options
        return bool(options.since or options.until or options.types or options.max_items)

    # -- articles -------------------------------------------------------------------------
    async def parse_article(self, response: Response) -> AsyncIterator[Any]:
        self.pages_attempted += 1
        if response.status == 304 and not self.known(response.url):
            # nothing archived to be "not modified" against: ask again, unconditionally
            self.report_failure(response.url, "304 for a page not in the archive")
            return
        if response.status == 304:
            lastmod = self.lastmods.get(self.url(response.url))
            self.send(osce_signals.page_unchanged, url=response.url, lastmod=lastmod)
            return
        if response.status in (404, 410):
            self.send(
                osce_signals.page_gone,
                url=response.url,
                status=response.status,
                warc=response.meta.get("warc"),
            )
            return
        if not 200 <= response.status < 300:
            self.report_failure(response.url, f"http {response.status}")
            return
        if not isinstance(response, TextResponse):
            self.report_failure(response.url, "not an HTML page")
            return
        try:
            page = await self.extraction.run(
                extract_page, response.body, response.url, response.meta.get("listed_as")
            )
        except ExtractionCrashed:
            self.report_failure(response.url, "extraction crashed")
            return
        if not page.is_article or page.item is None:
            self.crawler.stats.inc_value(f"osce/skipped/not an article ({page.page_kind})")
            return
        for url in page.links:
            request = self.article_request(url)
            if request is not None:
                yield request
        item = page.item  # the archived form, made in the extraction process
        if not self.wanted(item["language"], item["content_type"], item["published"]):
            return
        if self.options.max_items and self.items_yielded >= self.options.max_items:
            raise CloseSpider("max_items")
        self.items_yielded += 1
        item["warc"] = response.meta.get("warc")
        item["sitemap_lastmod"] = self.lastmods.get(self.url(response.url))
        yield item
        if self.options.max_items and self.items_yielded >= self.options.max_items:
            raise CloseSpider("max_items")  # the N-th item is out: nothing more to fetch

    def wanted(self, language: str | None, content_type: str | None, published: str | None) -> bool:
        options = self.options
        if options.languages and language not in options.languages:
            return False
        if options.types and content_type_key(content_type) not in options.types:
            return False
        day = published[:10] if published else None
        if day and options.since and day < options.since.isoformat():
            return False
        if day and options.until and day > options.until.isoformat():
            return False
        # an undated item cannot be shown to be in a date range
        return bool(day) or not (options.since or options.until)

    # -- failures -------------------------------------------------------------------------
    def failed(self, failure: Any) -> None:
        if failure.check(IgnoreRequest) and _is_decision(failure.value):
            if failure.request.callback == self.parse_sitemap:
                self.crawl_all(self.sitemap_answered())  # not to be read: answered
            return  # robots.txt or scope: a decision, not a failure
        if is_storage_full(failure.value):
            self.crawler.stats.set_value("osce/storage_full", str(failure.value))
            self.logger.error("the archive's disk is full (%s): stopping the run", failure.value)
            raise CloseSpider("storage_full")
        request = failure.request
        response = getattr(failure.value, "response", None)
        if response is not None:
            kind = f"http {response.status}"
        elif failure.check(IgnoreRequest):
            kind = _ignored_kind(str(failure.value))
        else:
            kind = type(failure.value).__name__
        if request.callback == self.parse_article:
            self.pages_attempted += 1
        elif request.callback == self.parse_sitemap:
            self.sitemaps_failed()
            self.crawl_all(self.sitemap_answered())
        self.report_failure(request.url, kind, self.page_kind(request))

    def page_kind(self, request: scrapy.Request) -> str:
        """What a failed request was for: article pages alone make the error rate."""
        return {
            self.parse_article: "article",
            self.parse_sitemap: "sitemap",
            self.parse_listing: "listing",
            self.parse_feed: "feed",
            self.parse_robots: "robots",
        }.get(request.callback, "other")

    def report_failure(self, url: str, kind: str, page: str = "article") -> None:
        self.crawler.stats.inc_value(f"osce/failed/{kind}")
        self.logger.warning("failed %s: %s", url, kind)
        self.send(osce_signals.page_failed, url=url, kind=kind, page=page)

    def send(self, signal: object, **kwargs: Any) -> None:
        self.crawler.signals.send_catch_log(signal=signal, **kwargs)


#: a sitemap's entries held as one string while its requests go out (parse_sitemap):
#: characters XML text cannot hold separate them
_ENTRY_END, _LASTMOD = "\x00", "\x01"
_ENTRY = re.compile(r"([^\x00\x01]*)\x01([^\x00]*)")


def _sitemap_entries(entries: str) -> Iterator[tuple[str, str | None]]:
    """Each (loc, lastmod or None) of a sitemap's entries string, one at a time."""
    for match in _ENTRY.finditer(entries):
        yield match[1], match[2] or None


@lru_cache(maxsize=8192)
def _canonical_url(path_or_url: str, base: str, netloc: str) -> str:
    """Cached: every listing page links to the same few hundred menu pages again."""
    return canonicalise(urljoin(base, path_or_url), netloc)


def _is_decision(error: BaseException) -> bool:
    """An IgnoreRequest that says no by design (robots.txt, scope), not a failed download."""
    text = str(error)
    return text.startswith(("out of scope", "Filtered offsite")) or "robots.txt" in text


def _ignored_kind(text: str) -> str:
    """A short, groupable reason for a download Scrapy gave up on."""
    if "DOWNLOAD_MAXSIZE" in text or "max size" in text:
        return "too large (DOWNLOAD_MAXSIZE)"
    if "redirections" in text:
        return "too many redirects"
    return "ignored: " + text[:60]
