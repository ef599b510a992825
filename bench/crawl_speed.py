"""Crawl speed: pages and items per second crawling the mirror on loopback, throttling off.

    python bench/crawl_speed.py [--articles 10000]

The mirror runs in its own process (as osce.org would be another machine); the crawl is
`osce-archive crawl` with the full pipeline (extraction, validation, WARC, index, item
files, manifest) and throttling off (-s AUTOTHROTTLE_ENABLED=0 -s DOWNLOAD_DELAY=0, 16
requests in flight). Peak RSS: the crawl process's (GNU time), and the largest sampled sum
over it and its extraction processes (EXTRACT_PROCESSES; -s NAME=VALUE sets any setting).
Targets (issue 8): >= 150 pages/s, peak RSS < 300 MB.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import Mirror, crawl, machine, manifest, scrapy_stat  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("-s", dest="settings", action="append", default=[], metavar="NAME=VALUE")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    with Mirror(args.articles) as mirror, tempfile.TemporaryDirectory() as folder:
        archive = Path(folder)
        run = crawl(mirror.base_url, archive, *(f"-s{s}" for s in args.settings))
        if run.returncode not in (0, 1):
            sys.exit(f"crawl failed ({run.returncode}):\n{run.stderr[-3000:]}")
        facts = manifest(archive)
        warc_mb = sum(p.stat().st_size for p in (archive / "warc").glob("*.warc.gz")) / 2**20
    seconds = float(scrapy_stat(run.stderr, "elapsed_time_seconds")) or run.seconds
    pages = int(scrapy_stat(run.stderr, "response_received_count"))
    requests = facts["requests"]
    items = facts["items"]["new"]
    print(f"\nCrawl of a {args.articles + 24}-article mirror, full pipeline\n")
    rows = [
        ("requests", f"{requests}"),
        ("responses (pages)", f"{pages}"),
        ("items archived", f"{items}"),
        ("crawl seconds (Scrapy)", f"{seconds:.1f}"),
        ("wall seconds (with start-up)", f"{run.seconds:.1f}"),
        ("pages/s", f"{pages / seconds:.1f}   (target >= 150)"),
        ("items/s", f"{items / seconds:.1f}"),
        ("peak RSS, crawl process, MB", f"{run.peak_rss_mb:.0f}"),
        ("peak RSS, with workers, MB", f"{run.peak_tree_rss_mb:.0f}   (target < 300)"),
        ("WARC MB", f"{warc_mb:.1f}"),
        ("requests per item", f"{requests / max(items, 1):.3f}"),
    ]
    for name, value in rows:
        print(f"{name:30} {value}")


if __name__ == "__main__":
    main()
