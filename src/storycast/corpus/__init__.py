"""Corpus mode: a folder of stories (or a cluster's worth) into one DuckDB database.

    >>> from storycast import corpus
    >>> corpus.build(["stories/"], "corpus.duckdb", workers=4)  # doctest: +SKIP
    >>> sql = "select name, sum(quotes) from characters group by 1"
    >>> corpus.query("corpus.duckdb", sql)  # doctest: +SKIP

Modules: ``sources`` (files, folders and zip archives into stories, lazily), ``work`` (the
analysis of one work, run by every executor), ``executors`` (this process, a process pool,
Dask), ``store`` (the database), ``builder`` (the build) and ``overview`` (its status).
Needs the ``corpus`` extra (duckdb, pyarrow); ``import storycast`` imports none of this.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

__all__ = ["build", "status", "query", "export"]


def build(inputs, db, **options):
    """Analyse every story under ``inputs`` into ``db``: see :func:`.builder.build`."""
    from .builder import build as _build

    return _build(inputs, db, **options)


def status(db):
    """Works done, failed and pending, and time per work: a :class:`CorpusStatus`."""
    from .overview import status as _status

    return _status(db)


def query(db: str | Path, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Run ``sql`` on the database ``db`` (read only): the column names and the rows."""
    from .store import Store

    with Store(db, read_only=True) as store:
        cursor = store.execute(sql)
        columns = [d[0] for d in cursor.description or []]
        return columns, (cursor.fetchall() if columns else [])


def export(db: str | Path, folder: str | Path) -> list[Path]:
    """Write every table of ``db`` as ``folder/TABLE.parquet``; returns the files written."""
    from .store import Store

    with Store(db, read_only=True) as store:
        return store.export(folder)
