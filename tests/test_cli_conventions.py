"""A newcomer's first hour (issue 14): every mistake ends in one line on stderr and its
documented exit code, never a traceback; the commands behave like Unix tools.

Each case runs the real command in its own process, on a real archive of a real crawl.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from osce_crawler.content_types import CONTENT_TYPES
from osce_crawler.mirror.server import MirrorServer
from osce_crawler.mirror.site import MirrorSite

from .conftest import CLI, FAST, REPO, crawl, run_cli


def one_line(result: subprocess.CompletedProcess) -> str:
    """The single line a refused command wrote on stderr (fails on more, or a traceback)."""
    lines = result.stderr.strip().splitlines()
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    assert len(lines) == 1, result.stderr[-2000:]
    return lines[0]


@pytest.fixture(scope="module")
def mirror():
    with MirrorServer(MirrorSite(articles=6, seed=14)) as server:
        yield server


@pytest.fixture(scope="module")
def archive(mirror, tmp_path_factory) -> Path:
    """A small archive of a real crawl (read by the tests, copied before any change)."""
    path = tmp_path_factory.mktemp("conventions") / "archive"
    result, items = crawl(mirror.base_url, path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert items
    return path


# -- serve-sample ---------------------------------------------------------------------------
def test_serve_sample_on_a_busy_port_says_so_in_one_line():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run_cli("serve-sample", "--port", str(port), timeout=60)
    assert result.returncode == 2
    assert f"cannot serve on port {port}" in one_line(result)


@pytest.mark.parametrize("port", ["-5", "70000", "http"])
def test_serve_sample_refuses_a_port_out_of_range(port):
    result = run_cli("serve-sample", "--port", port, timeout=60)
    assert result.returncode == 2
    assert "--port" in one_line(result)


# -- compact and reextract on a read-only archive ------------------------------------------
def _as_unprivileged() -> list[str]:
    """A command prefix under which file permissions hold: root ignores them, so root runs
    the command as an ordinary user in a user namespace (``unshare``)."""
    if os.geteuid() != 0:
        return []
    unshare = shutil.which("unshare")
    if unshare is None:
        pytest.skip("running as root without unshare: a read-only folder is writable to root")
    probe = subprocess.run([unshare, "--user", "--map-user=65534", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("running as root and user namespaces are not allowed here")
    return [unshare, "--user", "--map-user=65534"]


def _read_only_run(archive: Path, *args: str) -> subprocess.CompletedProcess:
    """``osce-archive ARGS`` as an ordinary user on a read-only copy of the archive, which
    must come out unchanged."""
    before = {p: p.read_bytes() for p in archive.rglob("*") if p.is_file()}
    for path in [archive, *archive.rglob("*")]:
        path.chmod(path.stat().st_mode & ~0o222)
    try:
        result = subprocess.run(
            [*_as_unprivileged(), *CLI, *args],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=REPO,
        )
    finally:
        for path in [archive, *archive.rglob("*")]:
            path.chmod(path.stat().st_mode | 0o200)
    assert {p: p.read_bytes() for p in archive.rglob("*") if p.is_file()} == before
    return result


def test_an_analyst_validates_a_read_only_archive(archive, tmp_path):
    # another user's archive, readable but not writable: SQLite's write-ahead log cannot
    # make its shared-memory file there, and the index must still be read
    copy = tmp_path / "archive"
    shutil.copytree(archive, copy)
    for stray in copy.glob("index.sqlite-*"):
        stray.unlink()  # as after the crawl's last connection closed
    result = _read_only_run(copy, "validate", "--archive", str(copy))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "cannot be read" not in result.stdout and "Traceback" not in result.stderr
    stats = _read_only_run(copy, "stats", "--archive", str(copy))
    assert stats.returncode == 0, stats.stderr
    repair = _read_only_run(copy, "validate", "--repair", "--archive", str(copy))
    assert repair.returncode == 2
    assert "read-only" in one_line(repair)


@pytest.mark.parametrize("command", ["compact", "reextract"])
def test_maintenance_on_a_read_only_archive_is_refused_in_one_line(archive, tmp_path, command):
    copy = tmp_path / "archive"
    shutil.copytree(archive, copy)
    # two item files, so that compact has something to merge
    (first,) = (copy / "items").glob("*.jsonl")
    lines = first.read_bytes().splitlines(keepends=True)
    (copy / "items" / "20000101T000000000000Z.jsonl").write_bytes(b"".join(lines[:1]))
    first.write_bytes(b"".join(lines[1:]))
    result = _read_only_run(copy, command, "--archive", str(copy))  # unchanged after
    assert result.returncode == 2
    assert "read-only" in one_line(result) or "cannot write" in one_line(result)


# -- crawl settings --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("DOWNLOAD_DELAY=abc", "-s DOWNLOAD_DELAY takes a number"),
        ("CONCURRENT_REQUESTS=many", "-s CONCURRENT_REQUESTS takes a whole number"),
        ("ROBOTSTXT_OBEY=perhaps", "-s ROBOTSTXT_OBEY takes True/False"),
        ("MONITOR_FIELD_COVERAGE=title", "-s MONITOR_FIELD_COVERAGE takes a JSON object"),
        ("NOEQUALSIGN", "-s takes NAME=VALUE"),
        ("DOWNLOD_DELAY=1", "-s DOWNLOD_DELAY: no such setting; did you mean DOWNLOAD_DELAY?"),
    ],
)
def test_a_bad_setting_is_refused_before_the_crawl_starts(mirror, tmp_path, setting, message):
    archive = tmp_path / "archive"
    result = run_cli(
        "crawl", "--base-url", mirror.base_url, "--archive", str(archive), "-s", setting
    )
    assert result.returncode == 2
    assert message in one_line(result)
    assert not (archive / "runs").exists()  # nothing started: no manifest, no half run
    assert result.stdout == ""


# -- readers and a line that breaks the schema -------------------------------------------
@pytest.fixture
def schema_breaking_archive(archive, tmp_path) -> Path:
    """The archive plus one line that is valid JSON but breaks the schema."""
    copy = tmp_path / "archive"
    shutil.copytree(archive, copy)
    (items,) = (copy / "items").glob("*.jsonl")
    line = json.loads(items.read_text("utf-8").splitlines()[0])
    line.update(version="two", published=5, canonical_url="https://www.osce.org/broken")
    with open(items, "a", encoding="utf-8") as stream:
        stream.write(json.dumps(line) + "\n")
    return copy


@pytest.mark.parametrize(
    "command",
    [
        ["stats"],
        ["stats", "--json"],
        ["export", "-o", "OUT.csv"],
        ["quotes"],
        ["report", "-o", "OUT.html"],
    ],
)
def test_readers_skip_and_count_a_schema_breaking_line(schema_breaking_archive, tmp_path, command):
    command = [part.replace("OUT", str(tmp_path / "out")) for part in command]
    result = run_cli(*command, "--archive", str(schema_breaking_archive))
    assert result.returncode == 0, result.stderr[-2000:]
    assert "1 line that breaks the schema" in one_line(result)
    validate = run_cli("validate", "--archive", str(schema_breaking_archive))
    assert validate.returncode == 1 and "schema" in validate.stdout


def test_export_leaves_the_breaking_line_out(schema_breaking_archive, archive):
    broken = run_cli("export", "--archive", str(schema_breaking_archive), "-o", "-")
    whole = run_cli("export", "--archive", str(archive), "-o", "-")
    assert broken.returncode == whole.returncode == 0
    assert broken.stdout == whole.stdout
    assert "osce.org/broken" not in broken.stdout


# -- export ------------------------------------------------------------------------------------
def test_export_infers_parquet_from_the_file_name(archive, tmp_path):
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    out = tmp_path / "items.parquet"
    result = run_cli("export", "--archive", str(archive), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "(parquet)" in one_line(result)
    frame = pd.read_parquet(out)
    csv = run_cli("export", "--archive", str(archive), "-o", "-")
    assert len(frame) == len(pd.read_csv(io.StringIO(csv.stdout))) > 0


def test_export_to_standard_output(archive, tmp_path):
    pd = pytest.importorskip("pandas")
    result = run_cli("export", "--archive", str(archive), "-o", "-", cwd=tmp_path)
    assert result.returncode == 0
    assert not (tmp_path / "-").exists()
    frame = pd.read_csv(io.StringIO(result.stdout))
    assert len(frame) > 0 and f"{len(frame)} items written to standard output" in result.stderr


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["-o", "x.csv", "--format", "parquet"], "--format parquet does not match"),
        (["-o", "-", "--format", "parquet"], "Parquet cannot be written to standard output"),
        (["-o", "x.tsv"], "cannot tell the format of x.tsv from its suffix"),
    ],
)
def test_export_refuses_a_format_it_cannot_honour(archive, tmp_path, options, message):
    result = run_cli("export", "--archive", str(archive), *options, cwd=tmp_path)
    assert result.returncode == 2
    assert message in one_line(result)
    assert not (tmp_path / "x.csv").exists() and not (tmp_path / "x.tsv").exists()


# -- one --lang across commands ---------------------------------------------------------------
def test_lang_and_language_are_one_option_in_any_case(archive):
    lower = run_cli("export", "--archive", str(archive), "-o", "-", "--lang", "en")
    upper = run_cli("export", "--archive", str(archive), "-o", "-", "--language", "EN")
    every = run_cli("export", "--archive", str(archive), "-o", "-")
    assert lower.returncode == upper.returncode == 0
    assert lower.stdout == upper.stdout != every.stdout
    quotes = run_cli("quotes", "--archive", str(archive), "--lang", "En", "--json")
    assert quotes.returncode == 0
    assert all(json.loads(line)["language"] == "en" for line in quotes.stdout.splitlines())


@pytest.mark.parametrize(
    "command",
    [["export", "-o", "-"], ["quotes"], ["crawl", "--base-url", "http://127.0.0.1:9"]],
)
@pytest.mark.parametrize("option", ["--lang", "--language"])
def test_an_unknown_language_is_refused_everywhere(archive, command, option):
    result = run_cli(*command, "--archive", str(archive), option, "xx", timeout=60)
    assert result.returncode == 2
    assert "unknown language xx" in one_line(result)
    assert result.stdout == ""


# -- help and conventions -----------------------------------------------------------------------
COMMANDS = [
    "extract",
    "crawl",
    "serve-sample",
    "reextract",
    "compact",
    "demo",
    "validate",
    "stats",
    "export",
    "quotes",
    "report",
]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_subcommand_describes_itself_and_its_defaults(command):
    result = run_cli(command, "--help", timeout=60)
    assert result.returncode == 0
    usage, description = result.stdout.split("\n\n")[:2]
    assert usage.startswith("usage:") and len(description.strip()) > 10
    if command not in ("extract", "validate", "stats", "quotes"):
        assert "default" in result.stdout


def test_main_help_lists_the_exit_codes_and_version_prints_it():
    result = run_cli("--help", timeout=60)
    for code in range(7):
        assert f"\n  {code}  " in result.stdout
    from osce_crawler import __version__

    version = run_cli("--version", timeout=60)
    assert version.returncode == 0 and version.stdout.strip() == f"osce-archive {__version__}"


def test_type_help_lists_every_content_type():
    text = " ".join(run_cli("crawl", "--help", timeout=60).stdout.split())
    for key in CONTENT_TYPES:
        assert key in text.replace("- ", "-")


@pytest.mark.parametrize(
    "command",
    [
        ["demo", "--articles", "-1"],
        ["serve-sample", "--articles", "-3"],
        ["serve-sample", "--edition", "0"],
        ["reextract", "--processes", "-2"],
        ["crawl", "--max-items", "0"],
        ["crawl", "--max-items", "-4"],
    ],
)
def test_negative_counts_are_refused(command, tmp_path):
    result = run_cli(*command, cwd=tmp_path, timeout=60)
    assert result.returncode == 2
    one_line(result)
    assert not (tmp_path / "archive" / "runs").exists()


# -- plain Scrapy ---------------------------------------------------------------------------
def scrapy_crawl(*arguments: str, **options) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "osce", *arguments],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=REPO,
        **options,
    )


def _refusal(result: subprocess.CompletedProcess) -> str:
    """The refusal: one line, before Scrapy has started (or logged) anything."""
    assert "Task exception" not in result.stderr
    return one_line(result)


@pytest.mark.parametrize(
    ("argument", "message"),
    [
        ("lang=xx", "unknown language xx"),
        ("since=yesterday", "--since must be a date"),
        ("max_items=0", "--max-items must be at least 1"),
        ("type=poem", "unknown content type"),
    ],
)
def test_scrapy_crawl_refuses_a_bad_argument_like_osce_archive(mirror, tmp_path, argument, message):
    result = scrapy_crawl(
        "-a", f"base_url={mirror.base_url}", "-a", argument, "-s", f"ARCHIVE_DIR={tmp_path}"
    )
    assert result.returncode == 2
    line = _refusal(result)
    assert line.startswith("scrapy crawl osce: error:") and message in line
    assert not (tmp_path / "runs").exists()


def test_scrapy_crawl_on_a_locked_archive_exits_3(mirror, tmp_path):
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from osce_crawler.archive.lock import "
            "acquire; acquire(Path(sys.argv[1])); print('held', flush=True); time.sleep(120)",
            str(tmp_path),
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        result = scrapy_crawl(
            "-a", f"base_url={mirror.base_url}", "-s", f"ARCHIVE_DIR={tmp_path}", *FAST
        )
        plain = run_cli("crawl", "--base-url", mirror.base_url, "--archive", str(tmp_path))
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 3 and plain.returncode == 3
    assert "not starting a second run" in _refusal(result)
    assert "not starting a second run" in one_line(plain)


def test_scrapy_crawl_refuses_a_misspelt_argument_or_setting(mirror, tmp_path):
    for option, value, message in (
        ("-a", "langs=de", "-a langs: no such argument; did you mean lang?"),
        (
            "-s",
            "DOWNLOD_DELAY=1",
            "-s DOWNLOD_DELAY: no such setting; did you mean DOWNLOAD_DELAY?",
        ),
    ):
        result = scrapy_crawl(
            "-a", f"base_url={mirror.base_url}", "-s", f"ARCHIVE_DIR={tmp_path}", option, value
        )
        assert result.returncode == 2
        assert message in _refusal(result)
    assert not (tmp_path / "runs").exists()


def test_scrapy_crawl_refuses_a_bad_setting(mirror, tmp_path):
    result = scrapy_crawl(
        "-a",
        f"base_url={mirror.base_url}",
        "-s",
        f"ARCHIVE_DIR={tmp_path}",
        "-s",
        "DOWNLOAD_DELAY=abc",
    )
    assert result.returncode == 2
    assert "-s DOWNLOAD_DELAY takes a number" in _refusal(result)


# -- extract: a bounded read, and pages in any declared encoding ------------------------------
PAGE = (
    '<!DOCTYPE html><html lang="de"><head><meta charset="{charset}"><title>{title}</title>'
    "</head><body><article><h1>{title}</h1><p>WIEN, 16. Juni 2021 – Ein Absatz über "
    "Sicherheit und Zusammenarbeit in Europa, lang genug für einen Absatz.</p></article>"
    "</body></html>"
)


@pytest.mark.parametrize(
    ("encoding", "charset", "bom"),
    [
        ("utf-16", "utf-16", b""),  # Python writes the BOM itself
        ("utf-16-le", "utf-16", b"\xff\xfe"),
        ("utf-16-le", "utf-16", b""),  # no BOM: known by the NUL beside each ASCII byte
        ("utf-16-be", "utf-16", b""),
        ("utf-32", "utf-32", b""),
        ("utf-8", "utf-8", b"\xef\xbb\xbf"),
        ("cp1251", "windows-1251", b""),
        ("iso-8859-2", "iso-8859-2", b""),
    ],
)
def test_extract_reads_a_page_in_its_declared_encoding(tmp_path, encoding, charset, bom):
    title = "Привет из Вены" if encoding == "cp1251" else "Grüße aus Wien – Łódź"
    if encoding == "iso-8859-2":
        title = "Pozdrowienia z Łodzi"
    page = PAGE.format(charset=charset, title=title)
    if encoding in ("cp1251", "iso-8859-2"):  # what these charsets cannot write
        page = page.replace("–", "-")
    if encoding == "cp1251":
        page = page.replace("über", "ueber").replace("für", "fuer")
    path = tmp_path / "page.html"
    path.write_bytes(bom + page.encode(encoding))
    result = run_cli("extract", str(path), timeout=60)
    assert result.returncode == 0, result.stderr
    item = json.loads(result.stdout)
    assert item["title"] == title
    assert "Zusammenarbeit in Europa" in item["body"]


def test_extract_stops_reading_at_the_size_cap(tmp_path):
    result = run_cli("extract", "/dev/zero", timeout=120)
    assert result.returncode == 2
    assert "larger than 52428800 bytes" in one_line(result)
    page = tmp_path / "page.html"
    page.write_text(PAGE.format(charset="utf-8", title="Klein"), "utf-8")
    small = run_cli("extract", str(page), "--max-size", "100", timeout=60)
    assert small.returncode == 2 and "larger than 100 bytes (--max-size)" in one_line(small)
    enough = run_cli("extract", str(page), "--max-size", "100000", timeout=60)
    assert enough.returncode == 0 and json.loads(enough.stdout)["title"] == "Klein"
    piped = subprocess.run(
        [*CLI, "extract", "-", "--max-size", "1000"],
        input=b"<p>" + b"x" * 5000,
        capture_output=True,
        timeout=60,
        cwd=REPO,
    )
    assert piped.returncode == 2 and b"standard input is larger than 1000" in piped.stderr


def test_the_feed_carries_the_archive_lines_and_says_why_it_is_empty(mirror, tmp_path):
    from osce_crawler.archive.reader import LINE_KEYS

    archive, feed = tmp_path / "archive", tmp_path / "items.jsonl"
    arguments = ["-a", f"base_url={mirror.base_url}", "-s", f"ARCHIVE_DIR={archive}", *FAST]
    first = scrapy_crawl(*arguments, "-O", str(feed))
    assert first.returncode == 0, first.stderr[-2000:]
    fed = [json.loads(line) for line in feed.read_text("utf-8").splitlines()]
    (items,) = (archive / "items").glob("*.jsonl")
    archived = [json.loads(line) for line in items.read_text("utf-8").splitlines()]
    assert fed and all(tuple(line) == LINE_KEYS for line in fed)
    key = lambda line: (line["canonical_url"], line["language"])  # noqa: E731
    assert sorted(fed, key=key) == sorted(archived, key=key)

    second = scrapy_crawl(*arguments, "-O", str(feed))
    assert second.returncode == 0, second.stderr[-2000:]
    assert feed.read_text("utf-8") == ""
    assert "the feed holds 0 items: this crawl is incremental" in second.stderr

    refreshed = scrapy_crawl(*arguments, "-a", "refresh=1", "-O", str(feed))
    assert refreshed.returncode == 0, refreshed.stderr[-2000:]
    again = [json.loads(line) for line in feed.read_text("utf-8").splitlines()]
    assert all(tuple(line) == LINE_KEYS for line in again)
    assert sorted(map(key, again)) == sorted(map(key, fed))
    assert [line["version"] for line in again] == [1] * len(again)  # unchanged: v1 still


def test_a_crawl_prints_no_deprecation_warning(mirror, tmp_path):
    result, items = crawl(mirror.base_url, tmp_path)
    assert result.returncode == 0 and items
    assert "DeprecationWarning" not in result.stderr
    assert "crawl finished: " in result.stdout  # the user's words, not Scrapy's reasons


def _on_a_terminal(arguments: list[str]) -> tuple[int, str]:
    """Runs the command with stderr on a pseudo-terminal: (exit code, what it showed)."""
    import pty

    master, slave = pty.openpty()
    process = subprocess.Popen(
        [*CLI, *arguments], stdout=subprocess.DEVNULL, stderr=slave, cwd=REPO
    )
    os.close(slave)
    shown = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(master)
    return process.wait(timeout=300), shown.decode("utf-8", "replace")


@pytest.mark.parametrize(
    ("command", "label"),
    [
        (["export", "-o", "OUT.csv"], "export: items written: "),
        (["compact"], "compact: lines copied: "),
        (["reextract"], "reextract: responses extracted: "),
    ],
)
def test_long_commands_show_progress_on_a_terminal_only(archive, tmp_path, command, label):
    copy = tmp_path / "archive"
    shutil.copytree(archive, copy)
    (first,) = (copy / "items").glob("*.jsonl")
    lines = first.read_bytes().splitlines(keepends=True)
    (copy / "items" / "20000101T000000000000Z.jsonl").write_bytes(lines[0])
    first.write_bytes(b"".join(lines[1:]))
    arguments = [part.replace("OUT", str(tmp_path / "out")) for part in command]
    code, shown = _on_a_terminal([*arguments, "--archive", str(copy)])
    assert code == 0, shown
    assert f"\r{label}" in shown
    (tmp_path / "out.csv").unlink(missing_ok=True)
    quiet = run_cli(*arguments, "--archive", str(copy))  # no terminal: as under cron
    assert quiet.returncode == 0
    assert "\r" not in quiet.stderr and label not in quiet.stderr


def test_an_unknown_name_far_from_every_known_one_is_passed_on_with_a_warning(capsys):
    from osce_crawler.cli import check_known_name
    from osce_crawler.options import UsageError

    check_known_name("-s", "MYEXT_ENABLED", ["DOWNLOAD_DELAY", "ROBOTSTXT_OBEY"], "setting")
    assert "warning: -s MYEXT_ENABLED is not a setting" in capsys.readouterr().err
    check_known_name("-s", "DOWNLOAD_DELAY", ["DOWNLOAD_DELAY"], "setting")
    assert capsys.readouterr().err == ""
    with pytest.raises(UsageError, match="did you mean ROBOTSTXT_OBEY"):
        check_known_name("-s", "ROBOTSTXT_OBAY", ["DOWNLOAD_DELAY", "ROBOTSTXT_OBEY"], "setting")


def test_an_abbreviated_option_is_refused_not_guessed(archive):
    # argparse would take "--arch" for --archive; a cron line with a typo must not run
    result = run_cli("stats", "--arch", str(archive))
    assert result.returncode == 2
    assert "unrecognized arguments: --arch" in one_line(result)
    assert run_cli("stats", "--archive", str(archive)).returncode == 0


def test_an_unknown_option_points_to_its_command_and_the_option_meant(archive):
    result = run_cli("stats", "--archiv", str(archive))
    assert result.returncode == 2
    line = one_line(result)
    assert line.startswith("osce-archive stats: error: unrecognized arguments: --archiv")
    assert "did you mean --archive?" in line and "(see osce-archive stats --help)" in line
    far = one_line(run_cli("export", "--archive", str(archive), "-o", "-", "--zzz"))
    assert "did you mean" not in far and "(see osce-archive export --help)" in far


def test_stats_names_the_archive_and_counts_in_words(archive):
    shown = run_cli("stats", "--archive", str(archive)).stdout.splitlines()[0]
    facts = json.loads(run_cli("stats", "--archive", str(archive), "--json").stdout)
    assert shown.startswith(f"the archive at {archive}: {facts['items']} items (")
    assert shown.endswith(", 1 run")  # one crawl made it: no "1 runs"
