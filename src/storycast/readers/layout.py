"""Chapters of paragraphs, as a structured format gives them, laid out as a Document.

The text is the story alone: each chapter's paragraphs separated by blank lines, and the
chapters separated by blank lines too.  Chapter titles are not story text; they go to the
``chapters`` layer with each chapter's span.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from ..document import Document
from ..errors import InputError
from ..spans import Span
from .text import repair_text

SEPARATOR = "\n\n"


@dataclass
class Chapter:
    title: str = ""
    paragraphs: list[str] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)  # summary, notes, end_notes
    story: bool = True  # False for a title page or copyright page the navigation lists


def lay_out(chapters: list[Chapter], path: object, data: bytes, fmt: str,
            metadata: dict, encoding: str = "utf-8") -> Document:
    """A Document whose text is the chapters' paragraphs; empty chapters are dropped."""
    chapters = [c for c in chapters if c.story and c.paragraphs]
    if not chapters:
        raise InputError(path, f"no story text found in this {_KIND.get(fmt, fmt)} file")
    pieces: list[str] = []
    spans: list[Span] = []
    repairs = 0
    length = 0
    for chapter in chapters:
        start = length + (len(SEPARATOR) if pieces else 0)
        body, fixed = repair_text(SEPARATOR.join(chapter.paragraphs))
        repairs += len(fixed)
        pieces.append(body)
        length = start + len(body)
        spans.append(Span(start, length, chapter.title))
    text = SEPARATOR.join(pieces)
    notes = [{"chapter": n, "title": c.title, **c.notes}
             for n, c in enumerate(chapters, 1) if c.notes]
    if notes:  # kept beside the story, never in it
        metadata = {**metadata, "chapter_notes": notes}
    doc = Document(
        text=text,
        source={"path": str(path), "format": fmt, "encoding": encoding,
                "sha256": hashlib.sha256(data).hexdigest(), "repairs": repairs},
        metadata={k: metadata[k] for k in sorted(metadata, key=_key_order)
                  if metadata[k] not in (None, "", [], {})},
    )
    doc.layers["body"] = [Span(0, len(text), "body")]
    doc.layers["chapters"] = spans
    return doc


# The order metadata keys are written in; keys not listed follow, in the reader's order.
KEY_ORDER = ("title authors rating warnings categories fandoms relationships characters "
             "additional_tags language series collections published updated words chapters "
             "summary notes end_notes chapter_notes url relationship_pairs status genres "
             "publisher description subjects rights identifiers").split()


def _key_order(key: str) -> int:
    return KEY_ORDER.index(key) if key in KEY_ORDER else len(KEY_ORDER)


_KIND = {"ao3-html": "AO3 HTML", "ao3-epub": "AO3 EPUB", "epub": "EPUB", "html": "HTML"}
