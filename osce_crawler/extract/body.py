"""The article's running text: paragraphs out of a container, chrome left behind."""

from __future__ import annotations

import re
from functools import lru_cache

from bs4 import Comment, Doctype, NavigableString, Tag

from osce_crawler.extract.text import clean_text

PARAGRAPH_TAGS = frozenset(
    [
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "blockquote",
        "pre",
        "dd",
        "dt",
        "td",
        "th",
        "address",
        "caption",
    ]
)
BLOCK_TAGS = PARAGRAPH_TAGS | frozenset(
    [
        "div",
        "section",
        "article",
        "main",
        "ul",
        "ol",
        "dl",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "header",
        "footer",
        "body",
        "html",
        "center",
        "details",
        "summary",
        "hgroup",
    ]
)
#: never text: code, media, forms and page chrome
SKIP_TAGS = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "iframe",
        "object",
        "embed",
        "video",
        "audio",
        "canvas",
        "map",
        "form",
        "button",
        "input",
        "select",
        "textarea",
        "label",
        "nav",
        "aside",
        "figure",
        "figcaption",
        "img",
        "picture",
    ]
)
_CHROME = re.compile(
    r"(^|[-_ ])(share|sharing|social|related|teaser|breadcrumbs?|cookie|consent|newsletter|"
    r"caption|photo-details|image-wrapper|visually-hidden|sr-only|skip-link|print|pager|"
    r"language-switcher|tags?|comments?|advert|ad|sponsor|subscribe|toolbar|attachments?|"
    r"downloads?|file-list)($|[-_ ])",
    re.I,
)


def is_chrome(tag: Tag) -> bool:
    """True for page furniture that never belongs to an article's text."""
    if tag.name in SKIP_TAGS:
        return True
    attrs = tag.attrs
    if not attrs:
        return False
    if attrs.get("hidden") is not None or attrs.get("aria-hidden") == "true":
        return True
    marks = " ".join(attrs.get("class") or []) + " " + str(attrs.get("id") or "")
    return _chrome_marks(marks)


@lru_cache(maxsize=8192)  # class names recur on a page and across a site's pages
def _chrome_marks(marks: str) -> bool:
    return bool(marks.strip()) and bool(_CHROME.search(marks))


def body_paragraphs(container: Tag, skip: set[int] = frozenset()) -> list[str]:
    """Paragraphs of ``container`` in document order; list items prefixed ``- ``.

    Walks iteratively (pages can nest thousands deep) and leaves out chrome and the
    elements whose ids are in ``skip`` (glossary tooltips, metadata rows, the title).
    """
    paragraphs: list[str] = []
    buffer: list[str] = []
    prefix = [""]

    def flush() -> None:
        text = clean_text("".join(buffer))
        buffer.clear()
        if text:
            paragraphs.append(prefix[0] + text)
            prefix[0] = ""

    stack: list[tuple[object, bool]] = [(container, False)]
    while stack:
        node, leaving = stack.pop()
        if leaving:
            flush()
            prefix[0] = ""
            continue
        if isinstance(node, (Comment, Doctype)):
            continue
        if isinstance(node, NavigableString):
            buffer.append(str(node))
            continue
        if not isinstance(node, Tag) or id(node) in skip:
            continue
        if node is not container and is_chrome(node):
            continue
        if node.name == "br":
            buffer.append(" ")
            continue
        if node.name in BLOCK_TAGS:
            flush()
            if node.name == "li":
                prefix[0] = "- "
            stack.append((node, True))
        stack.extend((child, False) for child in reversed(node.contents))
    flush()
    return paragraphs
