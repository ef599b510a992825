"""``osce-archive stats``: what the archive holds, counted in one streaming pass."""

from __future__ import annotations

from collections import Counter
from typing import Any

from osce_crawler.archive.reader import Archive, identity, identity_key
from osce_crawler.content_types import type_name
from osce_crawler.diskset import DiskScratch
from osce_crawler.drift import KEY_FIELDS, layers_of
from osce_crawler.item import ITEM_KEYS

TOP = 10


def filled(value: Any) -> bool:
    """A field counts as present unless null or empty (what coverage means everywhere)."""
    return value not in (None, "", [], {})


def compute_stats(archive: Archive, top: int = TOP) -> dict[str, Any]:
    """Counts over the latest version of every live item, plus the archive's line totals."""
    lines = versions_removed = identities = 0
    scratch = DiskScratch()  # one entry per identity: on disk, so memory stays flat
    try:
        seen = scratch.set("identities")
        for line in archive.lines():
            lines += 1
            if line.get("removed_at"):
                versions_removed += 1
            identities += seen.add(identity_key(identity(line)))
    finally:
        scratch.close()
    by = {name: Counter() for name in ("month", "content_type", "language", "source", "field")}
    present: Counter[str] = Counter()
    provenance: dict[str, Counter[str]] = {key: Counter() for key in KEY_FIELDS}
    quote_speakers: Counter[str] = Counter()
    speaker_items: Counter[str] = Counter()
    items = quotes = unattributed = items_with_quotes = 0
    for item in archive.items():
        items += 1
        by["month"][(item.get("published") or "")[:7] or "undated"] += 1
        by["content_type"][type_name(item.get("content_type"))] += 1
        by["language"][item.get("language") or "(none)"] += 1
        for source in item.get("sources") or ["(none)"]:
            by["source"][source] += 1
        for field in item.get("fields_of_work") or ["(none)"]:
            by["field"][field] += 1
        for key in ITEM_KEYS:
            if filled(item.get(key)):
                present[key] += 1
        for key, layer in layers_of(item).items():
            provenance[key][layer] += 1
        item_quotes = item.get("quotes") or []
        quotes += len(item_quotes)
        items_with_quotes += bool(item_quotes)
        for quote in item_quotes:
            if quote.get("speaker"):
                quote_speakers[quote["speaker"]] += 1
            else:
                unattributed += 1
        for speaker in {s["name"] for s in item.get("speakers") or [] if s.get("name")}:
            speaker_items[speaker] += 1
    return {
        "archive": str(archive.root),
        "items": items,
        "identities": identities,
        "removed": identities - items if identities else 0,
        "lines": lines,
        "tombstone_lines": versions_removed,
        "item_files": len(archive.item_files()),
        "runs": len(archive.runs()),
        "by_month": dict(sorted(by["month"].items())),
        "by_content_type": dict(by["content_type"].most_common()),
        "by_language": dict(by["language"].most_common()),
        "by_source": dict(by["source"].most_common()),
        "by_field_of_work": dict(by["field"].most_common()),
        "quotes": {
            "quotes": quotes,
            "items_with_quotes": items_with_quotes,
            "unattributed": unattributed,
            "speakers": len(speaker_items),
        },
        "top_speakers": [
            {"name": name, "quotes": count, "items": speaker_items.get(name, 0)}
            for name, count in quote_speakers.most_common(top)
        ],
        "field_coverage": {
            key: round(present[key] / items, 4) if items else None for key in ITEM_KEYS
        },
        "provenance": {key: dict(counts.most_common()) for key, counts in provenance.items()},
    }


def _table(title: str, counts: dict[str, int], total: int, limit: int | None = None) -> list[str]:
    rows = list(counts.items())
    shown = rows[:limit] if limit else rows
    width = max((len(k) for k, _ in shown), default=0)
    out = [f"{title}:"]
    for key, value in shown:
        share = f"{value / total:6.1%}" if total else ""
        out.append(f"  {key:<{width}}  {value:>7}  {share}")
    if limit and len(rows) > limit:
        out.append(f"  ... and {len(rows) - limit} more")
    return out


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def format_stats(stats: dict[str, Any]) -> str:
    """The stats as a person reads them."""
    total = stats["items"]
    out = [
        f"the archive at {stats['archive']}: {_count(total, 'item')} ({stats['removed']} more "
        f"removed from the site), {_count(stats['lines'], 'line')} in "
        f"{_count(stats['item_files'], 'item file')}, {_count(stats['runs'], 'run')}",
        "",
    ]
    by_year: dict[str, int] = {}
    for month, count in stats["by_month"].items():
        by_year[month[:4]] = by_year.get(month[:4], 0) + count
    out += _table("items by year", by_year, total)
    out += _table("items by month (latest 24)", dict(list(stats["by_month"].items())[-24:]), total)
    out += _table("items by content type", stats["by_content_type"], total)
    out += _table("items by language", stats["by_language"], total)
    out += _table("items by source", stats["by_source"], total, 15)
    out += _table("items by field of work", stats["by_field_of_work"], total, 15)
    q = stats["quotes"]
    out += [
        f"quotes: {q['quotes']} in {q['items_with_quotes']} items, {q['unattributed']} without "
        f"a speaker; {q['speakers']} speakers",
        "top speakers (quotes, items):",
    ]
    out += [f"  {s['name']}  {s['quotes']}, {s['items']}" for s in stats["top_speakers"]]
    out.append("field coverage (share of items with the field filled in):")
    out += [
        f"  {key:<20} {value:7.1%}" if value is not None else f"  {key:<20}       -"
        for key, value in stats["field_coverage"].items()
    ]
    out.append("how each key field was found (layer: items; 'missing': not found):")
    for key, counts in stats["provenance"].items():
        shown = ", ".join(f"{layer} {count}" for layer, count in counts.items())
        out.append(f"  {key:<20} {shown}")
    return "\n".join(out)
