"""Dates in any of the site's languages, read with dateparser in the page's language."""

from __future__ import annotations

import re
import warnings
from datetime import date, datetime
from functools import lru_cache

_ISO = re.compile(
    r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$"
)
_YEAR = re.compile(r"(?<!\d)(1[89]|2[01])\d\d(?!\d)")
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


#: month names (and their inflected forms) of the site's other main languages
_MONTHS_BY_NAME: dict[str, int] = {
    **{name: number for name, number in _ENGLISH_MONTHS.items()},
    **{
        name: number
        for number, names in enumerate(
            (
                ("января", "январь", "janvier", "januar", "jänner"),
                ("февраля", "февраль", "février", "fevrier", "februar"),
                ("марта", "март", "mars", "märz", "maerz"),
                ("апреля", "апрель", "avril", "april"),
                ("мая", "май", "mai"),
                ("июня", "июнь", "juin", "juni"),
                ("июля", "июль", "juillet", "juli"),
                ("августа", "август", "août", "aout", "august"),
                ("сентября", "сентябрь", "septembre", "september"),
                ("октября", "октябрь", "octobre", "oktober"),
                ("ноября", "ноябрь", "novembre", "november"),
                ("декабря", "декабрь", "décembre", "decembre", "dezember"),
            ),
            1,
        )
        for name in names
    },
}
_WRITTEN_DATE = re.compile(
    r"^(\d{1,2})(?:\.|er)?\s+([^\W\d_]{3,9})\.?\s+(\d{4})(?:\s*(?:г|года?)\.?)?$"
)
_NUMERIC_PARTS = re.compile(r"^(\d{1,2})([./])(\d{1,2})\2(\d{4})$")


def _written_date(text: str, language: str | None) -> str | None:
    """'16 июня 2021 г.', '16. Juni 2021', '1er juin 2021', '16.06.2021' without dateparser
    (the same answer, a hundred times faster); anything else goes to dateparser."""
    match = _WRITTEN_DATE.match(text)
    if match:
        day, month, year = int(match[1]), _MONTHS_BY_NAME.get(match[2].lower()), int(match[3])
    else:
        match = _NUMERIC_PARTS.match(text)
        if not match:
            return None
        first, second, year = int(match[1]), int(match[3]), int(match[4])
        month_first = language == "en" and match[2] == "/"
        day, month = (second, first) if month_first else (first, second)
    if month is None or not 1800 < year < 2200:
        return None
    try:
        return date(year, month, day).isoformat()
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


#: the languages of osce.org pages, as dateparser names them
SITE_LANGUAGES = ("en", "ru", "de", "fr", "it", "es")


def warm_up(languages: tuple[str, ...] = SITE_LANGUAGES) -> None:
    """Load dateparser and its data for these languages now rather than on the first page
    that needs them (20-30 ms per language, once per process): an extraction process
    calls it when it starts."""
    import dateparser

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for language in languages:
            dateparser.parse("Updated 1 2 2020", languages=[language, "en"])


@lru_cache(maxsize=4096)
def parse_date(text: str, language: str | None = None) -> str | None:
    """A human-written date ("16 June 2021", "16 июня 2021 г.", "16.06.2021") as YYYY-MM-DD.

    dateparser is given the page's language (never all locales: slow and prone to false
    positives) and must find day, month and year.
    """
    text = text.strip().rstrip("–—-:,. ").strip()
    if not text or len(text) > 60 or not _YEAR.search(text):
        return None  # no year, no date (and no costly call to dateparser)
    iso = normalise_iso(text)
    if iso:
        return iso[:10]
    fast = _english_date(text) or _written_date(text, language)
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
