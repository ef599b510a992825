"""Credentials never reach the disk: not Scrapy's job queue, the WARC files, items or logs.

Scrapy's JOBDIR queue pickles whole requests; a retried request used to go back into it
with its ``Authorization`` and ``Proxy-Authorization`` headers. The crawl below retries
many pages (500s) and is interrupted (SIGTERM) with retries waiting in the queue; every
file under the archive, the job directory included, is searched while it runs and after.
"""

from __future__ import annotations

import base64
import os
import signal
import subprocess
import threading
import time
import zlib
from pathlib import Path

from osce_crawler.mirror import faults
from osce_crawler.mirror.faults import FaultySite
from osce_crawler.mirror.server import MirrorServer
from osce_crawler.mirror.site import MirrorSite, load_records

from .conftest import REPO, crawl_arguments, crawl_command, run_cli

USER = "alice"
USER_SECRET = "hunter2-user-secret"
PROXY_USER = "bob"
PROXY_SECRET = "s3cret-proxy-password"
SECRETS = (
    USER_SECRET,
    PROXY_SECRET,
    base64.b64encode(f"{USER}:{USER_SECRET}".encode()).decode(),
    base64.b64encode(f"{PROXY_USER}:{PROXY_SECRET}".encode()).decode(),
)


def _text_of(path: Path) -> bytes:
    """A file's bytes; gzip members inflated as far as they go (a file being written too)."""
    data = path.read_bytes()
    if not path.name.endswith((".gz", ".gz.open")):
        return data
    out = []
    while data:
        inflater = zlib.decompressobj(31)
        try:
            out.append(inflater.decompress(data))
        except zlib.error:
            break
        if not inflater.eof:
            break
        data = inflater.unused_data
    return b"".join(out)


def secrets_on_disk(root: Path) -> list[tuple[str, str]]:
    """(file, secret) for every secret found in any file under ``root``."""
    found = []
    for path in root.rglob("*"):
        try:
            if not path.is_file():
                continue
            data = _text_of(path)
        except OSError:  # renamed or deleted while we looked
            continue
        for secret in SECRETS:
            if secret.encode() in data:
                found.append((str(path.relative_to(root)), secret))
    return found


def test_an_interrupted_run_with_retries_leaves_no_credentials_on_disk(tmp_path):
    archive = tmp_path / "archive"
    password_file = tmp_path / "password"
    password_file.write_text(USER_SECRET + "\n")
    table = {record["path"]: faults.status(500, times=2) for record in load_records()}
    with MirrorServer(FaultySite(MirrorSite(articles=60, seed=4), table)) as server:  # type: ignore[arg-type]
        env = {k: v for k, v in os.environ.items() if k.lower() not in ("no_proxy",)}
        env["http_proxy"] = (
            f"http://{PROXY_USER}:{PROXY_SECRET}@127.0.0.1:{server.server_address[1]}"
        )
        stdout_file = open(tmp_path / "stdout", "wb")  # noqa: SIM115 - a pipe could fill up
        stderr_file = open(tmp_path / "stderr", "wb")  # noqa: SIM115
        process = subprocess.Popen(
            crawl_command(
                server.base_url,
                archive,
                *("--http-user", USER, "--http-pass-file", str(password_file)),
                # slow enough that the watcher sees the queue on disk on a loaded machine
                *("-s", "DOWNLOAD_DELAY=0.15", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=2"),
                *("-s", "RETRY_TIMES=3", "-s", "RETRY_BACKOFF_BASE=0.05"),
                *("-s", "LOG_LEVEL=DEBUG"),
            ),
            stdout=stdout_file,
            stderr=stderr_file,
            cwd=REPO,
            env=env,
        )
        found_while_running: list[tuple[str, str]] = []
        scans = 0
        queued_while_scanning = False
        stop = threading.Event()

        def watch() -> None:
            nonlocal scans, queued_while_scanning
            while not stop.is_set():
                found_while_running.extend(secrets_on_disk(archive))
                queue = archive / "jobs" / "crawl" / "requests.queue"
                if queue.exists() and any(
                    p.stat().st_size for p in queue.rglob("*") if p.is_file()
                ):
                    queued_while_scanning = True
                scans += 1
                time.sleep(0.05)

        watcher = threading.Thread(target=watch, daemon=True)
        watcher.start()
        # interrupt once retries have been asked for and requests wait in the queue
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and (
            sum(1 for _, status in server.log if status == 500) < 20 or not queued_while_scanning
        ):
            time.sleep(0.05)
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=120)
        stop.set()
        watcher.join()
        stdout_file.close()
        stderr_file.close()
        queue = archive / "jobs" / "crawl" / "requests.queue"
        queue_left = queue.is_dir() and any(
            p.stat().st_size for p in queue.rglob("*") if p.is_file()
        )
        found_after_interrupt = secrets_on_disk(archive)
        first_sent = dict(server.credentials_seen)
        # the next run resumes the queue: its requests are authenticated again, at download
        server.credentials_seen.clear()
        resumed = run_cli(
            *crawl_arguments(server.base_url, archive),
            *("--http-user", USER, "--http-pass-file", str(password_file)),
            *("-s", "RETRY_BACKOFF_BASE=0.05"),
            env=env,
        )
        resumed_sent = dict(server.credentials_seen)
    stdout = (tmp_path / "stdout").read_text("utf-8", "replace")
    stderr = (tmp_path / "stderr").read_text("utf-8", "replace")
    assert process.returncode == 4, stderr[-3000:]
    # the credentials were sent, to the site and to the proxy, before and after the resume
    for sent in (first_sent, resumed_sent):
        assert (
            base64.b64decode(sent["Authorization"].split()[1]).decode() == f"{USER}:{USER_SECRET}"
        )
        assert (
            base64.b64decode(sent["Proxy-Authorization"].split()[1]).decode()
            == f"{PROXY_USER}:{PROXY_SECRET}"
        )
    retried = [path for path, status in server.log if status == 500]
    assert len(retried) >= 20
    # the queue was left for the next run, with requests in it (retries among them)
    assert queue_left
    assert scans > 10 and queued_while_scanning
    assert found_while_running == []
    assert found_after_interrupt == []
    for secret in SECRETS:
        assert secret not in stdout + stderr
    assert "visible to other users" not in stderr  # the password came from a file
    # the resumed run finished the crawl, and wrote no credential either
    assert resumed.returncode == 0, resumed.stderr[-3000:]
    assert secrets_on_disk(archive) == []
    for secret in SECRETS:
        assert secret not in resumed.stdout + resumed.stderr


def test_a_password_on_the_command_line_is_warned_about(tmp_path):
    with MirrorServer(MirrorSite()) as server:
        result = run_cli(
            *("crawl", "--base-url", server.base_url, "--archive", str(tmp_path)),
            *("--lang", "fr", "--http-user", USER, "--http-pass", USER_SECRET),
            *("-s", "AUTOTHROTTLE_ENABLED=0", "-s", "DOWNLOAD_DELAY=0"),
        )
    assert result.returncode == 0, result.stderr[-2000:]
    warning = [line for line in result.stderr.splitlines() if "visible to other users" in line]
    assert len(warning) == 1 and "--http-pass-file" in warning[0]
    assert USER_SECRET not in result.stderr + result.stdout


def test_an_unreadable_password_file_is_a_usage_error(tmp_path):
    result = run_cli(
        *("crawl", "--archive", str(tmp_path / "a"), "--http-user", USER),
        *("--http-pass-file", str(tmp_path / "missing")),
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "--http-pass-file" in result.stderr
