"""Extraction in worker processes: the same items, and a dead worker costs one page only."""

from __future__ import annotations

import asyncio
import os

import pytest

from osce_crawler.extract import extract_article
from osce_crawler.extraction_pool import ExtractionCrashed, ExtractionPool, extract_page

from .conftest import BASE_URL


@pytest.fixture(scope="module")
def pool():
    with ExtractionPool(1) as pool:
        yield pool


def test_workers_give_the_items_extraction_in_process_gives(pool, mirror_pages, records):
    calls = [(html, f"{BASE_URL}{records[key]['path']}") for key, html in mirror_pages.items()]
    in_workers = list(pool.map(extract_article, calls, in_flight=4))
    here = [extract_article(html, url) for html, url in calls]
    assert len(in_workers) == len(here) == len(mirror_pages)
    assert [a.to_dict() for a in in_workers] == [a.to_dict() for a in here]
    # what the spider reads beside the item comes across too
    assert [(a.page_kind, a.related_urls) for a in in_workers] == [
        (a.page_kind, a.related_urls) for a in here
    ]
    assert sum(bool(a.related_urls) for a in in_workers) > len(in_workers) / 2


def test_the_crawl_s_call_gives_the_archived_item_and_the_links(pool, mirror_pages, records):
    """``extract_page`` (what the spider awaits) makes the item's archived form in the
    worker: the same dict as ``extract_article(...).to_dict()`` in this process."""
    calls = [(html, f"{BASE_URL}{records[key]['path']}") for key, html in mirror_pages.items()]
    calls.append((b"<html><body><p>no article here</p></body></html>", f"{BASE_URL}/x/1"))
    pages = list(pool.map(extract_page, calls, in_flight=4))
    here = [extract_article(html, url) for html, url in calls]
    for page, article in zip(pages, here, strict=True):
        assert page.page_kind == article.page_kind
        assert page.links == [t.url for t in article.translations] + article.related_urls
        assert page.item == (article.to_dict() if article.is_article else None)
    assert pages[-1].item is None and not pages[-1].is_article
    assert sum(page.is_article for page in pages) > len(pages) / 2


def test_a_worker_that_dies_costs_its_page_only_and_the_pool_goes_on(pool, mirror_pages):
    pages = [(html, f"{BASE_URL}/x/{n}") for n, html in enumerate(mirror_pages.values())][:6]
    calls = [(extract_article, page) for page in pages[:3]] + [(os._exit, (3,))]
    calls += [(extract_article, page) for page in pages[3:]]
    results = list(pool.map(_call, calls, in_flight=4))  # the worker dies mid-way
    crashed = [n for n, result in enumerate(results) if isinstance(result, ExtractionCrashed)]
    assert crashed == [3]  # the pages in flight with it were tried again, and came through
    assert [r.title for n, r in enumerate(results) if n != 3] == [
        extract_article(html, url).title for html, url in pages
    ]
    with pytest.raises(ExtractionCrashed):
        asyncio.run(pool.run(os._exit, 3))
    article = asyncio.run(pool.run(extract_article, *pages[0]))
    assert article.title  # a new worker took over


def test_no_processes_means_extraction_in_this_process(mirror_pages):
    html = next(iter(mirror_pages.values()))
    with ExtractionPool(0) as pool:
        article = asyncio.run(pool.run(extract_article, html, f"{BASE_URL}/x/1"))
        assert pool._executor is None  # no process was started
    assert article.to_dict() == extract_article(html, f"{BASE_URL}/x/1").to_dict()


def test_in_this_process_map_collects_as_a_worker_and_restores_the_collector(mirror_pages):
    # reextract --processes 0: the same collection per page as a worker's, so that its
    # one-process figure is comparable; the process's own settings come back afterwards
    import gc

    before = gc.get_threshold(), gc.get_freeze_count()
    pages = [(html, f"{BASE_URL}/x/{n}") for n, html in enumerate(mirror_pages.values())]
    seen = []
    with ExtractionPool(0) as pool:
        for article in pool.map(extract_article, pages[:3]):
            seen.append((gc.get_threshold()[0], gc.get_freeze_count() > 0, article.title))
    assert all(threshold >= 10_000 and frozen and title for threshold, frozen, title in seen)
    assert (gc.get_threshold(), gc.get_freeze_count()) == before


def _call(function, args):
    """Runs in a worker: one function of a mixed list of calls."""
    return function(*args)


def test_a_worker_frees_a_page_s_garbage_after_each_call(pool, mirror_pages):
    """A page's tree is reference cycles: the worker collects them when the call ends
    (not in the middle of the next pages), with what it loaded at start frozen."""
    threshold, frozen = asyncio.run(pool.run(_gc_settings))
    assert threshold[0] >= 10_000 and frozen > 0
    html = next(iter(mirror_pages.values()))
    asyncio.run(pool.run(_extract_and_watch, html, f"{BASE_URL}/x/1"))
    assert asyncio.run(pool.run(_watched_is_gone))


def _gc_settings():
    import gc

    return gc.get_threshold(), gc.get_freeze_count()


_watched = []


def _extract_and_watch(html, url):
    """Runs in a worker: extracts a page and keeps a weak reference to its tree's root."""
    import weakref

    from osce_crawler.extract.document import parse_document

    soup, _, _ = parse_document(html)
    extract_article(html, url)
    _watched.append(weakref.ref(soup))


def _watched_is_gone():
    return bool(_watched) and all(ref() is None for ref in _watched)


def test_a_listing_s_article_entries_are_picked_in_the_worker(pool):
    """``extract_listed_articles`` (what the spider awaits for a listing page): the entries
    of ``extract_listing`` that are article pages in scope, canonical, with their dates, in
    page order; the menu's links stay in the worker."""
    from urllib.parse import urlsplit

    from osce_crawler.extract.listing import extract_listing
    from osce_crawler.extraction_pool import extract_listed_articles
    from osce_crawler.mirror.site import MirrorSite
    from osce_crawler.urls import canonicalise, is_article_url

    site, netloc = MirrorSite(articles=60, seed=3), urlsplit(BASE_URL).netloc
    pages = []
    for path, query in [("/press-releases", ""), ("/news", "page=1"), ("/ru/news", "")]:
        body = site.respond(path, query, BASE_URL).body
        pages.append((body, f"{BASE_URL}{path}" + (f"?{query}" if query else "")))
    results = list(pool.map(extract_listed_articles, [(*page, netloc) for page in pages]))
    for (body, url), listed in zip(pages, results, strict=True):
        listing = extract_listing(body, url)
        expected = []
        for entry in listing.entries:
            canonical = canonicalise(entry.url, netloc)
            if urlsplit(canonical).netloc == netloc and is_article_url(canonical):
                expected.append((canonical, entry.date or ""))
        assert listed.entries == expected and listed.next_url == listing.next_url
        assert len(listed.entries) < len(listing.entries)  # the menu's links left out
    assert results[0].entries and results[1].entries and not results[2].entries  # none in ru
    assert results[0].next_url and any(date for _, date in results[0].entries)
