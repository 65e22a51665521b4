"""Tables for pandas, R and spreadsheets: a folder of CSV files, or Parquet files.

Five tables, one row per thing:

- ``quotes``: id, start, end, spans, text, speaker, speaker_name, addressees,
  addressee_names, type, confidence, chapter
- ``characters``: id, name, aliases, gender, narrator, mentions, lines, words,
  first_appearance (offset), first_chapter, relationships
- ``mentions``: start, end, text, kind, character, character_name, chapter
- ``interactions``: source, target, source_name, target_name, kind (speaks_to or
  same_scene), weight, relationship
- ``chapters``: number, title, start, end, words, quotes, attributed, speakers

``-o out/`` (a path ending in a separator, or an existing folder) writes ``out/quotes.csv``
and the others: UTF-8, a header row, lists joined by ``|`` (the cast file's separator),
spans as ``start:end`` Python slices, empty cells for none, ``true``/``false``.
``-o story.parquet`` writes ``story.quotes.parquet``, ``story.characters.parquet``, ...
beside it, with typed columns (lists as lists); it needs pyarrow
(``pip install 'storycast[parquet]'``).
"""
from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from ..document import Document
from ..errors import ExportError
from ..network import memo, story_figures
from . import FOLDER, register

TABLES = ("quotes", "characters", "mentions", "interactions", "chapters")
# column -> type; "list" columns hold lists of strings, "spans" lists of [start, end]
COLUMNS: dict[str, dict[str, str]] = {
    "quotes": {"id": "str", "start": "int", "end": "int", "spans": "spans", "text": "str",
               "speaker": "str", "speaker_name": "str", "addressees": "list",
               "addressee_names": "list", "type": "str", "confidence": "float",
               "chapter": "int"},
    "characters": {"id": "str", "name": "str", "aliases": "list", "gender": "str",
                   "narrator": "bool", "mentions": "int", "lines": "int", "words": "int",
                   "first_appearance": "int", "first_chapter": "int",
                   "relationships": "list"},
    "mentions": {"start": "int", "end": "int", "text": "str", "kind": "str",
                 "character": "str", "character_name": "str", "chapter": "int"},
    "interactions": {"source": "str", "target": "str", "source_name": "str",
                     "target_name": "str", "kind": "str", "weight": "int",
                     "relationship": "str"},
    "chapters": {"number": "int", "title": "str", "start": "int", "end": "int",
                 "words": "int", "quotes": "int", "attributed": "int", "speakers": "int"},
}
PARQUET_HINT = "writing .parquet needs pyarrow: pip install 'storycast[parquet]'"


def tables(doc: Document) -> dict[str, list[dict[str, Any]]]:
    """The five tables as lists of rows (dicts keyed by the columns of COLUMNS).

    Computed once for both the CSV and the Parquet files of an unchanged document: the
    rows must not be modified.
    """
    return memo(doc, "tables", _tables)


def _tables(doc: Document) -> dict[str, list[dict[str, Any]]]:
    fig = story_figures(doc)
    names = {c.id: c.name for c in doc.characters}
    text = doc.text
    quotes = [{
        "id": q.id, "start": q.start, "end": q.end, "spans": [list(s) for s in q.spans],
        "text": q.text(text), "speaker": q.speaker, "speaker_name": names.get(q.speaker),
        "addressees": list(q.addressees),
        "addressee_names": [names.get(a, "") for a in q.addressees],
        "type": q.type, "confidence": round(q.confidence, 3),
        "chapter": fig.chapter_of(q.start) or None,
    } for q in doc.quotes]
    characters = [{
        "id": c.id, "name": c.name, "aliases": [a for a in c.aliases if a != c.name],
        "gender": c.gender, "narrator": c.narrator, "mentions": c.mentions,
        "lines": c.quotes, "words": c.words_spoken,
        "first_appearance": fig.first_appearance.get(c.id),
        "first_chapter": (fig.chapter_of(fig.first_appearance[c.id]) or None)
        if c.id in fig.first_appearance else None,
        "relationships": fig.relationship_tags(c.id),
    } for c in doc.characters]
    mentions = [{
        "start": m.start, "end": m.end, "text": text[m.start:m.end], "kind": m.kind,
        "character": m.character, "character_name": names.get(m.character),
        "chapter": fig.chapter_of(m.start) or None,
    } for m in doc.mentions]
    interactions = [{
        "source": e.source, "target": e.target, "source_name": names[e.source],
        "target_name": names[e.target], "kind": e.kind, "weight": e.weight,
        "relationship": e.relationship,
    } for e in fig.edges()]
    return {"quotes": quotes, "characters": characters, "mentions": mentions,
            "interactions": interactions, "chapters": _chapters(doc, fig)}


def _chapters(doc: Document, fig) -> list[dict[str, Any]]:
    rows = []
    by_chapter: list[list] = [[] for _ in doc.chapters]
    for q in doc.quotes:
        number = fig.chapter_of(q.start)
        if number:
            by_chapter[number - 1].append(q)
    for i, ch in enumerate(doc.chapters):
        quotes = by_chapter[i]
        rows.append({
            "number": i + 1, "title": ch.label, "start": ch.start, "end": ch.end,
            "words": len(doc.text[ch.start:ch.end].split()), "quotes": len(quotes),
            "attributed": sum(q.speaker is not None for q in quotes),
            "speakers": len(fig.lines_by_chapter[i]),
        })
    return rows


# -- CSV ----------------------------------------------------------------------

def _cell(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if kind == "list":
        return "|".join(str(v) for v in value)
    if kind == "spans":
        return "|".join(f"{s}:{e}" for s, e in value)
    if kind == "bool":
        return "true" if value else "false"
    return str(value)


@register(FOLDER)
def write_csv_folder(doc: Document, path: Path) -> list[Path]:
    """Write the five tables as ``quotes.csv``, ... into the folder ``path`` (made if need be)."""
    folder = Path(path)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, rows in tables(doc).items():
        columns = COLUMNS[name]
        out = folder / f"{name}.csv"
        with out.open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(columns)
            writer.writerows([_cell(row[c], kind) for c, kind in columns.items()]
                             for row in rows)
        written.append(out)
    return written


# -- Parquet --------------------------------------------------------------------

def parquet_paths(path: Path) -> dict[str, Path]:
    """``story.parquet`` -> {"quotes": story.quotes.parquet, ...}, beside it."""
    path = Path(path)
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    return {name: path.with_name(f"{stem}.{name}.parquet") for name in TABLES}


def _arrow_type(pa, kind: str):
    return {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(),
            "list": pa.list_(pa.string()), "spans": pa.list_(pa.list_(pa.int64()))}[kind]


def write_parquet(doc: Document, path: Path) -> list[Path]:
    """Write the five tables as Parquet files beside ``path`` (see :func:`parquet_paths`)."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ExportError(f"{path}: {PARQUET_HINT}") from None
    written = []
    targets = parquet_paths(path)
    for name, rows in tables(doc).items():
        columns = COLUMNS[name]
        schema = pa.schema([(c, _arrow_type(pa, kind)) for c, kind in columns.items()])
        data = {c: [row[c] for row in rows] for c in columns}
        pq.write_table(pa.Table.from_pydict(data, schema=schema), targets[name])
        written.append(targets[name])
    return written


write_parquet.requires = ("pyarrow",)  # type: ignore[attr-defined]
write_parquet.requires_hint = PARQUET_HINT  # type: ignore[attr-defined]
register(".parquet", write_parquet)

__all__ = ["TABLES", "COLUMNS", "tables", "write_csv_folder", "write_parquet",
           "parquet_paths"]
