"""Build a corpus database: every story under the inputs analysed once, resumably.

A work is keyed by the SHA-256 of its bytes.  A build skips the works already in the
database, so running it again after a crash (or after adding stories) analyses only what is
missing; the same story under two paths is one work, under the first path seen.  A file
that cannot be read or analysed is recorded in ``failures`` with the reason, and the build
goes on.  A failure is not retried while the file at that path is unchanged (same hash):
reading the same bytes again gives the same error.  ``retry_failed=True`` retries every
recorded failure (after an upgrade of storycast, say); a failure whose file now reads is
removed from ``failures``.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from ..errors import StorycastError
from .executors import Task, executor as make_executor
from .progress import SILENT, Progress
from .sources import Source, check_inputs, count, sources
from .store import Batch, Store, check_location, require
from .work import WorkResult

LOOKUP = 64  # sources looked up in the database at once
BATCH_WORKS = 256  # works written in one transaction, at most ...
BATCH_SECONDS = 1.0  # ... or what was analysed in this many seconds
DONE = "done"  # the outcome of a work analysed (else its error)


@dataclass
class BuildReport:
    """What a build did."""

    db: str
    sources: int = 0  # files and archive members found
    analysed: int = 0
    failed: int = 0  # sources that failed in this build
    kept_failures: int = 0  # sources skipped: recorded as failures before, unchanged
    skipped: int = 0  # sources skipped: already in the database, or the same as another
    seconds: float = 0.0
    failures: list[tuple[str, str]] = field(default_factory=list)  # this build's, 100 at most

    @property
    def ok(self) -> bool:
        """True when every source is in the database: nothing failed, now or before."""
        return not self.failed and not self.kept_failures


def build(inputs: Sequence[str | Path], db: str | Path, *, workers: int = 1,
          executor: str = "local", scheduler: str | None = None, retry_failed: bool = False,
          progress: Progress = SILENT) -> BuildReport:
    """Analyse every story under ``inputs`` into the DuckDB database ``db`` (made if need
    be).  ``workers`` processes analyse on this machine; ``executor="dask"`` analyses on a
    Dask cluster at ``scheduler`` (or on a LocalCluster of ``workers`` processes)."""
    require()
    if not inputs:
        raise StorycastError("no inputs: name story files, folders or zip archives")
    if workers < 1:
        raise StorycastError(f"--workers {workers}: give 1 or more")
    inputs = check_inputs(inputs)
    check_location(db, create=True)
    runner = make_executor(executor, workers, scheduler)
    started = time.perf_counter()
    report = BuildReport(str(db), sources=count(inputs, exclude=[db]))
    if not report.sources:
        raise StorycastError(f"no story files in {', '.join(inputs)}")
    with Store(db, create=True) as store:
        run_id = store.start_run(inputs, runner.name, workers, report.sources)
        writer = _Writer(store, run_id, report, progress, retry_failed)
        progress.start(report.sources)
        try:
            with runner:
                for result in runner.run(writer.tasks(sources(inputs, exclude=[db]))):
                    writer.add(result)
            writer.flush()
            store.finish_run(run_id)
        except BaseException:
            writer.save()  # keep what was analysed: every finished work is whole
            raise
        finally:
            report.seconds = time.perf_counter() - started
            progress.stop()
    return report


def _chunks(items: Iterable[Source], size: int) -> Iterator[list[Source]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


class _Writer:
    """Decides what to analyse, and writes results in batches of whole works."""

    def __init__(self, store: Store, run_id: int, report: BuildReport, progress: Progress,
                 retry_failed: bool) -> None:
        self.store, self.run_id, self.report = store, run_id, report
        self.progress, self.retry_failed = progress, retry_failed
        self.batch = Batch()
        self.since = time.monotonic()
        # hash in flight or in the unwritten batch -> its outcome: None while in flight,
        # DONE, or the error it failed with
        self.pending: dict[str, str | None] = {}
        self.twins: dict[str, list[str]] = {}  # hash in flight -> other paths with it
        self.broken = False

    def tasks(self, found: Iterable[Source]) -> Iterator[Task]:
        for chunk in _chunks(found, LOOKUP):
            done = self.store.known([s.sha256 for s in chunk if s.sha256])
            kept = set() if self.retry_failed else self.store.failures_of(
                [(s.path, s.sha256) for s in chunk if s.sha256])
            for source in chunk:
                if source.sha256 and (source.path, source.sha256) in kept:
                    self.skip(source.path, "failed")
                elif source.error is not None:
                    self.fail(source.path, source.sha256, source.error)
                elif source.sha256 in done:
                    self.skip(source.path, "done")
                elif source.sha256 in self.pending:
                    self.twin(source)
                else:
                    self.pending[source.sha256] = None
                    yield source.path, source.data
            self.maybe_flush()

    def skip(self, path: str, reason: str) -> None:
        if reason == "failed":
            self.report.kept_failures += 1
        else:
            self.report.skipped += 1
        self.batch.skipped += 1
        self.progress.skipped(path, reason)

    def fail(self, path: str, sha256: str | None, error: str) -> None:
        self.batch.failures[path] = (sha256, error)
        self.report.failed += 1
        if len(self.report.failures) < 100:
            self.report.failures.append((path, error))
        self.progress.failed(path, error)

    def twin(self, source: Source) -> None:
        """A source with the same bytes as one in flight or just analysed: the same outcome."""
        outcome = self.pending[source.sha256]
        if outcome is None:
            self.twins.setdefault(source.sha256, []).append(source.path)
        elif outcome is DONE:
            self.skip(source.path, "done")
        else:
            self.fail(source.path, source.sha256, outcome)

    def add(self, result: WorkResult) -> None:
        self.pending[result.sha256] = DONE if result.ok else result.error
        twins = self.twins.pop(result.sha256, [])
        if result.ok:
            self.batch.works.append(result)
            self.report.analysed += 1
            self.progress.analysed(result.path, result.seconds)
            for path in twins:
                self.skip(path, "done")
        else:
            for path in [result.path, *twins]:
                self.fail(path, result.sha256, result.error)
        self.maybe_flush()

    def maybe_flush(self) -> None:
        full = len(self.batch) >= BATCH_WORKS
        if full or (not self.batch.empty() and time.monotonic() - self.since >= BATCH_SECONDS):
            self.flush()

    def flush(self) -> None:
        try:
            self.store.write(self.batch, self.run_id)
        except BaseException:
            self.broken = True
            raise
        for sha in [w.sha256 for w in self.batch.works]:
            self.pending.pop(sha, None)  # in the database now
        for sha, _ in self.batch.failures.values():
            self.pending.pop(sha, None)
        self.batch = Batch()
        self.since = time.monotonic()

    def save(self) -> None:
        """Write what the batch holds, when the database is not what failed."""
        if not self.broken:
            try:
                self.flush()
            except Exception:
                pass
