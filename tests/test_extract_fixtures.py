"""Every field of every fixture page against expectations written by hand from the sources."""

from __future__ import annotations

import pytest

from osce_crawler.extract import extract_article
from osce_crawler.item import ITEM_KEYS

from .conftest import BASE_URL
from .textrender import render_text

SEED_GLOSSARY_LINE = "Confidence- and security-building measures"


def expected_paragraphs(expect: dict, osce_texts: dict, seed_lines: list[str]) -> list[str] | None:
    """The article's paragraphs as the source text gives them."""
    if expect["source"] is None:
        return None
    if expect["source"] == "seed":
        lines = [line for line in seed_lines if line]
        # the seed captures the glossary tooltip inline: "CSBMsCSBMs" / "<definition> have ..."
        joined = []
        for line in lines:
            if joined and joined[-1].endswith("CSBMsCSBMs") and line.startswith(SEED_GLOSSARY_LINE):
                joined[-1] = joined[-1][: -len("CSBMs")] + line[len(SEED_GLOSSARY_LINE) :]
            else:
                joined.append(line)
        lines = joined[joined.index("Press release") :]
    else:
        lines = osce_texts[expect["source"]]
    start, end = expect["body_lines"]
    paragraphs = lines[start:end]
    if "last_paragraph" in expect:
        paragraphs[-1] = expect["last_paragraph"]
    return paragraphs


@pytest.fixture(scope="module")
def extracted(mirror_pages, expectations):
    return {
        key: extract_article(mirror_pages[key].encode("utf-8"), expect["url"])
        for key, expect in expectations.items()
    }


def test_every_fixture_has_expectations(records, expectations):
    assert set(records) == set(expectations)


def test_fixture_coverage_of_generations_languages_and_types(records):
    generations = {(r["generation"], r["language"]) for r in records.values()}
    assert {("current", "en"), ("panels", "en")} <= generations
    assert sum(1 for r in records.values() if r["language"] in ("ru", "de", "fr")) >= 4
    types = {r["content_type"] for r in records.values() if r["language"] == "en"}
    assert {
        "Press release",
        "News item",
        "Statement",
        "Speech",
        "Feature story",
        "Document",
    } <= types
    assert len(records) >= 21


def test_seed_page_is_reproduced_line_for_line(mirror_pages, records, seed_lines):
    from osce_crawler.mirror.pages import render_article

    page = render_article(records["seed"], BASE_URL)
    assert render_text(page) == seed_lines


@pytest.mark.parametrize(
    "field",
    [
        "node_id",
        "language",
        "content_type",
        "published",
        "modified",
        "place",
        "sources",
        "fields_of_work",
    ],
)
def test_metadata_fields(extracted, expectations, field):
    wrong = {
        key: (getattr(extracted[key], field), expect[field])
        for key, expect in expectations.items()
        if getattr(extracted[key], field) != expect[field]
    }
    assert wrong == {}


def test_titles(extracted, expectations, osce_texts, seed_lines):
    for key, expect in expectations.items():
        if "title" in expect:
            title = expect["title"]
        elif expect["source"] == "seed":
            title = seed_lines[seed_lines.index("Press release") + 1]
        else:
            title = osce_texts[expect["source"]][expect["title_line"]]
        assert extracted[key].title == title, key


def test_datelines_and_leads(extracted, expectations):
    for key, expect in expectations.items():
        article = extracted[key]
        got = article.dateline and {
            "text": article.dateline.text,
            "place": article.dateline.place,
            "date": article.dateline.date,
        }
        assert got == expect["dateline"], key
        assert article.lead and article.lead.startswith(expect["lead_starts"]), key


def test_bodies_equal_the_source_texts(extracted, expectations, osce_texts, seed_lines):
    for key, expect in expectations.items():
        article = extracted[key]
        paragraphs = expected_paragraphs(expect, osce_texts, seed_lines)
        if paragraphs is None:
            assert len(article.paragraphs) == expect["paragraph_count"], key
        else:
            assert article.paragraphs == paragraphs, key
        assert article.body == "\n\n".join(article.paragraphs)
        for snippet in expect.get("not_in_body", []):
            assert snippet not in article.body, (key, snippet)


def test_chrome_never_reaches_the_body(extracted, records):
    chrome = [
        "Share this",
        "Related content",
        "Skip to main content",
        "We use cookies",
        "Wallnerstrasse",
        "All rights reserved",
        "Participating States",
        "Fields of work",
        "Newsroom",
        "Home",
        "See also",
        "Documents",
        "Download",
        "Photo details",
    ]
    for key, article in extracted.items():
        for snippet in chrome:
            assert snippet not in article.body, (key, snippet)
        # related-content teasers quote other articles' titles: none may leak in
        for other in records.values():
            if other["node_id"] != records[key]["node_id"]:
                assert other["title"] not in article.body, (key, other["key"])


def test_no_paragraph_is_duplicated(extracted):
    for key, article in extracted.items():
        assert len(article.paragraphs) == len(set(article.paragraphs)), key


def test_glossary_attachments_translations(extracted, expectations):
    for key, expect in expectations.items():
        article = extracted[key]
        glossary = [{"term": g.term, "definition": g.definition} for g in article.glossary]
        assert glossary == expect["glossary"], key
        attachments = [[a.title, a.url.removeprefix(BASE_URL)] for a in article.attachments]
        assert attachments == expect["attachments"], key
        assert all(a.media_type == "application/pdf" for a in article.attachments), key
        assert [t.language for t in article.translations] == expect["translations"], key
        assert all(t.url.startswith(BASE_URL + "/") for t in article.translations), key


def test_glossary_term_stays_in_its_sentence(extracted):
    body = extracted["seed"].body
    assert "how OSCE CSBMs have helped further transparency" in body
    assert "CSBMsCSBMs" not in body and "Confidence- and security-building measures" not in body


def test_items_serialise_with_exactly_the_schema_keys(extracted):
    for article in extracted.values():
        data = article.to_dict()
        assert tuple(data) == ITEM_KEYS
        assert article.is_article
        assert data["extractor_version"]


def test_provenance_names_the_layer_of_each_key_field(extracted, expectations):
    for key, expect in expectations.items():
        provenance = extracted[key].provenance
        for field in ("title", "body", "published", "language", "canonical_url", "node_id"):
            assert provenance.get(field), (key, field)
        expected_body_layer = "profile:" + expect["generation"]
        assert provenance["body"] == expected_body_layer, key


def test_update_date_is_never_taken_for_the_publication_date(extracted):
    # minsk-76283 shows "Last updated: 4 February 2013" above "Date:"
    article = extracted["minsk-76283"]
    assert article.published.startswith("2011-05-17")
    assert article.modified == "2013-02-04"


def test_disagreeing_dates_are_warned_about(extracted, expectations):
    for key, expect in expectations.items():
        warnings = " ".join(extracted[key].extraction_warnings)
        if "warning_contains" in expect:
            assert expect["warning_contains"] in warnings, key
