"""The page-variant generator itself (not the extractor): reproducible, covering its markup space,
honest expectations (every expected value is on the visible page, no chrome string equals one)
and a holdout split that shares neither texts nor random streams with dev."""

from __future__ import annotations

import json
import re

import lxml.html
import pytest

from tests import pagevariants as pv
from tests.pagevariants_score import norm

N = 300


@pytest.fixture(scope="module")
def dev_variants() -> list[pv.Variant]:
    return [pv.generate(seed) for seed in range(N)]


@pytest.fixture(scope="module")
def holdout_variants() -> list[pv.Variant]:
    return [pv.generate(seed, "holdout") for seed in range(N)]


def _visible(v: pv.Variant) -> tuple[str, str]:
    """The page's visible text (no head, scripts or styles), and the JSON-LD text."""
    root = lxml.html.fromstring(v.html.decode(v.charset))
    jsonld = " ".join(s.text_content() for s in root.iter("script"))
    for el in list(root.iter("head", "script", "style")):
        el.drop_tree()
    return root.text_content(), jsonld


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text).casefold()


def test_same_seed_same_page_and_seeds_differ():
    a, b = pv.generate(17), pv.generate(17)
    assert a.html == b.html and a.expected == b.expected and a.markup == b.markup
    assert a.forbidden == b.forbidden
    assert len({pv.generate(s).html for s in range(20)}) == 20
    assert pv.generate(17, "holdout").html != a.html


def test_every_markup_choice_occurs(dev_variants):
    seen: dict[str, set] = {dim: set() for dim in pv.DEV_SPACE}
    for v in dev_variants:
        for dim in pv.DEV_SPACE:
            if dim in v.markup:
                seen[dim].add(v.markup[dim])
    missing = {
        dim: sorted(set(values) - seen[dim])
        for dim, values in pv.DEV_SPACE.items()
        if set(values) - seen[dim]
    }
    assert not missing, missing


def test_holdout_only_choices_stay_out_of_dev(dev_variants, holdout_variants):
    for dim, values in pv.HOLDOUT_EXTRA.items():
        in_dev = {v.markup.get(dim) for v in dev_variants}
        in_holdout = {v.markup.get(dim) for v in holdout_variants}
        assert not set(values) & in_dev, dim
        assert set(values) <= in_holdout, dim


def test_expected_values_are_on_the_visible_page(dev_variants, holdout_variants):
    for v in dev_variants[:150] + holdout_variants[:150]:
        text, jsonld = _visible(v)
        page = _squash(text)
        e = v.expected
        where = f"{v.split} seed {v.seed}"
        assert _squash(e["title"]) in page, where
        if e["place"]:
            assert _squash(e["place"]) in page, where
        for value in e["sources"] + e["fields_of_work"]:
            assert _squash(value) in page, (where, value)
        for g in e["glossary"]:
            assert _squash(g["term"]) in page and _squash(g["definition"]) in page, where
        terms = [g["term"] for g in e["glossary"]]
        for para in e["body"].split("\n"):
            para = para[2:] if para.startswith("- ") else para
            pieces = re.split("|".join(re.escape(t) for t in terms), para) if terms else [para]
            for piece in pieces:
                assert _squash(piece) in page, (where, piece[:80])
        year = e["published"][:4]
        if v.markup["date_where"] in ("meta", "byline"):
            assert _squash(v.markup["date_text"]) in page, where
        else:  # only the dateline (and a datetime attribute) shows the date
            assert e["dateline"] and _squash(e["dateline"]["place"]) in page, where
        assert year in text, where
        if e["dateline"]:
            assert re.search(re.escape(e["dateline"]["place"]) + r",[^\n]{0,30}" + year, text), (
                where
            )
        label = e["content_type_label"]
        if e["content_type_shown"] in ("label", "breadcrumb"):
            assert _squash(label) in page, where
        elif e["content_type_shown"] == "jsonld":
            assert json.dumps(label, ensure_ascii=False)[1:-1] in jsonld, where


def test_forbidden_strings_never_equal_expected_values(dev_variants, holdout_variants):
    for v in dev_variants + holdout_variants:
        e = v.expected
        values = [
            e["title"],
            e["place"] or "",
            *e["sources"],
            *e["fields_of_work"],
            *(g["term"] for g in e["glossary"]),
        ]
        clash = {norm(f) for f in v.forbidden} & {norm(x) for x in values if x}
        assert not clash, (v.split, v.seed, clash)
        assert v.chrome and len(v.forbidden) >= len(v.chrome)


def test_expected_body_holds_no_chrome_or_label_line(dev_variants):
    for v in dev_variants:
        lines = [norm(ln.lstrip("- ")) for ln in v.expected["body"].split("\n") if ln.strip()]
        chrome = {norm(c) for c in v.chrome}
        assert not chrome & set(lines), v.seed
        for word in v.label_words:
            w = norm(word)
            assert not any(ln == w or re.match(re.escape(w) + r"\s*:", ln) for ln in lines), (
                v.seed,
                word,
            )


def test_page_declares_the_charset_it_is_written_in(dev_variants):
    for v in dev_variants:
        head = v.html[:400].decode("ascii", errors="replace").lower().replace('"', "")
        assert f"charset={v.charset}" in head, v.seed
        v.html.decode(v.charset)  # strict: the bytes are in that charset


def test_holdout_texts_and_seeds_are_disjoint_from_dev(holdout_variants):
    dev = pv.load_texts("dev")
    hold = pv.load_texts("holdout")
    assert len(hold) >= 20
    assert not {t["id"] for t in dev} & {t["id"] for t in hold}
    assert not {t["url"] for t in dev if t["url"]} & {t["url"] for t in hold}
    assert not {norm(t["title"]) for t in dev} & {norm(t["title"]) for t in hold}
    hold_ids = {t["id"] for t in hold}
    for v in holdout_variants:
        assert set(v.text_id.split("+")) <= hold_ids, v.seed
    for t in hold:  # every held-out record names where it came from
        assert t["url"].startswith("http") and t["paragraphs"]
    with pytest.raises(ValueError):
        pv.generate(pv.HOLDOUT_SEED_BASE)
    with pytest.raises(ValueError):
        pv.generate(1, "test")


def test_generator_imports_nothing_from_the_package():
    source = (pv.DATA.parent / "pagevariants.py").read_text(encoding="utf-8")
    assert "osce_crawler" not in re.sub(r'""".*?"""', "", source, flags=re.S)
