"""Run manifests: ``runs/<run-id>.json`` and ``runs/latest.json``, what a run did and how it ended.

Written when a run starts (verdict ``running``) and when it ends; a manifest still saying
``running`` when the next run opens the archive belongs to a run that was killed.
"""

from __future__ import annotations

import json
import os
import platform
from pathlib import Path
from typing import Any

#: verdict -> exit code (documented in the README)
EXIT_CODES = {
    "success": 0, "errors": 1, "usage": 2, "locked": 3, "interrupted": 4, "storage_full": 5,
    "unreachable": 6,
}  # fmt: skip


def versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {"python": platform.python_version()}
    for name in ("osce-archive", "scrapy", "warcio", "beautifulsoup4", "lxml", "dateparser"):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = "unknown"
    return out


def write_json_atomically(path: Path, data: dict[str, Any]) -> None:
    """Write to a temporary file, fsync, rename: readers never see half a manifest."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    with open(temporary, "w", encoding="utf-8") as out:
        json.dump(data, out, ensure_ascii=False, indent=1, default=str)
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, path)


def write_manifest(runs: Path, manifest: dict[str, Any]) -> Path:
    path = runs / f"{manifest['run_id']}.json"
    write_json_atomically(path, manifest)
    write_json_atomically(runs / "latest.json", manifest)
    return path


def mark_killed_runs(runs: Path) -> list[str]:
    """Manifests left at ``running`` by a killed process get the verdict ``killed``."""
    killed = []
    for path in sorted(runs.glob("*.json")):
        if path.name == "latest.json":
            continue
        try:
            manifest = json.loads(path.read_text("utf-8"))
        except ValueError:
            continue
        if manifest.get("verdict") == "running":
            manifest["verdict"] = "killed"
            manifest["note"] = "the process ended without closing the run (SIGKILL, power loss?)"
            write_json_atomically(path, manifest)
            killed.append(manifest.get("run_id", path.stem))
    return killed
