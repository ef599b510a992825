"""Reading an archive for analysis: ``Archive(path).items(...)`` and ``.to_pandas()``.

Read-only and constant in memory: item files are streamed line by line. Which line is an
item's latest version is looked up line by line in ``index.sqlite`` when the index has
seen every byte of every item file, and otherwise in a scratch file (``diskset.py``)
filled by a first pass over the files with identity -> highest version.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from osce_crawler.archive.store import ARCHIVE_KEYS
from osce_crawler.diskset import DiskScratch
from osce_crawler.item import ITEM_KEYS
from osce_crawler.options import parse_languages
from osce_crawler.schema import line_is_valid

if TYPE_CHECKING:
    import pandas

#: the columns of a line, in order
LINE_KEYS: tuple[str, ...] = ITEM_KEYS + ARCHIVE_KEYS

Identity = tuple[str, str]


def connect_read_only(path: Path) -> sqlite3.Connection:
    """The index opened for reading only, also where this user may not write: SQLite's
    write-ahead log needs its shared-memory file, which a read-only folder cannot hold, so
    there the index is read as an immutable file (nothing can be crawling into a folder
    this user cannot write... unless its owner is: then a figure may be a moment old)."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        db.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
        return db
    except sqlite3.OperationalError:
        db.close()
        if os.access(path.parent, os.W_OK):
            raise
    return sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)


def identity(line: dict[str, Any]) -> Identity:
    """An item's identity, as the store keys it: canonical URL (or URL) and language."""
    return (line.get("canonical_url") or line.get("url") or "", line.get("language") or "")


@dataclass
class RawLine:
    """One line of an item file, parsed or not (torn lines are reported, never hidden)."""

    file: Path
    number: int  # 1-based
    offset: int  # byte offset in the file
    text: bytes
    data: dict[str, Any] | None  # None: not a JSON object
    complete: bool  # ends with a newline


def _day(value: str | date | None, name: str) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise ValueError(f"{name} must be a date as YYYY-MM-DD, not {value!r}") from None


class Archive:
    """An archive directory (``items/``, ``index.sqlite``, ``runs/``, ``warc/``), read-only."""

    def __init__(self, path: str | Path):
        self.root = Path(path)
        # where the lines skipped by reads lie (a pass may read a file twice): torn, schema
        self.skipped: dict[str, set[tuple[str, int]]] = {"torn": set(), "schema": set()}
        if not (self.root / "items").is_dir():
            raise FileNotFoundError(f"{self.root} is not an archive (no items/ folder)")

    def __repr__(self) -> str:
        return f"Archive({str(self.root)!r})"

    # -- files -------------------------------------------------------------------------------
    def item_files(self) -> list[Path]:
        """The item files in time order (run ids are UTC timestamps)."""
        return sorted((self.root / "items").glob("*.jsonl"))

    def raw_lines(self) -> Iterator[RawLine]:
        """Every line of every item file, torn or not, with where it sits."""
        for path in self.item_files():
            offset = 0
            with open(path, "rb") as stream:
                for number, text in enumerate(stream, start=1):
                    try:
                        data = json.loads(text)
                    except ValueError:
                        data = None
                    yield RawLine(
                        path,
                        number,
                        offset,
                        text,
                        data if isinstance(data, dict) else None,
                        text.endswith(b"\n"),
                    )
                    offset += len(text)

    def lines(self) -> Iterator[dict[str, Any]]:
        """Every complete archive line (every version, tombstones included), in file order.

        Torn lines and lines the schema refuses are skipped and counted in ``self.skipped``
        (``validate`` names them), so that one bad line never stops a reader."""
        for raw in self.raw_lines():
            if raw.data is None or not raw.complete:
                self.skipped["torn"].add((raw.file.name, raw.number))
            elif not line_is_valid(raw.data):
                self.skipped["schema"].add((raw.file.name, raw.number))
            else:
                yield raw.data

    def skipped_note(self) -> str | None:
        """One line on what the last read skipped, or None when it skipped nothing."""
        parts = []
        if torn := len(self.skipped["torn"]):
            parts.append(f"{torn} torn {'line' if torn == 1 else 'lines'}")
        if bad := len(self.skipped["schema"]):
            parts.append(
                f"{bad} {'line that breaks' if bad == 1 else 'lines that break'} the schema"
            )
        if not parts:
            return None
        return f"skipped {' and '.join(parts)} (osce-archive validate lists them)"

    def runs(self) -> list[dict[str, Any]]:
        """The run manifests, oldest first (``latest.json`` left out: it is a copy)."""
        manifests = []
        for path in sorted((self.root / "runs").glob("*.json")):
            if path.name == "latest.json":
                continue
            try:
                manifests.append(json.loads(path.read_text("utf-8")))
            except (OSError, ValueError):
                continue
        return manifests

    # -- latest versions ---------------------------------------------------------------------
    def index_is_current(self) -> bool:
        """True when index.sqlite has seen every byte of every item file."""
        try:
            with self._index() as db:
                seen = dict(db.execute("SELECT name, indexed_bytes FROM item_files"))
        except sqlite3.Error:
            return False
        files = self.item_files()
        return all(seen.get(path.name) == path.stat().st_size for path in files)

    def _index(self) -> sqlite3.Connection:
        path = self.root / "index.sqlite"
        if not path.exists():
            raise sqlite3.OperationalError(f"{path} does not exist")
        return connect_read_only(path)

    def latest_versions(self) -> LatestVersions:
        """identity -> highest version: from the index when current, else one pass over the
        files into a scratch file. Either way memory does not grow with the archive."""
        if self.index_is_current():
            try:
                return LatestVersions(index=self._index())
            except sqlite3.Error:
                pass
        scratch = DiskScratch()
        highest = scratch.mapping("latest")
        for line in self.lines():
            key = identity_key(identity(line))
            if line["version"] > int(highest.get(key) or 0):
                highest[key] = str(line["version"])
        return LatestVersions(scratch=scratch)

    # -- the analyst's entry points ----------------------------------------------------------
    def items(
        self,
        since: str | date | None = None,
        until: str | date | None = None,
        language: str | Collection[str] | None = None,
        latest_only: bool = True,
    ) -> Iterator[dict[str, Any]]:
        """Archive lines, streamed. ``since``/``until`` (YYYY-MM-DD, inclusive) compare the
        publication day, so undated items are left out when either is given; ``language``
        is an ISO 639-1 code, any case, or several ("en,ru" or a list), checked as ``--lang``
        is: an unknown code raises ValueError rather than match nothing. ``latest_only``
        yields each item's latest version once and drops items whose latest version is a
        tombstone (removed from the site)."""
        first, last = _day(since, "since"), _day(until, "until")
        given = language if isinstance(language, str) or language is None else ",".join(language)
        languages = parse_languages(given)
        latest = self.latest_versions() if latest_only else None
        try:
            for line in self.lines():
                if languages and line.get("language") not in languages:
                    continue
                if first or last:
                    day = (line.get("published") or "")[:10]
                    if not day or (first and day < first) or (last and day > last):
                        continue
                if latest is not None:
                    if not latest.is_first_latest(line):
                        continue
                    if line.get("removed_at"):
                        continue
                yield line
        finally:
            if latest is not None:
                latest.close()

    def to_pandas(self, **filters: Any) -> pandas.DataFrame:
        """The items as a DataFrame, one column per key (``pip install osce-archive[analysis]``).

        Takes the filters of ``items()``; ``published`` and ``modified`` stay ISO strings
        (they mix dates and timestamps): ``pd.to_datetime(df.published.str[:10])`` makes days.
        """
        try:
            import pandas as pd
        except ImportError:  # pragma: no cover - depends on the environment
            raise ImportError(
                "to_pandas needs pandas: pip install 'osce-archive[analysis]'"
            ) from None
        return pd.DataFrame.from_records(list(self.items(**filters)), columns=list(LINE_KEYS))


def identity_key(key: Identity) -> str:
    """An identity as one string (a scratch file's key)."""
    return f"{key[1]} {key[0]}"


class LatestVersions:
    """Which version of each item is the latest, looked up per line (nothing held in memory).

    From index.sqlite (read-only) when it is current, else from a scratch file filled by
    ``Archive.latest_versions``.
    """

    def __init__(self, index: sqlite3.Connection | None = None, scratch: DiskScratch | None = None):
        self.index = index
        self.scratch = scratch or DiskScratch()
        self.highest = self.scratch.mapping("latest") if index is None else None
        self.given = self.scratch.set("given")  # identities whose latest line was handed out

    def get(self, key: Identity) -> int | None:
        if self.index is not None:
            row = self.index.execute(
                "SELECT version FROM items WHERE canonical_url = ? AND language = ?", key
            ).fetchone()
            return row[0] if row else None
        assert self.highest is not None
        value = self.highest.get(identity_key(key))
        return int(value) if value is not None else None

    def is_first_latest(self, line: dict[str, Any]) -> bool:
        """True for the line that is its item's latest version, once (a repeated line: no)."""
        key = identity(line)
        return line["version"] == self.get(key) and self.given.add(identity_key(key))

    def close(self) -> None:
        if self.index is not None:
            self.index.close()
        self.scratch.close()
