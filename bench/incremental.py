"""Incremental crawling: a first crawl, a no-change re-crawl, and one after an edition change.

    python bench/incremental.py [--articles 2000]

The mirror runs in its own process; for the third crawl it is restarted on the same port
with --edition 2 (3 new articles, some edited, some removed). Prints requests and time of
each crawl, and WARC bytes per archived article.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FAST = [
    "-s",
    "AUTOTHROTTLE_ENABLED=0",
    "-s",
    "DOWNLOAD_DELAY=0",
    "-s",
    "CONCURRENT_REQUESTS_PER_DOMAIN=16",
    "-s",
    "CONCURRENT_REQUESTS=16",
]


def mirror(articles: int, port: int = 0, edition: int = 1) -> tuple[subprocess.Popen, str]:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "osce_crawler.cli",
            "serve-sample",
            "--port",
            str(port),
            "--articles",
            str(articles),
            "--seed",
            "7",
            "--edition",
            str(edition),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    return process, process.stdout.readline().rsplit(" ", 1)[-1].strip()


def crawl(base_url: str, archive: Path) -> dict:
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "osce_crawler.cli",
            "crawl",
            "--base-url",
            base_url,
            "--archive",
            str(archive),
            *FAST,
        ],
        capture_output=True,
        text=True,
    )
    manifest = json.loads((archive / "runs" / "latest.json").read_text())
    manifest["wall_seconds"] = round(time.perf_counter() - started, 1)
    return manifest


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        archive = Path(folder)
        server, base_url = mirror(args.articles)
        port = int(base_url.rsplit(":", 1)[-1])
        first = crawl(base_url, archive)
        second = crawl(base_url, archive)
        server.terminate()
        server.wait()
        server, _ = mirror(args.articles, port, edition=2)
        third = crawl(base_url, archive)
        server.terminate()
        server.wait()
        warc_bytes = sum(p.stat().st_size for p in (archive / "warc").glob("*.warc.gz"))
    rows = [("first crawl", first), ("no-change re-crawl", second), ("after edition 2", third)]
    print(
        f"{'crawl':20} {'requests':>9} {'seconds':>8} {'new':>6} {'updated':>8} {'removed':>8} {'unchanged':>10}"
    )
    for name, m in rows:
        items = m["items"]
        print(
            f"{name:20} {m['requests']:>9} {m['duration_seconds']:>8.1f} {items['new']:>6} "
            f"{items['updated']:>8} {items['removed']:>8} {items['unchanged']:>10}"
        )
    print(
        f"no-change re-crawl requests / first crawl: {second['requests'] / first['requests']:.2%}"
    )
    extra = (
        third["requests"]
        - third["items"]["new"]
        - third["items"]["updated"]
        - third["items"]["removed"]
    )
    print(
        f"after edition 2: {third['requests']} requests for "
        f"{third['items']['new'] + third['items']['updated'] + third['items']['removed']} changes "
        f"({extra} listing, sitemap and robots requests)"
    )
    print(f"WARC bytes per archived article (3 crawls): {warc_bytes / first['items']['new']:.0f}")


if __name__ == "__main__":
    main()
