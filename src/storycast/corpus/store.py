"""The corpus database: a DuckDB file with a table per kind of row (see ``schema``).

Only the process that builds writes to it.  Works are written in batches, each batch one
transaction holding whole works: every row of a work (its ``works`` row, its chapters,
characters, quotes, mentions and interactions) commits together with the others of its
batch, or none does.  A build killed at any moment leaves the works of the batches already
committed, complete, and nothing of the others, which the next build analyses again.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from .. import __version__
from ..errors import StorycastError
from .schema import EXPORTED, TABLES, WORK_TABLES, arrow_schema, ddl
from .work import WorkResult

BUILD_MEMORY = "1GB"  # DuckDB's cache while building (it spills to disk beyond)
DUCKDB_HINT = "the corpus commands need duckdb and pyarrow: pip install 'storycast[corpus]'"


def require() -> None:
    """Fail with one clear line when the corpus extra is not installed."""
    try:
        import duckdb  # noqa: F401
        import pyarrow  # noqa: F401
    except ImportError:
        raise StorycastError(DUCKDB_HINT) from None


def now() -> datetime.datetime:
    """The time in UTC, as the database keeps it (TIMESTAMP, no zone)."""
    return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)


def check_location(path: str | Path, create: bool = False) -> Path:
    """The database's path, or a StorycastError when there can be no database there."""
    path = Path(path)
    if path.is_dir():
        raise StorycastError(f"{path}: a folder, not a database file (corpus.duckdb, say)")
    if not create and not path.exists():
        raise StorycastError(f"{path}: no such database")
    if create and not path.absolute().parent.is_dir():
        raise StorycastError(f"{path}: the folder {path.parent} does not exist")
    return path


@dataclass
class Batch:
    """Results waiting to be written in one transaction."""

    works: list[WorkResult] = field(default_factory=list)
    # path -> (sha256, error)
    failures: dict[str, tuple[str | None, str]] = field(default_factory=dict)
    skipped: int = 0

    def __len__(self) -> int:
        return len(self.works) + len(self.failures)

    def empty(self) -> bool:
        return not self.works and not self.failures and not self.skipped


class Store:
    """A corpus database, open for the duration of a command (use it in a ``with``)."""

    def __init__(self, path: str | Path, read_only: bool = False, create: bool = False) -> None:
        require()
        import duckdb

        self.path = check_location(path, create)
        try:
            self.con = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.IOException as exc:
            if "lock" in str(exc).lower():
                raise StorycastError(f"{path}: the database is in use by another process "
                                     "(a build still running?)") from None
            raise StorycastError(f"{path}: cannot be opened ({_first_line(exc)})") from None
        except duckdb.Error as exc:
            raise StorycastError(f"{path}: not a corpus database ({_first_line(exc)})") from None
        if not read_only:
            # the builder only appends small batches: one thread does it fastest, and
            # leaves the cores to the processes analysing; its cache stays small however
            # large the database grows
            self.con.execute("SET threads = 1")
            self.con.execute(f"SET memory_limit = '{BUILD_MEMORY}'")
            for name in TABLES:
                self.con.execute(ddl(name))
            self.failures = self.con.execute("SELECT count(*) FROM failures").fetchone()[0]
        else:
            missing = [t for t in EXPORTED if t not in self.tables()]
            if missing:
                self.close()
                raise StorycastError(f"{path}: not a corpus database (no table "
                                     f"{', '.join(missing)})")

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def tables(self) -> list[str]:
        return [r[0] for r in self.con.execute("SELECT table_name FROM duckdb_tables()")
                .fetchall()]

    # -- what is done ---------------------------------------------------------------

    def known(self, hashes: Sequence[str]) -> set[str]:
        """Of ``hashes``, those of works in the database."""
        if not hashes:
            return set()
        rows = self.con.execute("SELECT work_id FROM works WHERE work_id IN "
                                "(SELECT unnest($1::VARCHAR[]))", [list(hashes)]).fetchall()
        return {r[0] for r in rows}

    def failures_of(self, sources: Sequence[tuple[str, str]]) -> set[tuple[str, str]]:
        """Of ``(path, sha256)`` pairs, those recorded as failures: that file, unchanged."""
        if not sources:
            return set()
        rows = self.con.execute("SELECT path, sha256 FROM failures WHERE path IN "
                                "(SELECT unnest($1::VARCHAR[]))",
                                [[path for path, _ in sources]]).fetchall()
        return set(rows) & set(sources)

    # -- writing ---------------------------------------------------------------------

    def start_run(self, inputs: Sequence[str], executor: str, workers: int,
                  sources: int) -> int:
        run_id = self.con.execute("SELECT coalesce(max(run_id), 0) + 1 FROM runs").fetchone()[0]
        self.con.execute(
            "INSERT INTO runs VALUES (?, ?, NULL, ?, ?, ?, ?, 0, 0, 0, ?)",
            [run_id, now(), list(inputs), executor, workers, sources, __version__])
        return run_id

    def finish_run(self, run_id: int) -> None:
        self.con.execute("UPDATE runs SET finished_at = ? WHERE run_id = ?", [now(), run_id])

    def write(self, batch: Batch, run_id: int | None = None) -> None:
        """Write a batch in one transaction: all of it, or (on any error) nothing."""
        if batch.empty():
            return
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            self._write_works(batch.works)
            if batch.failures:
                self.failures += len(batch.failures)
                at = now()
                con.executemany(
                    "INSERT OR REPLACE INTO failures VALUES (?, ?, ?, ?, ?)",
                    [[path, sha, error, at, __version__]
                     for path, (sha, error) in batch.failures.items()])
            if run_id is not None:
                con.execute("UPDATE runs SET analysed = analysed + ?, failed = failed + ?, "
                            "skipped = skipped + ? WHERE run_id = ?",
                            [len(batch.works), len(batch.failures), batch.skipped, run_id])
            con.execute("COMMIT")
        except BaseException:
            import duckdb

            try:
                con.execute("ROLLBACK")
            except duckdb.Error:  # interrupted as it committed: nothing left to undo
                pass
            raise

    def _write_works(self, works: list[WorkResult]) -> None:
        if not works:
            return
        import pyarrow as pa

        con = self.con
        rows = pa.Table.from_pylist([w.work for w in works], schema=arrow_schema("works"))
        self._insert("works", rows)
        for name in WORK_TABLES:
            self._insert(name, pa.concat_tables([w.tables[name] for w in works]))
        if not self.failures:
            return
        # a file that failed before and reads now is no longer a failure
        con.execute("DELETE FROM failures WHERE path IN (SELECT unnest($1::VARCHAR[])) "
                    "OR sha256 IN (SELECT unnest($2::VARCHAR[]))",
                    [[w.path for w in works], [w.sha256 for w in works]])

    def _insert(self, name: str, table: Any) -> None:
        if table.num_rows == 0:
            return
        view = f"_batch_{name}"
        self.con.register(view, table)
        try:
            self.con.execute(f"INSERT INTO {name} BY NAME SELECT * FROM {view}")
        finally:
            self.con.unregister(view)

    # -- reading ---------------------------------------------------------------------

    def execute(self, sql: str, params: Sequence[Any] | None = None):
        """Run SQL; a DuckDB error becomes a StorycastError of one line."""
        import duckdb

        try:
            return self.con.execute(sql, params) if params is not None else self.con.execute(sql)
        except duckdb.Error as exc:
            raise StorycastError(f"query failed: {_first_line(exc)}") from None

    def rows(self, sql: str, params: Sequence[Any] | None = None) -> list[tuple]:
        return self.execute(sql, params).fetchall()

    def export(self, folder: str | Path, tables: Iterable[str] = EXPORTED) -> list[Path]:
        """Write each table as ``folder/NAME.parquet`` (the folder is made if need be)."""
        out = Path(folder)
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorycastError(f"{folder}: cannot be made ({exc.strerror or exc})") from None
        written = []
        for name in tables:
            target = out / f"{name}.parquet"
            quoted = str(target).replace("'", "''")
            self.execute(f"COPY (SELECT * FROM {name}) TO '{quoted}' (FORMAT PARQUET)")
            written.append(target)
        return written


def stream(cursor, size: int = 1000) -> Iterator[tuple]:
    """The rows of a cursor, fetched ``size`` at a time."""
    while rows := cursor.fetchmany(size):
        yield from rows


def _first_line(exc: Exception) -> str:
    lines = [line for line in str(exc).splitlines() if line.strip()]
    return lines[0] if lines else exc.__class__.__name__
