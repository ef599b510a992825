"""Nothing archived is lost: revisits followed, removals undone, damage found and repaired.

Each test plays its fault on the real crawler against the mirror (editions of the site
change, remove and bring back pages between runs) and checks what the archive does.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from osce_crawler.mirror.server import MirrorServer
from osce_crawler.mirror.site import MirrorSite

from .conftest import crawl, run_cli

ARTICLES = 60


def lines_of(archive: Path) -> list[dict]:
    return [
        json.loads(raw)
        for path in sorted((archive / "items").glob("*.jsonl"))
        for raw in path.read_bytes().splitlines()
    ]


def latest_lines(archive: Path) -> dict[tuple[str, str], dict]:
    latest: dict[tuple[str, str], dict] = {}
    for line in lines_of(archive):
        key = (line["canonical_url"] or line["url"], line["language"])
        if key not in latest or line["version"] > latest[key]["version"]:
            latest[key] = line
    return latest


@pytest.fixture(scope="module")
def changed_and_back(tmp_path_factory):
    """Edition 1, then edition 2 (pages edited, removed, added), then edition 1 again."""
    archive = tmp_path_factory.mktemp("changed-and-back")
    first = MirrorSite(articles=ARTICLES, seed=3)
    second = MirrorSite(articles=ARTICLES, seed=3, edition=2)
    outcomes = []
    with MirrorServer(first) as server:
        for site in (first, second, first):
            server.site = site
            result, _ = crawl(server.base_url, archive)
            assert result.returncode == 0, result.stderr[-2000:]
            outcomes.append(json.loads((archive / "runs" / "latest.json").read_text()))
    return archive, second, outcomes


def test_reextract_follows_revisits_to_the_latest_capture(changed_and_back, tmp_path):
    archive, second, _ = changed_and_back
    base = None
    latest = latest_lines(archive)
    for line in latest.values():
        base = line["url"].split("/", 3)[:3]
        break
    assert base is not None
    prefix = "/".join(base)
    edited_back = [
        line
        for (url, _), line in latest.items()
        if url.removeprefix(prefix) in second.edited_paths and line["removed_at"] is None
    ]
    # each edited page was archived three times: v1, the edit, v1 again (a revisit)
    assert len(edited_back) >= 5
    assert all(line["version"] == 3 for line in edited_back)
    result = run_cli("reextract", "--archive", str(archive), "--processes", "0")
    assert result.returncode == 0, result.stderr[-2000:]
    assert " 0 new, 0 changed" in result.stdout, result.stdout
    live = sum(1 for line in latest.values() if line["removed_at"] is None)
    assert f"{live} articles extracted" in result.stdout, result.stdout


def test_a_removed_page_that_comes_back_is_fetched(changed_and_back):
    archive, second, outcomes = changed_and_back
    latest = latest_lines(archive)
    removed_in_second = {
        url: line
        for (url, _), line in latest.items()
        if any(url.endswith(path) for path in second.removed_paths)
    }
    assert len(removed_in_second) >= 5
    assert outcomes[1]["items"]["removed"] >= len(removed_in_second)
    # back in edition 1, with the same sitemap lastmod as before their removal
    for url, line in removed_in_second.items():
        assert line["removed_at"] is None, url
        assert line["version"] == 3 and line["content_hash"], url
