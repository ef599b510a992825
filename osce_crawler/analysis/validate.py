"""``osce-archive validate``: is the archive what archive/README.md promises?

Checks, reading only (nothing is repaired here; ``osce-archive crawl`` repairs at open):

- every line is one complete JSON object (``torn``) that the JSON Schema accepts (``schema``);
- no identity has the same version twice (``duplicate_versions``), nor a missing one
  (``version_gaps``: versions run 1, 2, 3, ... per identity);
- every ``warc`` reference points at an existing file whose record at ``offset`` has the
  recorded WARC-Record-ID (``dangling_warc``);
- every WARC file's gzip members are read to their end (``warc_damaged``: a file cut
  in the middle, which ``warcio check`` does not notice), and every revisit record's
  target is in a readable file (``dangling_revisits``);
- index.sqlite's items table agrees with the latest version per identity in the files
  (``index``): same version, content hash and removal, no identity only on one side.

Exit code: 0 when clean, 1 when problems were found (2 stays for usage errors).
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from osce_crawler.archive.reader import Archive, connect_read_only, identity
from osce_crawler.schema import describe, line_validator
from osce_crawler.wording import counted

EXAMPLES = 10
CHECKS = (
    "torn",
    "schema",
    "duplicate_versions",
    "version_gaps",
    "dangling_warc",
    "warc_damaged",
    "dangling_revisits",
    "index",
)


@dataclass
class Report:
    lines: int = 0
    files: int = 0
    identities: int = 0
    warc_checked: int = 0
    problems: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CHECKS, 0))
    examples: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    notes: list[str] = field(default_factory=list)

    def problem(self, check: str, example: str) -> None:
        self.problems[check] += 1
        if len(self.examples[check]) < EXAMPLES:
            self.examples[check].append(example)

    @property
    def clean(self) -> bool:
        return not any(self.problems.values())


@dataclass
class _Latest:
    version: int
    content_hash: str | None
    removed_at: str | None
    where: str


def validate_archive(archive: Archive) -> Report:
    """Every check over the whole archive; memory grows with identities, not lines."""
    running = _running_run(archive)
    report = Report(files=len(archive.item_files()))
    if running is not None:
        pid, run_id = running
        report.notes.append(
            f"a crawl is running (pid {pid}, run {run_id or 'starting'}): its item file and "
            "the index it is updating are left out; the closed runs are checked"
        )
    validator = line_validator()
    versions: dict[tuple[str, str], set[int]] = defaultdict(set)
    latest: dict[tuple[str, str], _Latest] = {}
    warc_refs: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
    for raw in archive.raw_lines():
        if running is not None and raw.file.stem == running[1]:
            continue  # the open run's file: being written
        report.lines += 1
        where = f"{raw.file.name}:{raw.number}"
        if raw.data is None or not raw.complete:
            what = "no newline at the end" if raw.data is not None else "not a JSON object"
            report.problem("torn", f"{where}: {what}: {raw.text[:60]!r}")
            continue
        line = raw.data
        errors = sorted(validator.iter_errors(line), key=lambda e: list(e.absolute_path))
        if errors:
            shown = "; ".join(describe(e) for e in errors[:3])
            report.problem("schema", f"{where}: {shown}")
        version = line.get("version")
        if not isinstance(version, int):
            continue
        key = identity(line)
        if version in versions[key]:
            report.problem("duplicate_versions", f"{where}: {key[0]} ({key[1]}) v{version} again")
        versions[key].add(version)
        if key not in latest or version > latest[key].version:
            latest[key] = _Latest(version, line.get("content_hash"), line.get("removed_at"), where)
        warc = line.get("warc")
        if isinstance(warc, dict) and {"filename", "offset", "record_id"} <= warc.keys():
            warc_refs[str(warc["filename"])].append(
                (int(warc["offset"]), str(warc["record_id"]), where)
            )
    report.identities = len(versions)
    for key, seen in versions.items():
        missing = sorted(set(range(1, max(seen) + 1)) - seen)
        if missing:
            report.problem("version_gaps", f"{key[0]} ({key[1]}): no version {missing[:5]}")
    del versions
    _check_warc(archive.root / "warc", warc_refs, report)
    _check_warc_files(archive.root / "warc", report)
    if running is None:
        _check_index(archive, latest, report)
    quarantined = (
        list((archive.root / "quarantine").glob("*"))
        if (archive.root / "quarantine").is_dir()
        else []
    )
    if quarantined:
        report.notes.append(
            f"quarantine/ holds {len(quarantined)} files (rejected items, torn fragments): "
            "kept for inspection, not a problem of the archive"
        )
    return report


def _running_run(archive: Archive) -> tuple[str, str | None] | None:
    """(pid, run id) of a crawl holding the archive's lock now, or None."""
    import json

    from osce_crawler.archive.lock import holder

    pid = holder(archive.root)
    if pid is None:
        return None
    try:
        latest = json.loads((archive.root / "runs" / "latest.json").read_text("utf-8"))
    except (OSError, ValueError):
        latest = {}
    run_id = latest.get("run_id") if latest.get("verdict") == "running" else None
    return pid, run_id


def _record_id_at(stream: Any, offset: int) -> str | None:
    from warcio.archiveiterator import ArchiveIterator

    stream.seek(offset)
    try:
        record = next(iter(ArchiveIterator(stream, check_digests=False)))
    except Exception:  # no record there, or not a WARC record
        return None
    return record.rec_headers.get_header("WARC-Record-ID")


def _check_warc(
    directory: Path, refs: dict[str, list[tuple[int, str, str]]], report: Report
) -> None:
    for name, entries in sorted(refs.items()):
        path = directory / name
        if not path.is_file():
            for _, _, where in entries:
                report.problem("dangling_warc", f"{where}: {name} does not exist")
            continue
        with open(path, "rb") as stream:
            for offset, record_id, where in sorted(entries):
                report.warc_checked += 1
                found = _record_id_at(stream, offset)
                if found != record_id:
                    report.problem(
                        "dangling_warc",
                        f"{where}: {name}@{offset} holds {found or 'no record'}, not {record_id}",
                    )


def _check_warc_files(directory: Path, report: Report) -> None:
    from osce_crawler.archive.integrity import scan_warcs

    if not directory.is_dir():
        return
    scan = scan_warcs(directory)
    for name, check in scan.files.items():
        if check.problem is not None:
            report.problem("warc_damaged", f"{name}: {check.problem}")
    for dangling in scan.dangling:
        report.problem("dangling_revisits", dangling)
    report.notes.append(
        f"{len(scan.files)} WARC files read to the end, {scan.revisits} revisits resolved"
        if scan.files
        else "no WARC files"
    )


def _check_index(archive: Archive, latest: dict[tuple[str, str], _Latest], report: Report) -> None:
    path = archive.root / "index.sqlite"
    if not path.exists():
        report.problem("index", "index.sqlite is missing (the next crawl rebuilds it)")
        return
    try:
        db = connect_read_only(path)
        try:
            rows = db.execute(
                "SELECT canonical_url, language, version, content_hash, removed_at FROM items"
            ).fetchall()
            seen = dict(db.execute("SELECT name, indexed_bytes FROM item_files").fetchall())
        finally:
            db.close()
    except sqlite3.Error as error:
        report.problem("index", f"index.sqlite cannot be read: {error}")
        return
    for file in archive.item_files():
        if seen.get(file.name, 0) < file.stat().st_size:
            report.problem(
                "index",
                f"{file.name}: the index has seen {seen.get(file.name, 0)} of "
                f"{file.stat().st_size} bytes (the next crawl catches it up)",
            )
    indexed = set()
    for url, language, version, digest, removed_at in rows:
        key = (url, language)
        indexed.add(key)
        mine = latest.get(key)
        if mine is None:
            report.problem("index", f"{url} ({language}): in the index, in no item file")
        elif (version, digest, bool(removed_at)) != (
            mine.version,
            mine.content_hash,
            bool(mine.removed_at),
        ):
            report.problem(
                "index",
                f"{url} ({language}): index says v{version}, the files v{mine.version} "
                f"({mine.where})",
            )
    for key, mine in latest.items():
        if key not in indexed:
            report.problem("index", f"{key[0]} ({key[1]}): v{mine.version} not in the index")


def format_report(archive: Archive, report: Report) -> str:
    labels = {
        "torn": "torn or unreadable lines",
        "schema": "lines the schema refuses",
        "duplicate_versions": "duplicate versions",
        "version_gaps": "identities with missing versions",
        "dangling_warc": f"dangling WARC references (of {report.warc_checked} checked)",
        "warc_damaged": "WARC files truncated or corrupt",
        "dangling_revisits": "revisit records whose target is lost",
        "index": "index disagreements",
    }
    out = [
        f"validate {archive.root}: {counted(report.lines, 'line')} in "
        f"{counted(report.files, 'item file')}, {counted(report.identities, 'item')}"
    ]
    for check in CHECKS:
        count = report.problems[check]
        out.append(f"  {labels[check]:<48} {count}")
        out += [f"      {example}" for example in report.examples.get(check, [])]
        if count > len(report.examples.get(check, [])):
            out.append(f"      ... and {count - len(report.examples[check])} more")
    out += [f"  note: {note}" for note in report.notes]
    total = sum(report.problems.values())
    out.append("clean" if report.clean else f"{counted(total, 'problem')} found")
    return "\n".join(out)
