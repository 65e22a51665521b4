"""HTML stories: an AO3 download by its structure, or any saved page's main text.

A saved web page carries navigation, headers, footers, comment forms and sidebars around
the story.  The story is the smallest element holding most of the page's prose (looked for
inside an ``<article>`` or ``<main>`` when the page has one); link lists inside it (a table
of contents, "next chapter") are dropped by their share of linked text.  Headings that recur
split the text into chapters.
"""
from __future__ import annotations

import re

from ..document import Document
from . import ao3
from .layout import Chapter, lay_out
from .markup import Block, Element, decode_markup, parse_html, prose
from .safety import refuse_entities

# Elements and class/id words that mark a page's furniture, not its story.
FURNITURE_TAGS = frozenset("nav header footer aside form menu head title".split())
_FURNITURE_WORDS = re.compile(
    r"(?:^|[-_\s])(?:nav|navbar|navigation|menu|sidebar|footer|header|masthead|breadcrumbs?|"
    r"comments?|share|social|related|advert|ads|cookie|banner|skip|pagination|"
    r"pg-boilerplate|pg-header|pg-footer)(?:$|[-_\s])", re.IGNORECASE)
LINK_SHARE = 0.5  # a paragraph mostly made of links is navigation
MAIN_SHARE = 0.8  # a part of the page holding this share of its prose is the story


def is_furniture(el: Element) -> bool:
    if el.tag in FURNITURE_TAGS or el.attrs.get("role") in ("navigation", "banner",
                                                             "contentinfo", "complementary"):
        return True
    words = f"{el.attrs.get('id', '')} {el.attrs.get('class', '')}"
    return bool(words.strip()) and bool(_FURNITURE_WORDS.search(words))


def read_html_bytes(data: bytes, path: object = "<bytes>") -> Document:
    """A Document from an HTML file: AO3 downloads with their metadata, other pages'
    main text."""
    markup, encoding = decode_markup(data, path)
    refuse_entities(markup, path)
    root = parse_html(markup)
    work = ao3.find_work([root])
    if work is not None:
        return lay_out(ao3.work_chapters(work), path, data, "ao3-html",
                       ao3.work_metadata(work), encoding)
    blocks = [b for b in prose(main_element(root), skip=is_furniture)
              if b.kind != "paragraph" or b.link_share < LINK_SHARE]
    return lay_out(chapters_from_headings(blocks), path, data, "html",
                   page_metadata(root, blocks), encoding)


def main_element(root: Element) -> Element:
    """The element that holds the story: the smallest one holding most of the page's prose
    (inside an <article> or <main> when the page marks one)."""
    body = root.find(lambda el: el.tag == "body") or root
    size = prose_sizes(body)
    marked = [el for el in body.iter()
              if el.tag in ("article", "main") or el.attrs.get("role") == "main"]
    main = max(marked, key=lambda el: size.get(id(el), 0)) if marked else body
    while True:
        inner = max(main.elements(), key=lambda el: size.get(id(el), 0), default=None)
        held = size.get(id(inner), 0) if inner is not None else 0
        if not held or held < MAIN_SHARE * size.get(id(main), 0):
            return main
        main = inner


def prose_sizes(top: Element) -> dict[int, int]:
    """Characters of text in each element (by id()), not counting links or furniture."""
    size: dict[int, int] = {}
    order: list[Element] = []
    stack = [top]
    while stack:  # parents before children; summed in reverse, children first
        el = stack.pop()
        if is_furniture(el) or (el.tag == "a" and "href" in el.attrs):
            continue
        order.append(el)
        stack.extend(el.elements())
    for el in reversed(order):
        size[id(el)] = sum(len(c.strip()) if isinstance(c, str) else size.get(id(c), 0)
                           for c in el.children)
    return size


def chapters_from_headings(blocks: list[Block]) -> list[Chapter]:
    """A chapter at each heading of the level that recurs (h2 chapters under one h1 title);
    a page without such headings is one chapter."""
    levels = [b.level for b in blocks if b.kind == "heading"]
    recurring = sorted({n for n in levels if levels.count(n) > 1})
    level = recurring[0] if recurring else None
    chapters = [Chapter()]
    for block in blocks:
        if block.kind == "heading" and block.level == level:
            chapters.append(Chapter(block.text))
        elif block.kind == "paragraph":
            chapters[-1].paragraphs.append(block.text)
    return chapters


def page_metadata(root: Element, blocks: list[Block]) -> dict:
    meta: dict = {}
    title = root.find(lambda el: el.tag == "title")
    og = root.find(lambda el: el.tag == "meta" and el.attrs.get("property") == "og:title")
    # the page's own heading names the story; <title> often adds the site's name
    heading = next((b.text for b in blocks if b.kind == "heading" and b.level == 1), "")
    meta["title"] = ((og.attrs.get("content", "") if og else "") or heading or
                     (title.text() if title else "") or "Untitled")
    author = root.find(lambda el: el.tag == "meta" and el.attrs.get("name") == "author")
    if author is not None and author.attrs.get("content", "").strip():
        meta["authors"] = [author.attrs["content"].strip()]
    html = root.find(lambda el: el.tag == "html")
    if html is not None and html.attrs.get("lang"):
        meta["language"] = html.attrs["lang"]
    return meta
