"""Executors: the same results in this process and in a pool; a bounded number in flight;
a process that dies costs one work, not the build."""
from __future__ import annotations

import pytest
from corpus_fixture import crash_on_purpose, story

from storycast.corpus.executors import Processes, Serial, executor
from storycast.errors import StorycastError


def tasks(n: int, start: int = 0):
    return [(f"s{i}.txt", story(i).encode()) for i in range(start, start + n)]


def rows(result) -> tuple:
    work = {k: v for k, v in result.work.items() if k not in ("seconds", "analysed_at")}
    return (result.path, sorted(work.items()),
            sorted((n, str(t.to_pydict())) for n, t in result.tables.items()))


def test_a_pool_gives_what_this_process_gives():
    work = tasks(12) + [("empty.txt", b"")]
    with Serial() as serial:
        alone = {r.path: r for r in serial.run(work)}
    with Processes(2) as pool:
        pooled = {r.path: r for r in pool.run(iter(work))}
    assert sorted(alone) == sorted(pooled) == sorted(p for p, _ in work)
    assert pooled["empty.txt"].error == alone["empty.txt"].error == "the file is empty"
    for path in sorted(alone):
        if alone[path].ok:
            assert rows(pooled[path]) == rows(alone[path])


def test_no_more_than_in_flight_works_are_taken_ahead():
    pulled = []

    def source():
        for task in tasks(20):
            pulled.append(task[0])
            yield task

    ahead = []
    with Processes(2, in_flight=3) as pool:
        for done, _ in enumerate(pool.run(source()), start=1):
            ahead.append(len(pulled) - done)
    assert len(ahead) == 20
    assert max(ahead) <= 2  # three in flight: the one just yielded and two more


def test_a_process_that_dies_costs_its_work_only():
    work = tasks(3) + [("crash.txt", story(99).encode())] + tasks(3, start=3)
    with Processes(2, function=crash_on_purpose) as pool:
        results = {r.path: r for r in pool.run(iter(work))}
    assert sorted(results) == sorted(p for p, _ in work)
    assert results["crash.txt"].error == "internal error: the process analysing it died"
    assert all(r.ok for p, r in results.items() if p != "crash.txt")


def test_the_executor_a_build_asks_for():
    assert isinstance(executor("local", 1), Serial)
    pool = executor("local", 3)
    assert isinstance(pool, Processes) and pool.workers == 3
    with pytest.raises(StorycastError, match="unknown executor 'spark'"):
        executor("spark")
    with pytest.raises(StorycastError, match="--scheduler is for --executor dask"):
        executor("local", 1, "tcp://host:8786")
