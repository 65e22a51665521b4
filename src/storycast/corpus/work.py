"""The analysis of one work: bytes and a path in, its rows (or why it failed) out.

:func:`analyse_work` is what every executor runs, in this process, in a pool of processes
or on a Dask cluster.  It touches no file and no database: it reads the story from the
bytes it is given, analyses it as ``storycast analyze`` does (an AO3 work's character tags
are its cast) and returns plain values: the ``works`` row and one Arrow table per table of
the work, ready for the database.
"""
from __future__ import annotations

import datetime
import hashlib
import json
import time
from dataclasses import dataclass, field
from typing import Any

from .. import __version__
from ..errors import InputError
from .schema import RENAMED, WORK_TABLES, arrow_schema


@dataclass
class WorkResult:
    """A work analysed (``work`` and ``tables`` set) or failed (``error`` set)."""

    path: str
    sha256: str
    seconds: float
    work: dict[str, Any] | None = None  # the row of the works table
    tables: dict[str, Any] = field(default_factory=dict)  # table name -> pyarrow.Table
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def analyse_work(path: str, data: bytes) -> WorkResult:
    """Read and analyse the story ``data`` (from ``path``); never raises for a bad story."""
    start = time.perf_counter()
    sha256 = hashlib.sha256(data).hexdigest()
    try:
        doc = _analyse(path, data)
        work, tables = work_rows(doc, sha256, path, len(data))
    except InputError as exc:
        return WorkResult(path, sha256, time.perf_counter() - start, error=exc.problem)
    except (Exception, RecursionError) as exc:  # a bug met on one work must not stop a corpus
        detail = f"{exc.__class__.__name__}: {exc}" if str(exc) else exc.__class__.__name__
        return WorkResult(path, sha256, time.perf_counter() - start,
                          error=f"internal error: {detail}")
    seconds = time.perf_counter() - start
    work["seconds"] = round(seconds, 6)
    return WorkResult(path, sha256, seconds, work=work, tables=to_arrow(tables))


def _analyse(path: str, data: bytes):
    from ..analysis import analyze
    from ..readers import read_bytes

    return analyze(read_bytes(data, path))


def work_rows(doc, sha256: str, path: str, size: int) -> tuple[dict[str, Any],
                                                               dict[str, list[dict]]]:
    """The ``works`` row of an analysed Document and the rows of its tables."""
    from ..exporters.tables import tables

    meta = doc.metadata
    work = {
        "work_id": sha256, "sha256": sha256, "path": path,
        "format": doc.source.get("format"), "encoding": doc.source.get("encoding"),
        "bytes": size, "title": meta.get("title"),
        "authors": _strings(meta.get("authors")), "fandoms": _strings(meta.get("fandoms")),
        "rating": meta.get("rating"), "language": meta.get("language"),
        "words": len(doc.text.split()), "chapters": len(doc.chapters),
        "characters": len(doc.characters), "quotes": len(doc.quotes),
        "attributed": sum(q.speaker is not None for q in doc.quotes),
        "cast_source": doc.cast_source,
        "metadata": json.dumps(meta, ensure_ascii=False, sort_keys=True, default=str),
        "seconds": 0.0,
        "analysed_at": datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None),
        "storycast_version": __version__,
    }
    rows = tables(doc)
    out = {}
    for name in WORK_TABLES:
        renamed = RENAMED.get(name, {})
        out[name] = [{"work_id": sha256, **{renamed.get(c, c): v for c, v in row.items()}}
                     for row in rows[name]]
    return work, out


def _strings(value: Any) -> list[str] | None:
    if value is None:
        return None
    return [str(v) for v in value] if isinstance(value, (list, tuple)) else [str(value)]


def to_arrow(tables: dict[str, list[dict]]) -> dict[str, Any]:
    """Rows as Arrow tables with the corpus schema: compact to send, quick to insert."""
    import pyarrow as pa

    out = {}
    for name, rows in tables.items():
        schema = arrow_schema(name)
        out[name] = pa.Table.from_pydict({c: [r[c] for r in rows] for c in schema.names},
                                         schema=schema)
    return out


WARM_UP = 'Title: Warm-up\n\n"Ready?" asked Ann.\n\n"Ready," said Ben.\n'


def warm_up() -> None:
    """Import and load everything an analysis needs, once per process, before the work."""
    analyse_work("<warm-up>", WARM_UP.encode())
