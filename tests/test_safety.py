"""Safety: credentials never leak; nothing a URL says can steer where files are written."""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path

from osce_crawler.mirror.server import MirrorServer
from osce_crawler.mirror.site import MirrorSite
from osce_crawler.pipelines import AttachmentFilesPipeline

from .conftest import crawl, everything_in, run_cli

USER_SECRET = "hunter2-user-secret"
PROXY_SECRET = "s3cret-proxy-password"


def test_credentials_are_used_but_never_written(tmp_path):
    with MirrorServer(MirrorSite()) as server:
        env = {
            k: v
            for k, v in os.environ.items()
            if k.lower() not in ("no_proxy", "http_proxy", "https_proxy")
        }
        proxy = f"http://bob:{PROXY_SECRET}@127.0.0.1:{server.server_address[1]}"
        result, _ = crawl(
            server.base_url,
            tmp_path,
            *("--lang", "fr", "--http-user", "alice", "--http-pass", USER_SECRET),
            *("--proxy", proxy, "-s", "LOG_LEVEL=DEBUG"),
            env=env,
        )
    assert result.returncode == 0, result.stderr[-2000:]
    sent = dict(server.credentials_seen)
    assert base64.b64decode(sent["Authorization"].split()[1]).decode() == f"alice:{USER_SECRET}"
    assert (
        base64.b64decode(sent["Proxy-Authorization"].split()[1]).decode() == f"bob:{PROXY_SECRET}"
    )
    written = everything_in(tmp_path, result.stdout, result.stderr)
    assert "[redacted]" in written  # the WARC request records say a header was there
    for secret in (
        USER_SECRET,
        PROXY_SECRET,
        base64.b64encode(f"alice:{USER_SECRET}".encode()).decode(),
        base64.b64encode(f"bob:{PROXY_SECRET}".encode()).decode(),
    ):
        assert secret not in written


def test_a_base_url_with_credentials_is_refused_without_echoing_them(tmp_path):
    result = run_cli(
        "crawl",
        "--base-url",
        f"http://alice:{USER_SECRET}@127.0.0.1:9",
        "--archive",
        str(tmp_path),
    )
    assert result.returncode == 2
    assert USER_SECRET not in result.stderr and "--http-user" in result.stderr


class _Response:
    def __init__(self, body: bytes, content_type: bytes = b"application/pdf"):
        self.body = body
        self.headers = {"Content-Type": content_type}


def test_attachment_paths_cannot_be_steered_by_the_url():
    from scrapy import Request

    pipeline = AttachmentFilesPipeline.__new__(AttachmentFilesPipeline)
    hostile = [
        "https://www.osce.org/files/../../../etc/passwd.pdf",
        "https://www.osce.org/files/x.pdf%00.sh",
        "https://www.osce.org/files/%2e%2e%2f%2e%2e%2fescape.pdf",
        "https://www.osce.org/files/" + "a" * 5000 + ".pdf",
        "https://www.osce.org/files/name.p/../../x",
        "https://www.osce.org/files/evil.PDF\\..\\..\\boot.ini",
        "https://www.osce.org/files/report.pdf/..",
        "https://www.osce.org/files/report.%2F..%2Fpdf",
    ]
    for url in hostile:
        path = pipeline.file_path(Request(url), response=_Response(b"%PDF-1.4 body"))
        parts = Path(path).parts
        assert parts[0] == "sha256" and len(parts) == 3, path
        assert ".." not in parts and "\0" not in path and not path.startswith("/"), path
        assert len(Path(path).name) <= 64 + 6, path
        assert Path(path).name[:64].isalnum()


def test_manifest_and_items_hold_no_secret_from_the_environment(tmp_path):
    # a proxy configured in the environment only (as cron jobs often have it) leaks nowhere
    with MirrorServer(MirrorSite()) as server:
        env = {k: v for k, v in os.environ.items() if k.lower() != "no_proxy"}
        env["http_proxy"] = f"http://carol:{PROXY_SECRET}@127.0.0.1:{server.server_address[1]}"
        result, _ = crawl(server.base_url, tmp_path, "--lang", "de", env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    assert (
        "Proxy-Authorization",
        "Basic " + base64.b64encode(f"carol:{PROXY_SECRET}".encode()).decode(),
    ) in server.credentials_seen
    assert PROXY_SECRET not in everything_in(tmp_path, result.stdout, result.stderr)
    assert json.loads((tmp_path / "runs" / "latest.json").read_text())["verdict"] == "success"
