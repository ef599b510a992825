"""The fast tree builder builds the very tree BeautifulSoup(html, "lxml") builds.

``extract/fastsoup.py`` relies on beautifulsoup4's internals; this compares the two trees
node by node (the type of every node, every field of every Tag, the text of every string,
every link) on the mirror's pages, a sample of the generic pages and hostile snippets,
each as bytes and as decoded text. ``bench/fastsoup_check.py`` runs it on every page.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup, Tag

from osce_crawler.extract import dom
from osce_crawler.extract.document import decode_html, parse_document
from osce_crawler.extract.fastsoup import FastLXMLTreeBuilder, fast_soup, indexed_soup
from osce_crawler.mirror import pages as mirror_html
from osce_crawler.mirror.site import MirrorSite

from .conftest import BASE_URL, SHARED

LINKS = ("parent", "next_element", "previous_element", "next_sibling", "previous_sibling")
HOSTILE = [
    b"",
    b"<p>x",
    b"<html><body><pre>  a\n  </pre><textarea> </textarea><script>var a=1;</script>"
    b"<style>p{}</style><template><p>t</p></template></body></html>",
    b"<!DOCTYPE html><!-- c --><?php x ?><html xmlns:o='urn:x'><body>"
    b"<svg xmlns='http://www.w3.org/2000/svg'><rect/></svg><o:p>x</o:p>"
    b"<p class=' a  b ' rel='x y' headers='h1 h2' accept-charset='u v'>t</p>"
    b"<meta charset='latin-1'><meta http-equiv='Content-Type' "
    b"content='text/html; charset=iso-8859-1'><br/><td headers='a b'>x</td></body></html>",
    b"<table><tr><td>a<td>b</table><b><i>x</b>y</i><p>a<p>b<ul><li>1<li>2</ul>"
    b"<div>\n\n</div>\t<span> </span>",
    b"\xef\xbb\xbf<p>bom</p>",
    "<p>\u00a0nbsp\u00a0</p><div class='\u00a0x'>y</div>".encode(),
    b"<" * 50 + b"p>&amp;&lt;&#x41;&bogus;",
    b"<html><head><title>T</title></head><body><h1>H</h1><p>one <b>two</b> three</p>"
    b"<p>four<br>five</p></body></html>" * 3,
]


def difference(a: BeautifulSoup, b: BeautifulSoup) -> str | None:
    nodes_a, nodes_b = [a, *a.descendants], [b, *b.descendants]
    if len(nodes_a) != len(nodes_b):
        return f"{len(nodes_a)} vs {len(nodes_b)} nodes"
    at_a = {id(n): i for i, n in enumerate(nodes_a)}
    at_b = {id(n): i for i, n in enumerate(nodes_b)}
    for i, (x, y) in enumerate(zip(nodes_a, nodes_b, strict=True)):
        if type(x) is not type(y):
            return f"node {i}: {type(x).__name__} vs {type(y).__name__}"
        if set(x.__dict__) != set(y.__dict__):
            return f"node {i}: fields {set(x.__dict__) ^ set(y.__dict__)}"
        if isinstance(x, Tag):
            for key, value in x.__dict__.items():
                other = y.__dict__[key]
                if key in LINKS or key in ("contents", "builder", "currentTag"):
                    continue
                if key == "attrs":
                    same = (
                        type(value) is type(other)
                        and list(value.items()) == list(other.items())
                        and [type(v) for v in value.values()] == [type(v) for v in other.values()]
                    )
                    if not same:
                        return f"node {i} <{x.name}>: attrs {value!r} vs {other!r}"
                elif value != other:
                    return f"node {i} <{x.name}>: {key} {value!r} vs {other!r}"
            if [at_a.get(id(c)) for c in x.contents] != [at_b.get(id(c)) for c in y.contents]:
                return f"node {i} <{x.name}>: contents"
        elif str(x) != str(y):
            return f"node {i}: text {str(x)!r} vs {str(y)!r}"
        for key in LINKS:
            link_a, link_b = getattr(x, key, None), getattr(y, key, None)
            where_a = None if link_a is None else at_a.get(id(link_a), "outside")
            where_b = None if link_b is None else at_b.get(id(link_b), "outside")
            if where_a != where_b:
                return f"node {i}: {key} {where_a} vs {where_b}"
    return None


def compare(markup: bytes | str) -> str | None:
    """What differs between the two trees of ``markup`` (None: nothing)."""
    outcomes = []
    for build in (lambda m: BeautifulSoup(m, "lxml"), fast_soup):
        try:
            outcomes.append(build(markup))
        except Exception as error:  # noqa: BLE001 - both must fail alike
            outcomes.append(repr(error))
    a, b = outcomes
    if isinstance(a, str) or isinstance(b, str):
        return None if a == b else f"{a} vs {b}"
    return difference(a, b)


def _documents(mirror_pages: dict[str, str], records: dict[str, dict]) -> list[tuple[str, bytes]]:
    docs = [(key, html.encode()) for key, html in mirror_pages.items()]
    docs += [
        (f"redesign {key}", mirror_html.render_redesign(record, BASE_URL).encode())
        for key, record in records.items()
    ]
    site = MirrorSite(articles=10, seed=3)
    for path in ("/press-releases", "/ru/press-releases", "/search?q=OSCE", "/", "/nope"):
        bare, _, query = path.partition("?")
        docs.append((path, site.respond(bare, query, "http://x").body))
    docs.append(("cookie wall", mirror_html.render_cookie_wall().encode()))
    docs += [(str(file), file.read_bytes()) for file in sorted(SHARED.glob("**/*.htm*"))[::8]]
    docs += [(f"hostile {n}", html) for n, html in enumerate(HOSTILE)]
    return docs


def test_the_fast_builder_builds_beautiful_soups_tree(mirror_pages, records):
    differences = []
    documents = _documents(mirror_pages, records)
    for name, html in documents:
        for markup in (html, decode_html(html)[0] if html else ""):
            problem = compare(markup)
            if problem:
                differences.append(f"{name}: {problem}")
    assert len(documents) > 60
    assert differences == []


@pytest.mark.parametrize("html", HOSTILE)
def test_hostile_snippets_build_alike(html):
    assert compare(html) is None


def _index_differences(markup: bytes | str) -> list[str]:
    """Where the element index's answers differ from plain tree walks on one page."""
    soup, index = indexed_soup(markup)
    if index is None:
        return []
    problems = []
    elements = [soup, *soup.find_all(True)]
    walked = {id(tag): list(dom.tags(tag)) for tag in elements}  # no index: tree walks
    with dom.page_index(index):
        for tag in elements:
            where = f"<{tag.name}> #{elements.index(tag)}"
            if list(dom.tags(tag)) != walked[id(tag)]:
                problems.append(f"{where}: tags")
            for names in (("a",), ("h1",), ("span", "a", "div", "p", "li"), ("nope",)):
                if [id(t) for t in dom.named(tag, *names)] != [
                    id(t) for t in tag.find_all(list(names))
                ]:
                    problems.append(f"{where}: named{names}")
            first_h1 = tag.find("h1")
            if dom.first_named(tag, "h1") is not first_h1:
                problems.append(f"{where}: first_named")
            position = dom.position_in(tag)
            if [position(t) for t in walked[id(tag)]] != list(range(len(walked[id(tag)]))):
                problems.append(f"{where}: position_in")
            if position(tag) is not None:
                problems.append(f"{where}: position_in of itself")
            if tag is not soup and [id(t) for t in dom.following(tag)] != [
                id(t) for t in dom._following_walk(tag)
            ]:
                problems.append(f"{where}: following")
    return problems


def test_the_element_index_answers_as_tree_walks_do(mirror_pages, records):
    """Inside page_index the walks read a list: same elements, same order, every element."""
    problems = []
    documents = _documents(mirror_pages, records)[::3]  # each page checks every element
    for name, html in documents:
        problems += [f"{name}: {p}" for p in _index_differences(html)[:3]]
    assert len(documents) > 20
    assert problems == []


def test_a_page_beautiful_soup_built_in_part_has_no_index():
    """Elements made by Beautiful Soup's own handlers (here: custom element classes) are not
    recorded, so the index says it is incomplete and the walks go on walking the tree."""

    class Custom(Tag):
        pass

    builder = FastLXMLTreeBuilder()
    soup = BeautifulSoup("<html><body><p>x</p></body></html>", builder=builder,
                         element_classes={Tag: Custom})  # fmt: skip
    assert builder.index.complete is False
    with dom.page_index(None):
        assert [t.name for t in dom.tags(soup)] == ["html", "body", "p"]
    soup, index = indexed_soup("<html><body><p>x</p></body></html>")
    assert index is not None and [t.name for t in index.elements] == ["html", "body", "p"]


def test_parse_document_builds_the_tree_of_the_decoded_text(mirror_pages, records):
    """parse_document hands libxml2 the bytes when they are the text in UTF-8 (faster than a
    Python string): the tree must be that of the decoded text, whatever the page declares."""
    documents = _documents(mirror_pages, records)
    documents += [
        ("declares latin-1, is UTF-8", '<meta charset="iso-8859-1"><p>Zürich – «x»</p>'.encode()),
        ("declares utf-8, is ASCII", b'<meta charset="utf-8"><p>plain &amp; simple</p>'),
        ("cp1251", '<meta charset="windows-1251"><p>Вена</p>'.encode("cp1251")),
    ]
    differences = []
    for name, html in documents:
        soup, _, _ = parse_document(html)
        text = decode_html(html.replace(b"\x00", b""))[0]
        if soup is None or not text.strip():
            continue
        reference = BeautifulSoup(text, "lxml")
        for key in ("original_encoding", "declared_html_encoding"):  # how, not what, was read
            soup.__dict__[key] = reference.__dict__[key]
        problem = difference(reference, soup)
        if problem:
            differences.append(f"{name}: {problem}")
    assert differences == []


def test_another_document_is_walked_not_read_from_the_index():
    """A second document met while a page's index is open is walked, never answered from
    the page's element list."""
    page, index = indexed_soup("<html><body><p>page</p><p>two</p></body></html>")
    other = BeautifulSoup("<div><span>other</span></div>", "lxml")
    with dom.page_index(index):
        assert [t.name for t in dom.tags(other)] == ["html", "body", "div", "span"]
        assert [t.name for t in dom.tags(page)] == ["html", "body", "p", "p"]
        assert dom.named(other, "p") == [] and len(dom.named(page, "p")) == 2
