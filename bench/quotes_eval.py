"""Quotes and speakers measured against the hand-labelled gold.

    python bench/quotes_eval.py [--details]

Runs ``find_quotes`` on the paragraphs of each gold row (tests/data/quotes_gold.jsonl,
labelled by reading, see ../shared/osce-texts/README.md) and prints quote precision,
recall and F1, attribution accuracy (speaker's full name, on matched quotes), speakers-list
precision and recall, and the error classes that remain, largest first.

A predicted quote matches a gold quote of the same text when both are equal after
normalising white space and quote marks (marks at either end are dropped, inner ones
unified) and stripping trailing ``,.;:`` and white space.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from osce_crawler.extract.quotes import find_quotes  # noqa: E402

GOLD = REPO / "tests/data/quotes_gold.jsonl"
_DOUBLE = str.maketrans({c: '"' for c in "“”„«»‟″"} | {c: "'" for c in "‘’‚‛′"})
_ENDS = "\"' \n\t"


def normalise_quote(text: str) -> str:
    """Compare texts, not typography: one space, one kind of mark, no trailing ,.;: ."""
    text = unicodedata.normalize("NFC", text or "").translate(_DOUBLE)
    text = re.sub(r"\s+", " ", text).strip(_ENDS)
    return text.rstrip(",.;: ").strip(_ENDS).rstrip(",.;: ")


def normalise_name(name: str | None) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", name or "")).strip().casefold()


def load_gold(path: Path = GOLD) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def score(gold_rows: list[dict], language: str | None = "en") -> dict:
    """Figures and error lists over the gold rows (importable: the tests reuse it)."""
    errors: list[tuple[str, str, str]] = []  # (class, source, detail)
    tp = fp = fn = 0
    attributed = correct = 0
    role_total = role_correct = 0
    partial_right = 0
    sp_tp = sp_fp = sp_fn = 0
    for row in gold_rows:
        source = row["source"]
        quotes, speakers = find_quotes(row["paragraphs"], row.get("language", language))
        gold = {normalise_quote(q["text"]): q for q in row["quotes"]}
        predicted = {normalise_quote(q.text): q for q in quotes}
        for key, quote in predicted.items():
            if key in gold:
                tp += 1
                attributed += 1
                want = gold[key]
                if quote.partial == want.get("partial", False):
                    partial_right += 1
                else:
                    errors.append(("partial flag differs", source, f"{key[:50]!r}"))
                if normalise_name(quote.speaker) == normalise_name(want["speaker"]):
                    correct += 1
                    role_total += 1
                    if normalise_name(quote.speaker_role) == normalise_name(want["speaker_role"]):
                        role_correct += 1
                    else:
                        errors.append(
                            (
                                "role differs (not scored)",
                                source,
                                f"{quote.speaker}: {quote.speaker_role!r} != {want['speaker_role']!r}",
                            )
                        )
                else:
                    kind = "speaker missing" if not quote.speaker else "wrong speaker"
                    errors.append(
                        (kind, source, f"{key[:50]!r}: {quote.speaker!r} != {want['speaker']!r}")
                    )
            else:
                fp += 1
                near = _near(key, gold)
                kind = "quote boundaries differ" if near else "quote not in gold"
                errors.append((kind, source, f"{key[:70]!r}"))
        for key in gold:
            if key not in predicted:
                fn += 1
                kind = (
                    "quote boundaries differ (missed)" if _near(key, predicted) else "quote missed"
                )
                errors.append((kind, source, f"{key[:70]!r}"))
        want_names = {normalise_name(s["name"]): s for s in row["speakers"]}
        got_names = {normalise_name(s.name): s for s in speakers}
        sp_tp += len(want_names.keys() & got_names.keys())
        for name in got_names.keys() - want_names.keys():
            sp_fp += 1
            errors.append(("speaker not in gold", source, got_names[name].name))
        for name in want_names.keys() - got_names.keys():
            sp_fn += 1
            errors.append(("speaker missed", source, want_names[name]["name"]))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    sp_precision = sp_tp / (sp_tp + sp_fp) if sp_tp + sp_fp else 1.0
    sp_recall = sp_tp / (sp_tp + sp_fn) if sp_tp + sp_fn else 1.0
    return {
        "texts": len(gold_rows),
        "gold_quotes": tp + fn,
        "predicted_quotes": tp + fp,
        "quote_precision": precision,
        "quote_recall": recall,
        "quote_f1": _f1(precision, recall),
        "attribution_accuracy": correct / attributed if attributed else 1.0,
        "role_accuracy": role_correct / role_total if role_total else 1.0,
        "partial_accuracy": partial_right / tp if tp else 1.0,
        "speakers_precision": sp_precision,
        "speakers_recall": sp_recall,
        "speakers_f1": _f1(sp_precision, sp_recall),
        "errors": errors,
        "error_classes": Counter(kind for kind, _, _ in errors).most_common(),
    }


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _near(key: str, others) -> bool:
    """One text contains the other: the quote was found with other boundaries."""
    return any(key and other and (key in other or other in key) for other in others)


def main(argv: list[str]) -> int:
    result = score(load_gold())
    print(f"gold: {result['texts']} texts, {result['gold_quotes']} quotes")
    print(f"predicted quotes: {result['predicted_quotes']}")
    for key in (
        "quote_precision",
        "quote_recall",
        "quote_f1",
        "attribution_accuracy",
        "speakers_precision",
        "speakers_recall",
        "speakers_f1",
        "role_accuracy",
        "partial_accuracy",
    ):
        print(f"{key:22} {result[key]:.3f}")
    print("error classes, largest first:")
    for kind, count in result["error_classes"]:
        print(f"  {count:3}  {kind}")
    if "--details" in argv or result["errors"]:
        for kind, source, detail in result["errors"]:
            print(f"  [{kind}] {source}: {detail}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
