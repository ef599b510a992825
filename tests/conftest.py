"""Shared fixtures: the mirror's pages and the material copied from ../shared into tests/data."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from osce_crawler.mirror.pages import load_records, render_article

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data"
SHARED = REPO.parent / "shared"  # read only where present (more sample pages), never required
BASE_URL = "https://www.osce.org"


def data_path(*parts: str) -> Path:
    """A file of tests/data: the seed page and the OSCE texts, copied from the project's
    ../shared material, so that a fresh clone has everything these tests read."""
    return DATA.joinpath(*parts)


@pytest.fixture(scope="session")
def records() -> dict[str, dict]:
    return {record["key"]: record for record in load_records()}


@pytest.fixture(scope="session")
def mirror_pages(records) -> dict[str, str]:
    """Each fixture page as the mirror serves it, with related-content teasers."""
    keys = list(records)
    pages = {}
    for index, key in enumerate(keys):
        related = [records[keys[(index + step) % len(keys)]] for step in (1, 2, 3)]
        pages[key] = render_article(records[key], BASE_URL, related=related)
    return pages


@pytest.fixture(scope="session")
def expectations() -> dict[str, dict]:
    data = json.loads((REPO / "tests/data/fixture_expectations.json").read_text("utf-8"))
    data.pop("_about")
    return data


@pytest.fixture(scope="session")
def osce_texts() -> dict[str, list[str]]:
    """The real OSCE texts, as lists of non-empty lines."""
    out = {}
    for line in data_path("osce-texts", "texts.jsonl").read_text("utf-8").splitlines():
        entry = json.loads(line)
        out[entry["url"]] = [x.strip() for x in entry["text"].split("\n") if x.strip()]
    return out


@pytest.fixture(scope="session")
def seed_lines() -> list[str]:
    return data_path("seeds", "000_66cc5d006f91ad1b.txt").read_text("utf-8").split("\n")


#: the command, as a user runs it
CLI = [sys.executable, "-m", "osce_crawler.cli"]
#: a crawl of the local mirror without politeness delays
FAST = [
    "-s",
    "AUTOTHROTTLE_ENABLED=0",
    "-s",
    "DOWNLOAD_DELAY=0",
    "-s",
    "CONCURRENT_REQUESTS_PER_DOMAIN=8",
]


def run_cli(*args: str, **options) -> subprocess.CompletedProcess:
    """``osce-archive ARGS`` in its own process; text output captured."""
    options = {"capture_output": True, "text": True, "timeout": 300, "cwd": REPO, **options}
    return subprocess.run([*CLI, *args], **options)


def crawl_arguments(base_url: str, archive: Path, *options: str) -> list[str]:
    """``osce-archive``'s arguments for a fast crawl of ``base_url`` into ``archive``."""
    return ["crawl", "--base-url", base_url, "--archive", str(archive), *FAST, *options]


def crawl_command(base_url: str, archive: Path, *options: str) -> list[str]:
    """The whole command line of that crawl (for a process the test signals)."""
    return [*CLI, *crawl_arguments(base_url, archive, *options)]


def crawl(
    base_url: str, archive: Path, *options: str, **run_options
) -> tuple[subprocess.CompletedProcess, list[dict]]:
    """Crawl to the end (``run_options`` go to ``run_cli``, e.g. ``env``); the result and
    every line of the archive's item files."""
    result = run_cli(*crawl_arguments(base_url, archive, *options), **run_options)
    items = []
    for file in sorted((archive / "items").glob("*.jsonl")) if (archive / "items").exists() else []:
        items.extend(json.loads(line) for line in file.read_text("utf-8").splitlines())
    return result, items


def everything_in(archive: Path, *texts: str) -> str:
    """Every file of an archive (gzip WARC files decompressed) and ``texts`` (logs), as one
    text: what a test searches for a secret that must not have been written."""
    parts = list(texts)
    for path in archive.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if path.name.endswith(".gz"):
                data = gzip.decompress(data)
            parts.append(data.decode("utf-8", "replace"))
    return "\n".join(parts)


class _CountingHandler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802
        self.server.hits.append(self.path)  # type: ignore[attr-defined]
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(b"<html><body><h1>Another site</h1></body></html>")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def offsite_server():
    """A second server on another port: the mirror links and redirects to it."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _CountingHandler)
    server.hits = []  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
