"""ArchiveStore: the archive directory as one object a crawl (or reextract) writes to.

Layout (see archive/README.md): ``items/<run-id>.jsonl`` (append-only, one file per run),
``warc/*.warc.gz``, ``index.sqlite``, ``runs/<run-id>.json`` and ``runs/latest.json``,
``files/sha256/...``, ``quarantine/``, ``jobs/`` (Scrapy's JOBDIR of an interrupted run),
``indexes/index.cdxj``.

Guarantees: item lines are only ever appended, each one complete (a torn last line left
by a crash is cut off and kept in quarantine at the next open); the index is caught up
from the item files at open, so it never disagrees with them; an item's identity is its
canonical URL and language, and a line is written only when its content changed.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from osce_crawler.archive import lock
from osce_crawler.archive.index import ArchiveIndex, ItemState
from osce_crawler.archive.integrity import check_at_open
from osce_crawler.archive.warc import TORN_TAIL, WarcCapture, repair_open_warcs
from osce_crawler.item import ITEM_KEYS
from osce_crawler.prepared import item_archived_json, item_content_hash

#: keys an archive line adds to the item
ARCHIVE_KEYS = (
    "content_hash",
    "version",
    "previous_hash",
    "first_seen",
    "last_seen",
    "removed_at",
    "warc",
    "run_id",
)


def utc_now() -> datetime:
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z")


def new_run_id(moment: datetime | None = None) -> str:
    return (moment or utc_now()).strftime("%Y%m%dT%H%M%S%fZ")


#: keys without which a line is not an archive line (an older layout, or damage)
LINE_NEEDS = frozenset({"url", "version", "first_seen", "last_seen"})


def file_sha256(path: Path, length: int | None = None) -> str:
    """SHA-256 of the first ``length`` bytes of ``path`` (all of it when None)."""
    digest = hashlib.sha256()
    left = path.stat().st_size if length is None else length
    with open(path, "rb") as stream:
        while left > 0 and (chunk := stream.read(min(left, 1 << 20))):
            digest.update(chunk)
            left -= len(chunk)
    return digest.hexdigest()


@dataclass
class ArchivePaths:
    root: Path

    @property
    def items(self) -> Path:
        return self.root / "items"

    @property
    def warc(self) -> Path:
        return self.root / "warc"

    @property
    def index(self) -> Path:
        return self.root / "index.sqlite"

    @property
    def runs(self) -> Path:
        return self.root / "runs"

    @property
    def files(self) -> Path:
        return self.root / "files"

    @property
    def quarantine(self) -> Path:
        return self.root / "quarantine"

    @property
    def jobs(self) -> Path:
        return self.root / "jobs" / "crawl"

    @property
    def cdxj(self) -> Path:
        return self.root / "indexes" / "index.cdxj"


COMPACTION_JOURNAL = ".compaction.json"


def finish_compaction(items: Path) -> str | None:
    """Complete or roll back a compaction a crash interrupted (called at every open)."""
    journal = items / COMPACTION_JOURNAL
    if not journal.exists():
        return None
    plan = json.loads(journal.read_text("utf-8"))
    target = items / plan["target"]
    if target.exists():
        for name in plan["sources"]:
            (items / name).unlink(missing_ok=True)
        outcome = f"compaction into {target.name} completed"
    else:
        (items / f".{target.name}.tmp").unlink(missing_ok=True)
        outcome = "an unfinished compaction was rolled back"
    directory = os.open(items, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)
    journal.unlink()
    return outcome


def repair_item_files(items: Path, quarantine: Path) -> list[str]:
    """Cut a torn last line (a crash mid-write) off each item file, keeping it in quarantine."""
    repairs = []
    for path in sorted(items.glob("*.jsonl")):
        size = path.stat().st_size
        if size == 0:
            continue
        with open(path, "rb") as stream:
            stream.seek(max(0, size - 1))
            if stream.read(1) == b"\n":
                continue
            stream.seek(0)
            data = stream.read()
        keep = data.rfind(b"\n") + 1
        quarantine.mkdir(parents=True, exist_ok=True)
        fragment = quarantine / f"{path.stem}.torn-{new_run_id()}.txt"
        fragment.write_bytes(data[keep:])
        os.truncate(path, keep)
        repairs.append(
            f"{path.name}: torn last line ({size - keep} bytes) moved to {fragment.name}"
        )
    return repairs


@dataclass
class RunCounts:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    skipped_unchanged: int = 0  # not fetched: sitemap lastmod had not moved
    quarantined: int = 0
    errors: dict[str, list[str]] = field(default_factory=dict)
    #: failures by what failed: article, listing, sitemap, feed, robots, item, attachment...
    failed: dict[str, int] = field(default_factory=dict)

    def error(self, kind: str, url: str, page: str = "other") -> None:
        self.errors.setdefault(kind, []).append(url)
        self.failed[page] = self.failed.get(page, 0) + 1


class ArchiveStore:
    """Open with ``ArchiveStore.open(root)``; everything a run writes goes through it."""

    def __init__(self, root: Path, run_id: str):
        self.paths = ArchivePaths(root)
        self.run_id = run_id
        self.started = utc_now()
        self.repairs: list[str] = []
        self.counts = RunCounts()
        self.index: ArchiveIndex
        self.warc: WarcCapture | None = None
        self._items_file: Any = None
        self._items_name = f"{run_id}.jsonl"

    @classmethod
    def open(
        cls, root: Path | str, run_id: str | None = None, warc_max_size: int = 1 << 30
    ) -> ArchiveStore:
        """Lock the archive, repair what a crash left, catch the index up with the files."""
        root = Path(root)
        lock.acquire(root)
        try:
            store = cls(root, run_id or new_run_id())
            paths = store.paths
            for folder in (paths.items, paths.warc, paths.runs, paths.quarantine):
                folder.mkdir(parents=True, exist_ok=True)
            finished = finish_compaction(paths.items)
            if finished:
                store.repairs.append(finished)
            store.repairs += repair_item_files(paths.items, paths.quarantine)
            closed = repair_open_warcs(paths.warc, paths.quarantine)
            store.repairs += closed
            store.index = ArchiveIndex(paths.index)
            store.repairs += store.recover_damaged_lines()
            store.catch_up()
            torn = [line.split(":", 1)[0] for line in closed if TORN_TAIL in line]
            store.repairs += check_at_open(paths, store.index, torn)
            store.warc = WarcCapture(paths.warc, f"osce-{store.run_id}", store.index, warc_max_size)
        except BaseException:
            lock.release(root)
            raise
        return store

    def close(self) -> None:
        if self.warc is not None:
            self.warc.close()
        if self._items_file is not None:
            self._items_file.flush()
            os.fsync(self._items_file.fileno())
            self._items_file.close()
            self._items_file = None
            self.index.set_indexed_bytes(
                self._items_name, (self.paths.items / self._items_name).stat().st_size
            )
            self.checkpoint(self.paths.items / self._items_name)
        self.index.close()
        lock.release(self.paths.root)

    # -- damaged lines in files the index had seen whole -------------------------------------
    def checkpoint(self, path: Path) -> None:
        """Remember the file's length and SHA-256: a later change to it is damage."""
        self.index.set_checkpoint(path.name, path.stat().st_size, file_sha256(path))

    def recover_damaged_lines(self) -> list[str]:
        """Find item files changed since their checkpoint (a line cut, overwritten, zeroed).

        An item whose latest line no longer parses falls back to its highest readable
        version (or is forgotten, if none is left), with its content hash and its page's
        validators and lastmod forgotten: the next crawl fetches the page and writes its
        version again. The damaged lines stay where they are for ``validate`` to show;
        ``compact`` leaves them out (copied to quarantine).
        """
        checkpoints = self.index.checkpoints()
        damaged = []
        for path in sorted(self.paths.items.glob("*.jsonl")):
            known = checkpoints.get(path.name)
            if known is None:
                if self.index.indexed_bytes(path.name) == 0:
                    continue  # never indexed: catch_up reads it
                self.checkpoint(path)  # an archive from before checkpoints: from now on
                continue
            size = path.stat().st_size
            if size >= known[0] and file_sha256(path, known[0]) == known[1]:
                continue  # unchanged, perhaps appended to (catch_up reads the rest)
            damaged.append(path)
        if not damaged:
            return []
        readable: dict[tuple[str, str], dict[str, Any]] = {}  # highest readable line
        bad_lines = 0
        for path in sorted(self.paths.items.glob("*.jsonl")):
            with open(path, "rb") as stream:
                for raw in stream:
                    try:
                        line = json.loads(raw)
                    except ValueError:
                        bad_lines += 1
                        continue
                    if not isinstance(line, dict) or not line.keys() >= LINE_NEEDS:
                        bad_lines += 1
                        continue
                    key = (line.get("canonical_url") or line["url"], line.get("language") or "")
                    if key not in readable or line["version"] > readable[key]["version"]:
                        readable[key] = line
        lost = []
        for path in damaged:
            for canonical_url, language, version in self.index.items_in_file(path.name):
                line = readable.get((canonical_url, language))
                if line is not None and line["version"] >= version:
                    continue
                lost.append((canonical_url, language))
                if line is None:
                    self.index.drop_item(canonical_url, language)
                else:
                    self._index_line(line, path.name)
                    self.index.put_item(
                        ItemState(
                            canonical_url, language, line["url"], line["version"], None,
                            line["first_seen"], line["last_seen"], line.get("removed_at"),
                        ),
                        path.name,
                    )  # fmt: skip
            size = path.stat().st_size
            self.index.set_indexed_bytes(path.name, size)
            self.checkpoint(path)
        urls = [url for key in lost for url in self.index.urls_of_item(*key)]
        self.index.forget_pages(urls)
        self.index.forget_sitemaps()
        names = ", ".join(path.name for path in damaged)
        return [
            f"{names}: changed since the index saw them whole ({bad_lines} lines do not "
            f"parse); {len(lost)} items lost their latest line and are fetched again"
        ]

    def rebuild_items(self) -> int:
        """The index's items, read again from every line of the item files (``--repair``)."""
        self.index.clear_items()
        applied = self.catch_up()
        for path in sorted(self.paths.items.glob("*.jsonl")):
            self.checkpoint(path)
        return applied

    # -- the index follows the files ---------------------------------------------------------
    def catch_up(self) -> int:
        """Apply item lines the index has not seen (written just before a crash)."""
        applied = 0
        for path in sorted(self.paths.items.glob("*.jsonl")):
            start = self.index.indexed_bytes(path.name)
            size = path.stat().st_size
            if start >= size:
                continue
            with open(path, "rb") as stream:
                stream.seek(start)
                for raw in stream:
                    try:
                        line = json.loads(raw)
                    except ValueError:
                        continue  # validate reports it; it is never overwritten
                    if not isinstance(line, dict) or not line.keys() >= LINE_NEEDS:
                        continue  # not an archive line (an older layout?): left as it is
                    self._index_line(line, path.name)
                    applied += 1
            self.index.set_indexed_bytes(path.name, size)
        return applied

    def _index_line(self, line: dict[str, Any], file: str) -> None:
        state = ItemState(
            canonical_url=line.get("canonical_url") or line["url"],
            language=line.get("language") or "",
            url=line["url"],
            version=line["version"],
            content_hash=line.get("content_hash"),
            first_seen=line["first_seen"],
            last_seen=line["last_seen"],
            removed_at=line.get("removed_at"),
        )
        known = self.index.item(state.canonical_url, state.language)
        if known is None or known.version <= state.version:
            self.index.put_item(state, file)
        self.index.record_page_item(
            state.url, state.canonical_url, state.language, state.content_hash, None
        )

    # -- writing -------------------------------------------------------------------------------
    def _append(self, line: dict[str, Any], head: str | None = None) -> None:
        """Append one complete line, then bring the index up to it (in that order).

        ``head``: the line's item keys already encoded (``prepared.archived_json``, made in
        the extraction process); the archive's keys are encoded after it, giving the text
        ``json.dumps(line)`` gives."""
        if self._items_file is None:
            self._items_file = open(self.paths.items / self._items_name, "a", encoding="utf-8")  # noqa: SIM115
        if head is None:
            text = json.dumps(line, ensure_ascii=False)
        else:
            tail = json.dumps({key: line[key] for key in ARCHIVE_KEYS}, ensure_ascii=False)
            text = f"{head[:-1]}, {tail[1:]}"
        self._items_file.write(text + "\n")
        self._items_file.flush()
        self._index_line(line, self._items_name)
        self.index.set_indexed_bytes(self._items_name, self._items_file.tell())

    def add_item(self, item: dict[str, Any], sitemap_lastmod: str | None = None) -> str:
        """Record an extracted item: 'new', 'updated' or 'unchanged' (no line written)."""
        now = iso(utc_now())
        identity = (item.get("canonical_url") or item["url"], item["language"])
        digest = item_content_hash(item)  # made in the extraction process, when it ran
        known = self.index.item(*identity)
        self.index.record_page_item(item["url"], identity[0], identity[1], digest, sitemap_lastmod)
        if known is not None and known.content_hash == digest and known.removed_at is None:
            self.index.touch_item(*identity, now)
            self.counts.unchanged += 1
            return "unchanged"
        line = {key: item.get(key) for key in ITEM_KEYS}
        line.update(
            content_hash=digest,
            version=(known.version + 1) if known else 1,
            previous_hash=known.content_hash if known else None,
            first_seen=now,
            last_seen=now,
            removed_at=None,
            warc=item.get("warc"),
            run_id=self.run_id,
        )
        self._append(line, item_archived_json(item))
        self.last_line = line  # what a feed of the run (scrapy crawl -O) carries
        outcome = "updated" if known else "new"
        setattr(self.counts, outcome, getattr(self.counts, outcome) + 1)
        return outcome

    def remove_url(self, url: str, status: int, warc: dict[str, Any] | None = None) -> bool:
        """A known page answered 404/410: a tombstone line, once. Nothing is deleted."""
        known = self.index.item_for_url(url)
        if known is None or known.removed_at is not None:
            return False
        now = iso(utc_now())
        line: dict[str, Any] = {key: None for key in ITEM_KEYS}
        for key in ITEM_KEYS:
            if key in (
                "sources",
                "fields_of_work",
                "paragraphs",
                "quotes",
                "speakers",
                "glossary",
                "attachments",
                "translations",
                "extraction_warnings",
            ):
                line[key] = []
            elif key == "provenance":
                line[key] = {}
        line.update(
            url=url,
            canonical_url=known.canonical_url,
            language=known.language,
            extraction_warnings=[f"removed: the page answered {status}"],
        )
        line.update(
            content_hash=None,
            version=known.version + 1,
            previous_hash=known.content_hash,
            first_seen=now,
            last_seen=now,
            removed_at=now,
            warc=warc,
            run_id=self.run_id,
        )
        self._append(line)
        self.counts.removed += 1
        return True

    def page_unchanged(self, url: str, lastmod: str | None = None) -> None:
        """A 304 (or an unmoved sitemap lastmod): the item was seen again, unchanged."""
        self.index.record_lastmod(url, lastmod)
        known = self.index.item_for_url(url)
        if known is not None:
            self.index.touch_item(known.canonical_url, known.language, iso(utc_now()))
        self.counts.unchanged += 1

    def quarantine_item(self, item: dict[str, Any], reason: str) -> None:
        self.paths.quarantine.mkdir(parents=True, exist_ok=True)
        with open(
            self.paths.quarantine / f"{self.run_id}.rejected.jsonl", "a", encoding="utf-8"
        ) as out:
            out.write(json.dumps({"reason": reason, "item": item}, ensure_ascii=False) + "\n")
        self.counts.quarantined += 1

    def quarantine_line(self, file: str, number: int, raw: bytes) -> None:
        """A damaged item line, kept aside with where it was (``compact``)."""
        self.paths.quarantine.mkdir(parents=True, exist_ok=True)
        with open(self.paths.quarantine / f"{self.run_id}.damaged-lines.txt", "ab") as out:
            out.write(f"{file}:{number}: ".encode() + raw.rstrip(b"\n") + b"\n")

    @property
    def items_path(self) -> Path | None:
        path = self.paths.items / self._items_name
        return path if path.exists() else None
