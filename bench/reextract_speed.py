"""Re-extraction speed: `osce-archive reextract` pages per second, from WARC, no network.

    python bench/reextract_speed.py [--articles 10000]

Crawls a mirror of that many articles into a fresh archive (full pipeline), then times
`osce-archive reextract --archive DIR` twice: the first pass finds the extraction
unchanged (no line written), as after a no-op upgrade. Pages/s counts the article pages
re-extracted over the command's wall time, start-up included. Target (issue 8): >= 200.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import PYTHON, Mirror, crawl, machine, timed  # noqa: E402

from osce_crawler.extraction_pool import MAX_PROCESSES, available_cores  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument(
        "--processes",
        default="0,default",
        help="extraction processes to compare, comma-separated ('default': the command's own)",
    )
    args = parser.parse_args()
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory() as folder:
        with Mirror(args.articles) as mirror:
            run = crawl(mirror.base_url, Path(folder))
            if run.returncode not in (0, 1):
                sys.exit(f"crawl failed ({run.returncode}):\n{run.stderr[-3000:]}")
        crawl_rate = (args.articles + 24) / run.seconds  # the crawl that built the archive
        results = []
        for _ in range(args.runs):
            for processes in args.processes.split(","):
                command = [PYTHON, "-m", "osce_crawler.cli", "reextract", "--archive", folder]
                if processes != "default":
                    command += ["--processes", processes]
                result = timed(command)
                if result.returncode != 0:
                    sys.exit(f"reextract failed ({result.returncode}):\n{result.stderr[-3000:]}")
                match = re.search(
                    r"(\d+) archived responses\b.*?(\d+) articles extracted", result.stdout
                )
                responses, articles = (int(match[1]), int(match[2])) if match else (0, 0)
                results.append((processes, result, responses, articles))
    print(f"\nreextract of a {args.articles + 24}-article archive\n")
    header = (
        f"{'processes':>10} {'responses':>10} {'articles':>9} {'seconds':>8} {'pages/s':>8} "
        f"{'RSS MB':>7} {'with workers':>13}"
    )
    print(header)
    print("-" * len(header))
    rates: dict[str, list[float]] = {}
    for processes, result, responses, articles in results:
        rate = articles / result.seconds
        rates.setdefault(processes, []).append(rate)
        print(
            f"{processes:>10} {responses:>10} {articles:>9} {result.seconds:>8.1f} "
            f"{rate:>8.1f} {result.peak_rss_mb:>7.0f} {result.peak_tree_rss_mb:>13.0f}"
        )
    print("(target >= 200 pages/s; seconds are wall time with start-up)")
    print(f"the crawl that built the archive: {crawl_rate:.1f} articles/s (wall time)")
    if "0" in rates and len(rates) > 1 and max(rates["0"]):
        base = max(rates["0"])
        for processes, values in rates.items():
            if processes != "0":
                # reextract's default: one process per core, at most MAX_PROCESSES
                cores = available_cores()
                default = min(cores, MAX_PROCESSES) if cores > 1 else 1
                workers = default if processes == "default" else int(processes)
                speedup = max(values) / base
                print(
                    f"best {processes} ({workers} processes) / best in one process: "
                    f"{speedup:.2f}x, parallel efficiency {speedup / max(1, workers):.2f} "
                    "(target >= 0.8)"
                )
    best = max(max(values) for values in rates.values())
    print(f"best reextract / the crawl: {best / crawl_rate:.2f}x (target >= 3)")


if __name__ == "__main__":
    main()
