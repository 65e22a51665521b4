"""Where works are analysed: in this process, in a pool of processes, or on a Dask cluster.

Each executor runs :func:`storycast.corpus.work.analyse_work` on ``(path, data)`` tasks and
yields the results as they come, in any order.  Tasks are pulled from an iterator only as
room frees up, so a bounded number of works is ever in flight whatever the corpus's size;
the caller writes each result and forgets it.  Every process is made ready once (modules
imported, the speaker model loaded) before its first work, not for each work.
"""
from __future__ import annotations

import hashlib
import multiprocessing
import os
import signal
import threading
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Iterable, Iterator

from ..errors import StorycastError
from .work import WorkResult, analyse_work, warm_up

Task = tuple[str, bytes]  # (path, data)
DASK_HINT = "--executor dask needs dask.distributed: pip install 'storycast[dask]'"
CONNECT_TIMEOUT = "30s"  # to reach a Dask scheduler


class Serial:
    """Every work in this process, one after another."""

    name = "local"
    workers = 1

    def __init__(self, function: Callable[[str, bytes], WorkResult] = analyse_work) -> None:
        self.function = function

    def __enter__(self) -> "Serial":
        return self

    def __exit__(self, *exc) -> None:
        return None

    def run(self, tasks: Iterable[Task]) -> Iterator[WorkResult]:
        for path, data in tasks:
            yield self.function(path, data)


def _start_worker() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    parent = multiprocessing.parent_process()
    if parent is not None:  # a build killed outright takes its workers with it
        threading.Thread(target=_exit_with, args=(parent.sentinel,), daemon=True).start()
    warm_up()


def _exit_with(sentinel: int) -> None:
    from multiprocessing.connection import wait as wait_for

    wait_for([sentinel])
    os._exit(1)


def died(task: Task) -> WorkResult:
    path, data = task
    return WorkResult(path, hashlib.sha256(data).hexdigest(), 0.0,
                      error="internal error: the process analysing it died")


class Processes:
    """Works analysed by ``workers`` processes on this machine.

    A process that dies (killed, out of memory) breaks the pool: the pool is started again
    and the works it held are run again one at a time, so that a work that kills its
    process again is known for certain, and recorded as a failure.
    """

    name = "local"

    def __init__(self, workers: int, in_flight: int | None = None,
                 function: Callable[[str, bytes], WorkResult] = analyse_work) -> None:
        self.workers = workers
        self.in_flight = in_flight or 4 * workers
        self.function = function
        self.pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> "Processes":
        self.pool = self._new_pool()
        return self

    def __exit__(self, *exc) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None

    def _new_pool(self) -> ProcessPoolExecutor:
        # spawn: workers start clean, not as copies of a parent holding a database open
        return ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_start_worker)

    def _restart(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.pool = self._new_pool()

    def run(self, tasks: Iterable[Task]) -> Iterator[WorkResult]:
        queue = iter(tasks)
        running: dict[Future, Task] = {}
        exhausted = False
        while True:
            while not exhausted and len(running) < self.in_flight:
                task = next(queue, None)
                if task is None:
                    exhausted = True
                else:
                    running[self.pool.submit(self.function, *task)] = task
            if not running:
                return
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            if any(isinstance(f.exception(), BrokenProcessPool) for f in done):
                wait(running)  # a broken pool fails every future it held
                done = set(running)
            lost = []
            for future in done:
                task = running.pop(future)
                if isinstance(future.exception(), BrokenProcessPool):
                    lost.append(task)
                else:
                    yield future.result()
            if lost:
                self._restart()
                for task in lost:
                    yield self._alone(task)

    def _alone(self, task: Task) -> WorkResult:
        """A work run with nothing else in flight: if its process dies, it killed it."""
        try:
            return self.pool.submit(self.function, *task).result()
        except BrokenProcessPool:
            self._restart()
            return died(task)


class Dask:
    """Works analysed on a Dask cluster: at ``scheduler``, or a LocalCluster started here."""

    name = "dask"

    def __init__(self, scheduler: str | None = None, workers: int = 1,
                 in_flight: int | None = None,
                 function: Callable[[str, bytes], WorkResult] = analyse_work) -> None:
        try:
            import distributed  # noqa: F401
        except ImportError:
            raise StorycastError(DASK_HINT) from None
        self.scheduler, self.workers = scheduler, workers
        self._in_flight = in_flight
        self.function = function
        self.cluster = self.client = None

    def __enter__(self) -> "Dask":
        import logging

        from distributed import Client, LocalCluster

        try:
            if self.scheduler:
                self.client = Client(self.scheduler, timeout=CONNECT_TIMEOUT)
            else:
                self.cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1,
                                            processes=True, dashboard_address=":0",
                                            silence_logs=logging.ERROR)
                self.client = Client(self.cluster)
        except OSError as exc:
            self.__exit__()
            raise StorycastError(f"cannot reach the Dask scheduler {self.scheduler}: "
                                 f"{exc}") from None
        self.client.run(warm_up)
        self.workers = sum(self.client.nthreads().values()) or 1
        return self

    def __exit__(self, *exc) -> None:
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()
        self.client = self.cluster = None

    def run(self, tasks: Iterable[Task]) -> Iterator[WorkResult]:
        from distributed import as_completed

        limit = self._in_flight or 4 * self.workers
        running = as_completed()
        held: dict[str, Task] = {}
        for task in tasks:
            future = self.client.submit(self.function, *task, pure=False)
            held[future.key] = task
            running.add(future)
            while running.count() >= limit:
                yield self._result(next(running), held)
        for future in running:
            yield self._result(future, held)

    @staticmethod
    def _result(future, held: dict[str, Task]) -> WorkResult:
        path, data = held.pop(future.key)
        try:
            return future.result()
        except Exception as exc:  # a worker lost, a task killed: the work is a failure
            return WorkResult(path, hashlib.sha256(data).hexdigest(), 0.0,
                              error=f"internal error: {exc.__class__.__name__}: {exc}")
        finally:
            future.release()


def executor(kind: str = "local", workers: int = 1, scheduler: str | None = None):
    """The executor a build asks for: ``local`` (``workers`` processes) or ``dask``."""
    if kind == "dask":
        return Dask(scheduler, workers)
    if kind != "local":
        raise StorycastError(f"unknown executor {kind!r}: choose local or dask")
    if scheduler:
        raise StorycastError("--scheduler is for --executor dask")
    return Serial() if workers == 1 else Processes(workers)
