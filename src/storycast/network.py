"""Who speaks to whom, who appears with whom, and where: the figures every exporter shares.

The HTML report, the GEXF and GraphML networks and the CSV and Parquet tables all take
their numbers from :func:`story_figures`, so they agree with one another:

- ``speaks_to``: (speaker, addressee) -> number of quotations the one addresses to the other;
- ``same_scene``: {a, b} -> number of scenes both appear in.  A scene is a chapter, split
  at scene-break lines ("* * *", "###", "~~~"); a character appears in it when named in
  its narration, or when speaking or spoken to in it;
- ``lines_by_chapter``: per chapter, character -> quotations spoken;
- ``first_appearance``: character -> offset of the first mention or line;
- ``relationships``: {a, b} -> the relationship tags of the story's metadata
  (``relationship_pairs``) whose two names match those characters.

Everything is computed from the layers a Document keeps in its JSON (chapters, quotes,
mentions, characters), so a document read back with ``Document.from_json`` gives the same
figures as the one the analysis returned.
"""
from __future__ import annotations

import bisect
import re
import weakref
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable

from .document import Document
from .spans import Character

SPEAKS_TO = "speaks_to"
SAME_SCENE = "same_scene"
# A paragraph made only of these marks a scene break: "* * *", "#", "~~~", "-o-", "oOo".
_SCENE_BREAK = re.compile(r"\s*(?:[*#~=+_\-\u2013\u2014\u2022.\s]{1,40}|-?o+O+o+-?|x+X+x+)\s*")
_BLANK_LINES = re.compile(r"\n[ \t]*\n")
_PARENTHESES = re.compile(r"\s*\([^)]*\)\s*")
_WORDS_ONLY = re.compile(r"[^\w]+")


@dataclass(frozen=True)
class Edge:
    """A tie between two characters: ``speaks_to`` is directed, ``same_scene`` is not."""

    source: str
    target: str
    kind: str
    weight: int
    relationship: str = ""  # "romantic", "platonic" or both ("platonic;romantic"), or ""
    relationship_tag: str = ""  # the metadata's tags for the pair, "; "-joined


@dataclass
class Figures:
    """The derived figures of one document; see the module's docstring."""

    characters: list[Character]
    speaks_to: Counter = field(default_factory=Counter)
    same_scene: Counter = field(default_factory=Counter)
    scenes: list[tuple[int, int]] = field(default_factory=list)
    lines_by_chapter: list[Counter] = field(default_factory=list)
    first_appearance: dict[str, int] = field(default_factory=dict)
    relationships: dict[frozenset, list[tuple[str, str]]] = field(default_factory=dict)
    chapter_starts: list[int] = field(default_factory=list)

    def chapter_of(self, offset: int) -> int:
        """The 1-based number of the chapter holding ``offset``, or 0 before the first."""
        return bisect.bisect_right(self.chapter_starts, offset)

    def edges(self) -> list[Edge]:
        """Every tie: spoken ones first, heaviest first, then shared scenes, in cast order."""
        order = {c.id: i for i, c in enumerate(self.characters)}
        out = []
        spoken = sorted(self.speaks_to.items(),
                        key=lambda kv: (-kv[1], order[kv[0][0]], order[kv[0][1]]))
        for (a, b), weight in spoken:
            out.append(self._edge(a, b, SPEAKS_TO, weight))
        for (a, b), weight in sorted(self.same_scene.items(),
                                     key=lambda kv: (order[kv[0][0]], order[kv[0][1]])):
            out.append(self._edge(a, b, SAME_SCENE, weight))
        return out

    def _edge(self, a: str, b: str, kind: str, weight: int) -> Edge:
        tags = self.relationships.get(frozenset((a, b)), [])
        kinds = ";".join(sorted({k for k, _ in tags}))
        return Edge(a, b, kind, weight, kinds, "; ".join(t for _, t in tags))

    def relationship_tags(self, cid: str) -> list[str]:
        """The metadata's relationship tags that name this character, in metadata order."""
        seen: list[str] = []
        for pair, tags in self.relationships.items():
            if cid in pair:
                seen += [t for _, t in tags if t not in seen]
        return seen


_MEMO: dict[str, tuple[Any, tuple, Any]] = {}


def _fingerprint(doc: Document) -> tuple:
    """What the figures depend on, cheaply: changed annotations give a new fingerprint."""
    return (id(doc.text), len(doc.text), len(doc.chapters),
            hash(tuple((c.id, c.name, c.quotes, c.words_spoken, c.mentions, c.gender,
                        tuple(c.aliases)) for c in doc.characters)),
            hash(tuple((q.id, tuple(q.spans), q.speaker, tuple(q.addressees), q.type,
                        q.confidence) for q in doc.quotes)),
            hash(tuple((m.start, m.character, m.kind) for m in doc.mentions)),
            hash(repr(doc.metadata.get("relationship_pairs"))))


def memo(doc: Document, name: str, compute: Callable[[Document], Any]) -> Any:
    """``compute(doc)``, kept for the last document asked about under ``name``.

    Several exporters writing the same document share one computation; any change to its
    annotations is seen and the value computed anew.  The value must not be modified.
    """
    key = _fingerprint(doc)
    hit = _MEMO.get(name)
    if hit is not None and hit[0]() is doc and hit[1] == key:
        return hit[2]
    value = compute(doc)
    _MEMO[name] = (weakref.ref(doc), key, value)
    return value


def story_figures(doc: Document) -> Figures:
    """Every shared figure of ``doc``, computed once for as long as ``doc`` is unchanged."""
    return memo(doc, "figures", _compute_figures)


def _compute_figures(doc: Document) -> Figures:
    known = {c.id for c in doc.characters}
    figures = Figures(characters=list(doc.characters))
    figures.chapter_starts = [c.start for c in doc.chapters]
    quotes = [q for q in doc.quotes if q.speaker in known]
    for q in quotes:
        for a in q.addressees:
            if a in known and a != q.speaker:
                figures.speaks_to[(q.speaker, a)] += 1
    figures.lines_by_chapter = [Counter() for _ in doc.chapters]
    for q in quotes:
        number = figures.chapter_of(q.start)
        if number:
            figures.lines_by_chapter[number - 1][q.speaker] += 1
    figures.first_appearance = _first_appearance(doc, known)
    figures.scenes = scenes(doc)
    figures.same_scene = _same_scene(doc, figures.scenes, known)
    figures.relationships = match_relationships(doc)
    return figures


def _first_appearance(doc: Document, known: set[str]) -> dict[str, int]:
    first: dict[str, int] = {}
    for m in doc.mentions:
        if m.character in known and m.start < first.get(m.character, len(doc.text) + 1):
            first[m.character] = m.start
    for q in doc.quotes:
        if q.speaker in known and q.start < first.get(q.speaker, len(doc.text) + 1):
            first[q.speaker] = q.start
    return first


def paragraph_spans(text: str, start: int, end: int):
    """(start, end) of each blank-line separated block of ``text[start:end]``."""
    pos = start
    for gap in _BLANK_LINES.finditer(text, start, end):
        yield pos, gap.start()
        pos = gap.end()
    yield pos, end


def scenes(doc: Document) -> list[tuple[int, int]]:
    """The chapters, each split at its scene-break paragraphs; (start, end) offsets."""
    bounds = [(c.start, c.end) for c in doc.chapters] or [(0, len(doc.text))]
    out = []
    for start, end in bounds:
        scene_start = start
        for para_start, para_end in paragraph_spans(doc.text, start, end):
            para = doc.text[para_start:para_end]
            if para.strip() and _SCENE_BREAK.fullmatch(para):
                if doc.text[scene_start:para_start].strip():
                    out.append((scene_start, para_start))
                scene_start = para_end
        if doc.text[scene_start:end].strip():
            out.append((scene_start, end))
    return out


def is_heading(paragraph: str, title: str) -> bool:
    """Whether a chapter's first paragraph is its heading: "CHAPTER I." for "CHAPTER I"."""
    a = _WORDS_ONLY.sub(" ", paragraph).strip().lower()
    b = _WORDS_ONLY.sub(" ", title).strip().lower()
    return bool(a) and a == b


def _same_scene(doc: Document, spans: list[tuple[int, int]], known: set[str]) -> Counter:
    """Pairs of characters present together, counted once per scene."""
    starts = [s for s, _ in spans]
    present: list[set[str]] = [set() for _ in spans]

    def scene_of(offset: int) -> int:
        i = bisect.bisect_right(starts, offset) - 1
        return i if i >= 0 and offset < spans[i][1] else -1

    quote_spans = sorted(s for q in doc.quotes for s in q.spans)
    quote_starts = [s for s, _ in quote_spans]
    for m in doc.mentions:
        if m.character not in known:
            continue
        inside = bisect.bisect_right(quote_starts, m.start) - 1
        in_quote = inside >= 0 and m.start < quote_spans[inside][1]
        # names said inside a quote are talked about, not there, unless they are addressed
        if in_quote and m.kind != "vocative":
            continue
        i = scene_of(m.start)
        if i >= 0:
            present[i].add(m.character)
    for q in doc.quotes:
        i = scene_of(q.start)
        if i >= 0:
            present[i].update(c for c in [q.speaker, *q.addressees] if c in known)
    order = {c.id: n for n, c in enumerate(doc.characters)}
    counts: Counter = Counter()
    for members in present:
        ranked = sorted(members, key=order.__getitem__)
        for i, a in enumerate(ranked):
            for b in ranked[i + 1:]:
                counts[(a, b)] += 1
    return counts


def _plain_name(name: str) -> str:
    """A tag's character name without its fandom: "Spike (Buffyverse)" -> "spike"."""
    return " ".join(_PARENTHESES.sub(" ", name).split()).casefold()


def match_character(doc: Document, name: str) -> Character | None:
    """The character a metadata name means: its name or an alias, ignoring case.

    When no name matches whole, a character that goes by exactly one of the name's words
    ("Buffy" for "Buffy Summers") is taken, if only one does.
    """
    wanted = _plain_name(name)
    if not wanted:
        return None
    for c in doc.characters:
        if wanted in {n.casefold() for n in c.names()}:
            return c
    words = set(wanted.split())
    hits = [c for c in doc.characters if words & {n.casefold() for n in c.names()}]
    return hits[0] if len(hits) == 1 else None


def match_relationships(doc: Document) -> dict[frozenset, list[tuple[str, str]]]:
    """{a, b} -> [(kind, tag), ...] for the metadata's relationship pairs that match."""
    out: dict[frozenset, list[tuple[str, str]]] = {}
    for pair in doc.metadata.get("relationship_pairs") or []:
        names = list(pair.get("characters") or [])
        if len(names) != 2:
            continue
        a, b = (match_character(doc, n) for n in names)
        if a is None or b is None or a.id == b.id:
            continue
        kind = str(pair.get("kind") or "")
        tag = str(pair.get("tag") or " / ".join(names))
        out.setdefault(frozenset((a.id, b.id)), []).append((kind, tag))
    return out
