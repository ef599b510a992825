"""CDXJ indexes of the WARC files (cdxj-indexer), one per WARC file, for pywb to replay.

pywb reads every ``*.cdxj`` in a collection's index folder, so indexing each finished
WARC file once keeps the replay index up to date without rewriting anything. The lines are
sorted on disk (cdxj-indexer sorts in memory: a 1 GB WARC file's lines would all be held).
"""

from __future__ import annotations

import heapq
import os
import tempfile
from itertools import islice
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
        unsorted = target.with_name("." + target.name + ".unsorted")
        temporary = target.with_name("." + target.name + ".tmp")
        CDXJIndexer(output=str(unsorted), inputs=[str(warc)], sort=False).process_all()
        sort_lines(unsorted, temporary)
        unsorted.unlink()
        os.replace(temporary, target)
        made.append(target)
    return made


#: lines sorted in memory at a time (about 3 MB of CDXJ)
SORT_RUN_LINES = 10_000


def sort_lines(source: Path, target: Path, run_lines: int = SORT_RUN_LINES) -> None:
    """``target`` gets ``source``'s lines in order, sorted in runs on disk, then merged."""
    runs = []
    try:
        with open(source, encoding="utf-8") as lines:
            while chunk := list(islice(lines, run_lines)):
                chunk = [line if line.endswith("\n") else line + "\n" for line in chunk]
                chunk.sort()
                run = tempfile.TemporaryFile("w+", encoding="utf-8", dir=target.parent)  # noqa: SIM115
                run.writelines(chunk)
                run.seek(0)
                runs.append(run)
        with open(target, "w", encoding="utf-8") as out:
            out.writelines(heapq.merge(*runs))
    finally:
        for run in runs:
            run.close()
