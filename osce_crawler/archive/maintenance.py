"""Work on an archive without the network: re-extraction from WARC, and compaction."""

from __future__ import annotations

import json
import os
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator

from osce_crawler.archive.manifest import write_json_atomically
from osce_crawler.archive.store import (
    COMPACTION_JOURNAL,
    ArchiveStore,
    finish_compaction,
    new_run_id,
)
from osce_crawler.archive.warc import warc_files
from osce_crawler.extraction_pool import (
    ExtractedPage,
    ExtractionCrashed,
    ExtractionPool,
    default_processes,
    extract_page,
)
from osce_crawler.urls import is_article_url


@dataclass
class ReextractResult:
    responses: int = 0
    articles: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    run_id: str = ""
    crashed: list[str] = field(default_factory=list)  # pages whose extraction process died
    revisits: int = 0
    dangling: list[str] = field(default_factory=list)  # revisits whose payload is not there


def reextract(
    root: Path, processes: int | None = None, progress: Callable[[int], None] | None = None
) -> ReextractResult:
    """Rebuild items from the archived responses with the current extractor.

    Each archived HTML response of an article page is extracted again; the archive writes a
    new version only where the extraction differs from the latest one (its content hash),
    so re-running with an unchanged extractor writes nothing. Where a page was archived
    more than once, the later response wins, as it did when it was crawled.

    Extraction runs in ``processes`` worker processes (default: one per core, at most 4;
    0: in this process), each reading the records it is given (a file and an offset), while
    this one finds the latest captures in the WARC files and writes the archive.
    ``progress`` is told how many responses were extracted so far (a terminal's line).
    """
    store = ArchiveStore.open(root)
    result = ReextractResult(run_id=store.run_id)
    if processes is None:
        processes = default_processes()
    try:
        latest = _latest_article_responses(store.paths.warc, result)
        waiting: deque[tuple[str, dict[str, Any]]] = deque()  # handed out, not yet back

        def calls() -> Iterator[tuple[str, int, str]]:
            for url, (path, offset, record_id) in latest.items():
                waiting.append(
                    (url, {"filename": path.name, "offset": offset, "record_id": record_id})
                )
                yield str(path), offset, url

        with ExtractionPool(processes) as pool:
            # each worker reads its page's record and makes the item's archived form
            for done, page in enumerate(pool.map(extract_archived_page, calls()), start=1):
                url, location = waiting.popleft()
                if progress is not None:
                    progress(done)
                if isinstance(page, ExtractionCrashed):
                    result.crashed.append(url)
                    continue
                if page.item is None:
                    continue
                result.articles += 1
                item = page.item
                item["warc"] = location
                outcome = store.add_item(item)
                setattr(result, outcome, getattr(result, outcome) + 1)
    finally:
        store.close()
    return result


def _latest_article_responses(
    warc: Path, result: ReextractResult
) -> dict[str, tuple[Path, int, str]]:
    """URL -> the response record holding the payload of its latest capture (file, offset,
    record id).

    A page's latest capture wins whatever its record type: a response, or a revisit
    (identical payload, or a 304 stored as server-not-modified), which is followed to the
    response that holds its payload (``WARC-Refers-To``, else its payload digest). A 304
    stored as a bodiless response (older archives) confirms the capture before it; a 404
    or 410 removes the page (its tombstone stands). A revisit whose payload is in no
    readable file is counted in ``result.dangling`` and its page left out.
    """
    latest: dict[str, tuple[Path, int, str]] = {}
    by_record: dict[str, tuple[Path, int, str]] = {}  # response record id -> where it is
    by_digest: dict[str, tuple[Path, int, str]] = {}  # payload digest -> first response
    for path in warc_files(warc):
        with open(path, "rb") as stream:
            iterator = ArchiveIterator(stream)
            for record in iterator:
                if record.rec_type not in ("response", "revisit") or record.http_headers is None:
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                status = record.http_headers.get_statuscode()
                html = "html" in (record.http_headers.get_header("Content-Type") or "")
                if record.rec_type == "response":
                    result.responses += 1
                    record_id = record.rec_headers.get_header("WARC-Record-ID")
                    where = (path, iterator.get_record_offset(), record_id)
                    if status == "200":
                        by_record[record_id] = where
                        digest = record.rec_headers.get_header("WARC-Payload-Digest")
                        if digest:
                            by_digest.setdefault(digest, where)
                else:
                    result.revisits += 1
                    refers = record.rec_headers.get_header("WARC-Refers-To")
                    digest = record.rec_headers.get_header("WARC-Payload-Digest")
                    where = by_record.get(refers or "") or by_digest.get(digest or "")
                    if where is None and status == "200":
                        result.dangling.append(url)
                        latest.pop(url, None)
                        continue
                if status == "200" and where is not None and html and is_article_url(url):
                    latest[url] = where
                elif status in ("404", "410"):
                    latest.pop(url, None)  # removed since: its tombstone stands
    return latest


def extract_archived_page(path: str, offset: int, url: str) -> ExtractedPage:
    """``extract_page`` on the body of the response record at ``offset`` of the WARC file
    ``path`` (for a worker: the page is read where it is extracted, so the parent neither
    decompresses it a second time nor passes it across)."""
    with open(path, "rb") as stream:
        stream.seek(offset)
        record = next(iter(ArchiveIterator(stream)))
        body = record.content_stream().read()
    return extract_page(body, url)


def _parses(raw: bytes) -> bool:
    try:
        line = json.loads(raw)
    except ValueError:
        return False
    return isinstance(line, dict) and raw.endswith(b"\n")


def compact(root: Path, progress: Callable[[int], None] | None = None) -> tuple[int, int]:
    """Merge all item files into one, atomically; returns (files merged, lines kept).

    Every line is kept, in order. The merged file is written under a hidden name, synced,
    then renamed into place; a journal names the files it replaces, so a crash at any
    point is finished (or rolled back) by the next ArchiveStore.open.
    """
    store = ArchiveStore.open(root)
    try:
        items = store.paths.items
        sources = sorted(p for p in items.glob("*.jsonl"))
        if len(sources) < 2:
            return 0, sum(1 for p in sources for _ in open(p, "rb"))
        run_id = new_run_id()
        target = items / f"{run_id}-compacted.jsonl"
        temporary = items / f".{target.name}.tmp"
        journal = items / COMPACTION_JOURNAL
        write_json_atomically(
            journal, {"target": target.name, "sources": [p.name for p in sources]}
        )
        lines = 0
        with open(temporary, "wb") as out:
            for source in sources:
                with open(source, "rb") as stream:
                    for number, raw in enumerate(stream, start=1):
                        if not _parses(raw):  # damaged: kept aside, never copied
                            store.quarantine_line(source.name, number, raw)
                            continue
                        out.write(raw)
                        lines += 1
                        if progress is not None:
                            progress(lines)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
        finish_compaction(items)
        store.index.items_compacted_into(target.name, target.stat().st_size)
        for source in sources:
            store.index.forget_checkpoint(source.name)
        store.checkpoint(target)
        return len(sources), lines
    finally:
        store.close()
