"""Peak RSS of ``osce-archive export --format parquet`` as the archive grows.

    python bench/export_memory.py [--sizes 1000,50000] [--format parquet]

For each size, an archive of that many items is written through the archive's own store
(``ArchiveStore.add_item``: item files, index, checkpoints, as a crawl leaves them); the
items are the extracted items of the mirror's pages (``MirrorSite(articles=200)``: both
markup generations, four languages), each repeated under new URLs until there are enough.
Then ``export`` runs as a user runs it (a fresh process) and its peak RSS (GNU time) and
wall time are printed, with the ratio of each size's peak RSS to the first size's (target:
at most 1.2 at 50,000 against 1,000). Building the archive needs no crawl, so 50,000 items
take about a minute rather than seven.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _common import PYTHON, machine, timed  # noqa: E402

BASE = "https://www.osce.org"


def template_items(articles: int = 200) -> list[dict]:
    """The items of the mirror's article pages, extracted once."""
    from osce_crawler.extract import extract_article
    from osce_crawler.mirror.pages import render_article
    from osce_crawler.mirror.site import MirrorSite

    site = MirrorSite(articles=articles, seed=7)
    items = []
    for record in site.records:
        article = extract_article(render_article(record, BASE, []), BASE + record["path"])
        if article.is_article:
            items.append(article.to_dict())
    return items


def build(archive: Path, size: int, templates: list[dict]) -> None:
    """``size`` items, each a template under a URL of its own, through the store."""
    from osce_crawler.archive.store import ArchiveStore

    store = ArchiveStore.open(archive)
    try:
        for number in range(size):
            item = dict(templates[number % len(templates)])
            item["url"] = item["canonical_url"] = f"{item['url']}-{number}"
            item["title"] = f"{item.get('title') or ''} ({number})"
            store.add_item(item)
    finally:
        store.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,50000", help="archive sizes, comma-separated")
    parser.add_argument("--format", default="parquet", choices=("parquet", "csv"))
    args = parser.parse_args()
    sizes = [int(n) for n in args.sizes.split(",")]
    print(f"machine: {machine()}")
    templates = template_items()
    print(f"{len(templates)} distinct items from the mirror's pages")
    print(f"{'items':>8} {'export s':>9} {'peak RSS MB':>12} {'x first size':>13} {'file MB':>8}")
    first = None
    for size in sizes:
        with tempfile.TemporaryDirectory() as scratch:
            archive = Path(scratch) / "archive"
            build(archive, size, templates)
            out = Path(scratch) / f"items.{args.format}"
            command = [PYTHON, "-m", "osce_crawler.cli", "export", "--archive", str(archive)]
            run = timed([*command, "--format", args.format, "-o", str(out)])
            if run.returncode != 0:
                print(run.stderr[-2000:], file=sys.stderr)
                return 1
            first = first or run.peak_rss_mb
            print(
                f"{size:>8} {run.seconds:>9.1f} {run.peak_rss_mb:>12.0f} "
                f"{run.peak_rss_mb / first:>13.2f} {out.stat().st_size / 1e6:>8.1f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
