"""What the archive needs of an extracted item that depends on the item alone.

Three things are computed from an item before it is archived: its content hash (what makes
two versions the same), the schema's verdict on its archived keys, and those keys encoded as
JSON (the head of the archive line). Each has one definition here. In a crawl or a
``reextract`` they are computed where the item is made, in the extraction process
(``extraction_pool.extract_page``), and travel with the item as an ``ExtractedItem``; the
engine's process, which is the crawl's bottleneck, then only reads them. Every decision
(quarantine, duplicates, versions, what is written and in which order) stays with the
engine. An item that is a plain dict (made elsewhere, or copied) gets the same values
computed on demand, so the result never depends on where the work was done.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from typing import Any, NamedTuple

from osce_crawler.item import ITEM_KEYS

_ARCHIVED = frozenset(ITEM_KEYS)


def content_hash(title: str | None, body: str | None) -> str:
    """SHA-256 of the normalised title and body: what makes two versions the same."""
    text = "\n\n".join(
        " ".join(unicodedata.normalize("NFC", part or "").split()) for part in (title, body)
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def schema_errors(item: dict[str, Any]) -> list[str]:
    """The schema's objections to the item's archived keys ("warc", "sitemap_lastmod" and
    the like ride along unchecked), in the order of their paths; empty when it is valid."""
    from osce_crawler.schema import item_errors

    return item_errors({key: item[key] for key in ITEM_KEYS if key in item})


def archived_json(item: dict[str, Any]) -> str:
    """The item's archived keys, in order, as the JSON object that begins its archive line
    (``json.dumps`` of the line's dict gives the same text up to its closing brace)."""
    return json.dumps({key: item.get(key) for key in ITEM_KEYS}, ensure_ascii=False)


class PreparedItem(NamedTuple):
    """The item's content hash, schema errors and archived JSON, computed together."""

    content_hash: str
    errors: list[str]
    archived_json: str


def prepare(item: dict[str, Any]) -> PreparedItem:
    return PreparedItem(
        content_hash(item.get("title"), item.get("body")),
        schema_errors(item),
        archived_json(item),
    )


class ExtractedItem(dict):
    """An item as the extractor made it, with ``prepared`` (its ``PreparedItem``) beside
    its keys. A copy (``dict(item)``) is a plain dict, whose values are computed again when
    asked. Setting an archived key drops them (``item["title"] = ...``); code that changes
    one inside (an attachment's path in its list) calls ``forget_prepared``."""

    prepared: PreparedItem | None

    def __init__(self, item: dict[str, Any], prepared: PreparedItem | None = None):
        super().__init__(item)
        self.prepared = prepared

    def __setitem__(self, key: str, value: Any) -> None:
        if key in _ARCHIVED:
            self.prepared = None  # what was computed from the old value no longer holds
        super().__setitem__(key, value)


def extracted_item(item: dict[str, Any]) -> ExtractedItem:
    """The item with its prepared values (for the extraction process)."""
    return ExtractedItem(item, prepare(item))


def _prepared(item: dict[str, Any]) -> PreparedItem | None:
    return item.prepared if isinstance(item, ExtractedItem) else None


def item_content_hash(item: dict[str, Any]) -> str:
    known = _prepared(item)
    return known.content_hash if known else content_hash(item.get("title"), item.get("body"))


def item_schema_errors(item: dict[str, Any]) -> list[str]:
    known = _prepared(item)
    return known.errors if known else schema_errors(item)


def item_archived_json(item: dict[str, Any]) -> str:
    known = _prepared(item)
    return known.archived_json if known else archived_json(item)


def forget_prepared(item: dict[str, Any]) -> None:
    """The item changed after extraction (an attachment's stored path): compute again."""
    if isinstance(item, ExtractedItem):
        item.prepared = None
