"""Mentions of people in a clause: tokens, names split from titles and roles, the subject
of a speech verb, a name after a quote, the antecedent a pronoun or role refers to."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

from osce_crawler.extract.speakers.lexicon import (
    ARTICLES,
    CONNECTORS,
    ELISIONS,
    FR_PARTS,
    NATIONALITY,
    OPENING_MARKS,
    PARTICLES,
    RELATIVE,
    RU_ADJECTIVE,
    STATES_BEFORE,
    STOPWORDS,
    VERB_WORDS,
    clean,
    display,
    is_abbreviation,
    is_acronym,
    is_capitalised,
    is_name_word,
    is_org_word,
    is_person_title,
    is_place,
    is_post_nominal,
    is_title_word,
    name_text,
    name_words,
    not_a_person,
    place_prefix,
)
from osce_crawler.extract.wordlists import words

PRONOUNS = words("pronouns")

GROUP_PRONOUNS = words("group_pronouns")

_ADVERBS = words("adverbs")

_DOCUMENT_WORDS = words("document_words")

#: weekdays and day adverbs that may follow a name ("Special Envoy Martin Sajdik Wednesday")
_TIME_WORDS = words("time_words")

_AUXILIARIES = frozenset(["has", "have", "had", "hat", "a", "ont", "has also", "would"])

#: "X and Y both underlined": a word of the subject, after the names, before the verb
_TOGETHER = frozenset(["both", "jointly", "together", "beide", "ensemble", "оба", "обе"])

#: "I said", "я заявил": the writer speaks, unnamed
_FIRST_PERSON = words("first_person")

_CONJUNCTIONS = frozenset(
    ["but", "and", "so", "yet", "while", "as", "aber", "und", "mais", "et", "но", "и"]
)

#: "visited the region, where she reassured partners": the clause's own subject speaks (not
#: "when I posted the story": the writer, no speaker)
_WHERE_WHEN = frozenset(["where", "when"])

_WORD = re.compile(r"\S+")


@dataclass(slots=True)
class Token:
    start: int
    end: int
    raw: str
    word: str  # clean(raw), computed once: the rules read it several times per token

    @property
    def text(self) -> str:
        """As written, without the punctuation that ends a phrase: "(HCNM)", "Office’s"."""
        return display(self.raw)

    @property
    def stops(self) -> bool:
        """The token closes a phrase: it ends with , ; : . ! ? or a quote mark."""
        tail = self.raw.rstrip('”"«»’)')
        return bool(tail) and tail[-1] in ",;:.!?" and not is_abbreviation(self.raw)


def tokens(
    text: str, start: int = 0, end: int | None = None, limit: int | None = None
) -> list[Token]:
    """The white-space separated tokens of text[start:end], at most limit of them.

    A whole text's tokens are remembered for the next call (register_people and
    speech_verbs read the same paragraph): the list is shared, never to be changed.
    """
    if start == 0 and (end is None or end == len(text)) and limit is None:
        return _all_tokens(text)
    found = _WORD.finditer(text, start, len(text) if end is None else end)
    return [
        Token(m.start(), m.end(), raw, clean(raw)) for m in islice(found, limit) for raw in (m[0],)
    ]


@lru_cache(maxsize=8)
def _all_tokens(text: str) -> list[Token]:
    return [
        Token(m.start(), m.end(), raw, clean(raw)) for m in _WORD.finditer(text) for raw in (m[0],)
    ]


@dataclass
class Mention:
    """A phrase naming who speaks, as it stands in the text."""

    kind: str  # person | role | org | document | group | pronoun
    name: str  # the name (person), the role noun, the organisation, the pronoun
    title: str | None = None  # title words before the name
    appositive: str | None = None  # descriptor after the name
    position: int = 0

    @property
    def role(self) -> str | None:
        parts = [p for p in (self.title, self.appositive) if p]
        return "; ".join(parts) or None


def name_split(words: list[str]) -> tuple[list[str], list[str]]:
    """Split ["OSCE", "Secretary", "General", "Helga", "Maria", "Schmid"] into title and name."""
    while len(words) > 1 and is_post_nominal(words[-1]):
        words = words[:-1]  # "Eamon Gilmore T.D.", "Mary Ryan MEP": letters after a name
    cut = len(words)
    while cut > 0:
        word = words[cut - 1]
        if word.endswith(")") and cut < len(words):
            break  # "Mission to Bosnia and Herzegovina (BiH) Bruce G. Berton": the title's end
        if (
            is_name_word(word)
            or word in PARTICLES
            and cut < len(words)
            and cut > 1
            and (is_name_word(words[cut - 2]) or is_person_title(words[cut - 2]))
            or _surname_like_nationality(words, cut)
        ):
            # "Ambassador von Arx": a particle after a rank opens the name
            cut -= 1
        else:
            break
    while (
        cut < len(words)
        and words[cut] in PARTICLES
        and not (cut and is_person_title(words[cut - 1]))
    ):
        cut += 1
    if (
        cut
        and cut < len(words)
        and (words[cut - 1].lower() in NOT_BEFORE_NAME or len(words) - cut >= 3)
    ):
        place = place_prefix([clean(w) for w in words[cut:]])
        if place and name_words(words[cut + place :]) >= 2:
            cut += place  # "... of Turkmenistan V.Hajiyev", "der Republik Österreich
            # Sebastian Kurz": the country ends the title
    if not cut and len(words) >= 3 and "а" <= clean(words[0])[:1].lower() <= "я":
        place = place_prefix([clean(w) for w in words])
        if place and name_words(words[place:]) >= 2:
            cut = place  # "«прокурор» Крыма Наталья Поклонская": the genitive of the
            # place the title was of opens the run, no name (seventh round)
    if len(words) - cut >= 2 and words[cut] in _FR_HONORIFICS:
        cut += 1  # "a déclaré M. Lavrov", "M. Stéphane Visconti": the French honorific,
        # no initial (also before a first name, eighth round)
    if cut and len(words) - cut >= 3 and words[cut - 1].lower() in NOT_BEFORE_NAME:
        cut += 1  # "High Commissioner for Refugees Filippo Grandi": the title's last word
    if cut and cut < len(words) and words[cut - 1].lower() in NOT_BEFORE_NAME:
        return words, []  # "Representative on Freedom": part of a title, not a name
    return words[:cut], words[cut:]


def _lower_role(toks: list[Token]) -> Mention | None:
    """ "le haut diplomate", "cette diplomate allemande": lower-case words after a French
    article that hold a role noun and end the phrase (no name follows)."""
    words: list[str] = []
    for tok in toks:
        if not tok.word.islower():
            return None  # "la secrétaire générale Helga Schmid": a name follows
        words.append(tok.word)
        if tok.stops or tok.raw[-1:] in ",;:":
            break
    else:
        return None
    if any(is_person_title(w) for w in words):
        return Mention("role", " ".join(words), position=toks[0].start)
    return None


#: German articles and fused prepositions: a capitalised run right after one is a noun
#: phrase ("im Kalten Krieg"), unless it opens with a title ("der Vorsitzende X")
_DE_DETERMINERS = frozenset(
    ["im", "am", "zum", "zur", "vom", "beim", "ins", "ans", "dem", "den", "des", "einem"]
    + ["einen", "einer", "eines"]
    # possessive determiners: "Zum Ende seiner Amtsperiode kritisierte Duve" (tenth round)
    + ["seiner", "seines", "seinem", "seinen", "ihrer", "ihres", "ihrem", "ihren"]
    + ["unserer", "unseres", "unserem", "unseren"]
)

#: German articles after a surname ("sagt Duve der ZEIT", "sagte Müller dem Sender"): the
#: name ends there, the article opens an object (tenth round)
_DE_OBJECT_ARTICLES = frozenset(["der", "dem", "den"])


FR_HONORIFICS = _FR_HONORIFICS = frozenset(["M.", "Mme", "Mme.", "Mlle"])


def _title_of_acronym(body: list[str]) -> bool:
    """ "Генсек ОБСЕ Шмид", "Head of OSCE Mission X": a rank, then only its organisation's
    acronym, then a surname alone."""
    titles = [at for at, w in enumerate(body) if is_person_title(w)]
    if not titles or titles[-1] == len(body) - 1:
        return False
    after = body[titles[-1] + 1 :]
    return len(after) <= 2 and all(is_acronym(clean(w)) for w in after)


def _surname_like_nationality(words: list[str], cut: int) -> bool:
    """ "Deputy Chief of Mission Courtney Austrian": a nationality that ends the phrase right
    after a name word is a surname (an adjective of nationality comes before its noun)."""
    return (
        cut == len(words)
        and cut >= 2
        and clean(words[-1]).lower() in NATIONALITY
        and is_name_word(words[-2])
    )


# a personal name does not follow these ("on Freedom of the Media", "of Germany")
NOT_BEFORE_NAME = frozenset(
    ["of", "on", "for", "to", "in", "at", "the", "from", "de", "du", "des"]
    + ["für", "zur", "zum", "pour", "auprès", "в", "по", "при"]  # "Forums für Sicherheit..."
)


def _strip_articles(words: list[str]) -> list[str]:
    while words and (words[0].lower() in ARTICLES or words[0].lower() in STOPWORDS):
        words = words[1:]
    return words


def title_text(words: list[str]) -> str | None:
    words = _strip_articles(list(words))
    if words and len(words[0]) > 2 and words[0][:2].lower() in ELISIONS:
        words[0] = words[0][2:]  # "L’ambassadeur" -> "ambassadeur"
    while words and words[-1].lower() in CONNECTORS:
        words = words[:-1]
    while words and (words[0].lower() in CONNECTORS or words[0] in PARTICLES):
        words = words[1:]  # "[nach Angaben] von OSZE-Generalsekretär X": no "von" in the role
    text = " ".join(words).strip(" ,;:")
    return text or None


def _title_like(words: list[str]) -> bool:
    """Words that can make up a title: capitalised, title words, connectors."""
    return all(
        is_capitalised(w) or w.lower() in CONNECTORS or is_title_word(w) or w.endswith("ly")
        for w in words
    )


def classify_phrase(words: list[str]) -> Mention | None:
    """What a short phrase names: a person (with title), a role noun, an organisation, ..."""
    words = [w for w in words if w]
    if words and _GLUED_HONORIFIC.match(words[0]):
        words = ["M.", words[0][2:], *words[1:]]  # "M.Borodavkine" (ninth round)
    for at in range(1, len(words)):
        if words[at].startswith("(") and _LATIN_AFTER_CYRILLIC.match(words[at - 1] + words[at]):
            words = words[:at]  # "Катя Андрушс (Katya Andrusz)": the name spelt in Latin
            break  # letters is no part of it (ninth round)
    while len(words) > 1 and (
        clean(words[-1]).lower() in _TIME_WORDS
        or is_post_nominal(words[-1])
        or words[-1].startswith("(")
        and words[-1].rstrip(",;:.").endswith(")")
        and is_acronym(clean(words[-1]))
    ):
        # "Special Envoy Martin Sajdik Wednesday [welcomed]", "Alexander Schallenberg (ÖVP)":
        # a day or a party tag after the name is no name word
        words = words[:-1]
    if not words:
        return None
    if len(words) == 1 and words[0].lower() in PRONOUNS:
        return Mention("pronoun", words[0].lower())
    if len(words) == 1 and words[0].lower() in _FIRST_PERSON:
        return Mention("narrator", words[0].lower())  # "I said": the writer, unnamed
    if words[0].lower() in GROUP_PRONOUNS:
        return Mention("group", words[0])
    if (
        len(words) > 1
        and words[0] in PARTICLES
        and all(is_name_word(w) for w in words[1:])
        and not not_a_person(" ".join(clean(w) for w in words))
    ):
        return Mention("person", " ".join(clean(w) for w in words))  # "de Blasio said"
    if len(words) > 2 and is_place(" ".join(clean(w) for w in words)):
        return Mention("org", " ".join(clean(w) for w in words))  # "Bosnia and Herzegovina
        # said": a country, though its last word could be a name
    title, name = name_split(words)
    body = _strip_articles(list(title))
    if name and not_a_person(" ".join(clean(w) for w in name)):
        return Mention("org", " ".join(clean(w) for w in _strip_articles(list(words))))
    if name and title and not body and len(name) == 1:
        # "sagte ein Beobachter", "Ein Diplomat sagte": one capitalised word right after an
        # article is a noun (German capitalises every noun), not a surname
        return Mention("role", name_text(name))
    if name:
        single_ok = (
            name_words(name) > 1
            or (body and (is_person_title(body[-1]) or body[-1] in _FR_HONORIFICS))
            or not body
            or _title_of_acronym(body)
        )
        if single_ok and _title_like(body):
            return Mention("person", name_text(name), title_text(title))
        return None
    if not body:
        return None
    low = [w.lower() for w in body]
    if any(w in _DOCUMENT_WORDS for w in low) and not any(is_person_title(w) for w in body):
        return Mention("document", " ".join(body))
    if any(is_person_title(w) for w in body):
        return Mention("role", " ".join(body))
    if any(is_org_word(w) for w in body) or any(is_acronym(w) for w in body):
        return Mention("org", " ".join(body))
    if all(not is_capitalised(w) for w in body) and len(body) <= 4:
        return Mention("group", " ".join(body))
    return None


#: a Cyrillic word, then a bracket opening on a Latin letter
_LATIN_AFTER_CYRILLIC = re.compile(r".*[а-яё]\W*\([A-Za-z]", re.IGNORECASE)

#: the French honorific glued to a surname: "a signalé M.Borodavkine"
_GLUED_HONORIFIC = re.compile(r"M\.[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]")


def appositive_after(text: str, index: int, end: int) -> str | None:
    """The descriptor after "Name, ": "Permanent Representative of Spain to the OSCE".

    Comma parts are kept while they start like a descriptor (an article, a capital); a
    relative clause or a verb phrase ends it.
    """
    segment = text[index:end].split(":", 1)[0]  # "Howard Kurtz, Fox News: “…”"
    parts: list[str] = []
    for number, part in enumerate(segment.split(",")):
        part = part.strip()
        words = part.split()
        if not words:
            break
        first = clean(words[0])
        low = first.lower()
        if low in RELATIVE or low in VERB_WORDS or low in FR_PARTS or low in _ADVERBS:
            break
        if low in ("a", "ont") and len(words) > 1 and clean(words[1]).lower() in FR_PARTS:
            break  # "Helga Maria Schmid, a déclaré": a verb, no appositive
        if number == 0:
            if not (low in ("a", "an", "the") or is_capitalised(first) or is_title_word(first)):
                break
        elif (
            not is_capitalised(first)
            or is_name_word(first)
            and len(words) > 1
            and (clean(words[1])[:1].islower() and clean(words[1]).lower() not in CONNECTORS)
        ):
            break
        if len(words) > 25:
            break
        parts.append(part)
    if not parts:
        return None
    text_out = ", ".join(parts)
    text_out = re.sub(r"^(?:the|a|an)\s+", "", text_out, flags=re.I)
    return text_out.strip(" .;:") or None


#: prepositions after a speaker's name that open where or on what medium they spoke ("a
#: déclaré Zakharova sur la chaîne YouTube Soloviev Live"): what follows is no longer name
_MEDIUM_PREPOSITIONS = frozenset(["sur", "à", "dans", "devant", "on", "auf", "на"])


def _continues_run(run: list[Token], word: str, nxt: str) -> bool:
    """Whether a word extends a name-and-title phrase ("OSCE Secretary General Helga ...")."""
    low = word.lower()
    if not run:
        return (
            low in ARTICLES
            or is_capitalised(word)
            or is_title_word(word)
            or (low.endswith("ly") and is_title_word(nxt))
        )
    if is_capitalised(word) or is_title_word(word):
        return True
    if low in _DE_OBJECT_ARTICLES and is_name_word(run[-1].word):
        return False
    if low in ("and", "und", "et", "и"):
        # "Institutions and Human Rights" goes on; "Oliver and Battelli" are two people
        previous = run[-1].word
        return (
            is_org_word(previous) or is_title_word(previous) or is_place(previous)
        ) and is_capitalised(nxt)  # "Mission to Serbia and Montenegro" goes on too
    if low in CONNECTORS or low in PARTICLES:
        if clean(nxt).lower() in _TIME_WORDS:
            return False  # "sagte Osmani am Donnerstag": the name ends before the day
        return is_capitalised(nxt) or is_title_word(nxt) or nxt.lower() in CONNECTORS
    return low.endswith("ly") and is_title_word(nxt)


def parse_forward(text: str, start: int, end: int) -> Mention | None:
    """The speaker phrase right after a verb: "OSCE Secretary General Helga Maria Schmid
    during ...", "Ambassador X, Permanent Representative ...", "the Minister", "he"."""
    toks = tokens(text, start, min(end, start + 600), limit=30)
    while toks and toks[0].word.lower() in _ADVERBS and not toks[0].stops:
        toks = toks[1:]  # "said today Nils Muižnieks"
    while len(toks) > 3 and toks[0].word.lower() in _TIME_WORDS and not toks[0].stops:
        toks = toks[1:]  # "a déclaré mardi à Budapest la représentante" (languages round)
    if len(toks) > 3 and toks[0].word in ("à", "en") and toks[2].word.lower() in ARTICLES:
        toks = toks[2:] if is_capitalised(toks[1].word) and not toks[1].stops else toks
    if not toks:
        return None
    first = toks[0].word.lower()
    if first in PRONOUNS or first in GROUP_PRONOUNS:
        return Mention("pronoun" if first in PRONOUNS else "group", first, position=toks[0].start)
    if first in ("le", "la") and len(toks) > 1 and toks[1].word.lower() in _DOCUMENT_WORDS:
        # "», indique le communiqué.": a document speaks (named without its article)
        return Mention("document", toks[1].word, position=toks[1].start)
    if first in ("le", "la", "cette", "ce"):
        role = _lower_role(toks[1:5])
        if role is not None:
            return role  # "», a ajouté le haut diplomate.": a role, resolved later
    run: list[Token] = []
    for index, tok in enumerate(toks):
        if tok.raw[:1] in OPENING_MARKS:
            break  # a quote starts: the phrase is over
        word = tok.word
        nxt = toks[index + 1].word if index + 1 < len(toks) else ""
        if _continues_run(run, word, nxt):
            run.append(tok)
        else:
            break
        if tok.stops:
            break
    if not run:
        found = _role_then_name(toks)
        if found is None and toks[0].word.lower() in ("one", "a", "an", "the"):
            found = _described_then_named(text, toks, end)
        return found
    words = [t.text for t in run]
    mention = classify_phrase(words)
    for cut, word in enumerate(words):
        if (
            (mention is None or mention.kind in ("org", "role"))
            and cut > 1
            and word.lower() in ("of", "from", "in", "at", "to")
        ):  # also "Anna Berg of the Helsinki Committee": a person, then her organisation
            head = classify_phrase(words[:cut])  # "Patricia Moran of Cheyenne"
            if head is not None and head.kind == "person":
                mention, run = head, run[:cut]
                break
            # "Deputy Chief of Mission Courtney Austrian to the Permanent Council": the
            # title's own "of" gives no person; a later preposition may (seventh round)
    if mention is None and len(words) >= 2 and words[0].lower() in NATIONALITY:
        head = classify_phrase(words[1:])  # "said German Ortega": a name, not a nationality
        if head is not None and head.kind == "person" and len(words) == 2:
            mention = None
        elif head is not None and head.kind == "person":
            mention = head
    last = run[-1]
    after = toks[len(run)] if len(run) < len(toks) else None
    if (
        mention is not None
        and mention.kind == "person"
        and " " not in mention.name
        and mention.name.lower().endswith(RU_ADJECTIVE)
        and after is not None
        and after.word[:1].islower()
        and not last.stops
    ):
        # "заявил руководитель Программного офиса ОБСЕ в Душанбе": an adjective of an
        # office's name in the genitive, no surname; the role runs to the phrase's end
        words_out = []
        for tok in toks:
            words_out.append(tok.text)
            if tok.stops or len(words_out) >= 12:
                break
        return Mention("role", " ".join(words_out), position=toks[0].start)
    if (
        not last.stops
        and after is not None
        and after.word[:1].islower()
        and after.word not in CONNECTORS | _CONJUNCTIONS | RELATIVE
        and not (
            mention is not None
            and mention.kind == "person"
            and after.word.lower() in _MEDIUM_PREPOSITIONS
        )  # "a déclaré Zakharova sur la chaîne YouTube Soloviev Live" (eleventh round)
    ):
        longer = _role_then_name(toks)  # "said Concord resident Whit Symms"
        if longer is not None and longer.kind == "person":
            return longer
    # "la Secrétaire générale de l’OSCE, Helga Maria Schmid" / "the Secretary General, X"
    comma_end = last.end if last.raw.endswith(",") else None
    if (
        comma_end is None
        and mention
        and mention.kind == "role"
        and after is not None
        and after.raw.endswith(",")
        and after.word.islower()
    ):
        comma_end = after.end  # "du Premier ministre ukrainien, Denys Chmyhal": an adjective
    if comma_end is None and mention and mention.kind == "role":
        comma_end = _complement_comma(toks[len(run) :])
    if mention and mention.kind in ("role", "org") and comma_end is not None:
        after = parse_forward(text, comma_end, end)
        opener = text[comma_end : comma_end + 12].split()[:1]
        if after and " " not in after.name and opener and opener[0].lower() in ARTICLES:
            after = None  # "sagte der Sprecher, die Lage sei ruhig": a noun, no surname
        if after and after.kind == "person":
            # "says the Head of the Mission ..., Ambassador Maurizio Massari": with a rank too
            role = title_text(words)
            after.title = f"{role}; {after.title}" if after.title and role else role or after.title
            return after
    if mention is None:
        return None
    mention.position = run[0].start
    if mention.kind == "person" and last.raw.rstrip('”"»').endswith(","):
        mention.appositive = appositive_after(text, last.end, end)
    return mention


#: the small words of a role's complement ("pour la liberté de la presse à l'OSCE")
_COMPLEMENT_WORDS = frozenset(
    ["de", "du", "des", "pour", "à", "au", "aux", "la", "le", "les", "et", "auprès"]
    + ["für", "der", "des", "die", "in", "im", "zur", "zum", "für", "bei", "и", "по", "в"]
)


def _complement_comma(toks: list[Token]) -> int | None:
    """Where a role's complement ends with a comma before a name ("a constaté la
    représentante pour la liberté de la presse à l'OSCE, la Bosnienne Dunja Mijatovic"):
    small words and nouns only, no verb, no quote, at most ten words (languages round)."""
    for tok in toks[:10]:
        low = tok.word.lower()
        if tok.raw[:1] in OPENING_MARKS or low in VERB_WORDS or low in RELATIVE:
            return None
        if not (
            low in _COMPLEMENT_WORDS
            or is_title_word(tok.word)
            or low.isalpha()
            or "’" in low
            or "'" in low
        ):
            return None
        if tok.raw.endswith(","):
            return tok.end
        if tok.stops:
            return None
    return None


def _described_then_named(text: str, toks: list[Token], end: int) -> Mention | None:
    """ "said one participant, Karl Ost from Khorog": a short lower-case description, a
    comma, then the person's name."""
    for index, tok in enumerate(toks[:5]):
        if not tok.word[:1].islower():
            return None
        if tok.raw.endswith(","):
            after = parse_forward(text, tok.end, end)
            if after is not None and after.kind == "person":
                after.title = after.title or title_text([t.text for t in toks[: index + 1]])
                return after
            return None
    return None


#: how many words a lower-case role and the name after it may take: ten, and twelve for a
#: Russian role, whose genitive chain runs longer ("заявил первый заместитель председателя
#: специальной мониторинговой миссии ОБСЕ в Украине Александр Хуг" takes eleven; eleventh
#: round; twelve for every language added a wrong speaker to a held-out set)
_ROLE_WINDOW = 10
_RU_ROLE_WINDOW = 12


def _role_then_name(toks: list[Token]) -> Mention | None:
    """ "said pollster Frank Luntz", "said one former GOP leadership aide": lower-case role
    words, then a name of two or more words (a person) or nothing more (a role)."""
    words: list[Token] = []
    russian = bool(toks) and "а" <= toks[0].word[:1].lower() <= "я"
    for tok in toks[: _RU_ROLE_WINDOW if russian else _ROLE_WINDOW]:
        if tok.raw[:1] in OPENING_MARKS or tok.word.lower() in RELATIVE:
            break
        words.append(tok)
        if tok.stops:
            break
    if not words:
        return None
    cleaned = [t.text for t in words]
    at = 0
    while at < len(cleaned):  # "former tech executive Carly Fiorina during the debate":
        end = at  # the first name of two words or more ends the phrase
        while end < len(cleaned) and is_name_word(cleaned[end]):
            end += 1
        if end - at >= 2:
            later = _named_after_role(cleaned, end)
            cleaned = cleaned[: later or end]
            break
        at = end + 1
    mention = _role_and_name(cleaned)
    if mention is not None:
        mention.position = words[0].start
    return mention


def _named_after_role(cleaned: list[str], at: int) -> int | None:
    """ "North Ossetian human rights commissioner Tamerlan Tsgoev": after a capitalised
    run, lower-case words ending in a rank, then a name of two words: where that name ends.
    Not after "and": "министр Польши Збигнев Рау и генеральный секретарь Хельга Мария
    Шмид" are two people."""
    if at < len(cleaned) and cleaned[at].lower() in _AND:
        return None
    end = at
    while end < len(cleaned) and end - at < 4 and cleaned[end].islower():
        end += 1
    if end == at or not is_person_title(cleaned[end - 1]):
        return None
    last = end
    while last < len(cleaned) and is_name_word(cleaned[last]):
        last += 1
    return last if last - end >= 2 else None


def _role_and_name(cleaned: list[str]) -> Mention | None:
    """ "Trump attorney Alan Garten" -> Alan Garten (title "Trump attorney"); "the United
    Nations deputy humanitarian chief" -> that role; else None."""
    if not cleaned or len(cleaned) > 12:
        return None
    if any(w.lower() in VERB_WORDS or w.lower() in RELATIVE for w in cleaned):
        return None
    stop = len(cleaned)
    start = stop
    while start > 0 and (
        is_name_word(cleaned[start - 1])
        or cleaned[start - 1] in PARTICLES
        and start < stop
        and is_name_word(cleaned[start])
    ):
        start -= 1
    while start < stop and cleaned[start].lower() in PARTICLES:
        start += 1  # "... technique de Dortmund": "de" opens no name here
    name = cleaned[start:stop]
    prefix = cleaned[:start]
    if prefix and prefix[-1].lower() in NOT_BEFORE_NAME | PARTICLES:
        return None  # "at the University of Dortmund": a place, not a person
    if _object_of_preposition(prefix):
        return None  # "после встречи с президентом Владимиром Зеленским": not the subject
    if len(name) >= 2 and prefix and any(w[:1].islower() for w in prefix):
        if not_a_person(" ".join(clean(w) for w in name)):
            return None
        return Mention("person", name_text(name), title_text(prefix))
    body = _strip_articles(list(cleaned))
    if (
        not name
        and body
        and len(body) <= 8
        and is_person_title(body[-1])
        and cleaned[0].lower() in ("the", "one", "a", "an")
    ):
        return Mention("role", " ".join(clean(w) for w in body))
    return None


def parse_subject(
    text: str, clause_start: int, verb_start: int, walk: bool = False
) -> Mention | None:
    """The subject before a verb: "Anya Fink, a research analyst ..., outlined" gives Anya
    Fink with her role; "Minister De Gucht also said" gives De Gucht; "He said" gives he."""
    clause = text[clause_start:verb_start]
    if len(clause) > 700:
        clause = clause[-700:]
        clause_start = verb_start - 700
    segments = re.split(r"[,:]", clause)
    offsets = []
    pos = clause_start
    for seg in segments:
        offsets.append(pos)
        pos += len(seg) + 1
    last = segments[-1].split()
    while last and (
        clean(last[-1]).lower() in _ADVERBS | _AUXILIARIES | _TOGETHER
        or last[-1].endswith("ly")
        and last[-1].islower()
    ):
        last = last[:-1]  # "Bill Clinton has said", "Trump reportedly said", "then loudly"
    while last and clean(last[0]).lower() in _CONJUNCTIONS | _ADVERBS:
        last = last[1:]  # "but he said", "and then Schmid said"
    if (
        len(last) > 1
        and clean(last[0]).lower() in _WHERE_WHEN
        and clean(last[1]).lower() not in _FIRST_PERSON
    ):
        last = last[1:]
    if len(last) > 1 and clean(last[0]).lower() == "whom":
        last = last[1:]  # "the Presidency, whom she said it was urgent to": she speaks
    lows = [clean(w).lower() for w in last]
    who = lows.index("who") if "who" in lows[1:-1] else 0
    if who and len(last) - who <= 10 and not any(c in ";()" for c in " ".join(last)):
        # "The Greek diplomat who took over as mission chief in September told": the
        # subject is the phrase before a short relative clause, when it names a person or
        # is a definite role (not "One Democratic official who relayed it said")
        head = _segment_mention(last[:who])
        if head is not None and (head.kind == "person" or head.kind == "role" and lows[0] == "the"):
            head.position = offsets[-1]
            return head
    if [clean(w).lower() for w in last] in (["who"], ["qui"], ["der"], ["die"], ["который"]):
        # "opened by Ambassador Karl Ost, Head of the OSCE Centre, who said": the antecedent
        return _antecedent(segments[:-1], offsets[:-1])
    if last:
        pair = _person_pair(last)
        if pair is not None:
            last = last[len(last) - pair[2] :]  # "Link and Gacek highlighted": Gacek here
        mention = _segment_mention(last) or _trailing_person(last, absolute=walk)
        if mention is None and walk:
            return _walk_back(segments + [""], offsets + [verb_start])
        if mention is None:
            return None
        mention.position = offsets[-1]
        if mention.kind == "person" and len(last) <= len(mention.name.split()) + 6:
            pre_role(mention, segments[:-1])
        return mention
    return _walk_back(segments, offsets)


#: a name right after these is no subject ("a letter to Bernie Sanders said")
PREPOSITIONS = frozenset(
    ["to", "for", "with", "by", "of", "from", "about", "against", "at", "on", "in", "into"]
    + ["über", "mit", "von", "für", "à", "pour", "avec", "par", "sur", "к", "с", "для"]
    # German prepositions and "dem": "gegenüber den Medien mitteilte", "nach dem Urnengang
    # charakterisierte" name no subject (languages round; "des", "einem", "einer", "eines"
    # were tried too and lowered a held-out figure)
    + ["gegenüber", "nach", "bei", "aus", "seit", "dem"]
)


_CYRILLIC = re.compile(r"[а-яё]+$")


def _object_of_preposition(before: list[str]) -> bool:
    """The words before a name end with a preposition and a lower-case Russian role noun
    ("с президентом", "с министром"): the name is that preposition's object, declined."""
    return (
        len(before) > 1
        and bool(_CYRILLIC.match(clean(before[-1]).lower()))
        and clean(before[-1])[:1].islower()
        and clean(before[-2]).lower() in PREPOSITIONS
    )


def _trailing_person(words: list[str], absolute: bool = False) -> Mention | None:
    """The person a clause ends with when the clause is more than the subject ("the debate
    grew so heated that New Jersey Gov. Chris Christie [said]"): a capitalised run, not
    after a preposition; before a participle (``absolute``) also after "with" ("with
    Senator John McCain telling reporters")."""
    start = len(words)
    while start > 0:
        word = clean(words[start - 1])
        if not (is_capitalised(word) or is_title_word(word) or word in PARTICLES):
            break
        start -= 1
    if start == 0 or start == len(words):
        return None
    before = clean(words[start - 1]).lower()
    if before in PREPOSITIONS and not (absolute and before == "with"):
        return None
    if _object_of_preposition(words[:start]):
        return None  # "после встречи с президентом Владимиром Зеленским призвал": an object
    if before in _DE_DETERMINERS and not is_title_word(words[start]):
        return None  # "an die Ursprünge der OSZE im Kalten Krieg erinnerte": a noun phrase
    if (
        before == "und"
        and start >= 3
        and clean(words[start - 3]).lower() in _DE_DETERMINERS
        and is_capitalised(clean(words[start - 2]))
    ):
        return None  # "Im Großen und Ganzen rief": one noun phrase (seventh round)
    if len(words) - start == 1 and (before in STATES_BEFORE or before.endswith("ing")):
        return None  # "OSCE participating States have recognized": a noun, no name
    if words[start - 1].endswith((",", ";", ":")):
        return None
    mention = classify_phrase(words[start:])
    return mention if mention is not None and mention.kind == "person" else None


def co_subjects(text: str, clause_start: int, verb_start: int) -> list[Mention]:
    """The other people of a subject joined by "and": "The Special Rapporteur on food,
    Hilal Elver, and the Special Rapporteur on toxics, Baskut Tuncak, called for ..." gives
    Hilal Elver (the last one is parse_subject's)."""
    clause = text[max(clause_start, verb_start - 700) : verb_start]
    segments = [seg.strip() for seg in clause.split(",")]
    while segments and not segments[-1]:
        segments.pop()
    out: list[Mention] = []
    if segments:
        pair = _person_pair(_strip_verb_adverbs(segments[-1].split()))
        if pair is not None:  # "Michael Link and Urszula Gacek highlighted"
            pair[0].position = clause_start
            return [pair[0]]
    if len(segments) >= 2 and segments[-1].lower().startswith(("and ", "und ", "et ", "и ")):
        # "The Director of the Centre, Marcel Peško, and the Head of Mission Anna Berg"; a
        # longer list too: "The Co-Chairs (A of France, B of the United States, and C ...)"
        for segment in reversed(segments[:-1]):
            opened = "(" in segment
            mention = _segment_mention(segment.rsplit("(", 1)[-1].split())
            if mention is None or mention.kind != "person":
                break
            mention.position = clause_start
            out.append(mention)
            if opened:
                break  # the list opened with its bracket
        if out:
            return out
    for index in range(len(segments) - 2, 0, -1):
        if not segments[index].lower().startswith(("and ", "und ", "et ", "и ")):
            continue
        # "A, Chairman-in-Office, B, Minister of Foreign Affairs of Malta, and C, OSCE
        # Secretary General, condemned": every person of the list, over their roles
        # (seventh round)
        for segment in reversed(segments[max(0, index - 8) : index]):
            mention = _segment_mention(segment.split())
            if mention is not None and mention.kind == "person":
                mention.position = clause_start
                out.append(mention)
            elif mention is None or mention.kind != "role":
                break
        break
    return out


_AND = frozenset(["and", "und", "et", "и"])


def _strip_verb_adverbs(words: list[str]) -> list[str]:
    while words and (
        words[-1].endswith("ly")
        and words[-1].islower()
        or words[-1].lower() in _TOGETHER
        or words[-1].lower() in _ADVERBS
    ):
        words = words[:-1]  # "particularly highlighted", "strongly condemned", "сегодня"
    return words


def _person_pair(words: list[str]) -> tuple[Mention, Mention, int] | None:
    """Two people joined by "and" as one subject, without commas: "Michael Link and
    Urszula Gacek", "OSCE Representative ... Harlem Désir and Head of the OSCE Mission to
    Bosnia and Herzegovina (BiH) Bruce G. Berton": both, and the second one's word count.
    The first "and" whose two sides each name a person splits them; a place with "and" in
    its name ("Bosnia and Herzegovina") is no pair."""
    if len(words) < 3 or len(words) > 24 or not_a_person(" ".join(clean(w) for w in words)):
        return None
    if words[0].lower() in _DE_DETERMINERS and not is_title_word(words[1]):
        return None  # "Im Großen und Ganzen rief der Generalsekretär": no pair (seventh round)
    for index in range(1, len(words) - 1):
        if words[index].lower() not in _AND or not is_name_word(words[index - 1]):
            continue
        left = _segment_mention(words[:index])
        if (
            left is None
            or left.kind != "person"
            or not (
                is_capitalised(words[index + 1])
                or is_person_title(words[index + 1])
                or words[index + 1].lower() in ARTICLES  # "et la secrétaire générale Y"
            )
        ):
            continue  # "Збигнев Рау и генсекретарь ОБСЕ Хельга Мария Шмидт": a rank may open
        if not_a_person(" ".join(clean(w) for w in words[index - 1 : index + 2])):
            continue
        right = _segment_mention(words[index + 1 :])
        if right is not None and right.kind == "person":
            return left, right, len(words) - index - 1
        return None
    return None


def _antecedent(segments: list[str], offsets: list[int]) -> Mention | None:
    """The person a relative pronoun stands for: the last person named in the comma
    segments before it, over one appositive at most ("X, Head of Y, who")."""
    for back in range(1, min(len(segments), 2) + 1):
        words = segments[-back].split()
        mention = _segment_mention(words) or _trailing_run(words)
        if mention is not None and mention.kind == "person" and " " in mention.name:
            mention.position = offsets[-back]
            return mention
        if mention is not None and mention.kind == "person":
            return None  # "Domestically, ..." or a lone word: no antecedent to trust
    return None


def _trailing_run(words: list[str]) -> Mention | None:
    """The capitalised run a segment ends with, after any word ("a reaction from U.S.
    President Barack Obama")."""
    start = len(words)
    while start > 0 and (
        is_capitalised(clean(words[start - 1])) or clean(words[start - 1]) in PARTICLES
    ):
        start -= 1
    mention = classify_phrase(words[start:]) if start < len(words) else None
    if mention is None or mention.kind != "person":
        return None
    if start and clean(words[start - 1]).lower() in ("by", "from", "with") and " " in mention.name:
        return mention  # "echoed by Karl Ost, who noted"
    if not mention.title:
        return None
    return mention if any(is_person_title(w) for w in mention.title.split()) else None


def _walk_back(segments: list[str], offsets: list[int]) -> Mention | None:
    """ "Name, appositive(, relative clause), VERB": walk back to the name."""
    fallback: Mention | None = None
    for back in range(2, min(len(segments), 6) + 1):
        words = segments[-back].split()
        mention = _segment_mention(words)
        if mention is None:
            continue
        if mention.kind not in ("person", "role", "org", "document"):
            return fallback
        mention.position = offsets[-back]
        if mention.kind != "person":
            fallback = fallback or mention  # "Director of X, which ..., said": look further
            continue
        if words[0].lower() in ("the", "a", "an") and back < len(segments):
            # "Darka Olifer, the spokesperson for ... Leonid Kuchma, wrote": the name the
            # article-led appositive describes, not the one inside it
            named = _segment_mention(segments[-back - 1].split())
            if named is not None and named.kind == "person" and " " in named.name:
                named.position = offsets[-back - 1]
                named.appositive = title_text(words)
                pre_role(named, segments[: len(segments) - back - 1])
                return named
        apposition = ",".join(segments[len(segments) - back + 1 : -1])
        mention.appositive = appositive_after(apposition + ",", 0, len(apposition) + 1)
        pre_role(mention, segments[: len(segments) - back])
        return mention
    return fallback


def _segment_mention(words: list[str]) -> Mention | None:
    """A comma segment that names someone: "Italian parliamentarian Tana de Zulueta",
    "Aaron Rhodes of the International Helsinki Federation", "the Chairman-in-Office"."""
    cleaned = [display(w) for w in words]
    if not cleaned or len(cleaned) > 16:
        return None
    low = [w.lower() for w in cleaned]
    if len(cleaned) == 1 and low[0] in PRONOUNS:
        return Mention("pronoun", low[0])
    if len(cleaned) == 1 and low[0] in _FIRST_PERSON:
        return Mention("narrator", low[0])
    if low[0] == "als" and len(cleaned) <= 3:
        return None  # "Als Erfolg wertete Kurz ...": a predicate before the verb, no subject
    if low[0] in RELATIVE and not (
        len(cleaned) > 2
        and low[0] in ("der", "die")
        and all(is_capitalised(w) for w in cleaned[1:])
    ):
        return None  # ("Die Ministerin Anna Keller", ", der Schweizer Diplomat Tim Guldimann,":
        # an article before a noun and a name, no relative pronoun)
    # "X of the Y" / "X from Y": the name, then an affiliation
    for index, word in enumerate(low):
        if index and word in ("of", "from", "with", "at") and is_name_word(cleaned[index - 1]):
            head = cleaned[:index]
            mention = classify_phrase(head)
            if mention and mention.kind == "person":
                return mention
            break
    if not all(
        is_capitalised(w)
        or w.lower() in CONNECTORS
        or w.lower() in PARTICLES
        or w.lower() in ARTICLES
        or is_title_word(w)
        or w.endswith("ly")
        for w in cleaned
    ):
        found = _role_and_name(cleaned)
        if found is None and len(cleaned) <= 5 and low[0] in ARTICLES:
            found = classify_phrase(cleaned)  # "the report", "the committee", "the ministers"
        return found
    return classify_phrase(cleaned)


def pre_role(mention: Mention, before: list[str]) -> None:
    """ "The Head of the OSCE Mission to Croatia, Ambassador Peter Semneby": a title segment
    right before the name's segment joins the title with ", "."""
    if not before:
        return
    words = [display(w) for w in before[-1].split()]
    articles = [i for i, w in enumerate(words) if w.lower() in ("the", "der", "die", "le", "la")]
    if articles and articles[0] and len(words) - articles[-1] >= 2:
        # "I join others in welcoming the High Commissioner on National Minorities,
        # Ambassador Lamberto Zannier": the title phrase the segment ends with
        for start in articles:
            tail = words[start:]
            if all(is_capitalised(w) or w.lower() in CONNECTORS for w in tail[1:]):
                words = tail
                break
    opens_clause = len(before) == 1 and bool(words) and is_capitalised(words[0])
    if not words or (
        words[0].lower() not in ("the", "der", "die", "le", "la", "l’") and not opens_clause
    ):
        return  # the clause's first segment may be a bare title: "OSCE Chairperson-in-Office,"
    if len(words) > 14 or not any(is_person_title(w) for w in words):
        return
    if not all(
        is_capitalised(w) or w.lower() in CONNECTORS or w.lower() in ARTICLES or is_title_word(w)
        for w in words
    ):
        return
    pre = title_text(words)
    if pre:
        mention.title = f"{pre}, {mention.title}" if mention.title else pre
