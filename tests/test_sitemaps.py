"""The sitemap reader: every entry of a good sitemap, and what is wrong with a bad one."""

from __future__ import annotations

import pytest

from osce_crawler.mirror import faults
from osce_crawler.mirror.site import MirrorSite
from osce_crawler.sitemaps import DECLARES_ENTITIES, MALFORMED, SitemapReader


@pytest.fixture(scope="module")
def site() -> MirrorSite:
    return MirrorSite(articles=2500, seed=4)


def test_an_index_and_its_sitemaps_list_every_article_with_its_lastmod(site):
    index = SitemapReader(site.respond("/sitemap.xml", "", "http://x").body)
    children = list(index.entries())
    assert index.kind == "sitemapindex" and index.problem is None and len(children) == 3
    listed = {}
    for child in children:
        query = child["loc"].split("?", 1)[1]
        sitemap = SitemapReader(site.respond("/sitemap.xml", query, "http://x").body)
        entries = list(sitemap.entries())
        assert sitemap.kind == "urlset" and sitemap.problem is None
        assert child["lastmod"] == max(e["lastmod"] for e in entries if e.get("lastmod"))
        listed.update((e["loc"].removeprefix("http://x"), e.get("lastmod")) for e in entries)
    for record in site.records:
        assert listed[record["path"]] == (record.get("modified") or record["published"])


def test_a_sitemap_cut_short_gives_what_it_holds_and_says_so(site):
    body = site.respond("/sitemap.xml", "page=1", "http://x").body
    whole = list(SitemapReader(body).entries())
    cut = SitemapReader(body[: len(body) // 2])
    first_half = list(cut.entries())
    assert cut.problem == MALFORMED
    assert 0 < len(first_half) < len(whole)
    # every entry before the cut as it was; the one cut through is recovered in part
    assert first_half[:-1] == whole[: len(first_half) - 1]


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (faults.ENTITY_BOMB_SITEMAP, DECLARES_ENTITIES),
        (faults.EXTERNAL_ENTITY_SITEMAP, DECLARES_ENTITIES),
        (faults.MALFORMED_SITEMAP, MALFORMED),
        (b"", MALFORMED),
        (b"<html><body><p>Not found</p></body></html>", MALFORMED),
    ],
    ids=["entity-bomb", "external-entity", "malformed", "empty", "html"],
)
def test_what_is_wrong_with_a_sitemap(body, problem):
    sitemap = SitemapReader(body)
    entries = list(sitemap.entries())
    assert sitemap.problem == problem
    assert not any("root:" in e["loc"] or "lollol" in e["loc"] for e in entries)
