"""Crawl progress: a live line on a terminal; under cron, Scrapy's periodic log lines only."""

from __future__ import annotations

import sys
import time

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from twisted.internet import task

from osce_crawler.archive.errors import is_storage_full
from osce_crawler.collector import collect_rarely, restore


def crawl_counts(stats: dict, store: object | None = None) -> dict[str, float]:
    """The figures a person watching a crawl wants, from Scrapy's stats; while the crawl
    runs, the items written so far come from the archive's own counts (``store``)."""
    if "osce/errors" in stats:  # the run has ended: the manifest's count, exactly
        errors = stats["osce/errors"]
    else:  # while it runs: failures reported so far, and errors logged
        errors = sum(v for k, v in stats.items() if k.startswith("osce/failed/"))
        errors += sum(v for k, v in stats.items() if k.startswith("log_count/ERROR"))
        errors += sum(v for k, v in stats.items() if k.startswith("spider_exceptions/"))
    items = stats.get("osce/items_written")
    if items is None:
        counts = getattr(store, "counts", None)
        if counts is not None:
            items = counts.new + counts.updated + counts.removed
        else:
            items = stats.get("osce/items_new", 0) + stats.get("osce/items_updated", 0)
    return {
        "pages": stats.get("response_received_count", 0),
        "requests": stats.get("downloader/request_count", 0),
        "items": items,
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
        store = getattr(self.crawler, "archive_store", None)
        counts = crawl_counts(self.crawler.stats.get_stats(), store)
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


#: Scrapy loggers that build a DEBUG record for every response ("Crawled (200) ...") and
#: every item ("Scraped from ...", the whole item as an argument)
PER_PAGE_LOGGERS = ("scrapy.core.engine", "scrapy.core.scraper")


def skip_unlogged_records(level: str | int) -> None:
    """Scrapy filters records below LOG_LEVEL in its handler, after building them: two
    records per page that nobody sees (about 1 % of the engine's time). Raising these
    loggers' own level to LOG_LEVEL skips them before they are built; what is logged
    (and counted in the ``log_count/...`` stats, filtered at LOG_LEVEL too) is the same."""
    import logging

    number = logging.getLevelName(level) if isinstance(level, str) else level
    if not isinstance(number, int):
        return
    for name in PER_PAGE_LOGGERS:  # set by each crawl: a later one may log more
        logging.getLogger(name).setLevel(number)


class EngineGarbageCollection:
    """The crawl's process collects garbage less often, and never walks its start-up objects.

    Python's collector runs after every 700 new objects and, now and then, walks every
    object of the process, Scrapy's and Twisted's modules included: 8 % of the engine's
    CPU in a 3,000-article crawl, 2 % with what exists when the spider opens frozen
    (``gc.freeze``) and ENGINE_GC_THRESHOLD new objects between collections. Undone when
    the spider closes (another crawl may follow in the same process). 0 turns it off.
    """

    def __init__(self, threshold: int):
        self.threshold = threshold
        self.previous: tuple[int, ...] | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> EngineGarbageCollection:
        threshold = crawler.settings.getint("ENGINE_GC_THRESHOLD", 0)
        if threshold <= 0:
            raise NotConfigured
        extension = cls(threshold)
        crawler.signals.connect(extension.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(extension.spider_closed, signal=signals.spider_closed)
        return extension

    def spider_opened(self, spider: object) -> None:
        self.previous = collect_rarely(self.threshold)

    def spider_closed(self, spider: object) -> None:
        if self.previous is not None:
            restore(self.previous)
            self.previous = None


class ArchiveExtension:
    """Opens the archive for the crawl, records what the spider reports, writes the manifest.

    The store it opens (``crawler.archive_store``) is what the WARC and conditional-request
    middlewares, the spider's incremental checks and the archive pipeline use.
    """

    def __init__(self, crawler: Crawler):
        from osce_crawler.archive.manifest import mark_killed_runs, write_manifest
        from osce_crawler.archive.store import ArchiveStore

        settings = crawler.settings
        self.crawler = crawler
        skip_unlogged_records(settings.get("LOG_LEVEL") or "DEBUG")
        self.store = ArchiveStore.open(
            settings.get("ARCHIVE_DIR", "archive"), warc_max_size=settings.getint("WARC_MAX_SIZE")
        )
        self.killed = mark_killed_runs(self.store.paths.runs)
        self.write_manifest = write_manifest
        crawler.archive_store = self.store  # type: ignore[attr-defined]
        crawler.archive_extension = self  # type: ignore[attr-defined]  # for a forced stop

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArchiveExtension:
        from osce_crawler import signals as osce_signals

        extension = cls(crawler)
        connect = crawler.signals.connect
        connect(extension.spider_opened, signal=signals.spider_opened)
        connect(extension.spider_closed, signal=signals.spider_closed)
        connect(extension.page_unchanged, signal=osce_signals.page_unchanged)
        connect(extension.page_gone, signal=osce_signals.page_gone)
        connect(extension.page_failed, signal=osce_signals.page_failed)
        connect(extension.item_dropped, signal=signals.item_dropped)
        connect(extension.item_error, signal=signals.item_error)
        return extension

    def page_unchanged(self, url: str, lastmod: str | None = None) -> None:
        self.store.page_unchanged(url, lastmod)

    def page_gone(self, url: str, status: int, warc: dict | None = None) -> None:
        if not self.store.remove_url(url, status, warc):
            self.store.counts.error(f"http {status}", url, "article")

    def page_failed(self, url: str, kind: str, page: str = "article") -> None:
        self.store.counts.error(kind, url, page)

    def item_dropped(self, item: dict, response: object, exception: Exception, **_: object) -> None:
        """Every item lost on its way to the archive is in the manifest's errors."""
        reason = str(exception).split(" http", 1)[0].split(":", 1)[0].strip() or "dropped"
        self.store.counts.error(f"item dropped: {reason}", str(item.get("url")), "item")

    def item_error(self, item: dict, response: object, failure: object, **_: object) -> None:
        error = getattr(failure, "value", failure)
        self.store.counts.error(f"item lost: {type(error).__name__}", str(item.get("url")), "item")

    def manifest(self, verdict: str, stats: dict, ended: str | None) -> dict:
        from osce_crawler.archive.manifest import EXIT_CODES, versions
        from osce_crawler.archive.store import iso
        from osce_crawler.drift import histogram, layer_failures

        store, counts = self.store, self.store.counts
        statuses = {
            key.rsplit("/", 1)[-1]: value
            for key, value in stats.items()
            if key.startswith("downloader/response_status_count/")
        }
        warc = store.warc
        spider = self.crawler.spider
        return {
            "run_id": store.run_id,
            "started": iso(store.started),
            "ended": ended,
            "duration_seconds": round(stats.get("elapsed_time_seconds") or 0, 3),
            "arguments": getattr(spider, "arguments", {}),
            "archive": str(store.paths.root),
            "versions": versions(),
            "requests": stats.get("downloader/request_count", 0),
            "responses_by_status": statuses,
            "items": {
                "new": counts.new,
                "updated": counts.updated,
                "unchanged": counts.unchanged,
                "removed": counts.removed,
                "not_fetched_unchanged_lastmod": counts.skipped_unchanged,
                "quarantined": counts.quarantined,
            },
            "errors": {
                kind: {"count": len(urls), "urls": urls[:100]}
                for kind, urls in counts.errors.items()
            },
            # the request that showed the site cannot be reached; the errors above are then
            # the requests the run dropped unmade
            "unreachable": (
                {"url": stats["osce/unreachable_url"], "error": stats["osce/unreachable_error"]}
                if stats.get("osce/unreachable_url")
                else None
            ),
            "bytes_stored": {
                "warc": warc.bytes_written if warc else 0,
                "items": store.items_path.stat().st_size if store.items_path else 0,
                "files": stats.get("file_status_count/downloaded", 0),
            },
            "files": {
                "items": str(store.items_path) if store.items_path else None,
                "warc": [
                    str(store.paths.warc / n) for n in (warc.finished_names() if warc else [])
                ],
            },
            "provenance": histogram(stats),  # field -> layer -> article pages
            "layer_failures": layer_failures(stats),
            "repaired_at_open": store.repairs,
            "earlier_runs_found_killed": self.killed,
            "monitors": getattr(self, "monitor_outcome", None),
            "verdict": verdict,
            "exit_code": EXIT_CODES.get(verdict),
        }

    def spider_opened(self, spider: object) -> None:
        self.write_manifest(self.store.paths.runs, self.manifest("running", {}, None))

    def _close_on_full_disk(self, stats: dict) -> None:
        """No room for a manifest either, perhaps: say it on stderr, try, exit 5."""
        from osce_crawler.archive.manifest import EXIT_CODES
        from osce_crawler.archive.store import iso, utc_now

        message = (
            f"osce-archive: the archive's disk is full ({stats['osce/storage_full']}): the run "
            f"stopped; free space and run again, the archive resumes where it stopped"
        )
        print(message, file=sys.stderr)
        self.crawler.stats.set_value("osce/verdict", "storage_full")
        self.crawler.stats.set_value("osce/exit_code", EXIT_CODES["storage_full"])
        try:
            self.monitor_outcome = None
            manifest = self.manifest("storage_full", stats, iso(utc_now()))
            self.write_manifest(self.store.paths.runs, manifest)
        except OSError:
            pass  # the message above is the record; the next run marks this one killed

    def verdict(self, stats: dict) -> str:
        """The run's verdict: interrupted, or errors when a monitor failed, else success.

        Runs the Spidermon monitors (osce_crawler/monitors.py) and keeps their outcome for
        the manifest's "monitors" section; the error-rate rule stands even with
        MONITORS_ENABLED off.
        """
        import logging

        from osce_crawler.monitors import error_rate, run_monitors

        settings = self.crawler.settings
        self.monitor_outcome: dict | None = None
        if settings.getbool("MONITORS_ENABLED", True):
            try:
                self.monitor_outcome = run_monitors(self.crawler, self.store, stats)
            except Exception as error:  # the run stands; that it went unmonitored is a failure
                logging.getLogger(__name__).exception("the monitors could not run")
                self.monitor_outcome = {
                    "passed": False,
                    "error": f"the monitors could not run: {type(error).__name__}: {error}",
                }
        if stats.get("finish_reason") == "shutdown":
            return "interrupted"
        if stats.get("finish_reason") == "unreachable":
            return "unreachable"
        if stats.get("osce/storage_full"):
            return "storage_full"
        failed, _, rate = error_rate(self.crawler.spider, self.store.counts)
        if failed and rate > settings.getfloat("MAX_ERROR_RATE", 0.02):
            return "errors"
        if self.monitor_outcome is not None and not self.monitor_outcome["passed"]:
            return "errors"
        return "success"

    def spider_closed(self, spider: object, reason: str) -> None:
        self.close_run(reason)

    def close_run(self, reason: str, forced: bool = False) -> None:
        """Close the store, write the manifest and the verdict: once, whether Scrapy closes
        the spider or an interrupted crawl is stopped before Scrapy could (``forced``: a
        second Ctrl-C, or downloads that do not end within SHUTDOWN_GRACE seconds)."""
        if getattr(self, "closed", False):
            return
        self.closed = True
        from osce_crawler.archive.cdxj import update_cdxj
        from osce_crawler.archive.manifest import EXIT_CODES
        from osce_crawler.archive.store import iso, utc_now

        item_stats = getattr(self.crawler, "item_stats", None)
        if item_stats is not None:  # added already, unless a forced stop closed no pipeline
            item_stats.add_to(self.crawler.stats)
        stats = self.crawler.stats.get_stats()
        stats.setdefault("finish_reason", reason)
        if forced:
            # callbacks the reactor runs before it stops find no archive and write nothing
            self.crawler.archive_store = None  # type: ignore[attr-defined]
            self.crawler.stats.set_value("finish_reason", stats["finish_reason"])
            self.crawler.stats.set_value("osce/forced_stop", True)
            started = stats.get("start_time")
            if started is not None and "elapsed_time_seconds" not in stats:
                elapsed = (utc_now() - started).total_seconds()
                self.crawler.stats.set_value("elapsed_time_seconds", elapsed)
            stats = self.crawler.stats.get_stats()
        try:
            self.store.close()
        except Exception as error:
            if not is_storage_full(error):
                raise
            # what was written stays valid: the next open repairs any torn tail
            self.crawler.stats.set_value("osce/storage_full", str(error))
            stats["osce/storage_full"] = str(error)
        if stats.get("osce/storage_full"):
            self._close_on_full_disk(stats)
            return
        try:
            update_cdxj(self.store.paths)
        except Exception as error:  # the index for replay can be rebuilt; the run stands
            self.store.counts.error(
                f"cdxj index: {type(error).__name__}", str(self.store.paths.cdxj)
            )
        verdict = self.verdict(stats)
        manifest = self.manifest(verdict, stats, iso(utc_now()))
        self.write_manifest(self.store.paths.runs, manifest)
        self.crawler.stats.set_value("osce/verdict", verdict)
        self.crawler.stats.set_value("osce/exit_code", EXIT_CODES[verdict])
        self.crawler.stats.set_value(
            "osce/manifest", str(self.store.paths.runs / f"{self.store.run_id}.json")
        )
        self.crawler.stats.set_value(
            "osce/items_file", str(self.store.items_path) if self.store.items_path else None
        )
        # the terminal summary says what the manifest says
        self.crawler.stats.set_value(
            "osce/errors", sum(len(urls) for urls in self.store.counts.errors.values())
        )
        self.crawler.stats.set_value("osce/failed_by_page", dict(self.store.counts.failed))
        self.crawler.stats.set_value(
            "osce/items_written",
            self.store.counts.new + self.store.counts.updated + self.store.counts.removed,
        )
