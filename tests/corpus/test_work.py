"""The analysis of one work: the same rows as ``storycast analyze``, or the reason it failed."""
from __future__ import annotations

import hashlib
import json
import pickle

import pytest
from corpus_fixture import BROKEN, UNDECODABLE, ao3_files, story, truncated_epub

import storycast
from storycast import __version__
from storycast.corpus.schema import TABLES, WORK_TABLES
from storycast.corpus.work import WorkResult, analyse_work
from storycast.exporters.tables import tables


def columns(result: WorkResult, name: str) -> dict[str, list]:
    return result.tables[name].to_pydict()


def test_a_story_gives_the_rows_of_its_tables(tmp_path):
    data = story(7).encode()
    path = tmp_path / "story.txt"
    path.write_bytes(data)
    result = analyse_work(str(path), data)
    sha = hashlib.sha256(data).hexdigest()
    assert result.ok and result.error is None and result.sha256 == sha
    expected = tables(storycast.analyze(path))
    for name in WORK_TABLES:
        got = result.tables[name].to_pylist()
        assert [set(row) for row in got] == [set(TABLES[name])] * len(got)
        assert all(row.pop("work_id") == sha for row in got)
        want = expected[name]
        if name == "characters":
            want = [{("quotes" if k == "lines" else "words_spoken" if k == "words" else k): v
                     for k, v in row.items()} for row in want]
        assert got == want, name
    assert columns(result, "quotes")["speaker_name"][:4] == ["Ezra", "Hester", "Ezra", "Hester"]


def test_the_works_row():
    data = story(3).encode()
    result = analyse_work("shelf/story-0003.txt", data)
    work = dict(result.work)
    analysed_at, seconds = work.pop("analysed_at"), work.pop("seconds")
    assert seconds == pytest.approx(result.seconds, abs=1e-5) and seconds > 0
    assert analysed_at.tzinfo is None
    sha = hashlib.sha256(data).hexdigest()
    assert work == {
        "work_id": sha, "sha256": sha, "path": "shelf/story-0003.txt", "format": "text",
        "encoding": "utf-8", "bytes": len(data), "title": "Story 0003 at The Mill",
        "authors": None, "fandoms": None, "rating": None, "language": None,
        "words": len(story(3).split()), "chapters": 1,
        "characters": result.tables["characters"].num_rows,
        "quotes": result.tables["quotes"].num_rows,
        "attributed": sum(s is not None for s in columns(result, "quotes")["speaker"]),
        "cast_source": None, "metadata": json.dumps({"title": "Story 0003 at The Mill"}),
        "storycast_version": __version__,
    }
    assert set(result.work) == set(TABLES["works"])


def test_an_ao3_work_keeps_its_metadata_and_its_tags_as_the_cast():
    data = ao3_files()["lantern.html"]
    result = analyse_work("lantern.html", data)
    assert result.ok
    work = result.work
    assert (work["format"], work["title"], work["authors"], work["fandoms"], work["rating"],
            work["language"], work["chapters"], work["cast_source"]) == (
        "ao3-html", "The Lamplighter's Apprentice", ["Anonymous"],
        ["Lantern Street (Original Work)"], "General Audiences", "English", 3, "tags")
    assert json.loads(work["metadata"])["relationships"][0] == "Tobias Fenn/Agnes Ashby"
    assert set(columns(result, "characters")["name"]) == {"Tobias Fenn", "Mara Quill",
                                                          "Agnes Ashby", "Pip"}


def test_an_ao3_epub_is_read_from_memory():
    result = analyse_work("archive.zip!second-lantern.epub", ao3_files()["second-lantern.epub"])
    assert result.ok
    assert (result.work["format"], result.work["title"], result.work["chapters"]) == \
        ("ao3-epub", "The Second Lantern", 2)


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_broken_file_gives_its_reason(name):
    data, error = BROKEN[name]
    data = truncated_epub() if data is None else data
    result = analyse_work(name, data)
    assert not result.ok and result.work is None and result.tables == {}
    assert result.error.startswith(error), result.error
    assert result.sha256 == hashlib.sha256(data).hexdigest()


def test_the_reasons_in_full():
    assert analyse_work("e.txt", b"").error == "the file is empty"
    assert analyse_work("u.txt", UNDECODABLE).error == \
        "not valid UTF-16-LE text despite its byte-order mark"
    assert analyse_work("t.epub", truncated_epub()).error == (
        "a truncated or damaged EPUB: its zip directory is missing or unreadable "
        "(File is not a zip file)")
    assert analyse_work("a.zip", b"PK\x05\x06" + bytes(18)).error == \
        "a ZIP archive, not a story (neither text nor an EPUB book)"


def test_a_bug_met_on_one_work_is_its_failure(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("something broke")

    monkeypatch.setattr("storycast.analysis.analyze", broken)
    result = analyse_work("s.txt", story(1).encode())
    assert result.error == "internal error: RuntimeError: something broke"


def test_a_result_pickles_whole():
    result = analyse_work("s.txt", story(2).encode())
    back = pickle.loads(pickle.dumps(result))
    assert back.work == result.work
    assert {n: t.to_pydict() for n, t in back.tables.items()} == \
        {n: t.to_pydict() for n, t in result.tables.items()}
