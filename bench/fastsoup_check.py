"""Check that fast_soup builds the very tree BeautifulSoup(html, "lxml") builds.

    python bench/fastsoup_check.py        # exit 1 on any difference

Compared node by node: the type of every node, every field of every Tag (name, attrs and
the types of their values, can_be_empty_element, interesting_string_types, ...), the text
of every string, and every link (parent, next/previous element, next/previous sibling,
contents). Pages: the mirror's (served and redesign, every generation and language, plus
listings, search, error and cookie pages), /work/shared's generic pages, and hand-made
hostile snippets (namespaces, CDATA-like containers, broken nesting, BOM, entities),
each as bytes and as decoded text. Run it after upgrading beautifulsoup4 or lxml.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from bs4 import BeautifulSoup, Tag  # noqa: E402
from extract_speed import mirror_pages  # noqa: E402

from osce_crawler.extract.document import decode_html  # noqa: E402
from osce_crawler.extract.fastsoup import fast_soup  # noqa: E402
from osce_crawler.mirror import pages as mirror_html  # noqa: E402
from osce_crawler.mirror.site import MirrorSite  # noqa: E402

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


def documents() -> list[tuple[str, bytes]]:
    docs = [(url, html) for _, url, html in mirror_pages(80)]
    site = MirrorSite(articles=30, seed=3)
    for path in ("/press-releases", "/ru/press-releases", "/news?page=1", "/search?q=OSCE", "/"):
        bare, _, query = path.partition("?")
        docs.append((path, site.respond(bare, query, "http://x").body))
    docs.append(("/nope", site.respond("/nope", "", "http://x").body))
    docs.append(("cookie wall", mirror_html.render_cookie_wall().encode()))
    shared = REPO.parent / "shared"
    for file in sorted(shared.glob("**/*.htm*")):
        docs.append((str(file), file.read_bytes()))
    docs += [(f"hostile {n}", html) for n, html in enumerate(HOSTILE)]
    return docs


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


def main() -> int:
    checked = failed = 0
    for name, html in documents():
        for markup in (html, decode_html(html)[0] if html else ""):
            outcomes = []
            for build in (lambda m: BeautifulSoup(m, "lxml"), fast_soup):
                try:
                    outcomes.append(build(markup))
                except Exception as error:  # noqa: BLE001 - both must fail alike
                    outcomes.append(repr(error))
            checked += 1
            a, b = outcomes
            if isinstance(a, str) or isinstance(b, str):
                problem = None if a == b else f"{a} vs {b}"
            else:
                problem = difference(a, b)
            if problem:
                failed += 1
                print(f"DIFFERENT {name}: {problem}")
    print(f"fast_soup vs BeautifulSoup(html, 'lxml'): {checked} trees, {failed} different")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
