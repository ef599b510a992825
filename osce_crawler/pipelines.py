"""Item pipelines: validate, drop duplicates, fetch attachments, write the archive.

Each does one thing; the writer is its own pipeline so that the archive format can be
replaced without touching the others.
"""

from __future__ import annotations

import hashlib
import logging
import mimetypes
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.pipelines.files import FilesPipeline

from osce_crawler.item import ITEM_KEYS

logger = logging.getLogger(__name__)


class ValidateItemPipeline:
    """Every key present, and the fields no item can do without filled in."""

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ValidateItemPipeline:
        return cls(crawler)

    def process_item(self, item: dict[str, Any], spider: Spider | None = None) -> dict[str, Any]:
        missing = [key for key in ITEM_KEYS if key not in item]
        empty = [key for key in ("url", "title", "body", "language") if not item.get(key)]
        if missing or empty:
            self.stats.inc_value("osce/invalid_items")
            reason = f"missing {missing}, empty {empty}"
            store = getattr(self.crawler, "archive_store", None)
            if store is not None:
                store.quarantine_item(item, reason)
            raise DropItem(f"invalid item {item.get('url')}: {reason}")
        return item


class DropDuplicatesPipeline:
    """One item per canonical URL and language within a run."""

    def __init__(self, crawler: Crawler):
        self.stats = crawler.stats
        self.seen: set[tuple[str, str]] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DropDuplicatesPipeline:
        return cls(crawler)

    def process_item(self, item: dict[str, Any], spider: Spider | None = None) -> dict[str, Any]:
        key = (item.get("canonical_url") or item["url"], item["language"])
        if key in self.seen:
            self.stats.inc_value("osce/duplicate_items")
            raise DropItem(f"duplicate item {key[0]} ({key[1]})")
        self.seen.add(key)
        return item


class AttachmentFilesPipeline(FilesPipeline):
    """With --with-files: download attachments, store each once by its SHA-256."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> AttachmentFilesPipeline:
        if not crawler.settings.get("FILES_STORE"):
            raise NotConfigured  # attachments are only downloaded with --with-files
        return super().from_crawler(crawler)

    def get_media_requests(self, item: dict[str, Any], info: Any) -> list[Request]:
        return [Request(a["url"]) for a in item["attachments"]]

    def file_path(
        self, request: Request, response: Any = None, info: Any = None, *, item: Any = None
    ) -> str:
        if response is None:
            # asked before the download: a path that never exists, so it is fetched
            return "pending/" + hashlib.sha1(request.url.encode()).hexdigest()
        digest = hashlib.sha256(response.body).hexdigest()
        suffix = Path(urlsplit(request.url).path).suffix.lower()
        if not suffix or len(suffix) > 6:
            content_type = response.headers.get("Content-Type", b"").decode().split(";")[0]
            suffix = mimetypes.guess_extension(content_type) or ""
        return f"sha256/{digest[:2]}/{digest}{suffix}"

    def item_completed(self, results: list, item: dict[str, Any], info: Any) -> dict[str, Any]:
        stored = {result["url"]: result["path"] for ok, result in results if ok}
        for attachment in item["attachments"]:
            path = stored.get(attachment["url"])
            if path:
                attachment["path"] = f"files/{path}"
                attachment["sha256"] = Path(path).stem
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
        if store is not None:
            outcome = store.add_item(item, item.get("sitemap_lastmod"))
            self.crawler.stats.inc_value(f"osce/items_{outcome}")
        return item
