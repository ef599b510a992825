"""Glossary tooltips: taken out of the running text and kept as term/definition pairs."""

from __future__ import annotations

from bs4 import Tag

from osce_crawler.extract.text import clean_text
from osce_crawler.item import GlossaryEntry


def _is_tooltip(tag: Tag) -> bool:
    classes = " ".join(tag.get("class") or []).lower()
    return tag.get("role") == "tooltip" or "tooltip" in classes


def find_glossary(root: Tag) -> tuple[list[GlossaryEntry], set[int]]:
    """Glossary entries under ``root``, and the ids of tooltip elements to leave out of text.

    A tooltip repeats its term (in a <strong>, <dt> or similar) before the definition;
    an <abbr title> keeps its text and gives its title as the definition.
    """
    entries: dict[str, GlossaryEntry] = {}
    skip: set[int] = set()
    for tag in root.find_all(_is_tooltip):
        skip.add(id(tag))
        head = tag.find(["strong", "b", "dt", "h3", "h4", "span"])
        term = clean_text(head.get_text(" ")) if head else ""
        if not term:
            # no repeated term: the wrapper's own text is the term
            wrapper = tag.parent
            term = clean_text("".join(s for s in wrapper.find_all(string=True, recursive=False)))
        text = clean_text(tag.get_text(" "))
        definition = text[len(term) :].strip(" :–—-") if text.startswith(term) else text
        if term and definition and term not in entries:
            entries[term] = GlossaryEntry(term=term, definition=definition)
    for abbr in root.find_all("abbr", title=True):
        term, definition = clean_text(abbr.get_text()), clean_text(abbr["title"])
        if term and definition and term != definition and term not in entries:
            entries[term] = GlossaryEntry(term=term, definition=definition)
    return list(entries.values()), skip
