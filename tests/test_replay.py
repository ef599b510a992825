"""Replay with a real pywb: every archived URL, at its latest capture, shows the archived page.

Three crawls of the mirror: a first one; a ``--refresh`` one, whose unchanged payloads are
stored as identical-payload revisits; and one whose sitemap fails, so that the known
articles are asked for conditionally and confirmed by 304s, stored as server-not-modified
revisits. After the second and the third, pywb (``wayback``, on 127.0.0.1) replays every
URL of the CDXJ index at its latest capture: status 200 and the archived body.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from osce_crawler.archive.warc import IDENTICAL_PAYLOAD, SERVER_NOT_MODIFIED
from osce_crawler.mirror import faults
from osce_crawler.mirror.faults import FaultySite
from osce_crawler.mirror.server import MirrorServer
from osce_crawler.mirror.site import MirrorSite

from .conftest import crawl

pytest.importorskip("pywb", reason="pywb is a test dependency: pip install -e '.[dev]'")

NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Pywb:
    """pywb's ``wayback`` in its own process, on 127.0.0.1, replaying one archive."""

    def __init__(self, archive: Path, workdir: Path):
        workdir.mkdir(parents=True, exist_ok=True)
        (workdir / "config.yaml").write_text(
            json.dumps(  # JSON is YAML
                {
                    "collections": {
                        "osce": {
                            "index_paths": str(archive / "indexes") + "/",
                            "archive_paths": str(archive / "warc") + "/",
                        }
                    },
                    "framed_replay": False,
                }
            )
        )
        self.port = _free_port()
        wayback = Path(sys.executable).with_name("wayback")
        self.process = subprocess.Popen(
            [str(wayback), "-b", "127.0.0.1", "-p", str(self.port), "-t", "2"],
            cwd=workdir,
            stdout=subprocess.DEVNULL,
            stderr=open(workdir / "pywb.log", "wb"),  # noqa: SIM115 - closed with the process
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    self.close()
                    raise RuntimeError(f"pywb did not start: {workdir / 'pywb.log'}") from None
                time.sleep(0.2)

    def latest(self, url: str) -> tuple[int, bytes, str | None]:
        """Status, body and Memento-Datetime of ``url`` replayed at its latest capture."""
        # a timestamp after every capture: pywb picks the closest, the latest; id_ replays
        # the archived bytes unchanged
        address = f"http://127.0.0.1:{self.port}/osce/29991231235959id_/{url}"
        try:
            with NO_PROXY.open(address, timeout=30) as response:
                return response.status, response.read(), response.headers.get("Memento-Datetime")
        except urllib.error.HTTPError as error:
            return error.code, error.read(), error.headers.get("Memento-Datetime")

    def close(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def archived_pages(archive: Path) -> dict[str, tuple[str, bytes]]:
    """URL -> (date, body) of its latest capture, for URLs whose latest capture is a page.

    What replay should show, worked out from the WARC files alone: a revisit (whatever
    it carries) shows the payload its digest names; a 304, whatever form it was stored
    in, confirms the URL's previous page; any other status is no page.
    """
    payloads: dict[str, bytes] = {}  # payload digest -> body of a 200 response
    latest: dict[str, tuple[str, bytes | None]] = {}
    for path in sorted((archive / "warc").glob("*.warc.gz")):
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type not in ("response", "revisit"):
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                date = record.rec_headers.get_header("WARC-Date")
                digest = record.rec_headers.get_header("WARC-Payload-Digest")
                status = record.http_headers.get_statuscode() if record.http_headers else None
                previous = latest.get(url, ("", None))[1]
                if record.rec_type == "response" and status == "200":
                    body = record.content_stream().read()
                    payloads.setdefault(digest, body)
                    latest[url] = (date, body)
                elif status == "304":
                    latest[url] = (date, previous)
                elif record.rec_type == "revisit":
                    latest[url] = (date, payloads.get(digest))
                else:
                    latest[url] = (date, None)
    return {url: (date, body) for url, (date, body) in latest.items() if body is not None}


def revisit_profiles(archive: Path, warc_names: list[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for name in warc_names:
        with open(archive / "warc" / Path(name).name, "rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type == "revisit":
                    profile = record.rec_headers.get_header("WARC-Profile")
                    counts[profile] = counts.get(profile, 0) + 1
    return counts


def cdxj_lines(archive: Path) -> list[dict]:
    lines = []
    for path in (archive / "indexes").glob("*.cdxj"):
        for line in path.read_text("utf-8").splitlines():
            _, _, data = line.split(" ", 2)
            lines.append(json.loads(data))
    return lines


def assert_every_url_replays_its_latest_capture(archive: Path, workdir: Path) -> int:
    pages = archived_pages(archive)
    replay = Pywb(archive, workdir)
    try:
        failures = []
        for url, (date, body) in sorted(pages.items()):
            status, replayed, memento = replay.latest(url)
            if status != 200 or replayed != body:
                failures.append((url, status, len(replayed), len(body)))
            elif memento is not None:
                from email.utils import parsedate_to_datetime

                when = parsedate_to_datetime(memento).strftime("%Y-%m-%dT%H:%M:%S")
                if not date.startswith(when):
                    failures.append((url, "not the latest capture", memento, date))
    finally:
        replay.close()
    assert failures == [], failures[:10]
    return len(pages)


@pytest.fixture(scope="module")
def recrawled(tmp_path_factory):
    archive = tmp_path_factory.mktemp("replay")
    site = MirrorSite()
    with MirrorServer(site) as server:
        first, _ = crawl(server.base_url, archive)
        assert first.returncode == 0, first.stderr[-2000:]
        refreshed, _ = crawl(server.base_url, archive, "--refresh")
        assert refreshed.returncode == 0, refreshed.stderr[-2000:]
        after_refresh = archive.parent / (archive.name + "-after-refresh")
        shutil.copytree(archive, after_refresh)
        # the sitemap fails: the listings find the articles, the known ones are asked for
        # conditionally at the end and the mirror answers 304
        server.site = FaultySite(site, {"/sitemap.xml": faults.status(500)})  # type: ignore[assignment]
        confirmed, _ = crawl(server.base_url, archive, "-s", "RETRY_TIMES=0")
        assert confirmed.returncode in (0, 1), confirmed.stderr[-2000:]
        statuses = list(server.log)
    return archive, after_refresh, statuses


def _manifest_warcs(archive: Path) -> list[list[str]]:
    runs = sorted(p for p in (archive / "runs").glob("*.json") if p.name != "latest.json")
    return [json.loads(p.read_text())["files"]["warc"] for p in runs]


def test_304s_are_stored_as_server_not_modified_revisits(recrawled):
    archive, _, statuses = recrawled
    not_modified = [path for path, status in statuses if status == 304]
    assert len(not_modified) >= 20  # every known article of the fixtures, confirmed by a 304
    third = _manifest_warcs(archive)[2]
    profiles = revisit_profiles(archive, third)
    assert profiles.get(SERVER_NOT_MODIFIED) == len(not_modified)
    # and the CDXJ line of each says 200 (a revisit of the archived page), never 304
    lines = cdxj_lines(archive)
    assert not [line for line in lines if line.get("status") == "304"]
    with open(archive / "warc" / Path(third[0]).name, "rb") as stream:
        revisit = next(
            r
            for r in ArchiveIterator(stream)
            if r.rec_headers.get_header("WARC-Profile") == SERVER_NOT_MODIFIED
        )
        kept = json.loads(revisit.rec_headers.get_header("X-Not-Modified-Response"))
    assert kept["status"] == "304 Not Modified"
    assert revisit.rec_headers.get_header(
        "WARC-Refers-To-Target-URI"
    ) == revisit.rec_headers.get_header("WARC-Target-URI")
    assert revisit.rec_headers.get_header("WARC-Refers-To")


def test_identical_payloads_replay_as_the_archived_page(recrawled, tmp_path):
    _, after_refresh, _ = recrawled
    second = _manifest_warcs(after_refresh)[1]
    assert revisit_profiles(after_refresh, second).get(IDENTICAL_PAYLOAD, 0) >= 20
    replayed = assert_every_url_replays_its_latest_capture(after_refresh, tmp_path)
    assert replayed >= 24 + 20  # the articles, listings, sitemaps, feeds


def test_pages_confirmed_by_304_replay_as_the_archived_page(recrawled, tmp_path):
    archive, _, _ = recrawled
    replayed = assert_every_url_replays_its_latest_capture(archive, tmp_path)
    assert replayed >= 24 + 20, replayed


def test_a_wacz_package_validates_and_replays(recrawled, tmp_path):
    import gzip
    import zipfile

    pytest.importorskip("wacz", reason="wacz is a test dependency: pip install -e '.[dev]'")
    from .conftest import run_cli

    archive, _, _ = recrawled
    package = tmp_path / "collection.wacz"
    exported = run_cli("export", "--format", "wacz", "--archive", str(archive), "-o", str(package))
    assert exported.returncode == 0, exported.stderr[-2000:]
    assert exported.stdout == ""  # the library's chatter stays off the output
    wacz = Path(sys.executable).with_name("wacz")
    checked = subprocess.run(
        [str(wacz), "validate", "-f", str(package)], capture_output=True, text=True, timeout=300
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    with zipfile.ZipFile(package) as zipped:
        names = zipped.namelist()
        warcs = sorted(n for n in names if n.startswith("archive/"))
        assert [Path(n).name for n in warcs] == sorted(
            p.name for p in (archive / "warc").glob("*.warc.gz")
        )
        pages = [json.loads(line) for line in zipped.read("pages/pages.jsonl").splitlines()]
        # load it back: the WARCs and the package's own index, as a pywb collection
        loaded = tmp_path / "loaded"
        (loaded / "warc").mkdir(parents=True)
        (loaded / "indexes").mkdir()
        for name in warcs:
            (loaded / "warc" / Path(name).name).write_bytes(zipped.read(name))
        (loaded / "indexes" / "index.cdxj").write_bytes(
            gzip.decompress(zipped.read("indexes/index.cdx.gz"))
        )
    from osce_crawler.archive.reader import Archive

    items = list(Archive(archive).items())
    assert {p["url"] for p in pages[1:]} == {i["url"] for i in items}
    expected = archived_pages(archive)
    replay = Pywb(loaded, tmp_path / "pywb")
    try:
        for page in pages[1:]:
            status, body, _ = replay.latest(page["url"])
            assert status == 200 and body == expected[page["url"]][1], page["url"]
    finally:
        replay.close()
