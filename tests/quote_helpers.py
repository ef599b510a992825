"""What find_quotes says of a few paragraphs, in the shapes the rule tests compare."""

from __future__ import annotations

from osce_crawler.extract.quotes import find_quotes


def quotes_said(paragraphs: list[str], language: str = "en") -> list[tuple[str, str | None]]:
    """(quote, speaker) of each quote, in order."""
    return [(q.text, q.speaker) for q in find_quotes(paragraphs, language)[0]]


def quotes_said_with_kind(
    paragraphs: list[str], language: str = "en"
) -> list[tuple[str, str | None, str | None]]:
    """(quote, speaker, speaker kind) of each quote, in order."""
    return [(q.text, q.speaker, q.speaker_kind) for q in find_quotes(paragraphs, language)[0]]


def speaker_names(paragraphs: list[str], language: str = "en") -> list[str]:
    """The names of the speakers list, in order."""
    return [s.name for s in find_quotes(paragraphs, language)[1]]
