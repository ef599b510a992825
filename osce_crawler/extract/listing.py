"""A listing page (press releases, news, a field of work): its entries and its next page.

Pure, like ``extract_article``, so that the crawl can run it in an extraction process. The
spider decides what to request; this only reads what the page links to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Tag

from osce_crawler.extract.document import parse_document
from osce_crawler.extract.dom import classes, has_class, page_index, parent_is, tags
from osce_crawler.extract.metadata import safe_urljoin

#: elements that hold one entry of a listing, in either markup generation or a redesign
_ENTRY_CLASSES = frozenset(("teaser", "search-result-news", "osce-figure-content"))
_ENTRY_TAGS = frozenset(("li", "article"))


@dataclass
class ListingEntry:
    url: str
    date: str | None = None  # the entry's ``time[datetime]``, first 10 characters


@dataclass
class Listing:
    """Entries in page order (an entry nested in another is listed again: the spider
    deduplicates requests) and the URL of the next page, if the page has one."""

    entries: list[ListingEntry] = field(default_factory=list)
    next_url: str | None = None


def extract_listing(html: bytes | str, url: str) -> Listing:
    soup, index, _ = parse_document(html)
    listing = Listing()
    if soup is None:
        return listing
    with page_index(index):
        _read_listing(listing, soup, url)
    return listing


def _read_listing(listing: Listing, soup: BeautifulSoup, url: str) -> None:
    origin = _origin(url)
    pager_seen = False  # an element that can make a link inside it the next page's
    for element in tags(soup):
        if element.name in _ENTRY_TAGS or not _ENTRY_CLASSES.isdisjoint(classes(element)):
            entry = _entry(element, url, origin)
            if entry is not None:
                listing.entries.append(entry)
        if listing.next_url is None and element.name == "a" and _is_next_link(element, pager_seen):
            listing.next_url = safe_urljoin(url, str(element.attrs.get("href")))
        if not pager_seen and _is_pager_marker(element):
            pager_seen = True  # set after the element itself: an element is not its ancestor


def _entry(element: Tag, url: str, origin: str | None = None) -> ListingEntry | None:
    """The entry's first link, and the first dated ``<time>`` in it."""
    href = date = None
    for child in tags(element):
        if href is None and child.name == "a" and "href" in child.attrs:
            href = _join(url, origin, str(child.attrs["href"]))
            if href is None:
                return None
        elif date is None and child.name == "time" and "datetime" in child.attrs:
            date = str(child.attrs["datetime"])[:10]
        if href is not None and date is not None:
            break
    return ListingEntry(href, date) if href else None


def _origin(url: str) -> str | None:
    """``http(s)://host/`` of the page's URL, or None (another scheme, no host, malformed)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}/"


def _join(url: str, origin: str | None, href: str) -> str | None:
    """``safe_urljoin(url, href)``. A link from the site's root ("/news/123") resolves the
    same against any page of the site, so it is resolved once per origin (cached): every
    listing page repeats the menu's few hundred links, each joined anew before."""
    if origin is not None and href.startswith("/") and not href.startswith("//"):
        return _join_from_root(origin, href)
    return safe_urljoin(url, href)


@lru_cache(maxsize=4096)
def _join_from_root(origin: str, href: str) -> str | None:
    return safe_urljoin(origin, href)


def _is_pager_marker(element: Tag) -> bool:
    """An element that makes a link the next page's (_is_next_link): any element of class
    ``pager__item--next`` around it, or an ``li.pager-next`` as its parent."""
    names = classes(element)
    return bool(names) and (
        "pager__item--next" in names or (element.name == "li" and "pager-next" in names)
    )


def _is_next_link(link: Tag, pager_seen: bool = True) -> bool:
    """``pager_seen``: whether an element before the link in document order is a pager
    marker; when none is, no ancestor of the link is one (ancestors come first), and only
    ``rel="next"`` can make it the next page's link."""
    if "href" not in link.attrs:
        return False
    rel = link.attrs.get("rel")
    if rel is not None and "next" in (rel.split() if isinstance(rel, str) else rel):
        return True
    if not pager_seen:
        return False
    parent = link.parent
    while isinstance(parent, Tag) and parent.name != "[document]":
        if has_class(parent, "pager__item--next"):
            return True
        parent = parent.parent
    return parent_is(link, lambda tag: tag.name == "li" and has_class(tag, "pager-next"))
