"""Building a corpus end to end: hundreds of stories with broken files among them, runs
again that skip what is done, and a build killed with SIGKILL at any moment, resumed."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time

import pytest
from corpus_fixture import STORIES, story, write_corpus

from storycast.corpus import builder
from storycast.corpus.builder import build
from storycast.errors import InputError, StorycastError

duckdb = pytest.importorskip("duckdb")

CHILD_TABLES = ("chapters", "characters", "quotes", "mentions", "interactions")
UNSTABLE = {"works": ("seconds", "analysed_at"), "failures": ("failed_at",), "runs": ()}


def table(db, name: str) -> list[tuple]:
    """Every row of a table, in a stable order, without the columns that vary by run."""
    drop = UNSTABLE.get(name, ())
    columns = f"* EXCLUDE ({', '.join(drop)})" if drop else "*"
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(f"SELECT {columns} FROM {name} ORDER BY ALL").fetchall()


def scalar(db, sql: str):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchone()[0]


def per_work(db, name: str) -> dict[str, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        return dict(con.execute(f"SELECT work_id, count(*) FROM {name} GROUP BY 1").fetchall())


def copy_db(db, folder):
    target = folder / db.name
    shutil.copy(db, target)
    return target


# -- one build ----------------------------------------------------------------------

def test_every_work_once_and_every_broken_file_with_its_reason(corpus, built):
    report, db = built
    assert (report.sources, report.analysed, report.failed, report.skipped,
            report.kept_failures) == (STORIES + 2 + 5, STORIES + 2, 5, 0, 0)
    assert not report.ok
    assert scalar(db, "SELECT count(*) FROM works") == STORIES + 2
    assert scalar(db, "SELECT count(DISTINCT work_id) FROM works") == STORIES + 2
    assert sorted(scalar(db, "SELECT list(path) FROM works")) == sorted(corpus.works)
    failures = {path: error for path, _, error, _ in table(db, "failures")}
    assert sorted(failures) == sorted(corpus.broken)
    for path, start in corpus.broken.items():
        assert failures[path].startswith(start), (path, failures[path])
    assert sorted(report.failures) == sorted(failures.items())


def test_each_work_has_its_rows_and_no_row_is_without_its_work(built):
    _, db = built
    for name, column in [("quotes", "quotes"), ("characters", "characters"),
                         ("chapters", "chapters")]:
        expected = dict(table_pairs(db, f"SELECT work_id, {column} FROM works WHERE {column} > 0"))
        assert per_work(db, name) == expected, name
    for name in CHILD_TABLES:
        assert scalar(db, f"SELECT count(*) FROM {name} WHERE work_id NOT IN "
                          "(SELECT work_id FROM works)") == 0
    # every quotation of the generated stories is found, and those of the AO3 works
    quotes = sum(story(i).count('"') // 2 for i in range(STORIES))
    assert scalar(db, "SELECT count(*) FROM quotes") == quotes + 14 + 10


def table_pairs(db, sql: str) -> list[tuple]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_the_works_of_every_format(built):
    _, db = built
    formats = dict(table_pairs(db, "SELECT format, count(*) FROM works GROUP BY 1"))
    assert formats == {"text": STORIES, "ao3-html": 1, "ao3-epub": 1}
    names = table_pairs(db, "SELECT c.name FROM characters c JOIN works w USING (work_id) "
                            "WHERE w.format = 'ao3-html' ORDER BY 1")
    assert [n for n, in names] == ["Agnes Ashby", "Mara Quill", "Pip", "Tobias Fenn"]
    assert scalar(db, "SELECT count(*) FROM works WHERE path LIKE '%bundle.zip!bundle/%'") == 20


def test_the_example_query(built):
    _, db = built
    rows = dict(table_pairs(db, "select name, sum(quotes) from characters group by 1"))
    assert set(rows) >= {"Mara", "Tobias", "Agnes", "Pip"}
    assert sum(rows.values()) == scalar(db, "SELECT sum(attributed) FROM works")


def test_a_second_run_skips_everything(corpus, built, tmp_path):
    _, reference = built
    db = copy_db(reference, tmp_path)
    report = build([corpus.root], db)
    assert (report.analysed, report.failed, report.skipped, report.kept_failures) == \
        (0, 0, STORIES + 2, 5)
    assert not report.ok
    for name in ("works", *CHILD_TABLES, "failures"):
        assert table(db, name) == table(reference, name), name
    assert table_pairs(db, "SELECT run_id, sources, analysed, failed, skipped, "
                           "finished_at IS NOT NULL FROM runs ORDER BY 1") == \
        [(1, STORIES + 7, STORIES + 2, 5, 0, True), (2, STORIES + 7, 0, 0, STORIES + 7, True)]


def test_retry_failed_tries_the_failures_again(corpus, built, tmp_path):
    _, reference = built
    db = copy_db(reference, tmp_path)
    report = build([corpus.root], db, retry_failed=True)
    assert (report.analysed, report.failed, report.skipped, report.kept_failures) == \
        (0, 5, STORIES + 2, 0)
    assert table(db, "failures") == table(reference, "failures")


# -- runs on a small corpus ---------------------------------------------------------

def test_a_file_that_reads_now_leaves_the_failures(tmp_path):
    small = write_corpus(tmp_path / "stories", stories=4, archive=0, ao3=False)
    db = tmp_path / "c.duckdb"
    first = build([small.root], db)
    assert (first.analysed, first.failed) == (4, 5)
    empty = small.root / "broken" / "empty.txt"
    empty.write_text(story(1000), encoding="utf-8")
    second = build([small.root], db)
    assert (second.analysed, second.failed, second.skipped, second.kept_failures) == \
        (1, 0, 4, 4)
    assert str(empty) not in [p for p, *_ in table(db, "failures")]
    assert scalar(db, f"SELECT title FROM works WHERE path = '{empty}'") == \
        "Story 1000 at The Harbour"


def test_a_changed_broken_file_is_tried_again(tmp_path):
    folder = tmp_path / "stories"
    folder.mkdir()
    bad = folder / "bad.txt"
    bad.write_bytes(b"")
    db = tmp_path / "c.duckdb"
    assert build([folder], db).failed == 1
    bad.write_bytes(b"\x00\x01\x02" * 100)
    report = build([folder], db)
    assert (report.failed, report.kept_failures) == (1, 0)
    assert [(p, e) for p, _, e, _ in table(db, "failures")] == \
        [(str(bad), "not a text file (binary data)")]


def test_the_same_story_at_several_paths_is_one_work(tmp_path):
    folder = tmp_path / "stories"
    (folder / "copy").mkdir(parents=True)
    for name in ("a.txt", "copy/a.txt", "copy/b.txt"):
        (folder / name).write_text(story(5), encoding="utf-8")
    (folder / "other.txt").write_text(story(6), encoding="utf-8")
    for name in ("empty-1.txt", "empty-2.txt"):
        (folder / name).write_bytes(b"")
    db = tmp_path / "c.duckdb"
    report = build([folder], db, workers=2)
    assert (report.analysed, report.skipped, report.failed) == (2, 2, 2)
    assert scalar(db, "SELECT count(*) FROM works") == 2
    assert sorted(p for p, *_ in table(db, "failures")) == \
        [str(folder / "empty-1.txt"), str(folder / "empty-2.txt")]


def test_stories_added_later_are_all_that_is_analysed(tmp_path):
    small = write_corpus(tmp_path / "stories", stories=6, archive=2, broken=False, ao3=False)
    db = tmp_path / "c.duckdb"
    assert build([small.root], db).ok
    (small.root / "new.txt").write_text(story(500), encoding="utf-8")
    report = build([small.root], db)
    assert (report.analysed, report.skipped, report.ok) == (1, 6, True)


def test_files_and_folders_together(tmp_path):
    small = write_corpus(tmp_path / "stories", stories=3, archive=0, broken=False, ao3=False)
    extra = tmp_path / "extra.txt"
    extra.write_text(story(77), encoding="utf-8")
    db = tmp_path / "c.duckdb"
    report = build([small.root, extra], db)
    assert (report.sources, report.analysed) == (4, 4)


def test_batches_commit_as_the_build_goes(tmp_path, monkeypatch):
    small = write_corpus(tmp_path / "stories", stories=10, archive=0, broken=False, ao3=False)
    monkeypatch.setattr(builder, "BATCH_WORKS", 3)
    db = tmp_path / "c.duckdb"
    from storycast.corpus import store

    sizes = []
    real = store.Store.write

    def spy(self, batch, run_id=None):
        sizes.append(len(batch.works))
        return real(self, batch, run_id)

    monkeypatch.setattr(store.Store, "write", spy)
    assert build([small.root], db).analysed == 10
    assert sizes == [3, 3, 3, 1]


def test_the_stories_are_read_as_they_are_needed(tmp_path, monkeypatch):
    """However large the corpus, a build holds a bounded number of stories at a time."""
    small = write_corpus(tmp_path / "stories", stories=200, archive=50, broken=False,
                         ao3=False)
    monkeypatch.setattr(builder, "BATCH_WORKS", 10)
    monkeypatch.setattr(builder, "LOOKUP", 16)
    read, written, held = [], [], []
    real_sources = builder.sources

    def counting(*args, **kwargs):
        for source in real_sources(*args, **kwargs):
            read.append(source.path)
            yield source

    from storycast.corpus import store

    real_write = store.Store.write

    def spy(self, batch, run_id=None):
        held.append(len(read) - sum(written))  # stories read and not yet written
        written.append(len(batch.works))
        return real_write(self, batch, run_id)

    monkeypatch.setattr(builder, "sources", counting)
    monkeypatch.setattr(store.Store, "write", spy)
    assert build([small.root], tmp_path / "c.duckdb").analysed == 200
    assert len(held) >= 20 and max(held) <= 16 + 10


def test_usage_errors(tmp_path):
    with pytest.raises(StorycastError, match="no inputs"):
        build([], tmp_path / "c.duckdb")
    with pytest.raises(InputError, match="no such file or folder"):
        build([tmp_path / "nowhere"], tmp_path / "c.duckdb")
    with pytest.raises(StorycastError, match="does not exist"):
        build([tmp_path], tmp_path / "no" / "c.duckdb")
    (tmp_path / "empty").mkdir()
    with pytest.raises(StorycastError, match="no story files in"):
        build([tmp_path / "empty"], tmp_path / "c.duckdb")
    with pytest.raises(StorycastError, match="--workers 0"):
        build([tmp_path], tmp_path / "c.duckdb", workers=0)


def test_the_database_is_not_one_of_the_stories(tmp_path):
    small = write_corpus(tmp_path / "stories", stories=3, archive=0, broken=False, ao3=False)
    db = small.root / "corpus.duckdb"
    assert build([small.root], db).analysed == 3
    report = build([small.root], db)
    assert (report.sources, report.analysed, report.failed) == (3, 0, 0)


# -- killed and resumed -------------------------------------------------------------

# The build of the killed-and-resumed tests, in small batches, so that even on a fast machine
# it commits many times before it ends and a kill can fall between any two of them.
SMALL_BATCHES = ("import sys; from storycast.corpus import builder; from storycast import cli; "
                 "builder.BATCH_WORKS, builder.BATCH_SECONDS = 16, 0.05; "
                 "sys.exit(cli.main(sys.argv[1:]))")


def start(root, db) -> subprocess.Popen:
    command = [sys.executable, "-c", SMALL_BATCHES, "corpus", "build", str(root), "--db", str(db),
               "--workers", "2"]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)


def wal_state(db) -> tuple:
    wal = db.with_name(db.name + ".wal")
    return (wal.stat().st_size, wal.stat().st_mtime_ns) if wal.exists() else None


def kill_after_a_commit(root, db, extra: float) -> bool:
    """Start a build and kill it ``extra`` seconds after it starts writing works (with no
    delay, the kill comes as the first transaction is being written); False if the build
    ended first."""
    proc = start(root, db)
    line = proc.stderr.readline()  # printed once the build has started
    assert line.endswith(" stories to go through\n"), line
    before = wal_state(db)
    while proc.poll() is None and wal_state(db) == before:
        time.sleep(0.001)
    time.sleep(extra)
    if proc.poll() is not None:
        return False
    kill(proc)
    return True


def kill(proc: subprocess.Popen) -> None:
    """SIGKILL the build process; its workers, left without it, must end by themselves."""
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 20
    try:
        while time.monotonic() < deadline:
            os.killpg(proc.pid, 0)  # anyone left in the build's process group?
            time.sleep(0.05)
        os.killpg(proc.pid, signal.SIGKILL)
        pytest.fail("the workers outlived the build killed")
    except ProcessLookupError:
        pass


def assert_whole(db, reference) -> int:
    """Every work in ``db`` has all its rows (as in the reference), and only once."""
    if not db.exists() or not scalar(db, "SELECT count(*) FROM duckdb_tables() "
                                         "WHERE table_name = 'runs'"):
        return 0  # killed before the database was made: the next build makes it
    works = scalar(db, "SELECT count(*) FROM works")
    assert scalar(db, "SELECT count(DISTINCT work_id) FROM works") == works
    done = set(scalar(db, "SELECT coalesce(list(work_id), []) FROM works"))
    for name in CHILD_TABLES:
        expected = {w: n for w, n in per_work(reference, name).items() if w in done}
        assert per_work(db, name) == expected, name
    return works


def test_killed_at_any_moment_and_resumed_every_work_is_there_once(corpus, built, tmp_path):
    _, reference = built
    total = STORIES + 2
    for attempt in range(3):  # a fresh database when the builds outran the kills
        db = tmp_path / f"corpus-{attempt}.duckdb"
        seen = [0]
        for extra in (0.0, 0.1, 0.3, 0.3, 0.6, 1.0):
            if not kill_after_a_commit(corpus.root, db, extra):
                break
            seen.append(assert_whole(db, reference))
            assert seen[-1] >= seen[-2], seen  # nothing committed is ever lost
            if seen[-1] == total or sum(0 < n < total for n in seen) == 2:
                break
        if sum(0 < n < total for n in seen) >= 2:
            break
    assert sum(0 < n < total for n in seen) >= 2, seen  # killed mid-run, more than once
    proc = start(corpus.root, db)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 1, err  # the broken files
    assert assert_whole(db, reference) == total
    for name in ("works", *CHILD_TABLES):
        assert table(db, name) == table(reference, name), name
    assert [row[:3] for row in table(db, "failures")] == \
        [row[:3] for row in table(reference, "failures")]
