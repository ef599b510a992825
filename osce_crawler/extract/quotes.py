"""Direct quotes and who said them, from an item's paragraphs (rule-based, no models).

Analysts search the archive for who said what. A quote is a span between quote marks (or
after a dialogue dash) that someone is reported as saying: the mark scanner accepts
curly, straight, « », „ “, » «, ‹ ›, › ‹ and a closing mark misused as an opener; the
attribution comes from a speech verb in the quote's sentence ("…,” said X; X said: “…”;
X tweeted: “…”), else from its paragraph, else from the paragraph before (a quote
paragraph of the same speaker). Names resolve through the article's book of people
(the speakers package). What is found is kept: a quote whose speaker the text does not give has
speaker None; organisations and documents speak with their speaker_kind. Quoted strings
nobody says (titles, mottos, programme names, scare quotes) are left out. Linear in the
page size: marks and tokens are scanned once, no backtracking regular expressions. The
figures on held-out texts are in docs/quotes.md.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from osce_crawler.extract.dateline import find_dateline
from osce_crawler.extract.speakers.groups import find_groups, group_noun_before, group_word
from osce_crawler.extract.speakers.lexicon import (
    VERB_WORDS,
    clean,
    gender_of,
    is_capitalised,
    is_place,
    is_title_word,
    name_words,
)
from osce_crawler.extract.speakers.mentions import (
    GROUP_PRONOUNS,
    PREPOSITIONS,
    PRONOUNS,
    Mention,
    classify_phrase,
    co_subjects,
    parse_forward,
    parse_subject,
    tokens,
)
from osce_crawler.extract.speakers.people import SpeakerBook, register_people
from osce_crawler.extract.speakers.verbs import (
    INVERTING,
    RU_IMPERSONAL,
    SOURCE_PREPOSITIONS,
    Verb,
    nominal_speakers,
    speech_verbs,
)
from osce_crawler.extract.wordlists import mapping, words
from osce_crawler.item import Quote, Speaker

__all__ = ["find_quotes", "quote_spans"]

#: "генсек" -> "генеральный секретарь" (ru.json ``role_synonyms``)
_RU_ROLE_SYNONYMS = mapping("role_synonyms", "ru")


def _ru_full_title(role: str) -> str:
    """ "генсек ОБСЕ" -> "генеральный секретарь ОБСЕ": the role a short form stands for."""
    return " ".join(_RU_ROLE_SYNONYMS.get(w.lower(), w) for w in role.split())


#: role words that refer back to someone named before ("le haut diplomate", "la Bosnienne")
_ANAPHORIC_ROLES = words("anaphoric_roles") | words("nationalities", ("fr",))

_MARK = re.compile(r"[“”\"«»„‹›]")
# opening mark -> closing marks; a fallback when the proper closer never comes ("…efforts.")
# ‹ › are French single guillemets, › ‹ German ones (like » «)
_PRIMARY = {
    "“": "”",
    '"': '"”',
    "«": "»",
    "„": "“”",
    "”": "”",
    "»": "«»",
    "‹": "›",
    "›": "‹›",
}
_FALLBACK = {"“": '"“', '"': "“", "«": "", "„": '"', "”": '"', "»": "", "‹": "", "›": ""}
#: a dialogue dash opening a paragraph ("— Мы продолжим работу, — сказала она."): the
#: words up to the dash after , . ! ? … are what was said
_DIALOGUE = re.compile(r"^[—–]\s+(\S.*?[,.!?…])\s+[—–]\s+\S")
_NAMING_CUE = re.compile(
    r"(?:motto|slogan|theme|titled|entitled|named|dubbed|called|so-called|known as|headlined|"
    r"hashtag|words?|term|phrase|label|banner|под названием|девизом|lautet|Motto|intitulé|"
    r"intitulée|appelé|appelée)\s*[:,]?\s*$"
    # "spoke at a panel on the “common future of all European citizens”": a session's topic
    r"|\b(?:panel|session|workshop|seminar|roundtable|round table|debate|conference|forum)s?"
    r"\s+on\s+(?:the\s+)?$"
    # "rief beim Forum „Osteuropa: Auf der Suche nach Sicherheit für alle“ auf": an
    # event's name right after its noun (seventh round; not English "campaign",
    # "conference": "Cruz and his campaign “don’t forget us …”" is the subject, PolNeAR dev)
    r"|\b(?:forum|konferenz|tagung|seminar|kampagne|ausstellung|conférence|séminaire|"
    r"campagne|форум|конференци[яиюей]"
    # "sur la base du principe « tous pour tous »": a principle's name (eighth round)
    r"|principe|principle|prinzips?|принцип[аеу]?)\s*$",
    re.I,
)
#: a motto or slogan with its owner between ("das Motto des nordmazedonischen Vorsitzes
#: „It's about people“", "the slogan of the campaign “…”") and its translation in brackets
#: after it ("(„Es geht um die Menschen“)"): names, no speech (tenth round)
_MOTTO = re.compile(
    r"\b(?:motto|slogan|devise|leitspruch|девиз\w*)"
    r"(?:\s+(?:of|des|der|du|de|de\s+la|d['’]\S+)(?:\s+[^\s\"“”«»„]+){1,3})?\s*[:,]?\s*"
    r"(?:[\"“„«][^\"“”«»„]{1,80}[\"”“»]\s*\(\s*)?$",
    re.I,
)
_TERMINAL = ".!?…"
#: a work whose title may follow in marks ("Trump's new book, “Crippled America,”")
_WORK = re.compile(
    r"\b(?:book|novel|memoir|film|movie|documentary|show|series|song|album|play|musical|"
    r"column|editorial|op-ed|essay|article|poem|video|podcast|programme|program)\s*,?\s*$",
    re.I,
)
_MAX_TEXT = 100_000  # characters of body analysed: articles are far shorter; 5 MB pages stop here
_MAX_PARAGRAPH = 8_000  # a longer "paragraph" is no prose (real ones stay under 3,000): skipped


@dataclass
class Span:
    """A quoted span of one paragraph: marks at open_at/close_at, content in [start, end)."""

    open_at: int
    close_at: int | None
    start: int
    end: int

    @property
    def closed(self) -> bool:
        return self.close_at is not None


def _can_open(text: str, pos: int, mark: str) -> bool:
    before = text[pos - 1] if pos else " "
    after = text[pos + 1] if pos + 1 < len(text) else ""
    if not after or before.isalnum() or before == "=":
        return False  # 'tweet-date="January 20, 2016"': markup left in the text
    if mark in "«„‹":
        return True
    if after.isspace():
        return False
    if mark in "”»›":  # a closing mark as opener: only after a space or at the start
        return before.isspace() or before in "([—–-:"
    return True


def _can_close(text: str, pos: int) -> bool:
    before = text[pos - 1] if pos else " "
    after = text[pos + 1] if pos + 1 < len(text) else " "
    if after.isalnum() and not (before in ",.!?…" and after.isupper()):
        return False  # "it,”Clinton said": a closer that lost its space still closes
    if before.isspace() and pos > 1 and text[pos - 2] in "'’,.!?" and not after.isalnum():
        return True  # "… 'above the president,' " said X": an inner quote, then the closer
    if before.isspace() and after in ",.;" and text[pos] == '"':
        return True  # 'работающих в СММ ", - сообщил': a stray space before the closer
    if before.isspace() and text[pos] in "“”" and (pos + 1 == len(text) or after in ",;"):
        # "„… 80 Abgeordnete “, berichtet X", "… nach dem Wahltag. “" at the paragraph's
        # end: a curly closer after a stray space (eighth round)
        return True
    return not before.isspace() or text[pos] in "»«‹›"


def quote_spans(text: str) -> list[Span]:
    """Top-level quoted spans of a paragraph; inner marks of another kind stay inside."""
    dialogue = _DIALOGUE.match(text[:2_000])
    if dialogue:
        close = dialogue.end() - 2
        while close > 0 and text[close] not in "—–":
            close -= 1
        return [Span(0, close, dialogue.start(1), dialogue.end(1))] + [
            span for span in _mark_spans(text) if span.open_at > close
        ]
    return _mark_spans(text)


def _mark_spans(text: str) -> list[Span]:
    marks = [(m.start(), m[0]) for m in _MARK.finditer(text)]
    closable: dict[str, list[int]] = {}
    for index, (pos, mark) in enumerate(marks):
        if _can_close(text, pos):
            closable.setdefault(mark, []).append(index)

    def next_closer(after: int, kinds: str) -> int | None:
        best = None
        for kind in kinds:
            positions = closable.get(kind, [])
            at = bisect_right(positions, after)
            if at < len(positions) and (best is None or positions[at] < best):
                best = positions[at]
        return best

    # a double mark after , ? ! and before a lower-case word ends the quote whatever its
    # shape ("“I fundamentally disagree," said X. "The bottom line ...”", "“It’s unusual,“
    # said X"): text that mixes marks closes with whichever mark the keyboard gave
    # ("“rapists“ while calling ...": an opening mark right after a word can open nothing)
    ending = [
        index
        for index, (pos, mark) in enumerate(marks)
        if mark in '“”"'
        and (
            text[pos - 1 : pos] in (",", "?", "!") or mark == "“" and text[pos - 1 : pos].isalpha()
        )
        and text[pos + 1 : pos + 2] == " "
        and text[pos + 2 : pos + 3].islower()
    ]

    spans: list[Span] = []
    index = 0
    while index < len(marks):
        pos, mark = marks[index]
        if not _can_open(text, pos, mark):
            index += 1
            continue
        closer = next_closer(index, _PRIMARY[mark])
        if closer is None and _FALLBACK[mark]:
            closer = next_closer(index, _FALLBACK[mark])
        if mark in '“"' and ending:
            at = bisect_right(ending, index)
            if at < len(ending) and (closer is None or ending[at] < closer):
                closer = ending[at]
        if closer is not None and mark == "“":
            closer = _past_nested(text, marks, index, closer, next_closer)
        elif closer is not None and mark == '"':
            closer = _past_nested_straight(text, marks, index, closer, next_closer)
        if closer is None:
            spans.append(Span(pos, None, pos + 1, len(text)))
            break
        close_pos = marks[closer][0]
        spans.append(Span(pos, close_pos, pos + 1, close_pos))
        index = closer + 1
    return spans


_NOT_SPACE = re.compile(r"\S")


def _past_nested(
    text: str,
    marks: list[tuple[int, str]],
    opener: int,
    closer: int,
    next_closer: Callable[[int, str], int | None],
) -> int:
    """ "“I welcome ... agreements from the “Berlin-plus” package and beyond,” Greminger
    said": a short quote in curly marks inside a curly quote; the outer one closes later.
    Only when the inner one is a few words that the sentence runs on after, and the outer
    one ends with a comma before its attribution (PolNeAR annotates nested tweets and
    fragments otherwise)."""
    for inner in range(opener + 1, closer):
        pos, mark = marks[inner]
        if mark != "“" or not _can_open(text, pos, mark):
            continue
        close_pos = marks[closer][0]
        inside = text[pos + 1 : close_pos]
        after = text[close_pos + 1 : close_pos + 3]
        if len(inside.split()) <= 4 and after[:1] == " " and after[1:2].isalnum():
            later = next_closer(closer, "”")
            if (
                later is not None
                and "“" not in text[close_pos : marks[later][0]]
                and text[marks[later][0] - 1] in ",?!"
            ):
                return later  # the outer quote ends before its attribution (',” X said')
        break
    return closer


def _past_nested_straight(
    text: str,
    marks: list[tuple[int, str]],
    opener: int,
    closer: int,
    next_closer: Callable[[int, str], int | None],
) -> int:
    """'"Les membres s'engagent à inviter des observateurs pour "surveiller le déroulement
    des élections". La durée … élections", a indiqué M. X.': a straight-marked citation
    inside a straight-marked quote (ninth round). Only when a straight mark between the two
    opens (after a space, before a letter), the first closer is followed by a stop or a
    comma, and the next closer after it ends the outer quote before its attribution (a
    comma or a spaced dash) with no other mark between."""
    pos = marks[closer][0]
    inner = [
        at
        for at in range(opener + 1, closer)
        if marks[at][1] == '"'
        and text[marks[at][0] - 1] == " "
        and text[marks[at][0] + 1 :][:1].isalpha()
    ]
    if len(inner) != 1 or text[pos + 1 : pos + 2] not in (".", ","):
        return closer
    later = next_closer(closer, '"')
    if later is None or later != closer + 1:
        return closer
    after = text[marks[later][0] + 1 : marks[later][0] + 4]
    if not (after.startswith(",") or after.startswith((" -", " —", " –"))):
        return closer
    return later


def _mask(text: str, spans: list[Span]) -> str:
    """The paragraph with quote contents blanked to x (first letter's case and final
    punctuation kept), so that verbs and names inside quotes are not read as narrative."""
    if not spans:
        return text
    chars = list(text)
    for span in spans:
        # every character but white space becomes x (the regex \S is "not str.isspace")
        chars[span.start : span.end] = _NOT_SPACE.sub("x", text[span.start : span.end])
        if span.end > span.start:
            first = text[span.start]
            chars[span.start] = "X" if first.isupper() else "x"
            last = text[span.end - 1]
            if last in _TERMINAL + ",;:" and span.end - 1 > span.start:
                chars[span.end - 1] = last
    return "".join(chars)


#: a quote that opens right after a sentence's stop with no space between (the mask turns the
#: quote's first letter into X): a new sentence starts at the mark
_GLUED_OPENING = re.compile(r"[“\"«„](?<=[^\W\d_][.!?…][“\"«„])(?=X(?:[x\s]|$))")


def _sentence_starts(masked: str) -> list[int]:
    """Offsets where sentences start (after . ! ? and space, before a capital or a mark)."""
    starts = [0]
    for match in re.finditer(r"[.!?…][”\"»’)]*\s+", masked):
        nxt = masked[match.end() : match.end() + 2]
        if not nxt:
            continue
        head = nxt[1] if nxt[0] in '“"«„”»' and len(nxt) > 1 else nxt[0]
        if not (head.isupper() or head.isdigit() or nxt[0] in '“"«„”»'):
            continue
        word = masked[max(0, match.start() - 12) : match.start() + 1].split()
        if word and _abbreviation(word[-1]):
            continue
        starts.append(match.end())
    for match in _GLUED_OPENING.finditer(masked):
        starts.append(match.start())  # 'en cours."Devant …", a écrit X': a lost space
    return sorted(set(starts))


def _abbreviation(word: str) -> bool:
    core = word.rstrip(".").lower()
    if len(core) == 1 and core.isalpha():
        return True
    if "." in core and all(len(p) <= 2 for p in core.split(".")):
        return True
    return core in _ABBREVIATIONS


#: words written with a period that does not end the sentence ("Sen.", "Mr.", "г.")
_ABBREVIATIONS = (words("sentence_abbreviations") | {"г"}) - {"etc", "inc", "ltd", "co", "usw"}


#: a US party tag after a name, "(D-Ore.)", "(R)": no part of the name
_PARTY_TAG = re.compile(r"\((?:[DRI]|[DRI]-[A-Z][A-Za-z.]{1,12})\)")


def _blank(match: re.Match[str]) -> str:
    return " " * len(match[0])


#: a dateline without a date: a place in capitals, maybe a news agency, a dash
#: ("YEREVAN (ArmRadio)—", "WASHINGTON (AP) —", "KYIV –")
_AGENCY_DATELINE = re.compile(
    r"\s*[A-ZÀ-ÝА-Я]{3,}(?:[ .'’-][A-ZÀ-ÝА-Я]{2,}){0,3}\s*(?:\([^()]{1,30}\))?\s*[—–]\s*"
)


#: brackets right after a name that give the person's country or mandate, as the OSCE
#: Parliamentary Assembly writes its members ("Margareta Cederfelt (Sweden)", "Ilkka
#: Kanerva (MP, Finland)"): no part of the name, and no end of the subject either
_NAME_TAG = re.compile(r"(?<=\w) \((?:(?:MP|MEP|MdB|Senator),\s*)?([^(),]{2,40})\)")


def _blank_name_tag(match: re.Match[str]) -> str:
    return " " * len(match[0]) if is_place(match[1].strip()) else match[0]


@dataclass
class Attribution:
    """A speech verb with the speaker it reports (resolved)."""

    verb: Verb
    mention: Mention
    speaker: str | None
    kind: str  # person | role | org | group | document
    people: list[tuple[str, int]] = field(default_factory=list)  # persons for the list


@dataclass
class _Candidate:
    paragraph: int
    span: Span
    text: str
    continues: bool = False  # the rest of the previous paragraph's open quote


class _Article:
    """The state of one pass over an article: the book of people and the last speaker."""

    def __init__(
        self, paragraphs: list[str], language: str | None, context: list[str] | None = None
    ) -> None:
        self.paragraphs = _within_budget(paragraphs)
        self.language = language
        self.spans = [quote_spans(p) for p in self.paragraphs]
        self.masked = [
            _NAME_TAG.sub(_blank_name_tag, _PARTY_TAG.sub(_blank, _mask(p, s)))
            for p, s in zip(self.paragraphs, self.spans, strict=True)
        ]
        if self.masked:
            found = find_dateline(self.paragraphs[0], language)
            if found:
                cut = len(self.paragraphs[0]) - len(found[1])
                self.masked[0] = " " * cut + self.masked[0][cut:]
            elif agency := _AGENCY_DATELINE.match(self.masked[0]):
                # "YEREVAN (ArmRadio)—The OSCE ...": a news agency's dateline, no subject
                self.masked[0] = " " * agency.end() + self.masked[0][agency.end() :]
        self.tokens = [tokens(masked) for masked in self.masked]  # read by both passes
        self.book = SpeakerBook()
        for text in (context or [])[:5]:
            if isinstance(text, str) and text and len(text) <= _MAX_PARAGRAPH:
                # the title and metadata name people before the body does: paragraph -1
                register_people(self.book, _mask(text, quote_spans(text)), -1)
        for number, masked in enumerate(self.masked):
            register_people(self.book, masked, number, self.tokens[number])
        self.groups = find_groups(self.book, self.masked)
        self.last_speaker: tuple[str, str] | None = None  # (name, kind)
        self.renamed: dict[str, str] = {}  # declined form -> nominative
        self.last_person: str | None = None
        self.last_paragraph = -10
        self.spoke: dict[str, tuple[int, int]] = {}
        self.roles_spoke: list[tuple[str, int]] = []  # roles that matched nobody, in order
        # of the paragraph at hand: quote openings and verb positions, sorted
        self.positions: tuple[list[int], list[int]] = ([], [])

    # -- resolution ---------------------------------------------------------------------

    def resolve(self, mention: Mention, where: tuple[int, int]) -> tuple[str | None, str]:
        """The fullest name a mention stands for, and what it is."""
        if mention.kind == "person":
            full = self.book.lookup(mention.name, where)
            named = full or " " in mention.name or name_words(mention.name.split()) > 1
            return full or mention.name, "person" if named else "name"  # "А.Хуг": a person
        if mention.kind == "pronoun":
            # only someone the text does not show to be of the other gender
            gender = gender_of([mention.name])
            if self.last_person and self._agrees(self.last_person, gender):
                return self.last_person, "person"
            if self.last_speaker and (
                self.last_speaker[1] != "person" or self._agrees(self.last_speaker[0], gender)
            ):
                return self.last_speaker
            latest = self.book.latest_before(where, gender)
            return (latest, "person") if latest else (None, "pronoun")
        if mention.kind == "narrator":
            return None, "narrator"  # "I said": a quote whose speaker is the unnamed writer
        if mention.kind == "group" and mention.name.lower() in GROUP_PRONOUNS:
            return None, "group"  # "they said": nobody to name
        if mention.kind == "role":
            full = self.book.by_role(mention.name)
            if full is None and self.language in ("de", "fr"):
                full = self._role_by_head(mention.name)
            if full is None and self.language == "ru":
                full = self.book.by_role(_ru_full_title(mention.name))
            if (
                full is None
                and self._definite(mention, where)
                and self.last_speaker
                and (self.last_speaker[1] in ("person", "name"))
            ):
                # "Гремингер написал ..." / "генеральный секретарь ОБСЕ сообщил": the last
                # speaker, named without a role, is the one the role now refers to; a
                # diplomat, in German or French any role, refers to the last speaker even
                # when named with a role ("a déclaré M. Lavrov" / "a ajouté le haut diplomate")
                last = self.last_speaker[0]
                if self._refers_back(mention, last, where):
                    return last, "person"
            return (full, "person") if full else (mention.name, "role")
        if mention.kind == "org":
            name = _fullest_org(mention.name, self.masked)
            name = re.sub(
                r"^(?:la|le|les|die|der|das)\s+(?=\w)", "", name, flags=re.I
            )  # "La France"
            return re.sub(r"\s*\([^)]*\)$", "", name) or name, "org"  # "WHO (WHO)" -> "WHO"
        return mention.name, mention.kind

    def _group_subject(
        self, number: int, start: int, verb_start: int, subject: Mention | None
    ) -> Mention | None:
        """ "Les coprésidents du Groupe de Minsk (A, B et C) ont publié …", "После встречи
        сопредседатели распространили заявление": a group noun of the clause is the
        subject, when the article lists the group's members, unless a person named after
        the list is (eighth round)."""
        if not self.groups:
            return None
        masked = self.masked[number]
        found = group_noun_before(masked, start, verb_start)
        for group in self.groups:
            # the list's "M." cut the sentence for the parser: the group whose list ends
            # in the verb's sentence is its subject
            if (
                group.at[0] == number
                and group.at[1] < start <= group.end <= verb_start
                and not re.search(r"[.!?]\s+[A-ZА-ЯЁ]", masked[group.end : verb_start])
            ):
                found = (group.at[1], group.word)
        if found is None:
            return None
        position, word = found
        if subject is not None and subject.kind == "person" and subject.position > position:
            inside = any(
                g.at == (number, position) and subject.position < g.end for g in self.groups
            )
            if not inside:
                return None  # "the Co-Chairs and Ambassador X …, X said"
        return Mention("group", word, position=position)

    def _members(self, mention: Mention, where: tuple[int, int]) -> list[str]:
        """The members of the group a role, group or document mention names ("the
        Co-Chairs", "заявление сопредседателей"), when the article listed them: the last
        such group before, else the first after (eighth round)."""
        if mention.kind not in ("role", "group", "document") or not self.groups:
            return []
        if group_word(mention.name) is None:
            return []
        before = [g for g in self.groups if g.at <= where]
        group = before[-1] if before else self.groups[0]
        return [self.book.lookup(name, where) or name for name in group.members]

    def _refers_back(self, mention: Mention, last: str, where: tuple[int, int]) -> bool:
        """Whether a definite role stands for the last speaker: one named without a role;
        a diplomat, and in German and French any role, even one named with a role."""
        if self.book.by_role(mention.name) is not None or not self._definite(mention, where):
            return False
        loose = self.language in ("de", "fr") or "дипломат" in mention.name.lower()
        return (self.book.role_of(last) is None or loose) and self._agrees(
            last, gender_of(mention.name.split())
        )

    def _role_by_head(self, role: str) -> str | None:
        """A German or French role phrase is a head and its complement ("der Generalsekretär
        der Organisation für Sicherheit …", "le chef de la diplomatie russe"): the one person
        whose role holds the head ("OSZE-Generalsekretär Lamberto Zannier"); or, for a
        word that only refers back ("le haut diplomate", "la Bosnienne"; fr.json
        ``anaphoric_roles``), the last speaker, when the gender agrees."""
        words = [w.lower() for w in role.split()]
        head = next((w for w in words if is_title_word(w) and not w.isupper()), None)
        if head is not None:
            found = [
                p.name
                for p in self.book.people.values()
                if p.role and head in re.split(r"[\s\-‐]+", p.role.lower())
            ]
            if len(found) == 1:
                return found[0]
        if (
            any(w in _ANAPHORIC_ROLES for w in words)
            and self.last_speaker
            and self.last_speaker[1] == "person"
            and self._agrees(self.last_speaker[0], gender_of(role.split()))
        ):
            return self.last_speaker[0]
        return None

    def _definite(self, mention: Mention, where: tuple[int, int]) -> bool:
        """A Russian role ("генеральный секретарь ОБСЕ сообщил"): the language has no
        articles, and its news name a person first and then refer to them by role; German
        and French news do the same ("unterstrich der Chefdiplomat des NATO-Landes", "a
        ajouté le haut diplomate"). In English the same step took "the spokesman", "the
        president" for the last speaker more often wrongly than rightly (PolNeAR dev), so
        it stays out of English."""
        if self.language in ("de", "fr"):
            return True
        return any("а" <= c <= "я" for c in mention.name.lower()[:3])

    def _rename(self, old: str, new: str) -> str:
        """A person's name changed form (nominative): what was noted under the old one."""
        if old != new:
            if old in self.spoke:
                self.spoke[new] = self.spoke.pop(old)
            if self.last_person == old:
                self.last_person = new
            if self.last_speaker and self.last_speaker[0] == old:
                self.last_speaker = (new, self.last_speaker[1])
            self.renamed[old] = new
        return new

    def _agrees(self, name: str, gender: str | None) -> bool:
        known = self.book.gender(name)
        return not (gender and known and known != gender)

    def attributions(self, number: int) -> list[Attribution]:
        """Every speech verb of a paragraph with its resolved speaker, in order."""
        masked = self.masked[number]
        spans = self.spans[number]
        starts = _sentence_starts(masked)
        opens = [s.open_at for s in spans]
        closes = [s.close_at for s in spans if s.close_at is not None]
        out: list[Attribution] = []
        # "We welcome X back to the Council." then "Since you addressed the Council, ...":
        # the thanks or the "you" may come in the next paragraph (seventh round)
        following = self.masked[number + 1] if number + 1 < len(self.masked) else ""
        for verb in speech_verbs(masked, toks=self.tokens[number], following=following):
            at = bisect_right(opens, verb.start) - 1
            if at >= 0 and spans[at].start <= verb.start < spans[at].end:
                continue  # inside a quote
            sentence_start = starts[bisect_right(starts, verb.start) - 1]
            sentence_end = _next(starts, verb.start, len(masked))
            clause_start = sentence_start
            at = bisect_right(closes, verb.start - 1) - 1
            if at >= 0 and closes[at] >= sentence_start:
                clause_start = closes[at] + 1
            mentions: list[Mention] = []
            if verb.gerund and out and out[-1].verb.start >= sentence_start:
                before = out[-1]  # "X said ..., adding that": the same speaker
                out.append(Attribution(verb, before.mention, before.speaker, before.kind))
                continue
            if verb.gerund:
                subject = parse_subject(masked, sentence_start, verb.start, walk=True)
                if subject is None:  # "Kai Berg visited the camp, underlining that"
                    subject = _sentence_subject(masked, sentence_start, verb.start)
                mentions = [subject] if subject is not None else []
            elif verb.nominal:
                mentions = nominal_speakers(masked, verb, sentence_end)
            elif verb.pronoun:
                mentions = [Mention("pronoun", verb.pronoun, position=verb.start)]
            else:
                subject = None
                if _french_inverted(masked, verb):
                    # "..., mais la Russie bloque cette option, a déclaré Osmani.": the
                    # subject follows the compound verb
                    subject = parse_forward(masked, verb.end, sentence_end)
                elif _french_inverted(masked, verb, loose=True):
                    # "…, a déclaré jeudi à Vienne le chef de l'Etat kazakh X": a day, a
                    # place or the title's article between the verb and its subject (ninth
                    # round); taken only when a person follows
                    subject = parse_forward(masked, verb.end, sentence_end)
                    if subject is not None and subject.kind != "person":
                        subject = None
                if subject is None and verb.word not in INDIRECT:
                    subject = parse_subject(masked, clause_start, verb.start)
                dash = _DASH_BEFORE_VERB.search(masked, clause_start, verb.start)
                if subject is None and dash and verb.word not in INDIRECT:
                    # "A, role, B, and role C - made the following statement:": a dash
                    # between the subject and its verb (eighth round)
                    subject = parse_subject(masked, clause_start, dash.start())
                    if subject is not None and subject.kind == "person":
                        mentions = co_subjects(masked, clause_start, dash.start())
                if subject is None and verb.word == "according to":
                    # "according to the OSCE PA president X and the secretary general Y"
                    listed = nominal_speakers(masked, verb, sentence_end)
                    if len(listed) > 1:
                        mentions = listed
                if subject is None and verb.word in INVERTING and not mentions:
                    subject = parse_forward(masked, verb.end, sentence_end)
                if subject is None and self.language == "de" and verb.word in INVERTING:
                    subject = _german_after_verb(masked, verb.end, sentence_end)
                if subject is None and verb.word in ("according to", "selon"):
                    # "According to her, the OSCE leadership ... “…”": the pronoun speaks
                    # ("Selon lui, …", ninth round)
                    after = masked[verb.end : verb.end + 6].split()[:1]
                    pronoun = _OBJECT_PRONOUNS.get(clean(after[0]).lower()) if after else None
                    if pronoun:
                        subject = Mention("pronoun", pronoun, position=verb.end + 1)
                if self.language == "de" and (subject is None or subject.kind != "person"):
                    subject = _german_subject(masked, clause_start, verb.start) or subject
                if subject is None and verb.word not in INDIRECT:
                    subject = _opening_person(masked, sentence_start, verb.start)
                group = self._group_subject(number, clause_start, verb.start, subject)
                if group is not None:
                    subject = group
                if subject is not None:
                    mentions = [subject] + mentions
                if subject is not None and subject.kind == "person" and len(mentions) == 1:
                    mentions += co_subjects(masked, clause_start, verb.start)
            if not mentions:
                continue
            first: Attribution | None = None
            for mention in mentions:
                where = (number, mention.position)
                if mention.kind == "person":
                    known = self.book.lookup(mention.name, where)
                    if known and verb.word not in INDIRECT:
                        known = self._rename(known, self.book.nominative(known, mention.name))
                    self.book.add(
                        known or mention.name,
                        mention.role,
                        where,
                        gender_of((mention.title or "").split() + [verb.word]),
                    )
                speaker, kind = self.resolve(mention, where)
                if mention.kind == "pronoun" and out and out[-1].speaker:
                    # "The Coordinator reported ... “…,” he said": this paragraph's speaker
                    before = out[-1]
                    if before.kind == "role" or (
                        before.kind == "person"
                        and self._agrees(before.speaker, gender_of([mention.name]))
                    ):
                        speaker, kind = before.speaker, before.kind
                if (
                    mention.kind == "role"
                    and kind == "role"
                    and out
                    and out[-1].kind == "person"
                    and out[-1].speaker
                    and self._refers_back(mention, out[-1].speaker, where)
                ):
                    # "“…”, a écrit X … “…”, a ajouté cette diplomate allemande": this
                    # paragraph's last speaker, as for the last speaker of one before
                    speaker, kind = out[-1].speaker, "person"
                members = self._members(mention, where)
                if members and mention.kind in ("role", "group"):
                    # "the Co-Chairs reaffirmed": the group named member by member speaks;
                    # its words go to the first member (a joint statement's convention)
                    speaker, kind = members[0], "person"
                if first is None:
                    first = Attribution(verb, mention, speaker, kind)
                for member in members:
                    first.people.append((member, mention.position))
                if kind == "person" and speaker:
                    first.people.append((speaker, mention.position))
                    if not verb.lists_only:
                        self.last_person = speaker
            if first is not None:
                out.append(first)
        return out

    def note_speaker(self, attribution: Attribution, number: int) -> None:
        if attribution.verb.lists_only:
            for name, position in attribution.people:
                self.spoke.setdefault(name, (number, position))
            return
        if attribution.speaker and attribution.kind == "role":
            self.roles_spoke.append((attribution.speaker, number))
        if attribution.speaker and attribution.kind in ("person", "role", "org", "name"):
            self.last_speaker = (attribution.speaker, attribution.kind)
            self.last_paragraph = number
        for name, position in attribution.people:
            self.spoke.setdefault(name, (number, position))


#: a spaced dash right before a verb ("…, and C - made the following statement")
_DASH_BEFORE_VERB = re.compile(r"\s[-–—]\s*$")
#: "hatte der OSZE-Vorsitzende Edi Rama … gesagt", "Wie der Bundesaußenminister Heiko Maas
#: … mitteilte": the subject follows an auxiliary or the conjunction "wie"
_DE_SUBJECT_AFTER = frozenset(["wie", "hatte", "hat", "habe", "hätte", "hatten", "haben"])


def _german_subject(text: str, start: int, end: int) -> Mention | None:
    """The subject of a German speech verb that ends its clause (languages round): the
    person named right after "wie" or an auxiliary ("Wie der Bundesaußenminister Heiko
    Maas am Freitag mitteilte", "hatte der OSZE-Vorsitzende Edi Rama … gesagt"), or the
    person a relative "der"/"die" after a comma refers to ("Bundespräsident Frank-Walter
    Steinmeier, der … gefordert hatte")."""
    toks = tokens(text, start, end)
    for index, tok in enumerate(toks[:-1]):
        if tok.word.lower() in _DE_SUBJECT_AFTER and not tok.stops:
            run = toks[index + 1 : index + 12]
            head = 1 if run and run[0].word in ("der", "die") else 0
            size = head
            while size < len(run) and is_capitalised(run[size].word) and not run[size].stops:
                size += 1  # "der OSZE-Vorsitzende Edi Rama" [zu Beginn …]
            if size < len(run) and is_capitalised(run[size].word):
                size += 1  # the run's last word carries the comma
            found = classify_phrase([t.text for t in run[:size]]) if size > head else None
            if found is not None and found.kind == "person":
                found.position = run[0].start
                return found
    for index in range(len(toks) - 2, 0, -1):
        if (
            toks[index].word in ("der", "die")
            and toks[index - 1].raw.endswith(",")
            and toks[index + 1].word[:1].islower()
        ):
            before = classify_phrase(_name_run_before(toks[:index]))
            if before is not None and before.kind == "person":
                before.position = toks[index - 1].start
                return before
            return None
    return None


def _german_after_verb(text: str, start: int, end: int) -> Mention | None:
    """The subject after a German verb in second place ("Das sagte der norwegische
    Missionsleiter Jan Petersen am Montag", "Dies erklärte der neue OSZE-Vorsitzende, der
    norwegische Außenminister Knut Vollebæk"): an article, lower-case adjectives, the
    capitalised title and the name; an apposition with its own article may come between
    (eighth round)."""
    toks = tokens(text, start, min(end, start + 300))
    run: list[str] = []
    index = 0
    while index < len(toks):
        tok = toks[index]
        word = tok.word
        if not run and word.lower() in ("der", "die"):
            index += 1
            continue
        if word[:1].islower() and word.endswith(("e", "en")) and not tok.stops:
            index += 1  # "norwegische", "neue"
            continue
        if not is_capitalised(word):
            break
        run.append(tok.text)
        if (
            tok.raw.endswith(",")
            and index + 1 < len(toks)
            and toks[index + 1].word in ("der", "die")
        ):
            run = []  # "der neue OSZE-Vorsitzende, der norwegische Außenminister X"
            index += 2
            continue
        if tok.stops:
            break
        index += 1
    found = classify_phrase(run) if run else None
    if found is not None and found.kind == "person" and " " in found.name:
        found.position = start
        return found
    return None


def _name_run_before(toks: list) -> list[str]:
    """The capitalised words that end a clause ("Bundespräsident Frank-Walter Steinmeier,")."""
    run: list[str] = []
    for tok in reversed(toks):
        if not is_capitalised(tok.word) or (run and tok.stops):
            break
        run.insert(0, tok.text)
    return run


def _opening_person(text: str, start: int, end: int) -> Mention | None:
    """The person a clause opens with when the words up to the verb are a predicate of
    theirs ("Trump doubled down on his comments and said", "Priebus later Thursday told"):
    no relative clause and nobody else named in between."""
    subject = _sentence_subject(text, start, end)
    if subject is None or subject.kind != "person":
        return None
    if " " not in subject.name and subject.name.endswith("ing"):
        return None  # "Addressing intolerance ... concluded participants": no name
    rest = text[subject.position : end].split()[len(subject.name.split()) :]
    after_preposition = False  # "Кулеба после переговоров с Османи призвал": an object
    preposition = False
    for word in rest:
        low = clean(word).lower()
        if low in _RELATIVE_OR_SUBORDINATE:
            return None
        if is_capitalised(clean(word)) and low not in _DAYS_MONTHS and not after_preposition:
            return None
        # "Кассис на переговорах с главой МИД России Сергеем Лавровым в пятницу заявил": a
        # Russian role noun after the preposition keeps its object going
        role_noun = preposition and "а" <= low[:1] <= "я" and word[-1:] not in ",;:"
        after_preposition = low in PREPOSITIONS or (
            after_preposition
            and (is_capitalised(clean(word)) or role_noun)
            and word[-1:] not in ",;:"
        )
        preposition = low in PREPOSITIONS
    return subject


#: words that start a clause of someone else ("Trump's critics, who said")
_RELATIVE_OR_SUBORDINATE = frozenset(
    ["who", "whom", "whose", "which", "that", "when", "while", "after", "before", "because"]
    + ["if", "as", "since", "although", "though", "where", "he", "she", "they", "we", "i"]
)
_DAYS_MONTHS = frozenset(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    + ["january", "february", "march", "april", "may", "june", "july", "august"]
    + ["september", "october", "november", "december"]
)


def _sentence_subject(text: str, start: int, end: int) -> Mention | None:
    """The capitalised run that opens a sentence, when it names a person."""
    first = text[start:end].split()[:1]
    if first and clean(first[0]).lower() in PRONOUNS:
        return Mention("pronoun", clean(first[0]).lower(), position=start)  # "he ... said, “…”"
    offset = start
    for segment in text[start:end].split(",")[:6]:
        words = []
        for word in segment.split()[:8]:
            if word[:1] in '“”"«»„‹›' or not is_capitalised(clean(word)):
                break
            words.append(word)
        mention = classify_phrase(words) if words else None
        if mention is not None and mention.kind == "person":
            mention.position = offset  # "Here in Columbia, Sanders stepped up ..., saying"
            return mention
        offset += len(segment) + 1
    return None


#: a word and a comma that may open a quote sentence ("Then, “…”", "Indeed, “…”")
_OPENERS = words("adverbs") | {
    "then",
    "indeed",
    "but",
    "and",
    "yet",
    "still",
    "so",
    "again",
    "meantime",
}

#: "made the due statement", "issued a statement": a statement referred back to
_DELIVER_VERBS = words("deliver_verbs")

#: "according to him/her": the object pronoun stands for the subject pronoun
_OBJECT_PRONOUNS = {"him": "he", "her": "she", "lui": "he", "elle": "she"}
_OBJECT_PRONOUNS |= {"ses": "ses", "son": "son", "leur": "leur"}  # "A ses yeux": either gender

#: "по словам Заньера": the name after these is declined, not in the nominative
INDIRECT = frozenset(["according to", "по словам", "selon", "so", *SOURCE_PREPOSITIONS])

#: verbs that introduce the quote right after them ("and said, “…”", "yelled “…”")
_SAID = words("introducing_verbs")


def _within_budget(paragraphs: list[str]) -> list[str]:
    """The paragraphs up to _MAX_TEXT characters (the last one cut), non-strings as empty."""
    out: list[str] = []
    left = _MAX_TEXT
    for paragraph in paragraphs:
        if left <= 0:
            break
        text = paragraph if isinstance(paragraph, str) else ""
        out.append(text[:left] if len(text) <= _MAX_PARAGRAPH else "")
        left -= len(text)
    return out


def _next(positions: list[int], after: int, default: int) -> int:
    """The first of the sorted positions greater than after, else default."""
    at = bisect_right(positions, after)
    return positions[at] if at < len(positions) else default


def _between(
    items: list[Attribution], positions: list[int], low: int, high: int
) -> list[Attribution]:
    """The items whose sorted positions lie in [low, high)."""
    return items[bisect_left(positions, low) : bisect_left(positions, high)]


def _fullest_org(name: str, masked: list[str]) -> str:
    """ "Mission" -> "OSCE Mission to Croatia" when the article names it so."""
    head = name.split()[-1] if name.split() else name
    best = name
    pattern = re.compile(
        rf"(?:[A-Z][\w’'-]*\s){{0,4}}{re.escape(head)}(?:\s(?:to|in|for|of|on)\s(?:the\s)?"
        rf"[A-Z][\w’'-]*(?:\s[A-Z][\w’'-]*){{0,3}})?"
    )
    for text in masked[:50]:
        text = text[:20_000].replace("*", "")  # "Committee** of Special Procedures": a footnote
        for match in pattern.finditer(text):
            found = match[0]
            words = found.split()
            while words and clean(words[0]).lower() in ("the", "a", "an", "this", "in", "on"):
                words = words[1:]
            found = " ".join(words)
            if len(found) > len(best) and name.split()[0].lower() in found.lower():
                best = found
    return best


def _title_like(text: str, longest: int = 8) -> bool:
    """A name or a title ("Women in Politics"), not a sentence someone said."""
    words = text.split()
    if not words or len(words) > longest or text.rstrip("”\"»’' ")[-1:] in _TERMINAL + ",":
        return False
    content = [
        w
        for w in words
        if clean(w).lower() not in {"of", "the", "and", "in", "for", "on", "to", "a"}
    ]
    capitals = sum(1 for w in content if is_capitalised(clean(w)))
    return bool(content) and capitals / len(content) >= 0.6


def _show_title(lead: str, text: str) -> bool:
    """ "on MSNBC's “Morning Joe,”", "CNN’s “State of the Union”": a programme's name."""
    words = lead.split()
    if not words or len(text.split()) > 6:
        return False
    return words[-1].endswith(("'s", "’s")) and _title_like(text.rstrip(",").rstrip())


def _word_count(text: str) -> int:
    return len(text.split())


def find_quotes(
    paragraphs: list[str], language: str | None = None, context: list[str] | None = None
) -> tuple[list[Quote], list[Speaker]]:
    """Quotes with speakers and roles, and everyone the article reports as speaking.

    ``context``: the article's other texts (title, metadata lines) whose people roles may
    resolve to ("the Secretary General said" when only the title names Helga Maria Schmid).
    ``extract_article`` runs it guarded: a page whose text defeats the rules gives no
    quotes and a warning the manifest counts ("layer failed: quotes"), not a lost item.
    """
    return _find_quotes(list(paragraphs or []), language, context)


def _find_quotes(
    paragraphs: list[str], language: str | None, context: list[str] | None = None
) -> tuple[list[Quote], list[Speaker]]:
    article = _Article(paragraphs, language, context)
    quotes: list[Quote] = []
    open_quote: Quote | None = None
    for number, paragraph in enumerate(article.paragraphs):
        spans = article.spans[number]
        masked = article.masked[number]
        carried = article.last_speaker if number - article.last_paragraph <= 2 else None
        if carried and any(
            article.last_paragraph < person.first[0] < number and person.name != carried[0]
            for person in article.book.people.values()
        ):
            carried = None  # someone else was introduced since: not carried over blindly
        every = article.attributions(number)
        # "Sergey Lavrov’s statement" lists Lavrov; a quote in its sentence is not his
        attributions = [a for a in every if not a.verb.lists_only]
        starts = _sentence_starts(masked)
        article.positions = ([s.open_at for s in spans], [a.verb.start for a in attributions])
        # a headline's words in marks are no speech (a listing's teaser)
        quoted = spans if spans and not _headline_before_dateline(article, number) else []
        for span_index, span in enumerate(quoted):
            text = paragraph[span.start : span.end].strip()
            if span_index == 0 and open_quote is not None and span.open_at == 0:
                open_quote.text += "\n" + text
                if open_quote.speaker is None:
                    found = _sentence_attribution(
                        article, number, span, spans, starts, attributions
                    )
                    if found:
                        open_quote.speaker, open_quote.speaker_role = _speaker_of(article, found)
                if span.closed:
                    open_quote = None
                continue
            open_quote = None
            if not span.closed and number == len(article.paragraphs) - 1:
                continue  # the text is cut inside the quote
            quote = _quote_for(article, number, span, spans, starts, attributions, carried, text)
            if quote is None:
                continue
            quotes.append(quote)
            if not span.closed:
                open_quote = quote
        if open_quote is not None and number + 1 < len(article.paragraphs):
            nxt = article.spans[number + 1]
            if not nxt or nxt[0].open_at != 0 or paragraph.rstrip()[-1:] not in _TERMINAL + ":;":
                open_quote = None  # a quote goes on in the next paragraph after a full stop
        if number and attributions and attributions[0].kind == "person":
            _statement_after(article, quotes, number, attributions[0])
        for attribution in every:
            article.note_speaker(attribution, number)
        for quote in reversed(quotes):
            if quote.paragraph != number:
                break
            if quote.speaker and quote.speaker in article.book.people:
                article.spoke.setdefault(quote.speaker, (number, 0))
    people = list(article.book.people)
    known_kinds = {q.speaker: q.speaker_kind for q in quotes if q.speaker and q.speaker_kind}
    for quote in quotes:
        while quote.speaker in article.renamed:
            quote.speaker = article.renamed[quote.speaker]
        if not quote.speaker:
            quote.speaker = quote.speaker_role = quote.speaker_kind = None
            continue
        if quote.speaker_kind is None:
            # a speaker carried to the quote without its kind (a quote left open across
            # paragraphs): the schema's rule, a kind exactly when there is a speaker
            quote.speaker_kind = known_kinds.get(quote.speaker) or _kind_of(quote.speaker, None)
        if quote.speaker_kind == "person" and quote.speaker not in article.book.people:
            # a role nobody in the article was named with: the article's only person
            gender = gender_of(quote.speaker.split())
            if (
                len(people) == 1
                and not article.book.by_role(quote.speaker)
                and gender in (None, article.book.gender(people[0]))
            ):
                quote.speaker = people[0]
                quote.speaker_role = article.book.role_of(people[0])
                article.spoke.setdefault(people[0], (quote.paragraph, 0))
    if len(people) == 1 and people[0] not in article.spoke:
        # "the address delivered by the OSCE Chairperson-in-Office" when the article's only
        # person was introduced with other titles: that person spoke, as for quotes above
        for role, number in article.roles_spoke:
            if gender_of(role.split()) in (None, article.book.gender(people[0])):
                article.spoke.setdefault(people[0], (number, 0))
                break
    inner_roles = _speakers_in_documents(article, quotes, language)
    speakers = [
        Speaker(name=name, role=article.book.role_of(name) or inner_roles.get(name))
        for name, _ in sorted(article.spoke.items(), key=lambda item: item[1])
    ]
    return _split_at_dashes(quotes), speakers


#: "«A, — сказала она. — B»": a Russian quote interrupted by its attribution between dashes
#: "«A, — сказала она. — B»"; also with the first dash left out, as a German text writes it:
#: "„A, sagte er. — B“" (seventh round)
_DASHED = re.compile(
    r"^(.+?[,!?…])\s+(?:[—–-]\s+)?((?:\S+\s+){0,3}\S+?)[.,]\s+[—–-]\s+(\S.*)$", re.S
)


def _split_at_dashes(quotes: list[Quote]) -> list[Quote]:
    """One pair of marks holding two quotes split by a dialogue-dash attribution ("«ОБСЕ
    имеет большую важность, — сказала она. — У нас есть инструменты»"): two quotes of
    the same speaker (rule 3 of the labelling guide), when the words between the dashes
    hold a speech verb (languages round)."""
    out: list[Quote] = []
    for quote in quotes:
        found = _DASHED.match(quote.text)
        said = found and any(
            # "- говорится в документе. -": a document's verb splits it too (ninth round)
            clean(w).lower() in VERB_WORDS or clean(w).lower() in RU_IMPERSONAL
            for w in found[2].split()
        )
        if not said:
            out.append(quote)
            continue
        first, second = found[1].rstrip(","), found[3]
        for text in (first, second):
            out.append(
                Quote(
                    text,
                    quote.speaker,
                    quote.speaker_role,
                    quote.paragraph,
                    quote.partial,
                    quote.speaker_kind,
                )
            )
    return out


def _speakers_in_documents(
    article: _Article, quotes: list[Quote], language: str | None
) -> dict[str, str | None]:
    """ "“The OSCE Chairman Zbigniew Rau and Secretary General Helga Maria Schmidt today
    announced …”, the statement said": the people a quoted statement reports as speaking
    spoke. They are listed (the quote stays the document's), and a surname met outside the
    quote ("Schmidt noted") becomes the full name the statement gives. Their roles."""
    roles: dict[str, str | None] = {}
    for quote in quotes:
        if quote.speaker_kind != "document" or quote.partial:
            continue
        for inner in _find_quotes([quote.text.replace("\n", " ")], language)[1]:
            if " " not in inner.name:
                continue
            roles[inner.name] = inner.role
            surname = inner.name.split()[-1]
            for name in list(article.spoke):
                if name == surname:  # "Шмидт отметила" after the statement named her
                    article.spoke[inner.name] = article.spoke.pop(name)
                    for other in quotes:
                        if other.speaker == name:
                            other.speaker = inner.name
            article.spoke.setdefault(inner.name, (quote.paragraph, 0))
    return roles


def _headline_before_dateline(article: _Article, number: int) -> bool:
    """ "... denounces new legal restrictions as “deeply troubling ...”" / "VIENNA, 15 July
    2022 – The OSCE Representative ...": a line without a final stop right before a
    paragraph that opens with a dateline is a headline (a listing's teaser, or an article's
    title kept in its text)."""
    if number + 1 >= len(article.paragraphs):
        return False
    line = article.paragraphs[number].rstrip().rstrip("”\"»“’'").rstrip()
    if not line or line[-1] in _TERMINAL + ":;," or len(line) > 400:
        return False
    return find_dateline(article.paragraphs[number + 1], article.language) is not None


def _french_inverted(masked: str, verb: Verb, loose: bool = False) -> bool:
    """ "…, a déclaré Osmani." / "», a mentionné George Tsereteli.": a French compound verb
    after a comma with a capitalised word right after it (``loose``: any word after it)."""
    if masked[verb.start : verb.start + 2] not in ("a ", "on"):
        return False
    before = masked[max(0, verb.start - 3) : verb.start].rstrip()
    after = masked[verb.end : verb.end + 3].lstrip()
    return before.endswith(",") and (loose or after[:1].isupper())


def _statement_after(
    article: _Article, quotes: list[Quote], number: int, first: Attribution
) -> None:
    """ "“We closely monitor the conflict.”" / "Secretary General X made the due statement in
    an interview": a quote paragraph nobody was given to goes to the person who, first thing
    in the next paragraph, made or gave a statement."""
    masked = article.masked[number]
    if first.verb.word not in _DELIVER_VERBS or first.verb.start > _sentence_end_of(masked, 0):
        return
    for quote in quotes:
        if quote.paragraph == number - 1 and quote.speaker is None:
            previous = article.masked[number - 1]
            if _whole_paragraph(previous, article.spans[number - 1][0]):
                quote.speaker, quote.speaker_role = _speaker_of(article, first)
                quote.speaker_kind = "person"


def _speaker_of(article: _Article, attribution: Attribution) -> tuple[str | None, str | None]:
    role = article.book.role_of(attribution.speaker) if attribution.kind == "person" else None
    return attribution.speaker, role


def _sentence_attribution(
    article: _Article,
    number: int,
    span: Span,
    spans: list[Span],
    starts: list[int],
    attributions: list[Attribution],
) -> Attribution | None:
    """The attribution in the quote's own sentence: right after it, else before it."""
    masked = article.masked[number]
    sentence_start = starts[bisect_right(starts, span.open_at) - 1]
    close = span.close_at if span.close_at is not None else span.end
    ends_sentence = masked[span.start : span.end].rstrip()[-1:] in _TERMINAL
    opens, verbs = article.positions
    next_open = _next(opens, close, len(masked))
    sentence_end = _next(starts, close, len(masked))
    after = _between(attributions, verbs, close + 1, min(next_open, sentence_end))
    if ends_sentence and not after and sentence_end < len(masked):
        # “…climate.” Schmid said.  (a short sentence of attribution only)
        nxt_end = _next(starts, sentence_end, len(masked))
        short = masked[sentence_end:nxt_end]
        if len(short.split()) <= 6 and _next(opens, sentence_end - 1, nxt_end) >= nxt_end:
            after = _between(attributions, verbs, sentence_end, nxt_end)
        elif masked[close - 1 : close] in "!?" and sentence_end == _next(starts, close, 0):
            # “All the way!” Dawson shouted, shorthand for ...: the verb opens the sentence
            head = sentence_end + len(" ".join(short.split()[:4]))
            if _next(opens, sentence_end - 1, head) >= head:
                after = _between(attributions, verbs, sentence_end, head + 1)
    before = _between(attributions, verbs, sentence_start, span.open_at)
    if (
        after
        and not ends_sentence
        and after[0].kind in ("org", "document")
        and before
        and before[-1].kind in ("person", "role")
    ):
        # "The secretary-general confirmed “…,” the mission said": the words are the
        # person's, the mission only reports them (the innermost attribution)
        return before[-1]
    if after and not ends_sentence:
        return after[0]
    if before:
        return before[-1]
    if after:
        return after[0]
    return None


#: words after which a quote is the reported speech itself, not a fragment in a sentence
_INTRODUCERS = frozenset(
    [
        "that",
        "said",
        "says",
        "stated",
        "added",
        "noted",
        "stressed",
        "told",
        "explained",
        "warned",
        "underlined",
        "emphasized",
        "emphasised",
        "declared",
        "concluded",
        "dass",
        "que",
        "что",
        "sagte",
        "betonte",
        "erklärte",
    ]
)


def _is_partial(lead: str, trail: str = "") -> bool:
    """A quote whose sentence runs straight into it ('were “waffling on ...”') or on after
    it ('“…” and forced more than ...') is partial."""
    words = lead.rstrip().split()
    if not words:
        return trail.split()[:1] in (["and"], ["or"], ["und"], ["et"], ["и"])
    last = words[-1].lower()
    return last[-1:].isalnum() and last not in _INTRODUCERS


def _inside_sentence(lead: str, text: str, language: str | None) -> bool:
    """ "Il n'a pas été facile d'obtenir un mandat, « mais maintenant il y a consensus », a-t-il
    ajouté": words in marks that go on a narrative clause after its comma, in lower case, are
    a fragment (no earlier quote in the sentence: "“A,” she said, “and B.”" is one quote
    split; tenth round)."""
    return (
        language == "fr"
        and text[:1].islower()
        and lead.rstrip().endswith(",")
        and len(lead.split()) >= 4
        and not any(mark in lead for mark in '“”"«»„')
    )


def _quote_for(
    article: _Article,
    number: int,
    span: Span,
    spans: list[Span],
    starts: list[int],
    attributions: list[Attribution],
    carried: tuple[str, str] | None,
    text: str,
) -> Quote | None:
    """The quote of a span, or None when it is not reported speech."""
    masked = article.masked[number]
    if not any(c.isalpha() for c in text):
        return None  # '“5+2” format', '“2030”': a label without words, no speech
    sentence_start = starts[bisect_right(starts, span.open_at) - 1]
    lead_start = max(sentence_start, span.open_at - 400)  # bounded: linear on long text
    lead = masked[lead_start : span.open_at]
    if _NAMING_CUE.search(lead[-40:]) or _title_like(text) or _show_title(lead, text):
        return None
    if ("otto" in lead or "logan" in lead or "evise" in lead or "евиз" in lead) and _MOTTO.search(
        lead[-160:]
    ):
        return None
    alone = not masked[: span.start].strip(' “"«„') and _whole_paragraph(masked, span)
    if alone and _title_like(text, longest=14):
        return None  # a line that is only a title in marks (a hearing's, an event's name)
    close = span.close_at if span.close_at is not None else span.end
    trail = masked[close + 1 : close + 12]
    if (
        _word_count(text) >= 2
        and (_is_partial(lead, trail) or _WORK.search(lead[-30:]))
        and _title_like(text.rstrip(".,;:"))
    ):
        return None  # 'in “The Revenant.”', 'his new book, “Crippled America,”': a title
    if text.endswith(",") and trail.lstrip().startswith("by "):
        return None  # '“Posthumous books could ...,” by Boston Globe’s ...': a work's title
    found = _sentence_attribution(article, number, span, spans, starts, attributions)
    if found is not None:
        speaker, role = _speaker_of(article, found)
        close = span.close_at if span.close_at is not None else span.end
        partial = _is_partial(lead, masked[close + 1 : close + 12]) or _inside_sentence(
            lead, text, article.language
        )
        return Quote(text, speaker, role, number, partial, _kind_of(speaker, found.kind))
    if article.language == "de" and lead.strip() and _reported_speech(masked, span, starts):
        # "Bonn sei „besorgt über …“", "Denn es gebe \"…\" …, so die OSZE.": words in
        # marks inside a sentence of reported speech (the subjunctive) are the words of the
        # speaker the paragraph reports, before or after it (eighth round)
        at = bisect_right(article.positions[1], span.open_at)
        before = [a for a in attributions[:at] if a.kind in ("person", "role", "org")]
        after = [a for a in attributions[at : at + 2] if a.kind in ("person", "role", "org")]
        chosen = before[-1] if before else after[0] if after else None
        if chosen is not None:
            speaker, role = _speaker_of(article, chosen)
            partial = _is_partial(lead, trail)
            return Quote(text, speaker, role, number, partial, _kind_of(speaker, chosen.kind))
    # no speech verb in its sentence: it must stand as a sentence of its own, or be
    # introduced by a colon ("Howard Kurtz, Fox News: “…”", "tweeted: “…”")
    standalone = not lead.strip(" –—-:") or span.open_at == 0
    opener = lead.split()
    if len(opener) == 1 and clean(opener[0]).lower() in _OPENERS:
        standalone = True  # "Then, “I try to explain it to them.”"
    if not standalone and lead.rstrip().endswith(":") and _word_count(text) >= 2:
        colon = lead_start + len(lead.rstrip()) - 1
        subject = parse_subject(masked, sentence_start, colon)
        head = lead.split(",")[0].split()
        whole = lead_start == sentence_start
        if (
            whole
            and "," in lead
            and subject is not None
            and subject.kind != "person"
            and len(head) <= 4
        ):
            first = classify_phrase(head)  # "Howard Kurtz, Fox News: “…”": the person
            if first is not None and first.kind == "person":
                first.position = sentence_start
                subject = first
        if (subject is None or subject.kind not in ("person", "role", "org")) and whole:
            # "Sanders delivered a snappy retort: “…”": the person the sentence opens with
            opener = _sentence_subject(masked, sentence_start, colon)
            if opener is not None and opener.kind == "person":
                subject = opener
        if subject is not None and subject.kind in ("person", "role", "org"):
            speaker, kind = article.resolve(subject, (number, subject.position))
            role = article.book.role_of(speaker) if kind == "person" and speaker else None
            return Quote(text, speaker, role, number, False, _kind_of(speaker, kind))
        standalone = True
    said = lead.rstrip(" ,:").split()[-1:]
    if not standalone and said and clean(said[0]).lower() in _SAID:
        # "... furrowed his brow and said, “I'm gonna endorse YOU!”": the sentence's subject
        subject = _sentence_subject(masked, sentence_start, span.open_at)
        speaker, kind = (
            article.resolve(subject, (number, subject.position)) if subject else (None, None)
        )
        role = article.book.role_of(speaker) if kind == "person" and speaker else None
        return Quote(text, speaker, role, number, False, _kind_of(speaker, kind))
    at = bisect_right(article.positions[1], span.open_at)
    # after an attribution in the same paragraph, a short sentence is said too ("“A,”
    # Sanders wrote. “That is unacceptable.”")
    follows = at > 0 and attributions[at - 1].verb.start > (spans[0].open_at if spans else 0)
    if not standalone or _word_count(text) < (1 if follows else 4):
        return None
    previous = [a for a in attributions[max(0, at - 3) : at] if a.kind != "document"]
    following = [a for a in attributions[at : at + 3] if a.kind != "document"]
    kind: str | None
    if previous:
        speaker, role = _speaker_of(article, previous[-1])
        kind = previous[-1].kind
    elif carried:
        speaker, kind = carried
        role = article.book.role_of(speaker) if kind == "person" else None
    elif following:
        speaker, role = _speaker_of(article, following[0])
        kind = following[0].kind
    elif span.open_at == 0 and number and not article.spoke and _whole_paragraph(masked, span):
        # a quote paragraph before anyone has spoken, after a paragraph about someone
        # ("Chairman Osmani met the Head of Mission ..." / "“The field missions are ...”"):
        # the person that paragraph opens with
        speaker, kind = _previous_subject(article, number - 1)
        role = article.book.role_of(speaker) if speaker else None
    else:
        speaker = role = kind = None  # kept: a quote whose speaker the text does not give
    return Quote(text, speaker, role, number, False, _kind_of(speaker, kind))


#: German subjunctive (Konjunktiv I) forms that differ from the indicative: a sentence of
#: reported speech ("Bonn sei …", "es gebe …", "das Kontingent werde …")
_DE_SUBJUNCTIVE = re.compile(
    r"\b(?:sei|seien|habe|gebe|werde|könne|müsse|solle|wolle|dürfe|möge|bleibe|liege|stehe)\b"
)


def _reported_speech(masked: str, span: Span, starts: list[int]) -> bool:
    """Whether the sentence around a span (outside its marks) is German reported speech."""
    start = starts[bisect_right(starts, span.open_at) - 1]
    end = _next(starts, span.open_at, len(masked))
    return _DE_SUBJUNCTIVE.search(masked[start:end]) is not None


def _whole_paragraph(masked: str, span: Span) -> bool:
    """The quote is all its paragraph holds (no "they said" after it)."""
    close = span.close_at if span.close_at is not None else span.end
    return not masked[close + 1 :].strip(' .,;:”"»’')


def _previous_subject(article: _Article, number: int) -> tuple[str | None, str | None]:
    """The person a paragraph opens with, as its subject, resolved; else nobody."""
    masked = article.masked[number]
    start = len(masked) - len(masked.lstrip())
    end = _sentence_end_of(masked, start)
    subject = _sentence_subject(masked, start, end)
    if subject is None or subject.kind != "person" or subject.position != start:
        return None, None
    speaker, kind = article.resolve(subject, (number, subject.position))
    return (speaker, kind) if speaker and kind == "person" else (None, None)


def _sentence_end_of(masked: str, start: int) -> int:
    starts = _sentence_starts(masked)
    return _next(starts, start, len(masked))


#: what the rules call a mention -> the item's speaker_kind
_KINDS = {
    "person": "person",
    "name": "person",
    "role": "person",
    "org": "organisation",
    "group": "organisation",
    "document": "document",
}


def _kind_of(speaker: str | None, kind: str | None) -> str | None:
    """The speaker_kind of a quote: None exactly when the speaker is unknown."""
    if not speaker:
        return None
    return _KINDS.get(kind or "", "person")
