"""Killed at random moments, again and again: the archive ends up as if nothing happened."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from osce_crawler.mirror.server import MirrorServer
from osce_crawler.mirror.site import MirrorSite

from .conftest import REPO, crawl, crawl_command

# ten killed crawls and more: `make test` runs them, `make test-fast` not
pytestmark = pytest.mark.slow

KILLS = 10
SLOW = ["-s", "DOWNLOAD_DELAY=0.004"]  # long enough to be killed mid-way
ARTICLES = 150


def archive_lines(archive: Path) -> list[dict]:
    lines = []
    for file in sorted((archive / "items").glob("*.jsonl")):
        for raw in file.read_bytes().splitlines():
            lines.append(json.loads(raw))  # every line must be valid JSON
    return lines


@pytest.fixture(scope="module")
def mirror():
    with MirrorServer(MirrorSite(articles=ARTICLES, seed=11)) as server:
        yield server


def _wait_for(condition, process: subprocess.Popen, timeout: float = 120) -> None:
    """Until ``condition()`` holds or the process has ended."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None and not condition():
        time.sleep(0.02)


@pytest.fixture(scope="module")
def killed_archive(mirror, tmp_path_factory):
    archive = tmp_path_factory.mktemp("killed")
    rng = random.Random(20261128)
    moments = []
    for _ in range(KILLS):
        runs_before = len(list((archive / "runs").glob("2*.json")))
        process = subprocess.Popen(
            crawl_command(mirror.base_url, archive, *SLOW),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd=REPO,
        )
        # The kill lands at a random moment of the run itself, counted from the run's first
        # observable trace (its manifest), not from the process start: on a loaded machine
        # Python and Scrapy alone may take seconds to start.
        _wait_for(lambda n=runs_before: len(list((archive / "runs").glob("2*.json"))) > n, process)
        moment = rng.uniform(0.0, 3.0)
        time.sleep(moment)
        process.send_signal(signal.SIGKILL)
        process.wait()
        moments.append(round(moment, 2))
    result, _ = crawl(mirror.base_url, archive)
    return archive, result, moments


def test_after_ten_kills_the_archive_holds_every_item_once(mirror, killed_archive, tmp_path):
    archive, result, moments = killed_archive
    assert result.returncode == 0, result.stderr[-2000:]
    assert len(moments) >= 10
    reference_result, _ = crawl(mirror.base_url, tmp_path)
    assert reference_result.returncode == 0
    key = lambda line: (line["canonical_url"], line["language"], line["content_hash"])  # noqa: E731
    killed = archive_lines(archive)
    reference = archive_lines(tmp_path)
    assert sorted(map(key, killed)) == sorted(map(key, reference))
    identities = [(line["canonical_url"], line["language"]) for line in killed]
    assert len(identities) == len(set(identities)) == ARTICLES + 24


def test_every_warc_file_is_whole_and_readable(killed_archive):
    archive, _, _ = killed_archive
    assert not list((archive / "warc").glob("*.open"))
    for path in (archive / "warc").glob("*.warc.gz"):
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream, check_digests=True):
                record.content_stream().read()
    warcio = Path(sys.executable).with_name("warcio")
    files = [str(p) for p in (archive / "warc").glob("*.warc.gz")]
    assert subprocess.run([str(warcio), "check", *files], capture_output=True).returncode == 0


def test_the_index_agrees_with_the_item_files(killed_archive):
    archive, _, _ = killed_archive
    latest: dict[tuple[str, str], dict] = {}
    for line in archive_lines(archive):
        identity = (line["canonical_url"], line["language"])
        if identity not in latest or line["version"] > latest[identity]["version"]:
            latest[identity] = line
    with sqlite3.connect(archive / "index.sqlite") as db:
        rows = db.execute(
            "SELECT canonical_url, language, version, content_hash FROM items"
        ).fetchall()
    assert {(c, lang): (v, h) for c, lang, v, h in rows} == {
        identity: (line["version"], line["content_hash"]) for identity, line in latest.items()
    }


def test_the_killed_runs_are_recorded_as_killed(killed_archive):
    archive, _, _ = killed_archive
    runs = sorted((archive / "runs").glob("2*.json"))
    verdicts = [json.loads(p.read_text())["verdict"] for p in runs]
    assert verdicts[-1] == "success" and "killed" in verdicts
    assert set(verdicts) <= {"success", "killed"}  # a kill may come after a run ended


def test_sigint_stops_gracefully_with_exit_4(mirror, tmp_path):
    process = subprocess.Popen(
        crawl_command(mirror.base_url, tmp_path, *SLOW),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list((tmp_path / "items").glob("*.jsonl")):
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 4, stderr[-2000:]
    manifest = json.loads((tmp_path / "runs" / "latest.json").read_text())
    assert manifest["verdict"] == "interrupted" and manifest["exit_code"] == 4
    assert archive_lines(tmp_path)  # what was written is whole


def _children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except (FileNotFoundError, ProcessLookupError):
        return []


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False
    return state != "Z"  # a zombie has exited; only its parent's wait is missing


def _start_and_wait_for_items(mirror, archive: Path, *options: str) -> subprocess.Popen:
    process = subprocess.Popen(
        crawl_command(mirror.base_url, archive, *SLOW, "-s", "EXTRACT_PROCESSES=1", *options),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        start_new_session=True,  # its own process group, as a crawl started from a shell
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list((archive / "items").glob("*.jsonl")):
        time.sleep(0.05)
    return process


def test_extraction_processes_do_not_outlive_a_killed_crawl(mirror, tmp_path):
    process = _start_and_wait_for_items(mirror, tmp_path)
    workers = [pid for pid in _children(process.pid) if _alive(pid)]
    assert workers, "the crawl runs its extraction in a child process"
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=60)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
        time.sleep(0.1)
    assert not [pid for pid in workers if _alive(pid)], "orphaned extraction processes"


def test_ctrl_c_to_the_process_group_stops_gracefully(mirror, tmp_path):
    """Ctrl-C in a terminal reaches the crawl and its extraction processes alike."""
    process = _start_and_wait_for_items(mirror, tmp_path)
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 4, stderr[-2000:]
    manifest = json.loads((tmp_path / "runs" / "latest.json").read_text())
    assert manifest["verdict"] == "interrupted"
    assert "extraction crashed" not in json.dumps(manifest)
    assert "Traceback" not in stderr
    assert archive_lines(tmp_path)
