"""Page regions: where the article sits, found by site profile, then by semantics.

Each markup profile names the containers of one osce.org generation. When none fits,
the semantic layer takes ``<article>`` / ``<main>``; when that fails too, the caller
falls back to the generic density-based extractor.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from bs4 import BeautifulSoup, Tag

from osce_crawler.extract.body import is_chrome
from osce_crawler.extract.dom import (
    attr_text,
    class_test,
    classes,
    every,
    first,
    first_named,
    has_ancestor,
    parent_is,
    tags,
)
from osce_crawler.extract.text import clean_text


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


def _is_node_article(tag: Tag) -> bool:
    """``article.node[data-node-id], main article.node``"""
    return (
        tag.name == "article"
        and "node" in classes(tag)
        and ("data-node-id" in tag.attrs or has_ancestor(tag, lambda p: p.name == "main"))
    )


def _is_attachment_link(tag: Tag) -> bool:
    """``.node__attachments a[href]``"""
    return (
        tag.name == "a"
        and "href" in tag.attrs
        and has_ancestor(tag, lambda p: "node__attachments" in classes(p))
    )


def _current_profile(soup: BeautifulSoup) -> Regions | None:
    """The 2025 generation as our mirror models it (visible structure from the seed)."""
    root = first(soup, _is_node_article)
    if root is None:
        return None
    body = first(root, class_test("node__body"))
    if body is None:
        return None
    return Regions(
        layer="profile:current",
        root=root,
        title=first_named(root, "h1"),  # "h1.node__title, h1": the first h1 either way
        content_type=first(root, class_test("node__type")),
        body=body,
        attachment_links=every(root, _is_attachment_link),
    )


def _in(name: str) -> Callable[[Tag], bool]:
    return lambda tag: has_ancestor(tag, class_test(name))


def _panels_body(tag: Tag) -> bool:
    """``.node-content > .pane-content``"""
    return "pane-content" in classes(tag) and parent_is(tag, class_test("node-content"))


def _panels_description(tag: Tag) -> bool:
    """``.field-field-description .field-item``"""
    return "field-item" in classes(tag) and has_ancestor(tag, class_test("field-field-description"))


def _panels_title(tag: Tag) -> bool:
    """``.content--header > h1, .content--content > h1``"""
    return tag.name == "h1" and parent_is(
        tag, lambda p: "content--header" in classes(p) or "content--content" in classes(p)
    )


def _panels_download(tag: Tag) -> bool:
    """``ul.osce-download-links > li > a[href]``"""
    if tag.name != "a" or "href" not in tag.attrs:
        return False
    item = tag.parent
    return (
        isinstance(item, Tag)
        and item.name == "li"
        and parent_is(item, class_test("osce-download-links", "ul"))
    )


def _panels_profile(soup: BeautifulSoup) -> Regions | None:
    """The older Drupal panels generation, with the class names public scrapers used."""
    body = first(soup, _panels_body) or first(soup, _panels_description)
    title = first(soup, _panels_title)
    if body is None or title is None:
        return None
    in_pane = _in("panel-pane")
    root = (
        first(soup, class_test("panel-display")) or title.find_parent(class_="panel-pane") or body
    )
    return Regions(
        layer="profile:panels",
        root=root,
        title=title,
        content_type=first(soup, lambda t: "node-type" in classes(t) and in_pane(t)),
        body=body,
        date=first(
            soup,
            lambda t: t.name == "span" and "date-display-single" in classes(t) and in_pane(t),
        ),
        place=first(soup, lambda t: "location" in classes(t) and _in("pane-node-created")(t)),
        attachment_links=every(soup, _panels_download),
    )


def _text_length(tag: Tag) -> int:
    return len(tag.get_text(" ", strip=True))


def _holds_text(tag: Tag, size: int) -> bool:
    """``_text_length(tag) >= size``, reading no further than that."""
    length = -1  # get_text(" ", strip=True) puts one space between the pieces
    for piece in tag.stripped_strings:
        length += len(piece) + 1
        if length >= size:
            return True
    return False


def _role_main(tag: Tag) -> bool:
    """``[role="main"]``"""
    return attr_text(tag, "role") == "main"


def _semantic(soup: BeautifulSoup, landmarks: list[Tag]) -> Regions | None:
    """<article> (the longest outside page chrome) or <main>, with the first <h1>."""
    candidates = [
        tag
        for tag in landmarks
        if not any(is_chrome(parent) for parent in tag.parents if isinstance(parent, Tag))
    ]
    articles = [tag for tag in candidates if tag.name == "article"]
    pool = articles or candidates
    if not pool:
        return None
    if len(pool) == 1:  # one candidate: only whether it holds 200 characters counts
        if not _holds_text(pool[0], 200):
            return None
        root = pool[0]
    else:
        lengths = [_text_length(tag) for tag in pool]
        longest = max(lengths)
        if longest < 200:
            return None
        root = pool[lengths.index(longest)]  # the first of the longest, as max() picks
    title = first_named(root, "h1") or first_named(soup, "h1")
    return Regions(layer="semantic", root=root, title=title, body=root)


_TITLE_CLASS = re.compile(r"title|headline|heading", re.I)
_HEADING_TAGS = frozenset(("h1", "h2", "h3"))
_SITE_SUFFIX = re.compile(r"\s+[|–—·•-]\s+[^|–—·•]{2,40}$")


def _comparable(text: str) -> str:
    return clean_text(text).casefold().strip(" .")


def _title_like(tag: Tag) -> bool:
    if tag.name in _HEADING_TAGS:
        return True
    if not tag.attrs:
        return False
    if attr_text(tag, "role") == "heading":
        return True
    marks = (attr_text(tag, "class") or "") + " " + (attr_text(tag, "id") or "")
    return _title_marks(marks) or "font-size" in (attr_text(tag, "style") or "")


@lru_cache(maxsize=4096)  # the same class names recur on a page and across pages
def _title_marks(marks: str) -> bool:
    return bool(_TITLE_CLASS.search(marks))


def _heading_level(tag: Tag) -> int:
    if tag.name in _HEADING_TAGS:
        return int(tag.name[1])
    level = attr_text(tag, "aria-level")
    return int(level) if level and level.isdigit() else 9


def _linked(tag: Tag) -> bool:
    """A heading that is (or sits in) a link: a teaser's title, not the page's."""
    if first_named(tag, "a") is not None:
        return True
    return any(parent.name == "a" for parent in tag.parents if isinstance(parent, Tag))


def find_title_element(scope: Tag, head_titles: list[str]) -> Tag | None:
    """The visible headline: the heading-like element whose text the page's own <title>,
    og:title or JSON-LD headline repeats; else the first <h1>, or the first level-1 heading.

    Redesigns set headlines in <h2>, ``div[role=heading]`` or a styled <span>, and a page's
    metadata may disagree with what it shows, so the visible element is what counts.
    """
    wanted = set()
    for text in head_titles:
        if text:
            wanted.add(_comparable(text))
            wanted.add(_comparable(_SITE_SUFFIX.sub("", text)))
    wanted.discard("")
    best: Tag | None = None
    fallback: Tag | None = None
    for tag in tags(scope):
        if tag.name in ("script", "style", "title", "head", "nav", "footer"):
            continue
        if not _title_like(tag):
            continue
        text = _comparable(tag.get_text(" "))
        if not text or len(text) > 400:
            continue
        if text in wanted and not is_chrome(tag) and not _linked(tag):
            best = tag  # the first: a teaser repeating the headline comes later, as a link
            break
        if fallback is None and _heading_level(tag) <= 1 and not is_chrome(tag):
            fallback = tag
    return best or fallback


#: the classes a known generation's marker elements carry (besides <article> and <h1>)
_PANEL_CLASSES = frozenset(("pane-content", "field-item"))


def _profile_marker(tag: Tag) -> bool:
    """An element only the known generations have: one walk tells whether to try them."""
    return (
        _is_node_article(tag) or _panels_body(tag) or _panels_description(tag) or _panels_title(tag)
    )


def find_regions(soup: BeautifulSoup) -> Regions:
    """The first layer that recognises the page; an empty Regions when none does."""
    known = False
    landmarks: list[Tag] = []  # <article>, <main>, [role=main]
    for tag in tags(soup):  # one walk for both questions
        name, attrs = tag.name, tag.attrs
        if name in ("article", "main") or ("role" in attrs and _role_main(tag)):
            landmarks.append(tag)
        if not known and (name in ("article", "h1") or not _PANEL_CLASSES.isdisjoint(classes(tag))):
            known = _profile_marker(tag)
    for finder in (_current_profile, _panels_profile) if known else ():
        regions = finder(soup)
        if regions is not None:
            return regions
    return _semantic(soup, landmarks) or Regions(title=first_named(soup, "h1"))
