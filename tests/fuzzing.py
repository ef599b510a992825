"""Mutations of real mirror pages, for the extractor's fuzz test and benchmark."""

from __future__ import annotations

import random
from collections.abc import Callable

from osce_crawler.mirror.pages import load_records, render_article, render_redesign

NASTY = [
    b"<div",
    b"</p>",
    b"<!--",
    b"-->",
    b"<![CDATA[",
    b"<script>",
    b"</script>",
    b"&#x0;",
    b"&amp",
    b"\x00",
    b"\xff\xfe",
    b"\xe2\x80\x8f",
    b"\xed\xa0\x80",
    b"<html>",
    b"<body>",
    b"</html>",
    b"\xe2\x80\x9c",
    b"\xe2\x80\x9d",
    b"\xc2\xab",
    b'"',
    b"<table><tr><td>",
    b"<svg><math>",
    b'<meta charset="utf-16">',
    b'<meta charset="bogus">',
    b'<base href="javascript:x">',
    b"VIENNA, 31 February 2021 \xe2\x80\x94 ",
    b"Date: 99.99.9999",
    b'<time datetime="9999-99-99">',
    b'<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": [',
]


def seed_pages() -> list[bytes]:
    records = list(load_records())
    pages = [render_article(r, "https://www.osce.org", records[:3]).encode() for r in records]
    pages += [render_redesign(r, "https://www.osce.org").encode() for r in records[:6]]
    return pages


def _span(rng: random.Random, data: bytes) -> tuple[int, int]:
    start = rng.randrange(len(data) + 1)
    return start, min(len(data), start + rng.randrange(1, 4000))


def truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def delete(rng: random.Random, data: bytes) -> bytes:
    start, end = _span(rng, data)
    return data[:start] + data[end:]


def duplicate(rng: random.Random, data: bytes) -> bytes:
    start, end = _span(rng, data)
    return data[:end] + data[start:end] * rng.randrange(1, 50) + data[end:]


def insert_nasty(rng: random.Random, data: bytes) -> bytes:
    at = rng.randrange(len(data) + 1)
    junk = b"".join(rng.choice(NASTY) for _ in range(rng.randrange(1, 30)))
    return data[:at] + junk + data[at:]


def flip_bytes(rng: random.Random, data: bytes) -> bytes:
    buffer = bytearray(data)
    for _ in range(rng.randrange(1, 200)):
        if buffer:
            buffer[rng.randrange(len(buffer))] = rng.randrange(256)
    return bytes(buffer)


def nest(rng: random.Random, data: bytes) -> bytes:
    at = rng.randrange(len(data) + 1)
    depth = rng.randrange(100, 3000)
    tag = rng.choice([b"div", b"span", b"li", b"b", b"p"])
    return data[:at] + (b"<" + tag + b">") * depth + data[at:]


def shuffle_lines(rng: random.Random, data: bytes) -> bytes:
    lines = data.split(b"\n")
    rng.shuffle(lines)
    return b"\n".join(lines)


MUTATORS: list[Callable[[random.Random, bytes], bytes]] = [
    truncate,
    delete,
    duplicate,
    insert_nasty,
    flip_bytes,
    nest,
    shuffle_lines,
]


def mutate(rng: random.Random, page: bytes) -> bytes:
    """One to four random mutations of a page."""
    for _ in range(rng.randrange(1, 5)):
        page = rng.choice(MUTATORS)(rng, page)
    return page
