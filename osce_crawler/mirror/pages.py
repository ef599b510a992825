"""Render article records into osce.org pages: our offline model of the site.

Two markup generations are modelled: ``current`` (the 2025 site, whose visible
structure the seed page shows) and ``panels`` (the older Drupal panels layout whose
class names public scrapers relied on). The extractor must never import this module:
a test in which both share code proves nothing.

Inline markup in record paragraphs: ``[[TERM]]`` is a glossary term (tooltip from the
record's ``glossary``), ``[[link:/path|text]]`` a link; a paragraph starting ``- `` is a
list item.
"""

from __future__ import annotations

import json
import re
from datetime import date
from functools import cache
from html import escape
from importlib import resources
from typing import Any

Record = dict[str, Any]

LANGUAGE_NAMES = {"en": "English", "ru": "Русский", "de": "Deutsch", "fr": "Français"}

LABELS = {
    "en": {
        "date": "Date:",
        "place": "Place:",
        "source": "Source:",
        "fields": "Fields of work:",
        "updated": "Last updated:",
        "documents": "Documents",
        "related": "Related content",
    },
    "ru": {
        "date": "Дата:",
        "place": "Место:",
        "source": "Источник:",
        "fields": "Направления деятельности:",
        "updated": "Обновлено:",
        "documents": "Документы",
        "related": "Похожие материалы",
    },
    "de": {
        "date": "Datum:",
        "place": "Ort:",
        "source": "Quelle:",
        "fields": "Arbeitsbereiche:",
        "updated": "Aktualisiert:",
        "documents": "Dokumente",
        "related": "Verwandte Inhalte",
    },
    "fr": {
        "date": "Date :",
        "place": "Lieu :",
        "source": "Source :",
        "fields": "Domaines d’activité :",
        "updated": "Mis à jour :",
        "documents": "Documents",
        "related": "Contenu associé",
    },
}

MONTHS = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "ru": [
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ],
    "de": [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ],
    "fr": [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
}

_INLINE = re.compile(r"\[\[(?:link:(?P<href>[^|\]]+)\|(?P<text>[^\]]+)|(?P<term>[^\]]+))\]\]")


@cache
def load_records() -> tuple[Record, ...]:
    """The bundled article records (real OSCE texts, plus modelled translations)."""
    data = resources.files("osce_crawler.mirror").joinpath("data/articles.json").read_text("utf-8")
    return tuple(json.loads(data))


@cache
def load_menu() -> tuple[Any, ...]:
    data = resources.files("osce_crawler.mirror").joinpath("data/menu.json").read_text("utf-8")
    return tuple(json.loads(data))


def display_date(iso: str, language: str, numeric: bool = False) -> str:
    day = date.fromisoformat(iso[:10])
    if numeric:
        return f"{day.day:02d}.{day.month:02d}.{day.year}"
    month = MONTHS[language][day.month - 1]
    if language == "de":
        return f"{day.day}. {month} {day.year}"
    return f"{day.day} {month} {day.year}"


def _inline(text: str, glossary: dict[str, str]) -> str:
    """Escape a paragraph and expand its glossary and link markers."""
    out: list[str] = []
    last = 0
    for match in _INLINE.finditer(text):
        out.append(escape(text[last : match.start()], quote=False))
        if match["href"]:
            out.append(f'<a href="{escape(match["href"])}">{escape(match["text"])}</a>')
        else:
            term = match["term"]
            out.append(
                f'<span class="glossary-term" tabindex="0">{escape(term)}'
                f'<span class="glossary-tooltip" role="tooltip"><strong>{escape(term)}</strong>'
                f"<br>{escape(glossary[term])}</span></span>"
            )
        last = match.end()
    out.append(escape(text[last:], quote=False))
    return "".join(out)


def plain(text: str) -> str:
    """A paragraph without inline markers, as a reader sees it (tooltips aside)."""
    return _INLINE.sub(lambda m: m["text"] or m["term"], text)


def _body_html(record: Record) -> str:
    parts: list[str] = []
    items: list[str] = []
    for paragraph in record["paragraphs"]:
        if paragraph.startswith("- "):
            items.append(f"<li>{_inline(paragraph[2:], record['glossary'])}</li>")
            continue
        if items:
            parts.append("<ul>" + "".join(items) + "</ul>")
            items = []
        parts.append(f"<p>{_inline(paragraph, record['glossary'])}</p>")
    if items:
        parts.append("<ul>" + "".join(items) + "</ul>")
    return "\n".join(parts)


def _menu_html(nodes: Any, level: int = 1) -> str:
    out = [f'<ul class="menu menu--level-{level}">']
    for node in nodes:
        if "heading" in node:
            tag = "h2" if level == 1 else "h3"
            out.append(
                f'<li class="menu-item menu-item--expanded"><{tag} class="menu-heading">'
                f"{escape(node['heading'])}</{tag}>{_menu_html(node['items'], level + 1)}</li>"
            )
        else:
            out.append(
                f'<li class="menu-item"><a href="{escape(node["href"])}">'
                f"{escape(node['text'])}</a></li>"
            )
    out.append("</ul>")
    return "".join(out)


def _head(record: Record, base_url: str) -> str:
    url = base_url + record["path"]
    lines = [
        '<meta charset="utf-8">',
        f"<title>{escape(plain(record['title']))} | OSCE</title>",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<link rel="canonical" href="{escape(url)}">',
        f'<meta property="og:title" content="{escape(record["title"])}">',
        '<meta property="og:type" content="article">',
        f'<meta property="og:url" content="{escape(url)}">',
        '<meta property="og:site_name" content="OSCE">',
    ]
    if record["paragraphs"]:
        lead = plain(record["paragraphs"][0])[:200]
        lines.append(f'<meta name="description" content="{escape(lead)}">')
    if record.get("time"):
        lines.append(f'<meta property="article:published_time" content="{record["time"]}">')
    if record.get("modified"):
        lines.append(f'<meta property="article:modified_time" content="{record["modified"]}">')
    if record["translations"]:
        links = {record["language"]: record["path"], **record["translations"]}
        for lang, path in sorted(links.items()):
            lines.append(
                f'<link rel="alternate" hreflang="{lang}" href="{escape(base_url + path)}">'
            )
        lines.append(f'<link rel="alternate" hreflang="x-default" href="{escape(url)}">')
    if record.get("jsonld") and record["generation"] == "current":
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": plain(record["title"]),
            "datePublished": record.get("time") or record["published"],
            "inLanguage": record["language"],
            "publisher": {"@type": "Organization", "name": "OSCE"},
        }
        if record.get("modified"):
            data["dateModified"] = record["modified"]
        lines.append(
            '<script type="application/ld+json">'
            + json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
            + "</script>"
        )
    lines.append('<link rel="stylesheet" href="/themes/osce/css/style.css">')
    lines.append('<script src="/themes/osce/js/site.js" defer></script>')
    return "\n".join(lines)


def _meta_rows(record: Record) -> list[tuple[str, str, list[str]]]:
    """(kind, label, values as HTML) in page order, for the current generation."""
    labels = LABELS[record["language"]]
    numeric = record.get("date_format") == "numeric"
    rows: list[tuple[str, str, list[str]]] = []
    if record.get("updated_label") and record.get("modified"):
        shown = display_date(record["modified"], record["language"], numeric)
        rows.append(
            (
                "updated",
                labels["updated"],
                [f'<time datetime="{record["modified"]}">{shown}</time>'],
            )
        )
    stamp = record.get("time") or record["published"]
    shown = (
        display_date(record["published"], record["language"], numeric)
        if record["show_date"]
        else ""
    )
    rows.append(("date", labels["date"], [f'<time datetime="{stamp}">{shown}</time>']))
    if record.get("place"):
        rows.append(("place", labels["place"], [escape(record["place"])]))
    if record["sources"]:
        rows.append(
            (
                "source",
                labels["source"],
                [f'<a href="#">{escape(s)}</a>' for s in record["sources"]],
            )
        )
    if record["fields_of_work"]:
        rows.append(
            (
                "fields",
                labels["fields"],
                [f'<a href="#">{escape(f)}</a>' for f in record["fields_of_work"]],
            )
        )
    return rows


def _meta_html(record: Record) -> str:
    rows = _meta_rows(record)
    style = record.get("label_style", "list")
    if style == "dl":
        out = ['<dl class="node__meta">']
        for kind, label, values in rows:
            out.append(f'<dt class="meta__label meta--{kind}">{escape(label)}</dt>')
            out.extend(f"<dd>{v}</dd>" for v in values)
        out.append("</dl>")
    elif style == "table":
        out = ['<table class="node__meta"><tbody>']
        for kind, label, values in rows:
            # this variant drops the colon: label-driven extraction must not need it
            out.append(
                f'<tr class="meta--{kind}"><th>{escape(label.rstrip(" :"))}</th>'
                f"<td>{', '.join(values)}</td></tr>"
            )
        out.append("</tbody></table>")
    else:
        out = ['<ul class="node__meta">']
        for kind, label, values in rows:
            if kind in ("date", "updated"):
                out.append(
                    f'<li class="meta meta--{kind}"><span class="meta__label">{escape(label)}</span> '
                    f"{values[0]}</li>"
                )
            else:
                inner = "".join(f"<li>{v}</li>" for v in values)
                out.append(
                    f'<li class="meta meta--{kind}"><span class="meta__label">{escape(label)}</span>'
                    f"<ul>{inner}</ul></li>"
                )
        out.append("</ul>")
    return "".join(out)


def _attachments_current(record: Record, base_url: str) -> str:
    if not record["attachments"]:
        return ""
    items = "".join(
        f'<li><a href="{escape(base_url + a["path"])}" type="application/pdf">{escape(a["title"])}</a>'
        f' <span class="file-meta">(PDF)</span></li>'
        for a in record["attachments"]
    )
    label = LABELS[record["language"]]["documents"]
    return f'<section class="node__attachments"><h2>{label}</h2><ul class="file-list">{items}</ul></section>'


def _language_switcher(record: Record) -> str:
    if not record["translations"]:
        return ""
    links = {record["language"]: record["path"], **record["translations"]}
    items = "".join(
        f'<li><a href="{escape(path)}" hreflang="{lang}" lang="{lang}">{LANGUAGE_NAMES[lang]}</a></li>'
        for lang, path in sorted(links.items())
    )
    return f'<nav class="language-switcher" aria-label="Languages"><ul>{items}</ul></nav>'


def _related_html(record: Record, related: list[Record]) -> str:
    if not related:
        return ""
    teasers = "".join(
        f'<div class="teaser"><a href="{escape(r["path"])}"><h3>{escape(plain(r["title"]))}</h3></a>'
        f"<p>{escape(plain(r['paragraphs'][0])[:160])}…</p></div>"
        for r in related
    )
    label = LABELS[record["language"]]["related"]
    return f'<section class="related-content"><h2>{label}</h2>{teasers}</section>'


FOOTER_CURRENT = (
    '<footer class="site-footer"><div class="footer-contact"><h2>Contact</h2>'
    "<p>OSCE Secretariat, Wallnerstrasse 6, 1010 Vienna, Austria</p>"
    '<p><a href="/contacts">Contacts</a> | <a href="/employment">Employment</a> | '
    '<a href="/privacy-policy">Privacy policy</a> | <a href="/terms-of-use">Terms of use</a></p></div>'
    '<ul class="social"><li><a href="https://www.facebook.com/osce.org">Facebook</a></li>'
    '<li><a href="https://x.com/osce">X</a></li>'
    '<li><a href="https://www.youtube.com/user/osce">YouTube</a></li></ul>'
    "<p>© 2025 Organization for Security and Co-operation in Europe. All rights reserved.</p>"
    "</footer>"
)

COOKIE_BANNER = (
    '<div class="cookie-banner" role="dialog" aria-label="Cookie consent">'
    "<p>We use cookies to give you the best experience on our website. By continuing to browse "
    'this site you agree to our use of cookies. <a href="/privacy-policy">More information</a></p>'
    "<button>Accept</button><button>Decline</button></div>"
)


def _share_html(record: Record, base_url: str) -> str:
    url = escape(base_url + record["path"])
    return (
        '<div class="share-links"><span>Share this:</span><ul>'
        f'<li><a href="https://x.com/intent/post?url={url}">X</a></li>'
        f'<li><a href="https://www.facebook.com/sharer/sharer.php?u={url}">Facebook</a></li>'
        f'<li><a href="https://www.linkedin.com/sharing/share-offsite/?url={url}">LinkedIn</a></li>'
        f'<li><a href="mailto:?subject={escape(plain(record["title"]))}&amp;body={url}">Email</a></li>'
        "</ul></div>"
    )


def render_current(record: Record, base_url: str = "", related: list[Record] | None = None) -> str:
    """A page of the current (2025) generation; the seed page shows its visible structure."""
    type_slug = re.sub(r"[^a-z]+", "-", record["content_type"].lower()).strip("-") or "page"
    chrome = record.get("chrome", True)
    top = bottom = ""
    if chrome:
        top = (
            '<a href="#main-content" class="skip-link">Skip to main content</a>'
            + _language_switcher(record)
            + '<nav class="breadcrumb" aria-label="Breadcrumb"><ol><li><a href="/">Home</a></li>'
            '<li><a href="/press-releases">Newsroom</a></li></ol></nav>'
        )
        bottom = _share_html(record, base_url) + _related_html(record, related or [])
    body = (
        f'<!DOCTYPE html>\n<html lang="{record["language"]}" dir="ltr">\n<head>\n'
        f"{_head(record, base_url)}\n</head>\n"
        f'<body class="path-node page-node-type-{type_slug}">\n'
        + (COOKIE_BANNER if chrome else "")
        + '<header class="site-header"><div class="site-branding"><a href="/" rel="home">'
        '<img src="/themes/osce/logo.svg" alt=""></a></div>'
        f'<nav class="mega-menu" aria-label="Main navigation">{_menu_html(load_menu())}</nav></header>\n'
        + top
        + f'<main id="main-content" role="main"><article class="node node--type-{type_slug} '
        f'node--view-mode-full" data-node-id="{record["node_id"]}">\n'
        f'<div class="node__type">{escape(record["content_type"])}</div>\n'
        f'<h1 class="node__title">{escape(record["title"])}</h1>\n'
        f"{_meta_html(record)}\n"
        f'<div class="node__body text-formatted">\n{_body_html(record)}\n</div>\n'
        f"{_attachments_current(record, base_url)}"
        "</article></main>\n" + bottom + (FOOTER_CURRENT if chrome else "") + "\n</body>\n</html>\n"
    )
    return body


def _panels_fields(record: Record) -> str:
    labels = LABELS[record["language"]]
    out = []
    for kind, values in (
        ("source", record["sources"]),
        ("fields-of-work", record["fields_of_work"]),
    ):
        if not values:
            continue
        label = labels["source"] if kind == "source" else labels["fields"]
        items = "".join(
            f'<div class="field-item"><a href="#">{escape(v)}</a></div>' for v in values
        )
        out.append(
            f'<div class="field field-field-{kind}"><div class="field-label">{escape(label)}&nbsp;</div>'
            f'<div class="field-items">{items}</div></div>'
        )
    return "".join(out)


def render_panels(record: Record, base_url: str = "", related: list[Record] | None = None) -> str:
    """A page of the older Drupal panels generation (class names as public scrapers knew them)."""
    lang = record["language"]
    pane = '<div class="panel-pane {cls}">{title}<div class="pane-content">{content}</div></div>'
    panes = [
        pane.format(
            cls="pane-node-title",
            title="",
            content=f'<div class="content--header"><h1>{escape(record["title"])}</h1></div>',
        ),
    ]
    shown = display_date(record["published"], lang)
    header = re.match(
        r"^(?P<place>.*?),?\s+(?P<date>\d{1,2} \w+ \d{4})$", record.get("header_line") or ""
    )
    if header:
        # the older pages printed place and date together: "WASHINGTON, D.C. 28 June 2006"
        content = (
            f'<span class="location">{escape(header["place"])}</span> '
            f'<span class="date-display-single">{escape(header["date"])}</span>'
        )
    else:
        content = f'<span class="date-display-single">{shown}</span>'
    panes.append(pane.format(cls="pane-node-created", title="", content=content))
    panes.append(
        pane.format(
            cls="pane-node-type",
            title="",
            content=f'<span class="node-type">{escape(record["content_type"])}</span>',
        )
    )
    caption = ""
    if record.get("caption"):
        caption = (
            '<div class="image-wrapper"><img src="/files/imagecache/10_large_gallery/f/images/hires/'
            f'{record["node_id"]}.jpg" alt=""><div class="image-caption">{escape(record["caption"])} '
            '<a href="#" class="photo-details">Photo details</a></div></div>'
        )
    if record["content_type"] == "Document":
        body = (
            f'<div class="field field-field-description"><div class="field-item">'
            f"{_body_html(record)}</div></div>"
        )
    else:
        body = caption + _body_html(record)
    panes.append(
        pane.format(
            cls="pane-node-body",
            title="",
            content=f'<div class="node-content"><div class="pane-content">{body}</div></div>',
        )
    )
    if record["attachments"]:
        links = "".join(
            f'<li><a href="{escape(base_url + a["path"])}">{escape(a["title"])}</a></li>'
            for a in record["attachments"]
        )
        panes.append(
            pane.format(
                cls="pane-node-downloads",
                title='<h2 class="pane-title">Download</h2>',
                content=f'<ul class="osce-download-links">{links}</ul>',
            )
        )
    meta = _panels_fields(record)
    if meta:
        panes.append(
            pane.format(
                cls="pane-node-related", title='<h2 class="pane-title">Related</h2>', content=meta
            )
        )
    if related:
        teasers = "".join(
            f'<div class="osce-figure-content"><a href="{escape(r["path"])}">{escape(plain(r["title"]))}</a></div>'
            for r in related
        )
        panes.append(
            pane.format(
                cls="pane-related-news",
                title='<h2 class="pane-title">See also</h2>',
                content=teasers,
            )
        )
    top_menu = "".join(f'<li><a href="#">{escape(n["heading"])}</a></li>' for n in load_menu())
    breadcrumb = record.get("breadcrumb") or "Newsroom"
    return (
        f'<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml" lang="{lang}" xml:lang="{lang}">\n'
        f"<head>\n{_head(record, base_url)}\n</head>\n"
        '<body class="not-front page-node node-type-news">\n'
        f'<div id="header"><div id="logo"><a href="/">OSCE</a></div><ul id="main-menu" class="menu">{top_menu}</ul>'
        '<form action="/search" class="search-form"><input name="search_api_views_fulltext" '
        'placeholder="Search"><input type="submit" value="Search"></form></div>\n'
        f'<div class="breadcrumb"><a href="/">Home</a> › <a href="/newsroom">{escape(breadcrumb)}</a></div>\n'
        f'<div id="content"><div class="panel-display panel-2col">{"".join(panes)}</div></div>\n'
        '<div id="footer"><p>Organization for Security and Co-operation in Europe</p>'
        '<ul><li><a href="/contacts">Contacts</a></li><li><a href="/sitemap">Site map</a></li></ul></div>\n'
        "</body>\n</html>\n"
    )


def render_article(record: Record, base_url: str = "", related: list[Record] | None = None) -> str:
    render = render_panels if record["generation"] == "panels" else render_current
    return render(record, base_url, related)


def render_redesign(record: Record, base_url: str = "", related: list[Record] | None = None) -> str:
    """A markup nobody has seen: no known class names, no <article> or <main>.

    Models a future redesign: only labels, meta data, the dateline and the text itself
    remain to find the article by.
    """
    labels = LABELS[record["language"]]
    meta_lines = []
    if record.get("place"):
        meta_lines.append(f"<p><b>{escape(labels['place'])}</b> {escape(record['place'])}</p>")
    if record["sources"]:
        meta_lines.append(
            f"<p><b>{escape(labels['source'])}</b> {escape('; '.join(record['sources']))}</p>"
        )
    if record["fields_of_work"]:
        links = " ".join(f'<a href="#">{escape(f)}</a>' for f in record["fields_of_work"])
        meta_lines.append(f'<div class="m3"><span>{escape(labels["fields"])}</span> {links}</div>')
    files = "".join(
        f'<div class="p2"><a href="{escape(base_url + a["path"])}">{escape(a["title"])}</a></div>'
        for a in record["attachments"]
    )
    teasers = "".join(
        f'<div class="x9"><a href="{escape(r["path"])}">{escape(plain(r["title"]))}</a></div>'
        for r in related or []
    )
    menu = "".join(
        f'<div class="k2"><a href="/{i}">{escape(n["heading"])}</a></div>'
        for i, n in enumerate(load_menu())
    )
    paragraphs = "".join(
        f'<div class="t7">{_inline(p, record["glossary"])}</div>' for p in record["paragraphs"]
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{record["language"]}">\n<head>\n{_head(record, base_url)}\n</head>\n'
        f'<body><div class="a1"><div class="b3">{menu}</div></div>'
        f'<div class="c4"><div class="d5"><div class="e6">{escape(record["content_type"])}</div>'
        f'<h1 class="f1">{escape(record["title"])}</h1>{"".join(meta_lines)}'
        f'<div class="g8">{paragraphs}</div>{files}</div>'
        f'<div class="h0">{teasers}</div></div>'
        '<div class="z1"><p>© Organization for Security and Co-operation in Europe</p></div>'
        "</body>\n</html>\n"
    )


def _plain_page(title: str, body: str, language: str = "en") -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="{language}" dir="ltr">\n<head><meta charset="utf-8">'
        f"<title>{escape(title)} | OSCE</title></head>\n<body>"
        '<header class="site-header"><nav class="mega-menu" aria-label="Main navigation">'
        f"{_menu_html(load_menu())}</nav></header>\n"
        f'<main id="main-content" role="main">{body}</main>\n{FOOTER_CURRENT}\n</body>\n</html>\n'
    )


def render_listing(
    title: str, records: list[Record], page: int, pages: int, path: str, language: str = "en"
) -> str:
    """A listing such as /press-releases: teasers, then a pager (?page=N, 0-based)."""
    teasers = "".join(
        f'<div class="teaser teaser--{r["generation"]}"><div class="teaser__type">{escape(r["content_type"])}</div>'
        f'<h3><a href="{escape(r["path"])}">{escape(plain(r["title"]))}</a></h3>'
        f'<time datetime="{r.get("time") or r["published"]}">{display_date(r["published"], r["language"])}</time>'
        f"<p>{escape(plain(r['paragraphs'][0])[:200])}</p></div>"
        for r in records
    )
    pager = []
    if page > 0:
        pager.append(
            f'<li class="pager__item pager__item--previous"><a href="{path}?page={page - 1}">‹ Previous</a></li>'
        )
    for number in range(pages):
        current = ' class="pager__item is-active"' if number == page else ' class="pager__item"'
        pager.append(f'<li{current}><a href="{path}?page={number}">{number + 1}</a></li>')
    if page + 1 < pages:
        pager.append(
            f'<li class="pager__item pager__item--next"><a href="{path}?page={page + 1}">Next ›</a></li>'
        )
    body = (
        f'<h1 class="page-title">{escape(title)}</h1><div class="view-content">{teasers}</div>'
        f'<nav class="pager" aria-label="Pagination"><ul class="pager__items">{"".join(pager)}</ul></nav>'
    )
    return _plain_page(title, body, language)


def render_search(query: str, records: list[Record]) -> str:
    """The site search (older generation markup for results, as public scrapers saw it)."""
    results = "".join(
        f'<div class="search-result-news"><span class="publishing-date">{display_date(r["published"], "en")}</span>'
        f'<h3 class="search-title"><a href="{escape(r["path"])}">{escape(plain(r["title"]))}</a></h3>'
        f'<p class="search-snippet">{escape(plain(r["paragraphs"][0])[:240])}</p></div>'
        for r in records
    )
    return _plain_page("Search", f"<h1>Search results for “{escape(query)}”</h1>{results}")


def render_not_found() -> str:
    """The site's 'page not found' page; some servers send it with status 200."""
    return _plain_page(
        "Page not found",
        '<h1 class="page-title">Page not found</h1><p>The requested page could not be found. '
        'It may have been moved or deleted. Try the <a href="/search">search</a> or go to the '
        '<a href="/">home page</a>.</p>',
    )


def render_cookie_wall() -> str:
    """A consent page served instead of the article until cookies are accepted."""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Cookie consent | OSCE</title>'
        '</head><body><div class="consent-wall"><h1>Before you continue</h1>'
        "<p>We use cookies and similar technologies to recognise your repeat visits and "
        "preferences, to measure the effectiveness of campaigns and to analyse traffic.</p>"
        "<p>By clicking “Accept all cookies” you consent to the use of cookies. You can change "
        "your cookie settings at any time.</p>"
        "<form><button>Accept all cookies</button><button>Reject cookies</button></form>"
        "</div></body></html>\n"
    )
