"""Page regions: where the article sits, found by site profile, then by semantics.

Each markup profile names the containers of one osce.org generation. When none fits,
the semantic layer takes ``<article>`` / ``<main>``; when that fails too, the caller
falls back to the generic density-based extractor.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bs4 import BeautifulSoup, Tag

from osce_crawler.extract.body import is_chrome


@dataclass
class Regions:
    """The elements of one page that hold the article's parts; any may be missing."""

    layer: str | None = None  # "profile:current", "profile:panels", "semantic"
    root: Tag | None = None  # the whole article: metadata, body, attachments
    title: Tag | None = None
    content_type: Tag | None = None
    body: Tag | None = None
    date: Tag | None = None
    place: Tag | None = None
    attachment_links: list[Tag] = field(default_factory=list)


def _current_profile(soup: BeautifulSoup) -> Regions | None:
    """The 2025 generation as our mirror models it (visible structure from the seed)."""
    root = soup.select_one("article.node[data-node-id], main article.node")
    if root is None:
        return None
    body = root.select_one(".node__body")
    if body is None:
        return None
    return Regions(
        layer="profile:current",
        root=root,
        title=root.select_one("h1.node__title, h1"),
        content_type=root.select_one(".node__type"),
        body=body,
        attachment_links=root.select(".node__attachments a[href]"),
    )


def _panels_profile(soup: BeautifulSoup) -> Regions | None:
    """The older Drupal panels generation, with the class names public scrapers used."""
    body = soup.select_one(".node-content > .pane-content") or soup.select_one(
        ".field-field-description .field-item"
    )
    title = soup.select_one(".content--header > h1, .content--content > h1")
    if body is None or title is None:
        return None
    root = soup.select_one(".panel-display") or title.find_parent(class_="panel-pane") or body
    return Regions(
        layer="profile:panels",
        root=root,
        title=title,
        content_type=soup.select_one(".panel-pane .node-type"),
        body=body,
        date=soup.select_one(".panel-pane span.date-display-single"),
        place=soup.select_one(".pane-node-created .location"),
        attachment_links=soup.select("ul.osce-download-links > li > a[href]"),
    )


def _text_length(tag: Tag) -> int:
    return len(tag.get_text(" ", strip=True))


def _semantic(soup: BeautifulSoup) -> Regions | None:
    """<article> (the longest outside page chrome) or <main>, with the first <h1>."""
    candidates = [
        tag
        for tag in soup.find_all(["article", "main"]) + soup.select('[role="main"]')
        if not any(is_chrome(parent) for parent in tag.parents if isinstance(parent, Tag))
    ]
    articles = [tag for tag in candidates if tag.name == "article"]
    pool = articles or candidates
    if not pool:
        return None
    root = max(pool, key=_text_length)
    if _text_length(root) < 200:
        return None
    title = root.find("h1") or soup.find("h1")
    return Regions(layer="semantic", root=root, title=title, body=root)


def find_regions(soup: BeautifulSoup) -> Regions:
    """The first layer that recognises the page; an empty Regions when none does."""
    for finder in (_current_profile, _panels_profile, _semantic):
        regions = finder(soup)
        if regions is not None:
            return regions
    return Regions(title=soup.find("h1"))
