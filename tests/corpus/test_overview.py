"""The status of a corpus database: works, failures, what is pending, time per work."""
from __future__ import annotations

import pytest
from corpus_fixture import STORIES

from storycast.corpus import status
from storycast.corpus.store import Batch, Store

pytest.importorskip("duckdb")


def test_the_status_of_a_finished_build(built):
    report, db = built
    st = status(db)
    assert (st.works, st.failed, st.pending, st.interrupted) == (STORIES + 2, 5, 0, False)
    assert st.formats == {"text": STORIES, "ao3-epub": 1, "ao3-html": 1}
    assert st.seconds_total > 0 and st.seconds_median <= st.seconds_max
    assert st.seconds_mean == pytest.approx(st.seconds_total / st.works)
    assert len(st.slowest) == 3 and st.slowest[0][1] == st.seconds_max
    assert [path for path, _ in st.failures] == sorted(p for p, _ in report.failures)
    assert st.works_per_second > 0
    assert st.last_run["analysed"] == STORIES + 2 and st.last_run["sources"] == STORIES + 7


def test_the_status_of_an_interrupted_build(tmp_path):
    db = tmp_path / "c.duckdb"
    with Store(db, create=True) as store:
        run = store.start_run(["stories/"], "local", 2, 50)
        store.write(Batch(skipped=5, failures={"a.txt": (None, "bad")}), run)
    st = status(db)
    assert (st.works, st.failed, st.pending, st.interrupted) == (0, 1, 44, True)
    assert st.works_per_second is None and st.seconds_mean is None


def test_the_status_of_a_database_never_built(tmp_path):
    db = tmp_path / "c.duckdb"
    Store(db, create=True).close()
    st = status(db)
    assert (st.works, st.failed, st.pending, st.last_run) == (0, 0, None, None)
