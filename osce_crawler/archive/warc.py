"""Raw evidence: every request and response of a crawl in gzip WARC/1.1 files (warcio).

Files are written as ``*.warc.gz.open`` and renamed when closed, so a file without the
suffix is complete. A payload already stored gets a ``revisit`` record (profile
identical-payload-digest) instead of a second copy. After a crash, ``repair_open_warcs``
keeps every complete record of an unfinished file and sets the torn tail aside.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.timeutils import datetime_to_iso_date
from warcio.warcwriter import WARCWriter

from osce_crawler.archive.index import ArchiveIndex

OPEN_SUFFIX = ".open"
#: said of a file left open whose last record was cut (its payload may be in the index)
TORN_TAIL = "torn tail set aside"
#: WARC/1.1 revisit profiles (section 6.7)
IDENTICAL_PAYLOAD = "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"
SERVER_NOT_MODIFIED = "http://netpreserve.org/warc/1.1/revisit/server-not-modified"


@dataclass
class WarcLocation:
    filename: str
    offset: int
    record_id: str

    def as_dict(self) -> dict[str, object]:
        return {"filename": self.filename, "offset": self.offset, "record_id": self.record_id}


@dataclass
class Exchange:
    """One HTTP exchange as the crawler saw it (raw bytes, before decompression)."""

    url: str
    method: str
    request_headers: list[tuple[str, str]]
    status: int
    reason: str
    response_headers: list[tuple[str, str]]
    body: bytes
    fetched_at: datetime  # UTC


def payload_digest(body: bytes) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(body).digest()).decode("ascii")


class WarcCapture:
    """Appends exchanges to rotating WARC files named ``<prefix>-<serial>.warc.gz``."""

    def __init__(self, directory: Path, prefix: str, index: ArchiveIndex, max_size: int):
        self.directory = directory
        self.prefix = prefix
        self.index = index
        self.max_size = max_size
        self.serial = 0
        self.file: io.BufferedWriter | None = None
        self.writer: WARCWriter | None = None
        self.name = ""
        self.bytes_written = 0
        self.records = 0
        self.revisits = 0
        directory.mkdir(parents=True, exist_ok=True)

    def _open(self) -> None:
        self.serial += 1
        self.name = f"{self.prefix}-{self.serial:05d}.warc.gz"
        self.file = open(self.directory / (self.name + OPEN_SUFFIX), "ab")  # noqa: SIM115
        self.writer = WARCWriter(self.file, gzip=True, warc_version="1.1")
        info = self.writer.create_warcinfo_record(
            self.name, {"software": "osce-archive", "format": "WARC File Format 1.1"}
        )
        self.writer.write_record(info)

    def write(self, exchange: Exchange) -> WarcLocation:
        """Write the request and response (or revisit) records; the response's location.

        A 200 whose payload is archived already becomes a revisit (identical-payload-digest)
        with its own headers. A 304 answering a conditional request becomes a revisit
        (server-not-modified) of the page's archived 200: the record carries that 200's
        status line and headers, so that replay (pywb) shows the archived page at the 304's
        date; the 304's own status line and headers are kept in the record's
        ``X-Not-Modified-Response`` field.
        """
        if self.file is None or self.file.tell() >= self.max_size:
            self.close()
            self._open()
        assert self.writer is not None and self.file is not None
        date = datetime_to_iso_date(exchange.fetched_at.replace(tzinfo=None), use_micros=True)
        digest = payload_digest(exchange.body)
        status_line = f"{exchange.status} {exchange.reason}".strip()
        http_headers = StatusAndHeaders(status_line, exchange.response_headers, protocol="HTTP/1.1")
        full = bool(exchange.body) and exchange.status == 200
        seen = self.index.payload(digest) if full else None
        confirmed = self.index.capture(exchange.url) if exchange.status == 304 else None
        original = self.index.payload(confirmed[0]) if confirmed is not None else None
        if seen is not None:
            record = self.writer.create_revisit_record(
                exchange.url, digest, seen[0], seen[1], http_headers=http_headers
            )
            record.rec_headers.add_header("WARC-Refers-To", seen[2])
            self.revisits += 1
        elif confirmed is not None and original is not None:
            archived_digest, archived_status, archived_headers = confirmed
            record = self.writer.create_revisit_record(
                exchange.url,
                archived_digest,
                original[0],
                original[1],
                http_headers=StatusAndHeaders(
                    archived_status, archived_headers, protocol="HTTP/1.1"
                ),
            )
            record.rec_headers.replace_header("WARC-Profile", SERVER_NOT_MODIFIED)
            record.rec_headers.add_header("WARC-Refers-To", original[2])
            record.rec_headers.add_header(
                "X-Not-Modified-Response",
                json.dumps(
                    {"status": status_line, "headers": exchange.response_headers},
                    ensure_ascii=True,
                ),
            )
            self.revisits += 1
        else:
            record = self.writer.create_warc_record(
                exchange.url,
                "response",
                payload=io.BytesIO(exchange.body),
                length=len(exchange.body),
                http_headers=http_headers,
                # computed above already: warcio would hash the body a second time
                warc_headers_dict={"WARC-Date": date, "WARC-Payload-Digest": digest},
            )
        record.rec_headers.replace_header("WARC-Date", date)
        record_id = record.rec_headers.get_header("WARC-Record-ID")
        offset = self.file.tell()
        self.writer.write_record(record)
        request = self.writer.create_warc_record(
            exchange.url,
            "request",
            payload=io.BytesIO(b""),
            length=0,
            http_headers=StatusAndHeaders(
                f"{exchange.method} {_path_of(exchange.url)} HTTP/1.1",
                exchange.request_headers,
                is_http_request=True,
            ),
            warc_headers_dict={"WARC-Date": date, "WARC-Concurrent-To": record_id},
        )
        self.writer.write_record(request)
        self.file.flush()
        if full:
            if seen is None:
                self.index.add_payload(digest, exchange.url, date, record_id)
            self.index.record_capture(exchange.url, digest, status_line, exchange.response_headers)
        self.records += 2
        self.bytes_written = self.bytes_written + (self.file.tell() - offset)
        return WarcLocation(self.name, offset, record_id)

    def close(self) -> None:
        if self.file is None:
            return
        self.file.flush()
        os.fsync(self.file.fileno())
        self.file.close()
        os.replace(self.directory / (self.name + OPEN_SUFFIX), self.directory / self.name)
        # the start-of-run check reads a file again only when its size has moved
        self.index.set_warc_size(self.name, (self.directory / self.name).stat().st_size)
        self.file = None
        self.writer = None

    def finished_names(self) -> list[str]:
        return [f"{self.prefix}-{n:05d}.warc.gz" for n in range(1, self.serial + 1)]


def _path_of(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def complete_length(path: Path) -> int:
    """Bytes of ``path`` that hold complete, readable WARC records."""
    good = 0
    with open(path, "rb") as stream:
        try:
            iterator = ArchiveIterator(stream, check_digests=False)
            for record in iterator:
                record.content_stream().read()
                good = iterator.get_record_offset() + iterator.get_record_length()
        except Exception:  # a torn gzip member or record: stop at the last good one
            pass
    return good


def repair_open_warcs(directory: Path, quarantine: Path) -> list[str]:
    """Close the WARC files a killed run left open: keep complete records, set the rest aside."""
    repaired = []
    for path in sorted(directory.glob("*" + OPEN_SUFFIX)):
        good = complete_length(path)
        size = path.stat().st_size
        if good < size:
            quarantine.mkdir(parents=True, exist_ok=True)
            with open(path, "rb") as stream:
                stream.seek(good)
                with open(
                    quarantine / (path.name.removesuffix(OPEN_SUFFIX) + ".torn"), "wb"
                ) as out:
                    shutil.copyfileobj(stream, out)
            os.truncate(path, good)
        final = path.with_name(path.name.removesuffix(OPEN_SUFFIX))
        if good == 0:
            path.unlink()
        else:
            os.replace(path, final)
        torn = f"; {TORN_TAIL}" if good < size else ""
        repaired.append(f"{final.name}: kept {good} of {size} bytes{torn}")
    return repaired


def warc_files(directory: Path) -> Iterable[Path]:
    return sorted(directory.glob("*.warc.gz"))
