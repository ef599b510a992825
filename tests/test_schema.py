"""The item's JSON Schema: one definition with osce_crawler.item, and the pipeline using it."""

from __future__ import annotations

import copy
import json
import random
import types
import typing
from dataclasses import fields, is_dataclass
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from osce_crawler import item as item_module
from osce_crawler.archive.store import ARCHIVE_KEYS, ArchiveStore
from osce_crawler.extract import extract_article
from osce_crawler.item import ITEM_KEYS, Article
from osce_crawler.pipelines import ValidateItemPipeline
from osce_crawler.schema import item_errors, line_errors, load_schema

SCHEMA = load_schema()

#: $defs of the schema -> the dataclass each describes
NESTED = {
    "dateline": item_module.Dateline,
    "quote": item_module.Quote,
    "speaker": item_module.Speaker,
    "glossary_entry": item_module.GlossaryEntry,
    "attachment": item_module.Attachment,
    "translation": item_module.Translation,
}
JSON_TYPES = {str: "string", int: "integer", bool: "boolean", float: "number"}
#: keys a tombstone leaves null although an extracted item always has them (the schema's
#: "live" branch requires them non-null again)
NULL_ON_TOMBSTONES = {"extractor_version"}


def json_types(annotation: object) -> tuple[set[str], type | None]:
    """The JSON types an annotation allows, and the dataclass it refers to (if any)."""
    args = typing.get_args(annotation)
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        kinds, nested = set(), None
        for arg in args:
            more, inner = json_types(arg)
            kinds |= more
            nested = nested or inner
        return kinds, nested
    if annotation is type(None):
        return {"null"}, None
    origin = typing.get_origin(annotation)
    if origin is list:
        return {"array"}, json_types(args[0])[1]
    if origin is dict:
        return {"object"}, None
    if is_dataclass(annotation):
        return {"object"}, annotation
    return {JSON_TYPES[annotation]}, None


def schema_types(node: dict) -> tuple[set[str], str | None]:
    """The JSON types a schema node allows, and the $defs name it refers to (if any)."""
    if "$ref" in node:
        return {"object"}, node["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in node:
        kinds, ref = set(), None
        for option in node["anyOf"]:
            more, inner = schema_types(option)
            kinds |= more
            ref = ref or inner
        return kinds, ref
    kinds = node["type"]
    kinds = set(kinds) if isinstance(kinds, list) else {kinds}
    ref = None
    if "array" in kinds and "$ref" in node.get("items", {}):
        ref = node["items"]["$ref"].rsplit("/", 1)[-1]
    return kinds, ref


#: keys added to the item after archives were written: every item has them, the schema
#: does not require them, so that lines written before still validate
ADDED_SINCE_1_0 = {"Quote": {"speaker_kind"}}


def check_dataclass(cls: type, node: dict) -> None:
    hints = typing.get_type_hints(cls)
    keys = [f.name for f in fields(cls) if f.metadata.get("serialise") is not False]
    assert list(node["properties"]) == keys, f"{cls.__name__}: keys differ"
    newer = ADDED_SINCE_1_0.get(cls.__name__, set())  # optional: lines written before lack them
    assert sorted(node["required"]) == sorted(set(keys) - newer), f"{cls.__name__}: required"
    names = {v: k for k, v in NESTED.items()}
    for key in keys:
        wanted, nested = json_types(hints[key])
        found, ref = schema_types(node["properties"][key])
        if cls is Article and key in NULL_ON_TOMBSTONES:
            assert SCHEMA["$defs"]["live"]["properties"][key]["type"] != "null"
            found -= {"null"}
        assert found == wanted, f"{cls.__name__}.{key}: schema {found}, dataclass {wanted}"
        if nested is not None:
            assert ref == names[nested], f"{cls.__name__}.{key}: refers to {ref}"
            check_dataclass(nested, SCHEMA["$defs"][ref])


def test_the_schema_is_valid_draft_2020_12():
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(SCHEMA)


def test_the_schema_and_the_dataclasses_agree_on_keys_and_types():
    assert tuple(SCHEMA["properties"]) == ITEM_KEYS + ARCHIVE_KEYS
    assert tuple(SCHEMA["required"]) == ITEM_KEYS + ARCHIVE_KEYS
    assert SCHEMA["additionalProperties"] is False
    assert tuple(SCHEMA["$defs"]["item"]["required"]) == ITEM_KEYS
    assert tuple(SCHEMA["$defs"]["item"]["properties"]) == ITEM_KEYS
    item_schema = {
        "properties": {k: SCHEMA["properties"][k] for k in ITEM_KEYS},
        "required": list(ITEM_KEYS),
    }
    check_dataclass(Article, item_schema)


def test_the_dataclass_check_catches_a_disagreement():
    """The check above is not vacuous: a key the schema lacks is caught."""
    broken = json.loads(json.dumps(SCHEMA["$defs"]["speaker"]))
    broken["properties"].pop("role")
    with pytest.raises(AssertionError, match="keys differ"):
        check_dataclass(item_module.Speaker, broken)
    retyped = json.loads(json.dumps(SCHEMA["$defs"]["quote"]))
    retyped["properties"]["paragraph"]["type"] = "string"
    with pytest.raises(AssertionError, match="paragraph"):
        check_dataclass(item_module.Quote, retyped)


def test_every_key_is_documented():
    doc = (Path(__file__).parents[1] / "docs" / "schema.md").read_text("utf-8")
    for key in ITEM_KEYS + ARCHIVE_KEYS:
        assert f"### `{key}`" in doc, key
        assert SCHEMA["properties"][key].get("description"), key


def test_fixture_pages_make_valid_items(mirror_pages):
    for key, html in mirror_pages.items():
        article = extract_article(html, f"https://www.osce.org/{key}")
        assert item_errors(article.to_dict()) == [], key


def test_a_tombstone_line_is_valid_and_a_live_line_needs_its_fields():
    tombstone = {key: None for key in ITEM_KEYS + ARCHIVE_KEYS}
    for key in ("sources", "fields_of_work", "paragraphs", "quotes", "speakers", "glossary"):
        tombstone[key] = []
    for key in ("attachments", "translations", "extraction_warnings"):
        tombstone[key] = []
    tombstone.update(
        url="https://www.osce.org/x/1",
        provenance={},
        version=2,
        previous_hash="a" * 64,
        first_seen="2024-01-01T00:00:00Z",
        last_seen="2024-01-01T00:00:00Z",
        removed_at="2024-01-01T00:00:00Z",
        run_id="20240101T000000000000Z",
    )
    assert line_errors(tombstone) == []
    alive = dict(tombstone, removed_at=None)
    errors = line_errors(alive)
    assert any(e.startswith("title:") for e in errors) and any(
        e.startswith("body:") for e in errors
    )


_ODD_VALUES = [None, 0, -1, 1.5, True, "", "x", "2024-13-45", "2024-01-01", [], [None], [1],
               ["a"], [{}], [{"text": 1}], {}, {"a": 1}]  # fmt: skip


def _broken(data: object, rng: random.Random) -> object:
    """``data`` with one value somewhere replaced, removed or added (a deep copy)."""
    data = copy.deepcopy(data)
    node = data
    for _ in range(rng.randint(1, 4)):
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        if not keys:
            break
        key = rng.choice(keys)
        child = node[key]
        if isinstance(child, (dict, list)) and child and rng.random() < 0.6:
            node = child
            continue
        if isinstance(node, dict) and rng.random() < 0.15:
            del node[key]
        else:
            node[key] = rng.choice(_ODD_VALUES)
        return data
    if isinstance(node, dict):
        node["unexpected"] = rng.choice(_ODD_VALUES)
    return data


def test_the_fast_validator_and_jsonschema_agree_on_every_item(mirror_pages):
    """fastjsonschema answers first; it must never pass what jsonschema refuses."""
    rng = random.Random(8)
    # the schema as shipped, references and all, read by jsonschema alone
    reference = Draft202012Validator(SCHEMA)
    registry = Registry().with_resource(SCHEMA["$id"], Resource.from_contents(SCHEMA))
    item_reference = Draft202012Validator(
        {"$ref": f"{SCHEMA['$id']}#/$defs/item"}, registry=registry
    )
    items = [
        extract_article(html, f"https://www.osce.org/{key}").to_dict()
        for key, html in mirror_pages.items()
    ]
    checked = refused = 0
    for item in items:
        for _ in range(150):
            broken = _broken(item, rng)
            expected = list(item_reference.iter_errors(broken))
            assert bool(item_errors(broken)) == bool(expected), broken
            checked += 1
            refused += bool(expected)
        line = {**item, **_live_line_keys()}
        assert line_errors(line) == [] and not list(reference.iter_errors(line))
        broken_line = _broken(line, rng)
        assert bool(line_errors(broken_line)) == bool(list(reference.iter_errors(broken_line)))
    assert checked == 150 * len(items) and refused > checked * 0.5


def _live_line_keys() -> dict[str, object]:
    return {
        "version": 1,
        "previous_hash": None,
        "content_hash": "a" * 64,
        "first_seen": "2024-01-01T00:00:00Z",
        "last_seen": "2024-01-01T00:00:00Z",
        "removed_at": None,
        "run_id": "20240101T000000000000Z",
        "warc": None,
    }


@pytest.fixture
def pipeline(tmp_path):
    crawler = get_crawler()
    store = ArchiveStore.open(tmp_path)
    crawler.archive_store = store
    yield ValidateItemPipeline.from_crawler(crawler), store, crawler
    store.close()


def test_the_pipeline_passes_a_valid_item_and_counts_its_fields(pipeline, mirror_pages):
    validate, store, crawler = pipeline
    html = next(iter(mirror_pages.values()))
    item = extract_article(html, "https://www.osce.org/a/123").to_dict()
    item["warc"] = None  # riders the pipeline ignores
    item["sitemap_lastmod"] = None
    assert validate.process_item(item) is item
    assert "osce/items_checked" not in crawler.stats.get_stats()  # counted in the pipeline
    validate.close_spider()  # and added to Scrapy's stats in one go, before spider_closed
    validate.close_spider()  # once
    stats = crawler.stats.get_stats()
    assert stats["osce/items_checked"] == 1 and stats["osce/field_present/title"] == 1
    assert sum(stats[f"osce/provenance/title/{layer}"] for layer in _layers(stats, "title")) == 1
    assert store.counts.quarantined == 0


def test_the_pipeline_quarantines_an_invalid_item_with_the_reason(pipeline, mirror_pages):
    validate, store, crawler = pipeline
    html = next(iter(mirror_pages.values()))
    item = extract_article(html, "https://www.osce.org/a/123").to_dict()
    item["published"] = "last Tuesday"
    item["quotes"] = [{"text": "hello"}]
    with pytest.raises(DropItem, match="published"):
        validate.process_item(item)
    assert store.counts.quarantined == 1
    validate.close_spider()
    assert crawler.stats.get_value("osce/invalid_items") == 1
    rejected = (store.paths.quarantine / f"{store.run_id}.rejected.jsonl").read_text("utf-8")
    entry = json.loads(rejected)
    assert "published: 'last Tuesday' does not match" in entry["reason"]
    assert "quotes/0: 'speaker' is a required property" in entry["reason"]
    assert entry["item"]["url"] == "https://www.osce.org/a/123"


def _layers(stats: dict, key: str) -> list[str]:
    prefix = f"osce/provenance/{key}/"
    return [name[len(prefix) :] for name in stats if name.startswith(prefix)]


def test_the_schema_doc_counts_what_the_schema_has():
    doc = (Path(__file__).parents[1] / "docs" / "schema.md").read_text("utf-8")
    nested = [k for k in SCHEMA["$defs"] if k not in ("item", "live", "tombstone")]
    assert f"**{len(SCHEMA['properties'])} top-level fields**" in doc
    assert f"({len(ITEM_KEYS)} item keys + {len(ARCHIVE_KEYS)} archive keys)" in doc
    assert f"**{len(nested)} nested object\ntypes**" in doc
    assert all(f"`{name}`" in doc.split("## Layers")[0] for name in nested)


def test_the_readme_item_table_names_every_key_of_a_quote():
    readme = (Path(__file__).parents[1] / "README.md").read_text("utf-8")
    row = next(line for line in readme.splitlines() if line.startswith("| `quotes`, `speakers`"))
    for key in SCHEMA["$defs"]["quote"]["properties"]:
        assert key in row, key
