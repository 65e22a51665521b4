"""Chapters, paragraphs and sentences."""
from __future__ import annotations

import re

from ..document import Document
from ..letters import LETTER, UPPER
from ..spans import Span
from . import stage

# A heading line: "CHAPTER IV.", "Chapter 12: The Ball", "BOOK II", "PART ONE", "IV.", "12"
_ROMAN = r"[IVXLCDM]+"
_NUMBER = rf"(?:\d+|{_ROMAN}|[A-Za-z]+(?:-[A-Za-z]+)?)"
_HEADING = re.compile(
    rf"^[ \t]*(?:(?:chapter|book|part|volume|stave|section)\s+{_NUMBER}\b[^\n]*"
    rf"|{_ROMAN}\.?|\d{{1,3}}\.?)[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_NUMBER_WORD = re.compile(
    rf"^(?:\d+|{_ROMAN}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|"
    r"fifty|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last)\b",
    re.IGNORECASE,
)
_BLANK = re.compile(r"\n[ \t]*\n\s*")

ABBREVIATIONS = frozenset(
    "mr mrs ms miss dr st mme mlle messrs prof rev hon capt col gen lt sgt sr jr "
    "vs etc no vol ch fig esq sen gov co inc ltd ave mt".split()
)
# "[.!?][.!?]*" rather than "[.!?]+": a pattern that opens with a character class lets the
# search skip to the next stop.
_SENTENCE_END = re.compile(
    rf"[.!?][.!?]*[\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(\[]*[{UPPER}0-9])")
_LAST_WORD = re.compile(rf"[{LETTER}]+$")


def body_bounds(doc: Document) -> tuple[int, int]:
    """The story proper: the reader may have marked front and back matter."""
    body = doc.layer("body")
    if body:
        return body[0].start, body[0].end
    return 0, len(doc.text)


def find_paragraphs(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Blocks separated by blank lines; one line per paragraph when the text has no blank lines."""
    end = len(text) if end is None else end
    region = text[start:end]
    lines = region.count("\n") + 1
    blanks = len(_BLANK.findall(region))
    if lines > 20 and blanks < lines / 40:
        splitter = re.compile(r"\n\s*")  # one paragraph per line
    else:
        splitter = _BLANK
    spans: list[Span] = []
    pos = 0
    for m in splitter.finditer(region):
        _add_trimmed(spans, region, pos, m.start(), start, "paragraph")
        pos = m.end()
    _add_trimmed(spans, region, pos, len(region), start, "paragraph")
    return spans


def _add_trimmed(spans: list[Span], region: str, a: int, b: int, base: int, label: str) -> None:
    while a < b and region[a].isspace():
        a += 1
    while b > a and region[b - 1].isspace():
        b -= 1
    if b > a:
        spans.append(Span(base + a, base + b, label))


def find_sentences(text: str, paragraphs: list[Span]) -> list[Span]:
    """Sentences within each paragraph; abbreviations such as "Mr." do not end one."""
    sentences: list[Span] = []
    for para in paragraphs:
        chunk = text[para.start:para.end]
        pos = 0
        for m in _SENTENCE_END.finditer(chunk):
            if m.group().startswith(".") and _is_abbreviation(chunk, m.start()):
                continue
            _add_trimmed(sentences, chunk, pos, m.end(), para.start, "sentence")
            pos = m.end()
        _add_trimmed(sentences, chunk, pos, len(chunk), para.start, "sentence")
    return sentences


def _is_abbreviation(chunk: str, dot: int) -> bool:
    word = _LAST_WORD.search(chunk, max(0, dot - 12), dot)
    if not word:
        return False
    w = word.group()
    return w.lower() in ABBREVIATIONS or len(w) == 1 and w.isupper()


def find_chapters(text: str, paragraphs: list[Span], start: int, end: int) -> list[Span]:
    """Chapters begin at heading paragraphs; a story without headings is one chapter."""
    heads: list[tuple[int, str]] = []
    for para in paragraphs:
        lines = text[para.start:para.end].split("\n")
        # "CHAPTER I." alone, or with its title on the next line ("Down the Rabbit-Hole")
        if len(lines) > 2 or len(lines[0]) > 80 or len(lines) == 2 and len(lines[1]) > 80:
            continue
        if _HEADING.match(lines[0]) and _is_heading(lines[0]):
            title = " ".join(lines[0].split()).rstrip(".")
            if len(lines) == 2 and lines[1].strip():
                title += ": " + " ".join(lines[1].split())
            heads.append((para.start, title))
    if not heads:
        return [Span(start, end, "")]
    chapters = []
    if heads[0][0] > start and text[start:heads[0][0]].strip():
        chapters.append(Span(start, heads[0][0], ""))
    for i, (pos, title) in enumerate(heads):
        stop = heads[i + 1][0] if i + 1 < len(heads) else end
        chapters.append(Span(pos, stop, title))
    return chapters


def _is_heading(line: str) -> bool:
    words = line.split()
    if len(words) == 1:
        return bool(_NUMBER_WORD.match(words[0].rstrip(".")))
    return bool(_NUMBER_WORD.match(words[1].rstrip(".:")))


@stage("segment", needs=(), produces=("chapters", "paragraphs", "sentences"))
def segment(doc: Document) -> Document:
    """Paragraphs and sentences; chapters too, unless the reader took them from the file's
    structure (an EPUB's navigation, AO3's chapter headings), which no guess improves on."""
    start, end = body_bounds(doc)
    if doc.has("chapters"):
        paragraphs = [p for c in doc.chapters for p in find_paragraphs(doc.text, c.start, c.end)]
    else:
        paragraphs = find_paragraphs(doc.text, start, end)
        doc.layers["chapters"] = find_chapters(doc.text, paragraphs, start, end)
    doc.layers["paragraphs"] = paragraphs
    doc.layers["sentences"] = find_sentences(doc.text, paragraphs)
    return doc
