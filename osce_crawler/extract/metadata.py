"""Metadata: label-driven ("Place: VIENNA") and embedded (meta tags, JSON-LD, hreflang).

Labels survive redesigns better than class names, so they are read wherever they sit:
lists, definition lists, tables, label/value divs, with or without the colon.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, NavigableString, Tag

from osce_crawler.extract.dom import class_test, every, tags
from osce_crawler.extract.text import clean_text

#: Labels of the metadata block, in the site's languages (en, ru, de, fr, it, es).
LABELS: dict[str, tuple[str, ...]] = {
    "date": (
        "Date",
        "Published",
        "Publication date",
        "Date published",
        "Дата",
        "Дата публикации",
        "Datum",
        "Veröffentlicht",
        "Publié le",
        "Data",
        "Data di pubblicazione",
        "Fecha",
        "Fecha de publicación",
    ),
    "updated": (
        "Last updated",
        "Updated",
        "Last modified",
        "Обновлено",
        "Дата обновления",
        "Aktualisiert",
        "Zuletzt aktualisiert",
        "Mis à jour",
        "Dernière mise à jour",
        "Aggiornato",
        "Ultimo aggiornamento",
        "Actualizado",
        "Última actualización",
    ),
    "place": ("Place", "Location", "Место", "Место проведения", "Ort", "Lieu", "Luogo", "Lugar"),
    "source": (
        "Source",
        "Sources",
        "Источник",
        "Источники",
        "Quelle",
        "Quellen",
        "Fonte",
        "Fonti",
        "Fuente",
        "Fuentes",
    ),
    "fields": (
        "Fields of work",
        "Field of work",
        "Направления деятельности",
        "Направление деятельности",
        "Arbeitsbereiche",
        "Arbeitsbereich",
        "Domaines d'activité",
        "Domaines d’activité",
        "Domaine d'activité",
        "Domaine d’activité",
        "Settori di attività",
        "Ambiti di lavoro",
        "Ámbitos de trabajo",
        "Áreas de trabajo",
    ),
}
_LABEL_KIND = {label.casefold(): kind for kind, labels in LABELS.items() for label in labels}
_LABEL_ONLY = re.compile(r"^\s*(?P<label>[^:：]{2,40}?)\s*[:：]?\s*$")
_LABEL_INLINE = re.compile(r"^\s*(?P<label>[^:：]{2,40}?)\s*[:：]\s*(?P<value>\S.*)$", re.S)
_STRUCTURED_LABEL_TAGS = {"dt", "th"}


@dataclass
class LabelValue:
    kind: str
    values: list[str]
    datetime: str | None  # a machine-readable date attribute found in the value
    elements: list[Tag]  # label and value elements, left out of the body


@dataclass
class LabelledMetadata:
    rows: dict[str, LabelValue] = field(default_factory=dict)

    def elements(self) -> list[Tag]:
        return [element for row in self.rows.values() for element in row.elements]


def _label_kind(text: str) -> str | None:
    return _LABEL_KIND.get(clean_text(text).casefold())


def _items_of(nodes: list[object]) -> tuple[list[str], str | None]:
    """Values in a label's value nodes: list items, field items, links, else the text."""
    values: list[str] = []
    stamp: str | None = None
    for node in nodes:
        if isinstance(node, NavigableString):
            # plain text holds several values separated by semicolons
            values.extend(t for t in (clean_text(v).strip(", ") for v in str(node).split(";")) if t)
            continue
        if not isinstance(node, Tag):
            continue
        time = node if node.name == "time" else node.find("time")
        if time is not None and time.get("datetime") and stamp is None:
            stamp = time["datetime"]
        leaves = node.find_all(["li", "dd"]) or every(node, class_test("field-item"))
        if not leaves and node.name not in ("li", "dd"):
            leaves = node.find_all("a")
        if leaves:
            values.extend(t for t in (clean_text(leaf.get_text(" ")) for leaf in leaves) if t)
        else:
            values.extend(
                t for t in (clean_text(v).strip(", ") for v in node.get_text(" ").split(";")) if t
            )
    return values, stamp


def _label_element(text_node: NavigableString) -> Tag | None:
    """The tallest element whose whole text is this label (``<dt><b>Date:</b></dt>`` -> dt).

    None when the label shares its element with its value ("<li>Date: 3 May</li>").
    """
    tag = text_node.parent
    target = clean_text(str(text_node))
    if clean_text(tag.get_text(" ")) != target:
        return None
    while (
        isinstance(tag.parent, Tag)
        and tag.parent.name not in ("li", "tr", "dl", "body", "div", "p")
        and clean_text(tag.parent.get_text(" ")) == target
    ):
        tag = tag.parent
    return tag


def _value_nodes(label: Tag) -> tuple[list[object], list[Tag]]:
    """The value nodes of a label element, and every element of the label/value row."""
    if label.name == "dt":
        values: list[Tag] = []
        for sibling in label.find_next_siblings():
            if sibling.name != "dd":
                break
            values.append(sibling)
        return list(values), [label, *values]
    if label.name in ("th", "td"):
        cell = label.find_next_sibling(["td", "th"])
        row = label.parent if isinstance(label.parent, Tag) else label
        return ([cell] if cell else []), [row]
    following = [
        s for s in label.next_siblings if not (isinstance(s, NavigableString) and not s.strip())
    ]
    parent = label.parent if isinstance(label.parent, Tag) else label
    if following:
        return following, [parent]
    nxt = label.find_next_sibling() or parent.find_next_sibling()
    return ([nxt] if nxt is not None else []), [label] + ([nxt] if nxt is not None else [])


def find_labelled_metadata(scope: Tag) -> LabelledMetadata:
    """Label/value rows under ``scope`` (the article, or the page without its menus)."""
    found = LabelledMetadata()
    for text_node in scope.find_all(string=True):
        raw = str(text_node)
        if len(raw) > 120 or not raw.strip():
            continue
        parent = text_node.parent
        if parent is None or parent.name in ("script", "style", "title", "a", "option"):
            continue
        match = _LABEL_ONLY.match(raw)
        kind = _label_kind(match["label"]) if match else None
        inline = None if kind else _LABEL_INLINE.match(raw)
        if inline:
            kind = _label_kind(inline["label"])
        if not kind or kind in found.rows:
            continue
        # (after the label test, which rules out nearly every string at less cost)
        if any(p.name in ("nav", "header", "footer") for p in text_node.parents):
            continue
        if inline:
            value_nodes = [NavigableString(inline["value"]), *text_node.next_siblings]
            elements = [parent]
        else:
            label = _label_element(text_node)
            if label is None:
                value_nodes, elements = list(text_node.next_siblings), [parent]
            else:
                has_colon = ":" in raw or "：" in raw
                if (
                    not has_colon
                    and label.name not in _STRUCTURED_LABEL_TAGS
                    and not label.find_next_sibling()
                ):
                    continue  # a bare word such as a menu heading, not a label
                value_nodes, elements = _value_nodes(label)
        values, stamp = _items_of(value_nodes)
        found.rows[kind] = LabelValue(kind, values, stamp, elements)
    return found


def safe_urljoin(base: str, href: str) -> str | None:
    """urljoin, or None for an address urllib rejects ("http://[broken/")."""
    try:
        joined = urljoin(base, href)
        urlsplit(joined)
    except ValueError:
        return None
    return joined


@dataclass
class EmbeddedMetadata:
    """What the page says about itself in <head>, attributes and JSON-LD."""

    language: str | None = None
    canonical: str | None = None
    og: dict[str, str] = field(default_factory=dict)
    meta: dict[str, str] = field(default_factory=dict)
    jsonld: dict[str, object] = field(default_factory=dict)
    alternates: dict[str, str] = field(default_factory=dict)
    title_tag: str | None = None


def _jsonld_article(scripts: list[Tag]) -> dict[str, object]:
    for script in scripts:
        try:
            data = json.loads(script.string or "")
        except (ValueError, TypeError):
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                kind = item.get("@type")
                kinds = kind if isinstance(kind, list) else [kind]
                if any(isinstance(k, str) and k.endswith("Article") for k in kinds):
                    return item
                stack.extend(v for v in item.values() if isinstance(v, (list, dict)))
    return {}


def find_embedded_metadata(soup: BeautifulSoup, url: str) -> EmbeddedMetadata:
    found = EmbeddedMetadata()
    # one walk over the tree instead of one per kind of tag (same elements, same order)
    html: Tag | None = None
    title: Tag | None = None
    links: list[Tag] = []
    metas: list[Tag] = []
    scripts: list[Tag] = []
    for tag in tags(soup):
        name = tag.name
        if name == "link":
            if "href" in tag.attrs:
                links.append(tag)
        elif name == "meta":
            if "content" in tag.attrs:
                metas.append(tag)
        elif name == "script":
            if tag.attrs.get("type") == "application/ld+json":
                scripts.append(tag)
        elif name == "html":
            html = html or tag
        elif name == "title":
            title = title or tag
    if isinstance(html, Tag):
        lang = html.get("lang") or html.get("xml:lang")
        if isinstance(lang, str) and re.match(r"^[A-Za-z]{2}\b", lang.strip()):
            found.language = lang.strip()[:2].lower()
    for link in links:
        rel = [r.lower() for r in (link.get("rel") or [])]
        if "canonical" in rel and found.canonical is None:
            found.canonical = safe_urljoin(url, link["href"].strip())
        elif "alternate" in rel and link.get("hreflang"):
            lang = link["hreflang"].strip().lower()
            href = safe_urljoin(url, link["href"].strip())
            if lang != "x-default" and href:
                found.alternates.setdefault(lang[:2], href)
    for meta in metas:
        key = (meta.get("property") or meta.get("name") or "").strip().lower()
        if key.startswith("og:"):
            found.og.setdefault(key[3:], meta["content"].strip())
        elif key:
            found.meta.setdefault(key, meta["content"].strip())
    found.jsonld = _jsonld_article(scripts)
    if title is not None and title.string:
        found.title_tag = clean_text(title.string)
    return found
