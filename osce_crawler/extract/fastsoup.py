"""``BeautifulSoup(html, "lxml")``, built about twice as fast, node for node the same tree.

Beautiful Soup's lxml tree builder receives libxml2's parse events (start, end, data,
comment, doctype, pi) and hands each to general-purpose methods that also serve other
parsers, namespaces, ``parse_only`` filters and custom element classes; per element that
costs several times what libxml2 spent parsing it. ``FastLXMLTreeBuilder`` is the same
builder with lean handlers for the events of an ordinary HTML page: the same parser, the
same events, the same objects (``Tag``, ``NavigableString``, ``Comment``, ``Doctype``,
``Script``, ``Stylesheet``...) with the same attributes and links between them. Anything
unusual (a namespace) goes to Beautiful Soup's own handlers. ``tests/test_fastsoup.py``
(on a sample) and ``bench/fastsoup_check.py`` (on every page) check that the trees are identical, node by node (types, fields, attributes, every
link), on the mirror's pages, the generic test pages and hostile input; the extractor's
tests compare its output with hand-written expectations. Written against beautifulsoup4
4.13-4.15 (the fields of ``Tag.__init__``); the check says when a new release differs.

While it builds, the builder also records an ``ElementIndex``: every element in document
order with the end of its subtree, and the elements by name. The extractor asks a dozen
questions of each page ("the links in the article", "the first ``h1``", "every element
under the title's block"); with the index each is a slice of a list instead of a walk of
the tree. Beautiful Soup's tree is untouched: the index lives beside it.
"""

from __future__ import annotations

from typing import Any

from bs4 import BeautifulSoup
from bs4.builder._lxml import LXMLTreeBuilder
from bs4.element import Comment, Doctype, NavigableString, Tag, nonwhitespace_re

_ASCII_SPACES = "\x20\x0a\x09\x0c\x0d"  # BeautifulSoup.ASCII_SPACES
_NO_NSMAP: dict[str, str] = {}


class ElementIndex:
    """The elements of one parsed page in document order, and where each subtree ends.

    ``elements[at + 1 : ends[at]]`` (``at = position[id(tag)]``) are the descendant
    elements of ``tag``, in document order. The builder only appends each element as it
    makes it; positions and ends are worked out on first use, in one pass. ``complete`` is
    False when some element was built by Beautiful Soup's own handlers (a namespaced tag):
    then the index is not used.
    """

    __slots__ = ("root", "elements", "complete", "_position", "_ends", "_by_name")

    def __init__(self) -> None:
        self.root: BeautifulSoup | None = None  # the document the elements belong to
        self.elements: list[Tag] = []
        self.complete = True
        self._position: dict[int, int] | None = None
        self._ends: list[int] = []
        self._by_name: dict[str, list[int]] | None = None

    def _link(self) -> dict[int, int]:
        elements = self.elements
        position = {id(element): at for at, element in enumerate(elements)}
        ends = [len(elements)] * len(elements)
        open_at: list[int] = []  # the chain of open elements, outermost first
        for at, element in enumerate(elements):
            parent_at = position.get(id(element.parent), -1)
            while open_at and open_at[-1] != parent_at:
                ends[open_at.pop()] = at
            open_at.append(at)
        self._position, self._ends = position, ends
        return position

    def span(self, tag: Tag) -> tuple[int, int] | None:
        """Positions of ``tag``'s descendants (start, end), or None for a foreign tag."""
        at = (self._position or self._link()).get(id(tag))
        if at is None:
            return None
        return at + 1, self._ends[at]

    def position_of(self, tag: Tag) -> int | None:
        return (self._position or self._link()).get(id(tag))

    def positions_named(self, name: str) -> list[int]:
        """Positions of the elements called ``name``, in document order."""
        if self._by_name is None:
            by_name: dict[str, list[int]] = {}
            for at, element in enumerate(self.elements):
                by_name.setdefault(element.name, []).append(at)
            self._by_name = by_name
        return self._by_name.get(name, [])


#: (can be an empty element, string class it holds, keeps white space, list-valued attributes)
_NameTraits = tuple[bool, "type | None", bool, frozenset[str]]


_DEFAULT_TRAITS: dict[str, _NameTraits] = {}


class FastLXMLTreeBuilder(LXMLTreeBuilder):
    """LXMLTreeBuilder with lean event handlers (HTML without namespaces)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.index = ElementIndex()
        # what a name implies depends only on the builder's settings: shared when default
        self._names = _DEFAULT_TRAITS if not args and not kwargs else {}
        self._lean = True

    def reset(self) -> None:
        super().reset()
        self.index = ElementIndex()  # Beautiful Soup starts again (another encoding)

    def initialize_soup(self, soup: BeautifulSoup) -> None:
        super().initialize_soup(soup)
        # the lean handlers build plain trees: no parse_only filter, no custom classes
        self._lean = soup.parse_only is None and not soup.element_classes

    def _traits(self, tag: str) -> _NameTraits:
        """What Tag.__init__ and pushTag decide from an element's name alone."""
        lists = self.cdata_list_attributes
        empty = self.empty_element_tags
        traits = (
            True if empty is None else tag in empty,
            self.string_containers.get(tag),
            tag in self.preserve_whitespace_tags,
            frozenset(lists.get("*", ())) | frozenset(lists.get(tag.lower()) or ()),
        )
        self._names[tag] = traits
        return traits

    def start(self, tag: Any, attrib: Any, nsmap: Any = _NO_NSMAP) -> None:
        soup = self.soup
        if nsmap or not self._lean or len(self.nsmaps) > 1 or tag[:1] == "{":
            self.index.complete = False
            return super().start(tag, attrib, nsmap)
        can_be_empty, container, preserves_whitespace, multi_valued = self._names.get(
            tag
        ) or self._traits(tag)
        attrs = self.attribute_dict_class()
        value_list = self.attribute_value_list_class
        if attrib:
            set_attr = dict.__setitem__  # values are str: HTMLAttributeDict stores them as is
            for key, value in attrib.items():
                if key[:1] == "{":  # a namespaced attribute: Beautiful Soup's own way
                    self.index.complete = False
                    return super().start(tag, attrib, nsmap)
                if key in multi_valued:  # class, rel...: a list of words
                    value = value_list(nonwhitespace_re.findall(value))
                set_attr(attrs, key, value)
        if soup.current_data:
            _end_data(soup, self, None)
        # -- Tag.__init__(soup, builder, tag, None, None, attrs, parent, previous) --------
        parent = soup.currentTag
        previous = soup._most_recent_element
        contents = parent.contents
        sibling = contents[-1] if contents else None
        new = Tag.__new__(Tag)
        # the fields Tag.__init__ sets, in its order, at once
        new.__dict__ = {
            "parser_class": soup.__class__,
            "name": tag,
            "namespace": None,
            "_namespaces": self.active_namespace_prefixes[-1] or {},
            "prefix": None,
            "sourceline": None,
            "sourcepos": None,
            "attribute_value_list_class": value_list,
            "attrs": attrs,
            "known_xml": False,
            "contents": [],
            "parent": parent,
            "previous_element": previous,
            "next_element": None,
            "next_sibling": None,
            "previous_sibling": sibling,
            "hidden": False,
            "can_be_empty_element": can_be_empty,
            "cdata_list_attributes": self.cdata_list_attributes,
            "preserve_whitespace_tags": self.preserve_whitespace_tags,
            "interesting_string_types": {container}
            if container is not None
            else Tag.MAIN_CONTENT_STRING_TYPES,
        }
        if sibling is not None:
            sibling.next_sibling = new
        self.index.elements.append(new)
        if tag == "meta":
            self.set_up_substitutions(new)
        # -- the rest of BeautifulSoup.handle_starttag, and pushTag ------------------------
        if previous is not None:
            previous.next_element = new
        soup._most_recent_element = new
        contents.append(new)
        soup.tagStack.append(new)
        soup.currentTag = new
        soup.open_tag_counter[tag] += 1
        if preserves_whitespace:
            soup.preserve_whitespace_tag_stack.append(new)
        if container is not None:
            soup.string_container_stack.append(new)
        return None

    def end(self, tag: Any) -> None:
        if len(self.nsmaps) > 1 or tag[:1] == "{":
            return super().end(tag)
        soup = self.soup
        if soup.current_data:
            _end_data(soup, self, None)
        # BeautifulSoup.handle_endtag -> _popToTag(tag, None) -> popTag()
        stack = soup.tagStack
        counter = soup.open_tag_counter
        whitespace = soup.preserve_whitespace_tag_stack
        containers = soup.string_container_stack
        top = stack[-1]
        if (
            top.name == tag
            and top.prefix is None
            and len(stack) > 1
            and not whitespace
            and not containers
        ):
            # the usual case, the innermost open element closes: popTag() once
            stack.pop()
            counter[tag] -= 1
            soup.currentTag = stack[-1]
            return None
        for _ in range(len(stack) - 1, 0, -1):
            if not counter.get(tag):
                break
            popped = stack.pop()
            name = popped.name
            if name in counter:
                counter[name] -= 1
            if whitespace and popped == whitespace[-1]:
                whitespace.pop()
            if containers and popped == containers[-1]:
                containers.pop()
            if stack:
                soup.currentTag = stack[-1]
            if tag == name and popped.prefix is None:
                break
        return None

    def data(self, content: Any) -> None:
        self.soup.current_data.append(content)

    def comment(self, text: Any) -> None:
        soup = self.soup
        _end_data(soup, self, None)
        soup.current_data.append(text)
        _end_data(soup, self, Comment)

    def doctype(self, name: str, pubid: str, system: str) -> None:
        soup = self.soup
        _end_data(soup, self, None)
        soup.current_data.append(Doctype._string_for_name_and_ids(name, pubid, system))
        _end_data(soup, self, Doctype)

    def pi(self, target: str, data: str) -> None:
        soup = self.soup
        _end_data(soup, self, None)
        soup.current_data.append(target + " " + data)
        _end_data(soup, self, self.processing_instruction_class)


def _end_data(soup: BeautifulSoup, builder: LXMLTreeBuilder, container: type | None) -> None:
    """BeautifulSoup.endData (no parse_only, no custom element classes)."""
    if not soup.current_data:
        return
    text = "".join(soup.current_data)
    if not soup.preserve_whitespace_tag_stack and not text.strip(_ASCII_SPACES):
        text = "\n" if "\n" in text else " "
    soup.current_data = []
    kind = container or NavigableString
    if soup.string_container_stack and kind is NavigableString:
        kind = builder.string_containers.get(soup.string_container_stack[-1].name, kind)
    # NavigableString.__new__, then BeautifulSoup.object_was_parsed(string)
    string = str.__new__(kind, text)
    parent = soup.currentTag
    # BeautifulSoup.object_was_parsed re-links the parent's last descendant to whatever
    # follows the parent; while building in document order nothing follows an open
    # element yet, so in a lean build there is nothing to fix
    fix = parent.next_element is not None and not getattr(builder, "_lean", False)
    previous = soup._most_recent_element
    contents = parent.contents
    sibling = contents[-1] if contents else None
    string.__dict__ = {
        "hidden": False,
        "parent": parent,
        "previous_element": previous,
        "next_element": None,
        "next_sibling": None,
        "previous_sibling": sibling,
    }
    if previous is not None:
        previous.next_element = string
    if sibling is not None:
        sibling.next_sibling = string
    soup._most_recent_element = string
    parent.contents.append(string)
    if fix:
        soup._linkage_fixer(parent)


def fast_soup(markup: str | bytes) -> BeautifulSoup:
    """The tree ``BeautifulSoup(markup, "lxml")`` builds."""
    return indexed_soup(markup)[0]


def indexed_soup(
    markup: str | bytes, encoding: str | None = None
) -> tuple[BeautifulSoup, ElementIndex | None]:
    """The tree ``BeautifulSoup(markup, "lxml", from_encoding=encoding)`` builds, and its
    element index (None when the page needed Beautiful Soup's own handlers somewhere)."""
    builder = FastLXMLTreeBuilder()
    soup = BeautifulSoup(markup, builder=builder, from_encoding=encoding)
    builder.index.root = soup
    return soup, builder.index if builder.index.complete else None
