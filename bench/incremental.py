"""Incremental crawling: a first crawl, a no-change re-crawl, one after N new articles, and
one after an edition change, each against the first crawl.

    python bench/incremental.py [--articles 10000] [--added 20]

The mirror runs in its own process. Crawl 2 re-crawls the unchanged site; for crawl 3 the
mirror is restarted on the same port with --added N (N brand-new articles, nothing else
changed); for crawl 4 with --edition 2 as well (3 more new articles, every 7th edited,
every 11th removed). Requests are the run manifest's; "other" requests are those that
fetched no article page (robots.txt, sitemaps, listings, the feed).
Targets (issue 8): no-change re-crawl <= 1% of the first crawl's requests; after N new
articles: those N plus at most 10 listing or sitemap requests.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import Mirror, crawl, machine, manifest  # noqa: E402


def article_requests(archive: Path, base_url: str) -> tuple[int, int]:
    """(requests for article pages, other requests) of the latest run, from its WARC."""
    from warcio.archiveiterator import ArchiveIterator

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from osce_crawler.urls import is_article_url

    run_id = manifest(archive)["run_id"]
    articles = other = 0
    for path in sorted((archive / "warc").glob(f"osce-{run_id}-*.warc.gz")):
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type != "request":
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                if is_article_url(url):
                    articles += 1
                else:
                    other += 1
    return articles, other


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--added", type=int, default=20)
    args = parser.parse_args()
    print(f"machine: {machine()}")
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        archive = Path(folder)
        mirror = Mirror(args.articles)
        port = mirror.port
        try:
            for name in ("first crawl", "no-change re-crawl"):
                run = crawl(mirror.base_url, archive)
                rows.append((name, run, manifest(archive), article_requests(archive, "")))
        finally:
            mirror.stop()
        for name, edition in ((f"after {args.added} new articles", 1), ("after edition 2", 2)):
            mirror = Mirror(args.articles, edition=edition, added=args.added, port=port)
            try:
                run = crawl(mirror.base_url, archive)
                rows.append((name, run, manifest(archive), article_requests(archive, "")))
            finally:
                mirror.stop()
    first_requests = rows[0][2]["requests"]
    first_seconds = rows[0][1].seconds
    print(f"\nIncremental re-crawls of a {args.articles + 24}-article mirror\n")
    header = (
        f"{'crawl':28} {'requests':>9} {'% of 1st':>9} {'articles':>9} {'other':>6} "
        f"{'seconds':>8} {'% of 1st':>9} {'new':>6} {'updated':>8} {'removed':>8} "
        f"{'unchanged':>10}"
    )
    print(header)
    print("-" * len(header))
    for name, run, facts, (articles, other) in rows:
        items = facts["items"]
        print(
            f"{name:28} {facts['requests']:>9} {facts['requests'] / first_requests:>9.2%} "
            f"{articles:>9} {other:>6} {run.seconds:>8.1f} {run.seconds / first_seconds:>9.2%} "
            f"{items['new']:>6} {items['updated']:>8} {items['removed']:>8} "
            f"{items['unchanged']:>10}"
        )
    second, third = rows[1], rows[2]
    print(
        f"\nno-change re-crawl: {second[2]['requests'] / first_requests:.2%} of the first "
        "crawl's requests (target <= 1%)"
    )
    print(
        f"after {args.added} new articles: {third[3][0]} article requests and {third[3][1]} "
        f"other requests (target: {args.added} + at most 10)"
    )
    print("(seconds are wall time of the crawl process, start-up included)")


if __name__ == "__main__":
    main()
