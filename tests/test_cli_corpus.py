"""``storycast corpus``: build, status, query and export, run through storycast.cli.main."""
from __future__ import annotations

import argparse
import io
import subprocess
import sys
from pathlib import Path

import pytest
from corpus_fixture import story, write_corpus

from storycast import cli, cli_corpus
from storycast.corpus import query

pytest.importorskip("duckdb")
SRC = Path(__file__).resolve().parents[1] / "src"


def run(capsys, *argv) -> tuple[int, str, str]:
    status = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def assert_one_line_error(status: int, out: str, err: str, *words: str) -> None:
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("storycast: error: "), err
    for word in words:
        assert word in err, err


@pytest.fixture
def small(tmp_path):
    """Eight stories (two in a zip archive) and the five broken files."""
    return write_corpus(tmp_path / "stories", stories=8, archive=2, ao3=False)


@pytest.fixture
def good(tmp_path):
    return write_corpus(tmp_path / "good", stories=4, archive=0, ao3=False, broken=False)


@pytest.fixture
def db(tmp_path):
    return tmp_path / "corpus.duckdb"


# -- build --------------------------------------------------------------------------

def test_build_with_failures_exits_1_and_logs_them(capsys, small, db):
    status, out, err = run(capsys, "corpus", "build", small.root, "--db", db)
    assert status == 1
    assert out.startswith("8 works analysed, 5 failed in ") and out.endswith(f" -> {db}\n")
    lines = err.splitlines()
    assert lines[0].endswith(" 13 stories to go through")
    failed = sorted(line.split(" ", 1)[1] for line in lines[1:])  # without the time
    assert len(failed) == 5
    for line, (path, error) in zip(failed, sorted(small.broken.items())):
        assert line.startswith(f"failed: {path}: {error}"), line
    assert query(db, "select count(*) from works")[1] == [(8,)]


def test_build_of_good_stories_exits_0_and_again_skips_them(capsys, good, db):
    status, out, _ = run(capsys, "corpus", "build", good.root, "--db", db, "--workers", "2")
    assert status == 0 and out.startswith("4 works analysed, 0 failed in ")
    status, out, _ = run(capsys, "corpus", "build", good.root, "--db", db, "-q")
    assert status == 0
    assert out.startswith("0 works analysed, 0 failed, 4 already in the database in ")


def test_failures_kept_from_before_still_exit_1(capsys, small, db):
    run(capsys, "corpus", "build", small.root, "--db", db, "-q")
    status, out, err = run(capsys, "corpus", "build", small.root, "--db", db, "-q")
    assert (status, err) == (1, "")
    assert out.startswith("0 works analysed, 0 failed, 8 already in the database, "
                          "5 failed before (unchanged) in ")


def test_quiet_prints_the_summary_alone(capsys, good, db):
    status, out, err = run(capsys, "corpus", "build", good.root, "--db", db, "--quiet")
    assert (status, err) == (0, "")
    assert out.count("\n") == 1


@pytest.mark.parametrize("argv, words", [
    (["corpus", "build", "{root}", "--db", "{tmp}/no/such/folder/c.duckdb"], ["does not exist"]),
    (["corpus", "build", "{tmp}/nowhere", "--db", "{tmp}/c.duckdb"],
     ["nowhere: no such file or folder"]),
    (["corpus", "build", "{root}", "--db", "{tmp}/c.duckdb", "--workers", "0"], ["--workers 0"]),
    (["corpus", "build", "{root}", "--db", "{tmp}/c.duckdb", "--scheduler", "tcp://h:8786"],
     ["--scheduler is for --executor dask"]),
    (["corpus", "build", "{root}", "--db", "{tmp}"], ["a folder, not a database file"]),
    (["corpus", "status", "--db", "{tmp}/none.duckdb"], ["none.duckdb: no such database"]),
    (["corpus", "query", "--db", "{tmp}/none.duckdb", "select 1"], ["no such database"]),
    (["corpus", "export", "--db", "{tmp}/none.duckdb", "{tmp}/out"], ["no such database"]),
])
def test_usage_errors_are_one_line_and_exit_2(capsys, good, tmp_path, argv, words):
    argv = [a.format(root=good.root, tmp=tmp_path) for a in argv]
    assert_one_line_error(*run(capsys, *argv), *words)


def test_an_empty_folder_is_a_usage_error(capsys, tmp_path, db):
    (tmp_path / "empty").mkdir()
    assert_one_line_error(*run(capsys, "corpus", "build", tmp_path / "empty", "--db", db),
                          "no story files in")


@pytest.mark.parametrize("argv", [["corpus", "build", "--db", "c.duckdb"],
                                  ["corpus", "build", "stories/"], ["corpus"]])
def test_arguments_missing(capsys, argv):
    with pytest.raises(SystemExit) as exit_:
        cli.main(argv)
    assert exit_.value.code == 2


def test_without_duckdb_one_clear_line(capsys, monkeypatch, good, db):
    monkeypatch.setitem(sys.modules, "duckdb", None)
    for argv in (["corpus", "build", good.root, "--db", db], ["corpus", "status", "--db", db]):
        assert_one_line_error(*run(capsys, *argv), "pip install 'storycast[corpus]'")


# -- status, query, export ------------------------------------------------------------

def test_status(capsys, small, db):
    run(capsys, "corpus", "build", small.root, "--db", db, "-q")
    status, out, err = run(capsys, "corpus", "status", "--db", db)
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == str(db)
    assert lines[1] == "works    8 done (8 text)"
    assert lines[3] == "failed   5"
    assert lines[4].startswith("pending  0 (last build: started ")
    assert "13 stories, 8 analysed, 5 failed, 0 skipped)" in lines[4]
    assert lines[5].startswith("time     ") and " s per work on average, median " in lines[5]
    failures = lines[lines.index("failures") + 1:]
    assert [line.split(": ", 1)[0].strip() for line in failures] == sorted(small.broken)


def test_status_of_an_interrupted_build(capsys, good, db):
    from storycast.corpus.store import Batch, Store

    with Store(db, create=True) as store:
        run_id = store.start_run([str(good.root)], "local", 1, 10)
        store.write(Batch(skipped=3), run_id)
    status, out, _ = run(capsys, "corpus", "status", "--db", db)
    assert status == 0
    assert "pending  7 (last build: started " in out and ", interrupted; 10 stories" in out


def test_query_prints_a_table(capsys, good, db):
    run(capsys, "corpus", "build", good.root, "--db", db, "-q")
    status, out, err = run(capsys, "corpus", "query", "--db", db,
                           "select title, chapters, 1.5 as x, [1, 2] as l, null as n "
                           "from works order by title limit 2")
    assert (status, err) == (0, "")
    assert out == ("title                      chapters    x  l    n\n"
                   "Story 0000 at The Harbour         1  1.5  1|2\n"
                   "Story 0001 at The Bakery          1  1.5  1|2\n")


def test_the_example_query(capsys, good, db):
    run(capsys, "corpus", "build", good.root, "--db", db, "-q")
    status, out, _ = run(capsys, "corpus", "query", "--db", db,
                         "select name, sum(quotes) from characters group by 1 order by 1")
    assert status == 0
    assert out.splitlines()[0].split() == ["name", "sum(quotes)"]
    names = [line.split()[0] for line in out.splitlines()[1:]]
    assert names == sorted(names) and "Mara" in names


def test_query_as_csv(capsys, good, db):
    run(capsys, "corpus", "build", good.root, "--db", db, "-q")
    status, out, _ = run(capsys, "corpus", "query", "--db", db, "--csv",
                         "select q.id, spans, narrator from quotes q join characters c "
                         "on c.work_id = q.work_id and c.id = q.speaker "
                         "order by q.work_id, q.start limit 1")
    assert status == 0
    header, row = out.splitlines()
    assert header == "id,spans,narrator"
    quote_id, spans, narrator = row.split(",")
    assert quote_id.startswith("q") and ":" in spans and narrator == "false"


def test_a_bad_query_is_one_line(capsys, good, db):
    run(capsys, "corpus", "build", good.root, "--db", db, "-q")
    assert_one_line_error(*run(capsys, "corpus", "query", "--db", db, "select nothing from works"),
                          "query failed: Binder Error")
    assert_one_line_error(*run(capsys, "corpus", "query", "--db", db, "delete from works"),
                          "query failed:", "read-only")


def test_export(capsys, good, db, tmp_path):
    import pyarrow.parquet as pq

    run(capsys, "corpus", "build", good.root, "--db", db, "-q")
    out_dir = tmp_path / "out"
    status, out, _ = run(capsys, "corpus", "export", "--db", db, f"{out_dir}/")
    names = ["works", "chapters", "characters", "quotes", "mentions", "interactions",
             "failures"]
    assert status == 0
    assert out == "wrote " + ", ".join(f"{out_dir}/{n}.parquet" for n in names) + "\n"
    assert pq.read_table(out_dir / "works.parquet").num_rows == 4
    assert pq.read_table(out_dir / "quotes.parquet").num_rows == \
        query(db, "select count(*) from quotes")[1][0][0]


# -- progress -------------------------------------------------------------------------

def test_log_lines_say_where_the_build_stands(monkeypatch):
    monkeypatch.setattr(cli_corpus, "LOG_EVERY", 0.0)
    out = io.StringIO()
    log = cli_corpus._Log(out)
    log.start(4)
    log.skipped("a.txt", "done")
    log.analysed("b.txt", 0.1)
    log.failed("c.txt", "the file is empty")
    lines = [line.split(" ", 1)[1] for line in out.getvalue().splitlines()]
    assert lines[0] == "4 stories to go through"
    assert lines[1].startswith("1/3 works (0 failed), ") and lines[1].endswith(" left")
    assert lines[2] == "failed: c.txt: the file is empty"
    assert lines[3].startswith("2/3 works (1 failed), ")


def test_the_bar_draws_without_error(monkeypatch):
    bar = cli_corpus._Bar()
    bar.console.file = io.StringIO()
    bar.start(3)
    bar.skipped("a.txt", "done")
    bar.analysed("b.txt", 0.1)
    bar.failed("c.txt", "the file [is] empty")
    task = bar.bar.tasks[0]
    assert (task.total, task.completed) == (2, 2)
    assert task.fields["rate"].endswith(" works/s")
    bar.stop()
    assert "failed: c.txt: the file [is] empty" in bar.console.file.getvalue()


@pytest.mark.parametrize("value, text", [
    (None, ""), (True, "true"), ([[1, 5], [9, 12]], "1:5|9:12"), (["a", "b"], "a|b"),
    ([1, 2], "1|2"), (0.5, "0.5"),
])
def test_cells(value, text):
    assert cli_corpus.cell(value) == text


# -- help and start-up ------------------------------------------------------------------

def test_every_corpus_command_has_help():
    parser = cli.build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    corpus = commands.choices["corpus"]
    sub = next(a for a in corpus._actions if isinstance(a, argparse._SubParsersAction))
    helped = {c.dest: c.help for c in sub._get_subactions()}
    assert set(sub.choices) == {"build", "status", "query", "export"}
    for name, parser in sub.choices.items():
        assert helped[name] and parser.description, name
        for act in parser._actions:
            assert act.help and act.help != argparse.SUPPRESS, (name, act.dest)


@pytest.mark.parametrize("command", ["build", "status", "query", "export"])
def test_help_runs(capsys, command):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["corpus", command, "--help"])
    assert exit_.value.code == 0
    assert f"usage: storycast corpus {command}" in capsys.readouterr().out


def test_analyze_imports_nothing_of_the_corpus(tmp_path):
    out = str(tmp_path / "x.json")
    script = (
        "import sys\n"
        "from storycast import cli\n"
        f"status = cli.main(['analyze', 'sample:mad-tea-party', '-q', '-o', {out!r}])\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('duckdb', 'pyarrow', 'dask', 'distributed') or m.startswith('storycast.corpus'))\n"
        "print(status, heavy)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=tmp_path, env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"})
    assert done.stdout == "0 []\n", done.stderr


def test_a_story_written_in_the_corpus_folder_later(capsys, good, db):
    run(capsys, "corpus", "build", good.root, "--db", db, "-q")
    (good.root / "late.txt").write_text(story(900), encoding="utf-8")
    status, out, _ = run(capsys, "corpus", "build", good.root, "--db", db, "-q")
    assert status == 0 and out.startswith("1 work analysed, 0 failed, 4 already in the database")
