"""The markup-drift alarm: real crawls of the mirror as osce.org is known, and of the
same mirror the day its templates change (``MirrorSite(markup="redesign")``)."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from osce_crawler.archive.reader import Archive
from osce_crawler.drift import KEY_FIELDS
from osce_crawler.mirror.server import MirrorServer
from osce_crawler.mirror.site import MirrorSite

from .conftest import crawl, run_cli

ARTICLES = 30


def manifest(archive) -> dict:
    return json.loads((archive / "runs" / "latest.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def known_markup(tmp_path_factory):
    """An archive crawled from the site as known, once."""
    archive = tmp_path_factory.mktemp("drift") / "archive"
    with MirrorServer(MirrorSite(articles=ARTICLES, seed=5)) as server:
        result, lines = crawl(server.base_url, archive)
    assert result.returncode == 0, result.stderr[-2000:]
    return archive, lines


def test_pages_like_todays_do_not_trip_the_alarm(known_markup):
    archive, lines = known_markup
    run = manifest(archive)
    drift = run["monitors"]["results"]["markup_drift"]
    assert drift["status"] == "OK", drift
    assert run["verdict"] == "success"


def test_the_manifest_counts_how_each_key_field_was_found(known_markup):
    archive, lines = known_markup
    histogram = manifest(archive)["provenance"]
    assert set(histogram) == set(KEY_FIELDS)
    for key, layers in histogram.items():
        assert sum(layers.values()) == len(lines), key
        expected: dict[str, int] = {}
        for line in lines:
            layer = line["provenance"].get(key) if line[key] not in (None, "", []) else "missing"
            expected[layer] = expected.get(layer, 0) + 1
        assert layers == expected, key
    assert manifest(archive)["layer_failures"] == {}


def test_stats_shows_the_same_histogram(known_markup):
    archive, lines = known_markup
    result = run_cli("stats", "--archive", str(archive), "--json")
    assert result.returncode == 0, result.stderr
    assert (
        json.loads(result.stdout)["provenance"]["body"] == manifest(archive)["provenance"]["body"]
    )
    text = run_cli("stats", "--archive", str(archive)).stdout
    assert "how each key field was found" in text
    assert re.search(r"content_type\s+profile:current \d+", text)


def test_a_changed_template_fails_the_first_run_that_meets_it(tmp_path):
    archive = tmp_path / "archive"
    with MirrorServer(MirrorSite(articles=ARTICLES, seed=5, markup="redesign")) as server:
        result, lines = crawl(server.base_url, archive)
    run = manifest(archive)
    drift = run["monitors"]["results"]["markup_drift"]
    assert result.returncode == 1 and run["verdict"] == "errors"
    assert drift["status"] == "FAIL"
    assert "the site's markup seems to have changed" in drift["detail"]
    assert "body from the generic layer" in drift["detail"]
    examples = re.findall(r"http://127\.0\.0\.1:\d+/\S+", drift["detail"])
    assert len(examples) == 5
    assert lines, "the items are still archived: the alarm does not cost them"


def test_a_share_that_moves_against_the_previous_run_fails(known_markup, tmp_path):
    archive = tmp_path / "archive"
    shutil.copytree(known_markup[0], archive)
    with MirrorServer(MirrorSite(articles=ARTICLES, seed=5, markup="redesign")) as server:
        # a raised share limit leaves the move alone to trip the alarm
        result, _ = crawl(server.base_url, archive, "--refresh", "-s", "MONITOR_DRIFT_MAX_SHARE=1")
    drift = manifest(archive)["monitors"]["results"]["markup_drift"]
    assert result.returncode == 1
    assert drift["status"] == "FAIL"
    assert re.search(
        r"body from the generic layer moved from 0% \(run \w+\) to \d+%", drift["detail"]
    )
    assert len(Archive(archive).runs()) == 2


def test_the_baseline_run_asked_for_something(tmp_path):
    """The previous run the monitors compare with (item drop, drift): a run that made no
    request (it could not start) is no baseline; one once turned the next good run's
    item-drop check into "0 items: nothing to compare"."""
    from osce_crawler.monitors import previous_run

    arguments = {"base_url": "http://127.0.0.1:8123", "lang": None, "type": None}
    runs = [
        ("20260101T000000Z", {**arguments}, 500, "success"),
        ("20260102T000000Z", {**arguments, "lang": "de"}, 40, "success"),
        ("20260103T000000Z", {**arguments}, 0, "success"),
        ("20260104T000000Z", {**arguments}, 300, "interrupted"),
    ]
    for run_id, their_arguments, requests, verdict in runs:
        manifest = {"run_id": run_id, "arguments": their_arguments, "requests": requests}
        manifest["verdict"] = verdict
        (tmp_path / f"{run_id}.json").write_text(json.dumps(manifest), "utf-8")
    found = previous_run(tmp_path, "20260105T000000Z", arguments)
    assert found is not None and found["run_id"] == "20260101T000000Z"
    assert previous_run(tmp_path, "20260101T000000Z", arguments) is None
