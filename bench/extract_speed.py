"""Extraction speed: the project's extractor against the parse floor and against peer tools.

    python bench/extract_speed.py [--articles 200] [--repeat 3] [--no-peers]

Pages: every record of ``MirrorSite(articles=N, seed=7)`` (the 24 hand-modelled fixture
pages in both osce.org generations and five languages, plus N synthetic articles), each
rendered as the mirror serves it (``render_article``) and as an unseen redesign would look
(``render_redesign``). Every tool gets the same bytes and URL; each page is timed
``--repeat`` times per tool, interleaved, and the fastest run counts (noise only ever adds
time). Printed: median ms per page for each group of pages and tool, and the ratios
project / BeautifulSoup floor and project / trafilatura (ratio of the medians, and the
median of the per-page ratios).

Tools: ``extract_article`` (the full item, quotes and speakers included); the floor:
``BeautifulSoup(html, "lxml")`` alone and ``lxml.html.fromstring`` alone; peers (the
``bench`` extra): ``trafilatura.extract(..., with_metadata=True)`` and newspaper4k
(``Article.download(input_html=...)`` + ``parse()``), each skipped when not installed.
"""

from __future__ import annotations

import argparse
import gc
import platform
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import lxml.html  # noqa: E402
from bs4 import BeautifulSoup  # noqa: E402

from osce_crawler.extract import extract_article  # noqa: E402
from osce_crawler.extract.dates import parse_date  # noqa: E402
from osce_crawler.mirror.pages import render_article, render_redesign  # noqa: E402
from osce_crawler.mirror.site import MirrorSite  # noqa: E402

BASE = "https://www.osce.org"
Tool = Callable[[bytes, str], object]


def mirror_pages(articles: int) -> list[tuple[str, str, bytes]]:
    """(group, url, html bytes) of every mirror record, served and as a redesign."""
    site = MirrorSite(articles=articles, seed=7)
    pages = []
    for record in site.records:
        index = site.rank[record["path"]]
        related = [
            r
            for r in site.newest_first[index + 1 : index + 4]
            if r["language"] == record["language"]
        ]
        url = BASE + record["path"]
        served = render_article(record, BASE, related).encode("utf-8")
        pages.append((f"served {record['generation']}", url, served))
        pages.append(("redesign", url, render_redesign(record, BASE, related).encode("utf-8")))
    return pages


def tools(peers: bool) -> dict[str, Tool]:
    def project(html: bytes, url: str) -> object:
        parse_date.cache_clear()  # no help from the page's previous run
        return extract_article(html, url)

    found: dict[str, Tool] = {
        "project": project,
        "bs4 parse": lambda html, url: BeautifulSoup(html, "lxml"),
        "lxml parse": lambda html, url: lxml.html.fromstring(html),
    }
    if not peers:
        return found
    try:
        import trafilatura

        found["trafilatura"] = lambda html, url: trafilatura.extract(
            html, url=url, with_metadata=True
        )
    except ImportError:
        print("trafilatura not installed (pip install -e '.[bench]'): skipped")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import newspaper

        def newspaper4k(html: bytes, url: str) -> object:
            article = newspaper.Article(url, fetch_images=False)
            article.download(input_html=html.decode("utf-8"))
            article.parse()
            return article

        found["newspaper4k"] = newspaper4k
    except ImportError:
        print("newspaper4k not installed (pip install -e '.[bench]'): skipped")
    return found


def measure(pages: list[tuple[str, str, bytes]], run: dict[str, Tool], repeat: int) -> dict:
    """tool -> list of per-page best times (ms), in page order."""
    for tool in run.values():  # warm-up: imports, compiled patterns, caches of constants
        for _, url, html in pages[:4]:
            tool(html, url)
    times: dict[str, list[float]] = {name: [] for name in run}
    for _, url, html in pages:
        best = dict.fromkeys(run, float("inf"))
        gc.collect()
        for _ in range(repeat):
            for name, tool in run.items():
                started = time.perf_counter()
                tool(html, url)
                best[name] = min(best[name], (time.perf_counter() - started) * 1000)
        for name, value in best.items():
            times[name].append(value)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=200, help="synthetic articles (+24)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-peers", action="store_true", help="project and floor only")
    args = parser.parse_args()
    pages = mirror_pages(args.articles)
    run = tools(not args.no_peers)
    times = measure(pages, run, args.repeat)

    groups = sorted({group for group, _, _ in pages}) + ["all pages"]
    members = {
        group: [i for i, page in enumerate(pages) if group in ("all pages", page[0])]
        for group in groups
    }
    print(
        f"\nExtraction, median ms per page (best of {args.repeat}); python "
        f"{platform.python_version()}; {len(pages)} pages\n"
    )
    header = f"{'pages':16} {'n':>5} " + " ".join(f"{name:>12}" for name in run)
    print(header)
    print("-" * len(header))
    for group in groups:
        cells = [
            f"{statistics.median(times[name][i] for i in members[group]):12.2f}" for name in run
        ]
        print(f"{group:16} {len(members[group]):>5} " + " ".join(cells))

    print("\nRatios (target: project/bs4 <= 1.5, project/trafilatura <= 0.5)\n")
    references = [name for name in ("bs4 parse", "trafilatura", "newspaper4k") if name in run]
    header = f"{'pages':16} " + " ".join(
        f"{'project/' + name.split()[0]:>22}" for name in references
    )
    print(header + "    (ratio of medians | median of per-page ratios)")
    print("-" * len(header))
    for group in groups:
        cells = []
        for name in references:
            project = [times["project"][i] for i in members[group]]
            other = [times[name][i] for i in members[group]]
            of_medians = statistics.median(project) / statistics.median(other)
            per_page = statistics.median(p / o for p, o in zip(project, other, strict=True))
            cells.append(f"{of_medians:>11.2f} | {per_page:<8.2f}")
        print(f"{group:16} " + " ".join(f"{cell:>22}" for cell in cells))
    totals = {name: sum(values) / 1000 for name, values in times.items()}
    print(
        "\nTotal seconds over all pages: "
        + ", ".join(f"{name} {value:.2f}" for name, value in totals.items())
    )
    print(
        "Ratio of the totals (the time to extract all the pages): "
        + ", ".join(
            f"project/{name.split()[0]} {totals['project'] / totals[name]:.2f}"
            for name in references
        )
    )


if __name__ == "__main__":
    main()
