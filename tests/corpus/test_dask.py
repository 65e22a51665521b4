"""A build on a Dask cluster: the same rows as on this machine."""
from __future__ import annotations

import pytest
from corpus_fixture import STORIES, write_corpus

from storycast.corpus import executors
from storycast.corpus.builder import build
from storycast.errors import StorycastError

pytest.importorskip("duckdb")
pytest.importorskip("distributed", reason="dask.distributed is not installed "
                                          "(pip install 'storycast[dask]')")

TABLES = ("works", "chapters", "characters", "quotes", "mentions", "interactions", "failures")
UNSTABLE = {"works": ("seconds", "analysed_at"), "failures": ("failed_at",)}


def rows(db, name: str) -> list[tuple]:
    import duckdb

    drop = UNSTABLE.get(name)
    columns = f"* EXCLUDE ({', '.join(drop)})" if drop else "*"
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(f"SELECT {columns} FROM {name} ORDER BY ALL").fetchall()


@pytest.fixture(scope="module")
def cluster():
    import logging

    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=":0", silence_logs=logging.ERROR) as cluster:
        yield cluster


def test_a_cluster_gives_the_rows_of_the_local_executor(corpus, built, cluster, tmp_path):
    local, reference = built
    db = tmp_path / "dask.duckdb"
    report = build([corpus.root], db, executor="dask", scheduler=cluster.scheduler_address)
    assert (report.sources, report.analysed, report.failed) == (STORIES + 7, STORIES + 2, 5)
    assert (report.analysed, report.failed) == (local.analysed, local.failed)
    for name in TABLES:
        assert rows(db, name) == rows(reference, name), name
    assert rows(db, "runs")[0][4:6] == ("dask", 1)


def test_without_a_scheduler_a_local_cluster_is_started(tmp_path):
    small = write_corpus(tmp_path / "stories", stories=5, archive=0, ao3=False, broken=False)
    report = build([small.root], tmp_path / "c.duckdb", executor="dask", workers=1)
    assert (report.analysed, report.failed, report.ok) == (5, 0, True)


def test_a_scheduler_out_of_reach_is_one_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr(executors, "CONNECT_TIMEOUT", "1s")
    small = write_corpus(tmp_path / "stories", stories=1, archive=0, ao3=False, broken=False)
    with pytest.raises(StorycastError, match="cannot reach the Dask scheduler tcp://127.0.0.1:9"):
        build([small.root], tmp_path / "c.duckdb", executor="dask",
              scheduler="tcp://127.0.0.1:9")


def test_without_dask_one_clear_line(monkeypatch, tmp_path):
    import sys

    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(StorycastError) as error:
        build([tmp_path], tmp_path / "c.duckdb", executor="dask")
    assert str(error.value) == ("--executor dask needs dask.distributed: "
                                "pip install 'storycast[dask]'")
