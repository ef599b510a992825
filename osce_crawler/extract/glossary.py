"""Glossary tooltips: taken out of the running text and kept as term/definition pairs."""

from __future__ import annotations

import re

from bs4 import Tag

from osce_crawler.extract.dom import named, tags
from osce_crawler.extract.text import clean_text
from osce_crawler.item import GlossaryEntry

_TOOLTIP_CLASS = re.compile(r"tooltip|popover|tippy|glossary-(definition|body|popup)", re.I)


def _is_tooltip(tag: Tag) -> bool:
    """A tooltip or popover: by role, by the toggle attribute scripts use, or by class."""
    attrs = tag.attrs
    if not attrs:
        return False
    if attrs.get("role") == "tooltip" or attrs.get("data-toggle") in ("tooltip", "popover"):
        return True
    if attrs.get("data-bs-toggle") in ("tooltip", "popover"):
        return True
    if "class" not in attrs:
        return False
    names = " ".join(tag.get("class") or [])
    # "...-title" and "...-body" parts of a popover belong to the popover itself
    return bool(_TOOLTIP_CLASS.search(names)) and not _is_tooltip_part(tag)


def _is_tooltip_part(tag: Tag) -> bool:
    parent = tag.parent
    while isinstance(parent, Tag):
        if parent.get("role") == "tooltip" or parent.get("data-toggle") in ("tooltip", "popover"):
            return True
        if _TOOLTIP_CLASS.search(" ".join(parent.get("class") or [])):
            return True
        parent = parent.parent
    return False


def find_glossary(root: Tag) -> tuple[list[GlossaryEntry], set[int]]:
    """Glossary entries under ``root``, and the ids of tooltip elements to leave out of text.

    A tooltip repeats its term (in a <strong>, <dt> or similar) before the definition;
    an <abbr title> keeps its text and gives its title as the definition.
    """
    entries: dict[str, GlossaryEntry] = {}
    skip: set[int] = set()
    tooltips: list[Tag] = []
    titled: list[Tag] = []
    for tag in tags(root):  # one walk (bs4's find_all with a function costs four times more)
        if tag.name in ("abbr", "dfn") and "title" in tag.attrs:
            titled.append(tag)
        elif _is_tooltip(tag):
            tooltips.append(tag)
    for tag in tooltips:
        skip.add(id(tag))
        head = next(iter(named(tag, "strong", "b", "dt", "h3", "h4", "span")), None)
        term = clean_text(head.get_text(" ")) if head else ""
        if not term:
            # no repeated term: the wrapper's own text is the term
            wrapper = tag.parent
            term = clean_text("".join(s for s in wrapper.find_all(string=True, recursive=False)))
        text = clean_text(tag.get_text(" "))
        definition = text[len(term) :].strip(" :–—-") if text.startswith(term) else text
        if term and definition and term not in entries:
            entries[term] = GlossaryEntry(term=term, definition=definition)
    for abbr in titled:
        term, definition = clean_text(abbr.get_text()), clean_text(abbr["title"])
        if term and definition and term != definition and term not in entries:
            entries[term] = GlossaryEntry(term=term, definition=definition)
    return list(entries.values()), skip
