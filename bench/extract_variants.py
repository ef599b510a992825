"""Extraction on independent page variants: accuracy per field, body F1, hard errors, speed.

Usage:
    python bench/extract_variants.py [-n 1000] [--split dev|holdout] [--start 0]
                                     [--failures FILE] [--examples 3] [--speed [--speed-n N]]

Pages come from tests/pagevariants.py (a generator that is neither the mirror nor shaped by the
extractor); scores from tests/pagevariants_score.py. Fields are scored where the page shows
them (content type only where the page shows it somewhere). Hard errors: a chrome string
(menu, footer, related block, share/cookie/newsletter text) as an entry of a list field, a
metadata label line in the body, chrome in the body. ``--failures FILE`` writes one JSON line
per wrong field or hard error (seed, split, field, expected, got, markup) for analysis.

``--speed`` times extraction against a bare ``BeautifulSoup(html, "lxml")`` parse and
``trafilatura.extract`` on fresh seeds (after the accuracy pass, never the same pages), one
pass each, the three tools interleaved page by page in a rotating order, and prints ratios
measured in the same run. Every page of the speed pass is new to the process, but the
variants recombine a small pool of texts, so a cache keyed by paragraph text may still hit.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from pagevariants import generate  # noqa: E402
from pagevariants_score import FIELDS, score  # noqa: E402

from osce_crawler.collector import collect_rarely  # noqa: E402
from osce_crawler.extract import extract_article  # noqa: E402
from osce_crawler.extract.dates import warm_up  # noqa: E402
from osce_crawler.extraction_pool import WORKER_GC_THRESHOLD  # noqa: E402

#: pages each tool sees before the timed pass (every language and most markups)
WARM_PAGES = 40

#: markup dimensions shown in the per-dimension breakdown
BREAKDOWN = (
    "language",
    "class_scheme",
    "meta_layout",
    "label_vocabulary",
    "title_tag",
    "paragraphs",
    "ctype_where",
    "date_where",
    "menu",
    "topics_block",
    "jsonld",
    "glossary_markup",
    "scripts",
    "charset",
)


def _revision() -> str:
    """The checkout's commit, and whether the extractor has uncommitted changes."""
    import subprocess

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", *args], cwd=REPO, capture_output=True, text=True, timeout=10
        ).stdout.strip()

    try:
        head, dirty = (
            git("rev-parse", "--short", "HEAD"),
            git("status", "--porcelain", "osce_crawler"),
        )
    except (OSError, subprocess.SubprocessError):
        return "an unknown commit"
    return (head or "an unknown commit") + (
        " + uncommitted changes in osce_crawler/" if dirty else ""
    )


def _short(value, limit: int = 90) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _category(field: str, expected, got) -> str:
    if field == "content_type":
        return f"{field}: {'missing' if not got else 'wrong'}"
    empty = got in (None, "", [], {})
    if expected in (None, [], ""):
        return f"{field}: invented"
    if empty:
        return f"{field}: missing"
    if isinstance(expected, list) and isinstance(got, list) and len(got) > len(expected):
        return f"{field}: extra values"
    return f"{field}: wrong"


def accuracy(n: int, split: str, start: int, failures_path: str | None, examples: int) -> None:
    right = Counter()
    scored = Counter()
    f1s: list[float] = []
    hard = Counter()
    hard_examples: dict[str, list] = defaultdict(list)
    categories = Counter()
    cat_examples: dict[str, list] = defaultdict(list)
    by_dim: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    fail_out = open(failures_path, "w", encoding="utf-8") if failures_path else None  # noqa: SIM115
    crashed = 0
    t0 = time.perf_counter()
    for seed in range(start, start + n):
        v = generate(seed, split)
        try:
            item = extract_article(v.html, v.url).to_dict()
        except Exception as exc:  # the extractor promises never to raise; count it if it does
            crashed += 1
            item = {}
            print(f"seed {seed}: extract_article raised {exc!r}", file=sys.stderr)
        s = score(v, item)
        f1s.append(s["body_f1"])
        page_right = page_total = 0
        for name, r in s["fields"].items():
            scored[name] += 1
            page_total += 1
            if r["ok"]:
                right[name] += 1
                page_right += 1
            else:
                cat = _category(name, r["expected"], r["got"])
                categories[cat] += 1
                row = {
                    "seed": seed,
                    "split": split,
                    "field": name,
                    "expected": r["expected"],
                    "got": r["got"],
                    "markup": v.markup,
                }
                if len(cat_examples[cat]) < examples:
                    cat_examples[cat].append(row)
                if fail_out:
                    fail_out.write(json.dumps(row, ensure_ascii=False) + "\n")
        if s["body_f1"] < 0.98:
            cat = "body: F1 < 0.98"
            categories[cat] += 1
            row = {
                "seed": seed,
                "split": split,
                "field": "body",
                "expected": f"F1 {s['body_f1']:.3f}",
                "got": (item.get("body") or "")[:300],
                "markup": v.markup,
            }
            if len(cat_examples[cat]) < examples:
                cat_examples[cat].append(row)
            if fail_out:
                fail_out.write(
                    json.dumps(
                        row | {"expected_body": v.expected["body"][:300]}, ensure_ascii=False
                    )
                    + "\n"
                )
        for err in s["hard_errors"]:
            key = f"{err['kind']} ({err['field']})"
            hard[key] += 1
            if len(hard_examples[key]) < examples:
                hard_examples[key].append(
                    {
                        "seed": seed,
                        "value": err["value"],
                        "markup": {k: v.markup.get(k) for k in BREAKDOWN},
                    }
                )
            if fail_out:
                fail_out.write(
                    json.dumps(
                        {
                            "seed": seed,
                            "split": split,
                            "field": "HARD " + key,
                            "expected": None,
                            "got": err["value"],
                            "markup": v.markup,
                        },
                        ensure_ascii=False,
                    )
                    + "\n"
                )
        for dim in BREAKDOWN:
            cell = by_dim[(dim, v.markup.get(dim, "-"))]
            cell[0] += page_right
            cell[1] += page_total
    elapsed = time.perf_counter() - t0
    if fail_out:
        fail_out.close()

    total_right, total = sum(right.values()), sum(scored.values())
    print(
        f"extract_variants: split={split} seeds {start}..{start + n - 1} ({n} pages, {elapsed:.1f} s);"
        f" extractor at {_revision()}"
    )
    print("\nper-field accuracy (fields the page shows)")
    for name in FIELDS:
        if scored[name]:
            print(f"  {name:<16} {right[name] / scored[name]:7.1%}  ({right[name]}/{scored[name]})")
    print(
        f"  {'ALL FIELDS':<16} {total_right / total:7.1%}  ({total_right}/{total})   target >= 98%"
    )
    qs = statistics.quantiles(f1s, n=20) if len(f1s) > 1 else [f1s[0]] * 19
    ok98 = sum(f >= 0.98 for f in f1s) / len(f1s)
    print("\nbody token F1")
    print(
        f"  min {min(f1s):.3f}  p5 {qs[0]:.3f}  p25 {qs[4]:.3f}  median {statistics.median(f1s):.3f}  mean {statistics.fmean(f1s):.3f}"
    )
    print(f"  variants with F1 >= 0.98: {ok98:.1%}   target >= 97%")
    print(
        f"\nHARD ERRORS: {sum(hard.values())} (target 0)"
        + (f"; extract_article raised on {crashed} pages" if crashed else "")
    )
    for key, count in hard.most_common():
        print(f"  {count:6d}  {key}")
        for ex in hard_examples[key]:
            print(
                f"          seed {ex['seed']}: {_short(ex['value'], 70)!r}  {_short(ex['markup'], 160)}"
            )
    print("\ntop failure categories")
    for cat, count in categories.most_common(12):
        print(f"  {count:6d}  {cat}")
        for row in cat_examples[cat]:
            mk = {
                k: row["markup"].get(k)
                for k in (
                    "language",
                    "class_scheme",
                    "meta_layout",
                    "ctype_where",
                    "date_where",
                    "label_vocabulary",
                )
            }
            print(
                f"          seed {row['seed']}: expected {_short(row['expected'], 60)} got {_short(row['got'], 60)}  {_short(mk, 150)}"
            )
    print("\nfields right by markup choice (worst first within each dimension)")
    for dim in BREAKDOWN:
        cells = sorted(
            ((k[1], c) for k, c in by_dim.items() if k[0] == dim),
            key=lambda kc: kc[1][0] / max(kc[1][1], 1),
        )
        print(f"  {dim:<16} " + "  ".join(f"{val}={c[0] / max(c[1], 1):.0%}" for val, c in cells))


def speed(n: int, split: str, start: int, per_page_gc: bool = False) -> None:
    import gc

    import bs4
    import trafilatura

    pages = [generate(seed, split) for seed in range(start, start + n)]
    # warm the imports and lazy tables of each tool on pages outside the timed set, and
    # dateparser's data for each language (what an extraction process does when it starts):
    # a crawl pays these once
    warm_up()
    for warm in (generate(seed, split) for seed in range(start + n, start + n + WARM_PAGES)):
        extract_article(warm.html, warm.url)
        bs4.BeautifulSoup(warm.html, "lxml")
        trafilatura.extract(warm.html)
    if per_page_gc:
        # as the crawl's and reextract's extraction processes run (extraction_pool): what is
        # loaded is frozen, and the young garbage of each call is collected after it, for
        # every tool alike, inside its timing
        collect_rarely(WORKER_GC_THRESHOLD)
    tools = {
        "extract_article": lambda v: extract_article(v.html, v.url),
        "BeautifulSoup(lxml)": lambda v: bs4.BeautifulSoup(v.html, "lxml"),
        "trafilatura.extract": lambda v: trafilatura.extract(v.html),
    }
    names = list(tools)
    totals = dict.fromkeys(names, 0.0)
    for i, v in enumerate(pages):
        order = names[i % 3 :] + names[: i % 3]
        for name in order:
            t = time.process_time()
            tools[name](v)
            if per_page_gc:
                gc.collect(0)
            totals[name] += time.process_time() - t
    print(
        f"\nspeed: {n} fresh pages (seeds {start}..{start + n - 1}), one pass each, tools interleaved"
        " per page; CPU time of this process (other work on the machine counts less than in"
        f" wall time); garbage collection: {'per page, as in the extraction processes' if per_page_gc else 'Python default'}"
    )
    for name in names:
        print(f"  {name:<22} {totals[name]:7.2f} s  ({totals[name] / n * 1000:6.2f} ms/page)")
    ext = totals["extract_article"]
    print(
        f"  extraction / bare lxml parse : {ext / totals['BeautifulSoup(lxml)']:.2f}x   target <= 1.5x"
    )
    print(
        f"  extraction / trafilatura     : {ext / totals['trafilatura.extract']:.2f}x   target <= 0.5x"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=1000, help="variants to score (default 1000)")
    ap.add_argument("--split", choices=("dev", "holdout"), default="dev")
    ap.add_argument("--start", type=int, default=0, help="first seed")
    ap.add_argument(
        "--failures", metavar="FILE", help="write wrong fields and hard errors as JSONL"
    )
    ap.add_argument("--examples", type=int, default=3, help="examples printed per category")
    ap.add_argument(
        "--speed", action="store_true", help="also time extraction vs bare parse vs trafilatura"
    )
    ap.add_argument("--speed-n", type=int, default=None, help="pages for --speed (default: -n)")
    ap.add_argument("--no-accuracy", action="store_true", help="only the speed section")
    ap.add_argument(
        "--per-page-gc",
        action="store_true",
        help="collect garbage after each call, as the extraction processes do",
    )
    args = ap.parse_args(argv)
    if not args.no_accuracy:
        accuracy(args.n, args.split, args.start, args.failures, args.examples)
    if args.speed or args.no_accuracy:
        speed(args.speed_n or args.n, args.split, args.start + args.n, args.per_page_gc)
    return 0


if __name__ == "__main__":
    sys.exit(main())
