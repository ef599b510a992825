"""A faulty mirror: each failure a server can produce is survived, bounded and recorded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from osce_crawler.mirror import faults
from osce_crawler.mirror.faults import FaultySite
from osce_crawler.mirror.server import MirrorServer
from osce_crawler.mirror.site import MirrorSite, load_records

from .conftest import crawl, everything_in

RETRY_TIMES = 2
SETTINGS = [
    "-s",
    "DOWNLOAD_TIMEOUT=1",
    "-s",
    f"RETRY_TIMES={RETRY_TIMES}",
    "-s",
    "RETRY_BACKOFF_BASE=0.05",
    "-s",
    f"DOWNLOAD_MAXSIZE={5 * 1024 * 1024}",
    "-s",
    f"DOWNLOAD_WARNSIZE={1024 * 1024}",
    "-s",
    "REDIRECT_MAX_TIMES=4",
]
#: article path -> the fault that keeps it from being archived
BROKEN = {
    "/odihr/48945": ("hang past the time-out", faults.hang(3)),
    "/tajikistan/104043": ("connection reset mid-body", faults.reset_mid_body()),
    "/zagreb/56491": ("body shorter than Content-Length", faults.short_body()),
    "/cio/47479": ("gzip bomb", faults.gzip_bomb()),
    "/cio/49430": ("page larger than DOWNLOAD_MAXSIZE", faults.huge_page(6 * 1024 * 1024)),
    "/minsk/76283": ("redirect loop", faults.redirect("/minsk/76283-moved")),
}
#: article path -> a fault it survives
SURVIVED = {
    "/cio/47043": ("500 that recovers on retry", faults.status(500, times=2)),
    "/cio/50537": ("503 with Retry-After", faults.status(503, {"Retry-After": "1"}, times=1)),
    "/fom/56092": ("429 with Retry-After", faults.status(429, {"Retry-After": "1"}, times=1)),
    "/tajikistan/125590": ("wrong declared charset", faults.wrong_charset()),
    "/hcnm/92336": ("malformed HTML", faults.malformed_html()),
}


def serve(fault_table: dict[str, faults.Fault], offsite_server) -> MirrorServer:
    site = MirrorSite(offsite_url=f"http://127.0.0.1:{offsite_server.server_address[1]}")
    return MirrorServer(FaultySite(site, fault_table))  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def faulty_crawl(offsite_server, tmp_path_factory):
    records = list(load_records())
    table = {path: fault for path, (_, fault) in {**BROKEN, **SURVIVED}.items()}
    table["/minsk/76283-moved"] = faults.redirect("/minsk/76283")
    table["/news"] = faults.pagination_trap(records[:10])
    table["/stories"] = faults.tracking_duplicates([r["path"] for r in records[:12]])
    table["/ru/news"] = faults.redirect(
        f"http://127.0.0.1:{offsite_server.server_address[1]}/elsewhere"
    )
    with serve(table, offsite_server) as server:
        archive = tmp_path_factory.mktemp("faulty")
        result, items = crawl(server.base_url, archive, *SETTINGS)
    manifest = json.loads((archive / "runs" / "latest.json").read_text())
    return server, result, items, manifest, archive


def test_every_healthy_article_is_archived_exactly_once(faulty_crawl):
    server, result, items, manifest, _ = faulty_crawl
    paths = [i["url"].removeprefix(server.base_url) for i in items]
    healthy = {r["path"] for r in load_records()} - set(BROKEN)
    assert sorted(paths) == sorted(healthy)
    titles = {i["url"].removeprefix(server.base_url): i["title"] for i in items}
    assert titles["/tajikistan/125590"].startswith("OSCE trains Tajik and Afghan border officers")


def test_each_failure_is_in_the_manifest_with_url_and_reason(faulty_crawl):
    server, result, items, manifest, _ = faulty_crawl
    failed = {
        url.removeprefix(server.base_url): kind
        for kind, entry in manifest["errors"].items()
        for url in entry["urls"]
    }
    assert set(failed) >= set(BROKEN), failed
    assert "TimeoutError" in failed["/odihr/48945"]
    assert failed["/cio/47479"] == "too large (DOWNLOAD_MAXSIZE)"
    assert failed["/cio/49430"] in ("too large (DOWNLOAD_MAXSIZE)", "DownloadCancelledError")
    assert "redirect" in failed["/minsk/76283"]
    assert not set(failed) & set(SURVIVED)


def test_retries_are_bounded(faulty_crawl):
    server, *_ = faulty_crawl
    for path in ("/odihr/48945", "/tajikistan/104043", "/zagreb/56491"):
        assert server.requests[path] == 1 + RETRY_TIMES, path
    assert server.requests["/cio/47043"] == 3  # two 500s, then the page
    assert server.requests["/cio/47479"] == 1  # a bomb is not asked for twice


def test_the_exit_code_follows_the_documented_rule(faulty_crawl):
    _, result, items, manifest, _ = faulty_crawl
    failed_pages = len(BROKEN)
    attempted = len(items) + failed_pages
    assert failed_pages / attempted > 0.02  # above MAX_ERROR_RATE
    assert manifest["verdict"] == "errors" and result.returncode == manifest["exit_code"] == 1


def test_traps_end_and_nothing_leaves_scope(faulty_crawl, offsite_server):
    server, *_ = faulty_crawl
    assert server.requests["/news"] <= 2  # the second page brought nothing new
    for record in load_records():
        if record["path"] not in BROKEN and record["path"] not in SURVIVED:
            assert server.requests[record["path"]] == 1, record["path"]  # no tracking duplicates
    assert offsite_server.hits == []


@pytest.mark.parametrize(
    ("robots", "sitemap", "recorded"),
    [
        # the expansion bomb is named for what it is: entities are never expanded
        (faults.status(500), faults.body(faults.ENTITY_BOMB_SITEMAP), "declares XML entities"),
        (faults.status(404), faults.body(faults.MALFORMED_SITEMAP), "malformed sitemap"),
        (faults.status(503), faults.body(faults.EXTERNAL_ENTITY_SITEMAP), "declares XML entities"),
    ],
    ids=[
        "robots-500-entity-bomb",
        "robots-missing-malformed-sitemap",
        "robots-503-external-entity",
    ],
)
def test_broken_robots_and_sitemaps(robots, sitemap, recorded, offsite_server, tmp_path: Path):
    with serve({"/robots.txt": robots, "/sitemap.xml": sitemap}, offsite_server) as server:
        result, items = crawl(server.base_url, tmp_path, *SETTINGS)
    manifest = json.loads((tmp_path / "runs" / "latest.json").read_text())
    assert result.returncode in (0, 1)
    assert "root:" not in json.dumps(items) and "lollol" not in json.dumps(items)
    # the sitemap's fault is recorded with its URL, and nothing of /etc/passwd was read
    failed = {
        url
        for kind, entry in manifest["errors"].items()
        if recorded in kind
        for url in entry["urls"]
    }
    assert failed == {server.base_url + "/sitemap.xml"}
    assert "root:x:0:0" not in everything_in(tmp_path)
    # the listings still lead to every article
    assert len({i["url"] for i in items}) == len(items) == 24
