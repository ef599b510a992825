"""Crawl progress: a live line on a terminal; under cron, Scrapy's periodic log lines only."""

from __future__ import annotations

import sys
import time

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from twisted.internet import task


def crawl_counts(stats: dict) -> dict[str, float]:
    """The figures a person watching a crawl wants, from Scrapy's stats."""
    errors = sum(v for k, v in stats.items() if k.startswith("log_count/ERROR"))
    errors += sum(v for k, v in stats.items() if k.startswith("spider_exceptions/"))
    return {
        "pages": stats.get("response_received_count", 0),
        "requests": stats.get("downloader/request_count", 0),
        "items": stats.get("osce/items_written", 0),
        "errors": errors,
    }


class CrawlProgress:
    """Rewrites one status line on stderr while a crawl runs, when stderr is a terminal."""

    def __init__(self, crawler: Crawler, interval: float):
        self.crawler = crawler
        self.interval = interval
        self.started = time.monotonic()
        self.loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlProgress:
        if not sys.stderr.isatty() or not crawler.settings.getbool("PROGRESS_ENABLED", True):
            raise NotConfigured  # no terminal: Scrapy's plain log lines only
        extension = cls(crawler, crawler.settings.getfloat("PROGRESS_INTERVAL", 0.5))
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self, spider: object) -> None:
        self.started = time.monotonic()
        self.loop = task.LoopingCall(self.show)
        self.loop.start(self.interval, now=False)

    def show(self) -> None:
        counts = crawl_counts(self.crawler.stats.get_stats())
        elapsed = max(time.monotonic() - self.started, 1e-6)
        sys.stderr.write(
            f"\r{counts['pages']:>7} pages fetched | {counts['items']:>7} items written | "
            f"{counts['errors']:>4} errors | {counts['pages'] / elapsed:6.1f} pages/s "
        )
        sys.stderr.flush()

    def spider_closed(self, spider: object) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        self.show()
        sys.stderr.write("\n")
