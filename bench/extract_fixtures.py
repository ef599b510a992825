"""Per-field accuracy over the mirror's fixture pages, and extraction time of the seed page.

    python bench/extract_fixtures.py

Accuracy is measured against tests/data/fixture_expectations.json (written by hand
from the source texts), on each page as the mirror serves it (its own generation) and
as an unseen redesign would (render_redesign: no known markup at all).
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from osce_crawler.extract import extract_article  # noqa: E402
from osce_crawler.mirror.pages import load_records, render_article, render_redesign  # noqa: E402
from tests.test_extract_fixtures import expected_paragraphs  # noqa: E402

DATA = REPO / "tests" / "data"  # the seed and texts, copied from ../shared
BASE = "https://www.osce.org"
FIELDS = [
    "node_id",
    "language",
    "content_type",
    "title",
    "published",
    "modified",
    "place",
    "sources",
    "fields_of_work",
    "dateline",
    "lead",
    "paragraphs",
    "glossary",
    "attachments",
    "translations",
]


def load_sources() -> tuple[dict, dict, list[str]]:
    expectations = json.loads((REPO / "tests/data/fixture_expectations.json").read_text())
    expectations.pop("_about")
    texts = {}
    for line in (DATA / "osce-texts/texts.jsonl").read_text().splitlines():
        entry = json.loads(line)
        texts[entry["url"]] = [x.strip() for x in entry["text"].split("\n") if x.strip()]
    seed = (DATA / "seeds/000_66cc5d006f91ad1b.txt").read_text().split("\n")
    return expectations, texts, seed


def field_ok(article, field: str, expect: dict, texts: dict, seed: list[str]) -> bool:
    value = getattr(article, field)
    if field == "title":
        if "title" in expect:
            return value == expect["title"]
        lines = seed if expect["source"] == "seed" else texts[expect["source"]]
        if expect["source"] == "seed":
            return value == seed[seed.index("Press release") + 1]
        return value == lines[expect["title_line"]]
    if field == "dateline":
        got = value and {"text": value.text, "place": value.place, "date": value.date}
        return got == expect["dateline"]
    if field == "lead":
        return bool(value) and value.startswith(expect["lead_starts"])
    if field == "paragraphs":
        want = expected_paragraphs(expect, texts, seed)
        return value == want if want is not None else len(value) == expect["paragraph_count"]
    if field == "glossary":
        return [{"term": g.term, "definition": g.definition} for g in value] == expect["glossary"]
    if field == "attachments":
        return [[a.title, a.url.removeprefix(BASE)] for a in value] == expect["attachments"]
    if field == "translations":
        return [t.language for t in value] == expect["translations"]
    return value == expect[field]


def main() -> None:
    expectations, texts, seed_lines = load_sources()
    records = {r["key"]: r for r in load_records()}
    keys = list(records)
    print("Fixture pages by generation and language:")
    counts = Counter((r["generation"], r["language"]) for r in records.values())
    for (generation, language), count in sorted(counts.items()):
        print(f"  {generation:8} {language}: {count}")
    print(f"  total: {len(records)} (+ the same {len(records)} as an unseen redesign)\n")

    scores: dict[str, dict[str, list[bool]]] = {"served": {}, "redesign": {}}
    for index, key in enumerate(keys):
        record, expect = records[key], expectations[key]
        related = [records[keys[(index + step) % len(keys)]] for step in (1, 2, 3)]
        for variant, render in (("served", render_article), ("redesign", render_redesign)):
            article = extract_article(render(record, BASE, related), expect["url"])
            for field in FIELDS:
                ok = field_ok(article, field, expect, texts, seed_lines)
                scores[variant].setdefault(field, []).append(ok)
    print(f"{'field':16} {'served':>10} {'redesign':>10}")
    for field in FIELDS:
        cells = []
        for variant in ("served", "redesign"):
            results = scores[variant][field]
            cells.append(f"{sum(results)}/{len(results)}")
        print(f"{field:16} {cells[0]:>10} {cells[1]:>10}")
    for variant in ("served", "redesign"):
        flat = [ok for results in scores[variant].values() for ok in results]
        print(f"overall {variant}: {100 * sum(flat) / len(flat):.1f}% of field values right")

    seed_html = render_article(records["seed"], BASE).encode()
    extract_article(seed_html, BASE + "/secretariat/489944")  # warm-up: imports, caches
    timings, floor = [], []
    for _ in range(50):
        start = time.perf_counter()
        extract_article(seed_html, BASE + "/secretariat/489944")
        timings.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        BeautifulSoup(seed_html, "lxml")
        floor.append((time.perf_counter() - start) * 1000)
    full, parse = statistics.median(timings), statistics.median(floor)
    print(
        f"\nseed page: extract_article median {full:.2f} ms; BeautifulSoup(lxml) parse alone "
        f"{parse:.2f} ms; ratio {full / parse:.2f}"
    )


if __name__ == "__main__":
    main()
