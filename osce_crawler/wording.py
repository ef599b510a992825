"""Counts in the user's words: "1 item", "2 items" (summaries a person or a cron mail reads)."""

from __future__ import annotations


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """``count`` and the noun in the number it takes: counted(1, "item") == "1 item"."""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"
