"""Signals the spider sends about pages that yield no item, for the archive to record."""

#: a known page answered 304 Not Modified: arguments url, lastmod (its sitemap lastmod)
page_unchanged = object()
#: a page answered 404 or 410: arguments url, status, warc
page_gone = object()
#: a page could not be fetched or read: arguments url, kind (e.g. "http 500", "TimeoutError")
page_failed = object()
