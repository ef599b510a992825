"""Metadata: label-driven ("Place: VIENNA") and embedded (meta tags, JSON-LD, hreflang).

Labels survive redesigns better than class names, so they are read wherever they sit:
lists, definition lists, tables, label/value divs, with or without the colon.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from itertools import islice
from typing import Any
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, NavigableString, Tag

from osce_crawler.content_types import normalise
from osce_crawler.extract.dom import classes, named, next_elements, position_in, tags
from osce_crawler.extract.text import clean_text
from osce_crawler.extract.vocabulary import field_of_work_slug, is_known_place, looks_like_unit


def _label_data() -> dict[str, Any]:
    path = resources.files("osce_crawler.extract").joinpath("data", "metadata_labels.json")
    return json.loads(path.read_text(encoding="utf-8"))


_LABEL_DATA = _label_data()
#: Labels of the metadata block by kind of row (date, updated, place, source, fields, type),
#: in the site's languages and the words redesigns and other CMSs use for the same rows
#: ("Published by", "Topics"): data/metadata_labels.json, by language, with its sources.
LABELS: dict[str, tuple[str, ...]] = {
    kind: tuple(label for labels in by_language.values() for label in labels)
    for kind, by_language in _LABEL_DATA["labels"].items()
}
#: labels that name a date or a publisher, as their value shows ("Published: 3 May 2021",
#: "Published: OSCE Secretariat")
_DATE_OR_SOURCE = frozenset(w.casefold() for w in _LABEL_DATA["date_or_source"]["labels"])
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
    label: str = ""  # the label as the page writes it


@dataclass
class LabelledMetadata:
    rows: dict[str, LabelValue] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # label rows passed over, and why
    menu_fields: set[str] = field(default_factory=set)  # the page's fields-of-work menu
    block: Tag | None = None  # the element holding the article's label rows, if compact
    unknown_labels: list[str] = field(default_factory=list)  # in that block, not understood

    def elements(self) -> list[Tag]:
        rows = [element for row in self.rows.values() for element in row.elements]
        return rows + ([self.block] if self.block is not None else [])


def is_label(text: str) -> bool:
    """A metadata label ("Place", "Source:"), in any of the site's languages."""
    return _label_kind(text.strip(" :：")) is not None


def _label_kind(text: str) -> str | None:
    return _LABEL_KIND.get(clean_text(text).casefold())


def _item_elements(node: Tag) -> list[Tag]:
    """Child elements that each hold one value ("<span><span>A</span><span>B</span></span>"),
    found down a chain of single wrappers; [] when the text is not split into elements."""
    while True:
        children = [c for c in node.children if isinstance(c, Tag) and c.name != "br"]
        loose = any(isinstance(c, NavigableString) and c.strip() for c in node.children)
        if loose or not children:
            return []
        if len(children) > 1:
            return children if all(c.get_text(strip=True) for c in children) else []
        node = children[0]


def _large(node: Tag, limit: int = 150) -> bool:
    """More than ``limit`` nodes below it (the walk stops there)."""
    return next(islice(node.descendants, limit, None), None) is not None


def _parts(node: Tag) -> tuple[list[Tag], list[Tag], list[Tag], Tag | None]:
    """In one walk: list items (li, dd), field items, links and the first <time>."""
    items: list[Tag] = []
    field_items: list[Tag] = []
    links: list[Tag] = []
    time: Tag | None = None
    for tag in tags(node):
        name = tag.name
        if name in ("li", "dd"):
            items.append(tag)
        elif name == "a":
            links.append(tag)
        elif name == "time" and time is None:
            time = tag
        if "field-item" in classes(tag):
            field_items.append(tag)
    return items, field_items, links, time


def _items_of(nodes: list[object]) -> tuple[list[str], str | None]:
    """Values in a label's value nodes: list items, field items, links, else the text."""
    values: list[str] = []
    stamp: str | None = None
    for node in nodes:
        if isinstance(node, NavigableString):
            # plain text holds several values separated by semicolons
            values.extend(t for t in (clean_text(v).strip(", ") for v in str(node).split(";")) if t)
            continue
        if not isinstance(node, Tag) or _large(node):
            continue  # no value is a whole section of the page
        items, field_items, links, time = _parts(node)
        time = node if node.name == "time" else time
        if time is not None and time.get("datetime") and stamp is None:
            stamp = time["datetime"]
        leaves = items or field_items
        if not leaves and node.name not in ("li", "dd"):
            leaves = links or _item_elements(node)
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
    if any(isinstance(c, Tag) and c.name != "br" for c in tag.children):
        return None  # an empty value beside it: "<p>Date: <time datetime=...></time></p>"
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
        for sibling in label.next_siblings:
            if not isinstance(sibling, Tag):
                continue
            if sibling.name != "dd":
                break
            values.append(sibling)
        return list(values), [label, *values]
    if label.name in ("th", "td"):
        cell = next(
            (s for s in label.next_siblings if isinstance(s, Tag) and s.name in ("td", "th")),
            None,
        )
        row = label.parent if isinstance(label.parent, Tag) else label
        return ([cell] if cell else []), [row]
    following: list[object] = []
    for sibling in label.next_siblings:
        if isinstance(sibling, NavigableString) and not sibling.strip():
            continue
        if isinstance(sibling, Tag) and sibling.name == "br":
            if following:
                break  # "<b>Place</b> Vienna<br><b>Source</b> ...": the line ends the value
            continue
        if isinstance(sibling, Tag) and _label_kind(sibling.get_text(" ").strip(" :：")):
            break  # the next row's label: "<li>Date</li><li>3 May</li><li>Place</li>..."
        following.append(sibling)
    parent = label.parent if isinstance(label.parent, Tag) else label
    if following:
        return following, [parent]
    nxt = next(iter(next_elements(label, 1) or next_elements(parent, 1)), None)
    return ([nxt] if nxt is not None else []), [label] + ([nxt] if nxt is not None else [])


_CHROME_LANDMARKS = frozenset(("nav", "menu", "dialog"))
_CHROME_ROLES = frozenset(
    ("navigation", "banner", "contentinfo", "menu", "menubar", "search", "dialog", "alertdialog")
)
_CHROME_CLASS = re.compile(
    r"(^|[-_ ])(nav|navbar|navigation|menu|megamenu|mega-menu|dropdown|footer|site-header|"
    r"header-nav|breadcrumbs?|related|teasers?|newsletter|cookie|consent|share|sharing|social|"
    r"promo|subscribe|read-more|more-news|recommended|sidebar)($|[-_ ])",
    re.I,
)
_ARTICLE_LINK = re.compile(r"/\d{3,}/?(?:[?#].*)?$")
_FIELDS_MENU = re.compile(
    r"^(fields? of work|areas? of work|направлени|област|arbeitsbereich|tätigkeitsbereich|"
    r"domaines? d|settori|ambiti|ámbitos|áreas)",
    re.I,
)
_MAX_LIST_VALUES = 6  # an article names a few sources and fields; a menu lists dozens
_NEAR = 4  # ancestors within which two label rows belong to one metadata block


@dataclass
class _Candidate:
    row: LabelValue
    anchor: Tag  # the label's element
    ancestors: list[Tag]  # the anchor's first ancestors, nearest first
    chrome: str | None  # why it sits in page chrome, or None
    in_aside: bool


def _chrome_reason(tag: Tag) -> tuple[str | None, bool]:
    """Why ``tag`` sits in page chrome (menus, page header and footer, teasers), and
    whether it sits in an <aside>. A header or footer inside an <article> is the
    article's own (title, tags) and does not count."""
    in_aside = False
    for parent in tag.parents:
        if not isinstance(parent, Tag) or parent.name in ("[document]", "html", "body"):
            break
        name = parent.name
        if name in ("article", "main"):
            return None, in_aside
        if name in _CHROME_LANDMARKS:
            return name, in_aside
        if name in ("header", "footer"):
            inside = any(
                p.name in ("article", "main") for p in parent.parents if isinstance(p, Tag)
            )
            if not inside:
                return name, in_aside
            continue  # the article's own header (title, date) or footer (tags)
        if name == "aside":
            in_aside = True
        role = parent.attrs.get("role")
        if isinstance(role, str) and role.lower() in _CHROME_ROLES:
            return f"role={role}", in_aside
        marks = parent.attrs.get("class")
        marks = " ".join(marks) if isinstance(marks, list) else str(marks or "")
        marks += " " + str(parent.attrs.get("id") or "")
        if marks.strip() and _CHROME_CLASS.search(marks):
            return "chrome class", in_aside
    return None, in_aside


def _in_teaser(anchor: Tag, ancestors: list[Tag]) -> bool:
    """A label inside a teaser card: a near ancestor links to another article by its title."""
    for parent in ancestors[:3]:
        size = -1
        for text in parent.stripped_strings:  # as get_text(" ", strip=True), stopped early
            size += len(text) + 1
            if size > 500:
                return False  # past the card: the article's own wrapper
        links = [tag for tag in named(parent, "a") if "href" in tag.attrs][:5]
        for link in links:
            text = link.get_text(" ", strip=True)
            if len(text) > 25 and _ARTICLE_LINK.search(str(link["href"])):
                return True
    return False


def _line_of(text_node: NavigableString) -> list[object]:
    """The nodes after a label up to the end of its line: "Place: Vienna<br>Source: ..." """
    line: list[object] = []
    for sibling in text_node.next_siblings:
        if isinstance(sibling, Tag) and sibling.name == "br":
            break
        if isinstance(sibling, NavigableString) and "\n" in sibling and line:
            break
        line.append(sibling)
    return line


UNKNOWN = "unknown"
_WORDS = re.compile(r"^[^\W\d_][\w'’ -]{1,39}$")


def _label_shaped(text: str, raw: str, parent: Tag) -> bool:
    """A short word or phrase ending with a colon, or alone in a <dt>/<th>."""
    text = text.strip()
    if not _WORDS.match(text) or len(text.split()) > 4:
        return False
    return ":" in raw or "：" in raw or parent.name in _STRUCTURED_LABEL_TAGS


def _spells_out(acronym: str, text: str) -> bool:
    """The text is what the acronym abbreviates: its capitalised words' initials."""
    acronym = acronym.strip()
    if not (2 <= len(acronym) <= 8 and acronym.isalpha() and acronym.isupper()):
        return False
    initials = "".join(word[0] for word in text.split() if word[:1].isupper())
    return initials == acronym


def _kind_by_values(values: list[str], menu_fields: set[str]) -> str | None:
    """What an unknown label's values are, when every one of them says it."""
    if not values or len(values) > _MAX_LIST_VALUES:
        return None
    if all(field_of_work_slug(v) or normalise(v) in menu_fields for v in values):
        return "fields"
    if all(looks_like_unit(v) for v in values):
        return "source"
    if len(values) == 1 and is_known_place(values[0]):
        return "place"
    return None


def _candidates(scope: Tag) -> list[_Candidate]:
    found: list[_Candidate] = []
    for text_node in scope.descendants:  # a plain walk: find_all(string=True) costs more
        if type(text_node) is not NavigableString:
            continue  # elements, comments, CDATA, doctype
        raw = text_node  # a str: read in place, not copied
        if len(raw) > 120 or not raw or raw.isspace():
            continue
        parent = text_node.parent
        if parent is None or parent.name in ("script", "style", "title", "a", "option"):
            continue
        if ":" not in raw and "：" not in raw and parent.name not in _STRUCTURED_LABEL_TAGS:
            stripped = raw.strip()
            if not 2 <= len(stripped) <= 40 or _label_kind(stripped) is None:
                continue  # no colon, no <dt>: only a label word we know can be a label
        match = _LABEL_ONLY.match(raw)
        kind = _label_kind(match["label"]) if match else None
        inline = None if kind else _LABEL_INLINE.match(raw)
        if inline:
            kind = _label_kind(inline["label"])
        if not kind:
            shown = inline["label"] if inline else match["label"] if match else ""
            if not _label_shaped(shown, raw, parent):
                continue
            if inline and _spells_out(shown, inline["value"]):
                continue  # "HCNM: High Commissioner on National Minorities": a glossary line
            kind = UNKNOWN  # a label we do not know: its values may still say what it is
        if inline:
            value_nodes = [NavigableString(inline["value"]), *_line_of(text_node)]
            elements = [parent]
            anchor = parent
        else:
            label = _label_element(text_node)
            has_colon = ":" in raw or "：" in raw
            if label is None and not has_colon:
                continue  # a word in running text ("… Бюро ОБСЕ …"), not a label
            if label is None:
                value_nodes, elements = _line_of(text_node), [parent]
                anchor = parent
            else:
                if (
                    not has_colon
                    and label.name not in _STRUCTURED_LABEL_TAGS
                    and not next_elements(label, 1)
                    and not str(label.next_sibling or "").strip()
                ):
                    continue  # a bare word such as a menu heading, not a label
                value_nodes, elements = _value_nodes(label)
                anchor = label
        values, stamp = _items_of(value_nodes)
        if not values and stamp is None:
            continue
        ancestors = [p for p in anchor.parents if isinstance(p, Tag)][: _NEAR + 1]
        chrome, in_aside = _chrome_reason(anchor)
        if chrome is None and _in_teaser(anchor, ancestors):
            chrome = "teaser"
        label_text = clean_text(inline["label"] if inline else match["label"] if match else "")
        if label_text.casefold() in _DATE_OR_SOURCE:
            dated = stamp is not None or any(any(c.isdigit() for c in v) for v in values)
            kind = "date" if dated else "source"
        row = LabelValue(kind, values, stamp, elements, label_text)
        found.append(_Candidate(row, anchor, ancestors, chrome, in_aside))
    return found


def _block_kinds(candidate: _Candidate, others: list[_Candidate]) -> int:
    """Distinct kinds of label rows sharing a near ancestor with this one: a metadata
    block holds several ("Date", "Place", "Source"); a menu heading stands alone."""
    kinds = {_kind_of(candidate)}
    for other in others:
        if other is not candidate and _same_block(candidate, other):
            kinds.add(_kind_of(other))
    return len(kinds)


def _kind_of(candidate: _Candidate) -> str:
    """Its kind; an unknown label counts as a kind of its own."""
    row = candidate.row
    return row.kind if row.kind != UNKNOWN else f"{UNKNOWN}:{row.label.casefold()}"


def _same_block(one: _Candidate, other: _Candidate) -> bool:
    """Two label rows with a near ancestor in common (the <dl>, list or <div> of the block)."""
    mine = {id(p) for p in one.ancestors if p.name not in ("body", "html")}
    return bool(mine.intersection(id(p) for p in other.ancestors))


def find_labelled_metadata(
    scope: Tag,
    article_root: Tag | None = None,
    title: Tag | None = None,
    known_markup: bool = False,
) -> LabelledMetadata:
    """The article's label/value rows under ``scope``: one per kind, from its own block.

    Precision first: rows in menus, page header and footer, teasers and lone rows in an
    <aside> are never taken, nor a list of more values than an article has; of several
    rows of a kind, the one in a block of other labels, inside the article and nearest
    after its title wins. What was passed over is said in ``notes``. In a ``known_markup``
    (a site profile's article element) class names are not taken for chrome.
    """
    found = LabelledMetadata()
    candidates = _candidates(scope)
    if not candidates:
        return found
    position: Callable[[Tag], int | None] = lambda tag: None  # noqa: E731
    if title is not None and len(candidates) > 1:
        position = position_in(scope)
    title_at = (position(title) or 0) if title is not None else 0
    usable: list[tuple[tuple, _Candidate]] = []
    unknown = [c for c in candidates if c.row.kind == UNKNOWN]
    for candidate in candidates:
        row = candidate.row
        if row.kind == UNKNOWN:
            continue
        block = _block_kinds(candidate, candidates)
        if row.kind == "fields" and _FIELDS_MENU.match(row.label) and len(row.values) > 3:
            found.menu_fields.update(normalise(value) for value in row.values)
        if candidate.chrome == "chrome class" and (block >= 2 or known_markup):
            pass  # class names are weak evidence: a block of labels ("Related: Source,
            # Fields of work" in the panels generation) is still the article's
        elif candidate.chrome:
            found.notes.append(f"{row.kind} label in page chrome ({candidate.chrome}) ignored")
            continue
        if candidate.in_aside and block < 2:
            found.notes.append(f"{row.kind} label alone in an aside ignored")
            continue
        if row.kind in ("source", "fields") and len(row.values) > _MAX_LIST_VALUES:
            found.notes.append(
                f"{row.kind} label with {len(row.values)} values looks like a menu: ignored"
            )
            continue
        inside = article_root is None or any(p is article_root for p in candidate.anchor.parents)
        if not inside and block < 2:
            found.notes.append(f"{row.kind} label alone outside the article ignored")
            continue
        at = position(candidate.anchor) or 0
        rank = (block >= 2, inside, at >= title_at, -abs(at - title_at))
        usable.append((rank, candidate))
    chosen: list[_Candidate] = []
    for rank, candidate in sorted(usable, key=lambda pair: pair[0], reverse=True):
        kind = candidate.row.kind
        if kind not in found.rows:
            found.rows[kind] = candidate.row
            if rank[0]:
                chosen.append(candidate)
    for candidate in unknown:  # in the article's block of labels, values may tell the kind
        if candidate.chrome or not any(_same_block(candidate, c) for c in chosen):
            continue
        kind = _kind_by_values(candidate.row.values, found.menu_fields)
        if kind and kind not in found.rows:
            candidate.row.kind = kind
            found.rows[kind] = candidate.row
            found.notes.append(f"label {candidate.row.label!r} read as {kind} from its values")
    found.block = _common_block([c.anchor for c in chosen], title)
    if found.block is not None:
        found.unknown_labels = _unknown_labels(found.block)
    return found


def _common_block(anchors: list[Tag], title: Tag | None) -> Tag | None:
    """The element holding the article's label rows (a <dl>, a list, a table, a <div>),
    when it holds little else: left out of the body whole, rows of unknown labels too."""
    if len(anchors) < 2:
        return None
    first_chain = [p for p in anchors[0].parents if isinstance(p, Tag)]
    others = [{id(p) for p in anchor.parents} for anchor in anchors[1:]]
    for parent in first_chain:
        if all(id(parent) in chain for chain in others):
            if parent.name in ("body", "html", "[document]", "article", "main"):
                return None
            if title is not None and (parent is title or title in parent.descendants):
                return None
            return parent if len(parent.get_text(" ", strip=True)) < 800 else None
    return None


def _unknown_labels(block: Tag) -> list[str]:
    """Short "Word:" strings in a metadata block that are no label we know."""
    found = []
    for text in (node for node in block.descendants if isinstance(node, NavigableString)):
        value = clean_text(str(text))
        if 1 < len(value) < 40 and value.endswith((":", "：")) and not is_label(value):
            found.append(value.rstrip(":："))
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
    jsonld_objects: list[dict[str, object]] = field(default_factory=list)  # every object, flat
    alternates: dict[str, str] = field(default_factory=dict)
    title_tag: str | None = None


def _jsonld_objects(scripts: list[Tag]) -> list[dict[str, object]]:
    """Every JSON-LD object of the page (through lists and @graph), in document order."""
    found: list[dict[str, object]] = []
    for script in scripts:
        try:
            data = json.loads(script.string or "")
        except (ValueError, TypeError, RecursionError):
            continue
        stack = [data]
        while stack and len(found) < 500:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                found.append(item)
                stack.extend(reversed([v for v in item.values() if isinstance(v, (list, dict))]))
    return found


def _jsonld_article(objects: list[dict[str, object]]) -> dict[str, object]:
    for item in objects:
        kind = item.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if any(isinstance(k, str) and k.endswith("Article") for k in kinds):
            return item
    return {}


def find_embedded_metadata(soup: BeautifulSoup, url: str) -> EmbeddedMetadata:
    found = EmbeddedMetadata()
    # one pass over the elements of these names (same elements, same order)
    html: Tag | None = None
    title: Tag | None = None
    links: list[Tag] = []
    metas: list[Tag] = []
    scripts: list[Tag] = []
    for tag in named(soup, "html", "title", "link", "meta", "script"):
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
    found.jsonld_objects = _jsonld_objects(scripts)
    found.jsonld = _jsonld_article(found.jsonld_objects)
    if title is not None and title.string:
        found.title_tag = clean_text(title.string)
    return found
