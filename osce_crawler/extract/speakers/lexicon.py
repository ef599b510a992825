"""The words a speaker is told by: predicates over single words and names (title, name
word, place, organisation, gender), built on the word lists of words/<language>.json and
the gazetteer.

The words live in data files, one per language (osce_crawler/extract/words/*.json, each
saying where its words came from); the rules read the union of the four languages.
"""

from __future__ import annotations

import re
from functools import lru_cache

from osce_crawler.extract.dates import ENGLISH_MONTH_NAMES
from osce_crawler.extract.wordlists import gazetteer, words

# finite speech verbs: direct quotes and indirect speech ("X explained how ...")
VERB_WORDS = words("speech_verbs")

FR_PARTS = words("speech_participles")

RELATIVE = words("relative_words")

ARTICLES = words("articles")

CONNECTORS = words("connectors")

PARTICLES = words("name_particles")

# words of titles and ranks (lower case); a capitalised run ending in a name splits here
_PERSON_TITLES = words("person_titles")

# other words of titles, and capitalised nouns of role names ("Medienfreiheit")
OTHER_TITLES = words("other_titles") | words("role_words")

# stems inside compounds: "OSZE-Generalsekretärin", "Missionsleiter", "Botschafterin"
_TITLE_STEMS = tuple(sorted(words("title_stems")))

NATIONALITY = words("nationalities")

# party names and tags: "Rep", "Republican" are no personal names
_PARTY_WORDS = words("party_words")

# endings of German nouns, capitalised like names: "Medienfreiheit", "Gemeinschaft"
_NOUN_SUFFIXES = tuple(sorted(words("noun_suffixes")))

# organisation and document words: a run holding one of these is not a personal name
_ORG_WORDS = words("org_words")

STOPWORDS = words("stopwords") | {m.lower() for m in ENGLISH_MONTH_NAMES}

#: "Interlocutors expressed", "Discussions emphasized": plural nouns, no personal names
_GROUP_NOUNS = words("group_nouns")

_SENTENCE_ABBREVIATIONS = words("sentence_abbreviations")

STATES_BEFORE = frozenset(["participating", "member", "united", "all", "other", "these", "those"])

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

#: stems of the words of the gazetteer's Russian places of two words or more ("северная
#: македония" -> "северн", "македони"), so that "глава МИД Северной Македонии Буяр Османи"
#: names no "Северной Македонии" in the name; short stems ("нов") are left out
_RU_PLACE_STEMS |= frozenset(
    stem
    for place in _PLACES
    if " " in place and "а" <= place[:1] <= "я"
    for word in place.split()
    for stem in (word[:-2] if word[-2:] in ("ая", "ий", "ый", "ое", "ой") else word[:-1],)
    if len(stem) >= 5 and word[-1:] in "аяьйеоы"
)


def _oblique_place(low: str) -> bool:
    """A Russian place of the gazetteer in an oblique case ("сербии", "казахстана")."""
    return low not in _PLACES and any(
        low[-size:] in _RU_CASE_ENDINGS and low[:-size] in _RU_PLACE_STEMS for size in (1, 2)
    )


#: the gender a pronoun or an honorific shows ("she", "Ms", "Frau", "Mme", "госпожа")
_GENDER = {w: "f" for w in words("female_words")} | {w: "m" for w in words("male_words")}

_ORGANISATIONS = gazetteer("organisations")

_EDGE = "“”\"«»„‚‘’'()[]{},.;:!?–—-…*"

#: entries of each per-word cache: the words a page repeats stay cached, a site's long tail
#: does not (eleven caches of 65,536 words grew each extraction process by about 25 MB over
#: a 50,000-article crawl; a word's verdict costs microseconds to redo)
WORD_CACHE = 8192


@lru_cache(maxsize=WORD_CACHE)
def clean(token: str) -> str:
    """A token without surrounding punctuation, an elided article or a possessive ending."""
    word = token.strip(_EDGE)
    if len(word) > 2 and word[:2].lower() in ELISIONS:
        word = word[2:]  # "l’OSCE", "d’Autriche"
    elif len(word) > 3 and word[:2] == "M." and word[2].isupper() and word[3].islower():
        word = word[2:]  # "a signalé M.Borodavkine": the honorific glued to the name
    for ending in ("’s", "'s"):
        if word.endswith(ending) and len(word) > 3:
            word = word[: -len(ending)]
    return word


ELISIONS = frozenset(["l’", "l'", "d’", "d'"])

#: French elided function words before a lower-case word (C’est, Qu’il, S’il, N’a, J’ai)
_FR_ELIDED = re.compile(r"^(?:[CcJjMmNnSsTt]|[Qq]u)['’][a-zà-ÿ]")

_FUSED_INITIAL = re.compile(r"^[A-ZА-ЯЁ]\.[A-ZА-ЯЁ][a-zа-яё]")


def name_words(name: list[str]) -> int:
    """How many words a name has, an initial fused to the surname counted ("V.Hajiyev",
    "И.Дачич": two, as "V. Hajiyev")."""
    return len(name) + sum(1 for word in name if _FUSED_INITIAL.match(clean(word)))


def name_text(words: list[str]) -> str:
    """A name's words as written, a middle initial with its period ("Jill A. Martin"), a
    first name broken at its hyphen too ("Anne- Kirsti Karlsen", seventh round)."""
    return " ".join(
        clean(w) + "."
        if len(clean(w)) == 1 and w.rstrip(",;:").endswith(".")
        else clean(w) + "-"
        if w.endswith("-") and at < len(words) - 1 and len(clean(w)) > 1
        else clean(w)
        for at, w in enumerate(words)
    )


@lru_cache(maxsize=WORD_CACHE)
def display(raw: str) -> str:
    """A word as written, without quote marks or the punctuation that ends a phrase."""
    if is_abbreviation(raw):
        return raw.rstrip(",;:")
    return raw.strip('“”"«»„‚‘').rstrip(",;:!?").rstrip('”"»’').rstrip(".")


@lru_cache(maxsize=WORD_CACHE)
def is_capitalised(word: str) -> bool:
    """First letter upper case (handles "(HCNM)", "D.C.")."""
    first = next((c for c in word if c.isalpha()), "")
    return first.isupper()


#: letters written after a member's name ("T.D.", "MEP"): no part of the name
_POST_NOMINALS = words("post_nominals")


def is_post_nominal(word: str) -> bool:
    return word.strip(",;:()").lower() in _POST_NOMINALS


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
    if low in _PERSON_TITLES or low in OTHER_TITLES or is_acronym(word):
        return True
    if low.endswith("s") and (low[:-1] in _PERSON_TITLES):
        return True  # "Vice-Presidents"
    if any(stem in low for stem in _TITLE_STEMS):
        return True
    return low in NATIONALITY


@lru_cache(maxsize=WORD_CACHE)
def is_person_title(word: str) -> bool:
    """A title that stands right before a personal name ("Minister Kanerva")."""
    low = clean(word).lower()
    return (
        low in _PERSON_TITLES
        or (
            low.endswith("s")
            and low[:-1] in _PERSON_TITLES
            and low[:-1] not in _SENTENCE_ABBREVIATIONS  # "press" is no plural of "Pres."
        )
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
    if low in STOPWORDS or low in _PARTY_WORDS or is_org_word(word) or is_title_word(word):
        return False
    if _FR_ELIDED.match(word):
        return False  # "C’est ce qu’a déclaré ...", "Qu’il": an elided pronoun, no name
    if low in _GROUP_NOUNS:
        return False
    if "а" <= low[:1] <= "я" and _oblique_place(low):
        return False  # "Сербии Ивица Дачич": the country's genitive, no first name
    if len(low) > 5 and low[-1] == "s" and low[:-1] in _PLACES:
        return False  # "Russlands Aggression": a German genitive of a place (tenth round)
    if len(low) > 7 and low.endswith(_NOUN_SUFFIXES):
        return False  # a German noun ("Zusammenarbeit", "Demokratisierung"), no name
    return not any(c.isdigit() for c in word)


def is_abbreviation(raw: str) -> bool:
    word = raw.rstrip(",;:").rstrip(".").lower()
    if raw.rstrip(",;:").endswith("."):
        if word in _SENTENCE_ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            return True
        if "." in word and all(len(p) <= 2 for p in word.split(".")):
            return True  # U.S., D.C.
    return False


@lru_cache(maxsize=WORD_CACHE)
def is_place(name: str) -> bool:
    """A country, capital, US state or region of the gazetteer ("Sweden", "United
    Kingdom", "Nagorno-Karabakh"); a region's name as an adjective too ("the Western Balkan
    region")."""
    low = _loose(name)
    return low in _PLACES or (" " in low and low + "s" in _PLACES)


@lru_cache(maxsize=WORD_CACHE)
def not_a_person(name: str) -> bool:
    """A country, capital or organisation of the gazetteer ("Georgia", "South Sudan", "La
    France", "le Quai d’Orsay")."""
    low = _loose(name)
    first, _, rest = name.partition(" ")
    if rest and first.lower() in _PLACE_ARTICLES and not_a_person(rest):
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


OPENING_MARKS = '“"«„”»‘'

#: Russian adjective endings of the oblique cases ("Программного", "Национальной")
RU_ADJECTIVE = ("ого", "его", "ому", "ему", "ой", "ей", "ых", "их", "ым", "им")


def place_prefix(name: list[str]) -> int:
    """How many first words of a capitalised run name a place ("North Macedonia")."""
    for size in range(min(len(name) - 1, 4), 0, -1):
        if is_place(" ".join(name[:size])):
            return size
    return 0
