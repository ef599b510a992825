"""Generic, site-independent article-body extraction (the extractor's last-resort layer).

Used when a page carries no markup we know. The page is flattened once, without recursion,
into text blocks (paragraph-like runs of inline text). Each block gets a weight: prose earns its
non-link length, link lists and chrome (menus, share bars, comments, teaser cards) cost theirs.
Weights are summed bottom-up once, and the main content is the run of sibling elements with the
best total (a maximum subarray per element), so flat layouts that put paragraphs beside widgets
work as well as tidy <article> wrappers. Inside that run short lines, headings and lead-ins are
kept only in context. Class/id words and <main>/<article> are weak priors: markup vocabularies
differ between sites and redesigns, so they nudge the choice and never decide it alone.

The soup is only read, never changed: other layers parse the same tree afterwards.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import lru_cache

import bs4
from bs4.element import NavigableString, PreformattedString, Tag

from osce_crawler.extract.dom import first_named, named
from osce_crawler.extract.text import clean_text


def _names(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Subtrees that never hold article text (chrome, code, media, widgets, inline math).
_SKIP_TAGS = _names(
    "script style noscript template svg math form button iframe object embed canvas video audio "
    "select option textarea input head title meta link map dialog figure "
    "figcaption"
)
# Skipped elements that still end the paragraph around them (a <meta> or <script> does not).
_BREAKING_SKIPS = _names("form iframe object embed canvas video audio dialog figure")
# Inline tags keep their text inside the enclosing block; every other tag starts a new block.
_INLINE_TAGS = _names(
    "a abbr acronym b bdi bdo big button cite code data del dfn em font i img ins kbd label mark q s samp "
    "small span strike strong sub sup time tt u var wbr nobr br"
)
# Chrome by their tag, but only weakly: a broken page can wrap its article in an unclosed <nav>.
_CHROME_TAGS = _names("nav aside footer menu")
_HEADINGS = _names("h1 h2 h3 h4 h5 h6")
_LANDMARKS = _names("article main")
# Never treat these as chrome, whatever their class says (layout wrappers carry odd classes).
_NEVER_NEGATIVE = _names("html body main article")

# Chrome words, matched per class name: stems that rarely occur inside other words, short
# words as whole parts ("ad-slot"), and "tags"/"meta" only as the last part ("entry-meta"),
# since WordPress also writes taxonomy slugs such as "tag-berlin" on the article itself.
_NEGATIVE = re.compile(
    r"sidebar|navbar|navigation|footer|cookie|consent|newsletter|breadcrumb|outbrain|taboola|"
    r"disqus|comment(?!ary)|share|sharing|social|related|recommend|sponsor|advert|popup|byline|"
    r"menu|author|interesting|(?<![a-z0-9])(?:nav|ad|ads|adv|banner|promo|modal|skip|pager|"
    r"pagination|subscribe|caption|credits?)(?![a-z0-9])|(?<![a-z0-9])(?:tags?|meta)$"
)
# Layout wrappers that merely mention chrome ("has-sidebar", "sidebar-layout").
_LAYOUT = re.compile(r"layout|wrap|container|(?:^|[-_])(?:has|with|no|is)[-_]")
_POSITIVE = re.compile(r"article|content|post|entry|story|text|body|main|blog|prose|rich")
# Short lines that are datelines or picture credits rather than text.
_BYLINE = re.compile(
    r"\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}|\b(?:19|20)\d{2}\b|"
    r"^\W*(?:fotos?|photos?|bild|image|credits?|crédits?|copyright)\b|©",
    re.IGNORECASE,
)
_LEAD_IN = re.compile(r"^.{0,80}:$")  # "Read also:", "Das könnte dich interessieren:"
# Text for screen readers only (a duplicate of what is shown, or a tooltip's definition).
_SCREEN_READER = frozenset(("visually-hidden", "visuallyhidden", "sr-only", "screen-reader-text"))
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden")
_PROSE_END = re.compile(r"[.!?:;…\"“”»«)]\s*$")

_LINK_DENSE = 0.33  # share of link text above which a block counts as navigation
_SHORT_LEN = 40  # below this, a line without sentence punctuation is a label, not prose
_NEAR_ZERO = -5.0  # neighbours of the best run scoring above this are taken along
_CARD_MAX = 600  # a teaser card (linked heading + blurb) holds less text than this
# Block kinds: what a run of text looks like on its own, before its context is considered.
_PROSE, _SHORT, _HEADING, _LINKS, _CHROME = range(5)
_ITEM_TAGS = _names("li td th dd dt")  # short text here is list or table content


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
    widgets: set[int] = field(default_factory=set)  # elements holding an input box directly


def find_main_paragraphs(
    soup: bs4.BeautifulSoup, skip: Collection[int] = frozenset(), within: Tag | None = None
) -> list[str]:
    """Return the page's main text as clean paragraphs in document order ([] if none found).

    ``skip`` holds the ids of elements other layers have already taken out of the text
    (glossary tooltips). ``within`` narrows the search to one element (an <article> or
    <main> whose share bars, metadata and teasers must still be told from the text).
    ``extract_article`` runs it guarded: a failure here becomes a warning on the item,
    not a silent "no text".
    """
    root = within or first_named(soup, "body") or soup
    if not isinstance(root, Tag):
        return []
    page = _flatten(root, skip)
    paragraphs = _select(page) if page.blocks else []
    return _prefer_declared_body(soup, paragraphs)


def _prefer_declared_body(soup: bs4.BeautifulSoup, paragraphs: list[str]) -> list[str]:
    """Use schema.org articleBody when it is far longer than what the markup gave.

    Script-rendered pages often ship the text only in their JSON-LD; a short excerpt there
    must not replace a good extraction, hence the length test.
    """
    found = sum(len(p) for p in paragraphs)
    best = ""
    for script in named(soup, "script"):
        if "ld+json" not in str(script.get("type") or "").lower():
            continue
        try:
            stack = [json.loads(script.string or "")]
        except (ValueError, RecursionError):
            continue
        while stack:
            item = stack.pop()
            if isinstance(item, dict):
                body = item.get("articleBody")
                if isinstance(body, str) and len(body) > len(best):
                    best = body
                stack.extend(item.values())
            elif isinstance(item, list):
                stack.extend(item)
    if len(best) <= 2 * found + 200:
        return paragraphs
    return [text for text in (clean_text(line) for line in best.splitlines()) if text]


def _hint(tag: Tag) -> int:
    """Class/id prior: -1 for chrome-sounding names, +1 for content-sounding ones, else 0."""
    attrs = tag.attrs if isinstance(tag.attrs, dict) else {}
    if "class" not in attrs and "id" not in attrs:
        return 0
    cls = attrs.get("class") or ""
    names = cls.split() if isinstance(cls, str) else [str(c) for c in cls]
    names.append(str(attrs.get("id") or ""))
    positive = False
    for name in names:
        hint = _name_hint(name)
        if hint < 0:
            return -1
        positive = positive or hint > 0
    return 1 if positive else 0


@lru_cache(maxsize=8192)  # class names repeat within a page and across a site's pages
def _name_hint(name: str) -> int:
    """One class or id name: -1 chrome-sounding, +1 content-sounding, 0 neither (or layout)."""
    # BEM modifiers ("section--has-ads") describe a state, not what the element is.
    name = name.split("--")[0].lower()
    if not name or _LAYOUT.search(name):
        return 0
    if _NEGATIVE.search(name):
        return -1
    return 1 if _POSITIVE.search(name) else 0


def _hidden(tag: Tag) -> bool:
    """Elements the browser would not show (collapsed widgets, accessibility duplicates)."""
    attrs = tag.attrs if isinstance(tag.attrs, dict) else {}
    if not attrs:
        return False
    if "hidden" in attrs or str(attrs.get("aria-hidden", "")).lower() == "true":
        return True
    names = attrs.get("class")
    if names and not _SCREEN_READER.isdisjoint(names if isinstance(names, list) else [names]):
        return True
    return bool(_HIDDEN_STYLE.search(str(attrs.get("style", "")).lower()))


def _in_running_text(tag: Tag) -> bool:
    """An inline element with sentence text on either side of it."""
    for sibling in (tag.previous_sibling, tag.next_sibling):
        if isinstance(sibling, NavigableString) and len(sibling.strip()) > 1:
            return True
    return False


def _flatten(root: Tag, skip: Collection[int] = frozenset()) -> _Page:
    """One iterative pre-order walk: record elements and group text into blocks.

    Iterative (explicit stack) because real pages nest thousands deep and Python recursion
    would overflow.
    """
    page = _Page()
    exit_marker = object()
    # Stack items: (node, parent index, nearest block element index, inside a link).
    stack: list = [(root, -1, -1, False)]
    current: _Block | None = None
    parents, names, hints = page.parent, page.name, page.hint
    while stack:
        item = stack.pop()
        if item is exit_marker:
            current = None  # text after a closed block belongs to a new block
            continue
        node, parent, block, in_link = item
        if isinstance(node, Tag):
            name = (node.name or "").lower()
            if name == "button" and _in_running_text(node):
                pass  # a glossary term set as a button inside a sentence is text
            elif name in _SKIP_TAGS or _hidden(node) or id(node) in skip:
                if name in _BREAKING_SKIPS:
                    current = None
                if name == "input" and str(node.attrs.get("type", "text")).lower() != "hidden":
                    page.widgets.add(parent)  # a newsletter or search box, <form> or not
                continue
            idx = len(names)
            parents.append(parent)
            names.append(name)
            hints.append(-1 if name in _CHROME_TAGS else _hint(node))
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
                [(child, idx, child_block, child_link) for child in reversed(node.contents)]
            )
        elif isinstance(node, NavigableString) and not isinstance(node, PreformattedString):
            text = node
            if not text.strip():
                if current is not None:
                    current.pieces.append(" ")
                continue
            if block < 0:
                block = max(parent, 0)
            if current is None or current.node != block:
                current = _Block(block, len(names))
                page.blocks.append(current)
            current.pieces.append(text)
            if in_link:
                current.link_len += len(text.strip())
    for blk in page.blocks:
        blk.text = clean_text("".join(blk.pieces))
        blk.link_len = min(blk.link_len, len(blk.text))
    page.blocks = [blk for blk in page.blocks if blk.text]
    return page


def _kind(blk: _Block, name: str, chrome: bool) -> int:
    """Classify one block by its own text: link lists, headings, short labels or prose."""
    length = len(blk.text)
    if chrome:
        return _CHROME
    if blk.link_len > _LINK_DENSE * length:
        return _LINKS
    if name in _HEADINGS:
        return _HEADING
    if (length < _SHORT_LEN and not _PROSE_END.search(blk.text)) or len(blk.text.split()) < 4:
        return _SHORT
    return _PROSE


def _weight(blk: _Block, kind: int) -> float:
    """Prose earns its non-link length; link lists and chrome cost their length."""
    if kind == _PROSE:
        return float(len(blk.text) - blk.link_len)
    if kind == _HEADING:
        return 5.0
    if kind == _SHORT:
        return -2.0
    return -float(len(blk.text))


def _select(page: _Page) -> list[str]:
    """Return the text of the wanted blocks inside the chosen run of siblings."""
    kinds, run = _choose(page)
    inside = [False] * len(page.blocks)
    mask = [False] * len(page.name)
    for item in run:
        if item < 0:
            inside[~item] = True
        else:
            _mark_subtree(page, item, mask)
    region = [b for b, blk in enumerate(page.blocks) if inside[b] or mask[blk.node]]
    return [page.blocks[b].text for b in _keep(page, kinds, region)]


def _keep(page: _Page, kind: list[int], region: list[int]) -> list[int]:
    """Decide per block in the region: prose stays; short lines and headings need context.

    Short lines (ingredients, table cells) stay inside lists and tables or between prose;
    datelines and bylines next to headings or chrome do not. A heading stays only when the
    block right after it stays, so "Related posts" above a dropped link list goes too.
    """
    keep = [False] * len(region)
    for pos in range(len(region) - 1, -1, -1):
        b = region[pos]
        k = kind[b]
        if k == _PROSE:
            keep[pos] = True
        elif k == _SHORT:
            keep[pos] = _short_kept(page, kind, region, pos)
        elif k == _HEADING:
            nxt = pos + 1
            while nxt < len(region) and kind[region[nxt]] == _HEADING and not keep[nxt]:
                nxt += 1
            keep[pos] = nxt < len(region) and keep[nxt]
        if keep[pos] and k != _HEADING and _LEAD_IN.search(page.blocks[b].text):
            # "You may also like:" introduces what follows; alone it is a dangling label.
            keep[pos] = pos + 1 < len(region) and keep[pos + 1]
    # The page title (an <h1> above the text) is metadata, not body.
    for pos, b in enumerate(region):
        if kind[b] == _PROSE:
            break
        if page.name[page.blocks[b].node] == "h1":
            keep[pos] = False
    return [b for b, ok in zip(region, keep, strict=True) if ok]


def _short_kept(page: _Page, kind: list[int], region: list[int], pos: int) -> bool:
    """A short line belongs to the text when it sits in a list or table among text, or
    beside prose under the same parent (a sign-off, a "Moderator: ..." line)."""
    node = page.blocks[region[pos]].node
    prev = region[pos - 1] if pos > 0 else None
    nxt = region[pos + 1] if pos + 1 < len(region) else None
    textual = (_PROSE, _SHORT)
    if page.name[node] in _ITEM_TAGS:
        return any(b is not None and kind[b] in textual for b in (prev, nxt))
    if _BYLINE.search(page.blocks[region[pos]].text):
        return False
    if prev is not None and nxt is not None and kind[prev] == _PROSE == kind[nxt]:
        return True
    return (
        prev is not None
        and kind[prev] == _PROSE
        and page.parent[page.blocks[prev].node] == page.parent[node]
    )


def _choose(page: _Page) -> tuple[list[int], list[int]]:
    """Classify and weigh every block, then find the run of sibling items with the best sum.

    Returns the block kinds and the run: element indexes i >= 0, direct text blocks b as ~b.

    A run (maximum subarray over an element's children) rather than a whole subtree, because
    many pages put the article's paragraphs flat beside teasers and widgets in one wrapper.
    """
    n = len(page.name)
    total = [0] * n
    linked_headings = [0] * n
    for blk in page.blocks:
        total[blk.node] += len(blk.text)
        if page.name[blk.node] in _HEADINGS and blk.link_len > _LINK_DENSE * len(blk.text):
            linked_headings[blk.node] += 1
    for i in range(n - 1, 0, -1):
        total[page.parent[i]] += total[i]
        linked_headings[page.parent[i]] += linked_headings[i]

    chrome = _chrome_roots(page, total, linked_headings)
    for i in range(1, n):
        chrome[i] = chrome[i] or chrome[page.parent[i]]

    kinds = [_kind(blk, page.name[blk.node], chrome[blk.node]) for blk in page.blocks]
    weights = [_weight(blk, k) for blk, k in zip(page.blocks, kinds, strict=True)]
    score = [0.0] * n
    for blk, w in zip(page.blocks, weights, strict=True):
        score[blk.node] += w
    for i in range(n - 1, 0, -1):
        score[page.parent[i]] += score[i]

    kids = _children(page)
    best_rank, best_run = float("-inf"), list(kids[0])
    for i in range(n):
        values = [weights[~k] if k < 0 else score[k] for k in kids[i]]
        total_run, start, end = _max_run(values)
        rank = total_run * _prior(page, i)
        if rank > best_rank:
            # Widen over neighbours that cost next to nothing (a sign-off, a short label):
            # the per-block rules below decide whether they are text.
            while start > 0 and values[start - 1] > _NEAR_ZERO:
                start -= 1
            while end < len(values) and values[end] > _NEAR_ZERO:
                end += 1
            best_rank, best_run = rank, kids[i][start:end]
    return kinds, best_run


def _chrome_roots(page: _Page, total: list[int], linked_headings: list[int]) -> list[bool]:
    """Elements whose whole subtree is chrome: by class/id words, or as teaser cards.

    A wrapper holding most of the page's text is never chrome (layout classes are noisy). A
    teaser card is the largest small element around a linked heading holding no other one.
    """
    n = len(page.name)
    doc_len = max(1, total[0])
    # Unbranded <article>/<main> inside: the "chrome" is a wrapper (a mis-nested <aside>).
    landmarks = [int(page.name[i] in _LANDMARKS and page.hint[i] >= 0) for i in range(n)]
    for i in range(n - 1, 0, -1):
        landmarks[page.parent[i]] += landmarks[i]
    chrome = [
        page.hint[i] < 0
        and page.name[i] not in _NEVER_NEGATIVE
        and total[i] < 0.5 * doc_len
        and not landmarks[i]
        for i in range(n)
    ]
    for i in page.widgets:
        if i > 0 and total[i] < _CARD_MAX:
            chrome[i] = True
    for i in range(1, n):
        if linked_headings[i] != 1 or page.name[i] not in _HEADINGS:
            continue
        card, par = i, page.parent[i]
        while par > 0 and linked_headings[par] == 1 and total[par] < _CARD_MAX:
            card, par = par, page.parent[par]
        if card != i and linked_headings[par] > 1:  # cards come in groups
            chrome[card] = True
    return chrome


def _children(page: _Page) -> list[list[int]]:
    """Each element's child elements and direct text blocks, in document order."""
    kids: list[list[int]] = [[] for _ in page.name]
    blocks_by_node: list[list[int]] = [[] for _ in page.name]
    blocks, parents = page.blocks, page.parent
    after = [blk.after for blk in blocks]
    for b, blk in enumerate(blocks):
        blocks_by_node[blk.node].append(b)
    pending = [0] * len(page.name)  # next unplaced direct block per element
    for i in range(1, len(page.name)):
        par = parents[i]
        queue = blocks_by_node[par]
        if queue:
            placed = pending[par]
            while placed < len(queue) and after[queue[placed]] <= i:
                kids[par].append(~queue[placed])
                placed += 1
            pending[par] = placed
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
