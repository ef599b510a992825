"""The site's own vocabularies: fields of work (by name in each language, or by slug).

Values read from a page's metadata are checked against these, so that a menu or a tag
cloud mistaken for metadata cannot fill a field with words the site never uses there.
The data file says where the words come from; a page's own "Fields of work" menu adds
its entries (the site's names in that page's language) to the vocabulary for that page.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import cache
from importlib import resources
from urllib.parse import urlsplit

from osce_crawler.content_types import normalise
from osce_crawler.extract.wordlists import gazetteer


@cache
def _fields() -> tuple[dict[str, str], dict[str, str]]:
    """(normalised name -> slug, slug -> slug)"""
    data = json.loads(
        resources.files("osce_crawler.extract")
        .joinpath("data/fields_of_work.json")
        .read_text("utf-8")
    )
    names: dict[str, str] = {}
    slugs: dict[str, str] = {}
    for field in data["fields"]:
        slugs[field["slug"]] = field["slug"]
        names[normalise(field["slug"].replace("-", " "))] = field["slug"]
        for key, values in field.items():
            if key != "slug":
                for value in values:
                    names[normalise(value)] = field["slug"]
    return names, slugs


@cache
def _places() -> frozenset[str]:
    return frozenset(normalise(name) for name in gazetteer("capitals"))


def is_known_place(text: str) -> bool:
    """A place OSCE articles are datelined from, in en, ru, de or fr ('Wien', 'VIENNA'):
    the capitals and OSCE seats of the gazetteer the speaker rules use too."""
    return normalise(text) in _places()


def field_of_work_slug(name: str, href: str | None = None) -> str | None:
    """The field of work a value names (by its text or its landing-page link), or None."""
    names, slugs = _fields()
    found = names.get(normalise(name))
    if found:
        return found
    if href:
        try:
            path = urlsplit(href).path
        except ValueError:
            return None
        last = path.rstrip("/").rsplit("/", 1)[-1]
        return slugs.get(last)
    return None


def is_field_of_work(name: str, page_fields: frozenset[str] = frozenset()) -> bool:
    """Known to the site: in the vocabulary, or in the page's own fields-of-work menu."""
    return field_of_work_slug(name) is not None or normalise(name) in page_fields


#: words that name an OSCE publishing unit, in en, ru, de, fr
_UNIT = re.compile(
    r"\b(OSCE|ODIHR|HCNM|RFoM|ОБСЕ|БДИПЧ|ВКНМ|OSZE|BDIMR|OSCE/BIDDH|BIDDH|"
    r"Secretariat|Chairpersonship|Chairmanship|Parliamentary Assembly|Mission|Office|Centre|"
    r"Presence|Co-ordinator|Representative|High Commissioner|Секретариат|Председательство|"
    r"Парламентская ассамблея|Миссия|Бюро|Центр|Представитель|Верховный комиссар|Sekretariat|"
    r"Vorsitz|Parlamentarische Versammlung|Büro|Zentrum|Präsenz|Beauftragte|Hochkommissar|"
    r"Secrétariat|Présidence|Assemblée parlementaire|Bureau|Présence|Représentant|"
    r"Haut-Commissaire)\b"
)


def looks_like_unit(text: str) -> bool:
    """'OSCE Mission to Serbia', 'Секретариат ОБСЕ': a publishing unit by its name."""
    return len(text) < 120 and bool(_UNIT.search(text))


def split_joined(
    values: list[str], is_one: Callable[[str], bool], whole_counts: bool = True
) -> list[str]:
    """Values a page joined with commas ("Human rights, Youth") as separate values, when
    every part is one on its own (and, if ``whole_counts``, the whole is not)."""
    out: list[str] = []
    for value in values:
        parts = [part.strip() for part in value.split(",")]
        whole = whole_counts and is_one(value)
        if len(parts) > 1 and not whole and all(part and is_one(part) for part in parts):
            out.extend(parts)
        else:
            out.append(value)
    return out
