"""The book of people an article introduces, so that "Fink", "she" and "the Minister"
resolve to "Anya Fink"."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from osce_crawler.extract.speakers.lexicon import (
    ARTICLES,
    CONNECTORS,
    OTHER_TITLES,
    PARTICLES,
    RU_ADJECTIVE,
    WORD_CACHE,
    clean,
    gender_of,
    is_abbreviation,
    is_capitalised,
    is_name_word,
    is_org_word,
    is_person_title,
    is_title_word,
    name_text,
    name_words,
    not_a_person,
    place_prefix,
)
from osce_crawler.extract.speakers.mentions import (
    FR_HONORIFICS,
    NOT_BEFORE_NAME,
    Mention,
    Token,
    appositive_after,
    pre_role,
    title_text,
    tokens,
)


@dataclass
class Person:
    name: str
    role: str | None
    first: tuple[int, int]  # (paragraph, offset) of the first mention
    gender: str | None = None  # "f" or "m" where an honorific or title shows it


def _fuller_role(known: str | None, given: str | None) -> str | None:
    """A title's role for a person, unless the text's says all it says and more ("OSCE
    Chairman" in the title, "OSCE Chairman in Office, Belgian Foreign Minister" where the
    text introduces him), so that "the Minister" finds him."""
    if not known or (given and len(given) > len(known) and _norm_role(known) in _norm_role(given)):
        return given or known
    return known


@dataclass
class SpeakerBook:
    """Every person an article names, with the role given where each is introduced."""

    people: dict[str, Person] = field(default_factory=dict)

    def add(
        self, name: str, role: str | None, where: tuple[int, int], gender: str | None = None
    ) -> str:
        """Register a mention; a shorter form of a known name is the same person."""
        full = self.lookup(name, where) or name
        person = self.people.get(full)
        if person is not None and gender and not person.gender:
            person.gender = gender
        if person is None:
            # a fuller form of a name seen before replaces it ("Oliver" then "Spencer Oliver")
            for short in list(self.people):
                if _tail_match(short.split(), name.split()) and len(short) < len(name):
                    old = self.people.pop(short)
                    role = (
                        _fuller_role(old.role, role)
                        if old.first[0] < 0 <= where[0]
                        else (old.role or role)
                    )
                    where = min(where, old.first)
                    gender = gender or old.gender
            self.people[full] = Person(full, role, where, gender)
        elif role and person.first[0] < 0 <= where[0]:
            person.role = _fuller_role(person.role, role)  # the title's short form of it
        elif not person.role and role:
            person.role = role
        return full

    def nominative(self, full: str, name: str) -> str:
        """The subject of a speech verb is in the nominative ("заявил Заньер"): a Russian
        name first met declined ("с Ламберто Заньером") takes that form of its last words.
        Returns the name the person is known by from now on."""
        old = full.split()
        new = [w for w in _split_initials(name.split()) if not re.match(r"^\w\.$", w)]
        if (
            not new
            or len(new) > len(old)
            or not _declinable(new[-1])
            or _split_initials(old)[-len(new) :] == new
            or not _tail_match(new, old)
        ):
            return full
        renamed = " ".join(old[: len(old) - len(new)] + new)
        person = self.people.pop(full)
        person.name = renamed
        self.people[renamed] = person
        return renamed

    def lookup(self, name: str, where: tuple[int, int]) -> str | None:
        """The fullest known name ending with this one ("De Gucht" -> "Karel De Gucht")."""
        words = name.split()
        if not words:
            return None
        candidates = self.people.values()
        if not _declinable(words[-1]):
            last = words[-1].lower()
            candidates = [p for p in candidates if p.name.rsplit(" ", 1)[-1].lower() == last]
        best: Person | None = None
        for person in candidates:
            if _tail_match(words, person.name.split()) and (
                best is None or len(person.name) > len(best.name)
            ):
                best = person
        if best is None and len(words) == 1:
            # "Dr Tedros" after "Dr Tedros Adhanom Ghebreyesus": a first name that only
            # one person of the article has, and nobody as surname
            low = words[0].lower()
            firsts = [
                p
                for p in self.people.values()
                if " " in p.name and p.name.split()[0].lower() == low
            ]
            if len(firsts) == 1 and not any(
                p.name.rsplit(" ", 1)[-1].lower() == low for p in self.people.values()
            ):
                best = firsts[0]
        return best.name if best else None

    def by_role(self, noun: str) -> str | None:
        """ "the Minister", "The Chairman-in-Office" -> the person whose role says so."""
        wanted = [w for w in _norm_role(noun).split() if w not in CONNECTORS and w not in ARTICLES]
        if not wanted:
            return None
        for person in self.people.values():
            role = _norm_role(person.role or "")
            if role and all(re.search(rf"\b{re.escape(w)}", role) for w in wanted):
                return person.name
        # "der OSZE-Sondergesandte" for "Der Sondergesandte der Organisation für
        # Sicherheit ...": the organisation's acronym is not required
        parts = [w for w in wanted if w not in ("osce", "osze", "обсе", "osce’s")]
        if not parts or parts == wanted:
            return None
        for person in self.people.values():
            role = _norm_role(person.role or "")
            if role and all(re.search(rf"\b{re.escape(p)}", role) for p in parts):
                return person.name
        return None

    def latest_before(self, where: tuple[int, int], gender: str | None = None) -> str | None:
        """The person introduced last before a position: what "he" or "she" refers to when
        nobody has spoken yet ("Tom Reed opened the event. “First,” he said"). With a
        gender, people the text shows to be of the other one are passed over; when nobody
        fits before, a person of that gender shown later ("she told ... Ms. Kaag's")."""
        people = [
            p for p in self.people.values() if not (gender and p.gender not in (None, gender))
        ]
        before = [p for p in people if p.first < where]
        same = [p for p in before if p.first[0] == where[0]]
        if same:  # within a paragraph its subject comes first ("X met Y. He said ...")
            return min(same, key=lambda p: p.first).name
        if before:
            return max(before, key=lambda p: p.first).name
        after = [p for p in people if gender and p.gender == gender]
        return min(after, key=lambda p: p.first).name if after else None

    def gender(self, name: str | None) -> str | None:
        person = self.people.get(name or "")
        return person.gender if person else None

    def role_of(self, name: str) -> str | None:
        person = self.people.get(name)
        return person.role if person else None


def _norm_role(text: str) -> str:
    return re.sub(r"[-‐]", " ", text.lower())


def _declinable(word: str) -> bool:
    """Cyrillic surnames change their ending with the case ("Шмид", "Гремингера")."""
    return any("а" <= c <= "я" or c == "ё" for c in word.lower()[:2])


def _tail_match(short: list[str], full: list[str]) -> bool:
    """ "Fink" ends "Anya Fink"; Cyrillic endings may be declined ("Шмид", "Гремингера");
    an initial stands for its first name ("Y. Ashikbayev")."""
    short, full = _split_initials(short), _split_initials(full)
    if not short or len(short) > len(full):
        return False
    if len(short) == 2 and short[0] == "M." and full[0] != "M.":
        short = short[1:]  # "M. Lavrov" (Monsieur) is "Sergueï Lavrov"
    for a, b in zip(reversed(short), reversed(full), strict=False):
        a, b = a.lower(), b.lower()
        if a == b:
            continue
        if len(a) == 2 and a[1] == "." and len(b) > 2 and b[:1] == a[:1] and b[1] != ".":
            continue  # "Y. Ashikbayev" is "Yerzhan Ashikbayev"
        if a[:1].isalpha() and "а" <= a[:1] <= "я" and len(a) > 4 and len(b) > 4:
            stem = min(len(a), len(b)) - 2
            if a[:stem] == b[:stem]:
                continue
        if (
            "а" <= a[:1] <= "я"
            and len(b) >= 3
            and b[-1] not in _RU_VOWELS
            and a[len(b) :] in _RU_CONSONANT_ENDINGS
            and a[: len(b)] == b
        ):
            continue  # "По словам Фора" is "Жак Фор": a short surname declined (tenth round)
        return False
    return True


_RU_VOWELS = frozenset("аеёиоуыэюяйь")
#: case endings of a Russian surname that ends in a consonant ("Фор" -> "Фора", "Фору")
_RU_CONSONANT_ENDINGS = frozenset(["а", "у", "ом", "е"])

_FUSED = re.compile(r"^([A-ZА-ЯЁ]\.)([A-ZА-ЯЁ][a-zа-яё-]+)$")


def _split_initials(words: list[str]) -> list[str]:
    """ "Л.Заньер" -> "Л.", "Заньер": an initial fused to the surname is a first name."""
    if not any("." in w for w in words):
        return words
    out: list[str] = []
    for word in words:
        fused = _FUSED.match(word)
        out.extend(fused.groups() if fused else (word,))
    return out


_RUN_OPENERS = OTHER_TITLES | {"parliamentarian"}  # title words that may open a name run


def title_case(toks: list[Token]) -> bool:
    """A line of 5 to 30 words, all but the short ones capitalised ("Donald Trump Is Now
    Calling Obama 'The Founder' Of ISIS"): a headline, where capitals mark no names."""
    words = [t.word for t in toks if t.word and t.word[:1].isalpha()]
    if not 5 <= len(words) <= 30:
        return False
    return all(w[:1].isupper() or w.lower() in _TITLE_SMALL for w in words)


#: the words a headline leaves in lower case
_TITLE_SMALL = frozenset(
    ["a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for", "by"]
    + ["with", "from", "as", "vs", "via", "into", "over", "up"]
)


@lru_cache(maxsize=WORD_CACHE)
def _may_open_run(word: str) -> bool:
    """What the first token of a run must be (register_people tests the rest)."""
    low = word.lower()
    return is_capitalised(word) or low.endswith("ly") or low in _RUN_OPENERS


def register_people(
    book: SpeakerBook, paragraph: str, number: int, toks: list[Token] | None = None
) -> None:
    """Add every personal name of a (quote-masked) paragraph to the book, with its role.

    ``toks``: the paragraph's tokens when the caller has them already."""
    toks = tokens(paragraph) if toks is None else toks
    if title_case(toks):
        return  # a headline in Title Case: its capitals mark no names
    # only these tokens can open a run (most words of a paragraph cannot): the scan jumps
    # from one to the next instead of testing every word
    openers = [at for at, tok in enumerate(toks) if _may_open_run(tok.word)]
    next_opener = 0
    index = 0
    while index < len(toks):
        while next_opener < len(openers) and openers[next_opener] < index:
            next_opener += 1
        if next_opener == len(openers):
            break
        index = openers[next_opener]
        # a capitalised run: titles, connectors between capitals, particles, names
        run: list[Token] = []
        j = index
        while j < len(toks):
            tok = toks[j]
            word = tok.word
            nxt = toks[j + 1].word if j + 1 < len(toks) else ""
            low = word.lower()
            if (
                is_capitalised(word)
                or (is_title_word(word) and run)
                or run
                and low in PARTICLES
                and is_name_word(nxt)
                or run
                and low in CONNECTORS
                and low != "and"
                and (is_capitalised(nxt) or nxt.lower() in CONNECTORS)
                or not run
                and low.endswith("ly")
                and is_title_word(nxt)
                or (not run and low in _RUN_OPENERS and (is_capitalised(nxt) or is_title_word(nxt)))
            ):
                run.append(tok)
            else:
                break
            j += 1
            if tok.stops:
                break
        if not run:
            index += 1
            continue
        _register_run(book, paragraph, run, number)
        index = j if j > index else index + 1


def _register_run(
    book: SpeakerBook,
    paragraph: str,
    run: list[Token],
    number: int,
) -> None:
    words = [t.text for t in run]
    start = 0
    while start < len(words):
        if not _run_name_word(words[start]):
            start += 1
            continue
        stop = start
        while stop < len(words) and (
            _run_name_word(words[stop])
            or (
                words[stop] in PARTICLES
                and stop + 1 < len(words)
                and is_name_word(words[stop + 1])
                and (words[stop] not in _ARTICLE_PARTICLES or words[stop - 1] in PARTICLES)
            )
        ):
            stop += 1
        if stop - start >= 2 and words[start] in FR_HONORIFICS:
            start += 1  # "M. Stéphane Visconti": the French honorific opens no name; nor
            # does it before a surname alone ("estime M. Borissov", ninth round)
            continue
        name = [clean(w) for w in words[start:stop]]
        title_words = words[max(0, start - 16) : start]  # a title is never longer
        if title_words and title_words[-1].lower() in NOT_BEFORE_NAME:
            # "Commissioner for Refugees Filippo Grandi": the name may start one word later,
            # or after a country ("Minister of Foreign Affairs of North Macedonia Bujar Osmani")
            place = place_prefix(name)
            start = start + (place or 1) if stop - start - place >= 2 else stop
            continue
        # title: the title-like words right before the name (after the last organisation part)
        k = len(title_words)
        while k > 0 and (
            is_title_word(title_words[k - 1])
            or title_words[k - 1].lower() in CONNECTORS
            or is_capitalised(title_words[k - 1])
        ):
            k -= 1
        title_words = title_words[k:]
        has_person_title = any(is_person_title(w) for w in title_words)
        place = place_prefix(name) if len(name) >= 3 else 0
        if place and name_words(name[place:]) >= 2:
            # "der Republik Österreich Sebastian Kurz": the country ends the title
            start += place
            continue
        if not_a_person(" ".join(name)) or (stop < len(words) and is_org_word(words[stop])):
            # "Chief Monitor of the OSCE Special Monitoring Mission": capitals right before
            # an organisation noun are part of its name, no person (ninth round)
            start = stop
            continue
        if (
            len(name) == 1
            and stop == len(words)
            and name[0].lower().endswith(RU_ADJECTIVE)
            and not run[-1].stops
        ):
            start = stop  # "руководитель Программного офиса": an adjective, no surname
            continue
        if name_words(name) >= 2 or has_person_title:
            last = run[stop - 1]
            end = _sentence_end(paragraph, last.end)
            appositive = None
            if stop == len(words) and last.raw.rstrip('”"»').endswith(","):
                appositive = appositive_after(paragraph, last.end, end)
            mention = Mention(
                "person", name_text(words[start:stop]), title_text(title_words), appositive
            )
            clause = _clause_before(paragraph, run[0].start)
            pre_role(mention, clause.split(",")[:-1] if clause.rstrip().endswith(",") else [])
            book.add(
                mention.name, mention.role, (number, run[start].start), gender_of(title_words[-3:])
            )
        start = stop


#: particles that are also German articles: part of a name only after another particle
#: ("von der Leyen", "van den Berg"), not in "in erster Linie den Stillstand", "im Osten
#: der Ukraine"
_ARTICLE_PARTICLES = frozenset(["den", "der", "das", "des", "dem", "die"])


def _run_name_word(word: str) -> bool:
    """A name word of a capitalised run; a word in brackets is an abbreviation that ends a
    title ("Mission to Bosnia and Herzegovina (BiH) Bruce G. Berton"), no part of a name."""
    return is_name_word(word) and not word.startswith("(") and not word.endswith(")")


def _clause_before(text: str, position: int) -> str:
    start = max(0, position - 300)
    chunk = text[start:position]
    cut = max(chunk.rfind(". "), chunk.rfind("; "), chunk.rfind(": "), chunk.rfind(" – "))
    return chunk[cut + 2 :] if cut >= 0 else chunk


def _sentence_end(text: str, position: int) -> int:
    """Index of the end of the sentence that holds position (a rough guess, bounded)."""
    limit = min(len(text), position + 600)
    for match in re.finditer(r"[.!?;](?=\s|$|[“”\"«»„])", text[position:limit]):
        at = position + match.start()
        before = text[max(0, at - 12) : at + 1].split()
        if before and is_abbreviation(before[-1]):
            continue
        return at
    return limit
