"""Text that leaves the archive for a spreadsheet or a terminal, made harmless.

Archived text is what the site sent: a title may start with ``=HYPERLINK(`` and a quote
may hold terminal escape sequences. The archive keeps it as it is; what is exported or
printed is neutralised here.
"""

from __future__ import annotations

import re

#: a CSV cell starting with one of these is a formula to Excel, LibreOffice and Sheets
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
#: C0 controls but newline and tab, DEL, and C1 controls (0x9b is a one-byte CSI)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_C1 = re.compile(r"[\x7f-\x9f]")


def csv_cell(value: object) -> object:
    """A string that a spreadsheet would run as a formula gets a leading ``'`` (OWASP's
    advice for CSV injection); other values are returned unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def printable(text: str) -> str:
    """``text`` without control characters (escape sequences lose their ESC or CSI), for a
    terminal. Newlines and tabs stay."""
    return _CONTROL.sub("", text)


def json_for_terminal(text: str) -> str:
    """A JSON text with DEL and C1 controls written as ``\\u`` escapes: the same data, and
    nothing a terminal acts on (``json.dumps`` escapes C0 controls already)."""
    return _C1.sub(lambda match: f"\\u{ord(match.group()):04x}", text)
