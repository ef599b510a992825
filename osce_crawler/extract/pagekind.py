"""Is this page an article at all? Listings, searches, error pages and cookie walls are not."""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Tag

from osce_crawler.extract.dom import attr_text, classes, first, first_named, named, tags
from osce_crawler.extract.regions import Regions
from osce_crawler.item import Article

_ERROR = re.compile(
    r"\b(page not found|not found|404|410|error|access denied|forbidden|"
    r"страница не найдена|ошибка|seite nicht gefunden|fehler|page introuvable|"
    r"pagina non trovata|página no encontrada)\b",
    re.I,
)
_COOKIE = re.compile(r"cookie|consent|куки|cookies|zustimm|einwillig", re.I)
_ARTICLE_LINK = re.compile(r"/\d{3,}/?$")


def _search_result(tag: Tag) -> bool:
    """``[class*="search-result"]``"""
    return "class" in tag.attrs and "search-result" in (attr_text(tag, "class") or "")


def _pager(tag: Tag) -> bool:
    """``.pager, .pagination, nav[aria-label*="agination"], a[href*="?page="]``"""
    names = classes(tag)
    if "pager" in names or "pagination" in names:
        return True
    if tag.name == "nav":
        return "agination" in (attr_text(tag, "aria-label") or "")
    return tag.name == "a" and "?page=" in (attr_text(tag, "href") or "")


def _at_least(root: Tag, test: Callable[[Tag], bool], count: int) -> bool:
    """At least ``count`` elements pass ``test`` (the walk stops there)."""
    for tag in tags(root):
        if test(tag):
            count -= 1
            if count == 0:
                return True
    return False


def classify_page(soup: BeautifulSoup, article: Article, regions: Regions, url: str) -> str:
    """One of ``osce_crawler.item.PAGE_KINDS``."""
    body = article.body or ""
    page_title = first_named(soup, "title")
    heading = " ".join(filter(None, [article.title, page_title.get_text() if page_title else ""]))
    if not article.paragraphs and not article.title:
        return "empty"
    if len(body) < 800 and _ERROR.search(heading) and article.dateline is None:
        return "error"
    if len(body) < 1500 and article.paragraphs:
        cookie_paragraphs = sum(1 for p in article.paragraphs if _COOKIE.search(p))
        if cookie_paragraphs * 2 >= len(article.paragraphs):
            return "cookie_wall"
    if regions.layer in ("profile:current", "profile:panels"):
        return "article" if article.paragraphs else "empty"
    if "/search" in urlsplit(url).path or _at_least(soup, _search_result, 3):
        return "search"
    if article.dateline is None:  # an article opens with its dateline; a listing does not
        scope = regions.root or soup
        article_links = {
            a["href"]
            for a in named(scope, "a")
            if "href" in a.attrs and _ARTICLE_LINK.search(a["href"])
        }
        if len(article_links) >= 5 and (len(body) < 3000 or first(soup, _pager) is not None):
            return "listing"
    if not article.paragraphs or len(body) < 80:
        return "empty"
    return "article"
