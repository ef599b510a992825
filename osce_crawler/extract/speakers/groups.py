"""Groups an article names member by member ("The Co-Chairs of the OSCE Minsk Group
(Ambassadors A of France, B of the United States, and C of the Russian Federation)"): when
the group speaks later ("the Co-Chairs reaffirmed", "les coprésidents ont réaffirmé",
"в заявлении сопредседателей"), each member named is a speaker (eighth round)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from osce_crawler.extract.wordlists import words

from .mentions import classify_phrase
from .people import SpeakerBook

#: plural nouns of a group whose members speak together (member_groups of each language)
_GROUP_WORDS = words("member_groups")
_GROUP = re.compile(
    r"(?<![\w-])("
    + "|".join(sorted(map(re.escape, _GROUP_WORDS), key=len, reverse=True))
    + r")(?![\w-])",
    re.I,
)
#: what may join the names of a list without brackets ("A, B и C", "A, B and C")
_JOINERS = frozenset(["and", "et", "и", "und", "&"])
_DASHES = (" – ", " — ", " - ")
#: how far after the group's noun its list may open (its complement: "of the OSCE Minsk
#: Group", "du Groupe de Minsk de l’OSCE", "Минской группы ОБСЕ")
_REACH = 110


@dataclass
class Group:
    word: str  # the group's noun as the text gives it, lower case
    members: list[str]
    at: tuple[int, int]  # (paragraph, offset) of the noun
    end: int = 0  # where its list ends in the paragraph


def group_word(text: str) -> str | None:
    """The group noun a mention or phrase holds ("Co-Chairs", "заявление сопредседателей")."""
    found = _GROUP.search(text)
    return found[1].lower() if found else None


def group_noun_before(text: str, start: int, end: int) -> tuple[int, str] | None:
    """The last group noun in text[start:end] and where it stands."""
    found = None
    for match in _GROUP.finditer(text, start, end):
        found = (match.start(), match[1])
    return found


def find_groups(book: SpeakerBook, masked: list[str]) -> list[Group]:
    """Every group noun followed by a list of two or more people the book knows."""
    groups: list[Group] = []
    for number, text in enumerate(masked):
        low = text.lower()
        if not any(word in low for word in _GROUP_WORDS):
            continue  # no group noun: the pattern's scan is spared
        for match in _GROUP.finditer(text):
            segment = _list_after(text, match.end())
            if segment is None:
                continue
            start, end = segment
            members = _members(book, text, number, start, end)
            if len(members) >= 2:
                groups.append(Group(match[1].lower(), members, (number, match.start()), end))
    return groups


def _members(book: SpeakerBook, text: str, number: int, start: int, end: int) -> list[str]:
    """The people of a list, item by item: one the book knows there, or the item's leading
    name ("(Igor Popov de la Fédération de Russie, …": a name that opens a bracket is
    not in the book)."""
    members: list[str] = []
    offset = start
    for item in _ITEM.split(text[start:end]):
        lead = []
        for word in item.split():
            word = word.strip("(),;")
            if not word or not word[0].isupper():
                break
            lead.append(word)
        mention = classify_phrase(lead) if lead else None
        if mention is not None and mention.kind == "person" and " " in mention.name:
            # the item's own leading name: the book may hold only part of it ("(Stephane
            # Visconti of France": the bracket hid the first name) or a place of the item
            where = (number, offset + max(0, item.find(lead[0])))
            members.append(book.add(mention.name, None, where))
        else:
            members.extend(
                p.name
                for p in sorted(book.people.values(), key=lambda p: p.first)
                if p.first[0] == number and offset <= p.first[1] < offset + len(item)
            )
        offset += len(item)
    return list(dict.fromkeys(members))


#: what separates the items of a list of members
_ITEM = re.compile(r"(?<=,)|(?=\s(?:and|et|и|und)\s)")


def _list_after(text: str, at: int) -> tuple[int, int] | None:
    """Where the list of members after a group noun lies: in brackets, between dashes or
    right after the noun's complement, up to the first lower-case word that joins nothing."""
    sentence_end = _sentence_end(text, at)
    head = text[at : min(sentence_end, at + _REACH)]
    # "de l’Organisation pour la sécurité et la coopération en Europe (OSCE) (A, B et C)":
    # an acronym's bracket belongs to the complement
    head = re.sub(r"\((?:[A-ZА-ЯЁ][\w’'-]*)\)", lambda m: " " * len(m[0]), head)
    bracket = head.find("(")
    dash = min((head.find(d) for d in _DASHES if d in head), default=-1)
    stop = min((head.find(c) for c in ",.;:" if c in head), default=len(head))
    if bracket >= 0 and bracket < stop and (dash < 0 or bracket < dash):
        close = text.find(")", at + bracket)
        # a bracket may hold brackets of its own: "A (США), B (Россия)" hold none of ours
        return (at + bracket + 1, close if 0 <= close < sentence_end else sentence_end)
    if dash >= 0 and dash < stop:
        begin = at + dash + 3
        ends = [text.find(d, begin) for d in _DASHES]
        ends = [e for e in ends if 0 <= e < sentence_end]
        if ends:
            return (begin, min(ends))
        # "- A (США), B (Россия) и C (Франция), а также …": the list ends at a word that
        # joins nothing
        scanned = _scan(text, begin, sentence_end)
        return (begin, scanned) if scanned is not None else None
    # "Сопредседатели Минской группы ОБСЕ Юрий Мерзляков, Бернар Фасье и Роберт Брадтке
    # по итогам …": after the noun's complement, capitalised words, commas and joiners
    scanned = _scan(text, at, sentence_end)
    return (at, scanned) if scanned is not None else None


def _scan(text: str, at: int, end: int) -> int | None:
    """Where a list of names without brackets ends: at the first lower-case word after a
    comma or joiner; before the names only the small words of the group noun's complement
    may stand ("of the", "du", a Russian genitive), never a verb ("met with President A
    and B")."""
    named = listed = False
    for word in re.finditer(r"\S+", text[at:end]):
        token = word[0].strip(',;()«»“”"')
        low = token.lower()
        if token and token[0].islower() and low not in _JOINERS:
            if listed:
                return at + word.start()
            if low not in _COMPLEMENT and not _RU_GENITIVE.search(low):
                return None
        elif token and token[0].isupper():
            named = True
        if named and (word[0].endswith(",") or low in _JOINERS):
            listed = True
    return end if listed else None


#: the small words of a group noun's complement ("of the OSCE Minsk Group")
_COMPLEMENT = frozenset(["of", "the", "de", "du", "des", "la", "le", "l’", "l'", "der"])
#: a Russian noun or adjective in the genitive ("Минской группы")
_RU_GENITIVE = re.compile(r"^[а-яё-]+(?:ы|и|ой|ей|ого|его|ых|их)$")


def _sentence_end(text: str, at: int) -> int:
    # "(M. Igor Popov, …", "в т. ч.": a lone letter's stop ends no sentence
    found = re.search(r"(?<![\s(][^\W\d_])[.!?](?:\s|$)", text[at:])
    return at + found.end() if found else len(text)
