"""Check that fast_soup builds the very tree BeautifulSoup(html, "lxml") builds.

    python bench/fastsoup_check.py        # exit 1 on any difference

Compared node by node: the type of every node, every field of every Tag (name, attrs and
the types of their values, can_be_empty_element, interesting_string_types, ...), the text
of every string, and every link (parent, next/previous element, next/previous sibling,
contents). Pages: the mirror's (served and redesign, every generation and language, plus
listings, search, error and cookie pages), /work/shared's generic pages, and hand-made
hostile snippets (namespaces, CDATA-like containers, broken nesting, BOM, entities),
each as bytes and as decoded text. Run it after upgrading beautifulsoup4 or lxml; the
comparison itself is tests/test_fastsoup.py's, which runs a sample of these in CI.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from extract_speed import mirror_pages  # noqa: E402

from osce_crawler.extract.document import decode_html  # noqa: E402
from osce_crawler.mirror import pages as mirror_html  # noqa: E402
from osce_crawler.mirror.site import MirrorSite  # noqa: E402
from tests.test_fastsoup import HOSTILE, compare  # noqa: E402


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


def main() -> int:
    checked = failed = 0
    for name, html in documents():
        for markup in (html, decode_html(html)[0] if html else ""):
            checked += 1
            problem = compare(markup)
            if problem:
                failed += 1
                print(f"DIFFERENT {name}: {problem}")
    print(f"fast_soup vs BeautifulSoup(html, 'lxml'): {checked} trees, {failed} different")
    return 1 if failed else 0


if __name__ == "__main__":
    import argparse

    argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0]).parse_args()
    sys.exit(main())
