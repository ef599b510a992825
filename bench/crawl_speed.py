"""Crawl speed: pages and items per second crawling the mirror on loopback, throttling off.

    python bench/crawl_speed.py [--articles 2000]

The mirror runs in its own process (as osce.org would be another machine); the crawl is
`osce-archive crawl` with the full pipeline. Prints requests per archived article too.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def start_mirror(articles: int) -> tuple[subprocess.Popen, str]:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "osce_crawler.cli",
            "serve-sample",
            "--port",
            "0",
            "--articles",
            str(articles),
            "--seed",
            "7",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    line = process.stdout.readline()
    return process, line.rsplit(" ", 1)[-1].strip()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=2000)
    args = parser.parse_args()
    mirror, base_url = start_mirror(args.articles)
    try:
        with tempfile.TemporaryDirectory() as archive:
            started = time.perf_counter()
            result = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "osce_crawler.cli",
                    "crawl",
                    "--base-url",
                    base_url,
                    "--archive",
                    archive,
                    "-s",
                    "AUTOTHROTTLE_ENABLED=0",
                    "-s",
                    "DOWNLOAD_DELAY=0",
                    "-s",
                    "CONCURRENT_REQUESTS_PER_DOMAIN=16",
                    "-s",
                    "CONCURRENT_REQUESTS=16",
                    "-s",
                    "LOG_LEVEL=INFO",
                ],
                capture_output=True,
                text=True,
            )
            elapsed = time.perf_counter() - started
            stats_text = result.stderr
            requests = int(_stat(stats_text, "downloader/request_count"))
            pages = int(_stat(stats_text, "response_received_count"))
            items = sum(
                len(f.read_text().splitlines()) for f in Path(archive, "items").glob("*.jsonl")
            )
            rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    finally:
        mirror.terminate()
        mirror.wait()
    crawl_seconds = float(_stat(stats_text, "elapsed_time_seconds"))
    print(
        json.dumps(
            {
                "articles_in_mirror": args.articles + 24,
                "items_archived": items,
                "requests": requests,
                "requests_per_item": round(requests / max(items, 1), 3),
                "pages": pages,
                "crawl_seconds": round(crawl_seconds, 1),
                "wall_seconds_with_startup": round(elapsed, 1),
                "pages_per_second": round(pages / crawl_seconds, 1),
                "items_per_second": round(items / crawl_seconds, 1),
                "peak_rss_mb_children": round(rss, 1),
            },
            indent=1,
        )
    )


def _stat(log: str, name: str) -> str:
    for line in log.splitlines():
        line = line.strip()
        if line.startswith(f"'{name}':"):
            return line.split(":", 1)[1].strip().rstrip(",")
    return "0"


if __name__ == "__main__":
    main()
