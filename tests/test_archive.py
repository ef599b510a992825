"""Archive-grade scheduled crawls: incremental re-crawls, revisions, WARC, reextract, locks."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cdxj_indexer.main import CDXJIndexer
from warcio.archiveiterator import ArchiveIterator

from osce_crawler.archive import lock
from osce_crawler.archive.cdxj import sort_lines
from osce_crawler.mirror.server import MirrorServer
from osce_crawler.mirror.site import MirrorSite
from osce_crawler.spiders.dupefilter import SEEN_FILE

from .conftest import REPO, crawl, crawl_command, run_cli

ARTICLES = 60


def lines_of(archive: Path) -> list[dict]:
    out = []
    for file in sorted((archive / "items").glob("*.jsonl")):
        out.extend(json.loads(line) for line in file.read_text("utf-8").splitlines())
    return out


def complete_lines(archive: Path) -> int:
    return sum(f.read_bytes().count(b"\n") for f in (archive / "items").glob("*.jsonl"))


def manifest(archive: Path) -> dict:
    return json.loads((archive / "runs" / "latest.json").read_text("utf-8"))


def article_fetches(
    server: MirrorServer, start: int, end: int, records: list[dict]
) -> dict[str, list[int]]:
    paths = {r["path"] for r in records}
    fetched: dict[str, list[int]] = {}
    for path, status in server.log[start:end]:
        if path in paths or path in server.site.removed:
            fetched.setdefault(path, []).append(status)
    return fetched


@pytest.fixture(scope="module")
def twice_crawled(tmp_path_factory):
    """One archive crawled three times: edition 1, edition 1 again, then edition 2."""
    archive = tmp_path_factory.mktemp("archive")
    with MirrorServer(MirrorSite(articles=ARTICLES, seed=5)) as server:
        runs = {}
        first, _ = crawl(server.base_url, archive)
        runs["first"] = (first, len(server.log), lines_of(archive), manifest(archive))
        mark = len(server.log)
        second, _ = crawl(server.base_url, archive)
        runs["second"] = (second, mark, len(server.log), lines_of(archive), manifest(archive))
        edition_one = server.site
        server.site = MirrorSite(articles=ARTICLES, seed=5, edition=2)
        mark = len(server.log)
        third, _ = crawl(server.base_url, archive)
        runs["third"] = (third, mark, lines_of(archive), manifest(archive))
    return archive, server, edition_one, runs


def test_first_crawl_archives_every_article_once(twice_crawled):
    archive, server, edition_one, runs = twice_crawled
    result, requests, lines, first = runs["first"]
    assert result.returncode == 0, result.stderr[-2000:]
    assert len(lines) == len(edition_one.records) == ARTICLES + 24
    assert {line["version"] for line in lines} == {1}
    assert first["items"]["new"] == len(lines) and first["verdict"] == "success"
    assert first["exit_code"] == 0 and first["requests"] == requests


def test_unchanged_recrawl_fetches_no_article_and_writes_no_line(twice_crawled):
    archive, server, edition_one, runs = twice_crawled
    result, start, end, lines, second = runs["second"]
    assert result.returncode == 0, result.stderr[-2000:]
    assert len(lines) == len(runs["first"][2])  # not one line more
    fetched = article_fetches(server, start, end, edition_one.records)
    assert fetched == {}  # not one article page asked for: the sitemap vouched for all
    assert second["items"]["new"] == second["items"]["updated"] == second["items"]["removed"] == 0
    assert second["items"]["unchanged"] == len(edition_one.records)
    assert second["requests"] < 0.5 * runs["first"][3]["requests"]


def test_edition_change_records_exactly_new_edited_and_removed(twice_crawled):
    archive, server, edition_one, runs = twice_crawled
    result, start, lines, third = runs["third"]
    assert result.returncode == 0, result.stderr[-2000:]
    site = server.site
    written = [line for line in lines if line["run_id"] == third["run_id"]]
    path = lambda line: line["url"].removeprefix(server.base_url)  # noqa: E731
    assert {path(x) for x in written if x["version"] == 1} == site.new_paths
    assert {
        path(x) for x in written if x["version"] > 1 and not x["removed_at"]
    } == site.edited_paths
    assert {path(x) for x in written if x["removed_at"]} == set(site.removed_paths)
    assert third["items"]["new"] == len(site.new_paths) == 3
    assert third["items"]["updated"] == len(site.edited_paths) > 0
    assert third["items"]["removed"] == len(site.removed_paths) > 0
    # the run's summary says how many it recorded as removed
    assert f"removed:  {len(site.removed_paths)} items no longer on the site" in result.stdout
    # and counts only live items by type: a tombstone is no "(none)" type
    by_type = next(x for x in result.stdout.splitlines() if "by content type:" in x)
    assert "(none)" not in by_type
    counted = sum(int(part.rsplit(" ", 1)[1]) for part in by_type.split(":", 1)[1].split(","))
    assert counted == len(written) - len(site.removed_paths)
    for line in written:
        if line["version"] > 1:
            earlier = [
                x for x in lines if x["url"] == line["url"] and x["version"] == line["version"] - 1
            ]
            assert line["previous_hash"] == earlier[0]["content_hash"]
    removed_statuses = {server.site.removed[p] for p in site.removed_paths}
    assert removed_statuses <= {404, 410}


def test_warc_files_pass_warcio_check_and_match_their_items(twice_crawled, tmp_path_factory):
    archive, server, edition_one, runs = twice_crawled
    files = sorted((archive / "warc").glob("*.warc.gz"))
    assert len(files) == 3 and not list((archive / "warc").glob("*.open"))
    warcio = Path(sys.executable).with_name("warcio")
    check = subprocess.run(
        [str(warcio), "check", "-v", *map(str, files)], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout[-2000:]
    assert "digest pass" in check.stdout and "fail" not in check.stdout
    for line in lines_of(archive):
        if line["removed_at"]:
            continue
        with open(archive / "warc" / line["warc"]["filename"], "rb") as stream:
            stream.seek(line["warc"]["offset"])
            record = next(iter(ArchiveIterator(stream)))
            assert record.rec_headers.get_header("WARC-Record-ID") == line["warc"]["record_id"]
            assert record.rec_headers.get_header("WARC-Target-URI") == line["url"]
            assert record.rec_type == "response"
            assert record.rec_headers.get_header("WARC-Payload-Digest").startswith("sha1:")
    cdxj = sorted((archive / "indexes").glob("*.cdxj"))
    assert [c.stem for c in cdxj] == [f.name.removesuffix(".warc.gz") for f in files]
    assert any(f'"url": "{server.base_url}/secretariat/489944"' in c.read_text() for c in cdxj)
    # sorted on disk, in small runs: the very file cdxj-indexer's in-memory sort writes
    reference = tmp_path_factory.mktemp("cdxj") / "reference.cdxj"
    CDXJIndexer(output=str(reference), inputs=[str(files[0])], sort=True).process_all()
    assert cdxj[0].read_text() == reference.read_text()


def test_cdxj_lines_are_sorted_in_runs_on_disk(tmp_path):
    lines = [f"{n * 7919 % 10007:05d} line {n}\n" for n in range(2500)]
    source, target = tmp_path / "in.cdxj", tmp_path / "out.cdxj"
    source.write_text("".join(lines) + "last without a newline")
    sort_lines(source, target, run_lines=300)  # nine runs merged
    assert target.read_text().splitlines() == sorted(
        [line.rstrip("\n") for line in lines] + ["last without a newline"]
    )


def test_reextract_rebuilds_the_items_from_warc_alone(twice_crawled, tmp_path):
    archive, server, edition_one, runs = twice_crawled
    copy = tmp_path / "copy"
    shutil.copytree(archive, copy)
    same = run_cli("reextract", "--archive", str(copy))
    assert same.returncode == 0, same.stderr
    assert "0 new, 0 changed" in same.stdout
    assert len(lines_of(copy)) == len(lines_of(archive))
    # without item files and index, the WARC files alone give the same items back
    latest = {}
    for line in lines_of(archive):
        latest[line["url"]] = line
    shutil.rmtree(copy / "items")
    (copy / "index.sqlite").unlink()
    rebuilt = run_cli("reextract", "--archive", str(copy))
    assert rebuilt.returncode == 0, rebuilt.stderr
    items = {line["url"]: line for line in lines_of(copy)}
    live = {url: line for url, line in latest.items() if not line["removed_at"]}
    assert set(items) == set(live)
    for url, line in items.items():
        assert line["content_hash"] == live[url]["content_hash"]
        assert line["title"] == live[url]["title"] and line["body"] == live[url]["body"]


def test_a_second_run_on_a_locked_archive_exits_3(tmp_path):
    lock.acquire(tmp_path)
    try:
        result = run_cli(
            "crawl",
            "--base-url",
            "http://127.0.0.1:9",
            "--archive",
            str(tmp_path),
        )
    finally:
        lock.release(tmp_path)
    assert result.returncode == 3
    assert f"(pid {os.getpid()}) is using the archive" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_demo_on_a_locked_archive_exits_3(tmp_path):
    # a second `make demo` while the first runs: the lock's answer, before the busy port's
    lock.acquire(tmp_path)
    try:
        result = run_cli("demo", "--archive", str(tmp_path))
    finally:
        lock.release(tmp_path)
    assert result.returncode == 3, result.stderr
    assert f"(pid {os.getpid()}) is using the archive" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "runs").exists()
    assert not (tmp_path / "items").exists() or not list((tmp_path / "items").iterdir())


def test_a_torn_last_line_is_cut_off_and_kept_in_quarantine(tmp_path):
    with MirrorServer(MirrorSite()) as server:
        crawl(server.base_url, tmp_path, "--lang", "de")
        items_file = next((tmp_path / "items").glob("*.jsonl"))
        with open(items_file, "ab") as out:
            out.write(b'{"url": "http://torn", "title": "cut off mid-wr')
        result, _ = crawl(server.base_url, tmp_path, "--lang", "de")
    assert result.returncode == 0
    assert items_file.read_bytes().endswith(b"\n")
    assert all(json.loads(line) for line in items_file.read_text().splitlines())
    torn = list((tmp_path / "quarantine").glob("*.torn-*.txt"))
    assert (
        len(torn) == 1
        and torn[0].read_bytes() == b'{"url": "http://torn", "title": "cut off mid-wr'
    )
    assert any("torn last line" in r for r in manifest(tmp_path)["repaired_at_open"])


def test_compact_merges_item_files_atomically(twice_crawled, tmp_path):
    archive, *_ = twice_crawled
    copy = tmp_path / "copy"
    shutil.copytree(archive, copy)
    before = lines_of(copy)
    result = run_cli("compact", "--archive", str(copy))
    assert result.returncode == 0, result.stderr
    files = list((copy / "items").glob("*.jsonl"))
    assert len(files) == 1 and files[0].name.endswith("-compacted.jsonl")
    assert lines_of(copy) == before
    assert not list((copy / "items").glob(".*"))


def _stop_a_crawl_midway(base_url: str, archive: Path) -> None:
    """A slow crawl stopped by SIGTERM once 20 items are written: exit 4."""
    process = subprocess.Popen(
        crawl_command(
            base_url,
            archive,
            "-s",
            "DOWNLOAD_DELAY=0.02",
            "-s",
            "CONCURRENT_REQUESTS_PER_DOMAIN=1",
        ),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and complete_lines(archive) < 20:
        time.sleep(0.1)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 4, stderr[-2000:]


@pytest.mark.slow
def test_sigterm_stops_gracefully_and_the_next_run_resumes(tmp_path):
    with MirrorServer(MirrorSite(articles=300, seed=9)) as server:
        _stop_a_crawl_midway(server.base_url, tmp_path)
        interrupted = manifest(tmp_path)
        assert interrupted["verdict"] == "interrupted"
        assert (tmp_path / "jobs" / "crawl").exists()  # the queue, for the next run
        # and the requests already made, on disk (osce_crawler/spiders/dupefilter.py)
        assert (tmp_path / "jobs" / "crawl" / SEEN_FILE).stat().st_size > 0
        partial = lines_of(tmp_path)
        assert 0 < len(partial) < 324
        result, _ = crawl(server.base_url, tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    lines = lines_of(tmp_path)
    identities = [(line["canonical_url"], line["language"]) for line in lines]
    assert len(identities) == len(set(identities)) == 324
    assert not (tmp_path / "jobs" / "crawl").exists()


def test_a_run_with_other_options_does_not_resume_the_stopped_queue(tmp_path):
    """A cron line changed after an interrupted full crawl (`--lang de`): resuming the old
    queue fetched every page of every language for nothing (311 requests where 6 do);
    now it starts afresh."""
    with MirrorServer(MirrorSite(articles=300, seed=9)) as server:
        _stop_a_crawl_midway(server.base_url, tmp_path)
        assert (tmp_path / "jobs" / "crawl").exists()
        result, _ = crawl(server.base_url, tmp_path, "--lang", "de")
    assert result.returncode == 0, result.stderr[-2000:]
    assert "the interrupted run's queue was for other options; starting afresh" in result.stderr
    german = manifest(tmp_path)
    assert german["arguments"]["lang"] == "de"
    written = [line for line in lines_of(tmp_path) if line["run_id"] == german["run_id"]]
    assert written and {line["language"] for line in written} == {"de"}
    # the listings and sitemaps of one language, not the old queue's hundreds of pages
    assert german["requests"] < 100


def test_a_recrawl_whose_sitemaps_fail_discovers_through_the_listings(tmp_path):
    from osce_crawler.mirror import faults
    from osce_crawler.mirror.faults import FaultySite

    with MirrorServer(MirrorSite(articles=30, seed=2)) as server:
        crawl(server.base_url, tmp_path)
        server.site = FaultySite(
            MirrorSite(articles=30, seed=2, edition=2), {"/sitemap.xml": faults.status(500)}
        )
        result, _ = crawl(server.base_url, tmp_path)
    assert "sitemap.xml" in json.dumps(manifest(tmp_path)["errors"])
    new = {x["url"].removeprefix(server.base_url) for x in lines_of(tmp_path) if x["version"] == 1}
    assert server.site.new_paths <= new  # found on the listings instead
    assert result.returncode in (0, 1)
