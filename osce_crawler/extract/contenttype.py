"""The content type, from every kind of evidence a page (or its crawl) gives.

Strongest first: the label the page shows (by profile, next to the title, or in a
"Type:" row), the breadcrumb trail (a section name such as "Press releases"), JSON-LD
and Open Graph, the URL's section, and the listing or feed that linked the page (the
crawl context, handed in by the spider). The first gives the value; the others, when
they disagree, give a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, NavigableString, Tag

from osce_crawler.content_types import (
    content_type_key,
    is_content_type_label,
    label_for,
    section_type_key,
)
from osce_crawler.extract.dom import (
    attr_text,
    classes,
    first,
    named,
    next_elements,
    previous_elements,
)
from osce_crawler.extract.metadata import EmbeddedMetadata, LabelledMetadata
from osce_crawler.extract.regions import Regions
from osce_crawler.extract.text import clean_text, short_text

_BREADCRUMB = re.compile(r"breadcrumb|хлебн|brotkr|ariane|fil-d|crumbs?\b", re.I)
_SEPARATOR = re.compile(r"[›»>/|→·]")
_HOME_PATH = re.compile(r"^(https?://[^/]+)?/([a-z]{2}/?)?$")
_HOME_WORD = re.compile(r"^(home|startseite|главная|accueil|inicio|pagina iniziale)$", re.I)
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


@dataclass
class Evidence:
    key: str
    label: str | None  # the label as shown, when the page shows one
    layer: str


def _key(text: str) -> str | None:
    return content_type_key(text) or section_type_key(text)


_LABEL_LENGTH = 59  # is_content_type_label takes nothing longer

_MARKING_ATTRIBUTES = frozenset(("class", "id", "aria-label", "itemtype"))


def _near_title(title: Tag | None) -> Tag | None:
    """A type label shown just before or after the title (or around its wrapper)."""
    if title is None:
        return None
    around: list[Tag] = previous_elements(title, 2)
    around += next_elements(title, 1)
    if isinstance(title.parent, Tag) and title.parent.name not in ("body", "article", "main"):
        around += previous_elements(title.parent, 2)
    for element in around:
        if is_content_type_label(short_text(element, _LABEL_LENGTH) or ""):
            return element
        for child in named(element, "span", "a", "div", "p", "li")[:6]:
            if is_content_type_label(short_text(child, _LABEL_LENGTH) or ""):
                return child
    return None


def _is_breadcrumb(tag: Tag) -> bool:
    if _MARKING_ATTRIBUTES.isdisjoint(tag.attrs):
        return False
    marks = " ".join(
        filter(
            None,
            (
                " ".join(classes(tag)),
                attr_text(tag, "id"),
                attr_text(tag, "aria-label"),
                attr_text(tag, "itemtype"),
            ),
        )
    )
    return bool(marks) and bool(_BREADCRUMB.search(marks) or "BreadcrumbList" in marks)


def _separated(tag: Tag) -> bool:
    """A separator between its children, or inside its list items ("Home › News")."""
    for child in tag.children:
        if isinstance(child, NavigableString):
            if _SEPARATOR.search(child):
                return True
        elif child.name == "li" and any(
            isinstance(c, NavigableString) and _SEPARATOR.search(c) for c in child.children
        ):
            return True
    return False


def _looks_like_trail(tag: Tag) -> bool:
    """A short run of links with separators ("Home › Newsroom › Press releases")."""
    if tag.name not in ("div", "p", "nav", "ol", "ul", "span") or not _separated(tag):
        return False
    links = tag.find_all("a", limit=9)
    if not 2 <= len(links) <= 8:
        return False
    text = tag.get_text(" ", strip=True)
    if len(text) > 250 or not _SEPARATOR.search(text):
        return False
    home = links[0]  # a trail starts at the home page
    return bool(_HOME_PATH.match(str(home.get("href") or ""))) or bool(
        _HOME_WORD.match(home.get_text(" ", strip=True))
    )


def _trail_above(title: Tag) -> Tag | None:
    """The nearest breadcrumb before the title: one that says it is one, else the nearest
    trail-like element (both sit above the headline)."""
    shaped: Tag | None = None
    seen = 0
    for element in title.previous_elements:
        if not isinstance(element, Tag):
            continue
        if _is_breadcrumb(element):
            return element
        if shaped is None and _looks_like_trail(element):
            shaped = element
        seen += 1
        if seen > 600:
            break
    return shaped


def _breadcrumb(soup: BeautifulSoup, embedded: EmbeddedMetadata, title: Tag | None) -> str | None:
    """The deepest crumb naming a section of typed items."""
    found: str | None = None
    trail = _trail_above(title) if title is not None else first(soup, _is_breadcrumb)
    if trail is not None:
        for crumb in named(trail, "a", "span", "li"):
            key = section_type_key(clean_text(crumb.get_text(" ")))
            if key:
                found = key
    if found:
        return found
    for item in embedded.jsonld_objects:
        if item.get("@type") == "BreadcrumbList":
            for element in item.get("itemListElement") or []:
                if isinstance(element, dict):
                    name = element.get("name") or (element.get("item") or {}).get("name")
                    if isinstance(name, str) and section_type_key(name):
                        found = section_type_key(name)
    return found


def _embedded(embedded: EmbeddedMetadata) -> tuple[str, str] | None:
    """(key, layer) from JSON-LD @type, genre, articleSection or additionalType, or og:type."""
    for item in embedded.jsonld_objects:
        if item.get("@type") == "BreadcrumbList":
            continue
        for name in ("@type", "genre", "articleSection", "additionalType"):
            values = item.get(name)
            for value in values if isinstance(values, list) else [values]:
                if isinstance(value, str) and len(value) < 80:
                    words = _CAMEL.sub(" ", value.rsplit("/", 1)[-1])
                    key = _key(words)
                    if key and key != "other":
                        return key, "json-ld"
    og_type = embedded.og.get("type", "")
    key = _key(og_type.split(":")[-1].replace("_", " ")) if og_type else None
    return (key, "og") if key and key != "other" else None


def _url_section(url: str) -> str | None:
    try:
        segments = [s for s in urlsplit(url).path.split("/") if s]
    except ValueError:
        return None
    keys = [section_type_key(segment) for segment in segments[:-1]]
    return next((key for key in reversed(keys) if key), None)


def find_content_type(
    soup: BeautifulSoup,
    regions: Regions,
    labels: LabelledMetadata,
    embedded: EmbeddedMetadata,
    url: str,
    listed_as: str | None,
) -> list[Evidence]:
    """Every piece of evidence for the page's type, strongest first."""
    evidence: list[Evidence] = []
    shown = regions.content_type
    if shown is None:
        shown = _near_title(regions.title)
        if shown is not None:
            regions.content_type = shown
    if shown is not None:
        label = clean_text(shown.get_text(" "))
        key = _key(label)
        if key:
            layer = regions.layer if regions.layer and regions.layer != "semantic" else "semantic"
            evidence.append(Evidence(key, label, layer))
    row = labels.rows.get("type")
    if row is not None:
        for value in row.values:
            key = _key(value)
            if key:
                evidence.append(Evidence(key, value if content_type_key(value) else None, "labels"))
                break
    crumb = _breadcrumb(soup, embedded, regions.title)
    if crumb:
        evidence.append(Evidence(crumb, None, "breadcrumb"))
    embedded_type = _embedded(embedded)
    if embedded_type:
        evidence.append(Evidence(embedded_type[0], None, embedded_type[1]))
    section = _url_section(url)
    if section:
        evidence.append(Evidence(section, None, "url"))
    if listed_as and content_type_key(listed_as):
        evidence.append(Evidence(content_type_key(listed_as) or listed_as, None, "listing"))
    return evidence


def decide_content_type(
    evidence: list[Evidence], language: str | None
) -> tuple[str | None, str | None, list[str]]:
    """(label, layer, warnings): the strongest evidence, and what disagrees with it."""
    if not evidence:
        return None, None, ["no content type found: no label, breadcrumb, metadata or listing"]
    best = evidence[0]
    label = best.label or label_for(best.key, language)
    disagree = sorted({e.layer for e in evidence[1:] if e.key != best.key})
    warnings = (
        [f"content type {best.key} ({best.layer}) disagrees with " + ", ".join(disagree)]
        if disagree
        else []
    )
    return label, best.layer, warnings
