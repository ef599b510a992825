"""Render a page to plain text with the seed file's conventions.

The seed (``tests/data/seeds/``, copied from ``../shared/seeds/``) is a real osce.org page captured as text: one text block
per line; a list item's text prefixed ``- ``; an item that only wraps a heading and a
sub-list gives a line ``-`` alone, its heading on the next line. Head, scripts and styles
are not text. This renderer lets a test compare a generated mirror page with the seed.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Comment, Doctype, NavigableString, Tag

BLOCKS = {
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "dd",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "section",
    "table",
    "tr",
    "td",
    "th",
    "ul",
    "button",
}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
SKIP = {"head", "script", "style", "noscript", "template", "svg"}


class _Renderer:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.buffer: list[str] = []
        self.pending_bullet = False

    def flush(self) -> None:
        text = re.sub(r"\s+", " ", "".join(self.buffer)).strip()
        self.buffer = []
        if not text:
            return
        if self.pending_bullet:
            text = "- " + text
            self.pending_bullet = False
        self.lines.append(text)

    def walk(self, node: Tag) -> None:
        for child in node.children:
            if isinstance(child, (Comment, Doctype)):
                continue
            if isinstance(child, NavigableString):
                self.buffer.append(str(child))
                continue
            if not isinstance(child, Tag) or child.name in SKIP:
                continue
            if child.name == "br":
                self.flush()
                continue
            if child.name not in BLOCKS:
                self.walk(child)
                continue
            self.flush()
            if child.name == "li":
                self.pending_bullet = True
            elif child.name in HEADINGS and self.pending_bullet:
                self.lines.append("-")
                self.pending_bullet = False
            self.walk(child)
            self.flush()
            if child.name == "li":
                self.pending_bullet = False


def render_text(html: str) -> list[str]:
    soup = BeautifulSoup(html, "lxml")
    renderer = _Renderer()
    renderer.walk(soup)
    renderer.flush()
    return renderer.lines
