"""Benchmark the generic article-body extractor against trafilatura on /work/shared/generic-pages.

Usage: python bench/generic_pages.py [--failures] [--no-trafilatura] [--pages DIR]

Scores follow the folder's README: a page passes when every `with` snippet is found in the
extracted text and no `without` snippet is; both sides have their white space collapsed and the
match is a literal, case-sensitive substring test. trafilatura is a bench-only dependency and is
imported lazily below.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import bs4

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # run as a plain script from anywhere

from osce_crawler.extract.generic import find_main_paragraphs  # noqa: E402

DEFAULT_PAGES = REPO.parent / "shared" / "generic-pages"
_WS = re.compile(r"\s+")


def norm(text: str) -> str:
    """Collapse white space and trim, as the README's pass rule requires."""
    return _WS.sub(" ", text).strip()


@dataclass
class Page:
    file: str
    url: str | None
    html: str
    with_: list[str]
    without: list[str]


@dataclass
class Score:
    name: str
    passed: int = 0
    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0
    ms: list[float] = field(default_factory=list)
    failures: list[tuple[str, list[str], list[str]]] = field(default_factory=list)

    def add(self, page: Page, text: str, ms: float) -> None:
        body = norm(text)
        missing = [s for s in page.with_ if norm(s) not in body]
        unwanted = [s for s in page.without if norm(s) in body]
        self.tp += len(page.with_) - len(missing)
        self.fn += len(missing)
        self.fp += len(unwanted)
        self.tn += len(page.without) - len(unwanted)
        self.ms.append(ms)
        if missing or unwanted:
            self.failures.append((page.file, missing, unwanted))
        else:
            self.passed += 1

    def row(self, total: int) -> str:
        precision = self.tp / max(1, self.tp + self.fp)
        recall = self.tp / max(1, self.tp + self.fn)
        median = statistics.median(self.ms) if self.ms else 0.0
        return (
            f"{self.name:<34} {self.passed:>4}/{total:<4} {self.passed / max(1, total):>6.1%} "
            f"{precision:>9.3f} {recall:>7.3f} {median:>9.1f}"
        )


def decode(data: bytes) -> str:
    """Decode page bytes honouring the declared charset (meta/BOM), as BeautifulSoup would."""
    dammit = bs4.UnicodeDammit(data, is_html=True)
    return dammit.unicode_markup or data.decode("utf-8", "replace")


def load_pages(folder: Path) -> list[Page]:
    pages = []
    with open(folder / "expectations.jsonl", encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            rec = json.loads(line)
            html = decode((folder / "html" / rec["file"]).read_bytes())
            pages.append(Page(rec["file"], rec["url"], html, rec["with"], rec["without"]))
    return pages


EXTRACT_MS: list[float] = []  # our extraction time alone, without BeautifulSoup's parse


def ours(page: Page) -> str:
    soup = bs4.BeautifulSoup(page.html, "lxml")
    start = time.perf_counter()
    paragraphs = find_main_paragraphs(soup)
    EXTRACT_MS.append((time.perf_counter() - start) * 1000)
    return "\n\n".join(paragraphs)


def run(name: str, fn: Callable[[Page], str], pages: list[Page]) -> Score:
    score = Score(name)
    for page in pages:
        start = time.perf_counter()
        try:
            text = fn(page) or ""
        except Exception as exc:  # a crash counts as empty output, but say so
            print(f"  {name}: {page.file}: {type(exc).__name__}: {exc}", file=sys.stderr)
            text = ""
        score.add(page, text, (time.perf_counter() - start) * 1000)
    return score


def trafilatura_runs(pages: list[Page]) -> list[Score]:
    try:
        import trafilatura
    except ImportError:
        print("trafilatura not installed (pip install .[bench]); skipping it", file=sys.stderr)
        return []

    def make(**extra: bool) -> Callable[[Page], str]:
        def fn(page: Page) -> str:
            return (
                trafilatura.extract(
                    page.html, url=page.url, include_comments=False, include_tables=True, **extra
                )
                or ""
            )

        return fn

    return [
        run("trafilatura", make(), pages),
        run("trafilatura favor_precision", make(favor_precision=True), pages),
        run("trafilatura favor_recall", make(favor_recall=True), pages),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failures", action="store_true", help="list our failing pages")
    parser.add_argument("--no-trafilatura", action="store_true", help="only run our extractor")
    parser.add_argument("--pages", type=Path, default=DEFAULT_PAGES, help="generic-pages folder")
    args = parser.parse_args()

    pages = load_pages(args.pages)
    scores = [run("ours (parse + extract)", ours, pages)]
    if not args.no_trafilatura:
        scores += trafilatura_runs(pages)

    print(f"{'extractor':<34} {'pages passed':>13} {'precision':>9} {'recall':>7} {'median ms':>9}")
    for score in scores:
        print(score.row(len(pages)))
    print(
        f"ours, extraction alone (soup given): median {statistics.median(EXTRACT_MS):.1f} ms, "
        f"max {max(EXTRACT_MS):.1f} ms"
    )

    if args.failures:
        print(f"\nour failing pages ({len(scores[0].failures)}):")
        for file, missing, unwanted in scores[0].failures:
            print(f"- {file}")
            for snippet in missing:
                print(f"    missing:  {snippet!r}")
            for snippet in unwanted:
                print(f"    unwanted: {snippet!r}")


if __name__ == "__main__":
    main()
