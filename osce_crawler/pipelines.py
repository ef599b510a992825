"""Item pipelines: validate, drop duplicates, fetch attachments, write the archive.

Each does one thing; the writer is its own pipeline so that the archive format can be
replaced without touching the others.
"""

from __future__ import annotations

import hashlib
import logging
import mimetypes
import re
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.pipelines.files import FilesPipeline
from scrapy.utils.defer import deferred_from_coro

from osce_crawler.archive.errors import is_storage_full
from osce_crawler.diskset import DiskScratch
from osce_crawler.drift import count_item
from osce_crawler.item import ITEM_KEYS
from osce_crawler.prepared import forget_prepared, item_schema_errors

logger = logging.getLogger(__name__)


class ItemStats:
    """The per-item counts (about 35 an item), kept here and added to Scrapy's stats in one
    go (``add_to``): each of Scrapy's ``inc_value`` calls goes through its stats wrapper,
    about 2 % of the engine's time in a crawl. Only the run's end reads these counts (the
    manifest, the monitors and the final stats dump): ``ValidateItemPipeline.close_spider``
    adds them before the ``spider_closed`` signal, and ``ArchiveExtension.close_run`` before
    it reads the stats, for a forced stop that closes no pipeline."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.values: dict[str, Any] = {}

    def inc_value(self, key: str, count: int = 1) -> None:
        self.counts[key] += count

    def get_value(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    def set_value(self, key: str, value: Any) -> None:
        self.values[key] = value

    def add_to(self, stats: Any) -> None:
        """Add the counts to ``stats`` (once: they start again from zero) and set the values."""
        counts, self.counts = self.counts, Counter()
        for key, count in counts.items():
            stats.inc_value(key, count)
        for key, value in self.values.items():
            stats.set_value(key, value)


class ValidateItemPipeline:
    """Every item checked against the shipped JSON Schema before anything is written.

    An item that fails goes to ``quarantine/<run-id>.rejected.jsonl`` with the reasons and
    is counted (``osce/invalid_items``, the manifest's ``items.quarantined``). Before the
    check, which item keys are filled in is counted too (``osce/items_checked``,
    ``osce/field_present/<key>``), and which layer found each key field
    (``osce_crawler/drift.py``): the field-coverage and markup-drift monitors read those.
    """

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.stats = ItemStats()  # added to Scrapy's stats when the spider closes
        crawler.item_stats = self.stats  # type: ignore[attr-defined]  # for a forced stop

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ValidateItemPipeline:
        return cls(crawler)

    def close_spider(self, spider: Spider | None = None) -> None:
        self.stats.add_to(self.crawler.stats)

    def process_item(self, item: dict[str, Any], spider: Spider | None = None) -> dict[str, Any]:
        self.stats.inc_value("osce/items_checked")
        count_item(self.stats, item)  # the provenance histogram and the drift signs
        for key in ITEM_KEYS:
            if item.get(key) not in (None, "", [], {}):
                self.stats.inc_value(f"osce/field_present/{key}")
        # the archived keys' errors, described in the order of their paths: found in the
        # extraction process when the item came from there (prepared.py), else here
        errors = item_schema_errors(item)
        if errors:
            self.stats.inc_value("osce/invalid_items")
            reason = "; ".join(errors[:10])
            if len(errors) > 10:
                reason += f"; and {len(errors) - 10} more"
            store = getattr(self.crawler, "archive_store", None)
            if store is not None:
                store.quarantine_item(item, reason)
            raise DropItem(f"invalid item {item.get('url')}: {reason}")
        return item


class DropDuplicatesPipeline:
    """One item per canonical URL and language within a run."""

    def __init__(self, crawler: Crawler):
        self.stats = crawler.stats
        self.scratch = DiskScratch()  # one identity per item: on disk, memory stays flat
        self.seen = self.scratch.set("identities")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DropDuplicatesPipeline:
        return cls(crawler)

    def close_spider(self, spider: Spider | None = None) -> None:
        self.scratch.close()

    def process_item(self, item: dict[str, Any], spider: Spider | None = None) -> dict[str, Any]:
        url, language = item.get("canonical_url") or item["url"], item["language"]
        if not self.seen.add(f"{language} {url}"):
            self.stats.inc_value("osce/duplicate_items")
            raise DropItem(f"duplicate item {url} ({language})")
        return item


def _reason(error: ValueError) -> str:
    text = str(error)
    return text if text.startswith(("not an", "off-site", "malformed")) else "malformed address"


_SAFE_SUFFIX = re.compile(r"\.[a-z0-9]{1,5}")


class AttachmentFilesPipeline(FilesPipeline):
    """With --with-files: download attachments, store each once by its SHA-256."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> AttachmentFilesPipeline:
        if not crawler.settings.get("FILES_STORE"):
            raise NotConfigured  # attachments are only downloaded with --with-files
        return super().from_crawler(crawler)

    def get_media_requests(self, item: dict[str, Any], info: Any) -> list[Request]:
        """A request for each usable attachment link; the others are skipped with a warning.

        Usable: an http(s) URL with a host, on the crawled site. A ``javascript:`` or
        ``mailto:`` link, a malformed address or an off-site file never costs the article:
        the item is archived without that file, and the manifest's errors name the link.
        """
        return [request for _, request in self._requests(item)]

    def _requests(self, item: dict[str, Any], report: bool = True) -> list[tuple[str, Request]]:
        """(URL, request) of each usable attachment; ``report``: warn about the others."""
        netloc = getattr(self.crawler.spider, "netloc", None)
        made = []
        for attachment in item.get("attachments") or []:
            url = str(attachment.get("url") or "")
            try:
                parts = urlsplit(url)
                if parts.scheme not in ("http", "https"):
                    raise ValueError(f"not an http(s) address ({parts.scheme or 'no'} scheme)")
                if not parts.hostname:
                    raise ValueError("malformed address (no host)")
                if netloc is not None and parts.netloc != netloc:
                    raise ValueError("off-site (outside the crawl's scope)")
                request = Request(url)
            except ValueError as error:
                if report:
                    self._skipped(item, url, f"attachment skipped: {_reason(error)}")
                continue
            made.append((url, request))
        return made

    def _skipped(self, item: dict[str, Any], url: str, reason: str) -> None:
        logger.warning("%s: %s (in %s)", reason, url[:200], item.get("url"))
        self.crawler.stats.inc_value("osce/attachments_skipped")
        store = getattr(self.crawler, "archive_store", None)
        if store is not None:
            store.counts.error(reason, url, "attachment")

    def file_path(
        self, request: Request, response: Any = None, info: Any = None, *, item: Any = None
    ) -> str:
        if response is None:
            # asked before the download: a path that never exists, so it is fetched
            return "pending/" + hashlib.sha1(request.url.encode()).hexdigest()
        digest = hashlib.sha256(response.body).hexdigest()
        suffix = Path(urlsplit(request.url).path).suffix.lower()
        if not _SAFE_SUFFIX.fullmatch(suffix):  # nothing a URL says may shape the path
            content_type = response.headers.get("Content-Type", b"").decode().split(";")[0]
            suffix = mimetypes.guess_extension(content_type) or ""
        return f"sha256/{digest[:2]}/{digest}{suffix}"

    def item_completed(self, results: list, item: dict[str, Any], info: Any) -> dict[str, Any]:
        stored = {result["url"]: result["path"] for ok, result in results if ok}
        for (url, _), (ok, _) in zip(self._requests(item, report=False), results, strict=False):
            if not ok:
                self._skipped(item, url, "attachment not downloaded")
        for attachment in item["attachments"]:
            path = stored.get(attachment["url"])
            if path:
                attachment["path"] = f"files/{path}"
                attachment["sha256"] = Path(path).stem
                forget_prepared(item)  # its archived JSON is out of date
        return item


class ArchivePipeline:
    """Hands each item to the archive, which writes a version line only when it changed."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArchivePipeline:
        return cls(crawler)

    def process_item(self, item: dict[str, Any], spider: Spider | None = None) -> dict[str, Any]:
        store = getattr(self.crawler, "archive_store", None)
        if store is None:
            return item
        try:
            outcome = store.add_item(item, item.get("sitemap_lastmod"))
        except Exception as error:
            if not is_storage_full(error):
                raise
            self.crawler.stats.set_value("osce/storage_full", str(error))
            logger.error("the archive's disk is full (%s): stopping the run", error)
            deferred_from_coro(self.crawler.engine.close_spider_async(reason="storage_full"))
            raise DropItem(f"not archived, disk full: {item['url']}") from error
        self.crawler.stats.inc_value(f"osce/items_{outcome}")
        return feed_line(item, store, outcome)


def feed_line(item: dict[str, Any], store: Any, outcome: str) -> dict[str, Any]:
    """What a feed (``scrapy crawl osce -O items.jsonl``) carries: exactly the archive
    line's keys, never the pipeline's own (``sitemap_lastmod``). A new or changed item is
    the line just written; an unchanged one is the archived version (its ``previous_hash``
    and ``run_id`` are those of no line written now: null)."""
    from osce_crawler.archive.store import ARCHIVE_KEYS
    from osce_crawler.item import ITEM_KEYS

    written = getattr(store, "last_line", None)
    if outcome in ("new", "updated") and written is not None:
        return dict(written)
    line = {key: item.get(key) for key in ITEM_KEYS}
    line.update(dict.fromkeys(ARCHIVE_KEYS))
    known = store.index.item(item.get("canonical_url") or item["url"], item["language"])
    if known is not None:
        line.update(
            content_hash=known.content_hash,
            version=known.version,
            first_seen=known.first_seen,
            last_seen=known.last_seen,
            removed_at=known.removed_at,
        )
    line["warc"] = item.get("warc")
    return line
