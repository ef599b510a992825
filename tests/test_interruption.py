"""Ctrl-C, once or many times, a site that hangs and a site that cannot be reached: each run
ends with its exit code, a manifest that says how it ended and a summary that is true.

Every wait is for an observable state (a manifest, an item file); the time-outs below only
keep a broken build from hanging the suite.
"""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest

from osce_crawler.mirror.server import MirrorServer
from osce_crawler.mirror.site import MirrorSite

from .conftest import CLI, REPO, crawl_arguments, crawl_command, run_cli

SLOW = ["-s", "DOWNLOAD_DELAY=0.05", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1"]


def wait_for(condition, process: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None and not condition():
        time.sleep(0.02)
    assert condition(), "the crawl never reached the state the test waits for"


def item_lines(archive: Path) -> list[dict]:
    return [
        json.loads(line)
        for file in sorted((archive / "items").glob("*.jsonl"))
        for line in file.read_text("utf-8").splitlines()
    ]


def manifest(archive: Path) -> dict:
    return json.loads((archive / "runs" / "latest.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def mirror():
    with MirrorServer(MirrorSite(articles=60, seed=21)) as server:
        yield server


@pytest.mark.parametrize("presses", [2, 6])
def test_any_number_of_ctrl_c_ends_as_interrupted(mirror, tmp_path, presses):
    process = subprocess.Popen(
        crawl_command(mirror.base_url, tmp_path, *SLOW),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    wait_for(lambda: item_lines(tmp_path) if (tmp_path / "items").exists() else False, process)
    for _ in range(presses):
        process.send_signal(signal.SIGINT)
        time.sleep(0.1)
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 4, stderr[-2000:]
    run = manifest(tmp_path)
    assert run["verdict"] == "interrupted" and run["exit_code"] == 4
    written = item_lines(tmp_path)
    assert written and run["items"]["new"] == len(written)
    # the per-item counts, kept in the pipeline, reached the manifest, however it stopped
    assert sum(run["provenance"]["title"].values()) >= len(written)
    assert "crawl interrupted: " in stdout
    assert f", {len(written)} items written," in stdout
    assert "Traceback" not in stderr


class _HangingServer:
    """Accepts connections and never answers: a site that hangs."""

    def __init__(self) -> None:
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(64)
        self.held: list[socket.socket] = []
        self.base_url = f"http://127.0.0.1:{self.socket.getsockname()[1]}"
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self.socket.accept()
            except OSError:
                return
            self.held.append(connection)

    def close(self) -> None:
        self.socket.close()
        for connection in self.held:
            connection.close()


@pytest.fixture
def hanging_site():
    server = _HangingServer()
    yield server
    server.close()


def test_one_ctrl_c_stops_a_crawl_of_a_hanging_site(hanging_site, tmp_path):
    """Requests in flight would hold Scrapy's graceful stop for DOWNLOAD_TIMEOUT (here ten
    minutes): the run is closed after SHUTDOWN_GRACE seconds instead."""
    process = subprocess.Popen(
        crawl_command(
            hanging_site.base_url,
            tmp_path,
            "-s",
            "DOWNLOAD_TIMEOUT=600",
            "-s",
            "UNREACHABLE_TIMEOUT=600",
        ),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    wait_for(lambda: (tmp_path / "runs" / "latest.json").exists() and hanging_site.held, process)
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=120)  # far below the 600 s time-outs
    assert process.returncode == 4, stderr[-2000:]
    assert manifest(tmp_path)["verdict"] == "interrupted"
    assert "crawl interrupted: " in stdout


def test_a_site_refusing_connections_ends_the_run_with_exit_6(tmp_path):
    with socket.socket() as probe:  # a port nobody listens on: connections are refused
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = run_cli(*crawl_arguments(f"http://127.0.0.1:{port}", tmp_path))
    assert result.returncode == 6, result.stderr[-2000:]
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith(f"osce-archive: http://127.0.0.1:{port} cannot be reached")
    assert "Connection" in last and "refused" in last
    run = manifest(tmp_path)
    assert run["verdict"] == "unreachable" and run["exit_code"] == 6
    assert "crawl stopped: the site could not be reached" in result.stdout
    # the manifest and the summary name the request that failed, as the message does
    assert run["unreachable"]["url"] == f"http://127.0.0.1:{port}/robots.txt"
    assert "refused" in run["unreachable"]["error"]
    assert f"  unreachable: http://127.0.0.1:{port}/robots.txt: " in result.stdout
    assert "pages failed" not in result.stdout


def test_a_site_that_goes_away_mid_crawl_ends_the_run_with_exit_6(tmp_path):
    """A site that answered and then went away: before, every page left was retried with
    back-off for hours while each night's cron run met the lock. Now a few requests in a
    row failing on the connection end the run: exit 6, what was archived kept. The mirror
    runs in its own process, killed as a site goes down (its open connections too)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    site = subprocess.Popen(
        [*CLI, "serve-sample", "--port", str(port), "--articles", "1000", "--seed", "22"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        site.stdout.readline()  # it says where it serves once it listens
        process = subprocess.Popen(
            crawl_command(
                base_url,
                tmp_path,
                *SLOW,
                "-s",
                "RETRY_TIMES=1",
                "-s",
                "RETRY_BACKOFF_BASE=0.2",
                "-s",
                "UNREACHABLE_AFTER_FAILURES=3",
            ),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=REPO,
        )
        wait_for(lambda: (tmp_path / "runs" / "latest.json").exists(), process)
        time.sleep(3)  # some pages archived, most not yet
    finally:
        site.kill()
        site.wait()
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 6, stderr[-2000:]
    last = stderr.strip().splitlines()[-1]
    assert "stopped answering mid-crawl (3 requests in a row failed" in last
    assert "what was archived is kept" in last
    run = manifest(tmp_path)
    assert run["verdict"] == "unreachable" and run["unreachable"]["url"].startswith(base_url)
    kept = item_lines(tmp_path)
    assert kept and len({line["url"] for line in kept}) == len(kept)
    assert run["items"]["new"] == len(kept) < 1000
    assert "crawl stopped: the site stopped answering" in stdout
    assert run_cli("validate", "--archive", str(tmp_path)).returncode == 0


@pytest.mark.slow  # ten seconds of time-outs
def test_a_site_that_never_answers_ends_the_run_with_exit_6(hanging_site, tmp_path):
    result = run_cli(
        *crawl_arguments(hanging_site.base_url, tmp_path, "-s", "UNREACHABLE_TIMEOUT=1")
    )
    assert result.returncode == 6, result.stderr[-2000:]
    assert "cannot be reached" in result.stderr.strip().splitlines()[-1]
    assert "Timeout" in result.stderr.strip().splitlines()[-1]
    assert manifest(tmp_path)["verdict"] == "unreachable"


def test_a_site_that_answers_is_not_unreachable(mirror, tmp_path):
    """The short first-contact time-out must not cut a slow but living site's crawl."""
    result = run_cli(
        *crawl_arguments(
            mirror.base_url, tmp_path, "--max-items", "3", "-s", "UNREACHABLE_TIMEOUT=5"
        )
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert manifest(tmp_path)["verdict"] == "success"


def test_validate_during_a_crawl_checks_the_closed_runs_only(mirror, tmp_path):
    first = run_cli(*crawl_arguments(mirror.base_url, tmp_path, "--max-items", "5"))
    assert first.returncode == 0, first.stderr[-2000:]
    process = subprocess.Popen(
        crawl_command(mirror.base_url, tmp_path, "--refresh", *SLOW),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=REPO,
    )
    try:
        files = lambda: len(list((tmp_path / "items").glob("*.jsonl"))) == 2  # noqa: E731
        wait_for(lambda: files() and manifest(tmp_path)["verdict"] == "running", process)
        wait_for(lambda: len(item_lines(tmp_path)) > 8, process)
        during = run_cli("validate", "--archive", str(tmp_path))
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=120)
    assert during.returncode == 0, during.stdout
    assert "a crawl is running" in during.stdout and during.stdout.rstrip().endswith("clean")
    after = run_cli("validate", "--archive", str(tmp_path))
    assert after.returncode == 0, after.stdout
    assert "a crawl is running" not in after.stdout


@pytest.mark.parametrize("limit", [1, 4])
def test_max_items_fetches_about_that_many_article_pages(mirror, tmp_path, limit):
    before = dict(mirror.requests)
    result = run_cli(*crawl_arguments(mirror.base_url, tmp_path, "--max-items", str(limit)))
    assert result.returncode == 0, result.stderr[-2000:]
    assert len(item_lines(tmp_path)) == limit
    articles = {record["path"] for record in mirror.site.records}
    fetched = sum(
        count - before.get(path, 0)
        for path, count in mirror.requests.items()
        if path in articles and count > before.get(path, 0)
    )
    assert limit <= fetched <= limit + 2  # N pages, and a page that was no item at most
    # and the few pages that find them: robots.txt, the feed, the sitemaps (no listings)
    total = sum(count - before.get(path, 0) for path, count in mirror.requests.items())
    assert total - fetched <= 10, {p: c for p, c in mirror.requests.items() if p not in articles}
    assert f"crawl stopped at --max-items {limit}: " in result.stdout


def test_the_progress_line_counts_items_as_they_are_written(mirror, tmp_path):
    """On a terminal (a pseudo-terminal here) the live line's item count grows during the
    crawl, not only at its end."""
    import os
    import pty
    import re

    master, slave = pty.openpty()
    process = subprocess.Popen(
        crawl_command(
            mirror.base_url, tmp_path, *SLOW, "--max-items", "15", "-s", "PROGRESS_INTERVAL=0.1"
        ),
        stdout=subprocess.DEVNULL,
        stderr=slave,
        cwd=REPO,
    )
    os.close(slave)
    output = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the crawl ended and closed the terminal
            break
        if not chunk:
            break
        output += chunk
    os.close(master)
    assert process.wait(timeout=300) == 0
    counts = [int(n) for n in re.findall(rb"\|\s+(\d+) items written", output)]
    final = len(item_lines(tmp_path))
    assert counts and counts[-1] == final > 0
    assert any(0 < count < final for count in counts), counts  # counted while running


def test_plain_scrapy_crawl_ends_as_interrupted_too(mirror, tmp_path):
    import sys

    process = subprocess.Popen(
        [
            sys.executable, "-m", "scrapy", "crawl", "osce",
            "-a", f"base_url={mirror.base_url}", "-s", f"ARCHIVE_DIR={tmp_path}",
            "-s", "AUTOTHROTTLE_ENABLED=0", *SLOW,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )  # fmt: skip
    wait_for(lambda: item_lines(tmp_path) if (tmp_path / "items").exists() else False, process)
    for _ in range(3):
        process.send_signal(signal.SIGINT)
        time.sleep(0.1)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 4, stderr[-2000:]
    assert manifest(tmp_path)["verdict"] == "interrupted"
    assert "Traceback" not in stderr
