"""``osce-archive export``: the latest items as CSV, JSON Lines or Parquet, streamed.

CSV flattening (documented in docs/analysis.md, "Export"): one row per item, one column
per key, in schema order, except:

- ``dateline`` and ``warc`` (objects) become one column per member: ``dateline_text``,
  ``dateline_place``, ``dateline_date``, ``warc_filename``, ``warc_offset``,
  ``warc_record_id``;
- lists of strings (``sources``, ``fields_of_work``, ``extraction_warnings``) are joined
  with `` | ``; ``paragraphs`` are joined with a blank line (as in ``body``);
- lists of objects (``quotes``, ``speakers``, ``glossary``, ``attachments``,
  ``translations``) and ``provenance`` are compact JSON text (lossless: ``json.loads``);
- null is an empty cell; booleans are ``true``/``false``;
- a text cell starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return gets a
  leading ``'``, so that no spreadsheet runs it as a formula (OWASP, "CSV Injection").

Parquet keeps the nesting: its Arrow schema is derived from the item's JSON Schema
(lists stay lists, objects become structs, ``provenance`` a map), written in row groups.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from osce_crawler.analysis.safe_text import csv_cell
from osce_crawler.archive.reader import LINE_KEYS
from osce_crawler.schema import load_schema

LIST_SEPARATOR = " | "
PARAGRAPH_SEPARATOR = "\n\n"
STRING_LISTS = ("sources", "fields_of_work", "extraction_warnings")
OBJECT_COLUMNS = {
    "dateline": ("text", "place", "date"),
    "warc": ("filename", "offset", "record_id"),
}
JSON_COLUMNS = ("quotes", "speakers", "glossary", "attachments", "translations", "provenance")
#: rows per Parquet row group: export holds one group at a time (its dicts, its Arrow
#: table, its encoded columns), so this bounds export's memory; at 2,000 rows peak RSS was
#: 1.48 x that of a 1,000-item archive, at 500 rows 1.12 x (bench/export_memory.py)
BATCH = 500


def csv_columns() -> list[str]:
    columns = []
    for key in LINE_KEYS:
        if key in OBJECT_COLUMNS:
            columns += [f"{key}_{member}" for member in OBJECT_COLUMNS[key]]
        else:
            columns.append(key)
    return columns


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def flatten(line: dict[str, Any]) -> dict[str, Any]:
    """One CSV row of an archive line (the rules in the module docstring)."""
    return {key: csv_cell(value) for key, value in _flatten(line).items()}


def _flatten(line: dict[str, Any]) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for key in LINE_KEYS:
        value = line.get(key)
        if key in OBJECT_COLUMNS:
            for member in OBJECT_COLUMNS[key]:
                row[f"{key}_{member}"] = _cell((value or {}).get(member))
        elif key in STRING_LISTS:
            row[key] = LIST_SEPARATOR.join(value or [])
        elif key == "paragraphs":
            row[key] = PARAGRAPH_SEPARATOR.join(value or [])
        elif key in JSON_COLUMNS:
            row[key] = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        else:
            row[key] = _cell(value)
    return row


def write_csv(lines: Iterable[dict[str, Any]], out: Path | TextIO) -> int:
    """UTF-8 CSV with a header row, to a file or an open text stream (standard output);
    the number of rows written."""
    if not isinstance(out, Path):
        return _write_csv_rows(lines, out)
    with open(out, "w", encoding="utf-8", newline="") as stream:
        return _write_csv_rows(lines, stream)


def write_jsonl(lines: Iterable[dict[str, Any]], out: Path | TextIO) -> int:
    """The items as the archive holds them, one JSON object per line (UTF-8), to a file or
    an open text stream; the number of lines written."""
    if not isinstance(out, Path):
        return _write_json_lines(lines, out)
    with open(out, "w", encoding="utf-8", newline="\n") as stream:
        return _write_json_lines(lines, stream)


def _write_json_lines(lines: Iterable[dict[str, Any]], stream: TextIO) -> int:
    count = 0
    for line in lines:
        stream.write(json.dumps(line, ensure_ascii=False) + "\n")
        count += 1
    return count


def _write_csv_rows(lines: Iterable[dict[str, Any]], stream: TextIO) -> int:
    count = 0
    writer = csv.DictWriter(stream, fieldnames=csv_columns())
    writer.writeheader()
    for line in lines:
        writer.writerow(flatten(line))
        count += 1
    return count


def _arrow_type(node: dict[str, Any], schema: dict[str, Any]) -> Any:
    """The Arrow type of a JSON Schema node (the subset the item schema uses)."""
    import pyarrow as pa

    if "$ref" in node:
        return _arrow_type(schema["$defs"][node["$ref"].rsplit("/", 1)[-1]], schema)
    if "anyOf" in node:  # {"$ref": ...} or null
        return _arrow_type(next(n for n in node["anyOf"] if n.get("type") != "null"), schema)
    kinds = node.get("type")
    kind = next(k for k in kinds if k != "null") if isinstance(kinds, list) else kinds
    if kind == "string":
        return pa.string()
    if kind == "integer":
        return pa.int64()
    if kind == "boolean":
        return pa.bool_()
    if kind == "array":
        return pa.list_(_arrow_type(node["items"], schema))
    if kind == "object" and "properties" in node:
        return pa.struct(
            [pa.field(k, _arrow_type(v, schema)) for k, v in node["properties"].items()]
        )
    if kind == "object":
        return pa.map_(pa.string(), _arrow_type(node["additionalProperties"], schema))
    raise ValueError(f"no Arrow type for {node}")


def arrow_schema() -> Any:
    """The Parquet schema: one field per line key, derived from item.schema.json."""
    import pyarrow as pa

    schema = load_schema()
    return pa.schema(
        [pa.field(key, _arrow_type(schema["properties"][key], schema)) for key in LINE_KEYS]
    )


def _batches(lines: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for line in lines:
        line = dict(line)
        if line.get("provenance") is not None:  # a map: Arrow wants key/value pairs
            line["provenance"] = list(line["provenance"].items())
        batch.append(line)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def write_parquet(lines: Iterable[dict[str, Any]], out: Path, batch: int = BATCH) -> int:
    """Parquet (zstd) in row groups of ``batch`` items; the number of rows written."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = arrow_schema()
    count = 0
    with pq.ParquetWriter(out, schema, compression="zstd") as writer:
        for rows in _batches(lines, batch):
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
            count += len(rows)
        if count == 0:
            writer.write_table(schema.empty_table())
    return count


def write_wacz(archive: Any, out: Path) -> int:
    """A WACZ package of the archive (the ``wacz`` library): every WARC file, a CDXJ index of
    them and the page list (``pages/pages.jsonl``: each live item's URL and title), for
    archivists who share or publish a collection. The number of pages listed."""
    import contextlib
    import io
    import tempfile

    from wacz.main import main as wacz_main

    warcs = sorted(str(path) for path in (archive.root / "warc").glob("*.warc.gz"))
    if not warcs:
        raise ValueError(f"{archive.root} holds no WARC files to package")
    with tempfile.TemporaryDirectory() as scratch:
        pages = Path(scratch) / "pages.jsonl"
        count = 0
        with open(pages, "w", encoding="utf-8") as stream:
            header = {"format": "json-pages-1.0", "id": "pages", "title": "osce-archive items"}
            stream.write(json.dumps(header) + "\n")
            for item in archive.items():
                page = {"url": item["url"], "title": item.get("title") or item["url"]}
                stream.write(json.dumps(page, ensure_ascii=False) + "\n")
                count += 1
        said = io.StringIO()  # the library prints its progress: kept off our output
        with contextlib.redirect_stdout(said):
            code = wacz_main(["create", "-o", str(out), "-p", str(pages), *warcs])
        if code not in (None, 0):
            raise RuntimeError(f"wacz create failed: {said.getvalue().strip()[-300:]}")
    return count
