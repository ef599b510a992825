"""The extractor on page variants rendered independently of it (tests/pagevariants.py).

Hard errors (page chrome in a list field, metadata labels in the body) must never happen;
field accuracy is held to floors below what the bench measures (docs/extraction.md), never
to 1.0: the dev split is what the rules were written on, the holdout split (other texts,
other label words and layouts) was not read while writing them.
"""

from __future__ import annotations

import pytest

from osce_crawler.extract import extract_article

from .pagevariants import variants
from .pagevariants_score import score


def scored(split: str, start: int, n: int) -> list[tuple[object, dict]]:
    out = []
    for variant in variants(n, split, start=start):
        item = extract_article(variant.html, variant.url).to_dict()
        out.append((variant, score(variant, item)))
    return out


@pytest.fixture(scope="module")
def dev() -> list[tuple[object, dict]]:
    return scored("dev", 0, 300)


@pytest.fixture(scope="module")
def holdout() -> list[tuple[object, dict]]:
    return scored("holdout", 2000, 300)


def field_accuracy(results: list[tuple[object, dict]]) -> float:
    fields = [f for _, s in results for f in s["fields"].values()]
    return sum(f["ok"] for f in fields) / len(fields)


def share_of_good_bodies(results: list[tuple[object, dict]]) -> float:
    return sum(s["body_f1"] >= 0.98 for _, s in results) / len(results)


def test_no_chrome_in_list_fields_and_no_labels_in_the_body(dev):
    errors = [(variant.seed, error) for variant, s in dev for error in s["hard_errors"]]
    assert errors == []


def test_fields_and_bodies_on_the_dev_split(dev):
    assert field_accuracy(dev) >= 0.98
    assert share_of_good_bodies(dev) >= 0.97


def test_fields_and_bodies_on_pages_the_rules_were_not_written_on(holdout):
    # measured 0.971 of fields and 0.995 of bodies over 1,000 holdout variants
    assert field_accuracy(holdout) >= 0.95
    assert share_of_good_bodies(holdout) >= 0.97
    list_chrome = [
        error
        for _, s in holdout
        for error in s["hard_errors"]
        if error["field"] in ("fields_of_work", "glossary.term", "attachments.title")
    ]
    assert list_chrome == []


def test_every_layer_is_named_in_provenance(dev):
    """The layers of the variants' key fields are the documented ones."""
    documented = {
        "labels", "chips", "byline", "breadcrumb", "json-ld", "og", "meta", "url", "listing",
        "semantic", "generic", "dateline", "time-datetime", "html-lang", "hreflang",
    }  # fmt: skip
    for variant, _ in dev[:100]:
        item = extract_article(variant.html, variant.url).to_dict()
        for key in ("title", "published", "place", "content_type", "sources", "body"):
            if item[key]:
                assert item["provenance"][key] in documented, (variant.seed, key)
