"""End-to-end crawls of the mirror: a real Scrapy crawl over loopback, real archive files."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys

import pytest

from osce_crawler.archive.store import ARCHIVE_KEYS
from osce_crawler.item import ITEM_KEYS
from osce_crawler.mirror.server import MirrorServer
from osce_crawler.mirror.site import DISALLOWED_PREFIX, MOVED_OFFSITE_PATH, MirrorSite

from .conftest import CLI, FAST, REPO, crawl, run_cli


@pytest.fixture(scope="module")
def mirror(offsite_server):
    offsite = f"http://127.0.0.1:{offsite_server.server_address[1]}"
    with MirrorServer(MirrorSite(offsite_url=offsite)) as server:
        yield server


@pytest.fixture(scope="module")
def full_crawl(mirror, tmp_path_factory):
    before = dict(mirror.requests)
    result, items = crawl(mirror.base_url, tmp_path_factory.mktemp("full"))
    requested = {
        path: n - before.get(path, 0)
        for path, n in mirror.requests.items()
        if n > before.get(path, 0)
    }
    return result, items, requested


def test_every_article_is_archived_exactly_once(mirror, full_crawl):
    result, items, _ = full_crawl
    assert result.returncode == 0, result.stderr[-3000:]
    paths = [item["url"].removeprefix(mirror.base_url) for item in items]
    assert sorted(paths) == sorted(r["path"] for r in mirror.site.records)
    assert len({(i["canonical_url"], i["language"]) for i in items}) == len(items)
    for item in items:
        assert tuple(item) == ITEM_KEYS + ARCHIVE_KEYS
        assert item["version"] == 1 and item["warc"]["filename"].endswith(".warc.gz")
    assert "24 items written" in result.stdout


def test_each_article_page_is_requested_once(mirror, full_crawl):
    _, _, requested = full_crawl
    for record in mirror.site.records:
        assert requested.get(record["path"]) == 1, record["path"]


def test_robots_disallow_is_honoured(full_crawl):
    _, _, requested = full_crawl
    assert "/robots.txt" in requested
    assert not [p for p in requested if p.startswith(DISALLOWED_PREFIX) or p == "/search"]


def test_nothing_leaves_scope(offsite_server, full_crawl):
    _, _, requested = full_crawl
    assert (
        MOVED_OFFSITE_PATH in requested
    )  # the moved page was asked for, its redirect not followed
    assert offsite_server.hits == []


def test_language_filter(mirror, tmp_path):
    result, items = crawl(mirror.base_url, tmp_path, "--lang", "ru,fr")
    assert result.returncode == 0
    assert sorted(i["url"].removeprefix(mirror.base_url) for i in items) == sorted(
        r["path"] for r in mirror.site.records if r["language"] in ("ru", "fr")
    )


def test_type_filter(mirror, tmp_path):
    result, items = crawl(mirror.base_url, tmp_path, "--type", "statement,speech")
    assert result.returncode == 0
    assert sorted(i["content_type"] for i in items) == ["Speech", "Statement", "Statement"]


def test_date_filters(mirror, tmp_path):
    result, items = crawl(
        mirror.base_url, tmp_path, "--since", "2009-01-01", "--until", "2014-12-31"
    )
    assert result.returncode == 0
    expected = sorted(
        r["path"] for r in mirror.site.records if "2009-01-01" <= r["published"] <= "2014-12-31"
    )
    assert sorted(i["url"].removeprefix(mirror.base_url) for i in items) == expected


def test_max_items(mirror, tmp_path):
    result, items = crawl(mirror.base_url, tmp_path, "--max-items", "5")
    assert result.returncode == 0
    assert len(items) == 5


def test_with_files_stores_attachments_by_sha256(mirror, tmp_path):
    result, items = crawl(mirror.base_url, tmp_path, "--with-files", "--type", "document,statement")
    assert result.returncode == 0, result.stderr[-2000:]
    attachments = [a for item in items for a in item["attachments"]]
    assert len(attachments) >= 4
    for attachment in attachments:
        stored = tmp_path / attachment["path"]
        data = stored.read_bytes()
        assert data.startswith(b"%PDF")
        assert hashlib.sha256(data).hexdigest() == attachment["sha256"]
        assert stored.name.startswith(attachment["sha256"])


def test_scrapy_crawl_with_feed_export(mirror, tmp_path):
    out = tmp_path / "items.jsonl"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "scrapy",
            "crawl",
            "osce",
            "-a",
            f"base_url={mirror.base_url}",
            "-s",
            f"ARCHIVE_DIR={tmp_path / 'archive'}",
            "-a",
            "lang=de",
            *FAST,
            "-O",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    lines = out.read_text("utf-8").splitlines()
    assert len(lines) == 2
    # the feed holds the item, plus where its response is in the WARC and its sitemap lastmod
    assert all(tuple(json.loads(line))[: len(ITEM_KEYS)] == ITEM_KEYS for line in lines)
    assert "Rüstungskontrolle" in out.read_text("utf-8")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--since", "16/06/2021"], "--since must be a date"),
        (["--lang", "en,xx"], "unknown language xx"),
        (["--type", "poem"], "unknown content type"),
        (["--max-items", "many"], "--max-items must be a whole number"),
        (["--archive", "/dev/null/archive"], "cannot create the archive directory"),
        (["--base-url", "ftp://example"], "--base-url must be an http(s) URL"),
        # a mistyped port once crawled nothing and exited 0 with tracebacks
        (["--base-url", "http://127.0.0.1:99999"], "Port out of range"),
        (["--base-url", "http://127.0.0.1:abc"], "--base-url must be an http(s) URL"),
        (["--base-url", "http://[::1"], "Invalid IPv6 URL"),
        (["--base-url", "http://u:secret@127.0.0.1:abc"], "must not hold credentials"),
    ],
)
def test_usage_errors_exit_2_with_one_line(options, message):
    result = run_cli("crawl", *options, timeout=60)
    assert result.returncode == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr and "secret" not in result.stderr


@pytest.mark.slow
def test_listing_pagination_stops_at_since(tmp_path):
    with MirrorServer(MirrorSite(articles=400, seed=3)) as server:
        result, items = crawl(server.base_url, tmp_path, "--since", "2024-01-01", "--lang", "en")
    assert result.returncode == 0
    expected = sorted(r["path"] for r in server.site.records if r["published"] >= "2024-01-01")
    assert sorted(i["url"].removeprefix(server.base_url) for i in items) == expected
    press_releases = sum(1 for r in server.site.records if r["content_type"] == "Press release")
    # ~20 pages of press releases exist; entries run newest first, so few are read
    assert press_releases > 150
    assert server.requests["/press-releases"] <= 3


def _field_pages(site: MirrorSite) -> dict[str, int]:
    """Each field-of-work page of the mirror -> how many pages its listing has."""
    from osce_crawler.mirror.site import FIELD_PAGES, PAGE_SIZE

    sizes = {}
    for path, name in FIELD_PAGES.items():
        listed = sum(1 for r in site.records if name in r["fields_of_work"])
        sizes[path] = max(1, -(-listed // PAGE_SIZE))
    return sizes


@pytest.mark.slow
def test_a_first_crawl_reads_one_page_of_each_field_of_work_when_the_sitemaps_list_all(
    tmp_path,
):
    with MirrorServer(MirrorSite(articles=300, seed=5)) as server:
        result, items = crawl(server.base_url, tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert len(items) == len(server.site.records)
    sizes = _field_pages(server.site)
    assert sum(sizes.values()) > 2 * len(sizes)  # paging through them would cost more
    # the sitemaps, read first, listed every page: each field-of-work page is read once
    assert {path: server.requests.get(path) for path in sizes} == dict.fromkeys(sizes, 1)


@pytest.mark.slow
def test_a_first_crawl_whose_sitemap_fails_pages_on_through_the_fields_of_work(tmp_path):
    from osce_crawler.mirror import faults
    from osce_crawler.mirror.faults import FaultySite

    site = MirrorSite(articles=300, seed=5)
    with MirrorServer(FaultySite(site, {"/sitemap.xml": faults.status(500)})) as server:
        result, items = crawl(server.base_url, tmp_path)
    assert result.returncode in (0, 1), result.stderr[-2000:]
    sizes = _field_pages(site)
    read = {path: server.requests.get(path, 0) for path in sizes}
    # paged on, as the other listings (until a page lists nothing another listing page did
    # not): beyond the first page of each
    assert all(2 <= n <= sizes[path] for path, n in read.items()), read
    archived = {i["url"].removeprefix(server.base_url) for i in items}
    assert archived == {r["path"] for r in site.records}


@pytest.mark.slow
def test_field_of_work_pages_wait_for_sitemaps_listed_twice_or_forbidden(tmp_path):
    """A sitemap robots.txt names twice is read once (the second request is dropped), and
    one robots.txt forbids is never read: both count as answered, so the field-of-work
    pages still go out, once the readable sitemap is read."""
    from osce_crawler.mirror.faults import Fault, FaultySite
    from osce_crawler.mirror.site import DISALLOWED_PREFIX, MirrorResponse

    def robots(site: MirrorSite, path: str, query: str, base_url: str) -> MirrorResponse:
        text = (
            f"User-agent: *\nDisallow: {DISALLOWED_PREFIX}\n"
            f"Sitemap: {base_url}/sitemap.xml\nSitemap: {base_url}{DISALLOWED_PREFIX}sitemap.xml\n"
            f"Sitemap: {base_url}/sitemap.xml\n"
        )
        return MirrorResponse(200, text.encode(), "text/plain; charset=utf-8")

    site = MirrorSite(articles=100, seed=5)
    with MirrorServer(FaultySite(site, {"/robots.txt": Fault(robots)})) as server:
        result, items = crawl(server.base_url, tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    # the index and its one child sitemap, each read once
    assert server.requests["/sitemap.xml"] == 2
    assert not server.requests.get(f"{DISALLOWED_PREFIX}sitemap.xml")
    assert {path: server.requests.get(path) for path in _field_pages(site)} == dict.fromkeys(
        _field_pages(site), 1
    )
    assert len(items) == len(site.records)


def test_serve_sample_prints_its_url_and_stops_on_sigterm():
    process = subprocess.Popen(
        [*CLI, "serve-sample", "--port", "0", "--articles", "50"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    try:
        line = process.stdout.readline()
        base_url = line.rsplit(" ", 1)[-1].strip()
        assert base_url.startswith("http://127.0.0.1:") and "74 articles" in line
        import urllib.request

        with urllib.request.urlopen(base_url + "/robots.txt", timeout=10) as response:
            assert b"Disallow: /internal/" in response.read()
        process.terminate()
        assert process.wait(timeout=10) == 0
    finally:
        process.kill()


def test_the_disk_queue_writes_what_scrapy_s_own_writes(tmp_path):
    """The JOBDIR queue (spiders/queues.py) finds callback names in a table: the bytes on
    disk are those of Scrapy's PickleLifoDiskQueue, and every request comes back the same."""
    from scrapy import Request
    from scrapy.squeues import PickleLifoDiskQueue
    from scrapy.utils.test import get_crawler

    from osce_crawler.spiders.osce import OsceSpider
    from osce_crawler.spiders.queues import RequestDiskQueue

    crawler = get_crawler(OsceSpider)
    spider = OsceSpider.from_crawler(crawler, base_url="http://127.0.0.1:9")
    crawler.spider = spider
    requests = [
        spider.article_request("http://127.0.0.1:9/press-releases/12345", "2024-01-02"),
        spider.article_request("http://127.0.0.1:9/ru/news/777", listed_as="news"),
        spider.listing_request("http://127.0.0.1:9/news?page=3", 3, known_pages=1),
        Request("http://127.0.0.1:9/robots.txt", spider.parse_robots,
                errback=spider.robots_failed, meta={"dont_obey_robotstxt": True}, priority=10),
        Request("http://127.0.0.1:9/sitemap.xml", callback=spider.parse_sitemap,
                headers={"If-None-Match": '"abc"'}, cb_kwargs={"n": 1}),
        Request("http://127.0.0.1:9/plain"),
    ]  # fmt: skip
    ours = RequestDiskQueue(crawler, str(tmp_path / "ours"))
    scrapys = PickleLifoDiskQueue(crawler, str(tmp_path / "scrapys"))
    for request in requests:
        ours.push(request)
        scrapys.push(request)
    ours.close()
    scrapys.close()
    assert (tmp_path / "ours").read_bytes() == (tmp_path / "scrapys").read_bytes()
    reopened = RequestDiskQueue(crawler, str(tmp_path / "ours"))
    back = [reopened.pop() for _ in requests][::-1]  # last in, first out
    assert [r.to_dict(spider=spider) for r in back] == [r.to_dict(spider=spider) for r in requests]
    assert reopened.pop() is None


def test_the_engine_s_garbage_collection_is_set_for_the_crawl_and_restored():
    """EngineGarbageCollection: from the spider's opening to its closing, what existed is
    frozen and the collector waits for ENGINE_GC_THRESHOLD new objects; then Python's
    settings come back (a test run or a script may crawl again in the same process)."""
    import gc

    from scrapy import Spider, signals
    from scrapy.exceptions import NotConfigured
    from scrapy.utils.test import get_crawler

    from osce_crawler.extensions import EngineGarbageCollection

    before = gc.get_threshold()
    crawler = get_crawler(Spider, {"ENGINE_GC_THRESHOLD": 5000})
    extension = EngineGarbageCollection.from_crawler(crawler)  # connected weakly: kept
    spider = Spider("x")
    crawler.signals.send_catch_log(signals.spider_opened, spider=spider)
    try:
        assert gc.get_threshold()[0] == 5000
        assert gc.get_freeze_count() > 1000  # the modules, classes and settings loaded
    finally:
        crawler.signals.send_catch_log(signals.spider_closed, spider=spider, reason="finished")
    assert extension.previous is None
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
    with pytest.raises(NotConfigured):
        EngineGarbageCollection.from_crawler(get_crawler(Spider, {"ENGINE_GC_THRESHOLD": 0}))
