"""Hostile input: generated and mutated pages never make extract_article raise."""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from osce_crawler.extract import extract_article

from .fuzzing import mutate, seed_pages

# hundreds of generated pages: `make test` runs them, `make test-fast` not
pytestmark = pytest.mark.slow

PAGES = seed_pages()
URL = "https://www.osce.org/secretariat/489944"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(min_value=0, max_value=len(PAGES) - 1), st.integers(min_value=0, max_value=2**32)
)
def test_mutated_real_pages_never_raise(index, seed):
    page = mutate(random.Random(seed), PAGES[index])
    article = extract_article(page, URL)
    article.to_json()  # and the result serialises


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.binary(max_size=5000), st.text(max_size=5000)))
def test_arbitrary_bytes_and_text_never_raise(data):
    article = extract_article(data, URL)
    assert isinstance(article.extraction_warnings, list)


@settings(max_examples=100, deadline=None)
@given(
    st.recursive(
        st.text(max_size=40),
        lambda inner: st.tuples(
            st.sampled_from(
                [
                    "div",
                    "p",
                    "li",
                    "ul",
                    "article",
                    "main",
                    "span",
                    "h1",
                    "time",
                    "dl",
                    "dt",
                    "dd",
                    "table",
                    "td",
                ]
            ),
            st.lists(inner, max_size=5),
        ).map(lambda t: f"<{t[0]}>" + "".join(t[1]) + f"</{t[0]}>"),
        max_leaves=60,
    )
)
def test_generated_markup_never_raises(markup):
    extract_article(f"<html><body>{markup}</body></html>", URL)
