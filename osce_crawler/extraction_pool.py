"""Extraction in worker processes, so that a crawl or a re-extraction uses more than one core.

The extractors (``extract_article``, ``extract_listing``) are pure and CPU-bound, while
Scrapy's engine, the pipelines and the archive writers run in one thread. Handing the
extractors to other processes lets both run at once. With ``processes=0`` everything runs
in the calling process.

Workers are spawned (never forked from a process with threads and open archive files),
ignore SIGINT (Ctrl-C reaches the whole process group: the crawl stops gracefully and
closes the pool itself) and exit on their own when their parent dies, so that a crawl
killed with SIGKILL leaves no process behind.

Garbage collection in a worker runs once per page, after it (``_in_worker``): a page's
BeautifulSoup tree is a web of reference cycles that only the collector frees, and
Python's default thresholds ran it several times in the middle of every page, each time
moving the half-built tree to an older generation that later full collections walked
again, with every imported module: about a fifth of a worker's CPU time.
"""

from __future__ import annotations

import asyncio
import gc
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, NamedTuple, TypeVar

from osce_crawler.collector import collect_rarely, restore
from osce_crawler.prepared import ExtractedItem

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
    """One per core, at most MAX_PROCESSES; none on a single core.

    Not one fewer than the cores (leaving one to the engine): in a crawl the engine's
    process needs less CPU than extraction (about 5 against 7 ms per page on the 2-core
    bench machine, with the per-page garbage collection), so with a single worker on two
    cores extraction was the limit and the engine's core idled half the time; two workers
    share both cores with the engine (bench/crawl_vs_scrapy.py: 28 s against 42 s for
    3,000 articles, back to back)."""
    cores = available_cores()
    return min(cores, MAX_PROCESSES) if cores > 1 else 0


class ExtractionPool:
    """Extractors run in up to ``processes`` worker processes (0: in this process)."""

    def __init__(self, processes: int):
        self.processes = max(0, processes)
        self._executor: ProcessPoolExecutor | None = None
        self._retry_lock: asyncio.Lock | None = None

    def start(self) -> None:
        """Start the workers now, so that their imports overlap the first downloads."""
        if self.processes:
            executor = self.executor()
            for _ in range(self.processes):
                executor.submit(_started)  # a worker is spawned for each call waiting

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
        When a worker dies, every call in flight fails with it: each is tried once more,
        one at a time, and only a call that kills its worker again raises ExtractionCrashed.
        """
        if not self.processes:
            return function(*args)
        executor = self.executor()
        try:
            return await asyncio.wrap_future(_submit(executor, function, args))
        except BrokenProcessPool:
            self._discard(executor)
        if self._retry_lock is None:
            self._retry_lock = asyncio.Lock()
        async with self._retry_lock:
            executor = self.executor()
            try:
                return await asyncio.wrap_future(_submit(executor, function, args))
            except BrokenProcessPool as error:
                self._discard(executor)
                raise ExtractionCrashed(f"the extraction process died: {error}") from error

    def map(
        self, function: Callable[..., T], calls: Iterable[tuple[Any, ...]], in_flight: int = 64
    ) -> Iterator[T | ExtractionCrashed]:
        """``function(*args)`` for each ``args`` of ``calls``, in order, with at most
        ``in_flight`` calls (and their pages) held at once.

        A call whose worker died is tried once more, alone; if it kills that worker too,
        an ``ExtractionCrashed`` comes back in its place.
        """
        if not self.processes:  # in this process, collecting garbage as a worker does
            previous = collect_rarely(WORKER_GC_THRESHOLD)
            try:
                for args in calls:
                    yield _in_worker(function, args)
            finally:
                restore(previous)
            return
        pending: deque[tuple[Future[T], ProcessPoolExecutor, tuple[Any, ...]]] = deque()
        for args in calls:
            executor = self.executor()
            pending.append((_submit(executor, function, args), executor, args))
            if len(pending) >= in_flight:
                yield self._result(function, *pending.popleft())
        while pending:
            yield self._result(function, *pending.popleft())

    def _result(
        self,
        function: Callable[..., T],
        future: Future[T],
        executor: ProcessPoolExecutor,
        args: tuple[Any, ...],
    ) -> T | ExtractionCrashed:
        try:
            return future.result()
        except BrokenProcessPool:
            self._discard(executor)
        executor = self.executor()  # nothing else is in flight in it yet: the call is alone
        try:
            return _submit(executor, function, args).result()
        except BrokenProcessPool as error:
            self._discard(executor)
            return ExtractionCrashed(f"the extraction process died: {error}")

    def _discard(self, broken: ProcessPoolExecutor) -> None:
        """Forget a broken executor (once: later failures of its calls find it gone)."""
        if self._executor is broken:
            self._executor = None
        broken.shutdown(wait=False)  # its calls have failed already (cancelling would race them)

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def __enter__(self) -> ExtractionPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _submit(
    executor: ProcessPoolExecutor, function: Callable[..., T], args: tuple[Any, ...]
) -> Future[T]:
    """``executor.submit``, with a pool found broken on submission failing like its calls."""
    try:
        return executor.submit(_in_worker, function, args)
    except BrokenProcessPool as error:
        future: Future[T] = Future()
        future.set_exception(error)
        return future


class ExtractedPage(NamedTuple):
    """What the crawl needs of an article page, made in the worker: the archived item as a
    plain dict (``Article.to_dict``, a tenth of the engine's work per item when it ran
    there; a dict also crosses the process boundary cheaper than the dataclasses), the
    links to follow and what the page is."""

    page_kind: str
    links: list[str]  # translations, then related articles
    item: ExtractedItem | None  # None when the page is not an article

    @property
    def is_article(self) -> bool:
        return self.page_kind == "article"


def extract_page(data: bytes | str, url: str, listed_as: str | None = None) -> ExtractedPage:
    """``extract_article`` and the item's archived form, in one call (for a worker).

    The item comes with what the archive computes from it alone (``prepared.prepare``: its
    content hash, schema errors and archived JSON), so that the engine's process, the
    crawl's bottleneck, does not (about a twentieth of its time)."""
    from osce_crawler.extract import extract_article
    from osce_crawler.prepared import extracted_item

    article = extract_article(data, url, listed_as)
    links = [translation.url for translation in article.translations] + article.related_urls
    item = extracted_item(article.to_dict()) if article.is_article else None
    return ExtractedPage(article.page_kind, links, item)


class ListedArticles(NamedTuple):
    """What the crawl needs of a listing page, made in the worker: its entries that are
    article pages in the crawl's scope, as (canonical URL, date or ""), in page order, and
    the next page's URL. A listing page links to the site's few hundred menu pages too;
    those are left in the worker instead of crossing to the engine to be dropped there."""

    entries: list[tuple[str, str]]
    next_url: str | None


def extract_listed_articles(data: bytes | str, url: str, netloc: str) -> ListedArticles:
    """``extract_listing``, its entries kept when they are article pages on ``netloc``."""
    from osce_crawler.extract.listing import extract_listing
    from osce_crawler.urls import listed_article_url

    listing = extract_listing(data, url)
    entries = []
    for entry in listing.entries:
        canonical = listed_article_url(entry.url, netloc)
        if canonical is not None:
            entries.append((canonical, entry.date or ""))
    return ListedArticles(entries, listing.next_url)


#: a worker collects garbage after every call (``_in_worker``); the collector's own trigger
#: is kept, far above one page's objects (about 2,000 to 4,000 on osce.org's pages), for a
#: page so large that its garbage should not wait for the end of the call
WORKER_GC_THRESHOLD = 50_000
#: every so many calls the older generations are collected too (what outlived its page:
#: cache entries, and garbage that was still referenced when its page ended)
WORKER_GC_OLDER_EVERY = (100, 10_000)

_calls_done = 0


def _in_worker(function: Callable[..., T], args: tuple[Any, ...]) -> T:
    """``function(*args)``, then the garbage it left collected at once, while all of it is
    young: each object of a page's tree is looked at once, and freed with the page."""
    global _calls_done
    try:
        return function(*args)
    finally:
        _calls_done += 1
        gc.collect(0)
        middle, oldest = WORKER_GC_OLDER_EVERY
        if _calls_done % oldest == 0:
            gc.collect(2)
        elif _calls_done % middle == 0:
            gc.collect(1)


def _started() -> None:
    """Submitted once per worker by ``ExtractionPool.start``: the pool spawns a process for
    each call waiting, so the workers start (and prepare, in ``_worker_started``) while the
    first pages are still downloading."""


def _worker_started(parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()
    _prepare()


def _prepare() -> None:
    """Import the extractors, load dateparser's data for the site's languages, then set
    garbage collection for one page at a time: what is loaded now is frozen (never walked
    again by a collection) and the collector waits for the end of each call."""
    try:
        import osce_crawler.extract.listing  # noqa: F401 - imported now, not on a page
        import osce_crawler.urls  # noqa: F401
        from osce_crawler.extract.dates import warm_up
        from osce_crawler.schema import prepare_item_check

        warm_up()
        prepare_item_check()
    except Exception:  # noqa: BLE001 - the call that needs it fails again, and is reported
        pass
    collect_rarely(WORKER_GC_THRESHOLD)


def _exit_with(parent: int, every: float = 0.5) -> Any:
    """Exit when the parent is gone (a worker blocked on its queue would wait forever)."""
    while os.getppid() == parent:
        time.sleep(every)
    os._exit(0)
