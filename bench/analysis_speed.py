"""Analysis speed: how long `stats` and `export` take on a 10,000-item archive.

    python bench/analysis_speed.py [--articles 10000] [--archive DIR] [--build-only]

Builds the archive with a real crawl of the mirror (bench/_common.py: the mirror in its
own process, throttling off; about 1.5 minutes for 10,000 articles) unless ``--archive DIR`` already holds one, then
times each command as a user runs it (a fresh process, so imports are included) and
prints the figures. Nothing is asserted: the figures are for the reader.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import PYTHON, Mirror, crawl, timed  # noqa: E402


def build(archive: Path, articles: int) -> float:
    """Crawl a mirror of ``articles`` synthetic articles into ``archive``; seconds taken."""
    with Mirror(articles) as mirror:
        run = crawl(mirror.base_url, archive)
    if run.returncode not in (0, 1):
        sys.exit(f"crawl failed ({run.returncode}):\n{run.stderr[-3000:]}")
    return run.seconds


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
            run = timed([PYTHON, "-m", "osce_crawler.cli", *command])
            if run.returncode != 0:
                sys.exit(f"{' '.join(command)} failed: {run.stderr.strip()}")
            print(f"{label:<16} {run.seconds:6.2f} s   (peak RSS {run.peak_rss_mb:5.0f} MB)")
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
