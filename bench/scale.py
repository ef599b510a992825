"""Scale: peak RSS and time per item of a crawl, and of `osce-archive stats`, as the
archive grows from 1,000 to 10,000 to 50,000 items.

    python bench/scale.py [--sizes 1000,10000,50000]

For each size a mirror of that many articles (own process) is crawled into a fresh
archive with the full pipeline, throttling off; then `osce-archive stats --archive DIR
--json` runs on that archive. Peak RSS: each command's own process (GNU time), and for
the crawl also the largest sampled sum over it and its extraction processes. Target
(issue 8): RSS at 50,000 items within 1.2 times RSS at 1,000 (the crawl's and stats').
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import PYTHON, Mirror, crawl, machine, manifest, scrapy_stat, timed  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000,50000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"machine: {machine()}")
    rows = []
    for size in sizes:
        articles = max(0, size - 24)  # the mirror always holds its 24 modelled pages
        with Mirror(articles) as mirror, tempfile.TemporaryDirectory() as folder:
            archive = Path(folder)
            run = crawl(mirror.base_url, archive)
            if run.returncode not in (0, 1):
                sys.exit(f"crawl failed ({run.returncode}):\n{run.stderr[-3000:]}")
            items = manifest(archive)["items"]["new"]
            pages = int(scrapy_stat(run.stderr, "response_received_count"))
            seconds = float(scrapy_stat(run.stderr, "elapsed_time_seconds")) or run.seconds
            stats = timed(
                [PYTHON, "-m", "osce_crawler.cli", "stats", "--archive", folder, "--json"]
            )
            stats_ok = stats.returncode == 0
            if not stats_ok:
                print(f"stats on {size}: exit {stats.returncode}: {stats.stderr.strip()[-300:]}")
            rows.append((size, items, pages, seconds, run, stats if stats_ok else None))
            print(
                f"  {size}: {items} items, {pages / seconds:.0f} pages/s, crawl peak RSS "
                f"{run.peak_rss_mb:.0f} MB, with workers {run.peak_tree_rss_mb:.0f} MB",
                flush=True,
            )
    print("\nScale: crawl and stats as the archive grows\n")
    header = (
        f"{'items':>7} {'pages/s':>8} {'ms/item':>8} {'crawl RSS MB':>13} {'x 1st':>6} "
        f"{'+ workers MB':>13} {'x 1st':>6} "
        f"{'stats s':>8} {'stats ms/item':>14} {'stats RSS MB':>13} {'x 1st':>6}"
    )
    print(header)
    print("-" * len(header))
    base_crawl = rows[0][4].peak_rss_mb
    base_tree = rows[0][4].peak_tree_rss_mb or 1
    base_stats = rows[0][5].peak_rss_mb if rows[0][5] else None
    for _size, items, pages, seconds, run, stats in rows:
        cells = (
            f"{items:>7} {pages / seconds:>8.1f} {1000 * seconds / items:>8.2f} "
            f"{run.peak_rss_mb:>13.0f} {run.peak_rss_mb / base_crawl:>6.2f} "
            f"{run.peak_tree_rss_mb:>13.0f} {run.peak_tree_rss_mb / base_tree:>6.2f} "
        )
        if stats is not None and base_stats:
            cells += (
                f"{stats.seconds:>8.2f} {1000 * stats.seconds / items:>14.3f} "
                f"{stats.peak_rss_mb:>13.0f} {stats.peak_rss_mb / base_stats:>6.2f}"
            )
        else:
            cells += f"{'stats failed':>45}"
        print(cells)
    print("(crawl ms/item: Scrapy's elapsed time / items; stats: wall time with start-up)")


if __name__ == "__main__":
    main()
