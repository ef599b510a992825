"""Scrapy settings for osce-archive: polite by default, each choice explained.

Override any of them per run with ``osce-archive crawl -s NAME=VALUE`` (as with
``scrapy crawl -s``); e.g. ``-s AUTOTHROTTLE_ENABLED=0 -s DOWNLOAD_DELAY=0`` for a fast
crawl of the local mirror.
"""

from osce_crawler import __version__

BOT_NAME = "osce_crawler"
SPIDER_MODULES = ["osce_crawler.spiders"]
NEWSPIDER_MODULE = "osce_crawler.spiders"

# --- Identity -------------------------------------------------------------------------
# Who we are and where the site's admins can reach us. Set OSCE_ARCHIVE_CONTACT_URL (or
# -s CONTACT_URL=...) to your own project page or mailbox before crawling the live site:
# the User-Agent is made from it when the crawl starts (ContactUserAgentMiddleware), unless
# USER_AGENT itself is given (-s USER_AGENT=...), which then wins.
CONTACT_URL = "https://github.com/osce-archive/osce-archive"
USER_AGENT = f"osce-archive/{__version__} (+{CONTACT_URL}; archival crawler of public pages)"

# --- Politeness -------------------------------------------------------------------------
ROBOTSTXT_OBEY = True  # the site's robots.txt is law, Disallow rules included
COOKIES_ENABLED = False  # public pages need no session; cookies only invite cookie walls
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 2  # never more than two requests in flight to osce.org
# Scrapy starts this many tasks for the output of every response; an article page gives one
# item, so Scrapy's 100 only cost time (a tenth of a fast crawl's CPU)
CONCURRENT_ITEMS = 8
DOWNLOAD_DELAY = 1.0  # the floor between requests to the site, in seconds
DOWNLOAD_DELAY_JITTER = 0.5  # each delay varies by ±50%, as a person's would
AUTOTHROTTLE_ENABLED = True  # slows down further when the site answers slowly
AUTOTHROTTLE_START_DELAY = 2.0
AUTOTHROTTLE_MAX_DELAY = 60.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0  # on average one request at a time

# --- Failures -----------------------------------------------------------------------------
RETRY_ENABLED = True
RETRY_TIMES = 3  # bounded: the first try and three retries
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
RETRY_BACKOFF_BASE = 2.0  # seconds; the n-th retry waits base * 2**(n-1), capped below
RETRY_BACKOFF_MAX = 60.0
RETRY_AFTER_MAX = 300.0  # a longer Retry-After than this is not waited for: the URL fails
DOWNLOAD_TIMEOUT = 30
# until the site has answered once: a shorter time-out and fewer retries, so that a site
# that cannot be reached ends the run within a minute (exit code 6)
UNREACHABLE_TIMEOUT = 10.0
UNREACHABLE_RETRY_TIMES = 2
# after the site has answered: this many requests in a row failing on the connection
# (after their retries) end the run the same way, exit code 6 (the site went away)
UNREACHABLE_AFTER_FAILURES = 10
# Ctrl-C: Scrapy's graceful stop waits for requests in flight; after this many seconds
# (or at a second Ctrl-C) the run is closed as interrupted without them (cli.py)
SHUTDOWN_GRACE = 2.5
DOWNLOAD_MAXSIZE = 50 * 1024 * 1024  # also bounds decompressed bodies (gzip bombs)
DOWNLOAD_WARNSIZE = 10 * 1024 * 1024
REDIRECT_MAX_TIMES = 5
# no depth limit: traps are bounded by the spider itself (below), so Scrapy's depth
# middleware, an extra layer on every request of a 60,000-page crawl, is left out
SPIDER_MIDDLEWARES = {"scrapy.spidermiddlewares.depth.DepthMiddleware": None}
# the JOBDIR queue of a resumable run: Scrapy's pickled LIFO queue, with the callbacks' names
# looked up in a table instead of by listing the spider's members for every request
SCHEDULER_DISK_QUEUE = "osce_crawler.spiders.queues.RequestDiskQueue"
# the fingerprints of the requests seen: in SQLite (the JOBDIR's, for a resumed run), not in
# a Python set that grows with the site
DUPEFILTER_CLASS = "osce_crawler.spiders.dupefilter.DiskDupeFilter"
# pagination traps: a listing is never followed beyond this many pages
LISTING_MAX_PAGES = 2000

DOWNLOADER_MIDDLEWARES = {
    "osce_crawler.middlewares.ScopeMiddleware": 50,  # before robots.txt: off-site is never asked
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "scrapy.downloadermiddlewares.useragent.UserAgentMiddleware": None,
    "osce_crawler.middlewares.ContactUserAgentMiddleware": 500,  # Scrapy's, with CONTACT_URL
    "osce_crawler.middlewares.UnreachableSiteMiddleware": 545,  # gives up on a dead site
    "osce_crawler.middlewares.BackoffRetryMiddleware": 550,
    "osce_crawler.middlewares.ConditionalRequestMiddleware": 560,
    "osce_crawler.middlewares.SiteAuthMiddleware": 570,  # credentials: see the README
    # credentials off the request once downloaded, before a retry or redirect copies it
    # (Scrapy's disk queue would pickle them): after the proxy middleware (750)
    "osce_crawler.middlewares.CredentialScrubMiddleware": 900,
    "osce_crawler.middlewares.WarcCaptureMiddleware": 950,  # next to the wire: raw bytes
}
ITEM_PIPELINES = {
    "osce_crawler.pipelines.ValidateItemPipeline": 100,
    "osce_crawler.pipelines.DropDuplicatesPipeline": 200,
    "osce_crawler.pipelines.AttachmentFilesPipeline": 300,
    "osce_crawler.pipelines.ArchivePipeline": 800,
}
EXTENSIONS = {
    "osce_crawler.extensions.ArchiveExtension": 100,
    "osce_crawler.extensions.CrawlProgress": 500,
    "osce_crawler.extensions.EngineGarbageCollection": 600,
}
# the progress line on a terminal (never under cron): on or off, and seconds between updates
PROGRESS_ENABLED = True
PROGRESS_INTERVAL = 0.5
# the crawl's process: Python's garbage collector runs after this many new objects (its
# default is 700) and never walks what exists when the spider opens (extensions.py); 0: as
# Python does by default
ENGINE_GC_THRESHOLD = 5000

# --- Archive --------------------------------------------------------------------------------
ARCHIVE_DIR = "archive"  # --archive DIR; items go to ARCHIVE_DIR/items/
FILES_STORE = ""  # set from ARCHIVE_DIR/files when --with-files is given
FILES_EXPIRES = 36500
WARC_MAX_SIZE = 1024**3  # WARC files rotate at 1 GB
REFRESH = False  # --refresh: fetch everything in full, ignoring lastmod and validators
LISTING_KNOWN_PAGES = 1  # a re-crawl stops paging a listing after this many pages of known items
MAX_ERROR_RATE = 0.02  # above this share of failed pages, a run's verdict is "errors" (exit 1)

# --- Extraction -----------------------------------------------------------------------------
# worker processes that run the extractor beside Scrapy's engine (osce_crawler/extraction_pool.py);
# None: one per core, at most 4 (2 on a 2-core machine: the engine needs less CPU per page than
# extraction, so they share the cores); 0: extract in the crawl's process
EXTRACT_PROCESSES = None

# --- Monitors (osce_crawler/monitors.py; issue 7) -------------------------------------------
# Spidermon monitors run when every crawl ends; a monitor that fails makes the verdict
# "errors" (exit code 1) and says why in the manifest's "monitors" section. -s NAME=VALUE
# overrides any of them (dicts as JSON, e.g. -s 'MONITOR_FIELD_COVERAGE={"place": 0.8}').
MONITORS_ENABLED = True
# share of the items checked this run that may fail schema validation (go to quarantine)
MONITOR_MAX_INVALID_RATE = 0.0
# least share of checked items with each field filled in (not null, not empty)
MONITOR_FIELD_COVERAGE = {"title": 0.99, "published": 0.99, "body": 0.99, "place": 0.90}
# coverage is judged only on runs that checked at least this many items (a filtered or
# incremental run of a handful of pages says little); the figures are recorded regardless
MONITOR_COVERAGE_MIN_ITEMS = 20
# the error-rate monitor uses MAX_ERROR_RATE (above)
# a sharp drop: fewer items seen (new + updated + unchanged) than this share of the
# previous finished run with the same arguments fails the run (a redesign breaking extraction)
MONITOR_ITEM_DROP_MIN_RATIO = 0.5
MONITOR_ITEM_DROP_MIN_PREVIOUS = 10  # ...when that run saw at least this many items
# markup drift (osce_crawler/drift.py): more than this share of a run's article pages
# without title, published date, body or content type, or with the body from the generic
# layer, fails the run; so does any of these shares moving by more than MAX_MOVE against
# the previous comparable run. Judged from MIN_PAGES article pages on.
MONITOR_DRIFT_MAX_SHARE = 0.10
MONITOR_DRIFT_MAX_MOVE = 0.10
MONITOR_DRIFT_MIN_PAGES = 10
# --- end of monitors ------------------------------------------------------------------------

# --- Output and logging ---------------------------------------------------------------------
FEED_EXPORT_ENCODING = "utf-8"  # so that `scrapy crawl osce -O items.jsonl` is plain UTF-8
LOG_LEVEL = "INFO"
TELNETCONSOLE_ENABLED = False
COMMANDS_MODULE = "osce_crawler.commands"  # `scrapy crawl osce` answers as `osce-archive crawl`
# Scrapy's remote control runs Python code sent to a local HTTP port and writes its token to
# the user's profile: nothing an unattended archive crawl should expose or leave behind
REMOTE_CONTROL_ENABLED = False
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
