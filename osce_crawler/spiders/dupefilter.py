"""The crawl's duplicate-request filter: Scrapy's own, with what it has seen on disk.

Scrapy's ``RFPDupeFilter`` keeps the fingerprint of every request of the run in a Python
set: about 160 bytes a request with the set's table (3.2 MB after 20,000 requests,
tests/test_dupefilter.py), plus the allocator arenas those long-lived objects pin among
the short-lived ones. A crawl's memory
must stay flat as the site grows (issue 15), so here the fingerprints go to a SQLite table
(``diskset``): in the JOBDIR, where a gracefully stopped crawl resumes with them, or in a
scratch file without one. Fingerprints, duplicate logging and the ``from_crawler``
signature are Scrapy's.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from scrapy import Request
from scrapy.dupefilters import RFPDupeFilter
from scrapy.utils.request import RequestFingerprinterProtocol

from osce_crawler.diskset import DiskScratch

#: the table's file in the JOBDIR (Scrapy's own filter writes ``requests.seen`` there)
SEEN_FILE = "requests-seen.sqlite"


class DiskDupeFilter(RFPDupeFilter):
    """``RFPDupeFilter`` whose seen fingerprints live in SQLite, not in memory."""

    def __init__(
        self,
        path: str | None = None,
        debug: bool = False,
        *,
        fingerprinter: RequestFingerprinterProtocol | None = None,
    ) -> None:
        super().__init__(None, debug, fingerprinter=fingerprinter)  # no requests.seen
        kept = Path(path, SEEN_FILE) if path else None
        try:
            self.scratch = DiskScratch(keep_as=kept)
            self.seen = self.scratch.set("fingerprints")
        except sqlite3.DatabaseError:  # torn by a crash: its requests are simply asked again
            assert kept is not None
            kept.unlink()
            self.scratch = DiskScratch(keep_as=kept)
            self.seen = self.scratch.set("fingerprints")

    def request_seen(self, request: Request) -> bool:
        return not self.seen.add(self.fingerprinter.fingerprint(request))

    def close(self, reason: str) -> None:
        super().close(reason)
        self.scratch.close()
