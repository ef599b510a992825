"""The archive on disk: item JSON Lines, WARC files, the index, run manifests, files.

See archive/README.md in the repository for the layout and the guarantees. For reading
an archive: ``from osce_crawler.archive import Archive`` (osce_crawler/archive/reader.py).
"""

from __future__ import annotations

from typing import Any

__all__ = ["Archive"]


def __getattr__(name: str) -> Any:
    """``Archive`` is imported on first use: the crawler's modules need none of it."""
    if name == "Archive":
        from osce_crawler.archive.reader import Archive

        return Archive
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
