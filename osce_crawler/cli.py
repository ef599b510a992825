"""The ``osce-archive`` command.

Exit codes: 0 success; 2 usage error or unusable input (one line on stderr, no traceback).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

EXIT_OK = 0
EXIT_USAGE = 2

_HTML_SIGN = re.compile(rb"<(!doctype|html|head|body|div|p|article|main|meta|title|h1|span|ul|table)\b", re.I)


class UsageError(Exception):
    """A user's mistake: reported in one line, exit code 2."""


def read_page(path: str) -> bytes:
    """The bytes of an HTML page from a path or ``-``, refused with a clear reason if unusable."""
    if path == "-":
        data = sys.stdin.buffer.read()
        where = "standard input"
    else:
        file = Path(path)
        if not file.exists():
            raise UsageError(f"no such file: {path}")
        if file.is_dir():
            raise UsageError(f"{path} is a directory, not an HTML file")
        try:
            data = file.read_bytes()
        except OSError as error:
            raise UsageError(f"cannot read {path}: {error.strerror}") from None
        where = path
    if not data.strip():
        raise UsageError(f"{where} is empty")
    head = data[:65536]
    if b"\x00" in head or head.startswith((b"%PDF", b"\x89PNG", b"PK\x03\x04", b"\x1f\x8b", b"GIF8")):
        raise UsageError(f"{where} is binary, not HTML")
    if not _HTML_SIGN.search(head):
        raise UsageError(f"{where} does not look like HTML (no HTML tags found)")
    return data


def cmd_extract(args: argparse.Namespace) -> int:
    from osce_crawler.extract import extract_article

    data = read_page(args.path)
    url = args.url or (Path(args.path).resolve().as_uri() if args.path != "-" else "about:stdin")
    article = extract_article(data, url)
    sys.stdout.write(article.to_json() + "\n")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    """Until the crawler lands: render the bundled seed page and print its item."""
    from osce_crawler.extract import extract_article
    from osce_crawler.mirror.pages import load_records, render_article

    seed = next(record for record in load_records() if record["key"] == "seed")
    url = "https://www.osce.org" + seed["path"]
    article = extract_article(render_article(seed, "https://www.osce.org"), url)
    sys.stdout.write(article.to_json() + "\n")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="osce-archive", description="Crawl and archive the public pages of osce.org."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    extract = commands.add_parser("extract", help="extract one page into an item (one JSON line)")
    extract.add_argument("path", help="an HTML file, or - for standard input")
    extract.add_argument("--url", help="the page's URL (default: the file's file:// URI)")
    extract.set_defaults(run=cmd_extract)
    demo = commands.add_parser("demo", help="extract the bundled copy of the seed page")
    demo.set_defaults(run=cmd_demo)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except UsageError as error:
        print(f"osce-archive: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("osce-archive: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
