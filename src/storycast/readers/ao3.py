"""Archive of Our Own downloads: the preface's typed tags, the chapters, the notes around them.

The archive renders every download from one layout (see the formats documentation):
``div#preface`` (a ``dl.tags`` of dt/dd pairs, the title, byline, summary and notes),
``div#chapters`` (per chapter a ``div.meta.group`` heading with its own summary and notes,
the text in a ``div.userstuff``, then the chapter's end notes) and ``div#afterword``.  Its
EPUB is the same markup split by calibre into files, so both readers share this module.
Only the ``div.userstuff`` text is story; everything else becomes metadata.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .layout import Chapter
from .markup import Element, has_class, paragraphs

# dt labels, singular and plural, to metadata keys; the dd holds one <a> per tag.
TAG_LISTS = {
    "archive warning": "warnings", "category": "categories", "fandom": "fandoms",
    "relationship": "relationships", "character": "characters",
    "additional tag": "additional_tags", "collection": "collections",
}
SINGLE_VALUES = {"rating": "rating", "language": "language"}
NOTE_LABELS = {
    "summary": "summary", "notes": "notes", "end notes": "end_notes",
    "chapter summary": "summary", "chapter notes": "notes", "chapter end notes": "end_notes",
}
_STATS = re.compile(r"\b(Published|Updated|Completed|Words|Chapters):\s*(\S+)")
_PART = re.compile(r"Part\s+(\d+)\s+of", re.IGNORECASE)
_QUALIFIER = re.compile(r"\s*\([^()]*\)\s*$")
ARCHIVE = "Archive of Our Own"
_PARTS = frozenset({"preface", "chapters", "afterword"})


@dataclass
class Work:
    """The three parts of a download; ``chapters`` is the material inside div#chapters."""

    preface: Element | None = None
    chapters: list[Element | str] = field(default_factory=list)
    afterword: Element | None = None


def find_work(roots: list[Element]) -> Work | None:
    """The parts of an AO3 download, from one HTML tree or the files calibre split it into;
    None when these are not an AO3 work."""
    work = Work()
    for root in roots:
        parts: dict[str, Element] = {}
        for el in root.iter():
            if el.id in _PARTS:
                parts.setdefault(el.id, el)  # the outermost, should a story reuse an id
        preface, afterword = parts.get("preface"), parts.get("afterword")
        chapters = parts.get("chapters")
        work.preface = work.preface or preface
        work.afterword = work.afterword or afterword
        if chapters is not None:
            work.chapters.extend(chapters.children)
        elif preface is None and afterword is None and work.preface is not None:
            work.chapters.extend(_continued(root))  # a long chapter calibre split in two
    if work.preface is None or not work.chapters or not _is_archive_preface(work.preface):
        return None
    return work


def _continued(root: Element) -> list[Element | str]:
    body = root.find(lambda el: el.tag == "body") or root
    inner = body.elements()
    if len(inner) == 1 and "userstuff" in inner[0].classes and any(
            "meta" in el.classes or "userstuff" in el.classes for el in inner[0].elements()):
        return inner[0].children  # the div#chapters wrapper, repeated without its id
    return body.children


def _is_archive_preface(preface: Element) -> bool:
    message = preface.find(has_class("message"))
    return (preface.find(has_class("tags", "dl")) is not None
            or (message is not None and ARCHIVE in message.text()))


# -- metadata -------------------------------------------------------------------------


def work_metadata(work: Work) -> dict:
    """Every field the preface and afterword hold, under the keys storycast documents."""
    meta: dict = {}
    preface = work.preface
    if preface is not None:
        message = preface.find(has_class("message", "p"))
        if message is not None:
            bold = message.find(lambda el: el.tag == "b")
            if bold is not None:
                meta["title"] = bold.text()
            urls = [a.attrs["href"] for a in message.iter()
                    if a.tag == "a" and "/works/" in a.attrs.get("href", "")]
            if urls:
                meta["url"] = urls[-1]
        heading = preface.find(lambda el: el.tag == "h1")
        if heading is not None and heading.text():
            meta["title"] = heading.text()
        byline = preface.find(has_class("byline"))
        if byline is not None:
            meta["authors"] = authors(byline)
        tags = preface.find(has_class("tags", "dl"))
        if tags is not None:
            meta.update(tag_metadata(tags))
        meta.update(labelled_notes(preface))
    if work.afterword is not None:
        meta.update({k: v for k, v in labelled_notes(work.afterword).items() if k == "end_notes"})
    if meta.get("relationships"):
        meta["relationship_pairs"] = relationship_pairs(meta["relationships"])
    return meta


def authors(byline: Element) -> list[str]:
    """The byline's author links; "by Anonymous" has none."""
    linked = [a.text() for a in byline.iter() if a.tag == "a" and a.text()]
    if linked:
        return linked
    text = byline.text()
    text = text[3:] if text.lower().startswith("by ") else text
    return [name.strip() for name in text.split(",") if name.strip()]


def tag_metadata(tags: Element) -> dict:
    """The dl.tags pairs: the dt label is the only key the archive gives."""
    meta: dict = {}
    label = ""
    for el in tags.elements():
        if el.tag == "dt":
            label = el.text().rstrip(":").strip().lower()
            continue
        if el.tag != "dd" or not label:
            continue
        singular = label[:-3] + "y" if label.endswith("ies") else label.rstrip("s")
        if label in SINGLE_VALUES or singular in SINGLE_VALUES:
            meta[SINGLE_VALUES.get(label) or SINGLE_VALUES[singular]] = el.text()
        elif singular in TAG_LISTS:
            meta[TAG_LISTS[singular]] = tag_list(el)
        elif label == "series":
            meta["series"] = series(el)
        elif label == "stats":
            meta.update(stats(el.text()))
        label = ""
    return meta


def tag_list(dd: Element) -> list[str]:
    linked = [a.text() for a in dd.iter() if a.tag == "a" and a.text()]
    return linked or [t.strip() for t in dd.text().split(",") if t.strip()]


def series(dd: Element) -> list[dict]:
    """"Part 2 of <a>Name</a>", once per series the work belongs to."""
    found, part = [], None
    for node in dd.children:
        if isinstance(node, str):
            m = _PART.search(node)
            part = int(m.group(1)) if m else part
        elif node.tag == "a":
            found.append({"title": node.text(), "part": part, "url": node.attrs.get("href", "")})
            part = None
    return found


def stats(text: str) -> dict:
    meta: dict = {}
    for name, value in _STATS.findall(text):
        if name == "Words":
            digits = value.replace(",", "")
            if digits.isdigit():
                meta["words"] = int(digits)
        elif name == "Chapters":
            meta["chapters"] = value  # "3/3", or "3/?" while the work is in progress
        elif name == "Published":
            meta["published"] = value
        else:  # "Completed:" is the date of the last update of a finished work
            meta["updated"] = value
    return meta


def labelled_notes(container: Element) -> dict[str, str]:
    """Blockquotes labelled by the paragraph before them: Summary, Notes, End Notes."""
    found: dict[str, str] = {}
    for el in container.iter():
        label = None
        for child in el.elements():
            if child.tag == "p":
                label = NOTE_LABELS.get(child.text().rstrip(":").strip().lower())
            elif child.tag == "blockquote" and label:
                text = "\n\n".join(paragraphs(child))
                if text:
                    found.setdefault(label, text)
                label = None
            else:
                label = None
    return found


# -- tags -----------------------------------------------------------------------------


def strip_fandom(tag: str) -> str:
    """ "Spike (Buffyverse)" is Spike: the archive's fandom qualifier is not a name."""
    name = _QUALIFIER.sub("", tag).strip()
    return name or tag.strip()


def relationship_pairs(tags: list[str]) -> list[dict]:
    """ "A/B" is romantic and "A & B" platonic; each tag keeps its names in order."""
    pairs = []
    for tag in tags:
        mark = "/" if "/" in tag else "&" if "&" in tag else None
        if mark is None:
            continue
        names = [strip_fandom(part) for part in tag.split(mark) if part.strip()]
        if len(names) >= 2:
            pairs.append({"characters": names,
                          "kind": "romantic" if mark == "/" else "platonic", "tag": tag})
    return pairs


# -- chapters -------------------------------------------------------------------------


def work_chapters(work: Work) -> list[Chapter]:
    """The chapters, each with only its div.userstuff text; headings, chapter summaries,
    notes and end notes go to the chapter's notes."""
    chapters: list[Chapter] = []
    pending: list[Element | str] = []  # story material not yet given to a chapter

    def settle() -> None:
        if pending:
            holder = Element("div", {})
            holder.children = list(pending)
            pending.clear()
            text = paragraphs(holder)
            if text:
                if not chapters:
                    chapters.append(Chapter())
                chapters[-1].paragraphs.extend(text)

    for node in work.chapters:
        if isinstance(node, Element) and "meta" in node.classes:
            settle()
            heading = node.find(lambda el: el.tag in ("h2", "h3") and "heading" in el.classes)
            if heading is not None:  # a chapter begins: "Chapter 2: Title"
                chapters.append(Chapter(heading.text(), notes=labelled_notes(node)))
            elif chapters:  # the chapter's end notes
                chapters[-1].notes.update(labelled_notes(node))
        elif isinstance(node, Element) and "toc-heading" in node.classes:
            settle()
            chapters.append(Chapter(node.text()))  # a one-chapter work: its title
        else:
            pending.append(node)
    settle()
    return chapters
