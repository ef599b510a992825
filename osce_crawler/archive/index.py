"""The archive's embedded index (SQLite): what each URL and item looked like last time.

The item files are the source of truth; the index is derived from them and from the
crawl's responses, and can be caught up from the files after a crash (see
``ArchiveStore.catch_up``). It answers the questions an incremental crawl asks: is this
URL known, what were its validators and sitemap lastmod, which version is an item at.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: index writes are committed in groups of this many statements, or after this many seconds
GROUP_WRITES = 500
GROUP_SECONDS = 2.0

SCHEMA = """
CREATE TABLE IF NOT EXISTS pages (
    url TEXT PRIMARY KEY,
    canonical_url TEXT,
    language TEXT,
    etag TEXT,
    last_modified TEXT,
    sitemap_lastmod TEXT,
    content_hash TEXT,
    status INTEGER,
    last_fetched TEXT
);
CREATE TABLE IF NOT EXISTS items (
    canonical_url TEXT NOT NULL,
    language TEXT NOT NULL,
    url TEXT,
    version INTEGER NOT NULL,
    content_hash TEXT,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    removed_at TEXT,
    file TEXT,
    PRIMARY KEY (canonical_url, language)
);
CREATE TABLE IF NOT EXISTS payloads (
    digest TEXT PRIMARY KEY,
    uri TEXT NOT NULL,
    date TEXT NOT NULL,
    record_id TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS captures (
    url TEXT PRIMARY KEY,
    digest TEXT NOT NULL,
    status_line TEXT NOT NULL,
    headers TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS item_checkpoints (
    name TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS warc_files (
    name TEXT PRIMARY KEY,
    size INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS sitemaps (
    url TEXT PRIMARY KEY,
    lastmod TEXT
);
CREATE TABLE IF NOT EXISTS sitemap_pages (
    sitemap TEXT NOT NULL,
    url TEXT NOT NULL,
    PRIMARY KEY (sitemap, url)
);
CREATE TABLE IF NOT EXISTS item_files (
    name TEXT PRIMARY KEY,
    indexed_bytes INTEGER NOT NULL
);
"""


@dataclass
class PageState:
    url: str
    canonical_url: str | None
    language: str | None
    etag: str | None
    last_modified: str | None
    sitemap_lastmod: str | None
    content_hash: str | None
    status: int | None


@dataclass
class ItemState:
    canonical_url: str
    language: str
    url: str | None
    version: int
    content_hash: str | None
    first_seen: str
    last_seen: str
    removed_at: str | None


#: every page that holds a live (not removed) item (also read by the demo, without a writer)
LIVE_PAGE_URLS = (
    "SELECT p.url FROM pages p JOIN items i "
    "ON i.canonical_url = p.canonical_url AND i.language = p.language "
    "WHERE i.removed_at IS NULL"
)


class ArchiveIndex:
    def __init__(self, path: Path):
        self.path = path
        self.db = sqlite3.connect(path, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)
        # COUNT(*) reads the whole table (1 ms at 50,000 items) and a crawl asks for every
        # page it considers: counted once, then kept current by put_item (the only writer of
        # new rows; the archive's lock keeps other processes from writing meanwhile)
        self._item_count: int | None = None

    def close(self) -> None:
        self.commit()
        self.db.close()

    # -- writes, grouped -------------------------------------------------------------------
    def _write(self, sql: str, parameters: tuple[Any, ...] = ()) -> None:
        """One write, in the open group of writes (a transaction) or a new one.

        A commit per statement was most of the index's cost in a crawl. Losing the last
        group in a crash loses nothing: item lines are written to their files first, and
        ``ArchiveStore.catch_up`` re-applies what the index had not seen (``item_files``
        moves in the same transaction as the items); a lost validator or payload only costs
        a full download or a full WARC record next time.
        """
        if not self.db.in_transaction:
            self.db.execute("BEGIN")
            self._group_started = time.monotonic()
            self._group_writes = 0
        self.db.execute(sql, parameters)
        self._group_writes += 1
        if (
            self._group_writes >= GROUP_WRITES
            or time.monotonic() - self._group_started >= GROUP_SECONDS
        ):
            self.commit()

    def commit(self) -> None:
        """Make the writes so far durable (as SQLite's WAL with synchronous=NORMAL is)."""
        if self.db.in_transaction:
            self.db.execute("COMMIT")

    # -- pages ----------------------------------------------------------------------------
    def page(self, url: str) -> PageState | None:
        row = self.db.execute(
            "SELECT url, canonical_url, language, etag, last_modified, sitemap_lastmod, "
            "content_hash, status FROM pages WHERE url = ?",
            (url,),
        ).fetchone()
        return PageState(*row) if row else None

    def record_response(
        self, url: str, status: int, etag: str | None, last_modified: str | None, fetched: str
    ) -> None:
        """Validators of a response; a 304 keeps the ones stored."""
        if status == 304:
            self._write("UPDATE pages SET last_fetched = ? WHERE url = ?", (fetched, url))
            return
        self._write(
            "INSERT INTO pages (url, etag, last_modified, status, last_fetched) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(url) DO UPDATE SET etag = excluded.etag, "
            "last_modified = excluded.last_modified, status = excluded.status, "
            "last_fetched = excluded.last_fetched",
            (url, etag, last_modified, status, fetched),
        )

    def record_page_item(
        self,
        url: str,
        canonical_url: str,
        language: str,
        content_hash: str | None,
        lastmod: str | None,
    ) -> None:
        self._write(
            "INSERT INTO pages (url, canonical_url, language, content_hash, sitemap_lastmod) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET "
            "canonical_url = excluded.canonical_url, language = excluded.language, "
            "content_hash = excluded.content_hash, "
            "sitemap_lastmod = COALESCE(excluded.sitemap_lastmod, pages.sitemap_lastmod)",
            (url, canonical_url, language, content_hash, lastmod),
        )

    def record_lastmod(self, url: str, lastmod: str | None) -> None:
        if lastmod:
            self._write("UPDATE pages SET sitemap_lastmod = ? WHERE url = ?", (lastmod, url))

    def known_article_urls(self) -> Iterator[str]:
        """Every page that holds a live (not removed) item, streamed."""
        return (url for (url,) in self.db.execute(LIVE_PAGE_URLS))

    # -- items ----------------------------------------------------------------------------
    def item(self, canonical_url: str, language: str) -> ItemState | None:
        row = self.db.execute(
            "SELECT canonical_url, language, url, version, content_hash, first_seen, last_seen, "
            "removed_at FROM items WHERE canonical_url = ? AND language = ?",
            (canonical_url, language),
        ).fetchone()
        return ItemState(*row) if row else None

    def item_for_url(self, url: str) -> ItemState | None:
        row = self.db.execute(
            "SELECT canonical_url, language FROM pages WHERE url = ? AND canonical_url IS NOT NULL",
            (url,),
        ).fetchone()
        return self.item(*row) if row else None

    def put_item(self, state: ItemState, file: str) -> None:
        if self._item_count is not None and not self._has_item(state.canonical_url, state.language):
            self._item_count += 1
        self._write(
            "INSERT OR REPLACE INTO items (canonical_url, language, url, version, content_hash, "
            "first_seen, last_seen, removed_at, file) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                state.canonical_url,
                state.language,
                state.url,
                state.version,
                state.content_hash,
                state.first_seen,
                state.last_seen,
                state.removed_at,
                file,
            ),
        )

    def touch_item(self, canonical_url: str, language: str, seen: str) -> None:
        self._write(
            "UPDATE items SET last_seen = ? WHERE canonical_url = ? AND language = ?",
            (seen, canonical_url, language),
        )

    def count_items(self) -> int:
        if self._item_count is None:
            self._item_count = self.db.execute("SELECT COUNT(*) FROM items").fetchone()[0]
        return self._item_count

    def _has_item(self, canonical_url: str, language: str) -> bool:
        row = self.db.execute(
            "SELECT 1 FROM items WHERE canonical_url = ? AND language = ?",
            (canonical_url, language),
        ).fetchone()
        return row is not None

    # -- WARC payloads (for revisit records) ------------------------------------------------
    def payload(self, digest: str) -> tuple[str, str, str] | None:
        row = self.db.execute(
            "SELECT uri, date, record_id FROM payloads WHERE digest = ?", (digest,)
        ).fetchone()
        return tuple(row) if row else None

    def add_payload(self, digest: str, uri: str, date: str, record_id: str) -> None:
        self._write(
            "INSERT OR IGNORE INTO payloads (digest, uri, date, record_id) VALUES (?, ?, ?, ?)",
            (digest, uri, date, record_id),
        )

    # -- each URL's latest 200 capture (what a 304 confirms) ---------------------------------
    def capture(self, url: str) -> tuple[str, str, list[tuple[str, str]]] | None:
        """(payload digest, status line, headers) of the URL's latest archived 200."""
        row = self.db.execute(
            "SELECT digest, status_line, headers FROM captures WHERE url = ?", (url,)
        ).fetchone()
        if row is None:
            return None
        return row[0], row[1], [tuple(pair) for pair in json.loads(row[2])]

    def confirmable(self, url: str) -> bool:
        """The archive holds the URL's latest 200 and its payload: a 304 can refer to it."""
        row = self.db.execute(
            "SELECT 1 FROM captures c JOIN payloads p ON p.digest = c.digest WHERE c.url = ?",
            (url,),
        ).fetchone()
        return row is not None

    def record_capture(
        self, url: str, digest: str, status_line: str, headers: list[tuple[str, str]]
    ) -> None:
        self._write(
            "INSERT INTO captures (url, digest, status_line, headers) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(url) DO UPDATE SET digest = excluded.digest, "
            "status_line = excluded.status_line, headers = excluded.headers",
            (url, digest, status_line, json.dumps(headers)),
        )

    # -- WARC files and what is forgotten when one is damaged (integrity.py) -----------------
    def warc_sizes(self) -> dict[str, int]:
        return dict(self.db.execute("SELECT name, size FROM warc_files"))

    def set_warc_size(self, name: str, size: int) -> None:
        self._write(
            "INSERT INTO warc_files (name, size) VALUES (?, ?) "
            "ON CONFLICT(name) DO UPDATE SET size = excluded.size",
            (name, size),
        )

    def forget_warc(self, name: str) -> None:
        self._write("DELETE FROM warc_files WHERE name = ?", (name,))

    def forget_payloads_not_in(self, record_ids: set[str]) -> int:
        """Payload digests whose record is in no readable WARC file are forgotten."""
        rows = self.db.execute("SELECT digest, record_id FROM payloads").fetchall()
        lost = [(digest,) for digest, record_id in rows if record_id not in record_ids]
        self.commit()
        with self.db:
            self.db.executemany("DELETE FROM payloads WHERE digest = ?", lost)
        return len(lost)

    def forget_captures_not_in(self, digests: set[str]) -> int:
        rows = self.db.execute("SELECT url, digest FROM captures").fetchall()
        lost = [(url,) for url, digest in rows if digest not in digests]
        self.commit()
        with self.db:
            self.db.executemany("DELETE FROM captures WHERE url = ?", lost)
        return len(lost)

    def captured_urls(self) -> list[str]:
        """Pages the archive holds a capture of: answered 200, or holding an item."""
        rows = self.db.execute(
            "SELECT url FROM pages WHERE status = 200 OR canonical_url IS NOT NULL "
            "UNION SELECT url FROM captures"
        )
        return [url for (url,) in rows]

    def forget_pages(self, urls: list[str]) -> None:
        """These pages are fetched again, in full: no validators, no lastmod, no capture;
        their item's content hash is forgotten, so the new capture gets a version line
        that points at it."""
        self.commit()
        with self.db:
            for url in urls:
                self.db.execute(
                    "UPDATE pages SET etag = NULL, last_modified = NULL, sitemap_lastmod = NULL, "
                    "status = NULL, content_hash = NULL WHERE url = ?",
                    (url,),
                )
                self.db.execute("DELETE FROM captures WHERE url = ?", (url,))
                self.db.execute(
                    "UPDATE items SET content_hash = NULL WHERE (canonical_url, language) IN "
                    "(SELECT canonical_url, language FROM pages WHERE url = ?) "
                    "AND removed_at IS NULL",
                    (url,),
                )

    def forget_sitemaps(self) -> None:
        """Sitemaps are read again: none vouches for a page whose capture was lost."""
        self.commit()
        with self.db:
            self.db.execute("DELETE FROM sitemaps")
            self.db.execute("DELETE FROM sitemap_pages")

    # -- child sitemaps: their lastmod and the pages they listed (incremental re-crawls) ----
    def sitemap_lastmod(self, url: str) -> str | None:
        row = self.db.execute("SELECT lastmod FROM sitemaps WHERE url = ?", (url,)).fetchone()
        return row[0] if row else None

    def urls_in_sitemap(self, url: str) -> list[str]:
        rows = self.db.execute("SELECT url FROM sitemap_pages WHERE sitemap = ?", (url,))
        return [row[0] for row in rows]

    def record_sitemap(self, url: str, listed: list[str], lastmod: str | None) -> None:
        """A child sitemap read in full: its lastmod and the pages it listed, replacing the old."""
        self.commit()
        self.db.execute("BEGIN")
        try:
            self.db.execute(
                "INSERT INTO sitemaps (url, lastmod) VALUES (?, ?) "
                "ON CONFLICT(url) DO UPDATE SET lastmod = excluded.lastmod",
                (url, lastmod),
            )
            self.db.execute("DELETE FROM sitemap_pages WHERE sitemap = ?", (url,))
            self.db.executemany(
                "INSERT OR IGNORE INTO sitemap_pages (sitemap, url) VALUES (?, ?)",
                [(url, page) for page in listed],
            )
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    # -- which part of each item file the index has seen ------------------------------------
    def indexed_bytes(self, name: str) -> int:
        row = self.db.execute(
            "SELECT indexed_bytes FROM item_files WHERE name = ?", (name,)
        ).fetchone()
        return row[0] if row else 0

    def set_indexed_bytes(self, name: str, size: int) -> None:
        self._write(
            "INSERT INTO item_files (name, indexed_bytes) VALUES (?, ?) "
            "ON CONFLICT(name) DO UPDATE SET indexed_bytes = excluded.indexed_bytes",
            (name, size),
        )

    # -- checkpoints: each item file's length and SHA-256 when the index last saw it whole --
    def checkpoints(self) -> dict[str, tuple[int, str]]:
        rows = self.db.execute("SELECT name, size, sha256 FROM item_checkpoints")
        return {name: (size, digest) for name, size, digest in rows}

    def set_checkpoint(self, name: str, size: int, sha256: str) -> None:
        self._write(
            "INSERT INTO item_checkpoints (name, size, sha256) VALUES (?, ?, ?) "
            "ON CONFLICT(name) DO UPDATE SET size = excluded.size, sha256 = excluded.sha256",
            (name, size, sha256),
        )

    def forget_checkpoint(self, name: str) -> None:
        self._write("DELETE FROM item_checkpoints WHERE name = ?", (name,))

    def items_in_file(self, name: str) -> list[tuple[str, str, int]]:
        """(canonical URL, language, version) of the items whose latest line is in ``name``."""
        rows = self.db.execute(
            "SELECT canonical_url, language, version FROM items WHERE file = ?", (name,)
        )
        return [tuple(row) for row in rows]

    def drop_item(self, canonical_url: str, language: str) -> None:
        if self._item_count is not None and self._has_item(canonical_url, language):
            self._item_count -= 1
        self._write(
            "DELETE FROM items WHERE canonical_url = ? AND language = ?", (canonical_url, language)
        )

    def urls_of_item(self, canonical_url: str, language: str) -> list[str]:
        rows = self.db.execute(
            "SELECT url FROM pages WHERE canonical_url = ? AND language = ?",
            (canonical_url, language),
        )
        return [url for (url,) in rows]

    def clear_items(self) -> None:
        """Forget every item and how much of each item file was read (to read them again)."""
        self.commit()
        with self.db:
            self.db.execute("DELETE FROM items")
            self.db.execute("DELETE FROM item_files")
            self.db.execute("DELETE FROM item_checkpoints")
        self._item_count = None

    def rebuild_payloads(self, warc: Path) -> int:
        """Payload digests of every 200 response in the WARC files (for revisits)."""
        from warcio.archiveiterator import ArchiveIterator

        before = self.db.execute("SELECT COUNT(*) FROM payloads").fetchone()[0]
        for path in sorted(warc.glob("*.warc.gz")):
            with open(path, "rb") as stream:
                for record in ArchiveIterator(stream, check_digests=False):
                    status = record.http_headers.get_statuscode() if record.http_headers else None
                    if record.rec_type != "response" or status != "200":
                        continue
                    headers = record.rec_headers
                    self.add_payload(
                        headers.get_header("WARC-Payload-Digest"),
                        headers.get_header("WARC-Target-URI"),
                        headers.get_header("WARC-Date"),
                        headers.get_header("WARC-Record-ID"),
                    )
        self.commit()
        return self.db.execute("SELECT COUNT(*) FROM payloads").fetchone()[0] - before

    def items_compacted_into(self, name: str, size: int) -> None:
        """Every item now lives in the one file ``name`` (``osce-archive compact``)."""
        self.commit()
        with self.db:
            self.db.execute("BEGIN")
            self.db.execute("DELETE FROM item_files")
            self.db.execute(
                "INSERT INTO item_files (name, indexed_bytes) VALUES (?, ?)", (name, size)
            )
            self.db.execute("UPDATE items SET file = ?", (name,))
