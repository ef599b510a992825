"""CDXJ indexes of the WARC files (cdxj-indexer), one per WARC file, for pywb to replay.

pywb reads every ``*.cdxj`` in a collection's index folder, so indexing each finished
WARC file once keeps the replay index up to date without rewriting anything.
"""

from __future__ import annotations

import os
from pathlib import Path

from cdxj_indexer.main import CDXJIndexer

from osce_crawler.archive.warc import warc_files


def update_cdxj(paths: object) -> list[Path]:
    """Index the WARC files that have no CDXJ index yet; returns the new index files."""
    warc_dir: Path = paths.warc  # type: ignore[attr-defined]
    index_dir: Path = paths.cdxj.parent  # type: ignore[attr-defined]
    index_dir.mkdir(parents=True, exist_ok=True)
    made = []
    for warc in warc_files(warc_dir):
        target = index_dir / (warc.name.removesuffix(".warc.gz") + ".cdxj")
        if target.exists():
            continue
        temporary = target.with_name("." + target.name + ".tmp")
        CDXJIndexer(output=str(temporary), inputs=[str(warc)], sort=True).process_all()
        os.replace(temporary, target)
        made.append(target)
    return made
