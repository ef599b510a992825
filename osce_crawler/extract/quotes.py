"""Direct quotes and the people who spoke (first version; rule-based, no models).

Works on the item's paragraphs: finds quoted spans in any of the site's quote marks,
attributes each to a speaker named before or after it ("said X", "X said", "X said:"),
carries the speaker across pronouns and surname-only mentions, and splits titles and
roles from names.
"""

from __future__ import annotations

import re

from osce_crawler.item import Quote, Speaker

# opening mark -> closing marks; ” misused as an opening mark still opens a quote
_PAIRS = {"“": '”"', '"': '"”“', "«": "»", "„": "“”", "”": "”", "»": "«"}
_OPENERS = "".join(_PAIRS)
_SPEECH_VERBS = (
    r"said|says|stated|added|stressed|underlined|noted|emphasi[sz]ed|highlighted|warned|"
    r"told|explained|outlined|proposed|encouraged|considered|called|urged|welcomed|thanked|"
    r"praised|described|announced|expressed|underscored|concluded|pointed out|recalled|"
    r"сказал|сказала|заявил|заявила|отметил|отметила|подчеркнул|подчеркнула|"
    r"sagte|betonte|erklärte|a déclaré|a souligné|a dit"
)
_ROLE_WORDS = frozenset(
    [
        "OSCE",
        "PA",
        "ODIHR",
        "HCNM",
        "UN",
        "EU",
        "Secretary",
        "General",
        "Ambassador",
        "Minister",
        "Foreign",
        "Chairman",
        "Chairperson",
        "Chairman-in-Office",
        "Chairperson-in-Office",
        "President",
        "Vice-President",
        "Head",
        "Director",
        "Deputy",
        "Prime",
        "Representative",
        "Permanent",
        "Special",
        "Commissioner",
        "High",
        "Spokesperson",
        "Co-ordinator",
        "Coordinator",
        "Treasurer",
        "Officer",
        "Chief",
        "Senior",
        "Mr.",
        "Mrs.",
        "Ms.",
        "Dr.",
        "Prof.",
        "Professor",
        "Major",
        "General",
        "Colonel",
        "Lieutenant",
        "Greek",
        "Belgian",
        "Finnish",
        "Swiss",
        "Spanish",
        "Serbian",
        "Italian",
        "Hungarian",
        "German",
        "French",
        "Russian",
        "Austrian",
        "Swedish",
        "Polish",
        "Croatian",
        "Tajik",
        "Afghan",
        "Kazakh",
        "Ukrainian",
        "US",
        "U.S.",
        "Danish",
        "Irish",
        "Dutch",
        "Norwegian",
        "Генеральный",
        "секретарь",
        "ОБСЕ",
        "посол",
        "Постоянный",
        "представитель",
        "OSZE-Generalsekretärin",
        "Secrétaire",
        "générale",
    ]
)
_NAME_WORD = r"[A-ZÀ-ÖØ-ÞА-ЯЁ][\w’'.-]+"
_NAME = re.compile(rf"{_NAME_WORD}(?:\s+(?:de|van|von|da|der|di|del|la|le)?\s*{_NAME_WORD})*")
_PRONOUNS = re.compile(r"^(he|she|they|он|она|er|sie|il|elle)\b", re.I)


def _split_name(phrase: str) -> tuple[str | None, str | None]:
    """'OSCE Secretary General Helga Maria Schmid' -> (name, role)."""
    phrase = phrase.strip(" ,.:;–—-")
    head, _, appositive = phrase.partition(", ")
    words = head.split()
    cut = len(words)
    while cut > 0 and words[cut - 1] not in _ROLE_WORDS and words[cut - 1][:1].isupper():
        cut -= 1
    name = " ".join(words[cut:]) or None
    roles = [" ".join(words[:cut])] if cut else []
    appositive = re.sub(r"^(the|a|an)\s+", "", appositive.strip(), flags=re.I)
    if appositive:
        roles.append(appositive)
    return name, "; ".join(r for r in roles if r) or None


def _quoted_spans(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, closed) of each quoted span in a paragraph."""
    spans: list[tuple[int, int, bool]] = []
    index = 0
    while index < len(text):
        char = text[index]
        opening = char in _OPENERS and (index == 0 or not text[index - 1].isalnum())
        if opening:
            closers = _PAIRS[char]
            end = next((j for j in range(index + 1, len(text)) if text[j] in closers), -1)
            if end == -1:
                spans.append((index + 1, len(text), False))
                break
            spans.append((index + 1, end, True))
            index = end + 1
            continue
        index += 1
    return spans


def _attribution(context: str) -> str | None:
    """The speaker phrase in the text around a quote, e.g. 'said Ambassador X, Head of Y'."""
    after = re.search(
        rf"\b(?:{_SPEECH_VERBS})\s+((?:the\s+)?{_NAME.pattern}(?:,\s+[^.“\"«„]+)?)", context
    )
    if after and not _PRONOUNS.match(after[1]):
        return after[1]
    before = re.search(
        rf"((?:{_NAME.pattern}\s+)*{_NAME.pattern}),?\s+(?:{_SPEECH_VERBS})\b", context
    )
    if before:
        return before[1]
    return None


def find_quotes(
    paragraphs: list[str], language: str | None = None
) -> tuple[list[Quote], list[Speaker]]:
    """Quotes with speakers, and every named speaker once, with the fullest name seen."""
    quotes: list[Quote] = []
    speakers: dict[str, Speaker] = {}
    last_speaker: str | None = None
    open_quote: Quote | None = None

    def resolve(name: str) -> str:
        for full in speakers:
            if full.endswith(" " + name) or full == name:
                return full
        return name

    for number, paragraph in enumerate(paragraphs):
        spans = _quoted_spans(paragraph)
        if open_quote is not None and spans and spans[0][0] == 1:
            start, end, closed = spans.pop(0)
            open_quote.text += "\n" + paragraph[start:end].strip()
            if closed:
                open_quote = None
            continue
        open_quote = None
        outside = paragraph
        for start, end, _closed in spans:
            outside = outside[: start - 1] + " " * (end - start + 2) + outside[end + 1 :]
        phrase = _attribution(outside)
        speaker: str | None = None
        role: str | None = None
        if phrase:
            name, role = _split_name(phrase)
            if name:
                speaker = resolve(name)
                if speaker not in speakers:
                    speakers[speaker] = Speaker(name=speaker, role=role)
                role = speakers[speaker].role
        elif re.search(rf"\b(he|she)\s+(?:{_SPEECH_VERBS})\b", outside, re.I):
            speaker = last_speaker
            role = speakers[speaker].role if speaker in speakers else None
        elif spans and spans[0][0] == 1:
            speaker = last_speaker  # an unattributed quote paragraph: context speaks
            role = speakers[speaker].role if speaker in speakers else None
        for start, end, closed in spans:
            text = paragraph[start:end].strip()
            if len(text.split()) < 4:
                continue  # scare quotes, names, titles: not speech
            quote = Quote(text=text, speaker=speaker, speaker_role=role, paragraph=number)
            quotes.append(quote)
            if not closed:
                open_quote = quote
        if speaker:
            last_speaker = speaker
    return quotes, list(speakers.values())
