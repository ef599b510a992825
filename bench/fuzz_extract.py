"""Fuzz the extractor: N mutated real pages (default 10,000); nothing may raise or hang.

    python bench/fuzz_extract.py [--cases 10000] [--seed 1]

Prints the cases run, exceptions, the slowest cases, time percentiles and peak memory.
Mutations (tests/fuzzing.py): truncation, deletion, duplication, tag soup and nasty bytes,
byte flips, nesting thousands deep, shuffled lines; one to four per case.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import time
import traceback
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from osce_crawler.extract import extract_article  # noqa: E402
from tests.fuzzing import mutate, seed_pages  # noqa: E402


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    pages = seed_pages()
    rng = random.Random(args.seed)
    timings: list[tuple[float, int, int]] = []
    failures = []
    extract_article(pages[0], "https://www.osce.org/x/1")  # warm-up: imports and caches
    start_rss = rss_mb()
    rss_at_tenth = None
    for case in range(args.cases):
        index = rng.randrange(len(pages))
        page = mutate(rng, pages[index])
        started = time.perf_counter()
        try:
            extract_article(page, "https://www.osce.org/secretariat/489944").to_json()
        except Exception:
            failures.append((case, traceback.format_exc(limit=3)))
        timings.append((time.perf_counter() - started, case, len(page)))
        if case == args.cases // 10:
            rss_at_tenth = rss_mb()
    seconds = sorted(t for t, _, _ in timings)
    print(f"cases: {len(timings)}  exceptions: {len(failures)}")
    print(
        f"time per page: median {1000 * statistics.median(seconds):.1f} ms, "
        f"p99 {1000 * seconds[int(0.99 * len(seconds)) - 1]:.1f} ms, max {1000 * seconds[-1]:.1f} ms"
    )
    print(f"pages over 1 s: {sum(1 for t in seconds if t > 1)}")
    print(
        "slowest: "
        + ", ".join(
            f"case {c} ({n // 1024} kB) {t:.2f} s" for t, c, n in sorted(timings, reverse=True)[:5]
        )
    )
    print(
        f"peak RSS: {rss_mb():.0f} MB (after warm-up {start_rss:.0f} MB, "
        f"after 10% of the cases {rss_at_tenth or 0:.0f} MB)"
    )
    for case, trace in failures[:5]:
        print(f"--- case {case}\n{trace}")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
