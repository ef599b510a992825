"""The full crawl against what a user would run instead: a stock Scrapy SitemapSpider.

    python bench/crawl_vs_scrapy.py [--articles 3000,10000] [--concurrency 16]

For each mirror size, in one run and back to back against the same mirror (served in its
own process, as osce.org is another machine):

- the anchor: a stock ``SitemapSpider`` (``bench/stock_sitemap_spider.py``) run with
  ``scrapy runspider`` outside the project (none of its settings), robots.txt obeyed, the
  same concurrency, every article page fetched and ``{url, title}`` written as JSON Lines;
- ``osce-archive crawl`` with the full pipeline (extraction, validation, WARC, index,
  CDXJ, manifest) into a new archive.

Both are timed from process start to exit (wall time), so start-up and close-down (CDXJ
indexing, the manifest) count. Printed: articles per second for each, the ratio
(target: at least 0.75), each run's CPU seconds (user + system, extraction processes
included: GNU time) and CPU milliseconds per article, and each run's peak RSS. Figures
mean something only as ratios: machines of our kind differ about 3x in speed. On a shared
machine the wall-time ratio moves with the others' load (the anchor needs one core, the
full pipeline more than one); the CPU ratio moves much less. ``-s NAME=VALUE`` passes a
setting to ``osce-archive crawl`` (e.g. ``-s EXTRACT_PROCESSES=2``).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import FAST, PYTHON, Mirror, Run, crawl, machine, manifest, timed  # noqa: E402

STOCK_SPIDER = Path(__file__).resolve().parent / "stock_sitemap_spider.py"


def stock_crawl(base_url: str, out: Path, concurrency: int) -> Run:
    """The anchor, run from a directory without scrapy.cfg: stock settings only."""
    command = [PYTHON, "-m", "scrapy", "runspider", str(STOCK_SPIDER), "-a", f"base_url={base_url}"]
    command += ["-O", str(out), "-s", "ROBOTSTXT_OBEY=True", "-s", "LOG_LEVEL=INFO"]
    command += ["-s", f"CONCURRENT_REQUESTS={concurrency}"]
    command += ["-s", f"CONCURRENT_REQUESTS_PER_DOMAIN={concurrency}"]
    return timed(command, cwd=out.parent)


def with_concurrency(concurrency: int) -> list[str]:
    settings = list(FAST)
    for index, value in enumerate(settings):
        if value.startswith("CONCURRENT_REQUESTS"):
            settings[index] = value.split("=")[0] + f"={concurrency}"
    return settings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", default="3000,10000", help="mirror sizes, comma-separated")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("-s", dest="settings", action="append", default=[], help="NAME=VALUE")
    args = parser.parse_args()
    extra = [value for setting in args.settings for value in ("-s", setting)]
    print(f"machine: {machine()}")
    print(
        f"{'articles':>9} {'tool':<22} {'items':>7} {'seconds':>8} {'items/s':>8} "
        f"{'CPU s':>7} {'CPU ms/item':>12} {'peak RSS MB':>12}"
    )
    for articles in (int(n) for n in args.articles.split(",")):
        with Mirror(articles) as mirror, tempfile.TemporaryDirectory() as scratch:
            feed = Path(scratch) / "stock.jsonl"
            stock = stock_crawl(mirror.base_url, feed, args.concurrency)
            stock_items = sum(1 for line in feed.read_text("utf-8").splitlines() if line.strip())
            archive = Path(scratch) / "archive"
            ours = crawl(mirror.base_url, archive, *with_concurrency(args.concurrency), *extra)
            if ours.returncode not in (0, 1) or stock.returncode != 0:
                print(ours.stderr[-2000:] or stock.stderr[-2000:], file=sys.stderr)
                return 1
            ours_items = manifest(archive)["items"]["new"]
            rates, cpu = {}, {}
            for name, run, items in (
                ("stock SitemapSpider", stock, stock_items),
                ("osce-archive crawl", ours, ours_items),
            ):
                rates[name] = items / run.seconds
                cpu[name] = 1000 * run.cpu_seconds / max(items, 1)
                print(
                    f"{articles:>9} {name:<22} {items:>7} {run.seconds:>8.1f} "
                    f"{rates[name]:>8.1f} {run.cpu_seconds:>7.1f} {cpu[name]:>12.2f} "
                    f"{run.peak_tree_rss_mb or run.peak_rss_mb:>12.0f}"
                )
            ratio = rates["osce-archive crawl"] / rates["stock SitemapSpider"]
            cpu_ratio = cpu["stock SitemapSpider"] / cpu["osce-archive crawl"]
            print(f"{articles:>9} ratio osce-archive / stock: {ratio:.2f} (target >= 0.75)")
            print(f"{articles:>9} CPU per article, stock / osce-archive: {cpu_ratio:.2f}")
            print(f"{articles:>9} load average after: {machine().rsplit('load average ', 1)[-1]}")
            result = {"articles": articles, "ratio": round(ratio, 3)}
            print(json.dumps({**result, "cpu_ratio": round(cpu_ratio, 3)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
