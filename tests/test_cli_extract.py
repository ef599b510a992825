"""`osce-archive extract` and `demo` as a user runs them: a real process, real files."""

from __future__ import annotations

import ast
import json
import socket
import subprocess
from pathlib import Path

import pytest

from osce_crawler.content_types import content_type_key
from osce_crawler.item import ITEM_KEYS
from osce_crawler.mirror.pages import load_records, render_article, render_listing
from osce_crawler.mirror.server import MirrorServer
from osce_crawler.mirror.site import MirrorSite

from .conftest import REPO, crawl, run_cli


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return run_cli(*args, input=stdin, text=False)


@pytest.fixture(scope="module")
def seed_file(tmp_path_factory) -> Path:
    seed = next(r for r in load_records() if r["key"] == "seed")
    path = tmp_path_factory.mktemp("pages") / "seed.html"
    path.write_text(render_article(seed, "https://www.osce.org"), encoding="utf-8")
    return path


def test_extract_prints_one_utf8_json_line(seed_file):
    result = run("extract", str(seed_file), "--url", "https://www.osce.org/secretariat/489944")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.decode("utf-8").splitlines()
    assert len(lines) == 1
    item = json.loads(lines[0])
    assert tuple(item) == ITEM_KEYS
    assert item["place"] == "Vienna" and item["node_id"] == "489944"
    assert "Civís" in lines[0]  # not ASCII-escaped


def test_extract_reads_standard_input(seed_file):
    result = run(
        "extract",
        "-",
        "--url",
        "https://www.osce.org/secretariat/489944",
        stdin=seed_file.read_bytes(),
    )
    assert result.returncode == 0
    assert json.loads(result.stdout)["title"].startswith("Dialogue and engagement")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        ("dir", "is a directory"),
        (b"", "is empty"),
        (b"%PDF-1.7\n\x00\x01binary", "is binary"),
        (b"plain text, no markup", "does not look like HTML"),
    ],
)
def test_unusable_input_gives_one_line_and_exit_2(tmp_path, content, message):
    path = tmp_path / "page.html"
    if content == "dir":
        path.mkdir()
    elif content is not None:
        path.write_bytes(content)
    result = run("extract", str(path))
    assert result.returncode == 2
    err = result.stderr.decode()
    assert message in err and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err and result.stdout == b""


def test_a_page_that_is_no_article_prints_its_item_with_warnings(tmp_path):
    path = tmp_path / "listing.html"
    path.write_text(
        render_listing("Press releases", list(load_records())[:8], 0, 2, "/press-releases")
    )
    result = run("extract", str(path), "--url", "https://www.osce.org/press-releases")
    assert result.returncode == 0
    item = json.loads(result.stdout)
    assert any("not an article: listing" in w for w in item["extraction_warnings"])


def test_demo_crawls_the_mirror_into_the_archive(tmp_path):
    result = run("demo", "--archive", str(tmp_path))
    assert result.returncode == 0, result.stderr[-2000:]
    out = result.stdout.decode()
    assert "24 items written, 0 errors" in out and "by content type:" in out
    files = list((tmp_path / "items").glob("*.jsonl"))
    assert len(files) == 1 and len(files[0].read_text("utf-8").splitlines()) == 24
    # types are counted across languages: "Pressemitteilung" and "Пресс-релиз" are press releases
    items = [json.loads(line) for line in files[0].read_text("utf-8").splitlines()]
    releases = sum(content_type_key(i["content_type"]) == "press-release" for i in items)
    (by_type,) = [line for line in out.splitlines() if "by content type:" in line]
    assert f"Press release {releases}" in by_type and "Pressemitteilung" not in by_type
    assert releases > sum(i["content_type"] == "Press release" for i in items)  # other languages
    # the summary says where every file went, and each is there
    said = {
        line.split(":", 1)[0].strip(): line.split(":", 1)[1].strip()
        for line in out.splitlines()
        if line.startswith("  ") and ":" in line
    }
    assert Path(said["items"]) == files[0]
    assert said["WARC"].startswith(str(tmp_path / "warc")) and "(1 file;" in said["WARC"]
    assert Path(said["index"]).is_file() and Path(said["manifest"]).is_file()
    assert list((tmp_path / "warc").glob("*.warc.gz")) and list(
        (tmp_path / "indexes").glob("*.cdxj")
    )


def test_a_second_demo_takes_the_first_ones_port_or_archives_nothing(tmp_path):
    """Items are stored under the mirror's address: a second demo on another port would
    archive the whole site again, so it re-crawls the first one's port or stops."""
    first = run("demo", "--archive", str(tmp_path))
    assert first.returncode == 0, first.stderr[-2000:]
    manifest = json.loads((tmp_path / "runs" / "latest.json").read_text("utf-8"))
    port = int(manifest["arguments"]["base_url"].rsplit(":", 1)[1])
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", port))
        taken.listen()
        blocked = run("demo", "--archive", str(tmp_path))
    err = blocked.stderr.decode()
    assert blocked.returncode == 2, err[-2000:]
    assert f"port {port} is in use" in err and len(err.strip().splitlines()) == 1
    again = run("demo", "--archive", str(tmp_path))
    assert again.returncode == 0, again.stderr[-2000:]
    assert "0 items written" in again.stdout.decode()
    lines = [f.read_text("utf-8").splitlines() for f in (tmp_path / "items").glob("*.jsonl")]
    assert sum(map(len, lines)) == 24


def test_the_demo_refuses_an_archive_of_another_mirror(tmp_path):
    """A crawl of a bigger mirror into the default archive, then `make demo`: the demo's
    mirror does not serve those pages, and a demo crawl would record them all as removed."""
    with MirrorServer(MirrorSite(articles=40, seed=7)) as server:
        result, items = crawl(server.base_url, tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    before = sorted(path.read_bytes() for path in (tmp_path / "items").glob("*.jsonl"))
    runs = sorted((tmp_path / "runs").iterdir())
    refused = run("demo", "--archive", str(tmp_path))
    err = refused.stderr.decode()
    assert refused.returncode == 2, err[-2000:]
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert "pages the demo's mirror does not serve" in err and "--archive" in err
    assert sorted(path.read_bytes() for path in (tmp_path / "items").glob("*.jsonl")) == before
    assert sorted((tmp_path / "runs").iterdir()) == runs  # no run was started
    assert len(items) > 24


def _imports(package: Path) -> set[str]:
    names = set()
    for file in package.rglob("*.py"):
        for node in ast.walk(ast.parse(file.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                names.add(node.module)
            elif isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
    return names


def test_the_mirror_and_the_extractor_never_import_each_other():
    package = REPO / "osce_crawler"
    assert not any(n.startswith("osce_crawler.mirror") for n in _imports(package / "extract"))
    assert not any(n.startswith("osce_crawler.extract") for n in _imports(package / "mirror"))


def test_the_exit_codes_agree_in_the_code_its_docstring_and_the_readme():
    from osce_crawler import cli

    codes = {v for name, v in vars(cli).items() if name.startswith("EXIT_") and isinstance(v, int)}
    readme = (REPO / "README.md").read_text("utf-8")
    table = readme.split("### Exit codes", 1)[1].split("\n\n", 2)[1]
    rows = {
        int(line.split("|")[1]) for line in table.splitlines() if line[:3].strip("| ").isdigit()
    }
    assert rows == codes
    for code in codes - {0}:
        assert f"{code} " in cli.__doc__, code
