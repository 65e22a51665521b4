"""The corpus database: its tables, batches written whole or not at all, Parquet export."""
from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from corpus_fixture import story

from storycast.corpus.schema import EXPORTED, TABLES
from storycast.corpus.store import Batch, Store
from storycast.corpus.work import analyse_work
from storycast.errors import StorycastError

duckdb = pytest.importorskip("duckdb")
pq = pytest.importorskip("pyarrow.parquet")


@pytest.fixture
def db(tmp_path):
    return tmp_path / "corpus.duckdb"


@pytest.fixture(scope="module")
def results():
    return [analyse_work(f"s{i}.txt", story(i).encode()) for i in range(5)]


def counts(store: Store) -> dict[str, int]:
    return {t: store.rows(f"SELECT count(*) FROM {t}")[0][0] for t in TABLES}


def test_the_tables_and_their_columns(db):
    with Store(db, create=True) as store:
        assert sorted(store.tables()) == sorted(TABLES)
        got = {t: [r[0] for r in store.rows(f"DESCRIBE {t}")] for t in TABLES}
    assert got["works"] == [
        "work_id", "sha256", "path", "format", "encoding", "bytes", "title", "authors",
        "fandoms", "rating", "language", "words", "chapters", "characters", "quotes",
        "attributed", "cast_source", "metadata", "seconds", "analysed_at",
        "storycast_version"]
    assert got["characters"] == [
        "work_id", "id", "name", "aliases", "gender", "narrator", "mentions", "quotes",
        "words_spoken", "first_appearance", "first_chapter", "relationships"]
    assert got["quotes"] == [
        "work_id", "id", "start", "end", "spans", "text", "speaker", "speaker_name",
        "addressees", "addressee_names", "type", "confidence", "chapter"]
    assert got["mentions"] == ["work_id", "start", "end", "text", "kind", "character",
                               "character_name", "chapter"]
    assert got["interactions"] == ["work_id", "source", "target", "source_name",
                                   "target_name", "kind", "weight", "relationship"]
    assert got["chapters"] == ["work_id", "number", "title", "start", "end", "words",
                               "quotes", "attributed", "speakers"]
    assert got["failures"] == ["path", "sha256", "error", "failed_at", "storycast_version"]


def test_a_batch_is_written_whole(db, results):
    with Store(db, create=True) as store:
        store.write(Batch(works=results[:3], failures={"bad.txt": ("abc", "the file is empty")}))
        got = counts(store)
        assert got["works"] == 3 and got["failures"] == 1
        assert got["quotes"] == sum(r.tables["quotes"].num_rows for r in results[:3])
        assert got["mentions"] == sum(r.tables["mentions"].num_rows for r in results[:3])
        assert store.rows("SELECT w.path, count(q.id) FROM works w JOIN quotes q "
                          "USING (work_id) GROUP BY 1 ORDER BY 1") == \
            [(r.path, r.work["quotes"]) for r in results[:3]]
        row = store.rows("SELECT spans, addressees, narrator FROM quotes JOIN characters c "
                         "ON c.work_id = quotes.work_id AND c.id = quotes.speaker LIMIT 1")[0]
        assert isinstance(row[0], list) and isinstance(row[0][0], list)


def test_an_error_in_a_batch_writes_nothing(db, results, monkeypatch):
    with Store(db, create=True) as store:
        store.write(Batch(works=results[:1]))
        before = counts(store)
        real = store._insert

        def fail_on_mentions(name, table):
            if name == "mentions":
                raise RuntimeError("disk full")
            real(name, table)

        monkeypatch.setattr(store, "_insert", fail_on_mentions)
        with pytest.raises(RuntimeError, match="disk full"):
            store.write(Batch(works=results[1:4], failures={"x.txt": (None, "no")}))
        assert counts(store) == before


def test_what_is_known(db, results):
    with Store(db, create=True) as store:
        store.write(Batch(works=results[:2],
                          failures={"bad.txt": ("f" * 64, "the file is empty")}))
        shas = [r.sha256 for r in results]
        assert store.known(shas) == set(shas[:2])
        assert store.known([]) == set()
        assert store.failures_of([("bad.txt", "f" * 64), ("bad.txt", "e" * 64),
                                  ("other.txt", "f" * 64)]) == {("bad.txt", "f" * 64)}


def test_a_failure_that_now_reads_is_removed(db, results):
    first, second = results[0], results[1]
    with Store(db, create=True) as store:
        store.write(Batch(failures={first.path: ("0" * 64, "the file is empty"),
                                    "elsewhere.txt": (second.sha256, "internal error: x"),
                                    "still-bad.txt": ("1" * 64, "not a text file")}))
        store.write(Batch(works=[first, second]))
        assert store.rows("SELECT path FROM failures") == [("still-bad.txt",)]


def test_a_failure_recorded_again_replaces_the_first(db):
    with Store(db, create=True) as store:
        store.write(Batch(failures={"a.txt": ("0" * 64, "first")}))
        store.write(Batch(failures={"a.txt": ("1" * 64, "second")}))
        assert store.rows("SELECT path, sha256, error FROM failures") == \
            [("a.txt", "1" * 64, "second")]


def test_runs_count_what_each_build_did(db, results):
    with Store(db, create=True) as store:
        run = store.start_run(["stories/"], "local", 2, 10)
        store.write(Batch(works=results[:2], skipped=3), run)
        store.write(Batch(failures={"x": (None, "bad")}), run)
        assert store.rows("SELECT sources, analysed, failed, skipped, finished_at IS NULL "
                          "FROM runs") == [(10, 2, 1, 3, True)]
        store.finish_run(run)
        assert store.start_run(["more/"], "dask", 4, 1) == run + 1


def test_export_writes_a_parquet_file_per_table(db, results, tmp_path):
    with Store(db, create=True) as store:
        store.write(Batch(works=results, failures={"x.txt": (None, "bad")}))
        expected = {t: n for t, n in counts(store).items() if t in EXPORTED}
        written = store.export(tmp_path / "out")
    assert [p.name for p in written] == [f"{t}.parquet" for t in EXPORTED]
    for path in written:
        table = pq.read_table(path)
        assert table.num_rows == expected[path.stem]
        assert table.column_names == list(TABLES[path.stem])
    quotes = pq.read_table(tmp_path / "out" / "quotes.parquet").to_pylist()
    first = results[0].tables["quotes"].to_pylist()[0]
    assert quotes[0] == first


def test_reading_needs_a_corpus_database(tmp_path):
    with pytest.raises(StorycastError, match="no such database"):
        Store(tmp_path / "none.duckdb", read_only=True)
    other = tmp_path / "other.duckdb"
    duckdb.connect(str(other)).close()
    with pytest.raises(StorycastError, match="not a corpus database"):
        Store(other, read_only=True)
    text = tmp_path / "text.duckdb"
    text.write_text("not a database at all" * 100)
    with pytest.raises(StorycastError, match="text.duckdb"):
        Store(text, read_only=True)


def test_a_database_in_a_missing_folder(tmp_path):
    with pytest.raises(StorycastError, match="does not exist"):
        Store(tmp_path / "no" / "corpus.duckdb", create=True)


def test_a_database_in_use_by_another_process(db):
    Store(db, create=True).close()
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import duckdb, sys
        con = duckdb.connect({str(db)!r})
        print("open", flush=True)
        sys.stdin.read()
    """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "open\n"
        with pytest.raises(StorycastError, match="in use by another process"):
            Store(db, read_only=True)
    finally:
        holder.communicate("")


def test_without_duckdb_one_clear_line(monkeypatch, db):
    monkeypatch.setitem(sys.modules, "duckdb", None)
    with pytest.raises(StorycastError) as error:
        Store(db, create=True)
    assert str(error.value) == ("the corpus commands need duckdb and pyarrow: "
                                "pip install 'storycast[corpus]'")
