"""Who speaks in an article: speech verbs, names split from titles and roles, and the book of
people an article introduces, so that "Fink", "she" and "the Minister" resolve to "Anya Fink".

Rule-based and token-driven (no regex over unbounded spans), so it stays linear on huge
pages. Works in English, German, French and Russian: the verbs, title words, pronouns and
gender words of each live in data files (words/<language>.json, read by wordlists.py),
the places and organisations that are no personal names in words/gazetteer.json.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice

from osce_crawler.extract.dates import ENGLISH_MONTH_NAMES
from osce_crawler.extract.wordlists import gazetteer, words

# --- vocabulary -----------------------------------------------------------------------------
# The words live in data files, one per language (osce_crawler/extract/words/*.json, each
# saying where its words came from); the rules read the union of the four languages.

# finite speech verbs: direct quotes and indirect speech ("X explained how ...")
_VERB_WORDS = words("speech_verbs")
_FR_PARTS = words("speech_participles")
# verbs that speak only with a particle or object: "called for", "pointed out", "addressed the"
_NEEDS_NEXT = {
    "called": {"for", "on", "upon", "it", "them", "this", "that", "him", "her"},
    "calls": {"for", "on", "upon", "it", "them", "this", "that"},
    "pointed": {"out"},
    "addressed": {"the", "a", "an", "participants", "delegates", "students", "journalists"},
    "asked": {"the", "participants", "states", "governments", "authorities", "reporters"},
    "reported": {"to", "on", "that"},
    "spoke": {"at", "to", "about", "of", "on"},
    "shot": {"back"},
    "fired": {"back"},
    "hit": {"back"},
    # plural nouns too, but verbs before "that" ("Fajon claims that ...")
    "claims": {"that"},
    "comments": {"that"},
}
#: verbs that name something in marks after an object ("called the judge a “hater”")
_NAMING_VERBS = frozenset(
    ["called", "calls", "calling", "dubbed", "labeled", "labelled", "branded", "branding"]
)
# nouns of speech: "remarks by X", "X delivered a statement"
_SPEECH_NOUNS = words("speech_nouns", ("en", "de", "ru"))
#: French nouns of speech whose speaker follows "du"/"de" ("les félicitations du Premier
#: ministre ukrainien, Denys Chmyhal")
_FR_SPEECH_NOUNS = words("speech_nouns", ("fr",))
#: "heard remarks from X": speech nouns whose speaker may follow "from" (not "reports from
#: the field")
_FROM_NOUNS = frozenset(["remarks", "address", "addresses", "statement", "statements", "speech"])
_HEARD = frozenset(["heard", "hear", "hears", "listened"])  # "heard remarks from X"
_PASSIVE = frozenset(["was", "were", "been", "being"])  # "were welcomed by X"
# "X visited ..., underlining that “…”": the subject of the sentence speaks
_GERUNDS = words("speech_gerunds")
_DELIVER_VERBS = words("deliver_verbs")
# a verb after these is not a reported act of speech ("will address", "was told", "to express")
_NOT_FINITE = words("not_finite")
# verbs after which the speaker may follow ("said the Minister"); the others take an object
INVERTING = words("inverting_verbs") | {"according to", "по словам"}

PRONOUNS = _PRONOUNS = words("pronouns")
GROUP_PRONOUNS = _GROUP_PRONOUNS = words("group_pronouns")
_RELATIVE = words("relative_words")
_ARTICLES = words("articles")
_CONNECTORS = words("connectors")
_PARTICLES = words("name_particles")
_ADVERBS = words("adverbs")
# words of titles and ranks (lower case); a capitalised run ending in a name splits here
_PERSON_TITLES = words("person_titles")
# other words of titles, and capitalised nouns of role names ("Medienfreiheit")
_OTHER_TITLES = words("other_titles") | words("role_words")
# stems inside compounds: "OSZE-Generalsekretärin", "Missionsleiter", "Botschafterin"
_TITLE_STEMS = tuple(sorted(words("title_stems")))
_NATIONALITY = words("nationalities")
# party names and tags: "Rep", "Republican" are no personal names
_PARTY_WORDS = words("party_words")
# endings of German nouns, capitalised like names: "Medienfreiheit", "Gemeinschaft"
_NOUN_SUFFIXES = tuple(sorted(words("noun_suffixes")))
# organisation and document words: a run holding one of these is not a personal name
_ORG_WORDS = words("org_words")
_DOCUMENT_WORDS = words("document_words")
_STOPWORDS = words("stopwords") | {m.lower() for m in ENGLISH_MONTH_NAMES}
#: "Interlocutors expressed", "Discussions emphasized": plural nouns, no personal names
_GROUP_NOUNS = words("group_nouns")
#: weekdays and day adverbs that may follow a name ("Special Envoy Martin Sajdik Wednesday")
_TIME_WORDS = words("time_words")
_SENTENCE_ABBREVIATIONS = words("sentence_abbreviations")
_QUOTE_ENDS = ("”,", '",', "»,", "“,", "”", '"', "»", "?”", "!”")
_AUXILIARIES = frozenset(["has", "have", "had", "hat", "a", "ont", "has also", "would"])
#: "X and Y both underlined": a word of the subject, after the names, before the verb
_TOGETHER = frozenset(["both", "jointly", "together", "beide", "ensemble", "оба", "обе"])
_STATES_BEFORE = frozenset(["participating", "member", "united", "all", "other", "these", "those"])
# places and organisations a capitalised phrase may be instead of a person ("Georgia said")
_PLACES = frozenset(
    " ".join(re.sub(r"^[dl][’']", "", w) for w in place.split())
    for place in gazetteer("countries")
    | gazetteer("capitals")
    | gazetteer("us_states")
    | gazetteer("regions")
)
#: stems of the gazetteer's one-word Russian places ("сербия" -> "серби"), so that a place
#: in an oblique case ("министр иностранных дел Сербии Ивица Дачич") is no name word
_RU_PLACE_STEMS = frozenset(
    place[:-1] if place[-1] in "аяьй" else place
    for place in _PLACES
    if " " not in place and "а" <= place[:1] <= "я"
)
_RU_CASE_ENDINGS = frozenset(["и", "ы", "е", "у", "ю", "ой", "ей", "ом", "ем", "а", "я"])


def _oblique_place(low: str) -> bool:
    """A Russian place of the gazetteer in an oblique case ("сербии", "казахстана")."""
    return low not in _PLACES and any(
        low[-size:] in _RU_CASE_ENDINGS and low[:-size] in _RU_PLACE_STEMS for size in (1, 2)
    )


#: the gender a pronoun or an honorific shows ("she", "Ms", "Frau", "Mme", "госпожа")
_FIRST_PERSON = words("first_person")
_GENDER = {w: "f" for w in words("female_words")} | {w: "m" for w in words("male_words")}
_CONJUNCTIONS = frozenset(
    ["but", "and", "so", "yet", "while", "as", "aber", "und", "mais", "et", "но", "и"]
)
_ORGANISATIONS = gazetteer("organisations")
_EDGE = "“”\"«»„‚‘’'()[]{},.;:!?–—-…*"
#: entries of each per-word cache: the words a page repeats stay cached, a site's long tail
#: does not (eleven caches of 65,536 words grew each extraction process by about 25 MB over
#: a 50,000-article crawl; a word's verdict costs microseconds to redo)
WORD_CACHE = 8192
_WORD = re.compile(r"\S+")


@lru_cache(maxsize=WORD_CACHE)
def clean(token: str) -> str:
    """A token without surrounding punctuation, an elided article or a possessive ending."""
    word = token.strip(_EDGE)
    if len(word) > 2 and word[:2].lower() in _ELISIONS:
        word = word[2:]  # "l’OSCE", "d’Autriche"
    for ending in ("’s", "'s"):
        if word.endswith(ending) and len(word) > 3:
            word = word[: -len(ending)]
    return word


_ELISIONS = frozenset(["l’", "l'", "d’", "d'"])


_FUSED_INITIAL = re.compile(r"^[A-ZА-ЯЁ]\.[A-ZА-ЯЁ][a-zа-яё]")


def _name_words(name: list[str]) -> int:
    """How many words a name has, an initial fused to the surname counted ("V.Hajiyev",
    "И.Дачич": two, as "V. Hajiyev")."""
    return len(name) + sum(1 for word in name if _FUSED_INITIAL.match(clean(word)))


def _name_text(words: list[str]) -> str:
    """A name's words as written, a middle initial with its period ("Jill A. Martin")."""
    return " ".join(
        clean(w) + "." if len(clean(w)) == 1 and w.rstrip(",;:").endswith(".") else clean(w)
        for w in words
    )


@lru_cache(maxsize=WORD_CACHE)
def display(raw: str) -> str:
    """A word as written, without quote marks or the punctuation that ends a phrase."""
    if _is_abbreviation(raw):
        return raw.rstrip(",;:")
    return raw.strip('“”"«»„‚‘').rstrip(",;:!?").rstrip('”"»’').rstrip(".")


@lru_cache(maxsize=WORD_CACHE)
def is_capitalised(word: str) -> bool:
    """First letter upper case (handles "(HCNM)", "D.C.")."""
    first = next((c for c in word if c.isalpha()), "")
    return first.isupper()


@lru_cache(maxsize=WORD_CACHE)
def is_acronym(word: str) -> bool:
    """OSCE, ODIHR, ОБСЕ, U.S., OSZE-… : an organisation or a label, never a personal name."""
    letters = [c for c in word.split("-")[0] if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


@lru_cache(maxsize=WORD_CACHE)
def is_title_word(word: str) -> bool:
    """A word of a title, rank or role ("Ambassador", "Foreign", "OSZE-Generalsekretärin")."""
    word = clean(word)
    low = word.lower()
    if not low:
        return False
    if low in _PERSON_TITLES or low in _OTHER_TITLES or is_acronym(word):
        return True
    if low.endswith("s") and (low[:-1] in _PERSON_TITLES):
        return True  # "Vice-Presidents"
    if any(stem in low for stem in _TITLE_STEMS):
        return True
    return low in _NATIONALITY


@lru_cache(maxsize=WORD_CACHE)
def is_person_title(word: str) -> bool:
    """A title that stands right before a personal name ("Minister Kanerva")."""
    low = clean(word).lower()
    return (
        low in _PERSON_TITLES
        or (low.endswith("s") and low[:-1] in _PERSON_TITLES)
        or any(stem in low for stem in _TITLE_STEMS)
        or low in {"secrétaire", "ministre", "ambassadeur", "посол", "министр", "секретарь"}
    )


@lru_cache(maxsize=WORD_CACHE)
def is_org_word(word: str) -> bool:
    return clean(word).lower() in _ORG_WORDS


@lru_cache(maxsize=WORD_CACHE)
def is_name_word(word: str) -> bool:
    """Could be part of a personal name: capitalised, not a title, organisation or stopword."""
    if len(word) == 2 and word[1] == "." and word[0].isupper():
        return True  # a middle initial: "Jill A. Martin"
    word = clean(word)
    if not word or not is_capitalised(word) or is_acronym(word) or "/" in word:
        return False  # "Representative/Vice-President": two titles, no name
    low = word.lower()
    if low in _STOPWORDS or low in _PARTY_WORDS or is_org_word(word) or is_title_word(word):
        return False
    if low in _GROUP_NOUNS:
        return False
    if "а" <= low[:1] <= "я" and _oblique_place(low):
        return False  # "Сербии Ивица Дачич": the country's genitive, no first name
    if len(low) > 7 and low.endswith(_NOUN_SUFFIXES):
        return False  # a German noun ("Zusammenarbeit", "Demokratisierung"), no name
    return not any(c.isdigit() for c in word)


# --- tokens ---------------------------------------------------------------------------------


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
        return bool(tail) and tail[-1] in ",;:.!?" and not _is_abbreviation(self.raw)


def _is_abbreviation(raw: str) -> bool:
    word = raw.rstrip(",;:").rstrip(".").lower()
    if raw.rstrip(",;:").endswith("."):
        if word in _SENTENCE_ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            return True
        if "." in word and all(len(p) <= 2 for p in word.split(".")):
            return True  # U.S., D.C.
    return False


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


# --- mentions -------------------------------------------------------------------------------


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
    cut = len(words)
    while cut > 0:
        word = words[cut - 1]
        if word.endswith(")") and cut < len(words):
            break  # "Mission to Bosnia and Herzegovina (BiH) Bruce G. Berton": the title's end
        if (
            is_name_word(word)
            or word in _PARTICLES
            and cut < len(words)
            and cut > 1
            and is_name_word(words[cut - 2])
        ):
            cut -= 1
        else:
            break
    while cut < len(words) and words[cut] in _PARTICLES:
        cut += 1
    if (
        cut
        and cut < len(words)
        and (words[cut - 1].lower() in _NOT_BEFORE_NAME or len(words) - cut >= 3)
    ):
        place = _place_prefix([clean(w) for w in words[cut:]])
        if place and _name_words(words[cut + place :]) >= 2:
            cut += place  # "... of Turkmenistan V.Hajiyev", "der Republik Österreich
            # Sebastian Kurz": the country ends the title
    if cut and len(words) - cut >= 3 and words[cut - 1].lower() in _NOT_BEFORE_NAME:
        cut += 1  # "High Commissioner for Refugees Filippo Grandi": the title's last word
    if cut and cut < len(words) and words[cut - 1].lower() in _NOT_BEFORE_NAME:
        return words, []  # "Representative on Freedom": part of a title, not a name
    return words[:cut], words[cut:]


# a personal name does not follow these ("on Freedom of the Media", "of Germany")
_NOT_BEFORE_NAME = frozenset(
    ["of", "on", "for", "to", "in", "at", "the", "from", "de", "du", "des"]
    + ["für", "zur", "zum", "pour", "auprès", "в", "по", "при"]  # "Forums für Sicherheit..."
)


def _strip_articles(words: list[str]) -> list[str]:
    while words and (words[0].lower() in _ARTICLES or words[0].lower() in _STOPWORDS):
        words = words[1:]
    return words


def _title_text(words: list[str]) -> str | None:
    words = _strip_articles(list(words))
    if words and len(words[0]) > 2 and words[0][:2].lower() in _ELISIONS:
        words[0] = words[0][2:]  # "L’ambassadeur" -> "ambassadeur"
    while words and words[-1].lower() in _CONNECTORS:
        words = words[:-1]
    text = " ".join(words).strip(" ,;:")
    return text or None


def _title_like(words: list[str]) -> bool:
    """Words that can make up a title: capitalised, title words, connectors."""
    return all(
        is_capitalised(w) or w.lower() in _CONNECTORS or is_title_word(w) or w.endswith("ly")
        for w in words
    )


def classify_phrase(words: list[str]) -> Mention | None:
    """What a short phrase names: a person (with title), a role noun, an organisation, ..."""
    words = [w for w in words if w]
    while len(words) > 1 and (
        clean(words[-1]).lower() in _TIME_WORDS
        or words[-1].startswith("(")
        and words[-1].rstrip(",;:.").endswith(")")
        and is_acronym(clean(words[-1]))
    ):
        # "Special Envoy Martin Sajdik Wednesday [welcomed]", "Alexander Schallenberg (ÖVP)":
        # a day or a party tag after the name is no name word
        words = words[:-1]
    if not words:
        return None
    if len(words) == 1 and words[0].lower() in _PRONOUNS:
        return Mention("pronoun", words[0].lower())
    if len(words) == 1 and words[0].lower() in _FIRST_PERSON:
        return Mention("narrator", words[0].lower())  # "I said": the writer, unnamed
    if words[0].lower() in _GROUP_PRONOUNS:
        return Mention("group", words[0])
    if (
        len(words) > 1
        and words[0] in _PARTICLES
        and all(is_name_word(w) for w in words[1:])
        and not _not_a_person(" ".join(clean(w) for w in words))
    ):
        return Mention("person", " ".join(clean(w) for w in words))  # "de Blasio said"
    if len(words) > 2 and is_place(" ".join(clean(w) for w in words)):
        return Mention("org", " ".join(clean(w) for w in words))  # "Bosnia and Herzegovina
        # said": a country, though its last word could be a name
    title, name = name_split(words)
    body = _strip_articles(list(title))
    if name and _not_a_person(" ".join(clean(w) for w in name)):
        return Mention("org", " ".join(clean(w) for w in _strip_articles(list(words))))
    if name:
        single_ok = _name_words(name) > 1 or (body and is_person_title(body[-1])) or not body
        if single_ok and _title_like(body):
            return Mention("person", _name_text(name), _title_text(title))
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


@lru_cache(maxsize=WORD_CACHE)
def is_place(name: str) -> bool:
    """A country, capital, US state or region of the gazetteer ("Sweden", "United
    Kingdom", "Nagorno-Karabakh"); a region's name as an adjective too ("the Western Balkan
    region")."""
    low = _loose(name)
    return low in _PLACES or (" " in low and low + "s" in _PLACES)


@lru_cache(maxsize=WORD_CACHE)
def _not_a_person(name: str) -> bool:
    """A country, capital or organisation of the gazetteer ("Georgia", "South Sudan", "La
    France", "le Quai d’Orsay")."""
    low = _loose(name)
    first, _, rest = name.partition(" ")
    if rest and first.lower() in _PLACE_ARTICLES and _not_a_person(rest):
        return True
    return (
        is_place(name)
        or low in _ORGANISATIONS
        or low in _loose_organisations()
        or (low in _PARTY_WORDS)
    )


@lru_cache(maxsize=1)
def _loose_organisations() -> frozenset[str]:
    """The gazetteer's organisations without elided articles ("quai orsay")."""
    return frozenset(_loose(name) for name in _ORGANISATIONS)


#: articles a French, German or English text puts before a country's name ("La France")
_PLACE_ARTICLES = frozenset(["la", "le", "les", "the", "die", "der", "das"])


def _loose(name: str) -> str:
    """Lower case without elided articles: "Côte d’Ivoire" and "Côte Ivoire" are one."""
    return " ".join(re.sub(r"^[dl][’']", "", w) for w in name.lower().split())


def gender_of(words: list[str]) -> str | None:
    """The gender an honorific or a gendered title shows: "Ms", "Frau", "Botschafterin"."""
    for word in words:
        low = clean(word).lower().rstrip(".")
        if low in _GENDER:
            return _GENDER[low]
    return None


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
        if low in _RELATIVE or low in _VERB_WORDS or low in _FR_PARTS or low in _ADVERBS:
            break
        if low in ("a", "ont") and len(words) > 1 and clean(words[1]).lower() in _FR_PARTS:
            break  # "Helga Maria Schmid, a déclaré": a verb, no appositive
        if number == 0:
            if not (low in ("a", "an", "the") or is_capitalised(first) or is_title_word(first)):
                break
        elif (
            not is_capitalised(first)
            or is_name_word(first)
            and len(words) > 1
            and (clean(words[1])[:1].islower() and clean(words[1]).lower() not in _CONNECTORS)
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


_OPENING_MARKS = '“"«„”»‘'
#: Russian adjective endings of the oblique cases ("Программного", "Национальной")
_RU_ADJECTIVE = ("ого", "его", "ому", "ему", "ой", "ей", "ых", "их", "ым", "им")


def _continues_run(run: list[Token], word: str, nxt: str) -> bool:
    """Whether a word extends a name-and-title phrase ("OSCE Secretary General Helga ...")."""
    low = word.lower()
    if not run:
        return (
            low in _ARTICLES
            or is_capitalised(word)
            or is_title_word(word)
            or (low.endswith("ly") and is_title_word(nxt))
        )
    if is_capitalised(word) or is_title_word(word):
        return True
    if low in ("and", "und", "et", "и"):
        # "Institutions and Human Rights" goes on; "Oliver and Battelli" are two people
        previous = run[-1].word
        return (
            is_org_word(previous) or is_title_word(previous) or is_place(previous)
        ) and is_capitalised(nxt)  # "Mission to Serbia and Montenegro" goes on too
    if low in _CONNECTORS or low in _PARTICLES:
        if clean(nxt).lower() in _TIME_WORDS:
            return False  # "sagte Osmani am Donnerstag": the name ends before the day
        return is_capitalised(nxt) or is_title_word(nxt) or nxt.lower() in _CONNECTORS
    return low.endswith("ly") and is_title_word(nxt)


def parse_forward(text: str, start: int, end: int) -> Mention | None:
    """The speaker phrase right after a verb: "OSCE Secretary General Helga Maria Schmid
    during ...", "Ambassador X, Permanent Representative ...", "the Minister", "he"."""
    toks = tokens(text, start, min(end, start + 600), limit=30)
    while toks and toks[0].word.lower() in _ADVERBS and not toks[0].stops:
        toks = toks[1:]  # "said today Nils Muižnieks"
    if not toks:
        return None
    first = toks[0].word.lower()
    if first in _PRONOUNS or first in _GROUP_PRONOUNS:
        return Mention("pronoun" if first in _PRONOUNS else "group", first, position=toks[0].start)
    run: list[Token] = []
    for index, tok in enumerate(toks):
        if tok.raw[:1] in _OPENING_MARKS:
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
            and word.lower() in ("of", "from", "in", "at")
        ):  # also "Anna Berg of the Helsinki Committee": a person, then her organisation
            head = classify_phrase(words[:cut])  # "Patricia Moran of Cheyenne"
            if head is not None and head.kind == "person":
                mention, run = head, run[:cut]
            break
    if mention is None and len(words) >= 2 and words[0].lower() in _NATIONALITY:
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
        and mention.name.lower().endswith(_RU_ADJECTIVE)
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
        and after.word not in _CONNECTORS | _CONJUNCTIONS | _RELATIVE
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
    if mention and mention.kind in ("role", "org") and comma_end is not None:
        after = parse_forward(text, comma_end, end)
        if after and after.kind == "person":
            # "says the Head of the Mission ..., Ambassador Maurizio Massari": with a rank too
            role = _title_text(words)
            after.title = f"{role}; {after.title}" if after.title and role else role or after.title
            return after
    if mention is None:
        return None
    mention.position = run[0].start
    if mention.kind == "person" and last.raw.rstrip('”"»').endswith(","):
        mention.appositive = appositive_after(text, last.end, end)
    return mention


def _described_then_named(text: str, toks: list[Token], end: int) -> Mention | None:
    """ "said one participant, Karl Ost from Khorog": a short lower-case description, a
    comma, then the person's name."""
    for index, tok in enumerate(toks[:5]):
        if not tok.word[:1].islower():
            return None
        if tok.raw.endswith(","):
            after = parse_forward(text, tok.end, end)
            if after is not None and after.kind == "person":
                after.title = after.title or _title_text([t.text for t in toks[: index + 1]])
                return after
            return None
    return None


def _role_then_name(toks: list[Token]) -> Mention | None:
    """ "said pollster Frank Luntz", "said one former GOP leadership aide": lower-case role
    words, then a name of two or more words (a person) or nothing more (a role)."""
    words: list[Token] = []
    for tok in toks[:10]:
        if tok.raw[:1] in _OPENING_MARKS or tok.word.lower() in _RELATIVE:
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
            cleaned = cleaned[:end]
            break
        at = end + 1
    mention = _role_and_name(cleaned)
    if mention is not None:
        mention.position = words[0].start
    return mention


def _role_and_name(cleaned: list[str]) -> Mention | None:
    """ "Trump attorney Alan Garten" -> Alan Garten (title "Trump attorney"); "the United
    Nations deputy humanitarian chief" -> that role; else None."""
    if not cleaned or len(cleaned) > 12:
        return None
    if any(w.lower() in _VERB_WORDS or w.lower() in _RELATIVE for w in cleaned):
        return None
    stop = len(cleaned)
    start = stop
    while start > 0 and (
        is_name_word(cleaned[start - 1])
        or cleaned[start - 1] in _PARTICLES
        and start < stop
        and is_name_word(cleaned[start])
    ):
        start -= 1
    while start < stop and cleaned[start].lower() in _PARTICLES:
        start += 1  # "... technique de Dortmund": "de" opens no name here
    name = cleaned[start:stop]
    prefix = cleaned[:start]
    if prefix and prefix[-1].lower() in _NOT_BEFORE_NAME | _PARTICLES:
        return None  # "at the University of Dortmund": a place, not a person
    if len(name) >= 2 and prefix and any(w[:1].islower() for w in prefix):
        if _not_a_person(" ".join(clean(w) for w in name)):
            return None
        return Mention("person", _name_text(name), _title_text(prefix))
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
            _pre_role(mention, segments[:-1])
        return mention
    return _walk_back(segments, offsets)


#: a name right after these is no subject ("a letter to Bernie Sanders said")
_PREPOSITIONS = frozenset(
    ["to", "for", "with", "by", "of", "from", "about", "against", "at", "on", "in", "into"]
    + ["über", "mit", "von", "für", "à", "pour", "avec", "par", "sur", "к", "с", "для"]
)


def _trailing_person(words: list[str], absolute: bool = False) -> Mention | None:
    """The person a clause ends with when the clause is more than the subject ("the debate
    grew so heated that New Jersey Gov. Chris Christie [said]"): a capitalised run, not
    after a preposition; before a participle (``absolute``) also after "with" ("with
    Senator John McCain telling reporters")."""
    start = len(words)
    while start > 0:
        word = clean(words[start - 1])
        if not (is_capitalised(word) or is_title_word(word) or word in _PARTICLES):
            break
        start -= 1
    if start == 0 or start == len(words):
        return None
    before = clean(words[start - 1]).lower()
    if before in _PREPOSITIONS and not (absolute and before == "with"):
        return None
    if len(words) - start == 1 and (before in _STATES_BEFORE or before.endswith("ing")):
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
        # "The Director of the Centre, Marcel Peško, and the Head of Mission Anna Berg"
        mention = _segment_mention(segments[-2].split())
        if mention is not None and mention.kind == "person":
            mention.position = clause_start
            return [mention]
    for index in range(len(segments) - 2, 0, -1):
        if not segments[index].lower().startswith(("and ", "und ", "et ", "и ")):
            continue
        mention = _segment_mention(segments[index - 1].split())
        if mention is not None and mention.kind == "person":
            mention.position = clause_start
            out.append(mention)
        break
    return out


_AND = frozenset(["and", "und", "et", "и"])


def _strip_verb_adverbs(words: list[str]) -> list[str]:
    while words and (
        words[-1].endswith("ly") and words[-1].islower() or words[-1].lower() in _TOGETHER
    ):
        words = words[:-1]  # "particularly highlighted", "strongly condemned"
    return words


def _person_pair(words: list[str]) -> tuple[Mention, Mention, int] | None:
    """Two people joined by "and" as one subject, without commas: "Michael Link and
    Urszula Gacek", "OSCE Representative ... Harlem Désir and Head of the OSCE Mission to
    Bosnia and Herzegovina (BiH) Bruce G. Berton": both, and the second one's word count.
    The first "and" whose two sides each name a person splits them; a place with "and" in
    its name ("Bosnia and Herzegovina") is no pair."""
    if len(words) < 3 or len(words) > 24 or _not_a_person(" ".join(clean(w) for w in words)):
        return None
    for index in range(1, len(words) - 1):
        if words[index].lower() not in _AND or not is_name_word(words[index - 1]):
            continue
        left = _segment_mention(words[:index])
        if left is None or left.kind != "person" or not is_capitalised(words[index + 1]):
            continue
        if _not_a_person(" ".join(clean(w) for w in words[index - 1 : index + 2])):
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
        is_capitalised(clean(words[start - 1])) or clean(words[start - 1]) in _PARTICLES
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
                named.appositive = _title_text(words)
                _pre_role(named, segments[: len(segments) - back - 1])
                return named
        apposition = ",".join(segments[len(segments) - back + 1 : -1])
        mention.appositive = appositive_after(apposition + ",", 0, len(apposition) + 1)
        _pre_role(mention, segments[: len(segments) - back])
        return mention
    return fallback


def _segment_mention(words: list[str]) -> Mention | None:
    """A comma segment that names someone: "Italian parliamentarian Tana de Zulueta",
    "Aaron Rhodes of the International Helsinki Federation", "the Chairman-in-Office"."""
    cleaned = [display(w) for w in words]
    if not cleaned or len(cleaned) > 16:
        return None
    low = [w.lower() for w in cleaned]
    if len(cleaned) == 1 and low[0] in _PRONOUNS:
        return Mention("pronoun", low[0])
    if len(cleaned) == 1 and low[0] in _FIRST_PERSON:
        return Mention("narrator", low[0])
    if low[0] in _RELATIVE:
        return None
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
        or w.lower() in _CONNECTORS
        or w.lower() in _PARTICLES
        or w.lower() in _ARTICLES
        or is_title_word(w)
        or w.endswith("ly")
        for w in cleaned
    ):
        found = _role_and_name(cleaned)
        if found is None and len(cleaned) <= 5 and low[0] in _ARTICLES:
            found = classify_phrase(cleaned)  # "the report", "the committee", "the ministers"
        return found
    return classify_phrase(cleaned)


def _pre_role(mention: Mention, before: list[str]) -> None:
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
            if all(is_capitalised(w) or w.lower() in _CONNECTORS for w in tail[1:]):
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
        is_capitalised(w) or w.lower() in _CONNECTORS or w.lower() in _ARTICLES or is_title_word(w)
        for w in words
    ):
        return
    pre = _title_text(words)
    if pre:
        mention.title = f"{pre}, {mention.title}" if mention.title else pre


# --- the people of an article ---------------------------------------------------------------


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
        old, new = full.split(), name.split()
        if (
            not new
            or len(new) > len(old)
            or not _declinable(new[-1])
            or old[-len(new) :] == new
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
        wanted = [
            w for w in _norm_role(noun).split() if w not in _CONNECTORS and w not in _ARTICLES
        ]
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
    """ "Fink" ends "Anya Fink"; Cyrillic endings may be declined ("Шмид", "Гремингера")."""
    if not short or len(short) > len(full):
        return False
    for a, b in zip(reversed(short), reversed(full), strict=False):
        a, b = a.lower(), b.lower()
        if a == b:
            continue
        if a[:1].isalpha() and "а" <= a[:1] <= "я" and len(a) > 4 and len(b) > 4:
            stem = min(len(a), len(b)) - 2
            if a[:stem] == b[:stem]:
                continue
        return False
    return True


_RUN_OPENERS = _OTHER_TITLES | {"parliamentarian"}  # title words that may open a name run


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
                and low in _PARTICLES
                and is_name_word(nxt)
                or run
                and low in _CONNECTORS
                and low != "and"
                and (is_capitalised(nxt) or nxt.lower() in _CONNECTORS)
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
                words[stop] in _PARTICLES
                and stop + 1 < len(words)
                and is_name_word(words[stop + 1])
                and (words[stop] not in _ARTICLE_PARTICLES or words[stop - 1] in _PARTICLES)
            )
        ):
            stop += 1
        name = [clean(w) for w in words[start:stop]]
        title_words = words[max(0, start - 16) : start]  # a title is never longer
        if title_words and title_words[-1].lower() in _NOT_BEFORE_NAME:
            # "Commissioner for Refugees Filippo Grandi": the name may start one word later,
            # or after a country ("Minister of Foreign Affairs of North Macedonia Bujar Osmani")
            place = _place_prefix(name)
            start = start + (place or 1) if stop - start - place >= 2 else stop
            continue
        # title: the title-like words right before the name (after the last organisation part)
        k = len(title_words)
        while k > 0 and (
            is_title_word(title_words[k - 1])
            or title_words[k - 1].lower() in _CONNECTORS
            or is_capitalised(title_words[k - 1])
        ):
            k -= 1
        title_words = title_words[k:]
        has_person_title = any(is_person_title(w) for w in title_words)
        place = _place_prefix(name) if len(name) >= 3 else 0
        if place and _name_words(name[place:]) >= 2:
            # "der Republik Österreich Sebastian Kurz": the country ends the title
            start += place
            continue
        if _not_a_person(" ".join(name)):
            start = stop
            continue
        if (
            len(name) == 1
            and stop == len(words)
            and name[0].lower().endswith(_RU_ADJECTIVE)
            and not run[-1].stops
        ):
            start = stop  # "руководитель Программного офиса": an adjective, no surname
            continue
        if _name_words(name) >= 2 or has_person_title:
            last = run[stop - 1]
            end = _sentence_end(paragraph, last.end)
            appositive = None
            if stop == len(words) and last.raw.rstrip('”"»').endswith(","):
                appositive = appositive_after(paragraph, last.end, end)
            mention = Mention(
                "person", _name_text(words[start:stop]), _title_text(title_words), appositive
            )
            clause = _clause_before(paragraph, run[0].start)
            _pre_role(mention, clause.split(",")[:-1] if clause.rstrip().endswith(",") else [])
            book.add(
                mention.name, mention.role, (number, run[start].start), gender_of(title_words[-3:])
            )
        start = stop


#: particles that are also German articles: part of a name only after another particle
#: ("von der Leyen", "van den Berg"), not in "in erster Linie den Stillstand", "im Osten
#: der Ukraine"
_ARTICLE_PARTICLES = frozenset(["den", "der", "das", "des", "dem", "die"])


def _place_prefix(name: list[str]) -> int:
    """How many first words of a capitalised run name a place ("North Macedonia")."""
    for size in range(min(len(name) - 1, 4), 0, -1):
        if is_place(" ".join(name[:size])):
            return size
    return 0


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
        if before and _is_abbreviation(before[-1]):
            continue
        return at
    return limit


# --- speech verbs ---------------------------------------------------------------------------

_FR_PERFECT = re.compile(
    r"\b(?:a|ont)\s+(" + "|".join(sorted(_FR_PARTS, key=len, reverse=True)) + r")\b"
)
_FR_INVERTED = re.compile(
    r"\ba-t-(il|elle)\s+(" + "|".join(sorted(_FR_PARTS, key=len, reverse=True)) + r")\b"
)


@dataclass
class Verb:
    start: int
    end: int
    word: str
    pronoun: str | None = None  # "a-t-elle ajouté", "fügte er hinzu"
    nominal: bool = False  # "remarks by X": the speakers follow "by"
    gerund: bool = False  # "..., underlining that": the sentence's subject speaks


#: every word a branch of speech_verbs starts from: the other words are passed over at once
#: German and Russian speech verbs put a pronoun subject right after them ("sagte er",
#: "In einer Pressekonferenz warnte er", "сказал он"); English "said she would" does not
_INVERTED_PRONOUN_VERBS = words("speech_verbs", ("de", "ru")) - {"fügte"}
_INVERTED_PRONOUNS = frozenset(["er", "sie", "он", "она"])

#: German participles of speech in the passive ("wurde von X kritisiert")
_DE_PARTICIPLES = frozenset(
    ["kritisiert", "begrüßt", "gelobt", "gefordert", "verurteilt", "gewürdigt", "betont"]
)


def found_de_passive(lows: list[str], index: int) -> bool:
    """ "wurde ... von <Name> ... kritisiert": a passive with its agent, within ten words."""
    window = lows[max(0, index - 10) : index]
    return any(w in ("wurde", "wurden", "worden") for w in window) and "von" in window


#: "the statement quoted Knut Vollebaek as saying": the person between these and "as saying"
_QUOTING = frozenset(["quoted", "quotes", "quoting", "cited", "cites", "citing"])

_VERB_TRIGGERS = (
    _FR_SPEECH_NOUNS
    | _DE_PARTICIPLES
    | _QUOTING
    | _VERB_WORDS
    | _GERUNDS
    | set(_NEEDS_NEXT)
    | _NAMING_VERBS
    | _SPEECH_NOUNS
    | _DELIVER_VERBS
    | {"according", "so", "selon", "по", "fügte"}
)


def speech_verbs(
    text: str, start: int = 0, end: int | None = None, toks: list[Token] | None = None
) -> list[Verb]:
    """Every finite speech verb in text[start:end], in order (``toks``: those of the whole
    text, when the caller has them)."""
    end = len(text) if end is None else end
    found: list[Verb] = []
    if toks is None or start != 0 or end != len(text):
        toks = tokens(text, start, end)
    lows = [tok.word.lower() for tok in toks]
    last = len(toks) - 1
    for index in [at for at, low in enumerate(lows) if low in _VERB_TRIGGERS]:
        tok, low = toks[index], lows[index]
        prev = lows[index - 1] if index else ""
        nxt = lows[index + 1] if index < last else ""
        if low in _DE_PARTICIPLES and not found_de_passive(lows, index):
            continue
        if low in _DE_PARTICIPLES:
            # "Dieser Schritt wurde von Außenminister X scharf kritisiert": the speaker
            # follows "von"
            von = max(at for at in range(max(0, index - 10), index) if lows[at] == "von")
            found.append(Verb(toks[von].start, toks[von].end, low, nominal=True))
            continue
        if low in _QUOTING and any(
            lows[at] == "as" and lows[at + 1] == "saying"
            for at in range(index + 2, min(last, index + 10))
        ):
            found.append(Verb(tok.start, tok.end, low, nominal=True))
            continue
        if (
            nxt == "by"
            and not tok.stops
            and (low in _VERB_WORDS or low == "delivered")
            and (prev == "as" or not index and low == "delivered" and tok.raw[:1].isupper())
        ):
            # "as mentioned by the High Commissioner", "Delivered by Ambassador X at the
            # Permanent Council" (a statement's byline): the speakers follow "by"
            found.append(Verb(tok.start, toks[index + 1].end, low, nominal=True))
            continue
        if low in _VERB_WORDS and prev in _PASSIVE and nxt == "by" and not tok.stops:
            # "The participants were welcomed by Karl Ost": the speakers follow "by"
            found.append(Verb(tok.start, toks[index + 1].end, low, nominal=True))
            continue
        if low in _INVERTED_PRONOUN_VERBS and nxt in _INVERTED_PRONOUNS and not tok.stops:
            # "In einer Pressekonferenz warnte er", "сказал он": the subject follows the verb
            found.append(Verb(tok.start, tok.end, low, pronoun=nxt))
            continue
        if low in _VERB_WORDS and prev in ("and", "or") and _in_infinitive_list(lows, index):
            continue  # "the right to learn, know, speak and write one's own language"
        if low in _VERB_WORDS:
            after_quote = index and toks[index - 1].raw.endswith(_QUOTE_ENDS)
            if prev in _NOT_FINITE or (
                low in _NEEDS_NEXT
                and nxt not in _NEEDS_NEXT[low]
                and not tok.stops
                and not after_quote
                and not (index > 1 and toks[index - 2].raw.endswith(_QUOTE_ENDS))
            ):
                continue  # "asked the participants" speaks; "“…,” Trump asked." too
            if low in ("thanks", "states", "notes", "reports", "remarks") and prev in _ARTICLES:
                continue  # nouns
            if low == "states" and prev in _STATES_BEFORE:
                continue  # "participating States", "Member States"
            found.append(Verb(tok.start, tok.end, low))
        elif low in _GERUNDS and index:
            found.append(Verb(tok.start, tok.end, low, gerund=True))
        elif low in _NEEDS_NEXT and nxt in _NEEDS_NEXT[low] and prev not in _NOT_FINITE:
            found.append(Verb(tok.start, tok.end, low))
        elif (
            low in _NAMING_VERBS
            and prev not in _NOT_FINITE
            and index + 1 < len(toks)
            and toks[index + 1].raw[:1] not in _OPENING_MARKS
            and not tok.stops
            and any(t.raw[:1] in _OPENING_MARKS for t in toks[index + 2 : index + 6])
        ):
            # "called Trump “the orange prince”", "calling him a “train wreck”": the words
            # in marks are the subject's (a naming without object, "a group called “X”", is not)
            found.append(Verb(tok.start, tok.end, low, gerund=low.endswith("ing")))
        elif low in _FR_SPEECH_NOUNS and nxt in ("du", "de", "d’", "d'") and index:
            # "les félicitations du Premier ministre ukrainien, Denys Chmyhal"
            found.append(Verb(tok.start, toks[index + 1].end, low, nominal=True))
        elif low in _SPEECH_NOUNS and (
            nxt == "by"
            or nxt == "from"
            and low in _FROM_NOUNS
            and any(w in _HEARD for w in lows[max(0, index - 4) : index])
        ):
            found.append(Verb(tok.start, toks[index + 1].end, low, nominal=True))
        elif (
            low in _SPEECH_NOUNS
            and nxt in ("made", "given", "delivered")
            and index + 2 <= last
            and lows[index + 2] == "by"
        ):
            # "the statements made by Presidents Vladimir Putin and Joe Biden": the speakers
            found.append(Verb(tok.start, toks[index + 2].end, low, nominal=True))
        elif (
            low == "delivered"
            and nxt == "by"
            and prev in ("was", "were")
            and any(w in _SPEECH_NOUNS for w in lows[max(0, index - 4) : index])
        ):
            # "Opening remarks were delivered by X": passive, the speakers follow "by"
            found.append(Verb(tok.start, toks[index + 1].end, low, nominal=True))
        elif low in _DELIVER_VERBS and prev not in _NOT_FINITE:
            ahead = [t.word.lower() for t in toks[index + 1 : index + 5]]
            if any(w in _SPEECH_NOUNS for w in ahead):
                found.append(Verb(tok.start, tok.end, low))
        elif low == "according" and nxt == "to":
            found.append(Verb(tok.start, toks[index + 1].end, "according to"))
        elif (
            low in ("so", "selon")
            and index
            and toks[index - 1].raw.endswith(("“,", "”,", "«,", "»,", '",'))
        ):
            found.append(Verb(tok.start, tok.end, low))
        elif low in ("по",) and nxt == "словам":
            found.append(Verb(tok.start, toks[index + 1].end, "по словам"))
        elif low == "fügte" and nxt in ("er", "sie"):
            found.append(Verb(tok.start, toks[index + 1].end, low, pronoun=nxt))
    compound: list[Verb] = [
        Verb(m.start(), m.end(), m[1]) for m in _FR_PERFECT.finditer(text, start, end)
    ] + [
        Verb(m.start(), m.end(), m[2], pronoun=m[1])
        for m in _FR_INVERTED.finditer(text, start, end)
    ]
    if compound:  # "a déclaré" replaces its participle found alone
        covered = [(v.start, v.end) for v in compound]
        found = [v for v in found if not any(a <= v.start < b for a, b in covered)] + compound
    found.sort(key=lambda v: v.start)
    return found


_IRREGULAR_PAST = frozenset(["said", "told", "wrote", "spoke", "gave", "sang", "swore"])


def _in_infinitive_list(lows: list[str], index: int) -> bool:
    """A verb that ends a list of infinitives ("to learn, know, speak and write"): no
    finite speech verb. Only base forms (not "said", not "-ed")."""
    low = lows[index]
    if low.endswith("ed") or low in _IRREGULAR_PAST:
        return False
    for back in range(index - 2, max(-1, index - 8), -1):
        word = lows[back]
        if word == "to":
            return True
        if not word.isalpha() or not word.islower():
            return False
    return False


def _appositive_between(between: str) -> bool:
    """ ", Head of the OSCE Mission to Moldova," between two names of a list: a descriptor
    (no verb, no relative clause, short), so the list goes on after it."""
    words = between.strip(" ,;").split()
    if not between.lstrip().startswith(",") or len(words) > 16:
        return False
    return not any(clean(w).lower() in _RELATIVE or clean(w).lower() in _VERB_WORDS for w in words)


def nominal_speakers(text: str, verb: Verb, end: int) -> list[Mention]:
    """ "reports by Oliver and OSCE PA Treasurer Roberto Battelli, who ...": each name."""
    out: list[Mention] = []
    position = verb.end
    for _ in range(4):
        mention = parse_forward(text, position, end)
        if (
            mention is not None
            and mention.kind == "role"
            and not out
            and text[position:end].lstrip().lower().startswith("the ")
            and not mention.name.endswith("s")
        ):
            return [mention]  # "the address delivered by the OSCE Chairperson-in-Office"
        if mention is None or mention.kind != "person":
            break
        out.append(mention)
        rest = text[mention.position : end]
        match = re.search(r"\s(?:and|und|et|и)\s", rest[:300])
        name_end = mention.position + rest.find(mention.name) + len(mention.name)
        if not match or mention.position + match.start() < name_end - 1:
            break
        between = text[name_end : mention.position + match.start()]
        if between.strip(" ,;") and not _appositive_between(between):
            break  # something else stands between the name and "and"
        position = mention.position + match.end()
        if text[position : position + 3] == "by ":
            position += 3  # "by X, ..., and by Y"
    return out
