"""``scrapy crawl osce``: Scrapy's own command, with osce-archive's conventions.

Scrapy checks spider arguments only once its reactor runs, so a bad ``-a`` value or a
locked archive ends in a traceback ("Task exception was never retrieved") and exit 1.
This command checks the ``-a`` values, the ``-s`` settings and the archive's lock first
and answers as ``osce-archive crawl`` does: one line on stderr, exit 2 (usage) or 3
(locked); after the run its exit code is the run's verdict from the manifest (0, 1, 4,
5, 6). Other spiders run exactly as with Scrapy's command.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import Any, NoReturn

from scrapy.commands.crawl import Command as ScrapyCrawlCommand

SPIDER = "osce"
#: the spider's arguments (``-a NAME=VALUE``), as OsceSpider takes them
SPIDER_ARGUMENTS = ("base_url", "since", "until", "lang", "type", "max_items", "with_files")


class Command(ScrapyCrawlCommand):
    archive: Path | None = None  # locked by this command for the run

    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        """Checks the osce spider's -a values, the -s settings and the lock here, before
        Scrapy sets up its crawler process and logging: a refusal is one line alone."""
        super().process_options(args, opts)
        if len(args) != 1 or args[0] != SPIDER:
            return
        from osce_crawler.archive import lock
        from osce_crawler.archive.lock import ArchiveLocked
        from osce_crawler.cli import EXIT_LOCKED, EXIT_USAGE, check_known_name, check_setting
        from osce_crawler.options import UsageError, parse_options

        assert self.settings is not None
        archive = Path(self.settings.get("ARCHIVE_DIR") or "archive")
        try:
            for name in opts.spargs:
                check_known_name("-a", name, (*SPIDER_ARGUMENTS, "refresh"), "argument")
            arguments = {k: v for k, v in opts.spargs.items() if k in SPIDER_ARGUMENTS}
            parse_options(**arguments, archive=archive, check_archive=True)
            _check_overrides(opts, check_setting, check_known_name)
            lock.acquire(archive)  # held for the whole run (the store's lock is re-entrant)
        except UsageError as error:
            _refuse(f"error: {error}", EXIT_USAGE)
        except ArchiveLocked as error:
            _refuse(f"{error}; not starting a second run", EXIT_LOCKED)
        self.archive = archive

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1 or args[0] != SPIDER or self.archive is None:
            super().run(args, opts)
            return
        from osce_crawler.archive import lock
        from osce_crawler.cli import crawl_exit_code, make_stopping, say_unreachable

        assert self.crawler_process is not None and self.settings is not None
        make_stopping(self.crawler_process)  # Ctrl-C, however often: interrupted, exit 4
        archive = self.archive
        try:
            crawler = self._create_crawler(SPIDER)
            self.crawler_process.crawl(crawler, **opts.spargs)
            self.crawler_process.start()
        finally:
            lock.release(archive)
        stats: dict[str, Any] = dict(crawler.stats.get_stats()) if crawler.stats else {}
        self.exitcode = 1 if self.crawler_process.bootstrap_failed else crawl_exit_code(stats)
        spider = crawler.spider
        if (
            self.settings.getdict("FEEDS")
            and not stats.get("item_scraped_count")
            and getattr(spider, "incremental", False)
            and stats.get("finish_reason") == "finished"
        ):
            logging.getLogger(SPIDER).warning(
                "the feed holds 0 items: this crawl is incremental and nothing changed since "
                "the last run into %s; add -a refresh=1 to fetch and feed every item again",
                archive,
            )
        say_unreachable(stats, getattr(spider, "base_url", ""), f"scrapy crawl {SPIDER}")


def _check_overrides(opts: argparse.Namespace, check: Any, check_name: Any) -> None:
    """Each ``-s NAME=VALUE``: NAME a known setting, VALUE of its default's type."""
    from scrapy.utils.project import get_project_settings

    from osce_crawler.options import UsageError

    defaults = get_project_settings()
    for override in getattr(opts, "set", None) or []:
        name, sep, value = override.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"-s takes NAME=VALUE, not {override!r}")
        check_name("-s", name.strip(), defaults, "setting")
        check(name.strip(), value, defaults.get(name.strip()))


def _refuse(message: str, code: int) -> NoReturn:
    print(f"scrapy crawl {SPIDER}: {message}", file=sys.stderr)
    sys.exit(code)
