"""The archived item: one definition, used by the extractor, the pipelines and the tests.

Every key is always present when serialised; a missing value is ``None`` or ``[]``.
``page_kind`` is not part of the archived item: it tells the spider whether the page
was an article at all (a listing, an error page or a cookie wall never becomes an item).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from typing import Any

EXTRACTOR_VERSION = "1.1.0"

#: Values of ``Article.page_kind``; only ``"article"`` pages are archived.
PAGE_KINDS = ("article", "listing", "search", "error", "cookie_wall", "empty")


@dataclass
class Dateline:
    text: str
    place: str | None
    date: str | None


@dataclass
class Quote:
    text: str
    speaker: str | None
    speaker_role: str | None
    paragraph: int
    partial: bool = False  # a fragment quoted inside a narrative sentence ("a “ferocious” war")
    #: person | organisation | document, None when the speaker is unknown (speaker None)
    speaker_kind: str | None = None


@dataclass
class Speaker:
    name: str
    role: str | None


@dataclass
class GlossaryEntry:
    term: str
    definition: str


@dataclass
class Attachment:
    url: str
    title: str | None
    media_type: str | None
    sha256: str | None = None  # set when the file was downloaded (--with-files)
    path: str | None = None  # where it is stored, relative to the archive


@dataclass
class Translation:
    language: str
    url: str


@dataclass
class Article:
    url: str
    canonical_url: str | None = None
    node_id: str | None = None
    language: str | None = None
    content_type: str | None = None
    title: str | None = None
    published: str | None = None
    modified: str | None = None
    place: str | None = None
    sources: list[str] = field(default_factory=list)
    fields_of_work: list[str] = field(default_factory=list)
    dateline: Dateline | None = None
    lead: str | None = None
    body: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    speakers: list[Speaker] = field(default_factory=list)
    glossary: list[GlossaryEntry] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    translations: list[Translation] = field(default_factory=list)
    provenance: dict[str, str] = field(default_factory=dict)
    extraction_warnings: list[str] = field(default_factory=list)
    extractor_version: str = EXTRACTOR_VERSION
    page_kind: str = field(default="article", metadata={"serialise": False})
    #: links of the page's related-content block: more articles for the spider to find
    related_urls: list[str] = field(default_factory=list, metadata={"serialise": False})

    @property
    def is_article(self) -> bool:
        return self.page_kind == "article"

    def warn(self, message: str) -> None:
        if message not in self.extraction_warnings:
            self.extraction_warnings.append(message)

    def to_dict(self) -> dict[str, Any]:
        """The archived form: exactly the item keys, in schema order."""
        data = asdict(self)
        for f in fields(self):
            if f.metadata.get("serialise") is False:
                del data[f.name]
        return data

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)


#: The keys of a serialised item, in order.
ITEM_KEYS: tuple[str, ...] = tuple(
    f.name for f in fields(Article) if f.metadata.get("serialise") is not False
)
