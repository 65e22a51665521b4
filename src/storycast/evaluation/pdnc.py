"""Loading the Project Dialogism Novel Corpus (PDNC) gold annotations.

Each novel folder holds ``novel_text.txt``, ``quotation_info.csv`` and
``character_info.csv`` (see docs/evaluation.md).  List-valued cells are Python
literals, read with :func:`ast.literal_eval`.
"""
from __future__ import annotations

import ast
import csv
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..document import Document
from ..spans import Character, Quote

QUOTE_TYPES = ("explicit", "anaphoric", "implicit")
# PDNC pseudo-characters: "_group" (several people at once) and "_unknowable".
UNKNOWABLE = "_unknowable"
_GENDERS = {"M": "male", "F": "female"}  # U (unknown) and X (unannotated) -> unknown
_MISSING = {"", "nan", "none"}


def normalize(name: str) -> str:
    """The form names are compared in: lower-cased, whitespace collapsed."""
    return " ".join(name.lower().split())


@dataclass
class GoldCharacter:
    name: str
    aliases: set[str]  # includes ``name``
    gender: str = "X"  # PDNC code: M / F / U (unknown) / X (unannotated)
    category: str = "minor"  # major / intermediate / minor

    @property
    def pseudo(self) -> bool:
        """True for PDNC's "_group" and "_unknowable" placeholders."""
        return self.name.startswith("_")


@dataclass
class GoldQuote:
    id: str
    spans: list[tuple[int, int]]  # sorted by start, so spans[0] is the earliest
    speaker: str | None = None  # a GoldCharacter name (or an unresolvable raw name)
    addressees: list[str] = field(default_factory=list)
    type: str | None = None  # explicit / anaphoric / implicit, lower-cased
    referring_expression: str = ""


@dataclass
class GoldNovel:
    name: str
    text: str
    quotes: list[GoldQuote]
    characters: list[GoldCharacter]
    narrator: GoldCharacter | None = None
    narrative_person: int | None = None  # from PDNC-Novel-Index.csv when present
    path: Path | None = None

    def character(self, name: str | None) -> GoldCharacter | None:
        return next((c for c in self.characters if c.name == name), None)

    @property
    def text_path(self) -> Path | None:
        return self.path / "novel_text.txt" if self.path else None


# -- loading ---------------------------------------------------------------
def _literal(cell: str, default):
    cell = (cell or "").strip()
    if cell.lower() in _MISSING:
        return default
    return ast.literal_eval(cell)


def _clean(cell: str | None) -> str:
    cell = (cell or "").strip()
    return "" if cell.lower() in _MISSING else cell


def _read_characters(path: Path) -> list[GoldCharacter]:
    chars = []
    with open(path, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            name = row["Main Name"].strip()
            aliases = {a.strip() for a in _literal(row.get("Aliases", ""), [])} | {name}
            chars.append(GoldCharacter(name, aliases, _clean(row.get("Gender")) or "X",
                                       _clean(row.get("Category")).lower() or "minor"))
    return chars


def _resolver(characters: list[GoldCharacter]):
    """Map a name used in quotation_info.csv to a character's main name.

    The quotation file does not always use the main name: "Lucy" for "Miss
    Honeychurch", "Frederick Tilney " with a trailing space.  Main names win,
    then (unique) aliases; a name that matches nothing is kept as it is.
    """
    by_main = {normalize(c.name): c.name for c in characters}
    owners: dict[str, set[str]] = {}
    for c in characters:
        for alias in c.aliases:
            owners.setdefault(normalize(alias), set()).add(c.name)

    def resolve(name: str) -> str:
        key = normalize(name)
        if key in by_main:
            return by_main[key]
        found = owners.get(key, set())
        return next(iter(found)) if len(found) == 1 else name.strip()

    return resolve


def _read_quotes(path: Path, resolve) -> list[GoldQuote]:
    quotes = []
    with open(path, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            # A few rows list their sub-quotations out of text order; sorting
            # makes "the first span" the earliest one in the text.
            spans = sorted((int(s), int(e)) for s, e in _literal(row["quoteByteSpans"], []))
            if not spans:
                continue
            speaker = _clean(row.get("speaker"))
            quotes.append(GoldQuote(
                id=row["quoteID"], spans=spans,
                speaker=resolve(speaker) if speaker else None,
                addressees=[resolve(a) for a in _literal(row.get("addressees", ""), [])],
                type=_clean(row.get("quoteType")).lower() or None,
                referring_expression=_clean(row.get("referringExpression")),
            ))
    return quotes


def find_narrator(quotes: list[GoldQuote],
                  characters: list[GoldCharacter]) -> GoldCharacter | None:
    """The most common speaker of quotes tagged "I said", "I answered", ...

    Third-person novels have no such quotes and get None.
    """
    votes = Counter(q.speaker for q in quotes if q.speaker and (
        q.referring_expression == "I" or q.referring_expression.startswith("I ")))
    for name, _ in votes.most_common():
        char = next((c for c in characters if c.name == name), None)
        if char is not None and not char.pseudo:
            return char
    return None


def _narrative_person(folder: Path) -> int | None:
    index = folder.parent.parent / "PDNC-Novel-Index.csv"
    if not index.exists():
        return None
    with open(index, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row.get("Folder Name", "").strip() == folder.name:
                try:
                    return int(float(row.get("Narrative Person", "")))
                except ValueError:
                    return None
    return None


def load_novel(folder: str | Path) -> GoldNovel:
    """Load one PDNC novel folder."""
    folder = Path(folder)
    text = (folder / "novel_text.txt").read_text(encoding="utf-8")
    characters = _read_characters(folder / "character_info.csv")
    quotes = _read_quotes(folder / "quotation_info.csv", _resolver(characters))
    return GoldNovel(
        name=folder.name, text=text, quotes=quotes, characters=characters,
        narrator=find_narrator(quotes, characters),
        narrative_person=_narrative_person(folder), path=folder,
    )


def load_corpus(path: str | Path, names: list[str] | None = None) -> list[GoldNovel]:
    """Load every novel folder under ``path`` (or only ``names``), sorted by name."""
    path = Path(path)
    folders = sorted(p for p in path.iterdir() if (p / "quotation_info.csv").exists())
    if names is not None:
        missing = set(names) - {p.name for p in folders}
        if missing:
            raise FileNotFoundError(f"no PDNC novel {sorted(missing)} under {path}")
        folders = [p for p in folders if p.name in set(names)]
    return [load_novel(p) for p in folders]


# -- gold as system input / output -----------------------------------------
def gold_cast(novel: GoldNovel) -> list[list[str]]:
    """The gold character list as a cast: main name first, then the other aliases.

    The "_group"/"_unknowable" placeholders are not people and are left out.
    """
    return [[c.name] + sorted(c.aliases - {c.name})
            for c in novel.characters if not c.pseudo]


def gold_document(novel: GoldNovel) -> Document:
    """A Document whose quotes and characters are exactly the gold ones.

    Evaluating it against ``novel`` must give perfect scores; the tests use it
    to check the metrics.  Names that resolve to no gold character are dropped
    from speakers and addressees (no character exists for them).
    """
    doc = Document(text=novel.text, source={"path": str(novel.text_path or "")},
                   metadata={"title": novel.name, "gold": "pdnc"})
    ids = {c.name: f"c{i}" for i, c in enumerate(novel.characters)}
    doc.layers["characters"] = [
        Character(id=ids[c.name], name=c.name, aliases=sorted(c.aliases - {c.name}),
                  gender=_GENDERS.get(c.gender, "unknown"), narrator=c is novel.narrator)
        for c in novel.characters
    ]
    doc.layers["quotes"] = [
        Quote(id=q.id, spans=list(q.spans), speaker=ids.get(q.speaker),
              addressees=[ids[a] for a in q.addressees if a in ids],
              type=q.type, confidence=1.0)
        for q in novel.quotes
    ]
    return doc
