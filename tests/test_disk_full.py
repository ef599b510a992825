"""A full disk stops the run with a clear message; the archive stays valid and resumes."""

from __future__ import annotations

import json
import resource
import signal

from warcio.archiveiterator import ArchiveIterator

from osce_crawler.mirror.server import MirrorServer
from osce_crawler.mirror.site import MirrorSite

from .conftest import FAST, crawl, run_cli

LIMIT = 250_000  # bytes any one file may grow to (RLIMIT_FSIZE), as a nearly full disk would


def _full_disk() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes fail with EFBIG instead of a kill
    resource.setrlimit(resource.RLIMIT_FSIZE, (LIMIT, LIMIT))


def test_a_full_disk_stops_the_run_and_the_archive_stays_valid(tmp_path):
    with MirrorServer(MirrorSite(articles=100, seed=4)) as server:
        full = run_cli(
            "crawl",
            "--base-url",
            server.base_url,
            "--archive",
            str(tmp_path),
            *FAST,
            preexec_fn=_full_disk,
        )
        assert full.returncode == 5, full.stderr[-3000:]
        assert "disk is full" in full.stderr
        assert "Traceback" not in full.stdout
        # room again: the next run repairs what was cut off and completes the archive
        result, _ = crawl(server.base_url, tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    lines = [
        json.loads(raw)
        for f in (tmp_path / "items").glob("*.jsonl")
        for raw in f.read_bytes().splitlines()
    ]
    identities = {(line["canonical_url"], line["language"]) for line in lines}
    assert len(identities) == len(lines) == 124
    for path in (tmp_path / "warc").glob("*.warc.gz"):
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream, check_digests=True):
                record.content_stream().read()
    assert not list((tmp_path / "warc").glob("*.open"))
