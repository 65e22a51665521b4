"""EPUB books: an AO3 download, a FanFicFare download, or any EPUB 2/3 (Project Gutenberg's).

The spine gives the reading order and the navigation (nav or NCX) the chapters and their
titles.  Only story text is kept: documents the package marks as covers, title pages,
tables of contents or copyright pages, the Project Gutenberg header and licence, and
FanFicFare's title page, update log and chapter notes are left out.
"""
from __future__ import annotations

import re

from ..document import Document
from ..errors import InputError
from . import ao3
from .layout import Chapter, lay_out
from .markup import Block, Element, prose
from .package import XHTML_TYPES, NavPoint, Package, open_package, read_markup
from .safety import SafeZip
from .text import _PG_END, _PG_START

# epub:type values (and guide types) of what is not story.
NOT_STORY_TYPES = frozenset(
    "cover titlepage title-page halftitlepage halftitle toc landmarks loi lot lov "
    "copyright-page copyright colophon imprint imprimatur index frontmatter backmatter "
    "preface foreword afterword acknowledgments acknowledgements dedication endnotes "
    "footnotes footnote rearnotes rearnote noteref other.ms-coverimage-standard".split())
_NOT_STORY_CLASS = re.compile(
    r"(?:^|\s)(?:pg-boilerplate|pgheader|pgfooter|fff_chapter_notes|fff_titlepage)(?:\s|$)")
_NOT_STORY_ID = re.compile(r"^(?:pg-header|pg-footer|pg-machine-header|pg-start-separator|"
                           r"pg-end-separator)$")
_NOT_STORY_FILE = re.compile(
    r"(?:^|/)(?:cover|title_?page|toc_page|toc|nav|log_page|copyright|colophon|imprint)"
    r"[^/]*$", re.IGNORECASE)
_NOT_STORY_TITLE = re.compile(
    r"^(?:title page|table of contents|contents|cover|copyright|colophon|imprint|update log|"
    r"about the author|about this book|dedication|acknowledge?ments|also by .*|"
    r"the full project gutenberg license|project gutenberg license)$", re.IGNORECASE)
FANFICFARE = re.compile(r"fanficfare", re.IGNORECASE)


def looks_like_epub(data: bytes, path: object) -> bool:
    """A zip whose mimetype member is missing or misplaced may still be an EPUB."""
    try:
        return SafeZip(data, path).find("META-INF/container.xml") is not None
    except InputError:
        return False


def read_epub_bytes(data: bytes, path: object = "<bytes>") -> Document:
    """A Document from an EPUB: its story chapters and its metadata."""
    book = SafeZip(data, path)
    package = open_package(book, path)
    docs = {item.path: read_markup(book, path, item.path)
            for item, _ in package.spine
            if item.media_type in XHTML_TYPES and book.find(item.path)}
    work = ao3.find_work([docs[item.path] for item, _ in package.spine
                          if item.path in docs])
    if work is not None:
        metadata = {**package.metadata, **ao3.work_metadata(work)}
        metadata.pop("subjects", None)  # the same tags, typed, are in the preface
        if "summary" in metadata:
            metadata.pop("description", None)
        return lay_out(ao3.work_chapters(work), path, data, "ao3-epub", metadata)
    metadata = dict(package.metadata)
    if is_fanficfare(package):
        title_page = next((docs[p] for p in docs if re.search(r"title_?page", p, re.I)), None)
        if title_page is not None:
            metadata.update(title_page_metadata(title_page))
        if "summary" in metadata:
            metadata.pop("description", None)
    return lay_out(story_chapters(package, docs), path, data, "epub", metadata)


def is_fanficfare(package: Package) -> bool:
    return (any(FANFICFARE.search(c) for c in package.contributors)
            or any(i.startswith("fanficfare-uid") for i in package.metadata.get("identifiers", [])))


# -- chapters -------------------------------------------------------------------------


def not_story(el: Element) -> bool:
    types = set(el.attrs.get("epub:type", "").split())
    return (el.tag in ("nav", "aside", "head", "title", "form")
            or bool(types & NOT_STORY_TYPES)
            or bool(_NOT_STORY_CLASS.search(el.attrs.get("class", "")))
            or bool(_NOT_STORY_ID.match(el.id)))


def story_documents(package: Package, docs: dict[str, Element]) -> list[str]:
    """The spine documents that may hold story, in reading order."""
    nav_items = {i.path for i in package.items.values() if "nav" in i.properties}
    keep = []
    for item, linear in package.spine:
        if item.path not in docs or not linear or item.path in nav_items:
            continue
        if package.guide.get(item.path, "text") in NOT_STORY_TYPES:
            continue
        body = docs[item.path].find(lambda el: el.tag == "body")
        if body is not None and set(body.attrs.get("epub:type", "").split()) & NOT_STORY_TYPES:
            continue
        if _NOT_STORY_FILE.search(item.path):
            continue
        keep.append(item.path)
    return keep


def story_chapters(package: Package, docs: dict[str, Element]) -> list[Chapter]:
    """Chapters where the navigation says they begin, else one per spine document."""
    order = story_documents(package, docs)
    points = [p for p in package.nav if p.path in set(order)]
    if not points:
        return _trim_gutenberg([_document_chapter(docs[path]) for path in order])
    starts: dict[str, list[NavPoint]] = {}
    for point in points:
        starts.setdefault(point.path, []).append(point)
    chapters: list[Chapter] = []
    current: Chapter | None = None  # None: front matter before the first entry
    for path in order:
        wanted = starts.get(path, [])
        blocks = prose(docs[path], skip=not_story, anchors={p.fragment for p in wanted})
        found = {b.text for b in blocks if b.kind == "anchor"}
        for point in wanted:  # entries for the document itself, or a missing anchor
            if not point.fragment or point.fragment not in found:
                current = _begin(chapters, point)
        for block in blocks:
            if block.kind == "anchor":
                for point in wanted:
                    if point.fragment == block.text:
                        current = _begin(chapters, point)
            elif current is not None:
                _add(current, block)
    return _trim_gutenberg([c for c in chapters if c.story])


def _begin(chapters: list[Chapter], point: NavPoint) -> Chapter:
    """A new chapter; an entry such as "Title Page" or "Copyright" begins one to discard."""
    chapter = Chapter(point.title, story=not _NOT_STORY_TITLE.match(point.title.strip()))
    chapters.append(chapter)
    return chapter


def _add(chapter: Chapter, block: Block) -> None:
    if block.kind == "paragraph" and block.link_share < 0.5:
        chapter.paragraphs.append(block.text)
    elif block.kind == "heading" and not chapter.title and not chapter.paragraphs:
        chapter.title = block.text


def _document_chapter(root: Element) -> Chapter:
    chapter = Chapter()
    for block in prose(root, skip=not_story):
        _add(chapter, block)
    return chapter


def _trim_gutenberg(chapters: list[Chapter]) -> list[Chapter]:
    """Older Project Gutenberg books carry their header and licence as plain paragraphs."""
    flat = [(c, p) for c in chapters for p in c.paragraphs]
    start = max((i + 1 for i, (_, p) in enumerate(flat) if _PG_START.search(p)), default=0)
    end = next((i for i, (_, p) in enumerate(flat) if i >= start and _PG_END.search(p)),
               len(flat))
    if (start, end) == (0, len(flat)):
        return chapters
    for c in chapters:
        c.paragraphs = []
    for c, p in flat[start:end]:
        c.paragraphs.append(p)
    return chapters


# -- FanFicFare -----------------------------------------------------------------------

FANFICFARE_FIELDS = {
    # FanFicFare's "Category" is the fandom, whatever the site; AO3's own are "AO3 Categories"
    "fandoms": "fandoms", "fandom": "fandoms", "category": "fandoms",
    "ao3 categories": "categories", "genre": "genres", "characters": "characters",
    "relationships": "relationships", "pairings": "relationships", "ships": "relationships",
    "rating": "rating", "warnings": "warnings", "status": "status",
    "published": "published", "updated": "updated", "words": "words",
    "chapters": "chapters", "language": "language", "summary": "summary",
    "series": "series", "freeform tags": "additional_tags", "additional tags": "additional_tags",
    "collections": "collections",
}
LIST_FIELDS = frozenset({"fandoms", "categories", "genres", "characters", "relationships",
                         "warnings", "additional_tags", "collections"})
_SERIES_PART = re.compile(r"^(.*?)\s*\[(\d+)\]$")


def title_page_metadata(root: Element) -> dict:
    """FanFicFare's title page: "<b>Label:</b> value<br />" for each field it knows."""
    meta: dict = {}
    for label, value in _labelled_values(root):
        key = FANFICFARE_FIELDS.get(label.lower())
        if key is None or not value:
            continue
        if key in LIST_FIELDS:
            meta[key] = [v.strip() for v in value.split(",") if v.strip()]
        elif key == "words":
            digits = value.replace(",", "")
            if digits.isdigit():
                meta[key] = int(digits)
        elif key == "series":
            m = _SERIES_PART.match(value)
            meta[key] = [{"title": m.group(1), "part": int(m.group(2))} if m
                         else {"title": value, "part": None}]
        else:
            meta[key] = value
    if meta.get("relationships"):
        meta["relationship_pairs"] = ao3.relationship_pairs(meta["relationships"])
    return meta


def _labelled_values(root: Element) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for parent in root.iter():
        label, value = None, []
        for node in parent.children + [Element("br", {})]:
            if isinstance(node, Element) and node.tag in ("b", "strong") and \
                    node.text().endswith(":"):
                if label:
                    found.append((label, " ".join(" ".join(value).split())))
                label, value = node.text().rstrip(":").strip(), []
            elif isinstance(node, Element) and node.tag == "br":
                if label:
                    found.append((label, " ".join(" ".join(value).split())))
                label, value = None, []
            elif label:
                value.append(node if isinstance(node, str) else node.text())
    return found
