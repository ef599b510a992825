"""Crawl options, checked once for both `osce-archive crawl` and `scrapy crawl osce -a ...`."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from osce_crawler.content_types import CONTENT_TYPES, content_type_key
from osce_crawler.urls import SITE_LANGUAGES

DEFAULT_BASE_URL = "https://www.osce.org"


class UsageError(ValueError):
    """A user's mistake: reported in one line, exit code 2."""


@dataclass
class CrawlOptions:
    base_url: str = DEFAULT_BASE_URL
    archive: Path = Path("archive")
    since: date | None = None
    until: date | None = None
    languages: frozenset[str] = field(default_factory=frozenset)  # empty: every language
    types: frozenset[str] = field(default_factory=frozenset)  # content type keys; empty: all
    max_items: int | None = None
    with_files: bool = False


def parse_languages(lang: str | None) -> frozenset[str]:
    """``--lang en,RU`` as a set of ISO 639-1 codes, any case; empty for every language.
    One rule for every command (crawl, export, quotes and ``scrapy crawl osce -a lang=``)."""
    wanted = {code.strip().lower() for code in (lang or "").split(",") if code.strip()}
    unknown = sorted(wanted - SITE_LANGUAGES)
    if unknown:
        raise UsageError(
            f"unknown language {', '.join(unknown)}: use ISO 639-1 codes among "
            f"{','.join(sorted(SITE_LANGUAGES))}"
        )
    return frozenset(wanted)


def _date(value: str | None, name: str) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--{name} must be a date as YYYY-MM-DD, not {value!r}") from None


def parse_options(
    base_url: str | None = None,
    archive: str | os.PathLike | None = None,
    since: str | None = None,
    until: str | None = None,
    lang: str | None = None,
    type: str | None = None,  # noqa: A002 (the option's name)
    max_items: str | int | None = None,
    with_files: bool | str = False,
    check_archive: bool = True,
) -> CrawlOptions:
    options = CrawlOptions()
    if base_url:
        if "@" in base_url.partition("//")[2].partition("/")[0]:
            # never echo the URL: it holds a password
            raise UsageError(
                "--base-url must not hold credentials: use --http-user and --http-pass-file"
            )
        wrong = f"--base-url must be an http(s) URL such as {DEFAULT_BASE_URL}, not {base_url!r}"
        try:
            parts = urlsplit(base_url)
            parts.port  # noqa: B018 (raises on a port that is no number or out of range)
        except ValueError as error:  # "http://[::1", "http://host:99999", "http://host:abc"
            raise UsageError(f"{wrong}: {error}") from None
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise UsageError(wrong)
        options.base_url = f"{parts.scheme}://{parts.netloc.lower()}"
    options.since, options.until = _date(since, "since"), _date(until, "until")
    if options.since and options.until and options.since > options.until:
        raise UsageError(f"--since {options.since} is after --until {options.until}")
    options.languages = parse_languages(lang)
    if type:
        keys = set()
        for label in type.split(","):
            key = content_type_key(label)
            if key is None:
                raise UsageError(
                    f"unknown content type {label.strip()!r}: use one of {', '.join(CONTENT_TYPES)}"
                )
            keys.add(key)
        options.types = frozenset(keys)
    if max_items not in (None, ""):
        try:
            options.max_items = int(max_items)
        except ValueError:
            raise UsageError(f"--max-items must be a whole number, not {max_items!r}") from None
        if options.max_items < 1:
            raise UsageError("--max-items must be at least 1")
    options.with_files = with_files in (True, "1", "true", "True", "yes")
    options.archive = Path(archive) if archive else Path("archive")
    if check_archive:
        _check_writable(options.archive)
    return options


def _check_writable(path: Path) -> None:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(f"cannot create the archive directory {path}: {error.strerror}") from None
    if not path.is_dir() or not os.access(path, os.W_OK):
        raise UsageError(f"the archive directory {path} is not writable")
