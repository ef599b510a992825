"""One run per archive: an exclusive, non-blocking lock on ``<archive>/.lock``."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

_HELD: dict[Path, tuple[int, int]] = {}  # resolved archive root -> (fd, holders)


class ArchiveLocked(Exception):
    """Another process holds the archive's lock."""


def acquire(root: Path) -> None:
    """Take the lock (re-entrant within this process); ArchiveLocked if another run has it."""
    key = root.resolve()
    if key in _HELD:
        fd, holders = _HELD[key]
        _HELD[key] = (fd, holders + 1)
        return
    root.mkdir(parents=True, exist_ok=True)
    fd = os.open(key / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip() or "unknown"
        os.close(fd)
        raise ArchiveLocked(f"another run (pid {holder}) is using the archive {root}") from None
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
    _HELD[key] = (fd, 1)


def release(root: Path) -> None:
    key = root.resolve()
    if key not in _HELD:
        return
    fd, holders = _HELD[key]
    if holders > 1:
        _HELD[key] = (fd, holders - 1)
        return
    del _HELD[key]
    fcntl.flock(fd, fcntl.LOCK_UN)
    os.close(fd)


def holder(root: Path) -> str | None:
    """The pid of the run holding the archive's lock, or None when no run holds it.

    Reading only: the lock file is never created, and a shared lock taken to test it is
    let go at once."""
    path = Path(root) / ".lock"
    if Path(root).resolve() in _HELD:
        return str(os.getpid())
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return os.pread(fd, 64, 0).decode("ascii", "replace").strip() or "unknown"
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)
