"""Metadata shown as chips: short unlabelled values beside the title.

Some designs drop the labels and show "16 June 2021 · Vienna · OSCE Secretariat ·
Human rights" as a row of chips. Without labels a value is taken only when it says what
it is: a date that parses, a field of work the site knows, a publishing unit by its
name, a place the dateline confirms. Anything else is left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bs4 import NavigableString, Tag

from osce_crawler.content_types import is_content_type_label
from osce_crawler.extract.dates import parse_date
from osce_crawler.extract.dom import next_elements, tags
from osce_crawler.extract.metadata import is_label
from osce_crawler.extract.text import clean_text, short_text
from osce_crawler.extract.vocabulary import field_of_work_slug, is_known_place, looks_like_unit

_MAX_CHIP = 80
_CHIP_TAGS = frozenset(("li", "a", "span", "time"))
_NOT_IN_CHIPS = frozenset(("p", "h1", "h2", "h3", "table", "dl"))
_SEPARATORS = re.compile(r"\s*[·•|]\s*")


@dataclass
class Chips:
    published: str | None = None
    place: str | None = None
    sources: list[str] = field(default_factory=list)
    fields_of_work: list[str] = field(default_factory=list)
    others: list[str] = field(default_factory=list)  # unclassified short values (a place?)
    elements: list[Tag] = field(default_factory=list)  # left out of the body


def _values(container: Tag) -> list[tuple[str, str | None]]:
    """(text, link) of each chip: leaf elements, or text split on separators."""
    out: list[tuple[str, str | None]] = []
    for child in container.children:
        if isinstance(child, NavigableString):
            out += [(t, None) for t in _SEPARATORS.split(clean_text(str(child))) if t]
        elif isinstance(child, Tag):
            inner = [tag for tag in tags(child) if tag.name in _CHIP_TAGS]
            leaves = [leaf for leaf in inner if not any(t.name in _CHIP_TAGS for t in tags(leaf))]
            for leaf in leaves or [child]:
                text = clean_text(leaf.get_text(" "))
                href = leaf.get("href") if leaf.name == "a" else None
                out += [(t, href) for t in _SEPARATORS.split(text) if t]
    return out


def _chip_row(tag: Tag) -> bool:
    if tag.name in ("dl", "table"):
        return False
    size = -1
    for text in tag.stripped_strings:  # stopped as soon as it is too long for chips
        size += len(text) + 1
        if size > 400:
            return False
    if size < 0 or any(t.name in _NOT_IN_CHIPS for t in tags(tag)):
        return False
    return all(len(t) <= _MAX_CHIP for t, _ in _values(tag))


def _only_child(title: Tag) -> bool:
    """The title alone in a wrapper (whose next siblings then follow the title)."""
    parent = title.parent
    if not isinstance(parent, Tag) or parent.name in ("body", "article", "main"):
        return False
    return all(c is title for c in parent.children if isinstance(c, Tag))


def _under(title: Tag | None, limit: int) -> list[Tag]:
    """The elements right under the title (and under its wrapper when it stands alone)."""
    if title is None:
        return []
    around = next_elements(title, limit)
    if _only_child(title):
        around += next_elements(title.parent, max(1, limit // 2))
    return around


def find_chips(title: Tag | None, language: str | None) -> Chips:
    """The chips just after the title (or its wrapper), when there are such."""
    found = Chips()
    for row in _under(title, 4):
        if not isinstance(row, Tag) or not _chip_row(row):
            continue
        values = _values(row)
        if not 2 <= len(values) <= 12 or any(
            text.endswith((":", "：")) or is_label(text) for text, _ in values
        ):
            continue  # not chips: labelled rows
        taken = False
        for text, href in values:
            if is_content_type_label(text):
                continue
            date = parse_date(text, language) if any(c.isdigit() for c in text) else None
            if date and found.published is None:
                found.published, taken = date, True
            elif field_of_work_slug(text, href if isinstance(href, str) else None):
                found.fields_of_work.append(text)
                taken = True
            elif looks_like_unit(text):
                found.sources.append(text)
                taken = True
            elif is_known_place(text) and found.place is None:
                found.place, taken = text, True
            elif not any(c.isdigit() for c in text):
                found.others.append(text)
        if taken:
            found.elements.append(row)
            break
    return found


_PUBLISHED_WORDS = re.compile(
    r"^(published|posted|issued|publication date|date published|опубликовано|размещено|"
    r"дата публикации|veröffentlicht|veröffentlichungsdatum|publié|mis en ligne|"
    r"date de publication)"
    r"(\s+(on|am|le))?\s*[:：]?\s*",
    re.I,
)
_UPDATED_WORDS = re.compile(
    r"^(last\s+)?(updated?|modified|обновлено|изменено|последнее обновление|aktualisiert|"
    r"letzte aktualisierung|geändert|mis à jour|dernière mise à jour|modifié)"
    r"(\s+(on|am|le))?\s*[:：]?\s*",
    re.I,
)


@dataclass
class Byline:
    published: str | None = None
    modified: str | None = None
    elements: list[Tag] = field(default_factory=list)  # left out of the body


def find_byline(title: Tag | None, language: str | None) -> Byline:
    """Dates shown in lines of their own under the title: "8 October 2018",
    "Published 8 October 2018", "Updated 23 April 2019"."""
    found = Byline()
    for line in _under(title, 4):
        text = short_text(line, 80)
        if not text or not any(c.isdigit() for c in text):
            continue
        updated = _UPDATED_WORDS.match(text)
        if updated:
            date = parse_date(text[updated.end() :], language)
            if date and found.modified is None:
                found.modified = date
                found.elements.append(line)
            continue
        published = _PUBLISHED_WORDS.match(text)
        date = parse_date(text[published.end() :] if published else text, language)
        if date and found.published is None:
            found.published = date
            found.elements.append(line)
    return found
