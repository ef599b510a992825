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

``--pairs N`` runs N pairs against the same mirror in the order stock, ours, ours, stock,
stock, ours, ... (whichever runs first in a pair tended to be the slower on a shared
machine; alternating the order cancels that) and prints each pair's ratio and the median.
"""

from __future__ import annotations

import argparse
import json
import statistics
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


def one_pair(
    base_url: str, articles: int, concurrency: int, extra: list[str], ours_first: bool
) -> dict | None:
    """The stock spider and the crawl, one after the other; their figures and ratios."""
    with tempfile.TemporaryDirectory() as scratch:
        feed = Path(scratch) / "stock.jsonl"
        archive = Path(scratch) / "archive"
        runs = {}
        order = ("ours", "stock") if ours_first else ("stock", "ours")
        for name in order:
            if name == "stock":
                runs[name] = stock_crawl(base_url, feed, concurrency)
            else:
                runs[name] = crawl(base_url, archive, *with_concurrency(concurrency), *extra)
        stock, ours = runs["stock"], runs["ours"]
        if ours.returncode not in (0, 1) or stock.returncode != 0:
            print(ours.stderr[-2000:] or stock.stderr[-2000:], file=sys.stderr)
            return None
        stock_items = sum(1 for line in feed.read_text("utf-8").splitlines() if line.strip())
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
    first = "ours" if ours_first else "stock"
    print(f"{articles:>9} ratio osce-archive / stock: {ratio:.2f} (target >= 0.75; {first} first)")
    print(f"{articles:>9} CPU per article, stock / osce-archive: {cpu_ratio:.2f}")
    print(f"{articles:>9} load average after: {machine().rsplit('load average ', 1)[-1]}")
    result = {"articles": articles, "ratio": round(ratio, 3), "cpu_ratio": round(cpu_ratio, 3)}
    print(json.dumps(result))
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", default="3000,10000", help="mirror sizes, comma-separated")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--pairs", type=int, default=1, help="pairs of runs (order alternates)")
    parser.add_argument("-s", dest="settings", action="append", default=[], help="NAME=VALUE")
    args = parser.parse_args()
    extra = [value for setting in args.settings for value in ("-s", setting)]
    print(f"machine: {machine()}")
    print(
        f"{'articles':>9} {'tool':<22} {'items':>7} {'seconds':>8} {'items/s':>8} "
        f"{'CPU s':>7} {'CPU ms/item':>12} {'peak RSS MB':>12}"
    )
    for articles in (int(n) for n in args.articles.split(",")):
        with Mirror(articles) as mirror:
            pairs = []
            for pair in range(args.pairs):
                result = one_pair(mirror.base_url, articles, args.concurrency, extra, pair % 2 == 1)
                if result is None:
                    return 1
                pairs.append(result)
        if len(pairs) > 1:
            ratios = [r["ratio"] for r in pairs]
            cpu_ratios = [r["cpu_ratio"] for r in pairs]
            print(
                f"{articles:>9} {len(pairs)} pairs: ratio median {statistics.median(ratios):.2f} "
                f"(from {min(ratios):.2f} to {max(ratios):.2f}); CPU ratio median "
                f"{statistics.median(cpu_ratios):.2f}"
            )
            print(
                json.dumps(
                    {
                        "articles": articles,
                        "pairs": len(pairs),
                        "ratio_median": round(statistics.median(ratios), 3),
                        "cpu_ratio_median": round(statistics.median(cpu_ratios), 3),
                    }
                )
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
