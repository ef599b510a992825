"""Spidermon monitors run at the end of every crawl; their verdict goes into the manifest.

Four monitors, thresholds in settings.py (block "Monitors"):

- ``item_validation``: share of the items checked this run that failed the JSON Schema
  (they went to quarantine) at most ``MONITOR_MAX_INVALID_RATE``;
- ``field_coverage``: each field of ``MONITOR_FIELD_COVERAGE`` filled in on at least its
  share of the items checked (judged from ``MONITOR_COVERAGE_MIN_ITEMS`` items on);
- ``error_rate``: failed article pages at most ``MAX_ERROR_RATE`` of those attempted;
- ``item_drop``: items seen (new + updated + unchanged) at least
  ``MONITOR_ITEM_DROP_MIN_RATIO`` of the previous finished run with the same arguments:
  a redesign that breaks extraction shows as pages fetched but items missing;
- ``markup_drift``: among the run's article pages, at most ``MONITOR_DRIFT_MAX_SHARE``
  lack a title, published date, body or content type, or take their body from the
  generic layer, and none of these shares moved by more than ``MONITOR_DRIFT_MAX_MOVE``
  against the previous comparable run (judged from ``MONITOR_DRIFT_MIN_PAGES`` pages on):
  osce.org changed its templates.

Why not Spidermon's Scrapy extension: it runs its suites from its own ``spider_closed``
handler and keeps the result to itself, so the archive's manifest and exit code could
not depend on it. The suite is therefore run with Spidermon's own runner
(``SpiderMonitorRunner``, which also writes Spidermon's usual log lines) from
``ArchiveExtension.verdict``, on figures gathered here from Scrapy's stats and the store.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from spidermon import Monitor, MonitorSuite
from spidermon.contrib.scrapy.runners import SpiderMonitorResult, SpiderMonitorRunner

from osce_crawler.drift import drift_examples, histogram, shares
from osce_crawler.item import ITEM_KEYS

logger = logging.getLogger(__name__)

#: the arguments that change what a run can see: runs are compared only when they agree
COMPARABLE_ARGUMENTS = ("lang", "type", "since", "until", "max_items")
FINISHED_VERDICTS = ("success", "errors")


def error_rate(spider: Any, counts: Any) -> tuple[int, int, float]:
    """Failed article pages, article pages attempted, and their ratio.

    Only article pages, on both sides: failed listings, feeds, sitemaps, dropped items and
    skipped attachments are in the manifest's errors, but not in this rate.
    """
    attempted = getattr(spider, "pages_attempted", 0)
    failed = int(counts.failed.get("article", 0))
    return failed, attempted, failed / max(1, attempted)


def other_failures(counts: Any) -> dict[str, int]:
    """Failures that are not article pages, by what failed (reported on their own line)."""
    return {page: n for page, n in sorted(counts.failed.items()) if page != "article" and n}


def items_seen(items: dict[str, int]) -> int:
    """Items a run accounted for: written (new, updated) or confirmed unchanged."""
    return sum(int(items.get(key) or 0) for key in ("new", "updated", "unchanged"))


def previous_run(runs: Path, run_id: str, arguments: dict[str, Any]) -> dict[str, Any] | None:
    """The newest earlier finished run with the same arguments, or None."""
    for path in sorted(runs.glob("*.json"), reverse=True):
        if path.name == "latest.json" or path.stem >= run_id:
            continue
        try:
            manifest = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            continue
        if manifest.get("verdict") not in FINISHED_VERDICTS or not manifest.get("requests"):
            continue  # a run that asked for nothing (it could not start) saw nothing
        theirs = manifest.get("arguments") or {}
        if all(theirs.get(key) == arguments.get(key) for key in COMPARABLE_ARGUMENTS):
            return manifest
    return None


def gather_figures(crawler: Any, store: Any, stats: dict[str, Any]) -> dict[str, Any]:
    """What the monitors judge, taken from Scrapy's stats, the spider and the store."""
    counts = store.counts
    checked = int(stats.get("osce/items_checked", 0))
    coverage = {
        key: round(stats.get(f"osce/field_present/{key}", 0) / checked, 4) if checked else None
        for key in ITEM_KEYS
    }
    failed, attempted, rate = error_rate(crawler.spider, counts)
    arguments = getattr(crawler.spider, "arguments", {}) or {}
    seen = items_seen({"new": counts.new, "updated": counts.updated, "unchanged": counts.unchanged})
    previous = previous_run(store.paths.runs, store.run_id, arguments)
    pages, drift_shares = shares(histogram(stats))
    previous_pages, previous_shares = shares((previous or {}).get("provenance") or {})
    return {
        "drift": {
            "pages": pages,
            "shares": drift_shares,
            "examples": drift_examples(stats),
            "previous": (
                {
                    "run_id": previous.get("run_id"),
                    "pages": previous_pages,
                    "shares": previous_shares,
                }
                if previous and previous_pages
                else None
            ),
        },
        "items_checked": checked,
        "items_invalid": int(stats.get("osce/invalid_items", 0)),
        "field_coverage": coverage,
        "pages_attempted": attempted,
        "pages_failed": failed,
        "error_rate": round(rate, 4),
        "other_failures": other_failures(counts),
        "items_seen": seen,
        "previous_run": (
            {"run_id": previous.get("run_id"), "items_seen": items_seen(previous.get("items", {}))}
            if previous
            else None
        ),
    }


def thresholds(settings: Any) -> dict[str, Any]:
    return {
        "max_invalid_rate": settings.getfloat("MONITOR_MAX_INVALID_RATE", 0.0),
        "field_coverage": {
            key: float(value)
            for key, value in settings.getdict(
                "MONITOR_FIELD_COVERAGE",
                {"title": 0.99, "published": 0.99, "body": 0.99, "place": 0.90},
            ).items()
        },
        "coverage_min_items": settings.getint("MONITOR_COVERAGE_MIN_ITEMS", 20),
        "max_error_rate": settings.getfloat("MAX_ERROR_RATE", 0.02),
        "item_drop_min_ratio": settings.getfloat("MONITOR_ITEM_DROP_MIN_RATIO", 0.5),
        "item_drop_min_previous": settings.getint("MONITOR_ITEM_DROP_MIN_PREVIOUS", 10),
        "drift_max_share": settings.getfloat("MONITOR_DRIFT_MAX_SHARE", 0.10),
        "drift_max_move": settings.getfloat("MONITOR_DRIFT_MAX_MOVE", 0.10),
        "drift_min_pages": settings.getint("MONITOR_DRIFT_MIN_PAGES", 10),
    }


class _ArchiveMonitor(Monitor):
    """Reads ``figures`` and ``thresholds``; leaves a one-line ``detail`` for the manifest."""

    def note(self, detail: str) -> str:
        self.data.details[self.monitor_name] = detail
        return detail


class ItemValidationMonitor(_ArchiveMonitor):
    """Items failing the JSON Schema: extraction produced something the archive refuses."""

    def test_item_validation(self) -> None:
        figures, limit = self.data.figures, self.data.thresholds["max_invalid_rate"]
        checked, invalid = figures["items_checked"], figures["items_invalid"]
        rate = invalid / checked if checked else 0.0
        detail = self.note(
            f"{invalid} of {checked} items failed validation ({rate:.1%}; at most {limit:.1%}); "
            "see quarantine/"
            if invalid
            else f"all {checked} items valid"
        )
        self.assertLessEqual(rate, limit, detail)


class FieldCoverageMonitor(_ArchiveMonitor):
    """Key fields filled in: a field going empty is the first sign of a markup change."""

    def test_field_coverage(self) -> None:
        figures, limits = self.data.figures, self.data.thresholds
        checked = figures["items_checked"]
        shown = ", ".join(
            f"{key} {figures['field_coverage'].get(key) or 0:.1%}"
            for key in limits["field_coverage"]
        )
        if checked < limits["coverage_min_items"]:
            self.note(
                f"{checked} items checked, fewer than {limits['coverage_min_items']}: {shown}"
            )
            self.skipTest(self.data.details[self.monitor_name])
        short = [
            f"{key} {figures['field_coverage'].get(key) or 0:.1%} < {need:.0%}"
            for key, need in limits["field_coverage"].items()
            if (figures["field_coverage"].get(key) or 0) < need
        ]
        detail = self.note(
            f"below threshold: {', '.join(short)}" if short else f"{shown} of {checked} items"
        )
        self.assertFalse(short, detail)


class ErrorRateMonitor(_ArchiveMonitor):
    """Failed article pages (HTTP errors, timeouts) against those attempted."""

    def test_error_rate(self) -> None:
        figures, limit = self.data.figures, self.data.thresholds["max_error_rate"]
        others = figures.get("other_failures") or {}
        detail = self.note(
            f"{figures['pages_failed']} of {figures['pages_attempted']} article pages failed "
            f"({figures['error_rate']:.1%}; at most {limit:.1%})"
            + (
                "; not counted here: " + ", ".join(f"{k} {n}" for k, n in others.items())
                if others
                else ""
            )
        )
        failed = figures["pages_failed"]
        self.assertFalse(failed and figures["error_rate"] > limit, detail)


class ItemDropMonitor(_ArchiveMonitor):
    """Far fewer items than the previous comparable run: the site changed under us."""

    def test_item_drop(self) -> None:
        figures, limits = self.data.figures, self.data.thresholds
        previous = figures["previous_run"]
        if previous is None:
            self.note("no earlier finished run with the same arguments")
            self.skipTest(self.data.details[self.monitor_name])
        before, now = previous["items_seen"], figures["items_seen"]
        if before < limits["item_drop_min_previous"]:
            self.note(f"run {previous['run_id']} saw only {before} items: nothing to compare")
            self.skipTest(self.data.details[self.monitor_name])
        ratio = now / before
        detail = self.note(
            f"{now} items seen, {before} in run {previous['run_id']} ({ratio:.0%}; "
            f"at least {limits['item_drop_min_ratio']:.0%})"
        )
        self.assertGreaterEqual(ratio, limits["item_drop_min_ratio"], detail)


class MarkupDriftMonitor(_ArchiveMonitor):
    """Key fields lost or found only by the last-resort layer: the site's markup changed."""

    def test_markup_drift(self) -> None:
        drift, limits = self.data.figures["drift"], self.data.thresholds
        pages, found = drift["pages"], drift["shares"]
        if pages < limits["drift_min_pages"]:
            self.note(f"{pages} article pages, fewer than {limits['drift_min_pages']}: not judged")
            self.skipTest(self.data.details[self.monitor_name])
        problems = [
            f"{sign} on {share:.0%} of {pages} article pages (at most {limits['drift_max_share']:.0%})"
            for sign, share in found.items()
            if share > limits["drift_max_share"]
        ]
        previous = drift["previous"]
        if previous and previous["pages"] >= limits["drift_min_pages"]:
            for sign, share in found.items():
                before = previous["shares"].get(sign, 0.0)
                if abs(share - before) > limits["drift_max_move"]:
                    problems.append(
                        f"{sign} moved from {before:.0%} (run {previous['run_id']}) to {share:.0%}"
                    )
        if problems:
            examples = "; ".join(drift["examples"][:5]) or "none kept"
            detail = self.note(
                "the site's markup seems to have changed: "
                + "; ".join(problems)
                + f". Examples: {examples}"
            )
        else:
            detail = self.note(
                f"{pages} article pages: "
                + ", ".join(f"{sign} {share:.0%}" for sign, share in found.items())
            )
        self.assertFalse(problems, detail)


class _Result(SpiderMonitorResult):
    """Spidermon's log lines, through a logger: ``Spider.log`` is deprecated in Scrapy 2.19."""

    def log(self, msg: str, level: int = logging.DEBUG) -> None:
        logging.getLogger("spidermon").log(level, "[Spidermon] %s", msg)


class _Runner(SpiderMonitorRunner):
    def create_result(self) -> _Result:
        return _Result(self.spider)


class CrawlMonitorSuite(MonitorSuite):
    monitors = [
        ("item_validation", ItemValidationMonitor),
        ("field_coverage", FieldCoverageMonitor),
        ("error_rate", ErrorRateMonitor),
        ("item_drop", ItemDropMonitor),
        ("markup_drift", MarkupDriftMonitor),
    ]


def run_monitors(crawler: Any, store: Any, stats: dict[str, Any]) -> dict[str, Any]:
    """Run the suite; the manifest's ``monitors`` section (``passed`` false fails the run)."""
    figures = gather_figures(crawler, store, stats)
    limits = thresholds(crawler.settings)
    details: dict[str, str] = {}
    runner = _Runner(spider=crawler.spider)
    result = runner.run(
        CrawlMonitorSuite(crawler=crawler),
        stats=stats,
        crawler=crawler,
        spider=crawler.spider,
        figures=figures,
        thresholds=limits,
        details=details,
    )
    outcomes = {}
    for item in result.monitor_results:
        name = item.monitor.monitor_name
        detail = details.get(name) or item.reason or (item.error or "").strip().splitlines()[-1:]
        outcomes[name] = {
            "status": item.status,
            "detail": detail if isinstance(detail, str) else " ".join(detail),
        }
    return {
        "passed": all(o["status"] in ("OK", "SKIPPED") for o in outcomes.values()),
        "results": outcomes,
        "figures": figures,
        "thresholds": limits,
    }
