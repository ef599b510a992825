"""The item's JSON Schema (draft 2020-12), shipped with the package: ``item.schema.json``.

Items are checked by fastjsonschema (this schema compiled to Python code, twenty times
faster); every item it refuses goes to jsonschema, the reference, which has the last word
and gives the reasons. tests/test_schema.py checks that the two agree. The schema
describes one archive line (item keys, then archive keys, tombstones included);
``#/$defs/item`` is the extracted item the pipeline checks before anything is written.
``osce_crawler.item`` stays the one definition of the keys: tests/test_schema.py fails as
soon as the dataclasses and the schema disagree on a key or a type.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any

import fastjsonschema

if TYPE_CHECKING:  # jsonschema is imported when an item is refused (about 13 MB a process)
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

__all__ = [
    "item_errors",
    "item_validator",
    "line_errors",
    "line_is_valid",
    "line_validator",
    "load_schema",
]


@cache
def load_schema() -> dict[str, Any]:
    """The schema as shipped (package data), parsed once."""
    return json.loads(files(__name__).joinpath("item.schema.json").read_text("utf-8"))


@cache
def line_validator() -> Draft202012Validator:
    """Validates a whole archive line (``items/*.jsonl``)."""
    from jsonschema import Draft202012Validator

    schema = load_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(inline_refs(schema, schema))


@cache
def item_validator() -> Draft202012Validator:
    """Validates an extracted item (item keys only), as the pipeline sees it."""
    from jsonschema import Draft202012Validator

    schema = load_schema()
    return Draft202012Validator(inline_refs(schema["$defs"]["item"], schema))


def inline_refs(node: Any, root: dict[str, Any], depth: int = 0) -> Any:
    """``node`` with every local ``$ref`` ("#/...") replaced by what it points to.

    Same meaning, but jsonschema resolves a ``$ref`` on every use, which made it most of
    the crawl's validation time. The schema has no recursive references.
    """
    if depth > 32:
        raise ValueError("the schema's references nest too deep (a cycle?)")
    if isinstance(node, list):
        return [inline_refs(value, root, depth) for value in node]
    if not isinstance(node, dict):
        return node
    inlined = {key: inline_refs(value, root, depth) for key, value in node.items() if key != "$ref"}
    reference = node.get("$ref")
    if reference is None:
        return inlined
    if not reference.startswith("#/"):
        raise ValueError(f"the schema refers outside itself: {reference}")
    target: Any = root
    for part in reference[2:].split("/"):
        target = target[part.replace("~1", "/").replace("~0", "~")]
    resolved = inline_refs(target, root, depth + 1)
    return {**inlined, "allOf": [*inlined.get("allOf", []), resolved]} if inlined else resolved


def describe(error: ValidationError) -> str:
    """One short line: where in the item, and what is wrong."""
    where = "/".join(str(part) for part in error.absolute_path) or "(item)"
    if error.validator == "pattern":
        shown = repr(error.instance)
        shown = shown if len(shown) <= 60 else shown[:57] + "..."
        message = f"{shown} does not match the pattern {error.validator_value}"
    else:
        message = error.message if len(error.message) <= 160 else error.message[:157] + "..."
    return f"{where}: {message}"


def _errors(validator: Draft202012Validator, data: Any) -> Iterator[str]:
    for error in sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path)):
        yield describe(error)


@cache
def _fast_check(which: str) -> Callable[[Any], Any]:
    """The same schema compiled to Python code by fastjsonschema: a valid item (nearly
    every one) costs a twentieth of jsonschema's time. The schema only uses keywords that
    mean the same in draft-07, which fastjsonschema implements; tests/test_schema.py checks
    that the two agree on thousands of broken items."""
    schema = load_schema()
    body = inline_refs(schema["$defs"]["item"] if which == "item" else schema, schema)
    return fastjsonschema.compile({**body, "$schema": "http://json-schema.org/draft-07/schema#"})


def _checked(which: str, validator: Callable[[], Draft202012Validator], data: Any) -> list[str]:
    try:
        _fast_check(which)(data)
    except fastjsonschema.JsonSchemaException:
        return list(_errors(validator(), data))  # jsonschema has the last word, and the words
    return []


def item_errors(item: dict[str, Any]) -> list[str]:
    """What is wrong with an extracted item (empty when it is valid)."""
    return _checked("item", item_validator, item)


def prepare_item_check() -> None:
    """Compile the fast item check now (an extraction process's start), not on a page."""
    _fast_check("item")


def line_errors(line: Any) -> list[str]:
    """What is wrong with one archive line (empty when it is valid)."""
    return _checked("line", line_validator, line)


def line_is_valid(line: Any) -> bool:
    """True when the schema accepts an archive line: the fast check alone, for readers that
    skip (and count) a bad line rather than explain it."""
    try:
        _fast_check("line")(line)
    except fastjsonschema.JsonSchemaException:
        return False
    return True
