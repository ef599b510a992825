"""The word lists of the quote and speaker rules, read from data files, one per language.

Like dateparser's language data, each ``words/<language>.json`` holds the words of one
language by category (``speech_verbs``, ``person_titles``, ...) and says in ``_sources``
where they came from. ``words/gazetteer.json`` holds names that are places, countries and
organisations in the site's languages. The rules use the union over the languages: an
OSCE page quotes across languages (a German article names a French minister).
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

LANGUAGES = ("en", "de", "fr", "ru")


@cache
def _load(name: str) -> dict[str, list[str]]:
    text = resources.files("osce_crawler.extract").joinpath("words", f"{name}.json")
    data = json.loads(text.read_text(encoding="utf-8"))
    if name == "de":
        # Swiss German and texts written without ß spell it "ss" ("Aussenministerium",
        # "hiess", RIA's German service, Swiss agencies): every German word in both
        # spellings (tenth round)
        for category, entries in data.items():
            if isinstance(entries, list):
                data[category] = entries + [w.replace("ß", "ss") for w in entries if "ß" in w]
    return data


def words(category: str, languages: tuple[str, ...] = LANGUAGES) -> frozenset[str]:
    """The words of one category in the given languages (all four by default)."""
    out: set[str] = set()
    for language in languages:
        out.update(_load(language).get(category, ()))
    return frozenset(out)


def gazetteer(category: str) -> frozenset[str]:
    """Lower-case names of one gazetteer category: countries, capitals, cities, ..."""
    return frozenset(name.lower() for name in _load("gazetteer").get(category, ()))


def mapping(category: str, language: str) -> dict[str, str]:
    """A category of one language that maps words to words ("генсек" -> "генеральный
    секретарь")."""
    return dict(_load(language).get(category, {}))
