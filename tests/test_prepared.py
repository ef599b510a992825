"""What the archive computes from an item alone (content hash, schema errors, archived JSON)
is computed in the extraction process and used by the engine; the archive is the same."""

from __future__ import annotations

import json
import pickle

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from osce_crawler.archive.store import ArchiveStore
from osce_crawler.extraction_pool import ExtractionPool, extract_page
from osce_crawler.item import ITEM_KEYS
from osce_crawler.mirror.server import MirrorServer
from osce_crawler.mirror.site import MirrorSite
from osce_crawler.pipelines import ValidateItemPipeline
from osce_crawler.prepared import (
    ExtractedItem,
    PreparedItem,
    content_hash,
    extracted_item,
    prepare,
)
from osce_crawler.schema import item_errors

from .conftest import BASE_URL, crawl


def _lines(store: ArchiveStore) -> list[str]:
    return store.items_path.read_text("utf-8").splitlines()


def test_a_worker_s_item_carries_what_this_process_would_compute(mirror_pages, records):
    calls = [(html, f"{BASE_URL}{records[key]['path']}") for key, html in mirror_pages.items()]
    with ExtractionPool(1) as pool:
        pages = [page for page in pool.map(extract_page, calls, in_flight=4) if page.item]
    assert len(pages) > len(calls) / 2
    for page in pages:
        item = page.item
        assert isinstance(item, ExtractedItem)
        plain = dict(item)  # a copy is a plain dict: everything computed again, here
        assert item.prepared == (
            content_hash(plain["title"], plain["body"]),
            item_errors({key: plain[key] for key in ITEM_KEYS}),
            json.dumps({key: plain[key] for key in ITEM_KEYS}, ensure_ascii=False),
        )
        assert item.prepared.errors == []  # the mirror's pages are valid items


def test_an_extracted_item_survives_pickling_with_its_prepared_values(mirror_pages):
    item = extract_page(next(iter(mirror_pages.values())), f"{BASE_URL}/a/1").item
    copy = pickle.loads(pickle.dumps(item))
    assert type(copy) is ExtractedItem and copy == item and copy.prepared == item.prepared


def test_setting_an_archived_key_drops_the_prepared_values(mirror_pages):
    item = extract_page(next(iter(mirror_pages.values())), f"{BASE_URL}/a/1").item
    item["warc"] = {"filename": "x.warc.gz", "offset": 0, "record_id": "<urn:uuid:1>"}
    item["sitemap_lastmod"] = "2024-01-01"  # ride along: not archived, nothing to redo
    assert item.prepared is not None
    item["title"] = "Another title"
    assert item.prepared is None  # the hash and the JSON of the old title would be wrong


def test_the_archive_line_is_the_same_text_whether_prepared_or_not(tmp_path, mirror_pages):
    pages = [
        extract_page(html, f"{BASE_URL}/a/{n}") for n, html in enumerate(mirror_pages.values())
    ]
    items = [page.item for page in pages if page.item is not None]
    store = ArchiveStore.open(tmp_path / "a")
    try:
        for item in items:
            item["warc"] = {"file": "x.warc.gz", "offset": 7, "record_id": "<urn:uuid:1>"}
            assert store.add_item(item) == "new"
            prepared_line = _lines(store)[-1]
            assert prepared_line == json.dumps(store.last_line, ensure_ascii=False)
            # the same item as a plain dict, edited so that it is a new version of itself
            plain = dict(item, body=(item["body"] or "") + " Edited.")
            assert store.add_item(plain) == "updated"
            plain_line = _lines(store)[-1]
            assert plain_line == json.dumps(store.last_line, ensure_ascii=False)
            assert json.loads(plain_line)["content_hash"] == content_hash(
                plain["title"], plain["body"]
            )
    finally:
        store.close()


def test_the_archive_uses_the_worker_s_hash_and_json(tmp_path, mirror_pages):
    """What the extraction process computed is what the archive records: the engine does
    not compute it again (a marker hash and a marker title in the JSON show it)."""
    item = extract_page(next(iter(mirror_pages.values())), f"{BASE_URL}/a/1").item
    marked = dict(item, title="A title only the prepared JSON has")
    prepared = PreparedItem("f" * 64, [], prepare(marked).archived_json)
    store = ArchiveStore.open(tmp_path / "a")
    try:
        assert store.add_item(ExtractedItem(item, prepared)) == "new"
        line = json.loads(_lines(store)[-1])
        assert line["content_hash"] == "f" * 64
        assert line["title"] == "A title only the prepared JSON has"
        # the same content again: unchanged, by the worker's hash
        assert store.add_item(ExtractedItem(item, prepared)) == "unchanged"
        assert len(_lines(store)) == 1
    finally:
        store.close()


@pytest.fixture
def validate(tmp_path):
    crawler = get_crawler()
    store = ArchiveStore.open(tmp_path)
    crawler.archive_store = store
    yield ValidateItemPipeline.from_crawler(crawler), store
    store.close()


def _rejected(store: ArchiveStore) -> list[dict]:
    path = store.paths.quarantine / f"{store.run_id}.rejected.jsonl"
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def test_an_invalid_item_from_the_worker_is_quarantined_with_its_reason(validate, mirror_pages):
    pipeline, store = validate
    item = dict(extract_page(next(iter(mirror_pages.values())), f"{BASE_URL}/a/1").item)
    item["published"] = "last Tuesday"
    item["quotes"] = [{"text": "hello"}]
    extracted = extracted_item(item)  # what extract_page gives for such an item
    assert extracted.prepared.errors == item_errors(item)
    extracted["warc"] = None  # riders the pipeline ignores
    with pytest.raises(DropItem, match="published"):
        pipeline.process_item(extracted)
    (entry,) = _rejected(store)
    assert "published: 'last Tuesday' does not match" in entry["reason"]
    assert "quotes/0: 'speaker' is a required property" in entry["reason"]
    assert entry["item"]["url"] == f"{BASE_URL}/a/1" and "warc" in entry["item"]
    assert store.counts.quarantined == 1


def test_the_pipeline_takes_the_worker_s_verdict(validate, mirror_pages):
    pipeline, store = validate
    item = extract_page(next(iter(mirror_pages.values())), f"{BASE_URL}/a/1").item
    assert pipeline.process_item(item) is item  # valid, as computed in the worker
    verdict = PreparedItem(item.prepared.content_hash, ["title: refused"], "{}")
    with pytest.raises(DropItem, match="title: refused"):
        pipeline.process_item(ExtractedItem(item, verdict))
    assert [entry["reason"] for entry in _rejected(store)] == ["title: refused"]


def test_a_crawl_in_one_process_archives_what_a_crawl_with_workers_does(tmp_path):
    """EXTRACT_PROCESSES=0 computes the same values in the engine's own process."""
    site = MirrorSite(24, 3)
    with MirrorServer(site) as server:
        runs = {
            processes: crawl(
                server.base_url, tmp_path / str(processes), "-s", f"EXTRACT_PROCESSES={processes}"
            )
            for processes in (0, 1)
        }
    archived = {}
    for processes, (result, lines) in runs.items():
        assert result.returncode == 0, result.stderr[-2000:]
        assert len(lines) >= 24
        # what a page's listing adds (its type, a warning) depends on timing: the identity
        # and the content hash do not
        archived[processes] = sorted((line["url"], line["content_hash"]) for line in lines)
        for line in lines:
            assert line["content_hash"] == content_hash(line["title"], line["body"])
            assert item_errors({key: line[key] for key in ITEM_KEYS}) == []
        for path in (tmp_path / str(processes) / "items").glob("*.jsonl"):
            for text in path.read_text("utf-8").splitlines():
                assert text == json.dumps(json.loads(text), ensure_ascii=False)
    assert archived[0] == archived[1]
