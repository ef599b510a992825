"""Reading a sitemap: streamed, strict about what is wrong, and still using what can be read.

One pass with lxml's ``iterparse``: each entry is handed out and dropped from the tree as
soon as it is read, so a 50,000-entry sitemap never sits in memory whole. Entities are
never resolved and nothing is fetched (no DTD, no network): a declared entity (an expansion
bomb, an external file) is itself reported. Broken XML is reported too (Scrapy's own reader
recovers silently); the entries before the break are still used.
"""

from __future__ import annotations

from collections.abc import Iterator
from io import BytesIO

from lxml import etree

MALFORMED = "malformed sitemap"
DECLARES_ENTITIES = "sitemap declares XML entities (not resolved)"


def _local_name(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


class SitemapReader:
    """``kind`` ("urlset", "sitemapindex", or None when unreadable) is known at once;
    ``problem`` once ``entries()`` has been read to its end."""

    def __init__(self, body: bytes):
        self.kind: str | None = None
        self.problem: str | None = None
        self._events = etree.iterparse(
            BytesIO(body),
            events=("start", "end"),
            recover=True,
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            remove_comments=True,
            remove_pis=True,
        )
        try:
            _, root = next(self._events)
        except (StopIteration, etree.XMLSyntaxError):
            self.problem = MALFORMED
            return
        self.kind = _local_name(root.tag)
        dtd = root.getroottree().docinfo.internalDTD
        if dtd is not None and any(True for _ in dtd.iterentities()):
            self.problem = DECLARES_ENTITIES
        elif self.kind not in ("urlset", "sitemapindex"):
            self.problem = MALFORMED

    def entries(self) -> Iterator[dict[str, str]]:
        """Each ``<url>`` or ``<sitemap>`` with a ``loc``, as {child tag: its text}."""
        if self.kind is None:
            return
        try:
            for event, element in self._events:
                if event != "end" or _local_name(element.tag) not in ("url", "sitemap"):
                    continue
                entry = {
                    _local_name(child.tag): (child.text or "").strip()
                    for child in element
                    if isinstance(child.tag, str)
                }
                element.clear()
                while element.getprevious() is not None:  # what was read goes
                    del element.getparent()[0]
                if entry.get("loc"):
                    yield entry
        except etree.XMLSyntaxError:
            self.problem = self.problem or MALFORMED
            return
        if self.problem is None and any(
            error.level >= etree.ErrorLevels.ERROR for error in self._events.error_log
        ):
            self.problem = MALFORMED
