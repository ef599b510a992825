"""Analysis speed: how long `stats` and `export` take on a 10,000-item archive.

    python bench/analysis_speed.py [--articles 10000] [--archive DIR] [--build-only]

Builds the archive with a real crawl of the mirror (``MirrorSite(articles=N)``, throttling
off; ~3-4 minutes for 10,000 articles) unless ``--archive DIR`` already holds one, then
times each command as a user runs it (a fresh process, so imports are included) and
prints the figures. Nothing is asserted: the figures are for the reader.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from osce_crawler.mirror.server import MirrorServer
from osce_crawler.mirror.site import MirrorSite

REPO = Path(__file__).resolve().parents[1]


def build(archive: Path, articles: int) -> float:
    """Crawl a mirror of ``articles`` synthetic articles into ``archive``; seconds taken."""
    server = MirrorServer(MirrorSite(articles=articles, seed=7))
    server.start_in_thread()
    started = time.perf_counter()
    try:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "osce_crawler.cli",
                "crawl",
                "--base-url",
                server.base_url,
                "--archive",
                str(archive),
                "-s",
                "AUTOTHROTTLE_ENABLED=0",
                "-s",
                "DOWNLOAD_DELAY=0",
                "-s",
                "CONCURRENT_REQUESTS_PER_DOMAIN=8",
                "-s",
                "LOG_LEVEL=WARNING",
            ],
            capture_output=True,
            text=True,
            cwd=REPO,
        )
    finally:
        server.shutdown()
        server.server_close()
    print(result.stdout.strip())
    return time.perf_counter() - started


def timed(*command: str) -> tuple[float, float, str]:
    """Wall seconds, peak RSS of the child (MB) and its last output line."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "osce_crawler.cli", *command],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {result.stderr.strip()}")
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    lines = (result.stdout or result.stderr).strip().splitlines()
    return elapsed, peak, lines[-1] if lines else ""


def measure(archive: Path) -> None:
    items = sum(f.read_bytes().count(b"\n") for f in (archive / "items").glob("*.jsonl"))
    size = sum(f.stat().st_size for f in (archive / "items").glob("*.jsonl")) / 1e6
    print(f"archive: {archive} ({items} item lines, {size:.1f} MB of JSON Lines)")
    with tempfile.TemporaryDirectory() as out:
        runs = [
            ("stats", "stats", "--archive", str(archive)),
            ("stats --json", "stats", "--archive", str(archive), "--json"),
            ("export csv", "export", "--archive", str(archive), "--format", "csv", "-o",
             f"{out}/items.csv"),
            ("export parquet", "export", "--archive", str(archive), "--format", "parquet", "-o",
             f"{out}/items.parquet"),
        ]  # fmt: skip
        for label, *command in runs:
            elapsed, peak, _ = timed(*command)
            print(f"{label:<16} {elapsed:6.2f} s   (peak RSS of the run so far {peak:5.0f} MB)")
        for name in ("items.csv", "items.parquet"):
            print(f"{name:<16} {Path(out, name).stat().st_size / 1e6:6.1f} MB")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--archive", help="keep (or reuse) the archive here")
    parser.add_argument("--build-only", action="store_true", help="crawl, do not measure")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        archive = Path(args.archive) if args.archive else Path(scratch) / "archive"
        if not (archive / "items").is_dir():
            seconds = build(archive, args.articles)
            print(f"crawl of {args.articles} synthetic articles (+24 fixtures): {seconds:.0f} s")
        if not args.build_only:
            measure(archive)


if __name__ == "__main__":
    main()
