"""Bytes to a parsed tree: honour the page's charset, and notice when it lies."""

from __future__ import annotations

import codecs
import re

from bs4 import BeautifulSoup

from osce_crawler.extract.fastsoup import ElementIndex, indexed_soup

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HIGH_BYTES = re.compile(rb"[\x80-\xff]")


def _declared_charset(head: bytes) -> str | None:
    match = _META_CHARSET.search(head)
    if not match:
        return None
    try:
        return codecs.lookup(match[1].decode("ascii")).name
    except LookupError:
        return None


def decode_html(data: bytes) -> tuple[str, list[str]]:
    """Text of an HTML byte string, and warnings about its declared charset.

    Valid UTF-8 with non-ASCII bytes is UTF-8 whatever the page declares (text in a
    single-byte charset is almost never valid UTF-8 by chance); otherwise the declared
    charset when it decodes cleanly; otherwise charset-normalizer's best guess.
    """
    text, _, warnings = _decode(data)
    return text, warnings


def _decode(data: bytes) -> tuple[str, bool, list[str]]:
    """decode_html, and whether the text is exactly ``data.decode("utf-8")``."""
    warnings: list[str] = []
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", "replace"), False, warnings
    declared = _declared_charset(data[:4096])
    if _HIGH_BYTES.search(data):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            if declared and declared != "utf-8":
                warnings.append(f"page declares charset {declared} but is UTF-8")
            return text, True, warnings
    if declared:
        try:
            return data.decode(declared), declared == "utf-8", warnings
        except (UnicodeDecodeError, LookupError):
            warnings.append(f"page declares charset {declared} but its bytes are not {declared}")
    elif not _HIGH_BYTES.search(data):
        return data.decode("ascii"), True, warnings
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    encoding = best.encoding if best is not None else "cp1252"
    if declared:
        warnings[-1] += f"; decoded as {encoding}"
    return data.decode(encoding, "replace"), False, warnings


def parse_document(
    html: bytes | str,
) -> tuple[BeautifulSoup | None, ElementIndex | None, list[str]]:
    """The parsed page (BeautifulSoup, lxml) and its element index, or None when there is
    nothing to parse; and warnings about the bytes."""
    warnings: list[str] = []
    utf8: bytes | None = None  # the bytes, when they are the text in UTF-8
    if isinstance(html, bytes):
        if b"\x00" in html[:4096]:
            warnings.append("page holds NUL bytes: binary content?")
            html = html.replace(b"\x00", b"")
        data = html
        html, is_utf8, found = _decode(data)
        utf8 = data if is_utf8 else None
        warnings.extend(found)
    if not html.strip():
        return None, None, warnings
    # the tree BeautifulSoup(html, "lxml") builds, in about half the time; libxml2 reads
    # UTF-8 bytes faster than a Python string, so it gets the bytes when they are the text
    soup, index = indexed_soup(html) if utf8 is None else indexed_soup(utf8, "utf-8")
    if not (index.elements if index is not None else soup.find()):  # not one element
        return None, None, warnings
    return soup, index, warnings
