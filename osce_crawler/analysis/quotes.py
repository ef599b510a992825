"""``osce-archive quotes``: every quotation of the archive with its date, speaker and URL."""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator
from typing import Any

from osce_crawler.analysis.safe_text import json_for_terminal, printable
from osce_crawler.archive.reader import Archive


def iter_quotes(
    archive: Archive,
    speaker: str | None = None,
    since: str | None = None,
    until: str | None = None,
    language: str | Collection[str] | None = None,
) -> Iterator[dict[str, Any]]:
    """Quotes of the latest items, in archive order. ``speaker`` matches a part of the
    speaker's name, case and accents as written (``schmid`` finds Helga Maria Schmid)."""
    wanted = speaker.casefold() if speaker else None
    for item in archive.items(since=since, until=until, language=language):
        for quote in item.get("quotes") or []:
            name = quote.get("speaker")
            if wanted and (not name or wanted not in name.casefold()):
                continue
            yield {
                "date": (item.get("published") or "")[:10] or None,
                "speaker": name,
                "speaker_role": quote.get("speaker_role"),
                "text": quote.get("text"),
                "partial": bool(quote.get("partial")),
                "url": item.get("canonical_url") or item.get("url"),
                "title": item.get("title"),
                "language": item.get("language"),
            }


def sorted_quotes(quotes: Iterator[dict[str, Any]]) -> list[dict[str, Any]]:
    """Oldest first (undated last); only the quotes are held, never the items."""
    return sorted(quotes, key=lambda q: (q["date"] is None, q["date"] or "", q["url"] or ""))


def format_quote(quote: dict[str, Any], as_json: bool) -> str:
    """One line: JSON, or ``date  speaker: “text”  url`` for reading."""
    if as_json:
        return json_for_terminal(json.dumps(quote, ensure_ascii=False))
    text = " ".join((quote["text"] or "").split())
    who = quote["speaker"] or "(unattributed)"
    return printable(f"{quote['date'] or 'undated':<10}  {who}: “{text}”  {quote['url']}")
