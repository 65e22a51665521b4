"""The tables of a corpus database: their columns and types, for DuckDB and for Arrow.

The tables of one work are those of ``storycast.exporters.tables`` (the CSV and Parquet
tables of ``storycast analyze -o``), each row carrying the ``work_id`` of its work; in
``characters`` the lines and words spoken are named as in the JSON, ``quotes`` and
``words_spoken``.  ``works`` has a row per work analysed, ``failures`` one per file that
could not be read, and ``runs`` one per build.
"""
from __future__ import annotations

from ..exporters.tables import COLUMNS

# a column of the story tables renamed in the corpus to its name in the JSON
RENAMED = {"characters": {"lines": "quotes", "words": "words_spoken"}}
WORK_TABLES = ("chapters", "characters", "quotes", "mentions", "interactions")

WORKS: dict[str, str] = {
    "work_id": "str", "sha256": "str", "path": "str", "format": "str", "encoding": "str",
    "bytes": "int", "title": "str", "authors": "list", "fandoms": "list", "rating": "str",
    "language": "str", "words": "int", "chapters": "int", "characters": "int",
    "quotes": "int", "attributed": "int", "cast_source": "str", "metadata": "str",
    "seconds": "float", "analysed_at": "time", "storycast_version": "str",
}
FAILURES: dict[str, str] = {
    "path": "str", "sha256": "str", "error": "str", "failed_at": "time",
    "storycast_version": "str",
}
RUNS: dict[str, str] = {
    "run_id": "int", "started_at": "time", "finished_at": "time", "inputs": "list",
    "executor": "str", "workers": "int", "sources": "int", "analysed": "int", "failed": "int",
    "skipped": "int", "storycast_version": "str",
}


def _work_table(name: str) -> dict[str, str]:
    renamed = RENAMED.get(name, {})
    return {"work_id": "str", **{renamed.get(c, c): kind for c, kind in COLUMNS[name].items()}}


TABLES: dict[str, dict[str, str]] = {
    "works": WORKS, **{name: _work_table(name) for name in WORK_TABLES},
    "failures": FAILURES, "runs": RUNS,
}
EXPORTED = ("works", *WORK_TABLES, "failures")
KEYS = {"works": "work_id", "failures": "path", "runs": "run_id"}

_DUCKDB = {"str": "VARCHAR", "int": "BIGINT", "float": "DOUBLE", "bool": "BOOLEAN",
           "list": "VARCHAR[]", "spans": "BIGINT[][]", "time": "TIMESTAMP"}


def ddl(name: str) -> str:
    """``CREATE TABLE IF NOT EXISTS`` for one table."""
    columns = [f'"{c}" {_DUCKDB[kind]}' + (" PRIMARY KEY" if KEYS.get(name) == c else "")
               for c, kind in TABLES[name].items()]
    return f"CREATE TABLE IF NOT EXISTS {name} ({', '.join(columns)})"


def arrow_schema(name: str):
    """The Arrow schema of a table (pyarrow imported when asked for)."""
    import pyarrow as pa

    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(),
             "bool": pa.bool_(), "list": pa.list_(pa.string()),
             "spans": pa.list_(pa.list_(pa.int64())), "time": pa.timestamp("us")}
    return pa.schema([(c, types[kind]) for c, kind in TABLES[name].items()])
