"""Dates in any of the site's languages, read with dateparser in the page's language."""

from __future__ import annotations

import re
import warnings
from datetime import date, datetime
from functools import lru_cache

_ISO = re.compile(
    r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$"
)
_NUMERIC = re.compile(r"^\d{1,2}[./]\d{1,2}[./]\d{4}$")
#: English month names in calendar order (the speaker rules skip them as names too)
ENGLISH_MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
_ENGLISH_MONTHS = {name: number for number, name in enumerate(ENGLISH_MONTH_NAMES, 1)}
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2}) ([A-Za-z]{3,9}) (\d{4})$")
_MONTH_DAY_YEAR = re.compile(r"^([A-Za-z]{3,9}) (\d{1,2}),? (\d{4})$")


def _english_date(text: str) -> str | None:
    """ "16 June 2021" / "June 16, 2021" without dateparser (its answer, ~100 times faster).

    Only full English month names and valid dates; anything else goes to dateparser.
    """
    match = _DAY_MONTH_YEAR.match(text)
    if match:
        day, month, year = match[1], match[2], match[3]
    else:
        match = _MONTH_DAY_YEAR.match(text)
        if not match:
            return None
        month, day, year = match[1], match[2], match[3]
    number = _ENGLISH_MONTHS.get(month.lower())
    if number is None or not 1800 < int(year) < 2200:
        return None
    try:
        return date(int(year), number, int(day)).isoformat()
    except ValueError:
        return None


def normalise_iso(value: str) -> str | None:
    """An ISO 8601 date or timestamp as given by markup, or None when it is not one."""
    value = value.strip()
    if not _ISO.match(value):
        return None
    try:
        parsed = datetime.fromisoformat(value.replace(" ", "T"))
    except ValueError:
        return None
    if len(value) == 10:
        return parsed.date().isoformat()
    return parsed.isoformat()


@lru_cache(maxsize=4096)
def parse_date(text: str, language: str | None = None) -> str | None:
    """A human-written date ("16 June 2021", "16 июня 2021 г.", "16.06.2021") as YYYY-MM-DD.

    dateparser is given the page's language (never all locales: slow and prone to false
    positives) and must find day, month and year.
    """
    text = text.strip().rstrip("–—-:,. ").strip()
    if not text or len(text) > 60 or not re.search(r"\d", text):
        return None
    iso = normalise_iso(text)
    if iso:
        return iso[:10]
    fast = _english_date(text)
    if fast:
        return fast
    import dateparser  # imported lazily: it costs ~0.3 s at start-up

    languages = [language] if language and language != "en" else []
    languages.append("en")
    settings = {
        "REQUIRE_PARTS": ["day", "month", "year"],
        "PREFER_DATES_FROM": "past",
        "PARSERS": ["absolute-time", "custom-formats"],
    }
    if _NUMERIC.match(text):
        settings["DATE_ORDER"] = "MDY" if language == "en" and "/" in text else "DMY"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            parsed = dateparser.parse(text, languages=languages, settings=settings)
        except Exception:  # dateparser raises assorted errors on odd input
            return None
    if parsed is None or not 1800 < parsed.year < 2200:
        return None
    return parsed.date().isoformat()
