"""The storycast command, run in-process through storycast.cli.main, checked through the library."""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pytest

import storycast
from storycast import cli
from storycast.document import Document

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
SRC = Path(__file__).resolve().parents[1] / "src"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err


def assert_one_line_error(status: int, out: str, err: str, *words: str) -> None:
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("storycast: error: "), err
    assert "Traceback" not in err
    for word in words:
        assert word in err, err


# -- analyze ------------------------------------------------------------------

def test_the_command_keeps_blas_to_one_thread_unless_told_otherwise(capsys, monkeypatch):
    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    run(capsys, "analyze", "no-such-story.txt")
    assert cli.os.environ["OPENBLAS_NUM_THREADS"] == "1"
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "4")
    run(capsys, "analyze", "no-such-story.txt")
    assert cli.os.environ["OPENBLAS_NUM_THREADS"] == "4"


def test_analyze_prints_a_summary_with_the_cast(capsys, tiny_story):
    status, out, err = run(capsys, "analyze", tiny_story)
    assert status == 0 and err == ""
    assert out.startswith("The Lighthouse\n")
    assert "Martha" in out and "Tomas" in out
    assert "quotes    9," in out
    assert "Who speaks most (" in out
    header = next(line for line in out.splitlines() if line.startswith("name"))
    assert header.split() == ["name", "aliases", "gender", "narrator", "lines", "words"]


def test_cast_table_is_sorted_by_lines_spoken(capsys, tiny_story):
    _, out, _ = run(capsys, "analyze", tiny_story)
    lines = out.splitlines()
    rows = lines[lines.index(next(x for x in lines if x.startswith("name"))) + 1:]
    spoken = [int(row.split()[-2]) for row in rows]
    assert spoken == sorted(spoken, reverse=True)


def test_output_json_loads_back_with_the_same_quotes(capsys, tiny_story, tmp_path):
    out_path = tmp_path / "story.json"
    status, out, err = run(capsys, "analyze", tiny_story, "-o", out_path)
    assert status == 0 and err == ""
    assert out == f"wrote {out_path}\n"
    loaded = Document.from_json(out_path.read_text(encoding="utf-8"))
    direct = storycast.analyze(tiny_story)
    assert [(q.spans, q.speaker, q.addressees) for q in loaded.quotes] == \
           [(q.spans, q.speaker, q.addressees) for q in direct.quotes]
    assert [c.name for c in loaded.characters] == [c.name for c in direct.characters]


def test_two_outputs(capsys, tiny_story, tmp_path):
    a, b = tmp_path / "a.json", tmp_path / "b.JSON"
    status, out, _ = run(capsys, "analyze", tiny_story, "-o", a, "--output", b)
    assert status == 0
    assert out.splitlines() == [f"wrote {a}", f"wrote {b}"]
    assert a.read_text(encoding="utf-8") == b.read_text(encoding="utf-8")


def test_output_folder_gets_the_csv_tables(capsys, tiny_story, tmp_path):
    folder = f"{tmp_path}/tables/"
    status, out, err = run(capsys, "analyze", tiny_story, "-o", folder)
    assert status == 0 and err == ""
    names = ["quotes", "characters", "mentions", "interactions", "chapters"]
    assert out == "wrote " + ", ".join(str(tmp_path / "tables" / f"{n}.csv") for n in names) + "\n"
    rows = (tmp_path / "tables" / "quotes.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("id,start,end,spans,text,speaker,speaker_name,")
    assert len(rows) == 1 + len(storycast.analyze(tiny_story).quotes)


def test_every_format_at_once(capsys, tiny_story, tmp_path):
    targets = [tmp_path / f"story.{s}" for s in ("html", "gexf", "graphml", "fountain", "json")]
    status, out, err = run(capsys, "analyze", tiny_story, *[a for t in targets for a in ("-o", t)])
    assert status == 0 and err == ""
    assert out.splitlines() == [f"wrote {t}" for t in targets]
    script = targets[3].read_text(encoding="utf-8")
    assert script.startswith("Title: The Lighthouse\n") and "\nMARTHA\n" in script
    page = targets[0].read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and 'data-speaker="Tomas"' in page
    assert "<gexf" in targets[1].read_text(encoding="utf-8")


def test_parquet_without_pyarrow_fails_before_the_analysis(capsys, monkeypatch, tiny_story,
                                                           tmp_path):
    monkeypatch.setitem(sys.modules, "pyarrow", None)

    def never(*args, **kwargs):
        raise AssertionError("the analysis ran")

    monkeypatch.setattr("storycast.analysis.analyze", never)
    assert_one_line_error(*run(capsys, "analyze", tiny_story, "-o", tmp_path / "s.parquet"),
                          "s.parquet", "needs pyarrow", "storycast[parquet]")


def test_quiet_prints_nothing_for_outputs(capsys, tiny_story, tmp_path):
    status, out, err = run(capsys, "analyze", tiny_story, "-o", tmp_path / "a.json", "-q")
    assert (status, out, err) == (0, "", "")
    assert (tmp_path / "a.json").exists()


def test_unknown_suffix_fails_before_writing_anything(capsys, tiny_story, tmp_path):
    good, bad = tmp_path / "a.json", tmp_path / "a.xyz"
    assert_one_line_error(*run(capsys, "analyze", tiny_story, "-o", good, "-o", bad),
                          "a.xyz", "'.xyz'", ".json")
    assert not good.exists() and not bad.exists()


def test_unwritable_output(capsys, tiny_story, tmp_path):
    target = tmp_path / "no-such-folder" / "a.json"
    assert_one_line_error(*run(capsys, "analyze", tiny_story, "-o", target),
                          str(target), "cannot be written")


# -- bad input ----------------------------------------------------------------

@pytest.mark.parametrize("name, content, problem", [
    ("empty.txt", b"", "the file is empty"),
    ("blank.txt", b"  \n\n \t\n", "the file is empty"),
    ("image.png", PNG, "a PNG image, not a text file"),
    ("image.txt", PNG, "a PNG image, not a text file"),
    ("data.bin", bytes(range(256)) * 8, "not a text file"),
    ("book.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "PDF"),
])
def test_unreadable_story_files(capsys, tmp_path, name, content, problem):
    path = tmp_path / name
    path.write_bytes(content)
    assert_one_line_error(*run(capsys, "analyze", path), str(path), problem)


def test_missing_story(capsys, tmp_path):
    path = tmp_path / "nowhere.txt"
    assert_one_line_error(*run(capsys, "analyze", path), str(path), "no such file")


def test_directory_story(capsys, tmp_path):
    assert_one_line_error(*run(capsys, "analyze", tmp_path), str(tmp_path), "is a directory")


def test_utf16_story_is_read(capsys, tiny_story, tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_text(tiny_story.read_text(encoding="utf-8"), encoding="utf-16")
    status, out, err = run(capsys, "analyze", path)
    assert status == 0 and err == ""
    assert "Martha" in out and "Tomas" in out


@pytest.mark.parametrize("cast_text, problem", [
    ("Martha Reyes | | Martha\n", "line 1: an empty name"),
    ("# only a comment\n\n", "names no characters"),
])
def test_bad_cast_file(capsys, tiny_story, tmp_path, cast_text, problem):
    cast = tmp_path / "cast.txt"
    cast.write_text(cast_text, encoding="utf-8")
    assert_one_line_error(*run(capsys, "analyze", tiny_story, "--cast", cast), "cast.txt", problem)


def test_missing_cast_file(capsys, tiny_story, tmp_path):
    assert_one_line_error(*run(capsys, "analyze", tiny_story, "--cast", tmp_path / "no.txt"),
                          "no.txt", "no such cast file")


def test_cast_file_reaches_the_analysis(capsys, monkeypatch, tiny_story, tmp_path):
    cast = tmp_path / "cast.txt"
    cast.write_text("# the keepers\nMartha Reyes | Martha\nTomas Reyes | Tomas\n",
                    encoding="utf-8")
    from storycast import analysis

    real, seen = analysis.analyze, []

    def spy(*args, **kwargs):
        seen.append(real(*args, **kwargs))
        return seen[-1]

    monkeypatch.setattr(analysis, "analyze", spy)
    status, _, _ = run(capsys, "analyze", tiny_story, "--cast", cast)
    assert status == 0
    assert seen[0].cast == [["Martha Reyes", "Martha"], ["Tomas Reyes", "Tomas"]]


# -- story formats ------------------------------------------------------------

def test_an_ao3_download_gives_its_tags_as_the_cast(capsys, tmp_path):
    from ao3_fixture import ao3_html
    from lantern_work import lantern_work

    path = tmp_path / "lantern.html"
    path.write_text(ao3_html(lantern_work()), encoding="utf-8")
    out_path = tmp_path / "lantern.json"
    status, out, err = run(capsys, "analyze", path, "-o", out_path)
    assert (status, err) == (0, "")
    data = json.loads(out_path.read_text(encoding="utf-8"))
    assert data["source"]["format"] == "ao3-html"
    assert data["metadata"]["title"] == "The Lamplighter's Apprentice"
    assert [c["title"] for c in data["chapters"]] == [
        "Chapter 1: The Long Pole", "Chapter 2", "Chapter 3: Last Light"]
    assert {c["name"] for c in data["characters"]} == {"Tobias Fenn", "Mara Quill",
                                                       "Agnes Ashby", "Pip"}
    status, out, _ = run(capsys, "analyze", path, "--no-cast")
    rows = out.split("\nname", 1)[1].splitlines()[1:]
    assert status == 0 and {row.split()[0] for row in rows} == {"Tobias", "Mara", "Pip", "Agnes"}


def test_cast_and_no_cast_exclude_each_other(capsys, tiny_story, tmp_path):
    cast = tmp_path / "cast.txt"
    cast.write_text("Martha\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_:
        cli.main(["analyze", str(tiny_story), "--cast", str(cast), "--no-cast"])
    assert exit_.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err


def _truncated() -> bytes:
    from ao3_fixture import ao3_epub
    from lantern_work import lantern_work

    good = ao3_epub(lantern_work())
    return good[: len(good) // 2]


def _epub_with_opf(opf: str | bytes) -> bytes:
    from ao3_fixture import zip_epub
    from epub_fixture import container

    return zip_epub([("META-INF/container.xml", container("content.opf")), ("content.opf", opf)])


def _bomb() -> bytes:
    return _epub_with_opf(bytes(65 * 1024 * 1024))  # 65 MiB of zeros, 64 KB packed


def _laughs() -> bytes:
    from hostile import BILLION_LAUGHS

    return _epub_with_opf(BILLION_LAUGHS)


def _plain_zip() -> bytes:
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("notes.txt", "not a book")
    return out.getvalue()


@pytest.mark.parametrize("name, make, problem", [
    ("truncated.epub", _truncated, "a truncated or damaged EPUB"),
    ("bomb.epub", _bomb, "refused as a possible zip bomb"),
    ("laughs.epub", _laughs, "content.opf: XML with entity declarations refused"),
    ("laughs.html", lambda: b'<!DOCTYPE html [<!ENTITY a "aaaa">]><html><body><p>&a;</p>',
     "markup with entity declarations refused"),
    ("empty.html", lambda: b"<html><body><script>alert('no story')</script></body></html>",
     "no story text found in this HTML file"),
    ("archive.zip", _plain_zip, "a ZIP archive, not a story"),
])
def test_broken_and_hostile_books_give_one_line_and_status_2(capsys, tmp_path, name, make,
                                                              problem):
    path = tmp_path / name
    path.write_bytes(make())
    assert_one_line_error(*run(capsys, "analyze", path), str(path), problem)


# -- samples ------------------------------------------------------------------

def test_sample_resolves_to_the_packaged_story(capsys):
    status, out, err = run(capsys, "analyze", "sample:mad-tea-party")
    assert status == 0 and err == ""
    assert out.startswith("A Mad Tea-Party\n")
    for name in ("Alice", "Hatter", "Dormouse", "Hare"):
        assert name in out
    assert cli.story_path("sample:mad-tea-party") == storycast.sample_path()


def test_unknown_sample(capsys):
    assert_one_line_error(*run(capsys, "analyze", "sample:no-such-story"),
                          "sample:no-such-story", "mad-tea-party")


def test_sample_path_is_a_packaged_text_file():
    path = storycast.sample_path()
    assert path.is_file() and path.suffix == ".txt"
    assert "Twinkle, twinkle, little bat!" in path.read_text(encoding="utf-8")


# -- evaluate -----------------------------------------------------------------

def test_evaluate_rejects_a_folder_without_annotations(capsys, tmp_path):
    assert_one_line_error(*run(capsys, "evaluate", tmp_path), str(tmp_path),
                          "not a PDNC novel folder")


def test_evaluate_rejects_an_incomplete_novel_folder(capsys, tmp_path):
    (tmp_path / "quotation_info.csv").write_text("", encoding="utf-8")
    assert_one_line_error(*run(capsys, "evaluate", tmp_path), "novel_text.txt",
                          "character_info.csv")


def test_evaluate_prints_the_table(capsys, tmp_path, tiny_story):
    novel = tmp_path / "Lighthouse"
    novel.mkdir()
    text = tiny_story.read_text(encoding="utf-8")
    (novel / "novel_text.txt").write_text(text, encoding="utf-8")
    start = text.index("You're late")
    (novel / "quotation_info.csv").write_text(
        "quoteID,quoteText,subQuotationList,quoteByteSpans,speaker,addressees,quoteType,"
        "referringExpression\n"
        f"Q0,\"You're late,\",\"[\"\"You're late,\"\"]\",\"[[{start}, {start + 12}]]\","
        "Tomas,\"['Martha']\",Explicit,Tomas\n", encoding="utf-8")
    (novel / "character_info.csv").write_text(
        "Main Name,Aliases,Gender,Category\n"
        "Tomas,\"{'Tomas'}\",M,major\nMartha,\"{'Martha', 'Martha Reyes'}\",F,major\n",
        encoding="utf-8")
    status, out, err = run(capsys, "evaluate", tmp_path, "--cast")
    assert status == 0, err
    assert out.startswith("| novel | quotes |")
    assert "| Lighthouse | 1 |" in out
    assert "Lighthouse: speaker accuracy" in err


# -- errors and exit statuses -------------------------------------------------

def test_internal_error_is_one_line_and_a_hint(capsys, monkeypatch, tiny_story):
    def broken(*args, **kwargs):
        raise RuntimeError("something broke")

    monkeypatch.setattr("storycast.analysis.analyze", broken)
    status, out, err = run(capsys, "analyze", tiny_story)
    assert status == 1 and out == ""
    lines = err.splitlines()
    assert lines[0] == "storycast: internal error: RuntimeError: something broke"
    assert "--debug" in lines[1] and len(lines) == 2
    status, _, err = run(capsys, "--debug", "analyze", tiny_story)
    assert status == 1 and "Traceback" in err and "something broke" in err
    status, _, err = run(capsys, "analyze", tiny_story, "--debug")
    assert status == 1 and "Traceback" in err


def test_keyboard_interrupt_exits_130_quietly(capsys, monkeypatch, tiny_story):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("storycast.analysis.analyze", interrupted)
    assert run(capsys, "analyze", tiny_story) == (130, "", "")


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["analyze"])
    assert exit_.value.code == 2
    assert "STORY" in capsys.readouterr().err


# -- help and version ---------------------------------------------------------

def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_every_command_and_option_has_help():
    parser = cli.build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    helped = {choice.dest: choice.help for choice in action._get_subactions()}
    commands = _subparsers(parser)
    assert set(commands) == {"analyze", "evaluate", "train", "corpus"}
    for name, sub in [("storycast", parser), *commands.items()]:
        if name != "storycast":
            assert helped.get(name), f"command {name!r} has no help"
            assert sub.description, f"command {name!r} has no description"
        for act in sub._actions:
            if isinstance(act, argparse._SubParsersAction):
                continue
            label = "/".join(act.option_strings) or act.dest
            assert act.help and act.help != argparse.SUPPRESS, f"{name} {label} has no help"


@pytest.mark.parametrize("command", ["analyze", "evaluate"])
def test_command_help_runs(capsys, command):
    with pytest.raises(SystemExit) as exit_:
        cli.main([command, "--help"])
    assert exit_.value.code == 0
    assert f"usage: storycast {command}" in capsys.readouterr().out


def test_version_in_a_subprocess():
    env = {"PYTHONPATH": str(SRC), "PATH": ""}
    done = subprocess.run([sys.executable, "-m", "storycast", "--version"],
                          capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"storycast {storycast.__version__}"
