"""The EPUB package: container, OPF (Dublin Core metadata, manifest, spine) and navigation.

EPUB 2 books navigate with an NCX, EPUB 3 books with an XHTML ``nav``; both may nest entries
(parts holding chapters), and both are flattened here into one list in reading order.
"""
from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from urllib.parse import unquote
from xml.etree.ElementTree import Element as XmlElement

from ..errors import InputError
from .markup import Element, decode_markup, parse_html
from .safety import SafeZip, parse_xml, refuse_entities

CONTAINER = "META-INF/container.xml"
ENCRYPTION = "META-INF/encryption.xml"
XHTML_TYPES = frozenset({"application/xhtml+xml", "text/html", "application/html+xml"})
NCX_TYPE = "application/x-dtbncx+xml"
MAX_NAV_DEPTH = 20  # entries nested deeper are ignored: no recursion limit for hostile files


@dataclass
class Item:
    id: str
    path: str  # the member's name in the zip
    media_type: str
    properties: set[str] = field(default_factory=set)


@dataclass
class NavPoint:
    title: str
    path: str
    fragment: str
    depth: int


@dataclass
class Package:
    opf: str
    metadata: dict
    contributors: list[str]
    items: dict[str, Item]
    spine: list[tuple[Item, bool]]  # (item, linear)
    guide: dict[str, str]  # member path -> type ("toc", "title-page", ...)
    nav: list[NavPoint] = field(default_factory=list)


def local(tag: str) -> str:
    """An XML name without its namespace: ``{http://purl.org/dc/elements/1.1/}title`` is
    ``title``."""
    return tag.rsplit("}", 1)[-1]


def attr(el: XmlElement, name: str) -> str:
    """An attribute by its local name, whatever namespace (``opf:role``) it carries."""
    for key, value in el.attrib.items():
        if local(key) == name:
            return value
    return ""


def resolve(base: str, href: str) -> tuple[str, str]:
    """A link relative to the member ``base``: the member it names and the fragment."""
    href, _, fragment = href.partition("#")
    if not href:
        return base, unquote(fragment)
    path = posixpath.normpath(posixpath.join(posixpath.dirname(base), unquote(href)))
    return path.lstrip("/"), unquote(fragment)


def open_package(book: SafeZip, path: object) -> Package:
    """The package document the container names, with its navigation."""
    if book.find(CONTAINER) is None:
        raise InputError(path, f"not an EPUB book: it has no {CONTAINER}")
    container = parse_xml(book.read(CONTAINER), path, CONTAINER)
    rootfile = next((el for el in container.iter() if local(el.tag) == "rootfile"
                     and attr(el, "full-path")), None)
    if rootfile is None:
        raise InputError(path, f"{CONTAINER} names no package document")
    opf_path = attr(rootfile, "full-path").lstrip("/")
    opf = parse_xml(book.read(opf_path), path, opf_path)
    items = manifest(opf, opf_path)
    spine_el = next((el for el in opf if local(el.tag) == "spine"), None)
    spine = [] if spine_el is None else [
        (items[attr(ref, "idref")], attr(ref, "linear") != "no") for ref in spine_el
        if local(ref.tag) == "itemref" and attr(ref, "idref") in items]
    package = Package(opf_path, dublin_core(opf), _contributors(opf), items, spine,
                      guide(opf, opf_path))
    _refuse_drm(book, path, package)
    package.nav = navigation(book, path, package, spine_el)
    return package


def manifest(opf: XmlElement, opf_path: str) -> dict[str, Item]:
    items = {}
    for el in opf.iter():
        if local(el.tag) == "item" and attr(el, "id") and attr(el, "href"):
            member, _ = resolve(opf_path, attr(el, "href"))
            items[attr(el, "id")] = Item(attr(el, "id"), member, attr(el, "media-type"),
                                         set(attr(el, "properties").split()))
    return items


def guide(opf: XmlElement, opf_path: str) -> dict[str, str]:
    return {resolve(opf_path, attr(el, "href"))[0]: attr(el, "type").lower()
            for el in opf.iter() if local(el.tag) == "reference" and attr(el, "href")}


def _refuse_drm(book: SafeZip, path: object, package: Package) -> None:
    """Fonts may be obfuscated harmlessly; encrypted chapters cannot be read."""
    if book.find(ENCRYPTION) is None:
        return
    encryption = parse_xml(book.read(ENCRYPTION), path, ENCRYPTION)
    locked = {attr(el, "URI").lstrip("/") for el in encryption.iter()
              if local(el.tag) == "CipherReference"}
    if locked & {item.path for item, _ in package.spine}:
        raise InputError(path, "an EPUB protected by DRM: its chapters are encrypted")


# -- metadata -------------------------------------------------------------------------


def _text(el: XmlElement) -> str:
    return " ".join("".join(el.itertext()).split())


def dublin_core(opf: XmlElement) -> dict:
    """Title, authors, language, dates, publisher, identifiers, subjects, description,
    and a calibre or EPUB 3 series."""
    meta_el = next((el for el in opf if local(el.tag) == "metadata"), None)
    if meta_el is None:
        return {}
    entries = list(meta_el.iter())
    roles = {attr(el, "refines").lstrip("#"): _text(el) for el in entries
             if local(el.tag) == "meta" and attr(el, "property") == "role"}
    found: dict = {"authors": [], "identifiers": [], "subjects": []}
    for el in entries:
        name, text = local(el.tag), _text(el)
        if not text:
            continue
        if name == "title":
            found.setdefault("title", text)
        elif name == "creator" and (attr(el, "role") or roles.get(attr(el, "id"), "aut")) == "aut":
            found["authors"].append(text)
        elif name == "date":
            event = attr(el, "event").lower()  # EPUB 2 names the event; creation is the file's
            key = {"modification": "updated", "creation": None}.get(event, "published")
            if key:
                found.setdefault(key, text)
        elif name in ("language", "publisher", "rights"):
            found.setdefault(name, text)
        elif name == "description":
            found.setdefault("description", "\n\n".join(_description(text)))
        elif name == "identifier":
            found["identifiers"].append(text)
        elif name == "subject":
            found["subjects"].append(text)
        elif name == "source" and text.startswith(("http://", "https://")):
            found.setdefault("url", text)
    series = _series(entries)
    if series:
        found["series"] = series
    return {k: v for k, v in found.items() if v}


def _description(text: str) -> list[str]:
    """A description is often HTML written into the OPF as escaped text."""
    from .markup import paragraphs

    return paragraphs(parse_html(text)) if "<" in text else [text]


def _series(entries: list[XmlElement]) -> list[dict]:
    named = {attr(el, "name"): attr(el, "content") for el in entries if local(el.tag) == "meta"}
    if named.get("calibre:series"):
        return [{"title": named["calibre:series"],
                 "part": _part(named.get("calibre:series_index"))}]
    collections = [el for el in entries if local(el.tag) == "meta"
                   and attr(el, "property") == "belongs-to-collection"]
    found = []
    for el in collections:
        position = next((_text(p) for p in entries if attr(p, "refines") == f"#{attr(el, 'id')}"
                         and attr(p, "property") == "group-position"), None)
        found.append({"title": _text(el), "part": _part(position)})
    return found


def _part(index: str | None) -> int | float | None:
    try:
        number = float(index or "")
    except ValueError:
        return None
    return int(number) if number.is_integer() else number


def _contributors(opf: XmlElement) -> list[str]:
    return [_text(el) for el in opf.iter() if local(el.tag) == "contributor"]


# -- navigation -----------------------------------------------------------------------


def navigation(book: SafeZip, path: object, package: Package,
               spine_el: XmlElement | None) -> list[NavPoint]:
    """The table of contents flattened in reading order: EPUB 3 nav first, else the NCX."""
    nav_item = next((i for i in package.items.values() if "nav" in i.properties), None)
    if nav_item is not None and book.find(nav_item.path):
        points = nav_points(read_markup(book, path, nav_item.path), nav_item.path)
        if points:
            return points
    ncx_id = attr(spine_el, "toc") if spine_el is not None else ""
    ncx = package.items.get(ncx_id) or next(
        (i for i in package.items.values() if i.media_type == NCX_TYPE), None)
    if ncx is None or not book.find(ncx.path):
        return []
    return ncx_points(parse_xml(book.read(ncx.path), path, ncx.path), ncx.path)


def read_markup(book: SafeZip, path: object, member: str) -> Element:
    """An XHTML member as a forgiving tree (no entities, no scripts)."""
    data = book.read(member)
    if not data.strip():
        return Element("#document", {})
    markup, _ = decode_markup(data, f"{path}: {member}")
    refuse_entities(markup, path, member)
    return parse_html(markup)


def nav_points(root: Element, base: str) -> list[NavPoint]:
    navs = root.find_all(lambda el: el.tag == "nav")
    toc = next((n for n in navs if "toc" in n.attrs.get("epub:type", "").split()),
               navs[0] if navs else None)
    ol = toc.find(lambda el: el.tag == "ol") if toc is not None else None
    points: list[NavPoint] = []
    if ol is not None:
        _walk_ol(ol, base, 0, points)
    return points


def _walk_ol(ol: Element, base: str, depth: int, points: list[NavPoint]) -> None:
    for li in ol.elements():
        if li.tag != "li":
            continue
        label = next((el for el in li.elements() if el.tag in ("a", "span")), None)
        if label is not None and label.tag == "a" and label.attrs.get("href"):
            member, fragment = resolve(base, label.attrs["href"])
            points.append(NavPoint(label.text(), member, fragment, depth))
        for inner in li.elements():
            if inner.tag == "ol" and depth < MAX_NAV_DEPTH:
                _walk_ol(inner, base, depth + 1, points)


def ncx_points(ncx: XmlElement, base: str) -> list[NavPoint]:
    nav_map = next((el for el in ncx.iter() if local(el.tag) == "navMap"), None)
    points: list[NavPoint] = []
    if nav_map is not None:
        _walk_nav_map(nav_map, base, 0, points)
    return points


def _walk_nav_map(parent: XmlElement, base: str, depth: int, points: list[NavPoint]) -> None:
    for point in parent:
        if local(point.tag) != "navPoint":
            continue
        label = next((el for el in point.iter() if local(el.tag) == "text"), None)
        content = next((el for el in point if local(el.tag) == "content"), None)
        if content is not None and attr(content, "src"):
            member, fragment = resolve(base, attr(content, "src"))
            points.append(NavPoint(_text(label) if label is not None else "", member,
                                   fragment, depth))
        if depth < MAX_NAV_DEPTH:
            _walk_nav_map(point, base, depth + 1, points)

