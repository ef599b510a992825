"""From one osce.org page to one structured item.

``extract_article`` parses once and hands the tree to one small function per concern.
Each key field is looked for layer by layer and the layer that answered is recorded in
``provenance``:

1. ``profile:current`` / ``profile:panels``: osce.org markup generations;
2. ``labels``: "Date:", "Place:", "Source:", "Fields of work:" in the site's languages;
3. ``semantic``, ``meta``, ``og``, ``json-ld``, ``hreflang``, ``html-lang``,
   ``time-datetime``: what the page says about itself;
4. ``dateline``: "VIENNA, 16 June 2021 —", read in the page's language;
5. ``generic``: text and link density, for a markup nobody has seen yet;
plus ``url`` where only the address tells.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from mimetypes import guess_type
from typing import TypeVar
from urllib.parse import SplitResult, urlsplit

from bs4 import BeautifulSoup, Tag

from osce_crawler.drift import LAYER_FAILED
from osce_crawler.extract.body import body_paragraphs
from osce_crawler.extract.chips import Byline, Chips, find_byline, find_chips
from osce_crawler.extract.contenttype import decide_content_type, find_content_type
from osce_crawler.extract.dateline import find_dateline, place_as_written_by_a_person
from osce_crawler.extract.dates import normalise_iso, parse_date
from osce_crawler.extract.document import parse_document
from osce_crawler.extract.dom import (
    classes,
    first_named,
    following,
    has_ancestor,
    named,
    page_index,
    tags,
)
from osce_crawler.extract.generic import find_main_paragraphs
from osce_crawler.extract.glossary import find_glossary
from osce_crawler.extract.metadata import (
    EmbeddedMetadata,
    LabelledMetadata,
    find_embedded_metadata,
    find_labelled_metadata,
    safe_urljoin,
)
from osce_crawler.extract.pagekind import classify_page
from osce_crawler.extract.quotes import find_quotes
from osce_crawler.extract.regions import Regions, find_regions, find_title_element
from osce_crawler.extract.text import clean_text
from osce_crawler.extract.vocabulary import is_field_of_work, looks_like_unit, split_joined
from osce_crawler.item import Article, Attachment, Translation

__all__ = ["extract_article"]

LARGE_PAGE = 2_000_000  # characters or bytes; osce.org articles are well under 300 kB
_DOCUMENT_SUFFIX = re.compile(r"\.(pdf|docx?|xlsx?|pptx?|odt|ods|rtf|zip|epub)$", re.I)
_DOCUMENT_SUFFIX_ANYWHERE = re.compile(
    r"\.(pdf|docx?|xlsx?|pptx?|odt|ods|rtf|zip|epub)(?![a-z0-9])", re.I
)
_NODE_ID = re.compile(r"/(\d{3,})(?:$|[/?#])")
_RELATED_CLASSES = frozenset(("related-content", "pane-related-news"))
_TITLE_SUFFIX = re.compile(r"\s*[|–—-]\s*OSCE\s*$")


def extract_article(html: bytes | str, url: str, listed_as: str | None = None) -> Article:
    """The item of one page. Pure: no I/O, never raises on a page's content.

    ``listed_as`` is the crawl's context: the content type of the listing or feed that
    linked the page (``press-release``), one piece of evidence for the page's type.
    A page that is not an article (listing, search, error page, cookie wall, nothing)
    comes back with ``page_kind`` saying so and a warning; the spider drops it.
    """
    article = Article(url=url)
    if len(html) > LARGE_PAGE:
        article.warn(f"page is unusually large: {len(html) / 1_000_000:.1f} MB")
    soup, index, warnings = parse_document(html)
    for message in warnings:
        article.warn(message)
    if soup is None:
        article.page_kind = "empty"
        article.warn("not an article: the page is empty")
        return article
    with page_index(index):  # the walks below read the parser's element list
        _read_page(article, soup, url, listed_as)
    return article


def _read_page(article: Article, soup: BeautifulSoup, url: str, listed_as: str | None) -> None:
    if not _split(url).geturl() and url:
        # links are resolved against nothing rather than against an address urllib rejects
        article.warn("the page's URL is not a valid URL: relative links are left unresolved")
        url = ""
    embedded = find_embedded_metadata(soup, url)
    regions = find_regions(soup)
    _identity(article, embedded, soup, url)
    profiled = regions.layer in PROFILES
    if not profiled:
        head_titles = [embedded.og.get("title"), embedded.jsonld.get("headline")]
        head_titles.append(embedded.title_tag)
        visible = find_title_element(
            first_named(soup, "body") or soup, [t for t in head_titles if isinstance(t, str)]
        )
        regions.title = visible or regions.title
    glossary, tooltip_ids = find_glossary(regions.root or soup)
    article.glossary = glossary
    labels = find_labelled_metadata(
        regions.root if profiled and regions.root is not None else soup,
        regions.root,
        regions.title,
        known_markup=profiled,
    )
    for label in labels.unknown_labels:
        article.warn(f"metadata label not understood, left out of the body: {label!r}")
    chips = Chips() if profiled else find_chips(regions.title, article.language)
    byline = Byline() if profiled else find_byline(regions.title, article.language)

    _title(article, regions, embedded)
    _content_type(article, soup, regions, labels, embedded, url, listed_as)
    shown_apart = {id(e) for e in chips.elements + byline.elements}
    _body(article, soup, regions, labels, tooltip_ids | shown_apart)
    _dateline(article)
    _dates(article, regions, labels, embedded, chips, byline)
    _place(article, regions, labels, chips)
    _list_field(article, labels, "source", "sources", chips.sources)
    _list_field(article, labels, "fields", "fields_of_work", chips.fields_of_work)
    _attachments(article, soup, regions, url)
    _translations(article, embedded, soup, url)
    article.related_urls = _related_urls(soup, regions.root, url)
    article.quotes, article.speakers = _guarded(
        article,
        "quotes",
        lambda: find_quotes(article.paragraphs, article.language, [article.title or ""]),
        ([], []),
    )
    if unknown := sum(1 for quote in article.quotes if quote.speaker is None):
        article.warn(f"{unknown} quote(s) kept without a speaker: the text does not say who")

    article.page_kind = classify_page(soup, article, regions, url)
    if not article.is_article:
        article.warn(f"not an article: {article.page_kind.replace('_', ' ')} page")
    for key in ("title", "published", "body"):
        if getattr(article, key) in (None, ""):
            article.warn(f"no {key} found")


PROFILES = ("profile:current", "profile:panels")
T = TypeVar("T")


def _guarded(article: Article, layer: str, work: Callable[[], T], default: T) -> T:
    """Run one layer; its failure becomes a warning the manifest counts, not a silent gap."""
    try:
        return work()
    except Exception as error:  # noqa: BLE001 - one layer's failure must not cost the item
        article.warn(f"{LAYER_FAILED} {layer} ({type(error).__name__}: {str(error)[:120]})")
        return default


def _split(url: str) -> SplitResult:
    """urlsplit, or an empty address for one urllib rejects ("http://[broken")."""
    try:
        return urlsplit(url)
    except ValueError:
        return urlsplit("")


def _identity(article: Article, embedded: EmbeddedMetadata, soup: BeautifulSoup, url: str) -> None:
    if embedded.canonical:
        article.canonical_url, article.provenance["canonical_url"] = embedded.canonical, "meta"
    elif embedded.og.get("url") and safe_urljoin(url, embedded.og["url"]):
        article.canonical_url = safe_urljoin(url, embedded.og["url"])
        article.provenance["canonical_url"] = "og"
    else:
        parts = _split(url)
        article.canonical_url = (
            f"{parts.scheme}://{parts.netloc}{parts.path}" if parts.netloc else url
        )
        article.provenance["canonical_url"] = "url"
    for candidate, layer in (
        (article.canonical_url, article.provenance["canonical_url"]),
        (url, "url"),
    ):
        match = _NODE_ID.search(_split(candidate or "").path + "/")
        if match:
            article.node_id, article.provenance["node_id"] = match[1], layer
            break
    path_language = re.match(r"^/([a-z]{2})(?:/|$)", _split(url).path)
    if embedded.language:
        article.language, article.provenance["language"] = embedded.language, "html-lang"
    elif embedded.og.get("locale"):
        article.language, article.provenance["language"] = embedded.og["locale"][:2].lower(), "og"
    elif path_language:
        article.language, article.provenance["language"] = path_language[1], "url"
    else:
        sample = (first_named(soup, "body") or soup).get_text(" ")[:5000]
        letters = [c for c in sample if c.isalpha()]
        cyrillic = sum(1 for c in letters if "\u0400" <= c <= "\u04ff")
        if letters and cyrillic * 2 > len(letters):
            article.language, article.provenance["language"] = "ru", "script"
            article.warn("language not declared: Cyrillic text taken for Russian")
        else:
            article.language, article.provenance["language"] = "en", "default"
            article.warn("language not declared: assumed English")


def _title(article: Article, regions: Regions, embedded: EmbeddedMetadata) -> None:
    candidates = [
        (regions.title.get_text(" ") if regions.title else None, regions.layer or "semantic"),
        (embedded.og.get("title"), "og"),
        (embedded.jsonld.get("headline"), "json-ld"),
        (_TITLE_SUFFIX.sub("", embedded.title_tag or ""), "meta"),
    ]
    for candidate, layer in candidates:
        if isinstance(candidate, str) and clean_text(candidate):
            article.title, article.provenance["title"] = clean_text(candidate), layer
            return


def _content_type(
    article: Article,
    soup: BeautifulSoup,
    regions: Regions,
    labels: LabelledMetadata,
    embedded: EmbeddedMetadata,
    url: str,
    listed_as: str | None,
) -> None:
    evidence = find_content_type(soup, regions, labels, embedded, url, listed_as)
    label, layer, warnings = decide_content_type(evidence, article.language)
    if label and layer:
        article.content_type, article.provenance["content_type"] = label, layer
    for message in warnings:
        article.warn(message)


def _body(
    article: Article,
    soup: BeautifulSoup,
    regions: Regions,
    labels: LabelledMetadata,
    tooltip_ids: set[int],
) -> None:
    skip = set(tooltip_ids) | {id(element) for element in labels.elements()}
    for tag in (regions.title, regions.content_type, regions.date, regions.place):
        if tag is not None:
            skip.add(id(tag))
    paragraphs: list[str] = []
    if regions.body is not None and regions.layer in PROFILES:
        paragraphs = body_paragraphs(regions.body, skip)
        layer = regions.layer
    elif regions.body is not None:
        # <article> or <main> holds more than the text: density tells the text from the
        # share bars, metadata rows and teasers that class names no longer mark
        within = regions.body
        found = _guarded(article, "generic", lambda: find_main_paragraphs(soup, skip, within), [])
        paragraphs = _from_dateline_on(_drop_repeated_title(found, article.title), article.language)
        layer = "semantic"
    if not paragraphs:
        # the generic layer sees the whole page: leave out what other layers already read
        known = {clean_text(element.get_text(" ")) for element in labels.elements()}
        known.update(
            clean_text(tag.get_text(" ")) for tag in (regions.title, regions.content_type) if tag
        )
        known.add(article.title or "")
        found = _guarded(article, "generic", lambda: find_main_paragraphs(soup, skip), [])
        paragraphs = [p for p in found if p not in known]
        paragraphs = _from_dateline_on(paragraphs, article.language)
        layer = "generic"
        if paragraphs:
            article.warn("body found by the generic text-density layer: markup not recognised")
    if paragraphs:
        article.paragraphs = paragraphs
        article.body = "\n\n".join(paragraphs)
        article.provenance["body"] = layer


def _from_dateline_on(paragraphs: list[str], language: str | None) -> list[str]:
    """Without known markup, a dateline in the first paragraphs marks where the article starts."""
    for index, paragraph in enumerate(paragraphs[:4]):
        if find_dateline(paragraph, language):
            return paragraphs[index:]
    return paragraphs


def _drop_repeated_title(paragraphs: list[str], title: str | None) -> list[str]:
    if paragraphs and title and paragraphs[0] == title:
        return paragraphs[1:]
    return paragraphs


def _dateline(article: Article) -> None:
    if not article.paragraphs:
        return
    found = find_dateline(article.paragraphs[0], article.language)
    if found:
        article.dateline, article.lead = found
        article.provenance["dateline"] = "dateline"
    else:
        article.lead = article.paragraphs[0]


def _dates(
    article: Article,
    regions: Regions,
    labels: LabelledMetadata,
    embedded: EmbeddedMetadata,
    chips: Chips,
    byline: Byline,
) -> None:
    """Publication date: shown value, then datetime attribute, meta data, dateline."""
    language = article.language
    candidates: list[tuple[str, str]] = []  # (ISO value, layer), most trusted first
    row = labels.rows.get("date")
    if row is not None:
        shown = next((d for d in (parse_date(v, language) for v in row.values) if d), None)
        stamp = normalise_iso(row.datetime or "")
        if shown and stamp and stamp[:10] == shown:
            candidates.append((stamp, "labels"))  # the attribute adds the time of day
        elif shown:
            candidates.append((shown, "labels"))
        if stamp:
            candidates.append((stamp, "time-datetime"))
    if regions.date is not None:
        shown = parse_date(clean_text(regions.date.get_text(" ")), language)
        if shown:
            candidates.append((shown, regions.layer or "semantic"))
    if chips.published:
        candidates.append((chips.published, "chips"))
    if byline.published:
        candidates.append((byline.published, "byline"))
    # what the page shows before what it says about itself in <head> (which may disagree)
    if article.dateline and article.dateline.date:
        candidates.append((article.dateline.date, "dateline"))
    updated_row = labels.rows.get("updated")
    times = named(regions.root, "time") if regions.root else []
    for time in (time for time in times if "datetime" in time.attrs):
        stamp = normalise_iso(time["datetime"])
        inside_updated = updated_row is not None and any(
            time is element or element in time.parents for element in updated_row.elements
        )
        if stamp and not inside_updated:
            candidates.append((stamp, "time-datetime"))
            break
    for value, layer in (
        (embedded.meta.get("article:published_time") or embedded.og.get("published_time"), "meta"),
        (embedded.jsonld.get("datePublished"), "json-ld"),
    ):
        if isinstance(value, str) and normalise_iso(value):
            candidates.append((normalise_iso(value), layer))
    if candidates:
        article.published, article.provenance["published"] = candidates[0]
        disagreeing = sorted(
            {layer for value, layer in candidates if value[:10] != candidates[0][0][:10]}
        )
        if disagreeing:
            article.warn(
                f"published {candidates[0][0][:10]} ({candidates[0][1]}) disagrees with "
                + ", ".join(disagreeing)
            )
    # the update date is kept apart: it is never taken for the publication date
    modified: list[tuple[str | None, str]] = []
    if updated_row is not None:
        shown = next((d for d in (parse_date(v, language) for v in updated_row.values) if d), None)
        modified.append((normalise_iso(updated_row.datetime or "") or shown, "labels"))
    modified.append((byline.modified, "byline"))
    modified.append((embedded.meta.get("article:modified_time"), "meta"))
    value = embedded.jsonld.get("dateModified")
    modified.append((value if isinstance(value, str) else None, "json-ld"))
    for value, layer in modified:
        iso = normalise_iso(value) if value else None
        if iso:
            article.modified, article.provenance["modified"] = iso, layer
            break


def _place(article: Article, regions: Regions, labels: LabelledMetadata, chips: Chips) -> None:
    row = labels.rows.get("place")
    shown = clean_text(regions.place.get_text(" ")) if regions.place is not None else ""
    if row is not None and row.values:
        article.place = place_as_written_by_a_person(row.values[0])
        article.provenance["place"] = "labels"
    elif shown:
        article.place = place_as_written_by_a_person(shown)
        article.provenance["place"] = regions.layer or "semantic"
    elif chips.place:
        article.place = place_as_written_by_a_person(chips.place)
        article.provenance["place"] = "chips"
    elif article.dateline and article.dateline.place:
        article.place = place_as_written_by_a_person(article.dateline.place)
        article.provenance["place"] = "dateline"


def _list_field(
    article: Article, labels: LabelledMetadata, kind: str, key: str, chips: list[str]
) -> None:
    row = labels.rows.get(kind)
    if (row is None or not row.values) and chips:
        setattr(article, key, list(dict.fromkeys(chips)))
        article.provenance[key] = "chips"
        return
    if row is None or not row.values:
        passed_over = [note for note in labels.notes if note.startswith(kind)]
        if passed_over:
            article.warn(f"{key}: {passed_over[0]}")
        return
    menu = frozenset(labels.menu_fields)
    if kind == "fields":
        values = split_joined(row.values, lambda v: is_field_of_work(v, menu))
    else:
        values = split_joined(row.values, looks_like_unit, whole_counts=False)
    values = list(dict.fromkeys(values))
    if kind == "fields":
        known = [v for v in values if is_field_of_work(v, menu)]
        unknown = [v for v in values if v not in known]
        if unknown:
            shown = ", ".join(repr(v) for v in unknown[:5])
            article.warn(f"fields_of_work: not among the site's fields of work, left out: {shown}")
        values = known
    if values:
        setattr(article, key, values)
        article.provenance[key] = "labels"


def _chrome_landmark(tag: Tag) -> bool:
    return tag.name in ("nav", "header", "footer", "aside")


def _attachments(article: Article, soup: BeautifulSoup, regions: Regions, url: str) -> None:
    links: list[Tag] = list(regions.attachment_links)
    layer = regions.layer if links else None
    # without a known article element, document links anywhere but in page chrome count
    scope = regions.root if regions.root is not None else first_named(soup, "body")
    if scope is not None:
        extra = [
            a for a in named(scope, "a")
            if "href" in a.attrs and _is_document(a["href"])
            and (regions.root is not None or not has_ancestor(a, _chrome_landmark))
        ]  # fmt: skip
        if extra and not links:
            layer = "semantic" if regions.root is not None else "generic"
        links.extend(extra)
    seen: set[str] = set()
    for link in links:
        href = safe_urljoin(url, link["href"].strip())
        if href is None:
            continue  # an address urllib rejects
        if href in seen or not _is_document(href) and link not in regions.attachment_links:
            continue
        seen.add(href)
        media_type = link.get("type") or guess_type(urlsplit(href).path)[0]
        article.attachments.append(
            Attachment(
                url=href, title=clean_text(link.get_text(" ")) or None, media_type=media_type
            )
        )
    if article.attachments and layer:
        article.provenance["attachments"] = layer


def _is_document(href: str) -> bool:
    bare = href.replace("\t", "").replace("\r", "").replace("\n", "")  # as urlsplit reads it
    if "/files/f/documents/" not in bare and not _DOCUMENT_SUFFIX_ANYWHERE.search(bare):
        return False  # no document suffix anywhere, so none at the end of the path
    try:
        path = urlsplit(href).path
    except ValueError:
        return False
    return bool(_DOCUMENT_SUFFIX.search(path)) or "/files/f/documents/" in path


def _hreflang_link(tag: Tag) -> bool:
    """``a[hreflang][href]``"""
    return tag.name == "a" and "hreflang" in tag.attrs and "href" in tag.attrs


def _related_block(tag: Tag) -> bool:
    return "class" in tag.attrs and not _RELATED_CLASSES.isdisjoint(classes(tag))


def _related_urls(soup: BeautifulSoup, root: Tag | None, url: str) -> list[str]:
    """The links of the related-content blocks (current and panels generations).

    Looked for in the article and after it, not in the header and menus before it (the
    bulk of an osce.org page).
    """
    found: list[str] = []
    for block in following(root) if root is not None else tags(soup):
        if not _related_block(block):
            continue
        for link in named(block, "a"):
            if "href" not in link.attrs:
                continue
            href = safe_urljoin(url, str(link.attrs["href"]))
            if href and href not in found:
                found.append(href)
    return found


def _translations(
    article: Article, embedded: EmbeddedMetadata, soup: BeautifulSoup, url: str
) -> None:
    found = {lang: href for lang, href in embedded.alternates.items() if lang != article.language}
    layer = "hreflang" if found else None
    if not found:
        for link in filter(_hreflang_link, named(soup, "a")):
            lang = link["hreflang"].strip().lower()[:2]
            href = safe_urljoin(url, link["href"].strip())
            if lang and lang != article.language and href:
                found.setdefault(lang, href)
                layer = "semantic"
    article.translations = [Translation(language=k, url=v) for k, v in sorted(found.items())]
    if layer:
        article.provenance["translations"] = layer
