"""The dateline that opens a press release: "VIENNA, 16 June 2021 — We need ..."."""

from __future__ import annotations

import re

from osce_crawler.extract.dates import parse_date
from osce_crawler.item import Dateline

# place (any script, written in capitals), optional comma, a date ("1er juin", "1st June"),
# then a dash or colon
_DATELINE = re.compile(
    r"^(?P<place>[^\W\d_][^\d\n]{0,60}?),?\s+"
    r"(?P<date>\d{1,2}(?:\.|er|st|nd|rd|th)?\s+[^\W\d_]{3,12}\.?,?\s+\d{4}(?:\s*г\.?)?"
    r"|[^\W\d_]{3,12}\.?\s+\d{1,2},?\s+\d{4}"
    r"|\d{1,2}[./]\d{1,2}[./]\d{4})"
    r"\s*(?P<dash>--|[—–-]|:)\s*"
)
_SMALL_WORDS = {"and", "of", "on", "upon", "the", "de", "la", "le", "du", "des", "am", "an", "der"}


def _is_capitals(place: str) -> bool:
    letters = [c for c in place if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def place_as_written_by_a_person(place: str) -> str:
    """'VIENNA' -> 'Vienna', 'THE HAGUE' -> 'The Hague', 'BOSNIA AND HERZEGOVINA' keeps 'and'."""
    if not _is_capitals(place):
        return place
    words = place.lower().split(" ")
    out = []
    for index, word in enumerate(words):
        if index and word in _SMALL_WORDS:
            out.append(word)
        else:
            out.append("-".join(part[:1].upper() + part[1:] for part in word.split("-")))
    return re.sub(r"\b([a-z])\.", lambda m: m[1].upper() + ".", " ".join(out))


def find_dateline(paragraph: str, language: str | None) -> tuple[Dateline, str] | None:
    """The dateline of a first paragraph and the paragraph without it, or None."""
    match = _DATELINE.match(paragraph)
    if not match or not _is_capitals(match["place"]):
        return None
    date = parse_date(match["date"], language)
    if date is None:
        return None
    text = paragraph[: match.end()].strip()
    rest = paragraph[match.end() :].strip()
    return Dateline(text=text, place=match["place"].strip(" ,"), date=date), rest
