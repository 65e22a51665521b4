"""HTML and XHTML from strangers: a forgiving tree, and the paragraphs of prose inside it.

The stdlib ``html.parser`` never fetches anything and knows no entities beyond HTML's own.
Scripts, styles, embedded objects and form controls are dropped while the tree is built, so
their text can never reach a story; links and images stay inert attributes, never fetched.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Callable, Iterator

from .text import decode_bytes

# Elements whose content is never prose.
DROPPED = frozenset("script style template noscript iframe object embed svg math canvas "
                    "button select textarea audio video applet frameset".split())
VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
BLOCKS = frozenset("address article aside blockquote body center dd details dialog div dl dt "
                   "fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr "
                   "html li main nav ol p pre section summary table tbody td tfoot th thead "
                   "tr ul caption".split())
HEADINGS = {f"h{n}": n for n in range(1, 7)}
MAX_DEPTH = 200  # deeper nesting is flattened: no recursion limit for hostile markup


class Element:
    """One element: its tag, attributes and children (elements and strings)."""

    __slots__ = ("tag", "attrs", "children")

    def __init__(self, tag: str, attrs: dict[str, str]) -> None:
        self.tag = tag
        self.attrs = attrs
        self.children: list[Element | str] = []

    @property
    def id(self) -> str:
        return self.attrs.get("id", "")

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def elements(self) -> list[Element]:
        return [c for c in self.children if isinstance(c, Element)]

    def iter(self) -> Iterator[Element]:
        """This element and every element inside it, in document order."""
        stack = [self]
        while stack:
            el = stack.pop()
            yield el
            stack.extend(reversed(el.elements()))

    def find(self, test: Callable[[Element], bool]) -> Element | None:
        return next((el for el in self.iter() if test(el)), None)

    def find_all(self, test: Callable[[Element], bool]) -> list[Element]:
        return [el for el in self.iter() if test(el)]

    def text(self) -> str:
        """The text inside, whitespace collapsed to single spaces."""
        parts: list[str] = []
        stack: list[Element | str] = [self]
        while stack:
            node = stack.pop()
            if isinstance(node, str):
                parts.append(node)
            else:
                if node.tag == "br" or node.tag in BLOCKS:
                    parts.append(" ")
                stack.extend(reversed(node.children))
        return " ".join("".join(parts).split())

    def __repr__(self) -> str:
        return f"<{self.tag} {self.attrs}>"


def has_class(name: str, tag: str | None = None) -> Callable[[Element], bool]:
    return lambda el: name in el.classes and (tag is None or el.tag == tag)


def by_id(name: str) -> Callable[[Element], bool]:
    return lambda el: el.id == name


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]
        self.dropping: list[str] = []  # the dropped element being skipped, and its nesting

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.dropping:
            if tag == self.dropping[0] and tag not in VOID:
                self.dropping.append(tag)
            return
        if tag in DROPPED:
            if tag not in VOID:
                self.dropping.append(tag)
            return
        self._close_implied(tag)
        el = Element(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(el)
        if tag not in VOID and len(self.stack) < MAX_DEPTH:
            self.stack.append(el)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.dropping or tag in DROPPED:
            return
        self.stack[-1].children.append(Element(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if self.dropping:
            if tag == self.dropping[0]:
                self.dropping.pop()
            return
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            self.stack[-1].children.append(data)

    def _close_implied(self, tag: str) -> None:
        """HTML's optional end tags: a block closes an open <p>, an <li> the previous <li>."""
        if tag in BLOCKS:
            self._close("p", stop=BLOCKS - {"p"})
        if tag == "li":
            self._close("li", stop={"ul", "ol"})
        elif tag in ("dt", "dd"):
            self._close("dt", stop={"dl"})
            self._close("dd", stop={"dl"})
        elif tag in ("td", "th"):
            self._close("td", stop={"tr", "table"})
            self._close("th", stop={"tr", "table"})
        elif tag == "tr":
            self._close("tr", stop={"table", "tbody", "thead", "tfoot"})

    def _close(self, tag: str, stop: set[str] | frozenset[str]) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return
            if self.stack[i].tag in stop:
                return


def parse_html(markup: str) -> Element:
    """A forgiving tree of any HTML or XHTML; never raises on bad markup."""
    builder = _TreeBuilder()
    builder.feed(markup)
    builder.close()
    return builder.root


# -- decoding ---------------------------------------------------------------------------

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w.:]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]+encoding\s*=\s*["']([-\w.:]+)["']""")
# Browsers read pages labelled Latin-1 or ASCII as Windows-1252, and so do their authors.
_BROWSER_NAMES = {"iso8859-1": "cp1252", "ascii": "cp1252", "latin-1": "cp1252"}


def decode_markup(data: bytes, path: object) -> tuple[str, str]:
    """HTML or XHTML bytes as text: the byte-order mark, then the declared charset, then
    the usual guesses of the text reader."""
    head = data[:4096]
    if not head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        declared = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
        if declared:
            name = declared.group(1).decode("ascii", "replace").lower()
            try:
                name = codecs.lookup(name).name
            except LookupError:
                name = ""
            name = _BROWSER_NAMES.get(name, name)
            if name and "16" not in name and "32" not in name:  # a wrong claim of UTF-16
                try:
                    return data.decode(name), name
                except UnicodeDecodeError:
                    pass
    return decode_bytes(data, path)


# -- prose ------------------------------------------------------------------------------


@dataclass
class Block:
    """A run of prose (``paragraph``), a ``heading``, or an ``anchor`` (an element id)."""

    kind: str
    text: str
    level: int = 0
    linked: int = 0  # characters of the text inside links: tables of contents are all links

    @property
    def link_share(self) -> float:
        return self.linked / max(1, len(self.text))


class _Prose:
    """Walks a tree and cuts its text into blocks where block elements begin and end."""

    def __init__(self, skip: Callable[[Element], bool], anchors: set[str]) -> None:
        self.skip, self.anchors = skip, anchors
        self.blocks: list[Block] = []
        self.parts: list[str] = []
        self.linked = 0

    def flush(self) -> None:
        text = "".join(self.parts)
        self.parts = []
        linked, self.linked = self.linked, 0
        lines = [" ".join(line.split()) for line in text.split("\n")]
        paragraph: list[str] = []
        for line in lines + [""]:  # a blank line (two <br>) ends a paragraph as well
            if line:
                paragraph.append(line)
            elif paragraph:
                joined = "\n".join(paragraph)
                self.blocks.append(Block("paragraph", joined, linked=min(linked, len(joined))))
                paragraph = []

    def walk(self, el: Element, pre: bool = False, link: bool = False) -> None:
        if el.id and el.id in self.anchors:
            self.flush()
            self.blocks.append(Block("anchor", el.id))
        if self.skip(el):
            return
        if el.tag in HEADINGS:
            self.flush()
            title = el.text()
            if title:
                self.blocks.append(Block("heading", title, level=HEADINGS[el.tag]))
            for inner in el.iter():  # an anchor on the heading's link still counts
                if inner is not el and inner.id in self.anchors:
                    self.blocks.append(Block("anchor", inner.id))
            return
        block = el.tag in BLOCKS
        if block:
            self.flush()
        pre = pre or el.tag == "pre"
        link = link or (el.tag == "a" and "href" in el.attrs)
        for child in el.children:
            if isinstance(child, str):
                text = child if pre else child.replace("\n", " ")  # flush collapses the rest
                self.parts.append(text)
                if link:
                    self.linked += len(text.strip())
            elif child.tag == "br":
                self.parts.append("\n")
            else:
                self.walk(child, pre, link)
        if block:
            self.flush()



def prose(el: Element, skip: Callable[[Element], bool] = lambda el: False,
          anchors: set[str] | frozenset[str] = frozenset()) -> list[Block]:
    """The paragraphs and headings inside ``el``, in order; ``skip`` prunes elements.

    Whitespace is collapsed as a browser would; ``<br>`` keeps a line break and two of them
    in a row end a paragraph.  Ids in ``anchors`` are reported where they occur.
    """
    walker = _Prose(skip, set(anchors))
    walker.walk(el)
    walker.flush()
    return walker.blocks


def paragraphs(el: Element, skip: Callable[[Element], bool] = lambda el: False) -> list[str]:
    """Only the paragraphs' text (headings and anchors left out)."""
    return [b.text for b in prose(el, skip) if b.kind == "paragraph"]
