"""Shared by the crawl benchmarks: the mirror in its own process, timed runs with peak RSS.

    python bench/_common.py --articles N [--edition K] [--added M] [--port P]

serves the mirror like ``osce-archive serve-sample`` (printing its base URL first), plus
``--added M``: M brand-new articles on top of the edition, nothing else changed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PYTHON = sys.executable

#: throttling off and more requests in flight: the mirror is on loopback, not osce.org
FAST = [
    "-s",
    "AUTOTHROTTLE_ENABLED=0",
    "-s",
    "DOWNLOAD_DELAY=0",
    "-s",
    "CONCURRENT_REQUESTS_PER_DOMAIN=16",
    "-s",
    "CONCURRENT_REQUESTS=16",
    "-s",
    "LOG_LEVEL=INFO",
]


class Mirror:
    """The offline osce.org in a process of its own (as osce.org is another machine)."""

    def __init__(self, articles: int, edition: int = 1, added: int = 0, port: int = 0):
        command = [PYTHON, str(Path(__file__).resolve()), "--articles", str(articles)]
        command += ["--edition", str(edition), "--added", str(added), "--port", str(port)]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()
        self.base_url = line.rsplit(" ", 1)[-1].strip()
        if not self.base_url.startswith("http"):
            self.stop()
            raise RuntimeError(f"mirror did not start: {line!r}")
        self.port = int(self.base_url.rsplit(":", 1)[-1])

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait()

    def __enter__(self) -> Mirror:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


@dataclass
class Run:
    """One command run to completion: wall time, peak RSS, output."""

    command: list[str]
    seconds: float = 0.0
    peak_rss_mb: float = 0.0
    returncode: int = 0
    stdout: str = ""
    stderr: str = ""
    rss_samples: list[tuple[float, float]] = field(default_factory=list)  # (seconds, MB)
    #: the largest sum of RSS over the process and its children (extraction workers), sampled
    peak_tree_rss_mb: float = 0.0
    #: user + system CPU seconds of the process and the children it waited for (extraction
    #: workers), from GNU time: what the run costs the machine, whatever else runs on it
    cpu_seconds: float = 0.0


def _read_kb(pid: int, key: str) -> int | None:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError, ValueError):
        return None
    return None


def _descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        parent = todo.pop()
        try:
            with open(f"/proc/{parent}/task/{parent}/children") as children:
                kids = [int(k) for k in children.read().split()]
        except (FileNotFoundError, ProcessLookupError, ValueError):
            kids = []
        found += kids
        todo += kids
    return found


def timed(command: list[str], sample_every: float = 0.25, cwd: Path = REPO) -> Run:
    """Run ``command``; its peak RSS (GNU time's maximum resident set size, else VmHWM
    polled until it exits) and wall time."""
    run = Run(command)
    started = time.perf_counter()
    # GNU time reports the child's exact peak RSS, even of a run too short to sample
    gnu_time = Path("/usr/bin/time")
    report = None
    if gnu_time.exists():
        report = tempfile.NamedTemporaryFile("r", suffix=".rss", delete=False)  # noqa: SIM115
        command = [str(gnu_time), "-f", "%U %S %M", "-o", report.name, *command]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=cwd
    )
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            # under GNU time, the command is time's child
            pids = _descendants(process.pid)
            main = pids[0] if gnu_time.exists() and pids else process.pid
            hwm = _read_kb(main, "VmHWM")
            rss = _read_kb(main, "VmRSS")
            if hwm:
                peak[0] = max(peak[0], hwm)
            if rss:
                run.rss_samples.append((time.perf_counter() - started, rss / 1024))
            tree = sum(_read_kb(pid, "VmRSS") or 0 for pid in [main, *_descendants(main)])
            run.peak_tree_rss_mb = max(run.peak_tree_rss_mb, tree / 1024)
            done.wait(sample_every)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    run.stdout, run.stderr = process.communicate()
    done.set()
    sampler.join()
    run.seconds = time.perf_counter() - started
    run.returncode = process.returncode
    run.peak_rss_mb = peak[0] / 1024
    if report is not None:
        text = Path(report.name).read_text().strip().splitlines()
        Path(report.name).unlink()
        fields = text[-1].split() if text else []
        if len(fields) == 3 and fields[2].isdigit():
            run.cpu_seconds = float(fields[0]) + float(fields[1])
            run.peak_rss_mb = int(fields[2]) / 1024  # kB
    return run


def crawl(base_url: str, archive: Path, *extra: str) -> Run:
    command = [PYTHON, "-m", "osce_crawler.cli", "crawl", "--base-url", base_url]
    return timed([*command, "--archive", str(archive), *FAST, *extra])


def manifest(archive: Path) -> dict:
    return json.loads((archive / "runs" / "latest.json").read_text())


def scrapy_stat(log: str, name: str, default: str = "0") -> str:
    """A value of Scrapy's final stats dump in the log."""
    for line in log.splitlines():
        line = line.strip()
        if line.startswith(f"'{name}':"):
            return line.split(":", 1)[1].strip().rstrip(",")
    return default


def machine() -> str:
    memory = ""
    try:
        with open("/proc/meminfo") as info:
            total_kb = int(info.readline().split()[1])
            memory = f", {total_kb / 1024 / 1024:.1f} GiB RAM"
    except (OSError, ValueError):
        pass
    one, five, fifteen = os.getloadavg()
    load = f", load average {one:.2f} {five:.2f} {fifteen:.2f}"
    return f"{os.cpu_count()} CPUs{memory}, Python {platform.python_version()}{load}"


def _serve() -> None:
    sys.path.insert(0, str(REPO))
    from osce_crawler.mirror.server import MirrorServer
    from osce_crawler.mirror.site import MirrorSite

    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=0)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--edition", type=int, default=1)
    parser.add_argument("--added", type=int, default=0)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    site = MirrorSite(args.articles, args.seed, edition=args.edition, added=args.added)
    server = MirrorServer(site, args.port)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    server.start_in_thread()
    print(f"osce.org mirror serving {len(site.records)} articles at {server.base_url}", flush=True)
    stop.wait()
    server.shutdown()
    server.server_close()


if __name__ == "__main__":
    _serve()
