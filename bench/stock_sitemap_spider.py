"""The anchor of bench/crawl_vs_scrapy.py: what a user writes instead of osce-archive.

    scrapy runspider bench/stock_sitemap_spider.py -a base_url=http://127.0.0.1:8000 -O items.jsonl

A stock ``SitemapSpider``: robots.txt's sitemaps, every article page (``/<section>/<id>``,
any language), ``{url, title}`` per page. Nothing of the project is imported.
"""

from __future__ import annotations

from collections.abc import Iterator

from scrapy.http import Response
from scrapy.spiders import SitemapSpider


class StockSitemapSpider(SitemapSpider):
    name = "stock"
    sitemap_rules = [(r"/\d{3,}$", "parse_article")]

    def __init__(self, base_url: str, **kwargs: object):
        super().__init__(**kwargs)
        self.sitemap_urls = [base_url.rstrip("/") + "/robots.txt"]

    def parse_article(self, response: Response) -> Iterator[dict[str, str | None]]:
        yield {"url": response.url, "title": response.css("h1::text").get()}
