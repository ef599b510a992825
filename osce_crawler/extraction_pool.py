"""Extraction in worker processes, so that a crawl or a re-extraction uses more than one core.

The extractors (``extract_article``, ``extract_listing``) are pure and CPU-bound; Scrapy's engine, the pipelines and the archive
writers run in one thread. Handing extraction to other processes lets both run at once.
With ``processes=0`` everything runs in the calling process, as before.

Workers are spawned (never forked from a process with threads and open archive files),
ignore SIGINT (Ctrl-C reaches the whole process group: the crawl stops gracefully and
closes the pool itself) and exit on their own when their parent dies, so that a crawl
killed with SIGKILL leaves no process behind.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

T = TypeVar("T")

#: at most this many extraction processes, whatever the machine
MAX_PROCESSES = 4


class ExtractionCrashed(RuntimeError):
    """A worker process died while extracting a page (the page is reported, the pool rebuilt)."""


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def default_processes() -> int:
    """One core is left to the caller (Scrapy's engine, the archive writers)."""
    return max(0, min(available_cores() - 1, MAX_PROCESSES))


class ExtractionPool:
    """Extractors run in up to ``processes`` worker processes (0: in this process)."""

    def __init__(self, processes: int):
        self.processes = max(0, processes)
        self._executor: ProcessPoolExecutor | None = None

    def start(self) -> None:
        """Start the workers now, so that their imports overlap the first downloads."""
        if self.processes:
            executor = self.executor()
            for _ in range(self.processes):
                executor.submit(_warm_up)

    def executor(self) -> ProcessPoolExecutor:
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                max_workers=self.processes,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_worker_started,
                initargs=(os.getpid(),),
            )
        return self._executor

    async def run(self, function: Callable[..., T], *args: Any) -> T:
        """``function(*args)`` in a worker, awaited; for asyncio callers (the spider).

        ``function`` is a pure extractor, importable by name (it is pickled by reference).
        """
        if not self.processes:
            return function(*args)
        try:
            return await asyncio.wrap_future(self.submit(function, *args))
        except BrokenProcessPool as error:
            self._discard_broken()
            raise ExtractionCrashed(f"the extraction process died: {error}") from error

    def submit(self, function: Callable[..., T], *args: Any) -> Future[T]:
        try:
            return self.executor().submit(function, *args)
        except BrokenProcessPool:
            self._discard_broken()
            return self.executor().submit(function, *args)

    def map(
        self, function: Callable[..., T], calls: Iterable[tuple[Any, ...]], in_flight: int = 64
    ) -> Iterator[T | ExtractionCrashed]:
        """``function(*args)`` for each ``args`` of ``calls``, in order, with at most
        ``in_flight`` calls (and their pages) held at once.

        A call whose worker died comes back as an ``ExtractionCrashed`` in its place.
        """
        if not self.processes:
            for args in calls:
                yield function(*args)
            return
        pending: deque[Future[T]] = deque()
        for args in calls:
            pending.append(self.submit(function, *args))
            if len(pending) >= in_flight:
                yield self._result(pending.popleft())
        while pending:
            yield self._result(pending.popleft())

    def _result(self, future: Future[T]) -> T | ExtractionCrashed:
        try:
            return future.result()
        except BrokenProcessPool as error:
            self._discard_broken()
            return ExtractionCrashed(f"the extraction process died: {error}")

    def _discard_broken(self) -> None:
        broken, self._executor = self._executor, None
        if broken is not None:
            broken.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def __enter__(self) -> ExtractionPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _warm_up() -> None:
    """Nothing: submitted once per worker so that it starts (and imports) right away."""


def _worker_started(parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()


def _exit_with(parent: int, every: float = 0.5) -> Any:
    """Exit when the parent is gone (a worker blocked on its queue would wait forever)."""
    while os.getppid() == parent:
        time.sleep(every)
    os._exit(0)
