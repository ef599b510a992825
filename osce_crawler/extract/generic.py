"""Generic, site-independent article-body extraction (the extractor's last-resort layer).

Used when a page carries no markup we know. The page is flattened once into text blocks
(paragraph-like runs of inline text); each block gets a weight (positive for prose, negative
for link lists and chrome), weights are summed bottom-up over the tree, and the element with the
best sum - the tightest container holding most prose and little chrome - is taken as the main
content. Class/id words and <main>/<article> only nudge that choice (weak priors), because
markup vocabularies differ between sites and redesigns.

The soup is only read, never changed: other layers parse the same tree afterwards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import bs4
from bs4.element import NavigableString, PreformattedString, Tag

from osce_crawler.extract.text import clean_text

# Subtrees that never hold article text (chrome, code, media, widgets, inline math).
_SKIP_TAGS = frozenset(
    "script style noscript template svg math form button iframe object embed canvas video audio "
    "select option textarea input nav aside footer head title meta link map dialog menu".split()
)
# Inline tags keep their text inside the enclosing block; every other tag starts a new block.
_INLINE_TAGS = frozenset(
    "a abbr acronym b bdi bdo big cite code data del dfn em font i img ins kbd label mark q s samp "
    "small span strike strong sub sup time tt u var wbr nobr br".split()
)
_HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
# Never treat these as chrome, whatever their class says (layout wrappers carry odd classes).
_NEVER_NEGATIVE = frozenset("html body main article".split())

_NEGATIVE = re.compile(
    r"nav|menu|footer|sidebar|comment|share|sharing|social|related|cookie|consent|newsletter|"
    r"breadcrumb|promo|sponsor|popup|modal|banner|widget|outbrain|taboola|recommend|disqus|"
    r"(?:^|[\s_-])(?:ad|ads|advert|advertisement|skip|tags?|pagination|pager|subscribe)(?:$|[\s_-])"
)
_POSITIVE = re.compile(r"article|content|post|entry|story|text|body|main|blog|prose|rich")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden")
_SENTENCE = re.compile(r"[.!?:;,]")

_LINK_DENSE = 0.4  # share of link text above which a block counts as navigation
_MAX_DEPTH = 1000  # deeper subtrees are ignored; keeps pathological pages cheap and bounded


@dataclass
class _Block:
    """A run of inline text under one block element, with how much of it is link text."""

    node: int
    after: int  # elements opened before this block started: orders it among its siblings
    pieces: list[str] = field(default_factory=list)
    link_len: int = 0
    text: str = ""


@dataclass
class _Page:
    """The flattened tree: parent index, tag name and class/id prior per element, plus blocks."""

    parent: list[int] = field(default_factory=list)
    name: list[str] = field(default_factory=list)
    hint: list[int] = field(default_factory=list)
    blocks: list[_Block] = field(default_factory=list)


def find_main_paragraphs(soup: bs4.BeautifulSoup) -> list[str]:
    """Return the page's main text as clean paragraphs in document order ([] if none found).

    Never raises: a last-resort layer must not take the whole extraction down with it.
    """
    try:
        root = soup.body or soup.find("body") or soup
        if not isinstance(root, Tag):
            return []
        page = _flatten(root)
        if not page.blocks:
            return []
        return _select(page)
    except Exception:  # robustness over strictness: this layer's failure means "no text"
        return []


def _hint(tag: Tag) -> int:
    """Class/id prior: -1 for chrome-sounding names, +1 for content-sounding ones, else 0."""
    attrs = tag.attrs if isinstance(tag.attrs, dict) else {}
    cls = attrs.get("class") or ""
    if not isinstance(cls, str):
        cls = " ".join(str(c) for c in cls)
    label = f"{cls} {attrs.get('id') or ''}".lower().strip()
    if not label:
        return 0
    if _POSITIVE.search(label):
        return 1
    return -1 if _NEGATIVE.search(label) else 0


def _hidden(tag: Tag) -> bool:
    """Elements the browser would not show (collapsed widgets, accessibility duplicates)."""
    attrs = tag.attrs if isinstance(tag.attrs, dict) else {}
    if "hidden" in attrs or str(attrs.get("aria-hidden", "")).lower() == "true":
        return True
    return bool(_HIDDEN_STYLE.search(str(attrs.get("style", "")).lower()))


def _flatten(root: Tag) -> _Page:
    """One iterative pre-order walk: record elements and group text into blocks.

    Iterative (explicit stack) because real pages nest thousands deep and Python recursion
    would overflow.
    """
    page = _Page()
    exit_marker = object()
    # Stack items: (node, parent index, nearest block element index, inside a link, depth).
    stack: list = [(root, -1, -1, False, 0)]
    current: _Block | None = None
    while stack:
        item = stack.pop()
        if item is exit_marker:
            current = None  # text after a closed block belongs to a new block
            continue
        node, parent, block, in_link, depth = item
        if isinstance(node, Tag):
            name = (node.name or "").lower()
            if name in _SKIP_TAGS or depth > _MAX_DEPTH or _hidden(node):
                if name not in _INLINE_TAGS:
                    current = None
                continue
            idx = len(page.name)
            page.parent.append(parent)
            page.name.append(name)
            page.hint.append(_hint(node))
            if name == "br":
                if current is not None:
                    current.pieces.append("\n")
                continue
            is_block = name not in _INLINE_TAGS
            if is_block:
                current = None
                stack.append(exit_marker)
            child_block = idx if is_block else block
            child_link = in_link or name == "a"
            stack.extend(
                (child, idx, child_block, child_link, depth + 1)
                for child in reversed(node.contents)
            )
        elif isinstance(node, NavigableString) and not isinstance(node, PreformattedString):
            text = str(node)
            if not text.strip():
                if current is not None:
                    current.pieces.append(" ")
                continue
            if block < 0:
                block = max(parent, 0)
            if current is None or current.node != block:
                current = _Block(block, len(page.name))
                page.blocks.append(current)
            current.pieces.append(text)
            if in_link:
                current.link_len += len(text.strip())
    for blk in page.blocks:
        blk.text = clean_text("".join(blk.pieces))
        blk.link_len = min(blk.link_len, len(blk.text))
    page.blocks = [blk for blk in page.blocks if blk.text]
    return page


def _weight(blk: _Block, name: str) -> float:
    """Prose earns its non-link length; link lists and chrome cost their length."""
    length = len(blk.text)
    if blk.link_len > _LINK_DENSE * length:
        return -float(length)
    if name in _HEADINGS:
        return 5.0
    if length < 25 and not _SENTENCE.search(blk.text):
        return -5.0
    return float(length - blk.link_len)


@dataclass
class _Choice:
    """Scoring outcome: per-block weight and verdict, and the chosen run of siblings."""

    weight: list[float]
    keep: list[bool]
    best: int
    run: list[int]  # the chosen items under `best`: element index i >= 0, block b as ~b


def _select(page: _Page) -> list[str]:
    """Return the text of the wanted blocks inside the chosen run of siblings."""
    choice = _choose(page)
    inside = [False] * len(page.blocks)
    mask = [False] * len(page.name)
    for item in choice.run:
        if item < 0:
            inside[~item] = True
        else:
            _mark_subtree(page, item, mask)
    for b, blk in enumerate(page.blocks):
        inside[b] = inside[b] or mask[blk.node]
    wanted = [b for b in range(len(page.blocks)) if inside[b] and choice.keep[b]]
    return [page.blocks[b].text for b in _drop_orphan_headings(page, wanted)]


def _choose(page: _Page) -> _Choice:
    """Weigh every block, then find the run of sibling items with the best summed weight.

    A run (maximum subarray over an element's children) rather than a whole subtree, because
    many pages put the article's paragraphs flat beside teasers and widgets in one wrapper.
    """
    n = len(page.name)
    total = [0] * n
    for blk in page.blocks:
        total[blk.node] += len(blk.text)
    for i in range(n - 1, 0, -1):
        total[page.parent[i]] += total[i]
    doc_len = max(1, total[0])

    # Chrome context, inherited top-down; a wrapper holding most of the page is never chrome.
    negative = [False] * n
    for i in range(n):
        par = page.parent[i]
        own = (
            page.hint[i] < 0 and page.name[i] not in _NEVER_NEGATIVE and total[i] < 0.5 * doc_len
        )
        negative[i] = own or (par >= 0 and negative[par])

    score = [0.0] * n
    weights, keep = [], []
    for blk in page.blocks:
        w = -float(len(blk.text)) if negative[blk.node] else _weight(blk, page.name[blk.node])
        score[blk.node] += w
        weights.append(w)
        keep.append(w > 0 or (w > -10 and page.name[blk.node] in _HEADINGS))
    for i in range(n - 1, 0, -1):
        score[page.parent[i]] += score[i]

    kids = _children(page)
    best, best_rank, best_run = 0, float("-inf"), list(kids[0])
    for i in range(n):
        values = [weights[~k] if k < 0 else score[k] for k in kids[i]]
        total_run, start, end = _max_run(values)
        rank = total_run * _prior(page, i)
        if rank > best_rank:
            best, best_rank, best_run = i, rank, kids[i][start:end]
    return _Choice(weights, keep, best, best_run)


def _children(page: _Page) -> list[list[int]]:
    """Each element's child elements and direct text blocks, in document order."""
    kids: list[list[int]] = [[] for _ in page.name]
    blocks_by_node: list[list[int]] = [[] for _ in page.name]
    for b, blk in enumerate(page.blocks):
        blocks_by_node[blk.node].append(b)
    pending = [0] * len(page.name)  # next unplaced direct block per element
    for i in range(1, len(page.name)):
        par = page.parent[i]
        queue = blocks_by_node[par]
        while pending[par] < len(queue) and page.blocks[queue[pending[par]]].after <= i:
            kids[par].append(~queue[pending[par]])
            pending[par] += 1
        kids[par].append(i)
    for i, queue in enumerate(blocks_by_node):
        kids[i].extend(~b for b in queue[pending[i] :])
    return kids


def _max_run(values: list[float]) -> tuple[float, int, int]:
    """Maximum-sum contiguous slice (Kadane): returns (sum, start, end)."""
    best, best_start, best_end = float("-inf"), 0, 0
    running, start = 0.0, 0
    for j, value in enumerate(values):
        if running <= 0:
            running, start = value, j
        else:
            running += value
        if running > best:
            best, best_start, best_end = running, start, j + 1
    return best, best_start, best_end


def _drop_orphan_headings(page: _Page, wanted: list[int]) -> list[int]:
    """Drop headings that introduce nothing kept ("Related posts" above a dropped link list)."""
    out: list[int] = []
    for pos, b in enumerate(wanted):
        if page.name[page.blocks[b].node] in _HEADINGS:
            nxt = wanted[pos + 1] if pos + 1 < len(wanted) else None
            if nxt is None or page.name[page.blocks[nxt].node] in _HEADINGS and (
                _level(page, nxt) <= _level(page, b)
            ):
                continue
        out.append(b)
    return out


def _level(page: _Page, b: int) -> int:
    return int(page.name[page.blocks[b].node][1])


def _prior(page: _Page, i: int) -> float:
    """Weak priors from semantics and naming: they break near-ties, they do not decide alone."""
    factor = 1.0
    if page.name[i] in ("article", "main"):
        factor *= 1.2
    if page.hint[i] > 0:
        factor *= 1.1
    elif page.hint[i] < 0:
        factor *= 0.7
    return factor


def _mark_subtree(page: _Page, root: int, mask: list[bool]) -> None:
    """Mark root and its descendants; in pre-order a subtree is one contiguous run."""
    mask[root] = True
    for i in range(root + 1, len(page.name)):
        if not mask[page.parent[i]]:
            break
        mask[i] = True
