"""Each extraction layer on its own: labels in many forms, semantics, meta data, redesigns."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from osce_crawler.extract import extract_article
from osce_crawler.mirror.pages import (
    load_records,
    plain,
    render_cookie_wall,
    render_listing,
    render_not_found,
    render_redesign,
    render_search,
)

from .conftest import BASE_URL

BODY = (
    "<p>VIENNA, 3 May 2023 – The OSCE today opened a conference on media freedom, bringing "
    "together journalists, officials and experts from across the region to discuss safety.</p>"
    "<p>Participants discussed the protection of journalists online and offline and the role of "
    "public service media in times of crisis and war.</p>"
)


def page(meta_block: str, lang: str = "en", head: str = "", body: str = BODY) -> str:
    return (
        f'<html lang="{lang}"><head><title>Conference on media freedom | OSCE</title>{head}</head>'
        f"<body><nav><ul><li>Fields of work<ul><li>Arms control</li><li>Youth</li></ul></li></ul></nav>"
        f"<article><h1>Conference on media freedom</h1>{meta_block}<div>{body}</div></article>"
        "</body></html>"
    )


@pytest.mark.parametrize(
    ("meta_block", "lang"),
    [
        # definition list, with colons
        (
            "<dl><dt>Place:</dt><dd>Vienna</dd><dt>Source:</dt><dd>OSCE Secretariat</dd>"
            "<dd>ODIHR</dd><dt>Fields of work:</dt><dd>Media freedom</dd><dd>Youth</dd></dl>",
            "en",
        ),
        # table without colons
        (
            "<table><tr><th>Place</th><td>Vienna</td></tr><tr><th>Source</th><td><a>OSCE Secretariat</a>,"
            " <a>ODIHR</a></td></tr><tr><th>Fields of work</th><td><a>Media freedom</a> <a>Youth</a></td>"
            "</tr></table>",
            "en",
        ),
        # inline label and value in one paragraph, values separated by semicolons
        (
            "<p>Place: Vienna</p><p><strong>Source:</strong> OSCE Secretariat; ODIHR</p>"
            "<p>Fields of work: Media freedom; Youth</p>",
            "en",
        ),
        # Italian and Spanish labels, label/value divs
        (
            '<div class="x"><span>Luogo:</span><span>Vienna</span></div><div><span>Fonte:</span><ul>'
            "<li>OSCE Secretariat</li><li>ODIHR</li></ul></div><div><span>Settori di attività:</span>"
            "<ul><li>Media freedom</li><li>Youth</li></ul></div>",
            "it",
        ),
        (
            "<ul><li>Lugar: <ul><li>Vienna</li></ul></li><li>Fuentes: <ul><li>OSCE Secretariat</li>"
            "<li>ODIHR</li></ul></li><li>Ámbitos de trabajo: <ul><li>Media freedom</li><li>Youth</li>"
            "</ul></li></ul>",
            "es",
        ),
        (
            "<dl><dt>Место:</dt><dd>Vienna</dd><dt>Источник:</dt><dd>OSCE Secretariat</dd><dd>ODIHR</dd>"
            "<dt>Направления деятельности:</dt><dd>Media freedom</dd><dd>Youth</dd></dl>",
            "ru",
        ),
        (
            "<p><b>Ort:</b> Vienna</p><p><b>Quelle:</b> OSCE Secretariat; ODIHR</p>"
            "<p><b>Arbeitsbereiche:</b> Media freedom; Youth</p>",
            "de",
        ),
        (
            "<p><b>Lieu :</b> Vienna</p><p><b>Source :</b> OSCE Secretariat; ODIHR</p>"
            "<p><b>Domaines d’activité :</b> Media freedom; Youth</p>",
            "fr",
        ),
    ],
)
def test_labels_are_read_wherever_they_sit(meta_block, lang):
    article = extract_article(page(meta_block, lang), "https://www.osce.org/fom/540001")
    assert article.place == "Vienna"
    assert article.sources == ["OSCE Secretariat", "ODIHR"]
    assert article.fields_of_work == ["Media freedom", "Youth"]  # never the menu's fields
    assert article.provenance["place"] == article.provenance["sources"] == "labels"
    assert article.paragraphs[0].startswith("VIENNA, 3 May 2023 –")
    assert not any(p == "Vienna" or p.startswith(("Place", "Source")) for p in article.paragraphs)


def test_a_menu_heading_is_not_a_label():
    article = extract_article(page(""), "https://www.osce.org/fom/540001")
    assert article.fields_of_work == []
    assert article.place == "Vienna" and article.provenance["place"] == "dateline"


def test_published_order_datetime_then_dateline_then_meta_with_warnings():
    """What the page shows comes before what its <head> says (which may disagree)."""
    head = (
        '<meta property="article:published_time" content="2023-05-02T08:00:00Z">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2023-05-01",'
        ' "dateModified": "2024-01-09"}</script>'
    )
    with_time = page('<p>Date: <time datetime="2023-05-03T09:30:00Z"></time></p>', head=head)
    article = extract_article(with_time, "https://www.osce.org/fom/540001")
    assert article.published == "2023-05-03T09:30:00+00:00"
    assert article.provenance["published"] == "time-datetime"
    assert any(
        "disagrees" in w and "json-ld" in w and "meta" in w for w in article.extraction_warnings
    )
    assert article.modified == "2024-01-09" and article.provenance["modified"] == "json-ld"

    dateline_and_meta = extract_article(page("", head=head), "https://www.osce.org/fom/540001")
    assert dateline_and_meta.published == "2023-05-03"
    assert dateline_and_meta.provenance["published"] == "dateline"
    assert any("disagrees with json-ld, meta" in w for w in dateline_and_meta.extraction_warnings)

    undated_text = BODY.replace("VIENNA, 3 May 2023 – ", "")
    assert undated_text != BODY
    meta_only = extract_article(page("", head=head, body=undated_text), "https://www.osce.org/x/1")
    assert meta_only.published == "2023-05-02T08:00:00+00:00"
    assert meta_only.provenance["published"] == "meta"

    dateline_only = extract_article(page(""), "https://www.osce.org/fom/540001")
    assert dateline_only.published == "2023-05-03"
    assert dateline_only.provenance["published"] == "dateline"


def test_an_update_date_shown_first_is_not_the_publication_date():
    block = (
        '<ul><li>Last updated: <time datetime="2024-02-01">1 February 2024</time></li>'
        "<li>Date: 3 May 2023</li></ul>"
    )
    article = extract_article(page(block), "https://www.osce.org/fom/540001")
    assert article.published == "2023-05-03"
    assert article.modified == "2024-02-01"


def test_localised_shown_dates_are_read_in_the_page_language():
    for lang, shown in [
        ("ru", "3 мая 2023 г."),
        ("de", "03.05.2023"),
        ("fr", "3 mai 2023"),
        ("it", "3 maggio 2023"),
        ("es", "3 de mayo de 2023"),
    ]:
        label = {"ru": "Дата:", "de": "Datum:", "fr": "Date :", "it": "Data:", "es": "Fecha:"}[lang]
        article = extract_article(
            page(f"<p>{label} {shown}</p>", lang), "https://www.osce.org/x/540001"
        )
        assert article.published == "2023-05-03", lang


def test_semantic_and_embedded_layers_without_any_known_markup():
    html = (
        '<html><head><meta property="og:title" content="Conference on media freedom">'
        '<link rel="canonical" href="/fom/540001?utm_source=x">'
        '<link rel="alternate" hreflang="ru" href="/ru/fom/540001">'
        '<meta property="og:locale" content="en_GB"></head><body>'
        f"<main>{BODY}<a href='/files/f/documents/5/4/540001.pdf'>Report</a></main></body></html>"
    )
    article = extract_article(html, "https://www.osce.org/fom/540001?utm_source=x")
    assert article.title == "Conference on media freedom" and article.provenance["title"] == "og"
    assert article.language == "en" and article.provenance["language"] == "og"
    assert article.translations[0].url == "https://www.osce.org/ru/fom/540001"
    assert article.attachments[0].url == "https://www.osce.org/files/f/documents/5/4/540001.pdf"
    assert article.attachments[0].media_type == "application/pdf"
    assert article.node_id == "540001"
    assert article.body.startswith("VIENNA, 3 May 2023")


@pytest.mark.parametrize("record", load_records(), ids=lambda r: r["key"])
def test_an_unseen_redesign_still_yields_the_article(record):
    """Layers 2-5 alone: no known class names, no <article> or <main>."""
    others = [r for r in load_records() if r["node_id"] != record["node_id"]][:3]
    article = extract_article(render_redesign(record, BASE_URL, others), BASE_URL + record["path"])
    assert article.is_article
    assert article.title == plain(record["title"])
    assert article.content_type == record["content_type"]
    assert article.paragraphs == [plain(p) for p in record["paragraphs"]]
    assert article.sources == record["sources"]
    assert [a.title for a in article.attachments] == [a["title"] for a in record["attachments"]]
    if record.get("time"):  # in the page's meta data
        assert article.published[:10] == record["published"]
    for other in others:
        assert plain(other["title"]) not in article.body


def test_pages_that_are_not_articles_are_recognised():
    records = list(load_records())
    cases = {
        "listing": (
            render_listing("Press releases", records[:10], 1, 4, "/press-releases"),
            "/press-releases?page=1",
        ),
        "search": (render_search("border", records[:6]), "/search?q=border"),
        "error": (render_not_found(), "/cio/999999"),
        "cookie_wall": (render_cookie_wall(), "/cio/126475"),
    }
    for kind, (html, path) in cases.items():
        article = extract_article(html, BASE_URL + path)
        assert article.page_kind == kind, kind
        assert not article.is_article
        assert any("not an article" in w for w in article.extraction_warnings)


def test_a_failing_layer_becomes_a_warning_and_a_count_in_the_manifest():
    """No silent failure inside a layer: the item says so and the run counts it."""
    from scrapy.utils.test import get_crawler

    from osce_crawler.drift import count_item, layer_failures
    from osce_crawler.extract import _guarded
    from osce_crawler.item import Article

    article = Article(url="https://www.osce.org/fom/540001")
    quotes = _guarded(article, "quotes", lambda: [][1], ([], []))
    assert quotes == ([], [])
    assert article.extraction_warnings == [
        "layer failed: quotes (IndexError: list index out of range)"
    ]
    crawler = get_crawler()
    stats = crawler.stats
    stats.open_spider()
    count_item(stats, article.to_dict())
    assert layer_failures(stats.get_stats()) == {"quotes": 1}


def test_an_item_line_written_before_speaker_kind_still_validates():
    from osce_crawler.schema import line_errors

    item = extract_article(page("", body=BODY), "https://www.osce.org/fom/540001").to_dict()
    item.update(
        content_hash="0" * 64, version=1, previous_hash=None, first_seen="2024-01-01T00:00:00Z"
    )
    item.update(
        last_seen="2024-01-01T00:00:00Z", removed_at=None, warc=None, run_id="20240101T000000Z"
    )
    item["quotes"] = [
        {
            "text": "We act.",
            "speaker": "Ann Lee",
            "speaker_role": None,
            "paragraph": 0,
            "partial": False,
        }
    ]
    assert line_errors(item) == []
    item["quotes"][0]["speaker_kind"] = "a country"
    assert line_errors(item) != []


def test_the_listing_that_linked_a_page_is_evidence_of_its_type():
    url = "https://www.osce.org/fom/540001"
    listed = extract_article(page(""), url, listed_as="press-release")
    assert listed.content_type == "Press release"
    assert listed.provenance["content_type"] == "listing"
    russian = extract_article(page("", lang="ru"), url, listed_as="press-release")
    assert russian.content_type == "Пресс-релиз"

    shown = page("").replace("<h1>", "<div>Statement</div><h1>")
    labelled = extract_article(shown, url, listed_as="press-release")
    assert labelled.content_type == "Statement"
    assert labelled.provenance["content_type"] == "semantic"
    assert (
        "content type statement (semantic) disagrees with listing" in labelled.extraction_warnings
    )

    unlisted = extract_article(page(""), url)
    assert unlisted.content_type is None
    assert any(w.startswith("no content type found") for w in unlisted.extraction_warnings)


def test_a_breadcrumb_names_the_type_in_the_pages_language():
    trail = (
        '<nav aria-label="Breadcrumb"><ol><li><a href="/de">Startseite</a></li>'
        '<li><a href="/de/pressemitteilungen">Pressemitteilungen</a></li></ol></nav>'
    )
    html = page("", lang="de").replace("<article>", trail + "<article>")
    article = extract_article(html, "https://www.osce.org/de/fom/540001")
    assert article.content_type == "Pressemitteilung"
    assert article.provenance["content_type"] == "breadcrumb"


def test_the_articles_own_footer_holds_metadata_the_page_footer_does_not():
    own = page("").replace(
        "</article>", "<footer><p>Topics: Human rights; Youth</p></footer></article>"
    )
    article = extract_article(own, "https://www.osce.org/fom/540001")
    assert article.fields_of_work == ["Human rights", "Youth"]
    site = page("").replace("</body>", "<footer><p>Topics: Human rights; Youth</p></footer></body>")
    assert extract_article(site, "https://www.osce.org/fom/540001").fields_of_work == []


@pytest.mark.parametrize(
    ("opening", "lang", "place", "date"),
    [
        ("TACHKENT, 1er juin 2008 — ", "fr", "Tachkent", "2008-06-01"),
        ("VIENNA, 1st June 2008 – ", "en", "Vienna", "2008-06-01"),
        ("ВЕНА, 2 июня 2008 г. – ", "ru", "Вена", "2008-06-02"),
    ],
)
def test_datelines_with_ordinal_days(opening, lang, place, date):
    """French and English write the first of the month as an ordinal ("1er", "1st")."""
    body = BODY.replace("VIENNA, 3 May 2023 – ", opening)
    article = extract_article(page("", lang=lang, body=body), "https://www.osce.org/x/540002")
    assert article.dateline is not None and article.dateline.date == date
    assert article.place == place and article.provenance["place"] == "dateline"
    assert article.paragraphs[0].startswith(opening.strip())  # the body keeps its dateline


@pytest.mark.parametrize(
    ("row", "lang", "expected"),
    [
        ("<tr><th>Art:</th><td>Nachricht</td></tr>", "de", "Nachricht"),
        ("<tr><th>Рубрика</th><td>Пресс-релиз</td></tr>", "ru", "Пресс-релиз"),
        ("<tr><th>Rubrique :</th><td>Communiqué de presse</td></tr>", "fr", "Communiqué de presse"),
    ],
)
def test_a_type_row_in_the_pages_language(row, lang, expected):
    """German "Art", Russian "Рубрика" and French "Rubrique" name the content type."""
    html = page(f"<table><tr><th>Date:</th><td>3 May 2023</td></tr>{row}</table>", lang=lang)
    article = extract_article(html, "https://www.osce.org/fom/540001")
    assert article.content_type == expected
    assert not any("not understood" in w for w in article.extraction_warnings)


def test_an_abbreviation_spelled_out_is_no_label():
    """ "HCNM: High Commissioner on National Minorities" (a glossary line in the text) is not
    an unknown label whose value names a publishing unit."""
    body = BODY.replace(
        "media freedom, bringing",
        'media freedom (<abbr>HCNM<span class="visually-hidden">HCNM: High Commissioner on '
        "National Minorities</span></abbr>), bringing",
    )
    meta = "<dl><dt>Date:</dt><dd>3 May 2023</dd><dt>Place:</dt><dd>Vienna</dd></dl>"
    article = extract_article(page(meta, body=body), "https://www.osce.org/fom/540001")
    assert article.sources == []
    assert not any("read as source" in w for w in article.extraction_warnings)
    assert article.published == "2023-05-03"


def test_the_label_words_are_data_with_every_site_language_and_no_ambiguity():
    path = resources.files("osce_crawler.extract").joinpath("data", "metadata_labels.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert "osce.org" in data["_source"]
    kind_of: dict[str, str] = {}
    for kind, by_language in data["labels"].items():
        assert {"en", "ru", "de", "fr"} <= set(by_language), kind
        for labels in by_language.values():
            for label in labels:
                # one label, one kind of row: "Date" cannot also be a source
                assert kind_of.setdefault(label.casefold(), kind) == kind, label
    # the extractor reads its rows by these words: a German row under the file's words
    block = "<dl><dt>Veranstaltungsort</dt><dd>Wien</dd><dt>Datum</dt><dd>3. Mai 2023</dd></dl>"
    article = extract_article(page(block, lang="de"), BASE_URL + "/de/press-releases/1")
    assert article.place == "Wien" and article.provenance["place"] == "labels"
