"""Scoring an extracted item against a page variant's expectations (see tests/pagevariants.py).

Kept apart from the generator so that generation never depends on what an extractor returns.
Comparisons are case-insensitive and whitespace-normalised; curly and straight quotes and the
dashes count alike. Content type is compared through this module's own multilingual table of
labels (singular, plural and common variants), so "Press release" and "Пресс-релиз" both map to
``press-release``.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

FIELDS = (
    "title",
    "published",
    "place",
    "content_type",
    "sources",
    "fields_of_work",
    "dateline",
    "glossary",
)

# label (any language, singular or plural or a common variant) -> content type key
_TYPE_WORDS = {
    "press-release": [
        "press release",
        "press releases",
        "пресс-релиз",
        "пресс-релизы",
        "pressemitteilung",
        "pressemitteilungen",
        "communiqué de presse",
        "communiqués de presse",
        "comunicato stampa",
        "comunicado de prensa",
    ],
    "news": [
        "news item",
        "news",
        "news story",
        "новость",
        "новости",
        "nachricht",
        "nachrichten",
        "meldung",
        "actualité",
        "actualités",
        "notizia",
        "noticia",
    ],
    "statement": [
        "statement",
        "statements",
        "заявление",
        "заявления",
        "erklärung",
        "erklärungen",
        "déclaration",
        "déclarations",
        "dichiarazione",
        "declaración",
    ],
    "speech": [
        "speech",
        "speeches",
        "выступление",
        "выступления",
        "речь",
        "rede",
        "reden",
        "discours",
        "discorso",
        "discurso",
    ],
    "feature-story": [
        "feature story",
        "feature stories",
        "feature",
        "story",
        "stories",
        "очерк",
        "очерки",
        "репортаж",
        "репортажи",
        "reportage",
        "reportagen",
        "reportages",
        "articolo",
        "reportaje",
    ],
    "document": [
        "document",
        "documents",
        "документ",
        "документы",
        "dokument",
        "dokumente",
        "documento",
    ],
}
TYPE_TABLE = {_w: key for key, words in _TYPE_WORDS.items() for _w in words}
_KEYS = set(_TYPE_WORDS)

_TRANS = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "«": '"',
        "»": '"',
        "‘": "'",
        "’": "'",
        "–": "-",
        "—": "-",
        "\u00a0": " ",
    }
)


def norm(value) -> str:
    """Case-folded, NFKC, quotes and dashes unified, whitespace collapsed, edge colons dropped."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", str(value)).translate(_TRANS).casefold()
    return " ".join(text.split()).strip(" :")


def type_key(label) -> str | None:
    """The content type key of an extractor's label, by this module's own table."""
    if not label:
        return None
    n = norm(label)
    if n in _KEYS:
        return n
    return TYPE_TABLE.get(n) or TYPE_TABLE.get(n.replace("-", " "))


def tokens(text: str) -> list[str]:
    return re.findall(r"\w+", norm(text))


def token_f1(expected: str, got: str) -> float:
    exp, out = Counter(tokens(expected)), Counter(tokens(got))
    if not exp and not out:
        return 1.0
    common = sum((exp & out).values())
    if not common:
        return 0.0
    precision = common / sum(out.values())
    recall = common / sum(exp.values())
    return 2 * precision * recall / (precision + recall)


def _strip_dateline(body: str, dateline: dict | None) -> str:
    """The body without a leading dateline: the expectation never holds it."""
    if not body:
        return ""
    text = body.lstrip()
    if dateline:
        place = dateline["place"]
        m = re.match(
            rf"\s*{re.escape(place)}\s*,?[^\n]{{0,40}}?\d{{4}}(?:\s*г\.)?\s*[–—-]?\s*",
            text,
            flags=re.IGNORECASE,
        )
        if m:
            text = text[m.end() :]
    return text


def _list(value) -> list[str]:
    return [norm(v) for v in (value or []) if norm(v)]


def score_fields(variant, item: dict) -> dict[str, dict]:
    """Per field: {"ok": bool, "expected": ..., "got": ...}; fields a page does not show are skipped."""
    e = variant.expected
    out: dict[str, dict] = {}

    def put(name, ok, expected, got):
        out[name] = {"ok": bool(ok), "expected": expected, "got": got}

    put("title", norm(item.get("title")) == norm(e["title"]), e["title"], item.get("title"))
    got_pub = (item.get("published") or "")[:10]
    put("published", got_pub == e["published"], e["published"], item.get("published"))
    if e["place"] is None:
        put("place", not item.get("place"), None, item.get("place"))
    else:
        put("place", norm(item.get("place")) == norm(e["place"]), e["place"], item.get("place"))
    if e["content_type_key"] is not None:
        got_key = type_key(item.get("content_type"))
        put(
            "content_type",
            got_key == e["content_type_key"],
            e["content_type_key"],
            item.get("content_type"),
        )
    put(
        "sources",
        _list(item.get("sources")) == _list(e["sources"]),
        e["sources"],
        item.get("sources"),
    )
    put(
        "fields_of_work",
        _list(item.get("fields_of_work")) == _list(e["fields_of_work"]),
        e["fields_of_work"],
        item.get("fields_of_work"),
    )
    got_dl = item.get("dateline") or None
    if e["dateline"] is None:
        put("dateline", not (got_dl and (got_dl.get("text") or got_dl.get("date"))), None, got_dl)
    else:
        ok = (
            bool(got_dl)
            and norm(got_dl.get("place")) == norm(e["dateline"]["place"])
            and (got_dl.get("date") or "")[:10] == e["dateline"]["date"]
        )
        put("dateline", ok, e["dateline"], got_dl)
    exp_gl = sorted((norm(g["term"]), norm(g["definition"])) for g in e["glossary"])
    got_gl = sorted(
        (norm(g.get("term")), norm(g.get("definition"))) for g in (item.get("glossary") or [])
    )
    put("glossary", exp_gl == got_gl, e["glossary"], item.get("glossary"))
    return out


def body_f1(variant, item: dict) -> float:
    got = _strip_dateline(item.get("body") or "", variant.expected["dateline"])
    return token_f1(variant.expected["body"], got)


def _is_label_line(line: str, label: str) -> bool:
    n, lab = norm(line), norm(label)
    if not lab:
        return False
    return (
        n == lab
        or re.match(rf"{re.escape(lab)}\s*:", norm(line.replace("\u00a0", " "))) is not None
    )


def hard_errors(variant, item: dict) -> list[dict]:
    """Chrome in a list field, a metadata label line in the body, chrome in the body."""
    errors: list[dict] = []
    forbidden = {norm(s): s for s in variant.forbidden}
    lists = {
        "sources": item.get("sources") or [],
        "fields_of_work": item.get("fields_of_work") or [],
        "glossary.term": [g.get("term") for g in item.get("glossary") or []],
        "attachments.title": [a.get("title") for a in item.get("attachments") or []],
        "speakers.name": [s.get("name") for s in item.get("speakers") or []],
    }
    for name, values in lists.items():
        for v in values:
            if norm(v) in forbidden:
                errors.append({"kind": "chrome_in_list", "field": name, "value": v})
    body = item.get("body") or ""
    lines = [ln.strip() for ln in body.splitlines() if ln.strip()]
    labels = [w for w in variant.label_words if norm(w)]
    for ln in lines:
        for w in labels:
            if _is_label_line(ln, w):
                errors.append({"kind": "label_in_body", "field": "body", "value": ln[:120]})
                break
    chrome_lines = {norm(c) for c in variant.chrome}
    # a long chrome string is looked for inside lines too, unless the article itself says it
    # (a glossary definition left in the body is a glossary miss, not chrome)
    said = " ".join(
        [norm(variant.expected["body"])]
        + [norm(g["definition"]) for g in variant.expected["glossary"]]
    )
    long_chrome = [norm(c) for c in variant.chrome if len(norm(c)) >= 25 and norm(c) not in said]
    nbody = norm(body)
    for ln in lines:
        if norm(ln.lstrip("- ")) in chrome_lines:
            errors.append({"kind": "chrome_in_body", "field": "body", "value": ln[:120]})
    for c in long_chrome:
        if c in nbody and not any(norm(ln.lstrip("- ")) == c for ln in lines):
            errors.append({"kind": "chrome_in_body", "field": "body", "value": c[:120]})
    return errors


def score(variant, item: dict) -> dict:
    """Everything the bench and tests need about one variant."""
    fields = score_fields(variant, item)
    return {
        "fields": fields,
        "body_f1": body_f1(variant, item),
        "hard_errors": hard_errors(variant, item),
    }
