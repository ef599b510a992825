"""Text normalisation shared by every extractor layer."""

from __future__ import annotations

import unicodedata

from bs4 import Tag

_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)


def clean_text(text: str) -> str:
    """NFC-normalise, drop soft hyphens and zero-width characters, collapse white space."""
    if not text.isascii():  # ASCII text is NFC already and holds no invisible characters
        text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    return " ".join(text.split())  # str.split() splits where the regex \s+ would


def short_text(tag: Tag, limit: int) -> str | None:
    """``clean_text(tag.get_text(" "))`` when it has at most ``limit`` characters, else None.

    Asking whether the element after a title is a short date line must not read the whole
    article under it: the strings are read only until the text is surely too long (NFC
    joins at most three characters into one, so 3 x ``limit`` visible ones are too many).
    """
    pieces: list[str] = []
    visible = 0
    for piece in tag.strings:
        pieces.append(piece)
        visible += len("".join(piece.translate(_INVISIBLE).split()))
        if visible > 3 * limit:
            return None
    text = clean_text(" ".join(pieces))
    return text if len(text) <= limit else None
