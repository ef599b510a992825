"""The crawl's duplicate-request filter: Scrapy's behaviour, with its memory on disk."""

from __future__ import annotations

import gc
import tracemalloc

from scrapy import Request
from scrapy.dupefilters import RFPDupeFilter
from scrapy.utils.test import get_crawler

from osce_crawler.spiders.dupefilter import SEEN_FILE, DiskDupeFilter


def test_a_request_is_seen_once_and_a_resumed_run_remembers_it(tmp_path):
    crawler = get_crawler(settings_dict={"JOBDIR": str(tmp_path)})
    first = DiskDupeFilter.from_crawler(crawler)
    page = Request("https://www.osce.org/secretariat/1")
    assert not first.request_seen(page)
    assert first.request_seen(Request("https://www.osce.org/secretariat/1#top"))  # same page
    assert not first.request_seen(Request("https://www.osce.org/secretariat/1", method="POST"))
    assert not first.request_seen(Request("https://www.osce.org/secretariat/2"))
    first.close("shutdown")
    assert (tmp_path / SEEN_FILE).is_file()
    resumed = DiskDupeFilter.from_crawler(get_crawler(settings_dict={"JOBDIR": str(tmp_path)}))
    try:
        assert resumed.request_seen(page)
        assert not resumed.request_seen(Request("https://www.osce.org/secretariat/3"))
    finally:
        resumed.close("finished")


def test_without_a_jobdir_nothing_is_left_behind(tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)  # read TMPDIR again
    dupefilter = DiskDupeFilter.from_crawler(get_crawler())
    try:
        assert not dupefilter.request_seen(Request("https://www.osce.org/a"))
        assert dupefilter.request_seen(Request("https://www.osce.org/a"))
    finally:
        dupefilter.close("finished")
    assert list(tmp_path.iterdir()) == []


def _growth(dupefilter: RFPDupeFilter, count: int) -> int:
    """Bytes the filter keeps after it has seen ``count`` requests, each gone once seen (as a
    crawl's requests are: Scrapy's fingerprint cache forgets them)."""
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for n in range(count):
            dupefilter.request_seen(Request(f"https://www.osce.org/secretariat/{n}"))
        gc.collect()
        return tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
        dupefilter.close("finished")


def test_its_memory_does_not_grow_with_the_requests_it_has_seen():
    scrapy_own = _growth(RFPDupeFilter.from_crawler(get_crawler()), 20_000)
    ours = _growth(DiskDupeFilter.from_crawler(get_crawler()), 20_000)
    assert scrapy_own > 1_000_000  # Scrapy's set: about 90 bytes per request
    assert ours < scrapy_own / 5, (ours, scrapy_own)


def test_a_file_torn_by_a_crash_is_started_afresh(tmp_path):
    (tmp_path / SEEN_FILE).write_bytes(b"not a database, half written" * 100)
    dupefilter = DiskDupeFilter.from_crawler(get_crawler(settings_dict={"JOBDIR": str(tmp_path)}))
    try:
        assert not dupefilter.request_seen(Request("https://www.osce.org/a"))
        assert dupefilter.request_seen(Request("https://www.osce.org/a"))
    finally:
        dupefilter.close("finished")
