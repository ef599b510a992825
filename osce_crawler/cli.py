"""The ``osce-archive`` command.

Exit codes: 0 success; 1 the crawl finished with errors above MAX_ERROR_RATE, or a
monitor failed (validate: problems found); 2 usage error or unusable input (one line on
stderr, no traceback); 3 another run holds the archive's lock; 4 interrupted
(SIGINT/SIGTERM, any number of them; the next run resumes); 5 the archive's disk is full;
6 the site could not be reached.
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import json
import os
import re
import signal
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any, NoReturn

from osce_crawler.archive.lock import ArchiveLocked
from osce_crawler.content_types import CONTENT_TYPES, type_name
from osce_crawler.options import UsageError, parse_options
from osce_crawler.wording import counted

EXIT_OK = 0
EXIT_ERRORS = 1
EXIT_USAGE = 2
EXIT_LOCKED = 3
EXIT_INTERRUPTED = 4
EXIT_STORAGE_FULL = 5
EXIT_UNREACHABLE = 6
DEMO_PORT = 8471  # the demo mirror's port when free
GRACEFUL_STOP = ".stopped-gracefully"  # in the JOBDIR: its queue may be resumed

_HTML_SIGN = re.compile(
    rb"<(!doctype|html|head|body|div|p|article|main|meta|title|h1|span|ul|table)\b", re.I
)


_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16: its BOM starts with UTF-16 LE's
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def default_max_size() -> int:
    """The crawl's DOWNLOAD_MAXSIZE: extract reads no more of a file than a crawl would."""
    from osce_crawler import settings

    return int(settings.DOWNLOAD_MAXSIZE)


def _wide_encoding(head: bytes) -> str | None:
    """UTF-16 or UTF-32, from a byte-order mark or, without one, from the NUL byte beside
    every ASCII character (``<\x00h\x00``) that a page in either encoding begins with."""
    for bom, encoding in _WIDE_BOMS:
        if head.startswith(bom):
            return encoding
    sample = head[:512]
    sample = sample[: len(sample) // 2 * 2]
    if len(sample) < 8 or sample.lstrip(b"\x00")[:1] != b"<":
        return None
    even, odd = sample[0::2].count(0) / len(sample[0::2]), sample[1::2].count(0) / len(sample[1::2])
    if odd > 0.7 and even < 0.1:  # markup is ASCII: nearly every high byte is NUL
        return "utf-16-le"
    if even > 0.7 and odd < 0.1:
        return "utf-16-be"
    return None


def read_page(path: str, max_size: int | None = None) -> bytes | str:
    """An HTML page from a path or ``-``, refused with a clear reason if unusable.

    At most ``max_size`` bytes are read (default: the crawl's DOWNLOAD_MAXSIZE), so that
    ``extract /dev/zero`` stops at once. A page in UTF-16 or UTF-32 (a byte-order mark,
    or NUL bytes beside ASCII) comes back decoded; any other page as its bytes, whose
    charset (BOM, meta charset) the extractor honours.
    """
    limit = default_max_size() if max_size is None else max_size
    if path == "-":
        data = sys.stdin.buffer.read(limit + 1)
        where = "standard input"
    else:
        file = Path(path)
        if not file.exists():
            raise UsageError(f"no such file: {path}")
        if file.is_dir():
            raise UsageError(f"{path} is a directory, not an HTML file")
        try:
            with open(file, "rb") as stream:
                data = stream.read(limit + 1)
        except OSError as error:
            raise UsageError(f"cannot read {path}: {error.strerror}") from None
        where = path
    if len(data) > limit:
        raise UsageError(
            f"{where} is larger than {limit} bytes "
            f"({'--max-size' if max_size is not None else 'DOWNLOAD_MAXSIZE'}): "
            "give --max-size BYTES to read more"
        )
    encoding = _wide_encoding(data[:4096])
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            raise UsageError(f"{where} is not valid {encoding.upper()}") from None
        if not text.strip().lstrip("\ufeff"):
            raise UsageError(f"{where} is empty")
        if not _HTML_SIGN.search(text[:65536].encode("utf-8", "replace")):
            raise UsageError(f"{where} does not look like HTML (no HTML tags found)")
        return text.lstrip("\ufeff")
    if not data.strip():
        raise UsageError(f"{where} is empty")
    head = data[:65536]
    if b"\x00" in head or head.startswith(
        (b"%PDF", b"\x89PNG", b"PK\x03\x04", b"\x1f\x8b", b"GIF8")
    ):
        raise UsageError(f"{where} is binary, not HTML")
    if not _HTML_SIGN.search(head):
        raise UsageError(f"{where} does not look like HTML (no HTML tags found)")
    return data


def cmd_extract(args: argparse.Namespace) -> int:
    from osce_crawler.extract import extract_article

    data = read_page(args.path, args.max_size)
    url = args.url or (Path(args.path).resolve().as_uri() if args.path != "-" else "about:stdin")
    article = extract_article(data, url)
    sys.stdout.write(article.to_json() + "\n")
    return EXIT_OK


def _scrapy_settings(options: Any, overrides: list[str], refresh: bool = False) -> Any:
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "osce_crawler.settings")
    from scrapy.utils.project import get_project_settings

    settings = get_project_settings()
    settings.set("ARCHIVE_DIR", str(options.archive), priority="cmdline")
    # an interrupted run leaves its queue here; the next run on the archive resumes it
    settings.set("JOBDIR", str(options.archive / "jobs" / "crawl"), priority="cmdline")
    settings.set("REFRESH", refresh, priority="cmdline")
    if options.with_files:
        settings.set("FILES_STORE", str(options.archive / "files"), priority="cmdline")
    if sys.stderr.isatty():
        settings.set("LOG_LEVEL", "WARNING", priority="cmdline")  # the progress line says it
    for override in overrides:
        name, sep, value = override.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"-s takes NAME=VALUE, not {override!r}")
        name = name.strip()
        check_known_name("-s", name, settings, "setting")
        check_setting(name, value, settings.get(name))
        settings.set(name, value, priority="cmdline")
    return settings


def check_known_name(option: str, name: str, known: Any, what: str) -> None:
    """An unknown ``name`` close to a known one is a typo, refused: a politeness setting
    that silently does nothing must not reach the live site. Any other unknown name may be
    an extension's own (or Scrapyd's ``_job``): a warning, and it is passed on."""
    import difflib

    candidates = [str(known_name) for known_name in known]
    if name in candidates:
        return
    close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.8)
    if close:
        raise UsageError(f"{option} {name}: no such {what}; did you mean {close[0]}?")
    print(
        f"osce-archive: warning: {option} {name} is not a {what} osce-archive knows;"
        " passed on as given",
        file=sys.stderr,
    )


#: settings with a whole-number default that Scrapy reads as numbers with decimals
READ_AS_FLOAT = frozenset({"DOWNLOAD_TIMEOUT", "DNS_TIMEOUT", "CLOSESPIDER_TIMEOUT"})


def check_setting(name: str, value: str, default: Any) -> None:
    """Refuse ``-s NAME=VALUE`` before the crawl starts when VALUE cannot be what NAME's
    default is (a number, a boolean, a dict); Scrapy would fail mid-start with a traceback."""
    if isinstance(default, bool):
        if value.strip().lower() not in ("0", "1", "true", "false"):
            raise UsageError(f"-s {name} takes True/False or 1/0, not {value!r}")
    elif isinstance(default, int) and name not in READ_AS_FLOAT:
        try:
            int(value)
        except ValueError:
            raise UsageError(f"-s {name} takes a whole number, not {value!r}") from None
    elif isinstance(default, int | float):
        try:
            number = float(value)
        except ValueError:
            raise UsageError(f"-s {name} takes a number, not {value!r}") from None
        if number != number or number in (float("inf"), float("-inf")):
            raise UsageError(f"-s {name} takes a finite number, not {value!r}")
    elif isinstance(default, dict) or hasattr(default, "copy_to_dict"):
        try:
            parsed = json.loads(value)
        except ValueError:
            parsed = None
        if not isinstance(parsed, dict):
            raise UsageError(f"-s {name} takes a JSON object, not {value!r}")


def run_crawl(options: Any, overrides: list[str], refresh: bool = False) -> dict[str, Any]:
    """Run the osce spider in this process, holding the archive's lock; Scrapy's final stats.

    Raises ArchiveLocked when another run holds the archive.
    """
    import shutil

    from osce_crawler.archive import lock

    settings = _scrapy_settings(options, overrides, refresh)  # a bad -s stops here, first
    lock.acquire(options.archive)
    try:
        jobs = options.archive / "jobs" / "crawl"
        graceful = jobs / GRACEFUL_STOP
        asked = _queue_options(options, refresh)
        if jobs.exists() and not graceful.exists():
            # Scrapy's queue survives only a graceful stop; after a kill the archive's own
            # index resumes the work: archived pages are known and not fetched again
            shutil.rmtree(jobs, ignore_errors=True)
        elif graceful.exists() and _queued_for(graceful) not in (None, asked):
            # the stopped run's queue holds the pages of other options (every language,
            # say, where this run asks for one): resuming it would fetch them all for nothing
            print(
                "osce-archive: the interrupted run's queue was for other options; starting "
                "afresh (pages already archived are still not fetched again)",
                file=sys.stderr,
            )
            shutil.rmtree(jobs, ignore_errors=True)
        graceful.unlink(missing_ok=True)  # if this run is killed, its queue is not trusted
        stats = _crawl_in_process(options, settings, refresh)
        if stats.get("finish_reason") == "shutdown" and not stats.get("osce/forced_stop"):
            jobs.mkdir(parents=True, exist_ok=True)
            graceful.write_text(
                "stopped gracefully: the next run resumes this queue\n" + asked + "\n"
            )
        elif stats.get("finish_reason") is not None:
            # finished (or stopped by --max-items): nothing is left to resume; after a
            # forced stop Scrapy's queue is not trusted: the archive's index resumes
            shutil.rmtree(jobs, ignore_errors=True)
        return stats
    finally:
        lock.release(options.archive)


def _queue_options(options: Any, refresh: bool) -> str:
    """What a run's queue was built for, as one line of JSON: a later run resumes the
    queue only when it asks for the same."""
    return json.dumps(
        {
            "base_url": options.base_url,
            "since": str(options.since or ""),
            "until": str(options.until or ""),
            "languages": sorted(options.languages),
            "types": sorted(options.types),
            "max_items": options.max_items,
            "with_files": options.with_files,
            "refresh": refresh,
        },
        sort_keys=True,
    )


def _queued_for(marker: Path) -> str | None:
    """The options a gracefully stopped run's queue was built for (None: not recorded)."""
    try:
        lines = marker.read_text("utf-8").splitlines()
    except OSError:
        return None
    return lines[1] if len(lines) > 1 else None


def make_stopping(process: Any) -> Any:
    """``process`` (Scrapy's CrawlerProcess or AsyncCrawlerProcess), whose Ctrl-C always
    ends as an interrupted run (exit 4).

    The first Ctrl-C (or SIGTERM) asks Scrapy for its graceful stop, which waits for the
    requests in flight; when they have not ended within SHUTDOWN_GRACE seconds (a hanging
    site), or at a second Ctrl-C, the run is closed here instead: writers flushed, manifest
    ``interrupted``, reactor stopped. Scrapy's own second Ctrl-C would stop the reactor at
    once and leave the manifest at ``running``. The process's signal handlers are replaced
    on the instance: Scrapy installs whatever ``process._signal_shutdown`` is."""
    from scrapy.utils.ossignal import install_shutdown_handlers

    graceful_stop = process._signal_shutdown  # Scrapy's, bound
    forcing: list[bool] = []

    def force_stop() -> None:
        if forcing:
            return
        forcing.append(True)
        install_shutdown_handlers(signal.SIG_IGN)  # the run is ending as interrupted
        for crawler in list(process.crawlers):
            extension = getattr(crawler, "archive_extension", None)
            if extension is not None:
                extension.close_run("shutdown", forced=True)
            # the extraction processes end now; the spider's scratch file stays open
            # for the callbacks the reactor still runs, and goes with the process
            pool = getattr(getattr(crawler, "spider", None), "extraction", None)
            if pool is not None:
                with contextlib.suppress(Exception):
                    pool.close()
        process._stop_reactor()

    def on_first_signal(signum: int, frame: Any) -> None:
        from twisted.internet import reactor  # the one Scrapy installed

        graceful_stop(signum, frame)  # installs process._signal_kill for the next one
        grace = process.settings.getfloat("SHUTDOWN_GRACE", 2.5)
        reactor.callFromThread(reactor.callLater, grace, force_stop)

    def on_next_signal(signum: int, frame: Any) -> None:
        from twisted.internet import reactor

        install_shutdown_handlers(on_next_signal)  # a third Ctrl-C: the same
        reactor.callFromThread(force_stop)

    process._signal_shutdown = on_first_signal
    process._signal_kill = on_next_signal
    return process


def stopping_crawler_process(settings: Any) -> Any:
    """Scrapy's CrawlerProcess with StoppingMixin's Ctrl-C."""
    from scrapy.crawler import CrawlerProcess

    return make_stopping(CrawlerProcess(settings))


def _crawl_in_process(options: Any, settings: Any, refresh: bool) -> dict[str, Any]:
    from osce_crawler.spiders.osce import OsceSpider

    process = stopping_crawler_process(settings)
    crawler = process.create_crawler(OsceSpider)
    process.crawl(
        crawler,
        base_url=options.base_url,
        since=options.since.isoformat() if options.since else None,
        until=options.until.isoformat() if options.until else None,
        lang=",".join(sorted(options.languages)) or None,
        type=",".join(sorted(options.types)) or None,
        max_items=options.max_items,
        with_files=options.with_files,
        refresh=refresh,
    )
    process.start()
    # the run is over, its manifest written: a late Ctrl-C must not cut the summary short
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    return dict(crawler.stats.get_stats()) if crawler.stats else {}


def crawl_exit_code(stats: dict[str, Any]) -> int:
    """The run's verdict as the archive recorded it in the manifest."""
    if "osce/exit_code" in stats:
        return int(stats["osce/exit_code"])
    return EXIT_INTERRUPTED if stats.get("finish_reason") == "shutdown" else EXIT_ERRORS


def _unreachable(stats: dict[str, Any]) -> str | None:
    """The request that showed the site cannot be reached, and why (None: it could)."""
    url = stats.get("osce/unreachable_url")
    return f"{url}: {stats.get('osce/unreachable_error')}" if url else None


def say_unreachable(stats: dict[str, Any], base_url: str, command: str = "osce-archive") -> None:
    """The one line on stderr of a run that could not reach the site (exit code 6)."""
    failed = _unreachable(stats)
    if failed and stats.get("osce/unreachable_in_a_row"):
        print(
            f"{command}: {base_url} stopped answering mid-crawl "
            f"({stats['osce/unreachable_in_a_row']} requests in a row failed, the last "
            f"{failed}): what was archived is kept and the next run goes "
            "on from there; check the site and the network",
            file=sys.stderr,
        )
    elif failed:
        print(
            f"{command}: {base_url} cannot be reached ({failed}): "
            "nothing was archived; check the address and the network",
            file=sys.stderr,
        )


def finish_words(stats: dict[str, Any], max_items: int | None = None) -> str:
    """How the run ended, in the user's words rather than Scrapy's finish reasons."""
    reason = stats.get("finish_reason")
    if stats.get("osce/unreachable_in_a_row"):
        return "stopped: the site stopped answering"
    if _unreachable(stats):
        return "stopped: the site could not be reached"
    if reason == "max_items":
        return f"stopped at --max-items {max_items}" if max_items else "stopped at --max-items"
    words = {
        "finished": "finished",
        "shutdown": "interrupted",
        "storage_full": "stopped: the archive's disk is full",
        None: "did not start",
    }
    return words.get(reason, f"stopped ({reason})")


def print_summary(stats: dict[str, Any], archive: Path, max_items: int | None = None) -> None:
    from osce_crawler.extensions import crawl_counts

    counts = crawl_counts(stats)
    items_file = stats.get("osce/items_file")
    by_type: Counter[str] = Counter()
    by_language: Counter[str] = Counter()
    if items_file and Path(items_file).exists():
        with open(items_file, encoding="utf-8") as lines:
            for line in lines:
                item = json.loads(line)
                if item.get("removed_at"):
                    continue  # a tombstone has no type: counted on the "removed" line
                by_type[type_name(item["content_type"])] += 1
                by_language[item["language"] or "(none)"] += 1
    elapsed = stats.get("elapsed_time_seconds") or 0
    print(
        f"crawl {finish_words(stats, max_items)}: {counts['pages']} pages fetched in {elapsed:.1f} s, "
        f"{counted(counts['items'], 'item')} written, {counted(counts['errors'], 'error')}"
    )
    _print_verdict(stats)
    failed = stats.get("osce/failed_by_page") or {}
    if unreachable := _unreachable(stats):
        print(
            f"  unreachable: {unreachable}; the other requests were not made"
            f" (the manifest's unreachable and errors: {stats.get('osce/manifest')})"
        )
    elif failed:
        print(
            f"  errors: {failed.get('article', 0)} article pages failed"
            + "".join(f", {n} {page}" for page, n in sorted(failed.items()) if page != "article")
            + f" (the manifest's errors: {stats.get('osce/manifest')})"
        )
    if by_type:
        print("  by content type: " + ", ".join(f"{k} {v}" for k, v in by_type.most_common()))
        print("  by language:     " + ", ".join(f"{k} {v}" for k, v in by_language.most_common()))
    skipped = {
        k.removeprefix("osce/skipped/"): v
        for k, v in stats.items()
        if k.startswith("osce/skipped/")
    }
    if skipped:
        print("  skipped pages:   " + ", ".join(f"{k} {v}" for k, v in sorted(skipped.items())))
    if stats.get("osce/out_of_scope"):
        print(f"  out-of-scope links not followed: {stats['osce/out_of_scope']}")
    print(f"  items:    {items_file or '(none written)'}")
    warc = archive / "warc"
    responses = sorted(warc.glob("*.warc.gz")) if warc.is_dir() else []
    files = f"{len(responses)} file" + ("" if len(responses) == 1 else "s")
    print(f"  WARC:     {warc} ({files}; replay index in {archive / 'indexes'})")
    print(f"  index:    {archive / 'index.sqlite'}")
    manifest = stats.get("osce/manifest") or archive / "runs" / "latest.json"
    print(f"  manifest: {manifest}")
    quarantined = archive / "quarantine"
    if quarantined.is_dir() and any(quarantined.iterdir()):
        print(f"  refused:  {quarantined}")
    if (archive / "files").exists():
        print(f"  files:    {archive / 'files'}")


def _print_verdict(stats: dict[str, Any]) -> None:
    """A failed run says so under its first line: its exit code, the monitors that failed
    and the items it recorded as removed (a cron log is read for this line)."""
    try:
        manifest = json.loads(Path(stats["osce/manifest"]).read_text("utf-8"))
    except (KeyError, TypeError, OSError, ValueError):
        return
    removed = (manifest.get("items") or {}).get("removed") or 0
    if removed:
        print(
            f"  removed:  {removed} items no longer on the site (tombstoned, kept in the archive)"
        )
    if manifest.get("verdict") != "errors":
        return
    results = ((manifest.get("monitors") or {}).get("results")) or {}
    failed = [
        f"{name} ({outcome.get('detail')})"
        for name, outcome in results.items()
        if outcome.get("status") not in ("OK", "SKIPPED")
    ]
    print(
        f"  verdict:  FAILED (exit {manifest.get('exit_code')})"
        + (": " + "; ".join(failed) if failed else "")
    )


VISIBLE_PASSWORD_WARNING = (
    "osce-archive: warning: {what} on the command line is visible to other users of this "
    "machine (ps, /proc); use --http-pass-file or OSCE_ARCHIVE_HTTP_PASS{proxy}"
)


def _credentials_to_environment(args: argparse.Namespace) -> None:
    """Credentials reach Scrapy through the environment only, never through its settings."""
    if args.http_user is not None:
        os.environ["OSCE_ARCHIVE_HTTP_USER"] = args.http_user
    if args.http_pass is not None:
        print(VISIBLE_PASSWORD_WARNING.format(what="--http-pass", proxy=""), file=sys.stderr)
        os.environ["OSCE_ARCHIVE_HTTP_PASS"] = args.http_pass
    if args.http_pass_file is not None:
        try:
            text = Path(args.http_pass_file).read_text("utf-8")
        except (OSError, UnicodeDecodeError) as error:
            reason = getattr(error, "strerror", None) or "not UTF-8 text"
            raise UsageError(
                f"cannot read --http-pass-file {args.http_pass_file}: {reason}"
            ) from None
        os.environ["OSCE_ARCHIVE_HTTP_PASS"] = text.splitlines()[0] if text else ""
    if args.proxy:
        from urllib.parse import urlsplit

        if urlsplit(args.proxy).password:
            print(
                VISIBLE_PASSWORD_WARNING.format(
                    what="a proxy password", proxy=" (for a proxy: http_proxy)"
                ),
                file=sys.stderr,
            )
        os.environ["http_proxy"] = os.environ["https_proxy"] = args.proxy


def cmd_crawl(args: argparse.Namespace) -> int:
    options = parse_options(
        args.base_url,
        args.archive,
        args.since,
        args.until,
        args.lang,
        args.type,
        args.max_items,
        args.with_files,
    )
    _credentials_to_environment(args)
    stats = run_crawl(options, args.set, args.refresh)
    print_summary(stats, options.archive, options.max_items)
    say_unreachable(stats, options.base_url)
    return crawl_exit_code(stats)


def cmd_serve_sample(args: argparse.Namespace) -> int:
    from osce_crawler.mirror.server import serve

    if args.articles < 0:
        raise UsageError("--articles must be 0 or more")
    if args.edition < 1:
        raise UsageError("--edition must be 1 or more")
    try:
        return serve(
            args.port, args.articles, args.seed, args.offsite_url, args.verbose, args.edition
        )
    except OSError as error:
        raise UsageError(f"cannot serve on port {args.port}: {error.strerror or error}") from None


def cmd_demo(args: argparse.Namespace) -> int:
    """Serve the mirror, crawl it into the archive, stop, summarise.

    The mirror takes the port of the archive's last demo (DEMO_PORT for a new archive), so
    that a second demo re-crawls the same addresses (an incremental run) instead of
    archiving a second copy of the site under another port.
    """
    from osce_crawler.archive import lock
    from osce_crawler.mirror.server import MirrorServer
    from osce_crawler.mirror.site import MirrorSite

    running = lock.holder(Path(args.archive))
    if running is not None:  # before the port: a running demo holds both
        raise ArchiveLocked(f"another run (pid {running}) is using the archive {args.archive}")
    site = MirrorSite(articles=args.articles, seed=1)
    foreign = _pages_not_served(Path(args.archive), {record["path"] for record in site.records})
    if foreign:
        raise UsageError(
            f"demo: the archive {args.archive} holds {foreign} pages the demo's mirror does not"
            f" serve (a crawl of another site or mirror): the demo would record them as"
            f" removed. Give the demo a folder of its own, e.g. --archive demo-archive"
        )
    earlier = _last_demo_port(Path(args.archive))
    try:
        server = MirrorServer(site, port=earlier or DEMO_PORT)
    except OSError:
        if earlier:
            raise UsageError(
                f"demo: port {earlier} is in use, and the archive {args.archive} holds the"
                f" pages a demo archived from it: on another port every page would be"
                f" archived again under new addresses. Free the port (is another demo"
                f" running?), or give --archive a new folder"
            ) from None
        server = MirrorServer(site)  # a new archive: any free port
    server.start_in_thread()
    print(
        f"demo: serving the offline osce.org mirror ({len(server.site.records)} articles) "
        f"at {server.base_url}",
        flush=True,
    )
    options = parse_options(server.base_url, args.archive)
    started = time.monotonic()
    try:
        stats = run_crawl(
            options,
            [
                "AUTOTHROTTLE_ENABLED=0",
                "DOWNLOAD_DELAY=0",
                "CONCURRENT_REQUESTS_PER_DOMAIN=8",
                *args.set,
            ],
        )
    finally:
        server.shutdown()
        server.server_close()
    print(f"demo: mirror stopped after {time.monotonic() - started:.1f} s")
    print_summary(stats, options.archive)
    return crawl_exit_code(stats)


def _pages_not_served(archive: Path, paths: set[str]) -> int:
    """How many of the archive's live pages are not among the demo mirror's ``paths`` (or
    not on the loopback address at all); 0 for a new archive. Read-only: the index is
    opened as a file, not as the crawl's ArchiveIndex, which would write its schema."""
    import sqlite3
    from urllib.parse import urlsplit

    from osce_crawler.archive.index import LIVE_PAGE_URLS
    from osce_crawler.archive.reader import connect_read_only

    index = archive / "index.sqlite"
    if not index.is_file():
        return 0
    try:
        db = connect_read_only(index)
        try:
            rows = db.execute(LIVE_PAGE_URLS).fetchall()
        finally:
            db.close()
    except sqlite3.Error:
        return 0  # an index the crawl repairs or refuses itself, with its own message
    foreign = 0
    for (url,) in rows:
        parts = urlsplit(url)
        if parts.hostname != "127.0.0.1" or parts.path not in paths:
            foreign += 1
    return foreign


def _last_demo_port(archive: Path) -> int | None:
    """The loopback port the archive's last run crawled, if that run was a demo's."""
    from urllib.parse import urlsplit

    try:
        arguments = json.loads((archive / "runs" / "latest.json").read_text("utf-8"))["arguments"]
        base = urlsplit(arguments["base_url"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return base.port if base.hostname == "127.0.0.1" else None


class TerminalProgress:
    """A count rewritten in place on stderr, at most every ``interval`` seconds, when stderr
    is a terminal; nothing at all under cron (or any redirection)."""

    def __init__(self, label: str, interval: float = 0.2) -> None:
        self.label = label
        self.interval = interval
        self.shown = 0.0
        self.active = sys.stderr.isatty()
        self.count = 0

    def __call__(self, count: int) -> None:
        self.count = count
        now = time.monotonic()
        if self.active and now - self.shown >= self.interval:
            self.shown = now
            sys.stderr.write(f"\r{self.label}: {count}")
            sys.stderr.flush()

    def counted(self, lines: Any) -> Any:
        """``lines`` as they pass, counted."""
        for count, line in enumerate(lines, start=1):
            self(count)
            yield line

    def done(self) -> None:
        if self.active and self.shown:
            sys.stderr.write(f"\r{self.label}: {self.count}\n")
            sys.stderr.flush()


def _existing_archive(path: str) -> Path:
    archive = Path(path)
    if not (archive / "items").is_dir() and not (archive / "warc").is_dir():
        raise UsageError(f"{path} is not an archive (no items/ or warc/ folder)")
    return archive


def _writable_archive(path: str) -> Path:
    """An archive that ``compact`` and ``reextract`` may write: checked before any work."""
    archive = _existing_archive(path)
    for folder in (archive, archive / "items"):
        if folder.is_dir() and not os.access(folder, os.W_OK | os.X_OK):
            raise UsageError(f"the archive {path} is read-only ({folder} is not writable)")
    return archive


def _cannot_write(path: str, error: OSError) -> UsageError:
    from osce_crawler.archive.errors import is_storage_full

    if is_storage_full(error):
        raise error  # exit 5, as a crawl's
    where = f" {error.filename}" if error.filename else ""
    return UsageError(f"cannot write the archive {path}:{where} {error.strerror or error}")


def _whole_number(low: int, high: int | None, not_number: str, out_of_range: str) -> Any:
    """An argparse type: a whole number from ``low`` to ``high``, refused in the user's
    words ("{text}" and "{value}" in the messages stand for what was given)."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(not_number.format(text=repr(text))) from None
        if value < low or (high is not None and value > high):
            raise argparse.ArgumentTypeError(out_of_range.format(text=text, value=value))
        return value

    return parse


_port = _whole_number(0, 65535, "not a port number: {text}", "a port is 0 to 65535, not {value}")
_positive_int = _whole_number(1, None, "not a whole number: {text}", "must be 1 or more: {text}")
_non_negative_int = _whole_number(
    0, None, "not a whole number: {text}", "must be 0 or more: {text}"
)


@contextlib.contextmanager
def _maintaining(archive: str, progress: Any) -> Any:
    """Around a command that rewrites the archive: a write the system refuses is the usual
    one line (read-only archive, no permission), and the progress line is always closed."""
    try:
        yield
    except OSError as error:
        if error.errno is None:
            raise
        raise _cannot_write(archive, error) from None
    finally:
        progress.done()


def cmd_reextract(args: argparse.Namespace) -> int:
    from osce_crawler.archive.maintenance import reextract

    progress = TerminalProgress("reextract: responses extracted")
    with _maintaining(args.archive, progress):
        result = reextract(_writable_archive(args.archive), args.processes, progress)
    print(
        f"reextract: {result.responses} archived responses and {result.revisits} revisits, "
        f"{result.articles} articles extracted: "
        f"{result.new} new, {result.updated} changed (new version written), "
        f"{result.unchanged} unchanged"
    )
    for url in result.crashed:
        print(f"reextract: the extraction process died on {url}", file=sys.stderr)
    for url in result.dangling:
        print(f"reextract: the payload of {url}'s latest capture is lost", file=sys.stderr)
    return EXIT_ERRORS if result.crashed or result.dangling else EXIT_OK


def cmd_compact(args: argparse.Namespace) -> int:
    from osce_crawler.archive.maintenance import compact

    progress = TerminalProgress("compact: lines copied")
    with _maintaining(args.archive, progress):
        merged, lines = compact(_writable_archive(args.archive), progress)
    print(
        f"compact: {counted(merged, 'item file')} merged into one, {counted(lines, 'line')} kept"
        if merged
        else f"compact: nothing to merge ({lines} lines in one file)"
    )
    return EXIT_OK


# -- analysis and archivists' commands (issue 7): osce_crawler/analysis/ --------------------
EXIT_PROBLEMS = 1  # validate: problems found
LANG_HELP = "languages, ISO 639-1, any case, e.g. en,ru (default: every language)"


def _reading_archive(path: str) -> Any:
    """The archive to read, or a usage error in one line."""
    from osce_crawler.archive.reader import Archive

    if not Path(path).is_dir():
        where = "" if Path(path).is_absolute() else f" (in {Path.cwd()})"
        raise UsageError(f"no archive at {path}{where}: give its folder with --archive")
    try:
        return Archive(path)
    except FileNotFoundError as error:
        raise UsageError(str(error)) from None


def _say_skipped(archive: Any, command: str) -> None:
    """One line on stderr when the read skipped torn or schema-breaking lines."""
    note = archive.skipped_note()
    if note:
        print(f"{command}: {note}", file=sys.stderr)


def _day_option(value: str | None, name: str) -> str | None:
    if value in (None, ""):
        return None
    try:
        from datetime import date

        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise UsageError(f"--{name} must be a date as YYYY-MM-DD, not {value!r}") from None


def _output_file(path: str, archive: Path) -> Path:
    """An output path whose folder exists and is writable (checked before any work), and
    outside the archive: an export over ``items/*.jsonl`` would truncate the very file it
    reads, and any file there is the archive's, not the user's."""
    out = Path(path)
    folder = out.parent if str(out.parent) else Path(".")
    if out.is_dir():
        raise UsageError(f"{path} is a directory; give a file name with -o")
    if out.resolve().is_relative_to(archive.resolve()):
        raise UsageError(
            f"will not write {path}: it is inside the archive {archive}; write outside it"
        )
    if not folder.is_dir():
        raise UsageError(f"cannot write {path}: no folder {folder}")
    if not os.access(folder, os.W_OK) or (out.exists() and not os.access(out, os.W_OK)):
        raise UsageError(f"cannot write {path}: permission denied")
    return out


@contextlib.contextmanager
def _replacing(out: Path) -> Any:
    """A partial file beside ``out`` that takes its place only once written whole: a failed
    or interrupted export leaves the earlier file as it was, never half of one."""
    partial = out.with_name(f".{out.stem}.partial-{os.getpid()}{out.suffix}")
    try:
        yield partial
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)


def cmd_validate(args: argparse.Namespace) -> int:
    from osce_crawler.analysis.validate import format_report, validate_archive

    archive = _reading_archive(args.archive)
    if args.repair:
        from osce_crawler.archive.integrity import repair_archive

        _writable_archive(args.archive)  # read-only: one line, exit 2, before any change
        done, unrecoverable = repair_archive(archive.root)
        for line in done:
            print(f"repair: {line}")
        for line in unrecoverable:
            print(f"repair: cannot rebuild: {line}")
    report = validate_archive(archive)
    print(format_report(archive, report))
    return EXIT_OK if report.clean else EXIT_PROBLEMS


def cmd_stats(args: argparse.Namespace) -> int:
    from osce_crawler.analysis.stats import compute_stats, format_stats

    archive = _reading_archive(args.archive)
    stats = compute_stats(archive)
    if args.json:
        from osce_crawler.analysis.safe_text import json_for_terminal

        print(json_for_terminal(json.dumps(stats, ensure_ascii=False, indent=1)))
    else:
        from osce_crawler.analysis.safe_text import printable

        print(printable(format_stats(stats)))  # names and labels come from the pages
    _say_skipped(archive, "stats")
    return EXIT_OK


EXPORT_FORMATS = {
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".wacz": "wacz",
}


def export_format(output: str, given: str | None) -> str:
    """The format ``export`` writes: ``--format`` if given, else the ``-o`` suffix (.csv,
    .jsonl, .parquet, .pq, .wacz), else CSV (standard output, a name without a suffix); a
    ``--format`` the suffix contradicts, or a suffix no format has, is refused (CSV in a
    file named .json or .tsv would surprise whoever opens it)."""
    suffix = Path(output).suffix.lower() if output != "-" else ""
    inferred = EXPORT_FORMATS.get(suffix)
    if given and inferred and given != inferred:
        raise UsageError(f"--format {given} does not match the file name {output}")
    if suffix and not inferred and not given:
        known = ", ".join(EXPORT_FORMATS)
        raise UsageError(
            f"cannot tell the format of {output} from its suffix: name it {known}, or give --format"
        )
    chosen = given or inferred or "csv"
    if chosen in ("parquet", "wacz") and output == "-":
        name = "Parquet" if chosen == "parquet" else "WACZ"
        raise UsageError(f"{name} cannot be written to standard output: give a file with -o")
    return chosen


def cmd_export(args: argparse.Namespace) -> int:
    from osce_crawler.analysis.export import write_csv, write_jsonl, write_parquet
    from osce_crawler.options import parse_languages

    archive = _reading_archive(args.archive)
    since, until = _day_option(args.since, "since"), _day_option(args.until, "until")
    if since and until and since > until:
        raise UsageError(f"--since {since} is after --until {until}")
    languages = parse_languages(args.lang)
    chosen = export_format(args.output, args.format)
    out = sys.stdout if args.output == "-" else _output_file(args.output, archive.root)
    if chosen == "parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise UsageError(
                "Parquet needs pyarrow: pip install 'osce-archive[analysis]'"
            ) from None
    if chosen == "wacz":
        from osce_crawler.analysis.export import write_wacz

        try:
            import wacz  # noqa: F401
        except ImportError:
            raise UsageError("--format wacz needs wacz: pip install 'osce-archive[wacz]'") from None
        if since or until or languages:
            raise UsageError("--format wacz packages the whole archive: no --since/--until/--lang")
        try:
            with _replacing(out) as partial:
                count = write_wacz(archive, partial)
        except ValueError as error:
            raise UsageError(str(error)) from None
        print(f"export: {count} pages packaged in {out} (wacz)", file=sys.stderr)
        return EXIT_OK
    progress = TerminalProgress("export: items written")
    lines = progress.counted(archive.items(since=since, until=until, language=languages))
    writer = {"parquet": write_parquet, "jsonl": write_jsonl}.get(chosen, write_csv)
    try:
        if out is sys.stdout:
            count = writer(lines, out)
        else:
            with _replacing(out) as partial:
                count = writer(lines, partial)
    finally:
        progress.done()
    where = "standard output" if args.output == "-" else out
    note = archive.skipped_note()
    tail = f"; {note}" if note else ""
    print(f"export: {counted(count, 'item')} written to {where} ({chosen}){tail}", file=sys.stderr)
    return EXIT_OK


def cmd_quotes(args: argparse.Namespace) -> int:
    from osce_crawler.analysis.quotes import format_quote, iter_quotes, sorted_quotes

    archive = _reading_archive(args.archive)
    since, until = _day_option(args.since, "since"), _day_option(args.until, "until")
    from osce_crawler.options import parse_languages

    quotes = iter_quotes(archive, args.speaker, since, until, parse_languages(args.lang))
    printed = 0
    for quote in sorted_quotes(quotes):
        print(format_quote(quote, args.json))
        printed += 1
    if not printed:  # an empty answer says so, on stderr: standard output stays data
        print("quotes: no quote matched", file=sys.stderr)
    _say_skipped(archive, "quotes")
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from osce_crawler.analysis.report import render_report

    archive = _reading_archive(args.archive)
    out = _output_file(args.output, archive.root)
    with _replacing(out) as partial:
        partial.write_text(render_report(archive), encoding="utf-8")
    note = archive.skipped_note()
    print(f"report: {out}" + (f"; {note}" if note else ""), file=sys.stderr)
    return EXIT_OK


def add_analysis_commands(commands: Any) -> None:
    """validate, stats, export, quotes, report: read-only commands over an archive."""
    archive_help = "archive directory (default: archive/)"
    validate = _command(
        commands,
        "validate",
        help="check the archive: schema, duplicates, WARC references, torn lines, index "
        "(exit 0 clean, 1 problems found)",
    )
    validate.add_argument("--archive", default="archive", help=archive_help)
    validate.add_argument(
        "--repair",
        action="store_true",
        help="first rebuild what the files allow (the index from the item files, the CDXJ "
        "from the WARC files) and list what cannot be rebuilt",
    )
    validate.set_defaults(run=cmd_validate)
    stats = _command(commands, "stats", help="what the archive holds: counts and coverage")
    stats.add_argument("--archive", default="archive", help=archive_help)
    stats.add_argument("--json", action="store_true", help="one JSON document")
    stats.set_defaults(run=cmd_stats)
    export = _command(
        commands,
        "export",
        help="the latest items as CSV, JSON Lines or Parquet, or the whole archive as WACZ",
    )
    export.add_argument("--archive", default="archive", help=archive_help)
    export.add_argument(
        "--format",
        choices=("csv", "jsonl", "parquet", "wacz"),
        help="default: from the -o suffix (.csv, .jsonl or .ndjson, .parquet or .pq, .wacz),"
        " else csv",
    )
    export.add_argument("--since", help="published on or after (YYYY-MM-DD)")
    export.add_argument("--until", help="published on or before (YYYY-MM-DD)")
    export.add_argument("--lang", "--language", dest="lang", help=LANG_HELP)
    export.add_argument(
        "-o", "--output", required=True, help="the file to write, or - for standard output"
    )
    export.set_defaults(run=cmd_export)
    quotes = _command(commands, "quotes", help="the quotes: date, speaker, text, URL")
    quotes.add_argument("--archive", default="archive", help=archive_help)
    quotes.add_argument("--speaker", help="only this speaker (part of the name, any case)")
    quotes.add_argument("--since", help="published on or after (YYYY-MM-DD)")
    quotes.add_argument("--until", help="published on or before (YYYY-MM-DD)")
    quotes.add_argument("--lang", "--language", dest="lang", help=LANG_HELP)
    quotes.add_argument("--json", action="store_true", help="JSON Lines, one quote per line")
    quotes.set_defaults(run=cmd_quotes)
    report = _command(commands, "report", help="one self-contained HTML page on the archive")
    report.add_argument("--archive", default="archive", help=archive_help)
    report.add_argument("-o", "--output", default="report.html", help="default: report.html")
    report.set_defaults(run=cmd_report)


class _HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Shows each option's default, unless its help already says it."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        text = action.help or ""
        default = action.default
        if (
            text
            and "default" not in text
            and default not in (None, False, [], argparse.SUPPRESS)
            and action.option_strings
        ):
            text += " (default: %(default)s)"
        return text


class _Parser(argparse.ArgumentParser):
    """argparse with the project's convention: a usage error is one line on stderr, exit 2."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        kwargs.setdefault("allow_abbrev", False)  # "--art 5" is a typo, not --articles
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _add_setting_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-s",
        dest="set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="override a Scrapy setting, as scrapy crawl -s does",
    )


def _command(
    commands: Any,
    name: str,
    help: str,
    **kwargs: Any,  # noqa: A002
) -> argparse.ArgumentParser:
    """A subcommand whose --help starts with what it does (its one-line help)."""
    description = kwargs.pop("description", help[:1].upper() + help[1:] + ".")
    parser = commands.add_parser(name, help=help, description=description, **kwargs)
    parser.set_defaults(command_parser=parser)  # unknown options are reported by it
    return parser


def _unknown_options(parser: argparse.ArgumentParser, extra: list[str]) -> NoReturn:
    """ "unrecognized arguments" from the command's own parser, so that the line points to
    ``osce-archive stats --help``, with the option meant when it is a near miss."""
    import difflib

    known = [o for action in parser._actions for o in action.option_strings]
    option = next((word.split("=", 1)[0] for word in extra if word.startswith("-")), "")
    near = difflib.get_close_matches(option, known, n=1) if option else []
    hint = f"; did you mean {near[0]}?" if near else ""
    parser.error(f"unrecognized arguments: {' '.join(extra)}{hint}")


EXIT_CODES_HELP = """exit codes:
  0  the run finished (or stopped at --max-items)
  1  finished with errors above MAX_ERROR_RATE, or a monitor failed; validate: problems found
  2  usage error or unusable input (one line on stderr)
  3  another run holds the archive's lock; nothing was done
  4  interrupted (Ctrl-C, SIGTERM): the manifest says interrupted, the next run resumes
  5  the archive's disk is full: free space and run again, it resumes
  6  the site could not be reached (refused, DNS, time-outs): nothing was archived"""


def build_parser() -> argparse.ArgumentParser:
    from osce_crawler import __version__

    parser = _Parser(
        prog="osce-archive",
        description="Crawl and archive the public pages of osce.org.",
        epilog=EXIT_CODES_HELP,
    )
    parser.add_argument("--version", action="version", version=f"osce-archive {__version__}")
    commands = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", parser_class=_Parser
    )
    extract = _command(commands, "extract", help="extract one page into an item (one JSON line)")
    extract.add_argument("path", help="an HTML file, or - for standard input")
    extract.add_argument("--url", help="the page's URL (default: the file's file:// URI)")
    extract.add_argument(
        "--max-size",
        type=_positive_int,
        default=None,
        metavar="BYTES",
        help="read at most this many bytes (default: the crawl's DOWNLOAD_MAXSIZE, 50 MiB)",
    )
    extract.set_defaults(run=cmd_extract)
    crawl = _command(commands, "crawl", help="crawl osce.org (or --base-url) into the archive")
    crawl.add_argument("--base-url", help="the site to crawl (default https://www.osce.org)")
    crawl.add_argument("--archive", default="archive", help="archive directory (default: archive/)")
    crawl.add_argument("--since", help="only items published on or after this date (YYYY-MM-DD)")
    crawl.add_argument("--until", help="only items published on or before this date (YYYY-MM-DD)")
    crawl.add_argument("--lang", "--language", dest="lang", help=LANG_HELP)
    crawl.add_argument(
        "--type", help="content types, among " + ",".join(CONTENT_TYPES) + " (default: all)"
    )
    crawl.add_argument("--max-items", help="stop after this many items (1 or more)")
    crawl.add_argument("--with-files", action="store_true", help="download attachments (PDFs)")
    crawl.add_argument("--http-user", help="HTTP basic auth user for the site")
    crawl.add_argument(
        "--http-pass",
        help="its password (visible to other users: prefer --http-pass-file or "
        "OSCE_ARCHIVE_HTTP_PASS)",
    )
    crawl.add_argument("--http-pass-file", help="a file whose first line is the password")
    crawl.add_argument("--proxy", help="HTTP proxy, e.g. http://user:pass@proxy:3128")
    crawl.add_argument(
        "--refresh",
        action="store_true",
        help="fetch every page in full, ignoring what the archive knows",
    )
    _add_setting_option(crawl)
    crawl.set_defaults(run=cmd_crawl)
    serve = _command(
        commands, "serve-sample", help="serve the offline osce.org mirror on 127.0.0.1"
    )
    serve.add_argument("--port", type=_port, default=8000, help="port (0: any free port)")
    serve.add_argument(
        "--articles", type=_non_negative_int, default=0, help="synthetic articles to add"
    )
    serve.add_argument("--seed", type=int, default=0, help="seed of the synthetic articles")
    serve.add_argument("--offsite-url", help="where the mirror's off-site links point")
    serve.add_argument(
        "--edition",
        type=_positive_int,
        default=1,
        help="later editions publish, edit and remove articles (default 1)",
    )
    serve.add_argument("--verbose", action="store_true", help="log every request")
    serve.set_defaults(run=cmd_serve_sample)
    reextract = _command(
        commands, "reextract", help="rebuild items from the archived responses (no network)"
    )
    reextract.add_argument("--archive", default="archive", help="archive directory")
    reextract.add_argument(
        "--processes",
        type=_non_negative_int,
        default=None,
        help="extraction processes (default: one per core, at most 4; 0: none, all in one)",
    )
    reextract.set_defaults(run=cmd_reextract)
    compact = _command(commands, "compact", help="merge the item files into one, atomically")
    compact.add_argument("--archive", default="archive", help="archive directory")
    compact.set_defaults(run=cmd_compact)
    demo = _command(commands, "demo", help="crawl the offline mirror into the archive")
    demo.add_argument("--archive", default="archive", help="archive directory (default: archive/)")
    demo.add_argument(
        "--articles", type=_non_negative_int, default=0, help="synthetic articles to add"
    )
    _add_setting_option(demo)
    demo.set_defaults(run=cmd_demo)
    add_analysis_commands(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra:
        _unknown_options(getattr(args, "command_parser", parser), extra)
    try:
        return args.run(args)
    except UsageError as error:
        print(f"osce-archive: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except ArchiveLocked as error:
        print(f"osce-archive: {error}; not starting a second run", file=sys.stderr)
        return EXIT_LOCKED
    except KeyboardInterrupt:
        print("osce-archive: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
