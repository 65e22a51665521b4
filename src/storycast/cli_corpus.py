"""``storycast corpus build|status|query|export``: thin commands over ``storycast.corpus``.

Nothing here imports duckdb, pyarrow, dask or rich until a corpus command runs.
"""
from __future__ import annotations

import argparse
import datetime
import sys
import time
from typing import Any, Iterable, TextIO

LOG_EVERY = 10.0  # seconds between progress lines when stderr is not a terminal


def add_corpus_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add ``corpus`` and its subcommands to the ``storycast`` parser."""
    db = argparse.ArgumentParser(add_help=False)
    db.add_argument("--db", metavar="DB", required=True,
                    help="the corpus database, a DuckDB file (build makes it if need be)")
    corpus = commands.add_parser(
        "corpus", help="analyse a folder of stories into a database, and query it",
        description="Analyse many stories into one DuckDB database (works, characters, "
                    "quotes, mentions, interactions, chapters, failures), resumably, on "
                    "this machine or on a Dask cluster; then query or export it. Needs "
                    "pip install 'storycast[corpus]'.")
    sub = corpus.add_subparsers(dest="corpus_command", metavar="COMMAND", required=True)

    build = sub.add_parser(
        "build", parents=[common, db], help="analyse every story under the inputs",
        description="Analyse every story in the given files, folders (walked recursively) "
                    "and zip archives into the database. Resumable: works already in the "
                    "database are skipped, so the same command after a crash finishes the "
                    "job. Exit status 1 when some files could not be read (see `corpus "
                    "status`), 0 when every work is in.")
    build.add_argument("inputs", metavar="STORIES", nargs="+",
                       help="a story file, a folder of stories or a zip archive of stories")
    build.add_argument("--workers", type=int, default=1, metavar="N",
                       help="analyse in N processes (default 1); with --executor dask and "
                            "no --scheduler, the size of the local cluster")
    build.add_argument("--executor", choices=("local", "dask"), default="local",
                       help="where works are analysed: local processes (the default) or a "
                            "Dask cluster (pip install 'storycast[dask]')")
    build.add_argument("--scheduler", metavar="ADDRESS",
                       help="the Dask scheduler to use, e.g. tcp://host:8786 (default: a "
                            "local cluster of --workers processes)")
    build.add_argument("--retry-failed", action="store_true",
                       help="try again the files recorded as failures even when unchanged")
    build.set_defaults(run=run_build)

    status = sub.add_parser(
        "status", parents=[common, db], help="works done, failed and pending; time per work",
        description="Print how many works the database holds, how many files failed and "
                    "why, what the last build left pending, and the time works took.")
    status.set_defaults(run=run_status)

    query = sub.add_parser(
        "query", parents=[common, db], help="run SQL on the database and print the result",
        description="Run one SQL statement (DuckDB's dialect) on the database, read only, "
                    "and print the result as a table (or CSV).")
    query.add_argument("sql", metavar="SQL",
                       help="e.g. \"select name, sum(quotes) from characters group by 1\"")
    query.add_argument("--csv", action="store_true", help="print the result as CSV")
    query.set_defaults(run=run_query)

    export = sub.add_parser(
        "export", parents=[common, db], help="write every table as a Parquet file",
        description="Write works, chapters, characters, quotes, mentions, interactions and "
                    "failures as FOLDER/TABLE.parquet.")
    export.add_argument("folder", metavar="FOLDER", help="where to write (made if need be)")
    export.set_defaults(run=run_export)


# -- build --------------------------------------------------------------------

def run_build(args: argparse.Namespace) -> int:
    from .corpus import build

    progress = _progress(args.quiet)
    report = build(args.inputs, args.db, workers=args.workers, executor=args.executor,
                   scheduler=args.scheduler, retry_failed=args.retry_failed,
                   progress=progress)
    print(build_summary(report))
    return 0 if report.ok else 1


def build_summary(report) -> str:
    parts = [f"{report.analysed:,} {'work' if report.analysed == 1 else 'works'} analysed",
             f"{report.failed:,} failed"]
    if report.skipped:
        parts.append(f"{report.skipped:,} already in the database")
    if report.kept_failures:
        parts.append(f"{report.kept_failures:,} failed before (unchanged)")
    rate = f", {report.analysed / report.seconds:.1f} works/s" if report.seconds else ""
    return f"{', '.join(parts)} in {report.seconds:.1f} s{rate} -> {report.db}"


def _progress(quiet: bool):
    from .corpus.progress import SILENT

    if quiet:
        return SILENT
    if sys.stderr.isatty():
        return _Bar()
    return _Log(sys.stderr)


class _Log:
    """Progress as log lines: every failure, and where the build stands every few seconds."""

    def __init__(self, out: TextIO) -> None:
        self.out, self.total, self.done, self.failures = out, 0, 0, 0
        self.started = self.last = time.monotonic()

    def start(self, total: int) -> None:
        self.total = total
        self.started = self.last = time.monotonic()
        self._line(f"{total:,} stories to go through")

    def skipped(self, path: str, reason: str) -> None:
        self.total -= 1  # what is left to analyse is what the estimate is about

    def analysed(self, path: str, seconds: float) -> None:
        self.done += 1
        self._tick()

    def failed(self, path: str, error: str) -> None:
        self.done += 1
        self.failures += 1
        self._line(f"failed: {path}: {error}")
        self._tick()

    def stop(self) -> None:
        return None

    def _tick(self) -> None:
        now = time.monotonic()
        if now - self.last < LOG_EVERY:
            return
        self.last = now
        rate = self.done / (now - self.started)
        left = (self.total - self.done) / rate if rate else 0
        self._line(f"{self.done:,}/{self.total:,} works ({self.failures:,} failed), "
                   f"{rate:.1f} works/s, about {_duration(left)} left")

    def _line(self, text: str) -> None:
        stamp = datetime.datetime.now().strftime("%H:%M:%S")
        print(f"{stamp} {text}", file=self.out, flush=True)


class _Bar:
    """Progress as a bar on the terminal: works done, works per second, time left."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                                   TimeElapsedColumn, TimeRemainingColumn)

        self.console = Console(stderr=True)
        self.bar = Progress(TextColumn("[bold]analysing"), BarColumn(), MofNCompleteColumn(),
                            TextColumn("{task.fields[rate]}"), TimeElapsedColumn(),
                            TextColumn("eta"), TimeRemainingColumn(),
                            console=self.console, transient=True)
        self.task = None
        self.started = time.monotonic()
        self.done = 0

    def start(self, total: int) -> None:
        self.bar.start()
        self.started = time.monotonic()
        self.task = self.bar.add_task("works", total=total, rate="")

    def skipped(self, path: str, reason: str) -> None:
        task = self.bar.tasks[0]
        self.bar.update(self.task, total=(task.total or 1) - 1)

    def analysed(self, path: str, seconds: float) -> None:
        self._advance()

    def failed(self, path: str, error: str) -> None:
        from rich.markup import escape

        self.bar.console.print(f"[red]failed[/red]: {escape(path)}: {escape(error)}")
        self._advance()

    def _advance(self) -> None:
        self.done += 1
        elapsed = time.monotonic() - self.started
        rate = f"{self.done / elapsed:.1f} works/s" if elapsed > 0 else ""
        self.bar.update(self.task, advance=1, rate=rate)

    def stop(self) -> None:
        self.bar.stop()


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min {seconds % 60:02d} s"
    return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"


# -- status -------------------------------------------------------------------

def run_status(args: argparse.Namespace) -> int:
    from .corpus import status

    print(status_text(status(args.db)), end="")
    return 0


def status_text(st) -> str:
    formats = ", ".join(f"{n:,} {f}" for f, n in st.formats.items())
    lines = [f"{st.db}",
             f"works    {st.works:,} done" + (f" ({formats})" if formats else ""),
             f"         {st.words:,} words, {st.bytes / 1e6:,.1f} MB, {st.quotes:,} quotes",
             f"failed   {st.failed:,}"]
    run = st.last_run
    if run is None:
        lines.append("pending  - (no build yet)")
    else:
        started = run["started_at"].strftime("%Y-%m-%d %H:%M:%S")
        state = ("interrupted" if run["finished_at"] is None else "finished "
                 + run["finished_at"].strftime("%Y-%m-%d %H:%M:%S"))
        lines.append(f"pending  {st.pending:,} (last build: started {started} UTC, {state}; "
                     f"{run['sources']:,} stories, {run['analysed']:,} analysed, "
                     f"{run['failed']:,} failed, {run['skipped']:,} skipped)")
    if st.works:
        pace = f", {st.works_per_second:.1f} works/s in the last build" \
            if st.works_per_second else ""
        lines.append(f"time     {st.seconds_mean:.3f} s per work on average, median "
                     f"{st.seconds_median:.3f} s, longest {st.seconds_max:.3f} s; "
                     f"{_duration(st.seconds_total)} in all{pace}")
        lines += [f"         {seconds:.3f} s  {path}" for path, seconds in st.slowest]
    if st.failures:
        lines.append("failures" + ("" if st.failed <= len(st.failures) else
                                   f" (the first {len(st.failures)} of {st.failed:,})"))
        lines += [f"         {path}: {error}" for path, error in st.failures]
    return "\n".join(lines) + "\n"


# -- query --------------------------------------------------------------------

def run_query(args: argparse.Namespace) -> int:
    from .corpus.store import Store, stream

    with Store(args.db, read_only=True) as store:
        cursor = store.execute(args.sql)
        columns = [d[0] for d in cursor.description or []]
        if not columns:
            return 0
        if args.csv:
            import csv

            writer = csv.writer(sys.stdout, lineterminator="\n")
            writer.writerow(columns)
            writer.writerows([cell(v) for v in row] for row in stream(cursor))
        elif sys.stdout.isatty():
            _rich_table(columns, cursor.fetchall())
        else:
            print(plain_table(columns, cursor.fetchall()))
    return 0


def cell(value: Any) -> str:
    """A value as text, as in the CSV tables: lists joined by ``|``, spans (lists of
    ``[start, end]``) as ``start:end`` slices, booleans ``true``/``false``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "|".join(":".join(cell(x) for x in v) if isinstance(v, (list, tuple))
                        else cell(v) for v in value)
    if isinstance(value, datetime.datetime):
        return value.isoformat(" ")
    return str(value)


def _numeric(rows: list[tuple], i: int) -> bool:
    from decimal import Decimal

    values = [r[i] for r in rows if r[i] is not None]
    return bool(values) and all(isinstance(v, (int, float, Decimal)) and
                                not isinstance(v, bool) for v in values)


def plain_table(columns: list[str], rows: Iterable[tuple]) -> str:
    """Rows as aligned columns, numbers to the right."""
    rows = list(rows)
    text = [[cell(v) for v in row] for row in rows]
    widths = [max(len(r[i]) for r in [columns, *text]) for i in range(len(columns))]
    right = [_numeric(rows, i) for i in range(len(columns))]
    lines = ["  ".join(c.rjust(w) if r else c.ljust(w)
                       for c, w, r in zip(row, widths, right)).rstrip()
             for row in [columns, *text]]
    return "\n".join(lines)


def _rich_table(columns: list[str], rows: list[tuple]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(show_edge=False, header_style="bold")
    for i, name in enumerate(columns):
        table.add_column(Text(name), justify="right" if _numeric(rows, i) else "left")
    for row in rows:
        table.add_row(*[Text(cell(v)) for v in row])
    Console().print(table)


# -- export -------------------------------------------------------------------

def run_export(args: argparse.Namespace) -> int:
    from .corpus import export

    written = export(args.db, args.folder)
    if not args.quiet:
        print("wrote " + ", ".join(str(p) for p in written))
    return 0
