"""Hostile and broken pages: nothing escapes extract_article, and each says what went wrong."""

from __future__ import annotations

import pytest

from osce_crawler.extract import extract_article
from osce_crawler.mirror.pages import load_records, render_article

URL = "https://www.osce.org/secretariat/489944"
RUSSIAN_PAGE = (
    '<html><head><meta charset="{charset}"><title>ОБСЕ</title></head><body><article>'
    "<h1>Совещание ОБСЕ в Вене</h1><p>ВЕНА, 16 июня 2021 г. – Участники совещания обсудили меры "
    "укрепления доверия и безопасности, а также вызовы, связанные с новыми технологиями.</p>"
    "<p>Генеральный секретарь подчеркнула важность диалога на всех уровнях контроля над "
    "вооружениями и призвала государства к сотрудничеству.</p></article></body></html>"
)


def seed_page() -> str:
    return render_article(next(r for r in load_records() if r["key"] == "seed"))


def hostile_pages() -> dict[str, bytes | str]:
    seed = seed_page()
    nested = (
        "<div>" * 2000 + "<p>" + "Deep text inside the nesting. " * 10 + "</p>" + "</div>" * 2000
    )
    return {
        "empty bytes": b"",
        "white space": "   \n\t ",
        "5 MB page": seed.replace(
            "</div>\n</article>",
            "<p>" + "Lorem ipsum dolor sit amet. " * 190_000 + "</p></div>\n</article>",
        ),
        "nesting 2,000 deep": f"<html><body><h1>Deep</h1>{nested}</body></html>",
        "cp1251 declared as UTF-8": RUSSIAN_PAGE.format(charset="utf-8").encode("cp1251"),
        "UTF-8 declared as cp1251": RUSSIAN_PAGE.format(charset="windows-1251").encode("utf-8"),
        "broken and unclosed tags": seed[: len(seed) // 2]
        .replace("</p>", "")
        .replace("<li", "<li <b")
        + "<div <p>>>unclosed <table><tr><td>cell",
        "only navigation": "<html><body><nav><ul>"
        + "<li><a href='/x'>Menu entry</a></li>" * 200
        + "</ul></nav></body></html>",
        "binary noise": bytes(range(256)) * 40,
        "not html": b"just some text, no markup at all",
        "script only": "<html><head><script>var a = '<p>not text</p>';</script></head><body></body></html>",
        "comment bomb": "<!--" * 10_000 + "<p>x</p>",
        "attribute soup": "<div " + "a=1 " * 50_000 + "><p>text</p></div>",
    }


@pytest.mark.parametrize("name", list(hostile_pages()))
def test_no_exception_escapes_and_each_page_warns(name):
    page = hostile_pages()[name]
    article = extract_article(page, URL)
    assert article.extraction_warnings, name
    assert set(article.to_dict()) >= {"url", "body", "extraction_warnings"}


@pytest.mark.parametrize("charset", ["utf-8", "windows-1251"])
def test_a_lying_charset_is_noticed_and_the_text_is_read_right(charset):
    encoding = "cp1251" if charset == "utf-8" else "utf-8"
    article = extract_article(RUSSIAN_PAGE.format(charset=charset).encode(encoding), URL)
    assert article.title == "Совещание ОБСЕ в Вене"
    assert article.dateline.place == "ВЕНА" and article.dateline.date == "2021-06-16"
    assert any("declares charset" in w for w in article.extraction_warnings)


def test_the_5_mb_page_keeps_its_article():
    article = extract_article(hostile_pages()["5 MB page"], URL)
    assert article.title.startswith("Dialogue and engagement needed")
    assert len(article.body) > 5_000_000


def test_only_navigation_is_not_an_article():
    article = extract_article(hostile_pages()["only navigation"], URL)
    assert not article.is_article
    assert article.body is None


def test_deep_nesting_keeps_the_text():
    article = extract_article(hostile_pages()["nesting 2,000 deep"], URL)
    assert article.title == "Deep"


def test_addresses_urllib_rejects_are_survived():
    page = (
        '<html><head><meta property="og:url" content="http://[x"><link rel="canonical" '
        'href="http://[y"><link rel="alternate" hreflang="ru" href="http://[z"></head><body>'
        "<article><h1>Title</h1><p>" + "Some article text here. " * 20 + "</p>"
        '<a href="http://[w/report.pdf">report</a></article></body></html>'
    )
    article = extract_article(page, "http://[broken")
    assert article.url == "http://[broken" and article.title == "Title"
    assert article.attachments == [] and article.translations == []
    assert any("not a valid URL" in w for w in article.extraction_warnings)
    assert extract_article(page, URL).canonical_url == URL  # the page's own URL instead
