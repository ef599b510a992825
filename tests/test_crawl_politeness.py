"""Polite failure handling over real HTTP: Retry-After, back-off, bounded retries; progress."""

from __future__ import annotations

import os
import pty
import subprocess
from pathlib import Path

from osce_crawler.mirror.server import MirrorServer
from osce_crawler.mirror.site import MirrorResponse, MirrorSite

from .conftest import REPO, crawl, crawl_command


def gaps(times: list[float]) -> list[float]:
    return [later - earlier for earlier, later in zip(times, times[1:], strict=False)]


def test_retry_after_and_backoff_are_honoured(tmp_path: Path):
    faults = {
        "/cio/50537": [
            MirrorResponse(503, b"busy", headers={"Retry-After": "2"}),
            MirrorResponse(429, b"slow down", headers={"Retry-After": "1"}),
        ],
        "/cio/47043": [MirrorResponse(500, b"oops"), MirrorResponse(502, b"oops")],
        "/fom/56092": [MirrorResponse(503, b"gone fishing", headers={"Retry-After": "3600"})],
        "/odihr/48945": [MirrorResponse(500, b"down")] * 10,
    }
    with MirrorServer(MirrorSite(faults=faults)) as server:
        result, items = crawl(
            server.base_url,
            tmp_path,
            "-s",
            "RETRY_BACKOFF_BASE=0.5",
            "-s",
            "RETRY_AFTER_MAX=60",
            "-s",
            "RETRY_TIMES=3",
        )
    paths = {item["url"].removeprefix(server.base_url) for item in items}
    # Retry-After: waited 2 s, then 1 s, then archived
    first, second = gaps(server.request_times["/cio/50537"])
    assert first >= 1.9 and second >= 0.9
    assert "/cio/50537" in paths
    # 5xx: exponential back-off 0.5 s, 1 s
    first, second = gaps(server.request_times["/cio/47043"])
    assert first >= 0.45 and second >= 0.95
    assert "/cio/47043" in paths
    # a Retry-After beyond RETRY_AFTER_MAX is not waited for: one request, no item
    assert server.requests["/fom/56092"] == 1 and "/fom/56092" not in paths
    # retries are bounded: the first try and RETRY_TIMES more
    assert server.requests["/odihr/48945"] == 4 and "/odihr/48945" not in paths
    assert result.returncode == 1  # finished, with errors
    assert len(items) == 22


def test_a_terminal_gets_a_live_progress_line(tmp_path: Path):
    controller, terminal = pty.openpty()
    with MirrorServer(MirrorSite()) as server:
        process = subprocess.Popen(
            crawl_command(
                server.base_url,
                tmp_path,
                "-s",
                "PROGRESS_INTERVAL=0.1",
            ),
            stdout=subprocess.PIPE,
            stderr=terminal,
            cwd=REPO,
            text=True,
        )
        os.close(terminal)
        output = b""
        while True:
            try:
                chunk = os.read(controller, 4096)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
        stdout = process.communicate(timeout=120)[0]
    os.close(controller)
    text = output.decode("utf-8", "replace")
    assert "\r" in text and "pages fetched" in text and "items written" in text
    assert "[scrapy" not in text  # no log noise on a terminal
    assert "24 items written" in stdout


def _user_agents(archive: Path) -> set[str]:
    """The User-Agent of every request the crawl's WARC files recorded."""
    from warcio.archiveiterator import ArchiveIterator

    agents = set()
    for path in (archive / "warc").glob("*.warc.gz"):
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type == "request":
                    agents.add(record.http_headers.get_header("User-Agent"))
    return agents


def test_the_contact_address_reaches_the_user_agent(tmp_path: Path):
    # README: set CONTACT_URL (or OSCE_ARCHIVE_CONTACT_URL) before crawling the live site,
    # so that its admins can reach you; USER_AGENT given outright wins over both
    environment = {**os.environ, "OSCE_ARCHIVE_CONTACT_URL": "mailto:cron@example.org"}
    with MirrorServer(MirrorSite(articles=2, seed=3)) as server:
        runs = {
            "option": ("-s", "CONTACT_URL=https://archive.example.org/about"),
            "environment": (),
            "both": ("-s", "CONTACT_URL=https://archive.example.org/about"),
            "agent": ("-s", "USER_AGENT=my-archive/2 (+https://me.example.org)"),
        }
        agents = {}
        for name, options in runs.items():
            archive = tmp_path / name
            env = environment if name in ("environment", "both") else None
            result, _ = crawl(server.base_url, archive, "--max-items", "1", *options, env=env)
            assert result.returncode == 0, result.stderr[-2000:]
            agents[name] = _user_agents(archive)
    assert all(len(found) == 1 for found in agents.values()), agents
    assert "(+https://archive.example.org/about;" in agents["option"].pop()
    assert "(+https://archive.example.org/about;" in agents["both"].pop()  # -s wins
    assert "(+mailto:cron@example.org;" in agents["environment"].pop()
    assert agents["agent"] == {"my-archive/2 (+https://me.example.org)"}
