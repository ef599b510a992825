"""Listing pages and related-content links: what the spider follows, read by pure extractors."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from osce_crawler.extract import extract_article
from osce_crawler.extract.listing import extract_listing
from osce_crawler.mirror.site import LISTINGS, MirrorSite
from osce_crawler.urls import is_article_url

BASE = "http://127.0.0.1:9"


@pytest.fixture(scope="module")
def site() -> MirrorSite:
    return MirrorSite(articles=120, seed=5)


def _follow(site: MirrorSite, path: str) -> tuple[dict[str, str | None], int]:
    """Every article entry of a listing, page after page; and the number of pages."""
    entries: dict[str, str | None] = {}
    url, pages = BASE + path, 0
    while url and pages < 50:
        parts = urlsplit(url)
        response = site.respond(parts.path, parts.query, BASE)
        assert response.status == 200, url
        listing = extract_listing(response.body, url)
        pages += 1
        for entry in listing.entries:
            if is_article_url(entry.url) and urlsplit(entry.url).netloc == urlsplit(BASE).netloc:
                entries.setdefault(urlsplit(entry.url).path, entry.date)
        url = listing.next_url
    return entries, pages


@pytest.mark.parametrize(
    ("path", "language", "least_pages"),
    [("/press-releases", "en", 2), ("/news", "en", 2), ("/ru/press-releases", "ru", 1)],
)
def test_a_listing_followed_to_its_end_gives_every_article_once_with_its_date(
    site, path, language, least_pages
):
    entries, pages = _follow(site, path)
    kinds = LISTINGS[path.removeprefix(f"/{language}") if language != "en" else path]
    listed = [r for r in site.newest_first if r["language"] == language]
    expected = {
        r["path"]: (r.get("time") or r["published"])[:10]
        for r in listed
        if r["content_type"] in kinds
    }
    assert expected and {p: entries.get(p) for p in expected} == expected
    assert pages >= least_pages  # the pager was followed to its end


def test_a_page_without_a_pager_has_no_next_page(site):
    response = site.respond("/", "", BASE)
    listing = extract_listing(response.body, BASE + "/")
    assert listing.next_url is None
    assert listing.entries  # the home page's teasers


@pytest.mark.parametrize("data", [b"", b"\x00\xff" * 10, "<ul><li>no link</li></ul>"])
def test_a_listing_without_entries(data):
    listing = extract_listing(data, BASE + "/news")
    assert listing.entries == [] and listing.next_url is None


def test_related_links_are_the_neighbours_the_mirror_shows(site):
    checked = 0
    for record in site.newest_first[:40]:
        index = site.rank[record["path"]]
        nearby = site.newest_first[index + 1 : index + 4]
        expected = [BASE + r["path"] for r in nearby if r["language"] == record["language"]]
        response = site.respond(record["path"], "", BASE)
        if response.status != 200:
            continue
        article = extract_article(response.body, BASE + record["path"])
        assert article.related_urls == expected, record["path"]
        assert "related_urls" not in article.to_dict()  # the spider's, not the archive's
        checked += 1
    assert checked >= 30


@pytest.mark.parametrize(
    "base",
    [
        "http://127.0.0.1:9/press-releases?page=3",
        "https://user:pw@www.osce.org:8443/ru/news;p?page=2#top",
        "https://www.osce.org",
        "ftp://example.org/a/b",
        "/relative/only",
        "",
        "http://[broken/x",
    ],
)
def test_links_from_the_site_s_root_resolve_as_urljoin_does(base):
    """Listing entries' links from the root are resolved once per origin (cached): the same
    URL as ``safe_urljoin`` against the page itself, for any page and any link."""
    from osce_crawler.extract.listing import _join, _origin
    from osce_crawler.extract.metadata import safe_urljoin

    hrefs = [
        "/news/12345", "/a/../b/./c", "/x;params?q=1#frag", "/", "//other.org/x",
        "/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8", "/with space", "/tab\tin", "relative",
        "?page=4", "http://127.0.0.1:9/abs", "https://[broken/x", "/[broken", " /lead",
    ]  # fmt: skip
    for href in hrefs:
        assert _join(base, _origin(base), href) == safe_urljoin(base, href), href


def test_the_next_page_link_is_found_by_rel_or_by_a_pager_around_it():
    base = "http://127.0.0.1:9/news"
    pager_after = (
        '<ul><li><a href="/news/1">one</a></li></ul>'
        '<nav><li class="pager__item pager__item--next"><a href="?page=1">Next</a></li></nav>'
    )
    assert extract_listing(pager_after, base).next_url == base + "?page=1"
    old_pager = (
        '<a href="/x">x</a><ul><li class="pager-next"><a href="/news?page=2">›</a></li></ul>'
    )
    assert extract_listing(old_pager, base).next_url == "http://127.0.0.1:9/news?page=2"
    by_rel = '<a href="/x">x</a><a rel="next" href="/news?page=5">more</a>'
    assert extract_listing(by_rel, base).next_url == "http://127.0.0.1:9/news?page=5"
    # a pager element after a link is not around it; one that is not next is no pager
    not_next = (
        '<a href="/news?page=9">9</a><div class="pager__item--next"></div>'
        '<li class="pager__item"><a href="?page=3">3</a></li>'
    )
    assert extract_listing(not_next, base).next_url is None
