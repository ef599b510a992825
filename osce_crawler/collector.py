"""Python's garbage collector set for a process that makes and drops one page's objects at a
time (the crawl's process, the extraction processes, ``reextract`` in one process).

A page's BeautifulSoup tree is a web of reference cycles that only the collector frees.
With Python's defaults it runs every 700 new objects, in the middle of a page, and its
full collections walk every module the process has loaded: a fifth of an extraction
process's CPU time (docs/performance.md, issue 15's third round).
"""

from __future__ import annotations

import gc


def collect_rarely(threshold: int) -> tuple[int, ...]:
    """Freeze what exists now (never walked again) and let ``threshold`` new objects come
    between collections; returns the settings ``restore`` puts back."""
    previous = gc.get_threshold()
    gc.collect()
    gc.freeze()
    gc.set_threshold(threshold)
    return previous


def restore(previous: tuple[int, ...]) -> None:
    """Undo ``collect_rarely``: what was frozen is walked again, the old thresholds apply."""
    gc.unfreeze()
    gc.set_threshold(*previous)
