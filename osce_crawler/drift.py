"""Markup drift: how each key field was found, counted per run, and the shares that
tell that osce.org changed its templates (read by the ``markup_drift`` monitor).

Every item carries ``provenance`` (field -> layer). Counted over a run's article pages,
a histogram shows at a glance which layers answered; a redesign shows as fields going
missing or the body coming from the generic layer, long before anyone reads the items.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

#: the fields whose provenance is counted (manifest and ``stats``)
KEY_FIELDS = (
    "title",
    "published",
    "place",
    "content_type",
    "sources",
    "fields_of_work",
    "dateline",
    "body",
)
#: the signs of drift: a share of article pages above the threshold fails the run
DRIFT_SIGNS = (
    "title missing",
    "published missing",
    "body missing",
    "content_type missing",
    "body from the generic layer",
)
MISSING = "missing"
LAYER_FAILED = "layer failed:"  # the start of the warning a failed extraction layer leaves
_PREFIX = "osce/provenance/"
_FAILED = "osce/layer_failed/"
_EXAMPLES = "osce/drift_examples"


def layers_of(item: Mapping[str, Any]) -> dict[str, str]:
    """field -> the layer that found it, or ``missing``."""
    provenance = item.get("provenance") or {}
    return {
        key: (provenance.get(key) or "unknown") if item.get(key) not in (None, "", []) else MISSING
        for key in KEY_FIELDS
    }


def drift_signs(layers: Mapping[str, str]) -> list[str]:
    signs = [f"{key} missing" for key in ("title", "published", "body", "content_type")]
    found = [sign for sign in signs if layers.get(sign.split()[0]) == MISSING]
    if layers.get("body") == "generic":
        found.append("body from the generic layer")
    return found


def failed_layers(warnings: Iterable[str]) -> list[str]:
    """The layers an item's warnings say failed ('layer failed: quotes (ValueError: …)')."""
    return [w[len(LAYER_FAILED) :].split()[0] for w in warnings if w.startswith(LAYER_FAILED)]


def count_item(stats: Any, item: Mapping[str, Any]) -> None:
    """Add one article page to the run's histogram (Scrapy stats), with drift examples."""
    layers = layers_of(item)
    for key, layer in layers.items():
        stats.inc_value(f"{_PREFIX}{key}/{layer}")
    for layer in failed_layers(item.get("extraction_warnings") or []):
        stats.inc_value(f"{_FAILED}{layer}")
    signs = drift_signs(layers)
    if signs:
        stats.inc_value("osce/drift_pages")
        examples = stats.get_value(_EXAMPLES) or []
        if len(examples) < 5:
            stats.set_value(_EXAMPLES, [*examples, f"{item.get('url')} ({', '.join(signs)})"])


def histogram(stats: Mapping[str, Any]) -> dict[str, dict[str, int]]:
    """field -> layer -> article pages, from a run's stats."""
    found: dict[str, dict[str, int]] = {key: {} for key in KEY_FIELDS}
    for name, value in stats.items():
        if name.startswith(_PREFIX):
            key, layer = name[len(_PREFIX) :].split("/", 1)
            found.setdefault(key, {})[layer] = int(value)
    return {key: dict(sorted(layers.items())) for key, layers in found.items()}


def layer_failures(stats: Mapping[str, Any]) -> dict[str, int]:
    return {
        name[len(_FAILED) :]: int(value)
        for name, value in stats.items()
        if name.startswith(_FAILED)
    }


def drift_examples(stats: Mapping[str, Any]) -> list[str]:
    return list(stats.get(_EXAMPLES) or [])


def shares(counts: Mapping[str, Mapping[str, int]]) -> tuple[int, dict[str, float]]:
    """(article pages, sign -> share of them) from a provenance histogram."""
    pages = sum((counts.get("title") or {}).values())
    if not pages:
        return 0, {}

    def share(key: str, layer: str) -> float:
        return round((counts.get(key) or {}).get(layer, 0) / pages, 4)

    return pages, {
        "title missing": share("title", MISSING),
        "published missing": share("published", MISSING),
        "body missing": share("body", MISSING),
        "content_type missing": share("content_type", MISSING),
        "body from the generic layer": share("body", "generic"),
    }
