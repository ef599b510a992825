"""The osce spider: finds osce.org's articles and requests each once per language.

Discovery: robots.txt and its sitemaps (with ``lastmod``), the listings and their
pagination, the RSS feed, the field-of-work pages, and links between articles. Whether a
page is an article is decided by its URL pattern and then by its content (the extractor's
``page_kind``), never by the page that linked to it. The spider only finds and requests
pages; extraction is the extractor's, storage the pipelines'.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import urljoin, urlsplit

import scrapy
from scrapy.exceptions import CloseSpider
from scrapy.http import Response, TextResponse
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots

from osce_crawler.content_types import content_type_key
from osce_crawler.extract import extract_article
from osce_crawler.options import parse_options
from osce_crawler.urls import canonicalise, is_article_url, url_language

LISTING_PATHS = ("/press-releases", "/news", "/stories", "/resources/documents")
FEED_PATHS = ("/press-releases/rss",)
FIELD_OF_WORK_PATHS = (
    "/arms-control",
    "/border-management",
    "/combating-trafficking-in-human-beings",
    "/conflict-prevention-and-resolution",
    "/countering-terrorism",
    "/cyber-ict-security",
    "/democratization",
    "/economic-activities",
    "/education",
    "/elections",
    "/environmental-activities",
    "/gender-equality",
    "/good-governance",
    "/human-rights",
    "/media-freedom-and-development",
    "/migration",
    "/national-minority-issues",
    "/policing",
    "/reform-and-cooperation-in-the-security-sector",
    "/roma-and-sinti",
    "/rule-of-law",
    "/tolerance-and-nondiscrimination",
    "/youth",
)
#: languages whose listings are requested when no --lang is given (others come by links)
LISTING_LANGUAGES = ("en", "ru", "de", "fr")


class OsceSpider(scrapy.Spider):
    name = "osce"

    def __init__(
        self,
        base_url: str | None = None,
        archive: str | None = None,
        since: str | None = None,
        until: str | None = None,
        lang: str | None = None,
        type: str | None = None,  # noqa: A002 (mirrors --type)
        max_items: str | None = None,
        with_files: str | bool = False,
        **kwargs: Any,
    ):
        super().__init__(**kwargs)
        self.options = parse_options(
            base_url, archive, since, until, lang, type, max_items, with_files, check_archive=False
        )
        self.base_url = self.options.base_url
        self.netloc = urlsplit(self.base_url).netloc
        self.items_yielded = 0
        self.skipped: dict[str, int] = {}

    # -- discovery ------------------------------------------------------------------------
    async def start(self) -> AsyncIterator[scrapy.Request]:
        yield scrapy.Request(
            self.url("/robots.txt"),
            self.parse_robots,
            errback=self.robots_failed,
            meta={"dont_obey_robotstxt": True},
            priority=10,
        )
        for language in self.listing_languages():
            prefix = "" if language == "en" else f"/{language}"
            for path in LISTING_PATHS:
                yield scrapy.Request(self.url(prefix + path), self.parse_listing, priority=5)
        if not self.options.languages or "en" in self.options.languages:
            for path in FEED_PATHS:
                yield scrapy.Request(self.url(path), self.parse_feed, priority=5)
            for path in FIELD_OF_WORK_PATHS:
                yield scrapy.Request(self.url(path), self.parse_listing, priority=1)

    def listing_languages(self) -> tuple[str, ...]:
        if self.options.languages:
            return tuple(sorted(self.options.languages))
        return LISTING_LANGUAGES

    def url(self, path_or_url: str, base: str | None = None) -> str:
        return canonicalise(urljoin(base or self.base_url + "/", path_or_url), self.netloc)

    def in_scope(self, url: str) -> bool:
        return urlsplit(url).netloc == self.netloc

    def wanted_language(self, url: str) -> bool:
        return not self.options.languages or url_language(url) in self.options.languages

    def article_request(self, url: str, **meta: Any) -> scrapy.Request | None:
        url = self.url(url)
        if not self.in_scope(url) or not is_article_url(url) or not self.wanted_language(url):
            return None
        return scrapy.Request(url, self.parse_article, meta=meta, priority=0)

    def parse_robots(self, response: Response) -> Iterator[scrapy.Request]:
        sitemaps = list(sitemap_urls_from_robots(response.body, base_url=response.url))
        for sitemap in sitemaps or [self.url("/sitemap.xml")]:
            if self.in_scope(self.url(sitemap)):
                yield scrapy.Request(self.url(sitemap), self.parse_sitemap, priority=8)

    def robots_failed(self, failure: Any) -> Iterator[scrapy.Request]:
        self.logger.warning("robots.txt unavailable (%s): trying /sitemap.xml", failure.value)
        yield scrapy.Request(self.url("/sitemap.xml"), self.parse_sitemap, priority=8)

    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        try:
            sitemap = Sitemap(response.body)
        except Exception as error:  # malformed XML: recorded, never fatal
            self.skip("malformed sitemap", response.url, error)
            return
        for entry in sitemap:
            loc = entry.get("loc", "")
            if sitemap.type == "sitemapindex":
                if self.in_scope(self.url(loc)):
                    yield scrapy.Request(self.url(loc), self.parse_sitemap, priority=8)
                continue
            lastmod = (entry.get("lastmod") or "")[:10]
            if self.options.since and lastmod and lastmod < self.options.since.isoformat():
                continue  # unchanged since before --since: published before it too
            request = self.article_request(loc, lastmod=lastmod or None)
            if request is not None:
                yield request

    def parse_listing(self, response: Response) -> Iterator[scrapy.Request]:
        if not isinstance(response, TextResponse):
            return
        dates: list[str] = []
        for teaser in response.css(
            ".teaser, .search-result-news, .osce-figure-content, li, article"
        ):
            href = teaser.css("a::attr(href)").get()
            if not href:
                continue
            request = self.article_request(urljoin(response.url, href))
            if request is None:
                continue
            stamp = teaser.css("time::attr(datetime)").get() or ""
            dates.append(stamp[:10])
            if self.options.since and stamp and stamp[:10] < self.options.since.isoformat():
                continue
            yield request
        older = (
            self.options.since
            and dates
            and all(d and d < self.options.since.isoformat() for d in dates)
        )
        if older:
            return  # entries run newest first: nothing further is new enough
        page = response.meta.get("listing_page", 0)
        next_href = response.css(
            'a[rel="next"]::attr(href), .pager__item--next a::attr(href), li.pager-next > a::attr(href)'
        ).get()
        limit = self.settings.getint("LISTING_MAX_PAGES", 2000)
        if next_href and dates and page + 1 < limit:
            yield scrapy.Request(
                self.url(next_href, response.url),
                self.parse_listing,
                meta={"listing_page": page + 1},
                priority=4,
            )

    def parse_feed(self, response: Response) -> Iterator[scrapy.Request]:
        for link in response.xpath("//item/link/text()").getall():
            request = self.article_request(link.strip())
            if request is not None:
                yield request

    # -- articles -------------------------------------------------------------------------
    def parse_article(self, response: Response) -> Iterator[Any]:
        if not isinstance(response, TextResponse):
            self.skip("not an HTML page", response.url)
            return
        article = extract_article(response.body, response.url)
        if not article.is_article:
            self.skip(f"not an article ({article.page_kind})", response.url)
            return
        for translation in article.translations:
            request = self.article_request(translation.url)
            if request is not None:
                yield request
        for href in response.css(
            ".related-content a::attr(href), .pane-related-news a::attr(href)"
        ).getall():
            request = self.article_request(urljoin(response.url, href))
            if request is not None:
                yield request
        if not self.wanted(article.language, article.content_type, article.published):
            return
        if self.options.max_items and self.items_yielded >= self.options.max_items:
            raise CloseSpider("max_items")
        self.items_yielded += 1
        yield article.to_dict()

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

    def skip(self, reason: str, url: str, error: object = None) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + 1
        self.crawler.stats.inc_value(f"osce/skipped/{reason}")
        self.logger.info("skipped %s: %s%s", url, reason, f" ({error})" if error else "")
