"""PolNeAR's train split as gold direct quotes with their sources (a reader, not package code).

    python bench/polnear.py [--root DIR] [--part dev|held-out|all] [--show N]

PolNeAR (github.com/networkdynamics/PolNeAR, Newell, Margolin and Ruths 2018) annotates
attributions in 1,008 US political news articles in brat standoff: ``Source``, ``Cue`` and
``Content`` spans tied by an ``E`` event. Only ``data/train`` is read here; the corpus
README asks that ``dev`` and ``test`` be kept for evaluation, and this project never opens
them.

``--root`` (or the environment variable ``POLNEAR``) is a directory holding
``data/train/text/*.txt`` and ``data/train/attributions/*.ann``, e.g. a clone of the
repository or ``git archive HEAD data/train | tar -x``.

Gold quotes: every span between quote marks that lies inside an attribution's content.
It is ``direct`` when the content holds nothing but quoted text (and punctuation) or the
quote itself starts with a capital and has 3+ words, else ``partial`` (a fragment inside
reported speech: ``called it “one of the great ...”``).
Its ``source`` is the annotated source text (``None`` for attributions without a source);
``named`` says the source contains a proper name (not a pronoun, not "the campaign", not
"one New Hampshire Democrat").

Held-out part, fixed: an article is held out when the SHA-256 of its text file's stem
(e.g. ``nyt_2016-10-02_a-curious-plan...``), read as a number, is 0, 1 or 2 modulo 10:
244 of the 840 train articles (29%). Rules are written on the other 596 ("dev") only.
Articles annotated twice (16) are read with the first annotator's file in name order.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

#: where the corpus is: $POLNEAR, else a PolNeAR checkout next to this repository
DEFAULT_ROOT = Path(os.environ.get("POLNEAR", Path(__file__).resolve().parents[2] / "PolNeAR"))
_PRONOUNS = frozenset(
    [
        "i",
        "you",
        "he",
        "she",
        "it",
        "we",
        "they",
        "me",
        "him",
        "her",
        "us",
        "them",
        "his",
        "its",
        "their",
        "this",
        "that",
        "who",
        "which",
    ]
)
#: an opening mark, then the next closing one: the corpus mixes curly and straight marks
#: (“… ." and "… ”) within one quote
#: (and stay in one paragraph; a single line break inside a paragraph is no end)
#: (an opening mark after , ? ! and before a lower-case word closes too: '“It’s unusual,“ said')
_PAIRS = re.compile(r"[“\"](?:[^“”\"\n]|\n(?!\n))*(?:[”\"]|(?<=[,?!])“(?= [a-z]))")
#: a quote that runs on into the next paragraph: no closing mark at the paragraph's end,
#: the next paragraph opens with a mark (the convention for a quote of several
#: paragraphs); PolNeAR annotates each paragraph's part as a content of its own
_RUNS_ON = re.compile(r"[“\"](?:[^“”\"\n]|\n(?!\n))+(?=\n\n[“\"])")


@dataclass
class GoldQuote:
    text: str
    start: int  # offset of the text in the article (inside the marks)
    end: int
    direct: bool
    source: str | None
    named: bool


@dataclass
class Article:
    name: str
    held_out: bool
    paragraphs: list[str]
    quotes: list[GoldQuote] = field(default_factory=list)
    #: every quoted span inside any content (also of discarded/discussed relations): a
    #: predicted quote matching one of these is not counted as a false positive
    content_quotes: list[str] = field(default_factory=list)


def held_out(name: str) -> bool:
    """The fixed held-out part: sha256(stem) mod 10 in {0, 1, 2}."""
    return int(hashlib.sha256(name.encode("utf-8")).hexdigest(), 16) % 10 < 3


def _segments(field_text: str) -> list[tuple[int, int]]:
    out = []
    for part in field_text.split(";"):
        start, end = part.split()
        out.append((int(start), int(end)))
    return out


def _named(source: str | None) -> bool:
    if not source:
        return False
    words = [w.strip(".,’'s") for w in source.split()]
    if len(words) == 1 and words[0].lower() in _PRONOUNS:
        return False
    capitals = [w for w in words if w[:1].isupper() and w.lower() not in _PRONOUNS]
    # "the Trump campaign", "The New York Times" are sources, but not personal names:
    # counted as named only when no leading determiner sits before them
    raw = source.split()
    if raw[-1][:1].islower() and all(
        w.endswith(("’s", "'s", "’", "'")) for w in raw if w[:1].isupper()
    ):
        return False  # "Ryan’s campaign", "Powell’s office": an organisation or a document
    if capitals == words[:1] and words[-1].lower() in _DOCUMENTS:
        return False  # "Transcript", "Partial transcript": a document, capitalised first
    return bool(capitals) and words[0].lower() not in _UNNAMED


#: a source ending so is a document, not a person
_DOCUMENTS = frozenset(
    ["transcript", "statement", "report", "release", "letter", "memo", "email", "ad", "tweet"]
)


#: a source starting so is someone unnamed ("one New Hampshire Democrat", "the Trump campaign")
_UNNAMED = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "that",
        "one",
        "another",
        "some",
        "two",
        "three",
        "several",
        "many",
        "other",
        "a",
    ]
)


#: words a title leaves in lower case ("Game of Thrones", "Meet the Press")
_TITLE_SMALL = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "for",
        "from",
        "in",
        "of",
        "on",
        "or",
        "the",
        "to",
        "vs",
        "with",
    ]
)


def name_like(quote: str) -> bool:
    """A title, programme or slogan in marks ("Meet the Press,", "Saturday Night Live"):
    2 to 8 words, every word but the small ones capitalised, no sentence inside. A name,
    not speech: neither a direct nor a partial quote (predicting it is no error either)."""
    text = quote.strip().rstrip(",.;:").strip("'’‘ ")
    if not text or re.search(r"[.!?…]\s", text) or text[-1:] in "!?…":
        return False
    words = [w.strip("'’‘\"(),-—:") for w in text.split()]
    words = [w for w in words if w]
    if not 2 <= len(words) <= 8:
        return False
    return all(w[:1].isupper() or w[:1].isdigit() for w in words if w.lower() not in _TITLE_SMALL)


def _sentence_like(quote: str) -> bool:
    """A quote that starts like a sentence and has 3+ words is speech, not a fragment."""
    stripped = quote.strip()
    return stripped[:1].isupper() and len(stripped.split()) >= 3


def read_article(root: Path, ann: Path) -> Article:
    name = ann.stem.rsplit("_", 1)[0]
    text = (root / "data/train/text" / f"{name}.txt").read_text(encoding="utf-8")
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events: list[dict[str, str]] = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, where = parts[1].partition(" ")
            spans[parts[0]] = (label, _segments(where))
        elif line.startswith("E") and len(parts) >= 2:
            roles = dict(item.split(":", 1) for item in parts[1].split())
            events.append(roles)
    article = Article(name, held_out(name), [p.strip() for p in text.split("\n\n") if p.strip()])
    pairs = [(m.start() + 1, m.end() - 1) for m in _PAIRS.finditer(text)]
    used = {at for s, e in pairs for at in (s - 1, e)}
    pairs += [
        (m.start() + 1, m.end())
        for m in _RUNS_ON.finditer(text)
        if m.start() not in used and not any(s <= m.start() < e for s, e in pairs)
    ]
    pairs.sort()
    # a quote inside nested attributions ("“…,” Sanders said, according to CNN") is the
    # innermost one's: the source whose content is the shortest around it said the words
    best: dict[tuple[int, int], tuple[int, GoldQuote]] = {}
    for roles in events:
        kind = spans.get(roles.get("Attribution") or roles.get("Attribution-no-source", ""))
        # an event may have more than one content: "Content", "Content2", ... (brat numbers
        # a repeated argument; 64 events of train)
        contents = [
            spans[tid]
            for role, tid in roles.items()
            if re.fullmatch(r"Content\d*", role) and tid in spans
        ]
        if not contents:
            continue
        inside: list[tuple[int, int]] = []
        segments: list[tuple[int, int]] = []
        for content in contents:
            # brat lists a discontinuous span's segments in the order the annotator marked
            # them, not always in text order (“B.” “A,” Grassley said): 100 contents of train
            parts_ = sorted(content[1])
            segments += parts_
            low, high = parts_[0][0], max(end for _, end in parts_)
            inside += [
                (s, e)
                for s, e in pairs
                if s >= low - 1 and e <= high + 1 and e > s and (s, e) not in inside
            ]
        if not inside:
            continue
        for s, e in inside:
            article.content_quotes.append(text[s:e])
        if kind is None or kind[0] not in ("Attribution", "Attribution-no-source"):
            continue
        source_span = spans.get(roles.get("Source", ""))
        source = None
        if source_span is not None:
            source = " ".join(text[s:e] for s, e in source_span[1]).strip() or None
        outside = "".join(text[s:e] for s, e in segments)
        for s, e in inside:
            outside = outside.replace(text[s:e], "")
        only_quotes = not re.search(r"\w", outside)
        size = sum(end - start for start, end in segments)
        for s, e in inside:
            if name_like(text[s:e]) or ((s, e) in best and best[(s, e)][0] <= size):
                continue
            direct = only_quotes or _sentence_like(text[s:e])
            best[(s, e)] = (size, GoldQuote(text[s:e], s, e, direct, source, _named(source)))
    article.quotes = sorted((quote for _, quote in best.values()), key=lambda q: q.start)
    return article


def load(root: Path = DEFAULT_ROOT, part: str = "dev") -> list[Article]:
    """Train articles of one part: dev (rules may be written on it), held-out, or all."""
    folder = root / "data/train/attributions"
    if not folder.is_dir():
        raise FileNotFoundError(f"no PolNeAR train split under {root}")
    chosen: dict[str, Path] = {}
    for ann in sorted(folder.glob("*.ann")):
        chosen.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    out = []
    for name, ann in sorted(chosen.items()):
        if part == "all" or (part == "held-out") == held_out(name):
            out.append(read_article(root, ann))
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT)
    parser.add_argument("--part", choices=["dev", "held-out", "all"], default="dev")
    parser.add_argument("--show", type=int, default=0)
    args = parser.parse_args(argv)
    try:
        articles = load(args.root, args.part)
    except FileNotFoundError as error:
        print(f"polnear: {error}", file=sys.stderr)
        return 2
    quotes = [q for a in articles for q in a.quotes]
    print(f"{args.part}: {len(articles)} articles, {len(quotes)} gold quotes")
    print(f"  direct {sum(q.direct for q in quotes)}, partial {sum(not q.direct for q in quotes)}")
    print(
        f"  named source {sum(q.named for q in quotes)}, no source {sum(not q.source for q in quotes)}"
    )
    for quote in quotes[: args.show]:
        kind = "D" if quote.direct else "P"
        print(f"  {kind} {quote.source!r:30.30} {quote.text[:70]!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
