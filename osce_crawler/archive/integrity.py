"""WARC integrity: read every gzip member to its end, resolve every revisit, forget what is lost.

``warcio check`` stops quietly at a gzip WARC cut in the middle (and may even parse the
half-cut record), so the files are read here member by member with zlib. Used at the
start of every run (cheaply: only files whose size is not the one recorded when they were
closed are read) and by ``osce-archive validate`` (every file).

When a WARC file is truncated or lost, the index forgets what it knew of the records in
it: payload digests (so the next crawl writes full responses, never a revisit of nothing),
the validators and sitemap lastmods of pages whose latest capture is gone (so they are
fetched again, in full), and which sitemaps vouched for which pages.
"""

from __future__ import annotations

import os
import shutil
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator

from osce_crawler.archive.index import ArchiveIndex
from osce_crawler.archive.warc import warc_files

CHUNK = 1 << 20


@dataclass
class MemberCheck:
    good: int  # bytes of complete gzip members from the start
    size: int
    problem: str | None  # None: every member complete


def check_members(path: Path) -> MemberCheck:
    """Inflate every gzip member of ``path`` to its end (output discarded)."""
    size = path.stat().st_size
    good = position = 0
    inflater = zlib.decompressobj(31)
    with open(path, "rb") as stream:
        while chunk := stream.read(CHUNK):
            data = chunk
            while data:
                try:
                    inflater.decompress(data, CHUNK * 8)
                    while inflater.unconsumed_tail and not inflater.eof:
                        inflater.decompress(inflater.unconsumed_tail, CHUNK * 8)
                except zlib.error as error:
                    return MemberCheck(good, size, f"corrupt gzip member at byte {good}: {error}")
                if inflater.eof:
                    used = len(data) - len(inflater.unused_data)
                    position += used
                    good = position
                    data = inflater.unused_data
                    inflater = zlib.decompressobj(31)
                else:
                    position += len(data)
                    data = b""
    if good < size:
        return MemberCheck(good, size, f"truncated: the gzip member at byte {good} never ends")
    return MemberCheck(good, size, None)


class _Limited:
    """The first ``limit`` bytes of a file, for warcio (complete members only)."""

    def __init__(self, stream: BinaryIO, limit: int):
        self.stream, self.left = stream, limit

    def read(self, size: int = -1) -> bytes:
        if size < 0 or size > self.left:
            size = self.left
        data = self.stream.read(size)
        self.left -= len(data)
        return data


@dataclass
class WarcScan:
    """What the WARC files hold, read through complete gzip members only."""

    files: dict[str, MemberCheck] = field(default_factory=dict)
    record_ids: set[str] = field(default_factory=set)
    digests: set[str] = field(default_factory=set)  # payloads of 200 responses
    dangling: list[str] = field(default_factory=list)  # "file: url -> target" of revisits
    revisits: int = 0
    # url -> its latest capture resolves to a page (a 200 payload that exists): True; is a
    # dangling revisit: False; is no page (404, 500...): None
    latest_ok: dict[str, bool | None] = field(default_factory=dict)


def scan_warcs(directory: Path) -> WarcScan:
    scan = WarcScan()
    for path in warc_files(directory):
        check = check_members(path)
        scan.files[path.name] = check
        with open(path, "rb") as stream:
            try:
                for record in ArchiveIterator(_Limited(stream, check.good), check_digests=False):
                    _note(scan, path.name, record)
            except Exception as error:  # a record cut inside a complete member: stop there
                if check.problem is None:
                    check.problem = f"unreadable record: {type(error).__name__}"
    return scan


def _note(scan: WarcScan, name: str, record: Any) -> None:
    headers = record.rec_headers
    scan.record_ids.add(headers.get_header("WARC-Record-ID"))
    if record.rec_type not in ("response", "revisit"):
        return
    url = headers.get_header("WARC-Target-URI")
    status = record.http_headers.get_statuscode() if record.http_headers else None
    digest = headers.get_header("WARC-Payload-Digest")
    if record.rec_type == "response":
        record.content_stream().read()  # to its end: a cut record raises here
        if status == "200":
            scan.digests.add(digest)
            scan.latest_ok[url] = True
        elif status != "304":  # a bodiless 304 response confirms what came before
            scan.latest_ok[url] = None
        return
    scan.revisits += 1
    target = headers.get_header("WARC-Refers-To")
    found = target in scan.record_ids if target else digest in scan.digests
    if not found:
        shown = target or digest
        scan.dangling.append(f"{name}: {url} refers to {shown}, which no WARC file holds")
    scan.latest_ok[url] = found if status == "200" else None


def _cut(path: Path, check: MemberCheck, quarantine: Path) -> str:
    """Keep the complete members of a damaged file; the rest goes to quarantine."""
    quarantine.mkdir(parents=True, exist_ok=True)
    with open(path, "rb") as stream, open(quarantine / (path.name + ".damaged"), "wb") as out:
        stream.seek(check.good)
        shutil.copyfileobj(stream, out)
    if check.good == 0:
        path.unlink()
    else:
        os.truncate(path, check.good)
    return f"{path.name}: {check.problem}; kept {check.good} of {check.size} bytes"


def check_at_open(paths: Any, index: ArchiveIndex, torn: list[str] | None = None) -> list[str]:
    """The start-of-run check: files whose size moved are read to the end; what is lost
    is forgotten (see the module docstring). ``torn``: files a killed run left open whose
    cut tail was set aside (the index may know payloads that were in it). Returns lines
    for the run's manifest."""
    known = index.warc_sizes()
    present = {path.name: path for path in warc_files(paths.warc)}
    repairs: list[str] = []
    damaged: list[str] = list(torn or [])
    for name in sorted(set(known) - set(present)):
        repairs.append(f"{name}: lost (recorded, no longer in warc/)")
        damaged.append(name)
        index.forget_warc(name)
    for name, path in sorted(present.items()):
        size = path.stat().st_size
        if known.get(name) == size:
            continue
        check = check_members(path)
        if check.problem is not None:
            repairs.append(_cut(path, check, paths.quarantine))
            damaged.append(name)
        elif name in known:
            repairs.append(f"{name}: {known[name]} bytes when closed, {size} now")
            damaged.append(name)
        if path.exists():
            index.set_warc_size(name, path.stat().st_size)
    if damaged:
        repairs += forget_lost(paths, index, damaged)
    return repairs


def forget_lost(paths: Any, index: ArchiveIndex, damaged: list[str]) -> list[str]:
    """The index forgets payloads, validators and vouching sitemaps of lost captures."""
    scan = scan_warcs(paths.warc)
    payloads = index.forget_payloads_not_in(scan.record_ids)
    captures = index.forget_captures_not_in(scan.digests)
    # pages whose latest capture is gone, or a revisit of nothing (not those that answered
    # 404 or 500 last time: nothing of theirs was lost)
    refetch = [url for url in index.captured_urls() if scan.latest_ok.get(url, False) is False]
    index.forget_pages(refetch)
    index.forget_sitemaps()
    for name in damaged:  # pywb's index of a damaged file is rebuilt at the end of the run
        (paths.cdxj.parent / (name.removesuffix(".warc.gz") + ".cdxj")).unlink(missing_ok=True)
    return [
        f"index: forgot {payloads} payload digests and {captures} captures held in damaged "
        f"WARC files; {len(refetch)} pages whose latest capture was lost are fetched again"
    ]


def repair_archive(root: Path) -> tuple[list[str], list[str]]:
    """``validate --repair``: rebuild what the files allow; (what was done, what could not be).

    Opening the store already cuts torn tails, closes WARC files left open, reads damaged
    WARC files and recovers damaged item lines. On top of that the index's items are rebuilt
    from the item files, its payload digests from the WARC files, and every CDXJ index
    from its WARC file.
    """
    from osce_crawler.archive.cdxj import update_cdxj
    from osce_crawler.archive.store import ArchiveStore

    index_lost = not (Path(root) / "index.sqlite").exists()
    store = ArchiveStore.open(root)
    done = list(store.repairs)
    unrecoverable: list[str] = []
    if index_lost:
        unrecoverable.append(
            "index.sqlite was missing: ETags, Last-Modified dates and sitemap lastmods are in "
            "no other file (the next crawl fetches every known page once, in full)"
        )
    try:
        applied = store.rebuild_items()
        done.append(f"index: items rebuilt from {applied} item lines")
        scan = scan_warcs(store.paths.warc)
        added = store.index.rebuild_payloads(store.paths.warc)
        done.append(f"index: {added} payload digests taken from the WARC files")
        unrecoverable += [f"revisit whose target is lost: {line}" for line in scan.dangling]
        for name, check in scan.files.items():
            if check.problem is not None:
                unrecoverable.append(f"{name}: {check.problem}")
    finally:
        store.close()
    for index in store.paths.cdxj.parent.glob("*.cdxj"):
        index.unlink()
    made = update_cdxj(store.paths)
    done.append(f"CDXJ: {len(made)} index files rebuilt from the WARC files")
    return done, unrecoverable
