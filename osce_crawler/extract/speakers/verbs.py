"""Speech verbs ("said", "erklärte", "заявил", "a déclaré") and the speakers a nominal
construction names ("remarks by X", "according to X")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from osce_crawler.extract.speakers.lexicon import (
    ARTICLES,
    FR_PARTS,
    OPENING_MARKS,
    RELATIVE,
    STATES_BEFORE,
    STOPWORDS,
    VERB_WORDS,
    clean,
)
from osce_crawler.extract.speakers.mentions import (
    Mention,
    Token,
    classify_phrase,
    parse_forward,
    tokens,
)
from osce_crawler.extract.wordlists import words

# verbs that speak only with a particle or object: "called for", "pointed out", "addressed the"
_NEEDS_NEXT = {
    "called": {"for", "on", "upon", "it", "them", "this", "that", "him", "her"},
    "calls": {"for", "on", "upon", "it", "them", "this", "that"},
    "pointed": {"out"},
    "drew": {"attention"},  # "also drew attention to the challenge"
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
    # "Two invited experts, A and B, shared perspectives on …" (eighth round)
    "shared": {"perspectives", "views", "insights", "thoughts", "their", "his", "her"},
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

#: "according to X" in German and French, the source named after the preposition (issue 13,
#: eighth session: "Laut X", "Nach Angaben von X", "Selon X", "D'après X"), as the English
#: "according to" is; German "X zufolge" names it before (a speech verb, de.json)
SOURCE_PREPOSITIONS = ("laut", "nach angaben", "selon", "d'après")

# verbs after which the speaker may follow ("said the Minister"); the others take an object
INVERTING = words("inverting_verbs") | {"according to", "по словам"} | set(SOURCE_PREPOSITIONS)

_QUOTE_ENDS = ("”,", '",', "»,", "“,", "”", '"', "»", "?”", "!”")

#: "avait déjà indiqué", "avait quant à lui salué", "a par ailleurs appelé": an adverb may
#: stand between the auxiliary and the participle, and the pluperfect speaks as the
#: perfect does (eighth round)
_FR_AUX_ADVERBS = "|".join(
    re.escape(w) for w in sorted(words("auxiliary_adverbs", ("fr",)), key=len, reverse=True)
)
_FR_PERFECT = re.compile(
    r"\b(?:a|ont|avait|avaient)\s+(?:(?:"
    + _FR_AUX_ADVERBS
    + r"),?\s+)?("
    + "|".join(sorted(FR_PARTS, key=len, reverse=True))
    + r")\b"
)

#: a statement made or published ("ont publié ce jour la déclaration suivante", "a fait
#: une déclaration", "выступили с совместным заявлением", "распространили заявление"):
#: its subject speaks (eighth round)
_STATEMENT_MADE = re.compile(
    r"\b(?:(?:a|ont|avait|avaient)\s+(?:publié|fait|diffusé)|vien(?:nen)?t\s+de\s+publier)"
    r"(?:\s+ce\s+jour|\s+aujourd[’']hui)?\s+(?:la|une|leur|sa|un|le|son)\s+"
    r"(?:déclaration|communiqué)\b"
    r"|\bвыступил[аи]?\s+с\s+(?:\w+\s+)?заявлением\b"
    r"|\bраспространил[аи]?\s+(?:\w+\s+)?заявление\b"
    # "дала высокую оценку сотрудничеству": gave an appraisal, praised
    r"|\bдал[аи]?\s+(?:\w+\s+)?оценку\b",
    re.I,
)

#: "se sont déclarées préoccupées", "s’est dit inquiet", "s’est félicité": reflexive
#: compounds of speech (the subject before them speaks)
_FR_REFLEXIVE = re.compile(
    r"\b(?:se\s+sont|s[’']est)\s+(déclaré|dit|félicité|réjoui|inquiété|prononcé)(?:e?s?)\b"
)

#: the words every match of _STATEMENT_MADE holds (in lower case)
_STATEMENT_WORDS = ("déclaration", "communiqué", "заявлени", "оценку")

_FR_INVERTED = re.compile(
    r"\ba-t-(il|elle)\s+(" + "|".join(sorted(FR_PARTS, key=len, reverse=True)) + r")\b"
)


#: "In his words, during the visit “…”": the person the pronoun stands for speaks, as
#: "По его словам" (eighth round)
_IN_WORDS = re.compile(r"\b[Ii]n\s+(his|her)\s+(?:own\s+)?words\b")


@dataclass
class Verb:
    start: int
    end: int
    word: str
    pronoun: str | None = None  # "a-t-elle ajouté", "fügte er hinzu"
    nominal: bool = False  # "remarks by X": the speakers follow "by"
    gerund: bool = False  # "..., underlining that": the sentence's subject speaks
    # "Sergey Lavrov’s statement", "welcome Ambassador X ... thank you for your report": X
    # spoke; that lists X as a speaker, but gives no quote of the sentence to X
    lists_only: bool = False


#: every word a branch of speech_verbs starts from: the other words are passed over at once
#: German and Russian speech verbs put a pronoun subject right after them ("sagte er",
#: "In einer Pressekonferenz warnte er", "сказал он"); English "said she would" does not
_INVERTED_PRONOUN_VERBS = words("speech_verbs", ("de", "ru")) - {"fügte"}

_INVERTED_PRONOUNS = frozenset(["er", "sie", "он", "она"])

#: German participles of speech in the passive ("wurde von X kritisiert")
_DE_PARTICIPLES = frozenset(
    ["kritisiert", "begrüßt", "gelobt", "gefordert", "verurteilt", "gewürdigt", "betont"]
    + ["angeprangert"]
)

#: the auxiliary of the German active perfect, before its participle ("X hat ... kritisiert")
_DE_HAS = frozenset(["hat", "hatte", "haben", "hatten"])


_DE_PERFECT = frozenset(["hatte", "hat", "habe", "hatten", "haben"])


def found_de_passive(lows: list[str], index: int) -> bool:
    """ "wurde ... von <Name> ... kritisiert": a passive with its agent, within ten words."""
    window = lows[max(0, index - 10) : index]
    return any(w in ("wurde", "wurden", "worden") for w in window) and "von" in window


#: "“…,” the message reads": a document's wording, said only of a document
_READS = frozenset(["reads", "read"])

_DOCUMENTS = words("document_words")

#: "Sergey Lavrov’s statement", "the Minister’s remarks": speech a possessor made
_POSSESSED = frozenset(["statement", "statements", "remarks", "speech", "address", "comments"])

_WELCOME = frozenset(["welcome", "welcomes", "welcoming"])

#: "thank him for his very comprehensive report", "Thank you for reporting on": the
#: person welcomed is the one thanked (not "thanked the police for the report")
_THANKED_FOR_REPORT = re.compile(
    r"\b[Tt]hank(?:s|ed|ing)?\s+(?:you|him|her)\b[^.]{0,80}?\bfor\b[^.]{0,60}?"
    r"\b(?:report|reports|reporting|presentation|briefing|address|statement|remarks)\b"
    # "Since you addressed the Permanent Council", "As you rightly pointed out": the person
    # welcomed spoke (seventh round)
    r"|\byou\s+(?:(?:last|rightly|also|have|had|just)\s+){0,2}(?:addressed|spoke|pointed "
    r"out|recalled|stressed|underlined|outlined|told|said|presented)\b"
)

#: "We thank His Excellency Mr. Osmani for outlining the priorities", "I thank Ambassador
#: von Arx and Dr. Wolters for their reports": the people thanked for what they said spoke
#: (listed only: the sentence's quotes stay the subject's). Not "thank you/him/the police".
_THANKED_NAMED = re.compile(
    r"\b[Tt]hank(?:s|ed|ing)?\s+"
    r"(?!(?:you|him|her|them|us|all|everyone|everybody|the|our|my|his|its|their|this|that)\b)"
    r"([A-Z](?:[^.;:!?“”\"«»]|(?:(?<=\bM[rs])|(?<=\bMrs)|(?<=\bDr)|(?<=\bAmb)|(?<=\bProf)|(?<=\b[A-Z]))\.){1,110}?)"
    r"\s+for\s+(?:(?:his|her|their|your|its|the)\s+)?"
    r"(?:[\w-]+\s+){0,3}?(?:report|reports|reporting|presentation|presentations|presenting|"
    r"briefing|briefings|address|remarks|statement|exposition|outlining|overview|words|"
    r"comments|insights|introduction)\b"
)
#: "thank you, Ambassador Del Monaco, for your thorough briefing": the person addressed
#: between commas gave the report (seventh round)
_THANKED_VOCATIVE = re.compile(
    r"\b[Tt]hank you,\s+([A-Z][^,.;:!?“”\"«»]{1,60}?),\s+for\s+"
    r"(?:(?:his|her|their|your|its|the|this)\s+)?(?:[\w-]+\s+){0,3}?"
    r"(?:report|reports|reporting|presentation|briefing|address|remarks|statement|overview)\b"
)
#: "My delegation thanks the Head of Mission, Ambassador X, for his report": the person a
#: role introduces between commas gave the report (tenth round)
_THANKED_ROLE_NAMED = re.compile(
    r"\b[Tt]hank(?:s|ed|ing)?\s+the\s+[A-Z][^,.;:!?“”\"«»]{1,80}?,\s+"
    r"([A-Z][^,.;:!?“”\"«»]{1,60}?),\s+for\s+(?:(?:his|her|their|your|its|the)\s+)?"
    r"(?:[\w-]+\s+){0,3}?(?:report|reports|reporting|presentation|briefing|address|remarks|"
    r"statement|overview)\b"
)
#: "keynote speakers A, role, B, role, and C, role, focused on …", "Speakers included A and
#: B": the people a sentence introduces as its speakers gave remarks (ninth round)
_SPEAKERS_LIST = re.compile(
    r"\b(?:[Kk]ey-?note\s+speakers?|[Ss]peakers\s+(?:included|were))\s+(?:were\s+|included\s+)?"
    r"([A-Z][^.;:!?“”\"«»]{1,300})"
)
#: "Intervention de Mme X, ambassadrice, …", "Déclaration de M. X": a French statement's
#: header names who made it (as "Delivered by Ambassador X" does; ninth round)
_FR_STATEMENT_HEADER = re.compile(
    r"^(?:Intervention|Déclaration|Allocution|Discours|L['’]intervention|La\s+déclaration|"
    r"L['’]allocution|Le\s+discours)\s+(?:de|du)\s+"
    r"((?:M\.|Mme|S\.E\.)?\s*[A-ZÀ-Ý][^,;:!?“”\"«»]{1,60})"
)
#: "Nous sommes heureux d’accueillir l’ambassadeur X pour son premier rapport": the person
#: welcomed or thanked for a report gave it (the French form of _THANKED_NAMED)
_FR_FOR_REPORT = re.compile(
    r"\b(?:accueillir|remercier|remercions|remercie|saluons|salue)\s+"
    r"(?:l[’']|le\s+|la\s+)?((?:ambassad\w+|M\.|Mme)?\s*[A-ZÀ-Ý][^,.;:!?“”\"«»]{1,60}?)"
    r"\s+pour\s+(?:son|sa|leur|ses)\s+(?:\w+\s+)?(?:rapport|exposé|présentation|intervention)\b"
)
#: "A ses yeux, …", "À son avis, …": a sentence opening on its source's view (tenth round)
_FR_IN_HIS_VIEW = re.compile(r"(?<!\w)[AÀ]\s+(?:ses\s+yeux|son\s+avis|leur\s+avis)\s*,")
_THANK = "thank (listed)"
_THANK_WORDS = frozenset(["thank", "thanks", "thanked", "thanking"])

#: "— говорится в сообщении ведомства", "сказано в заявлении": a document speaks (its name
#: in the nominative, with the genitive that follows it)
_RU_DOCUMENTS = dict(pair.split() for pair in words("document_locatives", ("ru",)))
_RU_IN_DOCUMENT = re.compile(
    r"(?<![\w-])(?:говорится|сказано|отмечается|подчеркивается|подчёркивается|указывается)"
    r"\s+в\s+([а-яё-]+)(?:\s+([а-яё]+))?",
    re.I,
)
_IN_DOCUMENT = "говорится в (document)"
RU_IMPERSONAL = _RU_IMPERSONAL = frozenset(
    ["говорится", "сказано", "отмечается", "подчеркивается", "подчёркивается", "указывается"]
)

#: "continues to do": these go on doing something, they say nothing ("“…,” he continued" does)
_GOES_ON = frozenset(["continued", "continues"])

#: "the statement quoted Knut Vollebaek as saying": the person between these and "as saying"
_QUOTING = frozenset(["quoted", "quotes", "quoting", "cited", "cites", "citing"])

_VERB_TRIGGERS = (
    _FR_SPEECH_NOUNS
    | _DE_PARTICIPLES
    | _QUOTING
    | VERB_WORDS
    | _GERUNDS
    | set(_NEEDS_NEXT)
    | _NAMING_VERBS
    | _SPEECH_NOUNS
    | _DELIVER_VERBS
    | _READS
    | {"according", "so", "selon", "по", "fügte", "laut", "nach", "après"}
)


def _capitalised_pair(toks: list[Token], index: int) -> bool:
    """toks[index] and the next are capitalised, the first not closing a phrase."""
    return (
        index + 1 < len(toks)
        and toks[index].raw[:1].isupper()
        and toks[index + 1].raw[:1].isupper()
        and not toks[index].stops
    )


def _de_so_name(toks: list[Token], index: int) -> bool:
    """ "…„der letzte Halt“ in der Diplomatie, so Rama.": German "so X" at a sentence's end
    attributes what the sentence quotes or reports, also when no mark comes right before."""
    if not toks[index - 1].raw.endswith(","):
        return False
    name = toks[index + 1 : index + 4]
    for at, tok in enumerate(name):
        if not tok.word[:1].isupper():
            return False
        if tok.raw.endswith("."):
            return at < 2 or name[0].word.lower() not in ("der", "die")
    return False


def speech_verbs(
    text: str,
    start: int = 0,
    end: int | None = None,
    toks: list[Token] | None = None,
    following: str = "",
) -> list[Verb]:
    """Every finite speech verb in text[start:end], in order (``toks``: those of the whole
    text, when the caller has them; ``following``: the paragraphs after it, where a
    statement thanks the person it welcomed)."""
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
        # "…, der Gespräche gefordert hatte": the active perfect speaks (languages round)
        active = low in _DE_PARTICIPLES and nxt in _DE_PERFECT and low in VERB_WORDS
        if low in _DE_PARTICIPLES and not active and not found_de_passive(lows, index):
            # "Duve hat, seinem Mandat entsprechend, Verletzungen ... angeprangert": the
            # active perfect with its auxiliary before; the subject stands before "hat"
            # (tenth round)
            aux = next(
                (at for at in range(index - 1, max(-1, index - 12), -1) if lows[at] in _DE_HAS),
                None,
            )
            if (
                aux is not None
                and aux
                and not any(t.raw.rstrip('”"«»’)')[-1:] in ".!?;" for t in toks[aux:index])
            ):
                found.append(Verb(toks[aux].start, tok.end, low))
                continue
        if low in _DE_PARTICIPLES and not active and not found_de_passive(lows, index):
            continue
        if low in _DE_PARTICIPLES and not active:
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
            and (low in VERB_WORDS or low == "delivered")
            and (prev == "as" or not index and low == "delivered" and tok.raw[:1].isupper())
        ):
            # "as mentioned by the High Commissioner", "Delivered by Ambassador X at the
            # Permanent Council" (a statement's byline): the speakers follow "by"
            found.append(Verb(tok.start, toks[index + 1].end, low, nominal=True))
            continue
        if low in VERB_WORDS and prev in _PASSIVE and nxt == "by" and not tok.stops:
            # "The participants were welcomed by Karl Ost": the speakers follow "by"
            found.append(Verb(tok.start, toks[index + 1].end, low, nominal=True))
            continue
        if low in _INVERTED_PRONOUN_VERBS and nxt in _INVERTED_PRONOUNS and not tok.stops:
            # "In einer Pressekonferenz warnte er", "сказал он": the subject follows the verb
            found.append(Verb(tok.start, tok.end, low, pronoun=nxt))
            continue
        if low in VERB_WORDS and prev in ("and", "or") and _in_infinitive_list(lows, index):
            continue  # "the right to learn, know, speak and write one's own language"
        if low in _READS:
            if prev in _DOCUMENTS:
                found.append(Verb(tok.start, tok.end, low))  # "the message reads"
            continue
        if low in _GOES_ON and (
            nxt == "to"
            or not (
                tok.stops
                or tok.raw[-1:] in ",;:"
                or nxt in ("that", "by")
                or index == last
                or toks[index + 1].raw[:1] in OPENING_MARKS
            )
        ):
            # "the OSCE leadership continues to do everything possible", "Wishing continued
            # success to TURKPA": no speech; "“…,” he continued." and "continued: “…”" are
            continue
        if low in VERB_WORDS:
            after_quote = index and toks[index - 1].raw.endswith(_QUOTE_ENDS)
            if prev in _NOT_FINITE or (
                low in _NEEDS_NEXT
                and nxt not in _NEEDS_NEXT[low]
                and not tok.stops
                and not after_quote
                and not (index > 1 and toks[index - 2].raw.endswith(_QUOTE_ENDS))
            ):
                continue  # "asked the participants" speaks; "“…,” Trump asked." too
            if low in ("thanks", "states", "notes", "reports", "remarks") and prev in ARTICLES:
                continue  # nouns
            if low == "states" and prev in STATES_BEFORE:
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
            and toks[index + 1].raw[:1] not in OPENING_MARKS
            and not tok.stops
            and any(t.raw[:1] in OPENING_MARKS for t in toks[index + 2 : index + 9])
        ):
            # "called Trump “the orange prince”", "calling him a “train wreck”": the words
            # in marks are the subject's (a naming without object, "a group called “X”", is not);
            # the object may be a pair ("called both the OSCE and the CoE “…”", ninth round)
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
        elif low in _POSSESSED and index and toks[index - 1].raw.endswith(("’s", "'s")):
            # "Russian Foreign Minister Sergey Lavrov’s statement": the possessor spoke
            first = index - 1
            while (
                first > 0
                and index - first < 6
                and toks[first - 1].raw[:1].isupper()
                and not toks[first - 1].stops
                and toks[first - 1].raw[-1:] not in ",;:"
            ):
                first -= 1
            found.append(Verb(toks[first].start, tok.end, low, nominal=True, lists_only=True))
        elif low in _DELIVER_VERBS and prev not in _NOT_FINITE:
            ahead = [t.word.lower() for t in toks[index + 1 : index + 5]]
            if any(w in _SPEECH_NOUNS for w in ahead):
                found.append(Verb(tok.start, tok.end, low))
        elif low == "according" and nxt == "to":
            found.append(Verb(tok.start, toks[index + 1].end, "according to"))
        elif low in ("laut", "selon") and _capitalised_pair(toks, index + 1):
            # "Laut OSZE-Generalsekretär X", "Selon Marie Martin,": where the source is named
            # (two capitals: German capitalises every noun, "Laut Bericht der OSZE")
            found.append(Verb(tok.start, tok.end, low))
        elif (
            tok.raw == "Selon"
            and index + 2 <= last
            and (nxt in ("lui", "elle") or nxt in ("le", "la") and toks[index + 2].raw.islower())
            and any(t.stops for t in toks[index + 1 : index + 5])
        ):
            # "Selon lui, …", "Selon le président kazakh, une rencontre « … »": a sentence
            # opening on its source (ninth round)
            found.append(Verb(tok.start, tok.end, low))
        elif low == "après" and tok.raw[:2].lower() in ("d'", "d’") and index < last:
            found.append(Verb(tok.start, tok.end, "d'après"))
        elif (
            low == "nach"
            and nxt == "angaben"
            and index + 2 < last
            and lows[index + 2] in ("von", "des", "der")
        ):
            found.append(Verb(tok.start, toks[index + 2].end, "nach angaben"))
        elif (
            low in ("so", "selon")
            and index
            and toks[index - 1].raw.endswith(("“,", "”,", "«,", "»,", '",'))
        ) or (low == "so" and index and _de_so_name(toks, index)):
            found.append(Verb(tok.start, tok.end, low))
        elif low == "so" and index and toks[index - 1].raw.endswith(",") and _so_name(toks, index):
            # "… werde „treibende Kraft“ des Vorsitzes sein, so Osmani, der …": German "so X"
            # ends a clause of reported speech wherever its marks stand
            found.append(Verb(tok.start, tok.end, low))
        elif low in ("по",) and nxt == "словам":
            found.append(Verb(tok.start, toks[index + 1].end, "по словам"))
        elif low == "fügte" and nxt in ("er", "sie"):
            found.append(Verb(tok.start, toks[index + 1].end, low, pronoun=nxt))
    for index in [at for at, low in enumerate(lows) if low in _WELCOME]:
        tok = toks[index]
        if _THANKED_FOR_REPORT.search(text, tok.end, min(end, tok.end + 600)) or (
            following and _THANKED_FOR_REPORT.search(following[:600])
        ):
            # "We welcome Ambassador X back to the Permanent Council. Thank you for your
            # report": the person welcomed gave the report
            found.append(Verb(tok.start, tok.end, lows[index], nominal=True, lists_only=True))
    if any(low in _RU_IMPERSONAL for low in lows):
        for match in _RU_IN_DOCUMENT.finditer(text, start, end):
            if match[1].lower() in _RU_DOCUMENTS:
                found.append(Verb(match.start(1), match.end(), _IN_DOCUMENT, nominal=True))
    if any(low in _THANK_WORDS for low in lows):
        for match in _THANKED_NAMED.finditer(text, start, end):
            found.append(Verb(match.start(1), match.end(1), _THANK, nominal=True, lists_only=True))
        for match in _THANKED_VOCATIVE.finditer(text, start, end):
            found.append(Verb(match.start(1), match.end(1), _THANK, nominal=True, lists_only=True))
        for match in _THANKED_ROLE_NAMED.finditer(text, start, end):
            found.append(Verb(match.start(1), match.end(1), _THANK, nominal=True, lists_only=True))
    span = text[start:end]
    if "peakers" in span:
        for match in _SPEAKERS_LIST.finditer(text, start, end):
            found.append(Verb(match.start(1), match.end(1), _THANK, nominal=True, lists_only=True))
    if start == 0 and span[:1] in "IDAdiLl":
        for match in _FR_STATEMENT_HEADER.finditer(text, start, end):
            found.append(Verb(match.start(1), match.end(1), _THANK, nominal=True, lists_only=True))
    if " yeux" in span or " avis" in span:
        for match in _FR_IN_HIS_VIEW.finditer(text, start, end):
            # "A ses yeux, cette organisation est une « … »": the view is the last
            # speaker's, as after "Selon lui" (tenth round)
            found.append(Verb(match.start(), match.start() + 1, "selon"))
    if "pour s" in span:
        for match in _FR_FOR_REPORT.finditer(text, start, end):
            found.append(Verb(match.start(1), match.end(1), _THANK, nominal=True, lists_only=True))
    reflexive = "sont" in lows or "est" in span
    # the patterns below are tried only where their fixed words occur (a substring test is
    # a hundred times cheaper than a scan of the regular expression)
    low_span = span.lower()
    compound: list[Verb] = (
        [Verb(m.start(), m.end(), m[1]) for m in _FR_PERFECT.finditer(text, start, end)]
        + (
            [
                Verb(m.start(), m.end(), m[2], pronoun=m[1])
                for m in _FR_INVERTED.finditer(text, start, end)
            ]
            if "a-t-" in span
            else []
        )
        + (
            [Verb(m.start(), m.end(), m[1]) for m in _FR_REFLEXIVE.finditer(text, start, end)]
            if reflexive
            else []
        )
        + (
            [
                Verb(m.start(), m.end(), m[0].split()[-1].lower())
                for m in _STATEMENT_MADE.finditer(text, start, end)
            ]
            if any(word in low_span for word in _STATEMENT_WORDS)
            else []
        )
        + (
            [
                Verb(m.start(), m.end(), "in words", pronoun="he" if m[1] == "his" else "she")
                for m in _IN_WORDS.finditer(text, start, end)
            ]
            if "words" in span
            else []
        )
    )
    if compound:  # "a déclaré" replaces its participle found alone
        covered = [(v.start, v.end) for v in compound]
        found = [v for v in found if not any(a <= v.start < b for a, b in covered)] + compound
    found.sort(key=lambda v: v.start)
    return found


def _so_name(toks: list[Token], index: int) -> bool:
    """ ", so Osmani," / ", so der Minister.": one to four capitalised words (an article
    allowed first) that end the clause."""
    at = index + 1
    if at < len(toks) and toks[at].word in ("der", "die"):
        at += 1
    first = at
    while at < len(toks) and at - first < 4 and toks[at].raw[:1].isupper():
        if toks[at].raw.endswith((",", ".", ";")) or at + 1 == len(toks):
            return True
        at += 1
    return False


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
    return not any(clean(w).lower() in RELATIVE or clean(w).lower() in VERB_WORDS for w in words)


def nominal_speakers(text: str, verb: Verb, end: int) -> list[Mention]:
    """ "reports by Oliver and OSCE PA Treasurer Roberto Battelli, who ...": each name."""
    out: list[Mention] = []
    if verb.lists_only and verb.word in _WELCOME:
        mention = parse_forward(text, verb.end, end)
        if mention is None or mention.kind != "person":
            # "Ambassador Tarran, welcome to the Permanent Council."
            stop = text.rfind(". ", 0, verb.start)
            start = max(stop + 2 if stop >= 0 else 0, text.rfind("\n", 0, verb.start) + 1)
            before = text[start : verb.start].strip().rstrip(",")
            # "Ambassador Del Monaco – dear Vincenzo – welcome back": the aside after the
            # name addressed is no part of it (seventh round)
            before = re.split(r"\s[–—]\s|,", before)[0].strip()
            mention = classify_phrase(before.split()) if 0 < len(before.split()) <= 5 else None
            if mention is None or mention.kind != "person":
                return []
            mention.position = start
        return [mention]
    if verb.word == _IN_DOCUMENT:
        found = text[verb.start : verb.end].split()
        name = _RU_DOCUMENTS[found[0].lower()]
        if len(found) > 1 and found[1].lower() not in STOPWORDS:
            name += " " + found[1]  # "сообщение ведомства"
        return [Mention("document", name, position=verb.start)]
    if verb.word == _THANK:
        out = []
        offset = verb.start
        for part in re.split(r"(,\s*|\s+(?:and|et)\s+)", text[verb.start : verb.end]):
            listed = classify_phrase(part.split()) if part.strip(" ,") else None
            if listed is not None and listed.kind == "person":
                listed.position = offset
                out.append(listed)
            offset += len(part)
        return out
    if verb.lists_only:
        words = text[verb.start : verb.end].split()[:-1]
        if words:
            words[-1] = re.sub(r"[’']s$", "", words[-1])
        mention = classify_phrase(words) if words else None
        if mention is None or mention.kind != "person":
            return []
        mention.position = verb.start
        return [mention]
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
        offset = name_end
        for part in between.split(","):
            # "speeches by A, Ukrainian Foreign Minister B and C": a list, not a descriptor
            listed = classify_phrase(part.split()) if part.strip() else None
            if listed is not None and listed.kind == "person":
                listed.position = offset + len(part) - len(part.lstrip())
                out.append(listed)
            offset += len(part) + 1
        position = mention.position + match.end()
        if text[position : position + 3] == "by ":
            position += 3  # "by X, ..., and by Y"
    return out
