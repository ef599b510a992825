"""Recognising a full disk: the one storage failure a run must stop for at once."""

from __future__ import annotations

import errno
import sqlite3

_FULL = {errno.ENOSPC, errno.EFBIG, errno.EDQUOT}


def is_storage_full(error: BaseException | None) -> bool:
    """True for 'no space left', 'file too large' (a size limit) or a full SQLite database."""
    while error is not None:
        if isinstance(error, OSError) and error.errno in _FULL:
            return True
        if isinstance(error, sqlite3.OperationalError) and "full" in str(error):
            return True
        error = error.__cause__ or error.__context__
    return False
