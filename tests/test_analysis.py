"""Loading, stats, export, quotes, report, validate and monitors on archives of real crawls."""

from __future__ import annotations

import csv
import json
import os
import re
import shlex
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from osce_crawler.archive import Archive
from osce_crawler.content_types import type_name
from osce_crawler.item import ITEM_KEYS
from osce_crawler.mirror.server import MirrorServer
from osce_crawler.mirror.site import MirrorSite

from .conftest import REPO, crawl, run_cli

ARTICLES = 40
DOC = REPO / "docs" / "analysis.md"


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    """One archive, two real crawls: edition 1, then edition 2 (edits, additions, removals)."""
    archive = tmp_path_factory.mktemp("analysis") / "archive"
    with MirrorServer(MirrorSite(articles=ARTICLES, seed=3)) as server:
        first, _ = crawl(server.base_url, archive)
        server.site = MirrorSite(articles=ARTICLES, seed=3, edition=2)
        second, lines = crawl(server.base_url, archive)
    assert first.returncode == 0, first.stderr[-2000:]
    assert second.returncode == 0, second.stderr[-2000:]
    return archive, lines


def live_latest(lines: list[dict]) -> dict[tuple, dict]:
    latest: dict[tuple, dict] = {}
    for line in lines:
        key = (line["canonical_url"] or line["url"], line["language"])
        if key not in latest or line["version"] > latest[key]["version"]:
            latest[key] = line
    return {k: v for k, v in latest.items() if not v["removed_at"]}


# -- the manifests: monitors ------------------------------------------------------------------
def test_every_run_records_its_monitors(crawled):
    archive, _ = crawled
    runs = Archive(archive).runs()
    assert len(runs) == 2
    for run in runs:
        monitors = run["monitors"]
        assert monitors["passed"] is True and run["verdict"] == "success"
        assert set(monitors["results"]) == {
            "item_validation",
            "field_coverage",
            "error_rate",
            "item_drop",
            "markup_drift",
        }
        coverage = monitors["figures"]["field_coverage"]
        assert set(coverage) == set(ITEM_KEYS)
        assert coverage["title"] == coverage["body"] == 1.0
    assert runs[0]["monitors"]["results"]["item_drop"]["status"] == "SKIPPED"
    second = runs[1]["monitors"]
    assert second["results"]["item_drop"]["status"] == "OK"
    assert second["figures"]["previous_run"]["run_id"] == runs[0]["run_id"]


def test_a_failing_monitor_fails_the_run(crawled, tmp_path):
    """A sharp drop and a coverage shortfall: verdict errors, exit code 1, reasons recorded."""
    archive, _ = crawled
    copy = tmp_path / "archive"
    shutil.copytree(archive, copy)
    with MirrorServer(MirrorSite(articles=ARTICLES, seed=3, edition=2)) as server:
        result, _ = crawl(
            server.base_url,
            copy,
            "--refresh",
            "-s",
            'MONITOR_FIELD_COVERAGE={"title": 0.99, "modified": 0.99}',
            "-s",
            "MONITOR_ITEM_DROP_MIN_RATIO=1.5",
        )
    manifest = json.loads((copy / "runs" / "latest.json").read_text("utf-8"))
    assert result.returncode == 1 and manifest["verdict"] == "errors"
    assert manifest["exit_code"] == 1
    results = manifest["monitors"]["results"]
    assert results["field_coverage"]["status"] == "FAIL"
    assert "modified" in results["field_coverage"]["detail"]
    assert "title" not in results["field_coverage"]["detail"]
    assert results["item_drop"]["status"] == "FAIL"
    assert results["error_rate"]["status"] == "OK"
    # the summary a cron log keeps says it failed, and why, under its first line
    (verdict,) = [line for line in result.stdout.splitlines() if "verdict:" in line]
    assert "FAILED (exit 1)" in verdict
    assert "field_coverage (" in verdict and "item_drop (" in verdict
    assert "error_rate" not in verdict


# -- loading --------------------------------------------------------------------------------
def test_items_yields_the_latest_live_version_of_each_item(crawled):
    archive, lines = crawled
    expected = live_latest(lines)
    assert any(line["removed_at"] for line in lines), "edition 2 removes pages"
    assert any(line["version"] > 1 and not line["removed_at"] for line in lines)
    got = list(Archive(archive).items())
    assert len(got) == len(expected)
    for item in got:
        key = (item["canonical_url"] or item["url"], item["language"])
        assert item == expected[key]
    assert sum(1 for _ in Archive(archive).items(latest_only=False)) == len(lines)


def test_items_without_the_index_gives_the_same(crawled, tmp_path):
    archive, _ = crawled
    copy = tmp_path / "archive"
    shutil.copytree(archive, copy, ignore=shutil.ignore_patterns("index.sqlite*"))
    assert not Archive(copy).index_is_current()
    assert list(Archive(copy).items()) == list(Archive(archive).items())


def test_items_filters(crawled):
    archive, lines = crawled
    latest = live_latest(lines).values()
    items = Archive(archive)
    russian = list(items.items(language="ru"))
    assert russian and len(russian) == sum(1 for i in latest if i["language"] == "ru")
    window = list(items.items(since="2010-01-01", until="2014-12-31"))
    assert window and all("2010-01-01" <= i["published"][:10] <= "2014-12-31" for i in window)
    assert len(window) == sum(
        1 for i in latest if i["published"] and "2010" <= i["published"][:4] <= "2014"
    )
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        list(items.items(since="2010-13-01"))
    # languages as --lang takes them: any case, several at once; an unknown code is an
    # error, not an empty answer
    assert list(items.items(language="RU")) == russian
    both = list(items.items(language="en,ru"))
    assert both == list(items.items(language=["EN", "ru"]))
    assert len(both) == sum(1 for i in latest if i["language"] in ("en", "ru")) > len(russian)
    with pytest.raises(ValueError, match="unknown language xx"):
        list(items.items(language="xx"))


def test_to_pandas(crawled):
    archive, lines = crawled
    frame = Archive(archive).to_pandas(language="en")
    assert len(frame) == sum(1 for i in live_latest(lines).values() if i["language"] == "en")
    assert list(frame.columns)[: len(ITEM_KEYS)] == list(ITEM_KEYS)


# -- the documentation's examples, as written ----------------------------------------------
def doc_blocks(language: str) -> list[str]:
    text = DOC.read_text("utf-8")
    return re.findall(rf"```{language}\n(.*?)```", text, flags=re.S)


def test_the_python_examples_run(crawled, monkeypatch, capsys):
    archive, lines = crawled
    monkeypatch.chdir(archive.parent)
    blocks = doc_blocks("python")
    assert len(blocks) == 2
    expected = live_latest(lines)
    space: dict = {}
    exec(compile(blocks[0], "analysis.md: Archive", "exec"), space)
    assert len(space["df"]) == len(expected) and space["every_version"] == len(lines)
    space = {}
    exec(compile(blocks[1], "analysis.md: pandas", "exec"), space)
    assert len(space["latest"]) == len(expected)
    assert set(space["latest"]["url"]) == {i["url"] for i in expected.values()}
    assert space["speakers"].sum() == sum(
        1 for i in expected.values() for q in i["quotes"] if q["speaker"]
    )
    assert "items;" in capsys.readouterr().out


def test_the_duckdb_examples_run(crawled, monkeypatch):
    duckdb = pytest.importorskip("duckdb")
    archive, lines = crawled
    monkeypatch.chdir(archive.parent)
    blocks = doc_blocks("sql")
    assert len(blocks) == 3
    connection = duckdb.connect()
    connection.execute(blocks[0])
    expected = live_latest(lines)
    assert connection.sql("SELECT count(*) FROM items").fetchall()[0][0] == len(expected)
    by_type = connection.sql(blocks[1]).fetchall()
    assert sum(row[-1] for row in by_type) == len(expected)
    speakers = connection.sql(blocks[2]).fetchall()
    assert speakers and speakers[0][1] >= speakers[-1][1]


def run_jq(command: str, cwd: Path) -> str:
    """The doc's jq command with the jq binary, else with the jq Python package."""
    if shutil.which("jq"):
        result = subprocess.run(
            ["bash", "-c", command], capture_output=True, text=True, cwd=cwd, check=True
        )
        return result.stdout
    jq = pytest.importorskip("jq", reason="neither a jq binary nor the jq package")
    words = shlex.split(command)
    assert words[0] == "jq"
    flags = {w for w in words[1:] if w.startswith("-")}
    program, *patterns = [w for w in words[1:] if not w.startswith("-")]
    values = [
        json.loads(line)
        for pattern in patterns
        for path in sorted(cwd.glob(pattern))
        for line in path.read_text("utf-8").splitlines()
    ]
    compiled = jq.compile(program)
    outputs = (
        compiled.input_value(values).all()
        if "-s" in flags
        else [out for value in values for out in compiled.input_value(value).all()]
    )
    raw = "-r" in flags
    return "".join(
        (out if raw and isinstance(out, str) else json.dumps(out, ensure_ascii=False)) + "\n"
        for out in outputs
    )


def test_the_jq_examples_run(crawled):
    archive, lines = crawled
    blocks = [b.strip() for b in doc_blocks("sh") if b.lstrip().startswith("jq")]
    assert len(blocks) == 3
    titles = run_jq(blocks[0], archive.parent).splitlines()
    assert titles and len(titles) == sum(
        1 for i in lines if (i["published"] or "").startswith("2021")
    )
    latest = [json.loads(x) for x in run_jq(blocks[1], archive.parent).splitlines()]
    assert len(latest) == len(live_latest(lines))
    quotes = run_jq(blocks[2], archive.parent).splitlines()
    assert len(quotes) == sum(len(i["quotes"]) for i in lines)


# -- commands ---------------------------------------------------------------------------------
def test_stats_json(crawled):
    archive, lines = crawled
    result = run_cli("stats", "--archive", str(archive), "--json")
    assert result.returncode == 0, result.stderr
    stats = json.loads(result.stdout)
    expected = live_latest(lines)
    assert stats["items"] == len(expected) and stats["lines"] == len(lines)
    assert stats["removed"] == sum(1 for i in lines if i["removed_at"])
    for key in ("by_month", "by_content_type", "by_language"):
        assert sum(stats[key].values()) == len(expected)
    # one count per type across languages, in English; a label of no known type as shown
    assert all(name == type_name(name) for name in stats["by_content_type"])
    assert stats["quotes"]["quotes"] == sum(len(i["quotes"]) for i in expected.values())
    assert stats["top_speakers"][0]["quotes"] >= stats["top_speakers"][-1]["quotes"]
    assert stats["field_coverage"]["title"] == 1.0
    text = run_cli("stats", "--archive", str(archive))
    assert text.returncode == 0 and "field coverage" in text.stdout


def test_export_csv_flattens_lists_as_documented(crawled, tmp_path):
    archive, lines = crawled
    out = tmp_path / "items.csv"
    result = run_cli("export", "--archive", str(archive), "--format", "csv", "-o", str(out))
    assert result.returncode == 0, result.stderr
    with open(out, encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    expected = live_latest(lines)
    assert len(rows) == len(expected)
    by_url = {i["url"]: i for i in expected.values()}
    for row in rows:
        item = by_url[row["url"]]
        assert row["sources"] == " | ".join(item["sources"])
        assert row["paragraphs"] == "\n\n".join(item["paragraphs"])
        assert json.loads(row["quotes"]) == item["quotes"]
        assert row["dateline_place"] == ((item["dateline"] or {}).get("place") or "")
        assert int(row["warc_offset"]) == item["warc"]["offset"]
    filtered = tmp_path / "en.csv"
    assert run_cli(
        "export", "--archive", str(archive), "--language", "en", "--since", "2010-01-01",
        "-o", str(filtered),
    ).returncode == 0  # fmt: skip
    with open(filtered, encoding="utf-8", newline="") as stream:
        kept = list(csv.DictReader(stream))
    assert kept and all(r["language"] == "en" and r["published"] >= "2010" for r in kept)


def test_export_jsonl_gives_the_latest_items_as_archived(crawled, tmp_path):
    pd = pytest.importorskip("pandas")
    duckdb = pytest.importorskip("duckdb")
    archive, lines = crawled
    out = tmp_path / "items.jsonl"
    result = run_cli("export", "--archive", str(archive), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "(jsonl)" in result.stderr
    exported = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    expected = live_latest(lines)
    assert sorted(exported, key=lambda i: i["url"]) == sorted(
        expected.values(), key=lambda i: i["url"]
    )
    assert len(pd.read_json(out, lines=True)) == len(expected)
    count = duckdb.sql(f"SELECT count(*) FROM read_json_auto('{out}')").fetchall()[0][0]
    assert count == len(expected)


def test_export_parquet_keeps_the_structure(crawled, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    archive, lines = crawled
    out = tmp_path / "items.parquet"
    result = run_cli("export", "--archive", str(archive), "--format", "parquet", "-o", str(out))
    assert result.returncode == 0, result.stderr
    table = pq.read_table(out)
    expected = live_latest(lines)
    assert table.num_rows == len(expected)
    rows = {r["url"]: r for r in table.to_pylist()}
    for item in expected.values():
        row = rows[item["url"]]
        assert row["quotes"] == item["quotes"] and row["sources"] == item["sources"]
        assert dict(row["provenance"]) == item["provenance"]


def test_export_parquet_writes_row_groups_as_it_goes(crawled, tmp_path):
    """One row group per ``batch`` items, each on disk before the next items are read:
    export holds one group at a time, whatever the archive's size."""
    pq = pytest.importorskip("pyarrow.parquet")
    from osce_crawler.analysis.export import write_parquet

    archive, _ = crawled
    items = list(Archive(archive).items())
    assert len(items) > 3 * 7
    out = tmp_path / "groups.parquet"
    on_disk_while_reading = []

    def lines():
        for number, item in enumerate(items):
            if number and number % 7 == 0:  # a group is full: written before we go on
                on_disk_while_reading.append(out.stat().st_size)
            yield item

    assert write_parquet(lines(), out, batch=7) == len(items)
    assert on_disk_while_reading[0] > len(b"PAR1")  # more than the magic at its start
    assert on_disk_while_reading == sorted(on_disk_while_reading)
    assert on_disk_while_reading[-1] > on_disk_while_reading[0]
    metadata = pq.ParquetFile(out).metadata
    assert metadata.num_row_groups == -(-len(items) // 7)
    assert {metadata.row_group(n).num_rows for n in range(metadata.num_row_groups - 1)} == {7}
    assert pq.read_table(out).column("url").to_pylist() == [item["url"] for item in items]


def test_quotes_command(crawled):
    archive, lines = crawled
    expected = live_latest(lines).values()
    result = run_cli("quotes", "--archive", str(archive), "--json")
    assert result.returncode == 0, result.stderr
    quotes = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(quotes) == sum(len(i["quotes"]) for i in expected)
    dates = [q["date"] for q in quotes if q["date"]]
    assert dates == sorted(dates)
    name = next(q["speaker"] for q in quotes if q["speaker"])
    part = name.split()[-1].lower()
    mine = run_cli("quotes", "--archive", str(archive), "--speaker", part, "--since", "2000-01-01")
    assert mine.returncode == 0 and mine.stdout
    for line in mine.stdout.splitlines():
        assert part in line.lower() and "http" in line
    assert "no quote matched" not in mine.stderr
    nobody = run_cli("quotes", "--archive", str(archive), "--speaker", "zzqx")
    assert nobody.returncode == 0 and nobody.stdout == ""
    assert nobody.stderr.strip() == "quotes: no quote matched"


def test_report_is_one_self_contained_page(crawled, tmp_path):
    archive, _ = crawled
    out = tmp_path / "report.html"
    result = run_cli("report", "--archive", str(archive), "-o", str(out))
    assert result.returncode == 0, result.stderr
    html = out.read_text("utf-8")
    assert "<script" not in html.lower() and "@import" not in html and "@font-face" not in html
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html, flags=re.I)
    assert html.count("<svg") >= 4
    for heading in (
        "Items per month",
        "Items per content type",
        "Items per field of work",
        "Field coverage",
        "Last runs",
    ):
        assert heading in html
    stats = json.loads(run_cli("stats", "--archive", str(archive), "--json").stdout)
    assert f"<b>{stats['items']}</b>items" in html
    for run in Archive(archive).runs():
        assert run["run_id"] in html
    assert html.count("success (exit 0)") == 2
    assert "Press release" in html


@pytest.mark.parametrize(
    "args, message",
    [
        (["stats", "--archive", "{missing}"], "no archive at"),
        (["quotes", "--archive", "{archive}", "--since", "2021-02-30"], "YYYY-MM-DD"),
        (["export", "--archive", "{archive}", "-o", "/nonexistent/dir/x.csv"], "cannot write"),
        (["report", "--archive", "{archive}", "-o", "{archive}"], "is a directory"),
        (["validate", "--archive", "{missing}"], "no archive at"),
        (["export", "--archive", "{archive}", "-o", "{archive}/x.csv"], "inside the archive"),
        (["report", "--archive", "{archive}", "-o", "{archive}/runs/r.html"], "inside the archive"),
    ],
)
def test_usage_errors_exit_2_with_one_line(crawled, tmp_path, args, message):
    archive, _ = crawled
    args = [a.format(archive=archive, missing=tmp_path / "none") for a in args]
    result = run_cli(*args)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and message in result.stderr
    assert "Traceback" not in result.stderr


def test_export_never_writes_over_the_archive_it_reads(crawled, tmp_path):
    """An export aimed at one of the archive's own item files (a slip of the tab key) would
    truncate the file it reads: refused, and the file keeps every line."""
    archive, _ = crawled
    copy = tmp_path / "archive"
    shutil.copytree(archive, copy)
    target = sorted((copy / "items").glob("*.jsonl"))[0]
    before = target.read_bytes()
    # a relative path that reaches the same file through another spelling
    sneaky = copy / ".." / copy.name / "items" / target.name
    for output in (target, sneaky):
        result = run_cli("export", "--archive", str(copy), "--lang", "ru", "-o", str(output))
        assert result.returncode == 2 and "inside the archive" in result.stderr
    assert target.read_bytes() == before
    assert run_cli("validate", "--archive", str(copy)).returncode == 0


def test_export_replaces_an_earlier_file_whole(crawled, tmp_path):
    """A nightly export to the same file: the new file takes the old one's place whole, and
    no partial file is left beside it."""
    archive, lines = crawled
    out = tmp_path / "latest.jsonl"
    out.write_text("an earlier export\n", encoding="utf-8")
    result = run_cli("export", "--archive", str(archive), "-o", str(out))
    assert result.returncode == 0, result.stderr
    exported = out.read_text("utf-8").splitlines()
    assert exported and all(json.loads(line)["url"] for line in exported)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["latest.jsonl"]


# -- validate -------------------------------------------------------------------------------
def test_validate_a_clean_archive(crawled):
    archive, lines = crawled
    result = run_cli("validate", "--archive", str(archive))
    assert result.returncode == 0, result.stdout
    assert result.stdout.rstrip().endswith("clean")
    assert f"{len(lines)} lines" in result.stdout


def corrupt(archive: Path, tmp_path: Path, how: str) -> Path:
    copy = tmp_path / "archive"
    shutil.copytree(archive, copy)
    files = sorted((copy / "items").glob("*.jsonl"))
    first = files[0].read_text("utf-8").splitlines(keepends=True)
    line = json.loads(first[0])
    if how == "torn":
        with open(files[-1], "a", encoding="utf-8") as out:
            out.write('{"url": "http://x/1", "tit')
    elif how == "duplicate_versions":
        with open(files[-1], "a", encoding="utf-8") as out:
            out.write(first[0])
    elif how == "schema":
        line["published"] = "x" * len(line["published"])  # same size: the index stays right
        files[0].write_text(
            json.dumps(line, ensure_ascii=False) + "\n" + "".join(first[1:]), "utf-8"
        )
    elif how == "dangling_warc":
        line["warc"]["record_id"] = "<urn:uuid:00000000-0000-0000-0000-000000000000>"
        files[0].write_text(
            json.dumps(line, ensure_ascii=False) + "\n" + "".join(first[1:]), "utf-8"
        )
    elif how == "index":
        db = sqlite3.connect(copy / "index.sqlite")
        # INSERT OR REPLACE gives a re-versioned item a new rowid: pick one that exists
        changed = db.execute(
            "UPDATE items SET version = version + 1 WHERE rowid = (SELECT min(rowid) FROM items)"
        ).rowcount
        assert changed == 1
        db.commit()
        db.close()
    return copy


@pytest.mark.parametrize("how", ["torn", "duplicate_versions", "schema", "dangling_warc", "index"])
def test_validate_finds_each_kind_of_problem(crawled, tmp_path, how):
    archive, _ = crawled
    broken = corrupt(archive, tmp_path, how)
    result = run_cli("validate", "--archive", str(broken))
    assert result.returncode == 1, result.stdout
    assert result.stdout.rstrip().endswith(("problems found", "1 problem found"))
    counts = {
        "torn": "torn or unreadable lines",
        "duplicate_versions": "duplicate versions",
        "schema": "lines the schema refuses",
        "dangling_warc": "dangling WARC references",
        "index": "index disagreements",
    }
    # a line appended after the crawl is also one the index has not seen
    also = {"index"} if how in ("torn", "duplicate_versions") else set()
    for kind, label in counts.items():
        row = next(r for r in result.stdout.splitlines() if r.strip().startswith(label))
        found = int(row.split()[-1])
        if kind == how:
            assert found > 0, row
        elif kind not in also:
            assert found == 0, row


def _chromium() -> str:
    """Debian's chromium (.ci/run installs it); the test is skipped where there is none."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    pytest.skip("no chromium here: apt-get install chromium (.ci/run does)")


def _headless(browser: str, *args: str, url: str) -> subprocess.CompletedProcess:
    command = [browser, "--headless=new", "--no-sandbox", "--disable-gpu"]
    command += ["--enable-logging=stderr", "--v=0", *args, url]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def test_the_report_shows_its_charts_in_a_real_browser(crawled, tmp_path):
    """Rendered by headless Chromium: every chart drawn, no console message, a screenshot
    (written to docs/report.png when OSCE_UPDATE_SCREENSHOTS=1)."""
    browser = _chromium()
    archive, _ = crawled
    report = tmp_path / "report.html"
    assert run_cli("report", "--archive", str(archive), "-o", str(report)).returncode == 0
    shown = _headless(browser, "--dump-dom", url=report.as_uri())
    assert shown.returncode == 0, shown.stderr[-2000:]
    assert [line for line in shown.stderr.splitlines() if ":CONSOLE" in line] == []
    dom = shown.stdout
    assert dom.count("<svg") >= 4 and dom.count("<rect") >= 10
    for heading in ("Items per month", "Items per content type", "Field coverage"):
        assert heading in dom
    shot = tmp_path / "report.png"
    taken = _headless(
        browser, "--window-size=1280,2000", f"--screenshot={shot}", url=report.as_uri()
    )
    assert taken.returncode == 0 and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    blank = tmp_path / "blank.html"
    blank.write_text("<html><body></body></html>", "utf-8")
    empty = tmp_path / "blank.png"
    _headless(browser, "--window-size=1280,2000", f"--screenshot={empty}", url=blank.as_uri())
    assert shot.stat().st_size > 5 * empty.stat().st_size  # charts and text, not a blank page
    if os.environ.get("OSCE_UPDATE_SCREENSHOTS") == "1":
        shutil.copyfile(shot, REPO / "docs" / "report.png")


def test_a_console_error_would_be_seen(tmp_path):
    """The check above can fail: a page that logs an error shows it in the browser's log."""
    browser = _chromium()
    page = tmp_path / "bad.html"
    page.write_text('<html><body><script>console.error("broken chart")</script></body></html>')
    shown = _headless(browser, "--dump-dom", url=page.as_uri())
    assert any(":CONSOLE" in line and "broken chart" in line for line in shown.stderr.splitlines())
