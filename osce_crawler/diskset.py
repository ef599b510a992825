"""Sets and mappings of strings kept on disk, so that a crawl's memory does not grow with the site.

A crawl remembers, for its whole run, every URL it asked for, every sitemap lastmod and
every item identity it wrote: in Python sets that is about 1 kB per article (strings, set
tables, allocator slack), 50 MB at 50,000 articles. Here they live in one scratch SQLite
file with a small page cache. Nothing in it needs to survive the run: the file is deleted
as soon as it is open (a killed crawl leaves nothing behind), journaling and syncing are off.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

#: the scratch file's page cache, in KiB (SQLite's default is 2 MiB)
CACHE_KIB = 2048
#: writes between commits (a commit with journaling off only writes the dirty pages)
WRITES_PER_COMMIT = 2000


class DiskScratch:
    """One scratch database; ``set(name)`` and ``mapping(name)`` give its tables (the same
    name, the same table)."""

    def __init__(self, directory: str | Path | None = None, *, keep_as: str | Path | None = None):
        """A scratch file in ``directory``, or, with ``keep_as``, that file, kept after ``close``
        (what a gracefully stopped crawl resumes with; a crash may leave it torn, so only a
        run that closed it may read it again)."""
        if keep_as is None:
            handle, name = tempfile.mkstemp(prefix="osce-crawl-", suffix=".sqlite", dir=directory)
            os.close(handle)
        else:
            name = str(keep_as)
        self.db = sqlite3.connect(name, isolation_level=None, check_same_thread=False)
        try:
            self.db.execute("PRAGMA journal_mode=OFF")
            self.db.execute("PRAGMA synchronous=OFF")
            self.db.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
            self.db.execute("PRAGMA temp_store=FILE")
            self.db.execute("SELECT 1 FROM sqlite_master").fetchall()  # opens the file now
        finally:
            if keep_as is None:
                os.unlink(name)  # the open connection keeps it; nothing is left after a kill
        self.writes = 0

    def set(self, name: str) -> DiskSet:
        return DiskSet(self, name)

    def mapping(self, name: str) -> DiskMapping:
        return DiskMapping(self, name)

    def write(self, sql: str, parameters: tuple[object, ...]) -> int:
        """Run one write; the number of rows it changed."""
        if not self.db.in_transaction:
            self.db.execute("BEGIN")
        changed = self.db.execute(sql, parameters).rowcount
        self.writes += 1
        if self.writes % WRITES_PER_COMMIT == 0:
            self.db.execute("COMMIT")
        return changed

    def close(self) -> None:
        try:
            if self.db.in_transaction:
                self.db.execute("COMMIT")  # a kept file holds everything written
        except sqlite3.ProgrammingError:
            return  # closed already
        self.db.close()


class _DiskTable:
    """One table of a scratch file, keyed by a string."""

    columns = "key TEXT PRIMARY KEY"
    prefix = ""

    def __init__(self, scratch: DiskScratch, name: str):
        self.scratch = scratch
        self.table = f'"{self.prefix}_{name}"'
        scratch.db.execute(
            f"CREATE TABLE IF NOT EXISTS {self.table} ({self.columns}) WITHOUT ROWID"
        )
        self._find = f"SELECT * FROM {self.table} WHERE key = ?"

    def _row(self, key: object) -> tuple[str, ...] | None:
        return self.scratch.db.execute(self._find, (key,)).fetchone()

    def __contains__(self, key: object) -> bool:
        return self._row(key) is not None

    def __len__(self) -> int:
        return self.scratch.db.execute(f"SELECT COUNT(*) FROM {self.table}").fetchone()[0]


class DiskSet(_DiskTable):
    """A set of strings: ``add``, ``in``, ``len``."""

    prefix = "set"

    def add(self, key: str | bytes) -> bool:
        """Add ``key``; False when it was there already."""
        return (
            self.scratch.write(f"INSERT OR IGNORE INTO {self.table} (key) VALUES (?)", (key,)) == 1
        )

    def update(self, keys: list[str] | set[str]) -> None:
        for key in keys:
            self.add(key)


class DiskMapping(_DiskTable):
    """A mapping of strings to strings: ``[key] = value``, ``get``, ``in``."""

    columns = "key TEXT PRIMARY KEY, value TEXT"
    prefix = "map"

    def __setitem__(self, key: str, value: str | None) -> None:
        self.scratch.write(
            f"INSERT OR REPLACE INTO {self.table} (key, value) VALUES (?, ?)", (key, value)
        )

    def get(self, key: str, default: str | None = None) -> str | None:
        row = self._row(key)
        return row[1] if row is not None else default
