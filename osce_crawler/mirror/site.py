"""The offline osce.org: every URL the mirror answers, built from the article records.

Home page, listings with ``?page=N`` pagination (0-based), the RSS feed, a sitemap index
and sitemaps with ``lastmod``, robots.txt with a Disallow rule, field-of-work pages,
article pages in both markup generations and several languages, PDF attachments, and
links (and a redirect) that leave the site. ``--articles N`` adds synthetic articles
recombined from the real texts so that a benchmark can crawl 10,000+ pages.
"""

from __future__ import annotations

import copy
import random
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from html import escape
from urllib.parse import parse_qs

from osce_crawler.mirror.pages import (
    MONTHS,
    Record,
    load_menu,
    load_records,
    plain,
    render_article,
    render_listing,
    render_not_found,
    render_redesign,
    render_search,
)

PAGE_SIZE = 10
SITEMAP_SIZE = 1000
FEED_SIZE = 20
SYNTHETIC_NODE_IDS = 600_000

#: listing path (without language prefix) -> the content types it lists
LISTINGS = {
    "/press-releases": ("Press release", "Пресс-релиз", "Pressemitteilung", "Communiqué de presse"),
    "/news": ("News item", "Statement", "Speech"),
    "/stories": ("Feature story",),
    "/resources/documents": ("Document",),
}
LISTING_TITLES = {
    "/press-releases": "Press releases",
    "/news": "News",
    "/stories": "Stories",
    "/resources/documents": "Documents",
}


def _field_pages() -> dict[str, str]:
    """Every field-of-work landing page of the mega menu: path -> field name."""
    our_work = next(node for node in load_menu() if node["heading"] == "Our work")
    fields = next(node for node in our_work["items"] if node.get("heading") == "Fields of work")
    return {leaf["href"]: leaf["text"] for leaf in fields["items"]}


FIELD_PAGES = _field_pages()
DISALLOWED_PREFIX = "/internal/"
#: an article-like address that moved to another site (the crawler must not follow)
MOVED_OFFSITE_PATH = "/secretariat/400001"

_PLACES = [
    "VIENNA",
    "WARSAW",
    "THE HAGUE",
    "BELGRADE",
    "BISHKEK",
    "SKOPJE",
    "TIRANA",
    "SARAJEVO",
    "PRISTINA",
    "DUSHANBE",
    "ASHGABAT",
    "CHISINAU",
    "KYIV",
    "TASHKENT",
    "ASTANA",
    "GENEVA",
]
_SECTIONS = [
    "secretariat",
    "odihr",
    "hcnm",
    "fom",
    "chairmanship",
    "mission-to-serbia",
    "mission-to-moldova",
    "programme-office-in-bishkek",
    "mission-to-skopje",
    "pa",
]
_SOURCES = [
    "OSCE Secretariat",
    "Office for Democratic Institutions and Human Rights",
    "High Commissioner on National Minorities",
    "Chairmanship",
    "OSCE Mission to Serbia",
    "OSCE Mission to Moldova",
    "OSCE Programme Office in Bishkek",
    "OSCE Representative on Freedom of the Media",
    "OSCE Parliamentary Assembly",
]
_TYPES = [
    ("Press release", 50),
    ("News item", 25),
    ("Statement", 8),
    ("Speech", 5),
    ("Feature story", 7),
    ("Document", 5),
]


def synthesise(count: int, seed: int, pool: list[Record]) -> list[Record]:
    """``count`` articles recombined from the real paragraphs, reproducible from ``seed``."""
    rng = random.Random(seed)
    english = [r for r in pool if r["language"] == "en"]
    paragraphs = [
        p for r in english for p in r["paragraphs"][1:] if not p.startswith("- ") and "[[" not in p
    ]
    titles = [plain(r["title"]) for r in english]
    fields = sorted(FIELD_PAGES.values())
    kinds, weights = zip(*_TYPES, strict=True)
    records = []
    for index in range(count):
        day = date(2004, 1, 1) + timedelta(days=rng.randrange(7850))
        place = rng.choice(_PLACES)
        kind = rng.choices(kinds, weights)[0]
        node_id = str(SYNTHETIC_NODE_IDS + index)
        generation = "panels" if rng.random() < 0.3 else "current"
        dateline = f"{place}, {day.day} {MONTHS['en'][day.month - 1]} {day.year} – "
        body = rng.sample(paragraphs, k=min(len(paragraphs), rng.randint(3, 7)))
        records.append(
            {
                "key": f"synthetic-{node_id}",
                "node_id": node_id,
                "path": f"/{rng.choice(_SECTIONS)}/{node_id}",
                "language": "en",
                "generation": generation,
                "content_type": kind,
                "title": f"{rng.choice(titles)} ({place.title()}, {day.year}, no. {index + 1})",
                "published": day.isoformat(),
                "time": f"{day.isoformat()}T{rng.randrange(7, 19):02d}:{rng.randrange(60):02d}:00Z"
                if generation == "current"
                else None,
                "show_date": rng.random() < 0.5,
                "modified": None,
                "updated_label": None,
                "place": place if generation == "current" else None,
                "sources": rng.sample(_SOURCES, k=rng.choice([1, 1, 1, 2])),
                "fields_of_work": rng.sample(fields, k=rng.choice([0, 1, 1, 2, 3])),
                "paragraphs": [dateline + body[0], *body[1:]],
                "glossary": {},
                "attachments": [],
                "translations": {},
                "caption": None,
                "breadcrumb": None,
                "header_line": None,
                "chrome": True,
                "jsonld": rng.random() < 0.7,
                "summary": None,
                "label_style": rng.choice(["list", "list", "dl", "table"]),
                "date_format": "long",
                "modelled": True,
                "source_url": "synthetic",
            }
        )
    return records


def apply_edition(
    records: list[Record], edition: int, pool: list[Record]
) -> tuple[list[Record], dict[str, int], set[str], set[str], set[str]]:
    """The site at ``edition``: (records, removed path -> status, new, edited, just removed).

    Each edition after the first publishes 3 new articles, edits every 7th existing one
    (offset by the edition) and removes every 11th (404 or 410); ``new``/``edited`` and
    the removals are the changes since the edition before, for tests to compare with.
    """
    removed: dict[str, int] = {}
    new: set[str] = set()
    edited: set[str] = set()
    removed_now: set[str] = set()
    records = list(records)
    for step in range(2, edition + 1):
        new, edited, removed_now = set(), set(), set()
        for index, record in enumerate(records):
            if record["path"] in removed:
                continue
            if index % 11 == step % 11:
                removed[record["path"]] = 410 if step % 2 else 404
                removed_now.add(record["path"])
            elif index % 7 == step % 7:
                changed = copy.deepcopy(record)
                changed["paragraphs"][-1] += f" (Text revised in edition {step}.)"
                changed["modified"] = (date(2026, 1, 1) + timedelta(days=step)).isoformat()
                records[index] = changed
                edited.add(record["path"])
        fresh = synthesise(3, 1000 + step, pool)
        for number, record in enumerate(fresh):
            day = date(2026, 1, 1) + timedelta(days=step)
            _renumber(record, 700_000 + step * 10 + number, "edition", day, "10:00:00")
            new.add(record["path"])
        records.extend(fresh)
    live = [r for r in records if r["path"] not in removed]
    return live, removed, new, edited, removed_now


def added_articles(count: int, seed: int, pool: list[Record]) -> list[Record]:
    """``count`` new articles, published after everything else (newest first in listings).

    Node ids 800000 and up, so they never collide with synthetic (600000+) or edition
    (700000+) articles; reproducible from ``seed``.
    """
    fresh = synthesise(count, 5000 + seed, pool)
    for number, record in enumerate(fresh):
        day = date(2026, 6, 1) + timedelta(days=number // 4)
        _renumber(record, 800_000 + number, "added", day, f"10:{number % 60:02d}:00")
    return fresh


def _renumber(record: Record, node_id: int, kind: str, day: date, clock: str) -> None:
    """A synthesised record as a new article: its own node id, address and publication time."""
    record.update(
        node_id=str(node_id),
        key=f"{kind}-{node_id}",
        path=f"/secretariat/{node_id}",
        published=day.isoformat(),
        time=f"{day.isoformat()}T{clock}Z" if record["time"] else None,
    )


@dataclass
class MirrorResponse:
    status: int
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    last_modified: str | None = None  # ISO date: the server sends Last-Modified and answers 304


def _language_of(path: str) -> tuple[str, str]:
    """('ru', '/press-releases') for '/ru/press-releases'; English has no prefix."""
    match = re.match(r"^/(ru|de|fr)(/.*|$)", path)
    if match:
        return match[1], match[2] or "/"
    return "en", path


def _pdf(title: str) -> bytes:
    """A small, valid one-page PDF naming the document."""
    text = re.sub(r"[()\\\\]", " ", title.encode("ascii", "replace").decode())[:80]
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


class MirrorSite:
    """Answers a path and query the way osce.org would, with pages built from records."""

    def __init__(
        self,
        articles: int = 0,
        seed: int = 0,
        offsite_url: str | None = None,
        faults: dict[str, list[MirrorResponse]] | None = None,
        edition: int = 1,
        added: int = 0,
        markup: str = "osce",
    ):
        """``faults``: per path, responses served (in order) before the path answers normally.

        ``edition``: later editions of the site publish new articles, edit some and remove
        some, as the live site does between two scheduled crawls (see ``apply_edition``).
        ``added``: that many brand-new articles on top of the edition, nothing else changed
        (the benchmark of a re-crawl after N new articles; see ``added_articles``).
        ``markup``: ``osce`` (the site as known) or ``redesign``: every article in a markup
        nobody has seen (``render_redesign``), as on the day osce.org changes its templates.
        """
        if markup not in ("osce", "redesign"):
            raise ValueError(f"unknown markup {markup!r}: osce or redesign")
        self.markup = markup
        self.faults = {path: list(responses) for path, responses in (faults or {}).items()}
        self._fault_lock = threading.Lock()
        fixtures = list(load_records())
        self.edition = edition
        records = fixtures + synthesise(articles, seed, fixtures)
        changes = apply_edition(records, edition, fixtures)
        self.records, self.removed, self.new_paths, self.edited_paths, self.removed_paths = changes
        if added:
            fresh = added_articles(added, seed, fixtures)
            self.records = self.records + fresh
            self.new_paths = self.new_paths | {r["path"] for r in fresh}
        self.by_path = {r["path"]: r for r in self.records}
        self.newest_first = sorted(self.records, key=lambda r: r["published"], reverse=True)
        self.rank = {r["path"]: index for index, r in enumerate(self.newest_first)}
        self._selections: dict[tuple[str, ...], list[Record]] = {}
        self.files = {a["path"]: a["title"] for r in self.records for a in r["attachments"]}
        self.offsite_url = (offsite_url or "https://www.facebook.com/osce.org").rstrip("/")

    # -- routing --------------------------------------------------------------------------
    def respond(self, path: str, query: str, base_url: str) -> MirrorResponse:
        with self._fault_lock:
            pending = self.faults.get(path)
            if pending:
                return pending.pop(0)
        params = parse_qs(query)
        if path == "/robots.txt":
            return self._robots(base_url)
        if path == "/sitemap.xml":
            return self._sitemap(params, base_url)
        if path in self.files:
            return MirrorResponse(
                200, _pdf(self.files[path]), "application/pdf", last_modified="2020-01-01"
            )
        if path == MOVED_OFFSITE_PATH:
            return MirrorResponse(
                301, b"", headers={"Location": self.offsite_url + "/secretariat/400001"}
            )
        if path == "/go/partner":
            return MirrorResponse(302, b"", headers={"Location": self.offsite_url + "/redirected"})
        if path.startswith(DISALLOWED_PREFIX):
            return self._html(200, render_not_found().replace("Page not found", "Staff only"))
        if path in self.by_path:
            return self._article(self.by_path[path], base_url)
        if path in self.removed:
            return self._html(self.removed[path], render_not_found())
        language, bare = _language_of(path)
        if bare == "/press-releases/rss":
            return self._rss(base_url)
        if bare in LISTINGS:
            return self._listing(bare, language, params)
        if path in FIELD_PAGES:
            return self._field_page(path, params)
        if path == "/search":
            term = params.get("q", [""])[0]
            hits = [r for r in self.records[:200] if term and term.lower() in r["title"].lower()]
            return self._html(200, render_search(term, hits[:10]))
        if path == "/":
            return self._home()
        return self._html(404, render_not_found())

    @staticmethod
    def _html(status: int, text: str) -> MirrorResponse:
        return MirrorResponse(status, text.encode("utf-8"))

    def _article(self, record: Record, base_url: str) -> MirrorResponse:
        index = self.rank[record["path"]]
        nearby = self.newest_first[index + 1 : index + 4]
        related = [r for r in nearby if r["language"] == record["language"]]
        render = render_redesign if self.markup == "redesign" else render_article
        html = render(record, base_url, related)
        offsite = f'<p class="partner-link"><a href="{escape(self.offsite_url)}/from-article">Partner site</a></p>'
        response = self._html(200, html.replace("</body>", offsite + "</body>"))
        response.last_modified = record.get("modified") or record["published"]
        return response

    def _robots(self, base_url: str) -> MirrorResponse:
        text = (
            "# osce.org mirror\nUser-agent: *\n"
            f"Disallow: {DISALLOWED_PREFIX}\nDisallow: /search\n"
            f"Sitemap: {base_url}/sitemap.xml\n"
        )
        return MirrorResponse(200, text.encode(), "text/plain; charset=utf-8")

    def _sitemap(self, params: dict, base_url: str) -> MirrorResponse:
        pages = max(1, -(-len(self.records) // SITEMAP_SIZE))
        if "page" not in params:
            # each child sitemap's lastmod: the newest of its entries, as real indexes give
            entries = "".join(
                f"<sitemap><loc>{base_url}/sitemap.xml?page={n}</loc>"
                f"<lastmod>{self._chunk_lastmod(n)}</lastmod></sitemap>"
                for n in range(1, pages + 1)
            )
            xml = (
                '<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex '
                f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</sitemapindex>'
            )
            return MirrorResponse(200, xml.encode(), "application/xml; charset=utf-8")
        try:
            page = int(params["page"][0])
        except ValueError:
            page = 0
        if not 1 <= page <= pages:
            return self._html(404, render_not_found())
        chunk = self.records[(page - 1) * SITEMAP_SIZE : page * SITEMAP_SIZE]
        extra = ""
        if page == 1:  # a moved page, and an entry on another host, as real sitemaps have
            extra = (
                f"<url><loc>{base_url}{MOVED_OFFSITE_PATH}</loc><lastmod>2020-01-01</lastmod></url>"
                f"<url><loc>{base_url}{DISALLOWED_PREFIX}500001</loc></url>"
                f"<url><loc>{escape(self.offsite_url)}/secretariat/400002</loc></url>"
            )
        entries = extra + "".join(
            f"<url><loc>{base_url}{r['path']}</loc><lastmod>{r.get('modified') or r['published']}</lastmod></url>"
            for r in chunk
        )
        xml = (
            '<?xml version="1.0" encoding="UTF-8"?>\n<urlset '
            f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</urlset>'
        )
        return MirrorResponse(200, xml.encode(), "application/xml; charset=utf-8")

    def _chunk_lastmod(self, page: int) -> str:
        chunk = self.records[(page - 1) * SITEMAP_SIZE : page * SITEMAP_SIZE]
        return max((r.get("modified") or r["published"] for r in chunk), default="2020-01-01")

    def _selection(self, key: tuple[str, ...], test: Callable[[Record], bool]) -> list[Record]:
        """The records a listing shows, newest first; computed once (the site does not change
        while it is served, and a 50,000-article mirror must not filter them per request)."""
        if key not in self._selections:
            self._selections[key] = [r for r in self.newest_first if test(r)]
        return self._selections[key]

    def _paged(self, entries: list[Record], params: dict) -> tuple[list[Record], int, int] | None:
        pages = max(1, -(-len(entries) // PAGE_SIZE))
        try:
            page = int(params.get("page", ["0"])[0])
        except ValueError:
            return None
        if not 0 <= page < pages:
            return None
        return entries[page * PAGE_SIZE : (page + 1) * PAGE_SIZE], page, pages

    def _listing(self, bare: str, language: str, params: dict) -> MirrorResponse:
        kinds = LISTINGS[bare]
        entries = self._selection(
            ("listing", bare, language),
            lambda r: r["content_type"] in kinds and r["language"] == language,
        )
        paged = self._paged(entries, params)
        if paged is None:
            return self._html(404, render_not_found())
        chunk, page, pages = paged
        prefix = "" if language == "en" else f"/{language}"
        return self._html(
            200, render_listing(LISTING_TITLES[bare], chunk, page, pages, prefix + bare, language)
        )

    def _field_page(self, path: str, params: dict) -> MirrorResponse:
        name = FIELD_PAGES[path]
        entries = self._selection(("field", name), lambda r: name in r["fields_of_work"])
        paged = self._paged(entries, params)
        if paged is None:
            return self._html(404, render_not_found())
        chunk, page, pages = paged
        return self._html(200, render_listing(name, chunk, page, pages, path))

    def _rss(self, base_url: str) -> MirrorResponse:
        kinds = LISTINGS["/press-releases"]
        items = "".join(
            f"<item><title>{escape(plain(r['title']))}</title><link>{base_url}{r['path']}?utm_source=rss"
            f"&amp;utm_medium=feed</link><guid>{base_url}{r['path']}</guid>"
            f"<pubDate>{date.fromisoformat(r['published']).strftime('%a, %d %b %Y')} 00:00:00 +0000</pubDate></item>"
            for r in [r for r in self.newest_first if r["content_type"] in kinds][:FEED_SIZE]
        )
        xml = (
            '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
            f"<title>OSCE press releases</title><link>{base_url}/press-releases</link>{items}</channel></rss>"
        )
        return MirrorResponse(200, xml.encode(), "application/rss+xml; charset=utf-8")

    def _home(self) -> MirrorResponse:
        latest = "".join(
            f'<li><a href="{escape(r["path"])}#main-content">{escape(plain(r["title"]))}</a></li>'
            for r in self.newest_first[:12]
        )
        links = "".join(f'<li><a href="{p}">{t}</a></li>' for p, t in LISTING_TITLES.items())
        html = (
            '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>OSCE</title></head><body>'
            f"<h1>Organization for Security and Co-operation in Europe</h1><ul>{links}"
            '<li><a href="/press-releases/rss">RSS</a></li></ul>'
            f"<h2>Latest</h2><ul>{latest}</ul>"
            f'<p><a href="{DISALLOWED_PREFIX}staff">Staff</a> <a href="/search?q=OSCE">Search</a> '
            f'<a href="/go/partner">Partner</a> <a href="{escape(self.offsite_url)}/from-home">Partner site</a></p>'
            "</body></html>"
        )
        return self._html(200, html)
