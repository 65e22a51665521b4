"""Files, folders and zip archives into the stories of a corpus."""
from __future__ import annotations

import hashlib
import io
import zipfile

import pytest
from corpus_fixture import story, truncated_epub, zip_of

from storycast.corpus import sources as sources_module
from storycast.corpus.sources import check_inputs, count, files, sources
from storycast.errors import InputError
from storycast.readers.safety import ZipLimits


def write(path, data: bytes | str):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def test_walk_order_is_stable_and_every_file_is_found(tmp_path):
    names = ["b.txt", "a/z.txt", "a/b/c.txt", "c.html"]
    for name in names:
        write(tmp_path / name, story(0))
    found = list(files([tmp_path]))
    assert found == list(files([tmp_path]))
    assert sorted(found) == sorted(str(tmp_path / n) for n in names)
    # a folder's files, in name order, before its subfolders, also in name order
    assert found == [str(tmp_path / n) for n in ("b.txt", "c.html", "a/z.txt", "a/b/c.txt")]


def test_hidden_files_and_folders_are_skipped(tmp_path):
    write(tmp_path / "story.txt", story(0))
    write(tmp_path / ".DS_Store", b"\x00\x01")
    write(tmp_path / ".git" / "HEAD", "ref: refs/heads/main\n")
    write(tmp_path / "__MACOSX" / "._story.txt", b"\x00\x05")
    assert list(files([tmp_path])) == [str(tmp_path / "story.txt")]


def test_a_file_named_as_input_is_taken_as_it_is(tmp_path):
    path = write(tmp_path / ".hidden.txt", story(1))
    (found,) = sources([path])
    assert (found.path, found.data, found.error) == (str(path), story(1).encode(), None)
    assert found.sha256 == hashlib.sha256(story(1).encode()).hexdigest()


def test_excluded_paths_are_left_out(tmp_path):
    write(tmp_path / "story.txt", story(0))
    write(tmp_path / "corpus.duckdb", b"\x00" * 10)
    write(tmp_path / "corpus.duckdb.wal", b"\x00" * 10)
    assert list(files([tmp_path], exclude=[tmp_path / "corpus.duckdb"])) == \
        [str(tmp_path / "story.txt")]


def test_missing_inputs_are_named():
    with pytest.raises(InputError) as error:
        check_inputs(["/no/such/stories"])
    assert str(error.value) == "/no/such/stories: no such file or folder"


def test_a_zip_archive_is_a_collection_of_stories(tmp_path):
    archive = write(tmp_path / "stories.zip", zip_of({
        "one.txt": story(1).encode(), "deep/two.txt": story(2).encode(),
        "deep/": b"", ".hidden.txt": b"x", "__MACOSX/deep/._two.txt": b"\x00",
    }))
    found = list(sources([tmp_path]))
    assert [s.path for s in found] == [f"{archive}!one.txt", f"{archive}!deep/two.txt"]
    assert [s.data for s in found] == [story(1).encode(), story(2).encode()]
    assert all(s.error is None and s.sha256 == hashlib.sha256(s.data).hexdigest()
               for s in found)
    assert count([tmp_path]) == 2


def test_an_epub_is_a_story_not_an_archive(tmp_path):
    from ao3_fixture import ao3_epub
    from lantern_work import lantern_work

    book = ao3_epub(lantern_work())
    write(tmp_path / "book.epub", book)
    # an EPUB without its mimetype member first is still a book
    with zipfile.ZipFile(io.BytesIO(book)) as z:
        members = {n: z.read(n) for n in z.namelist() if n != "mimetype"}
    write(tmp_path / "no-mimetype.epub", zip_of(members))
    found = list(sources([tmp_path]))
    assert [s.path for s in found] == [str(tmp_path / "book.epub"),
                                       str(tmp_path / "no-mimetype.epub")]
    assert found[0].data == book and all(s.error is None for s in found)
    assert count([tmp_path]) == 2


def test_a_truncated_epub_is_a_story_for_the_reader_to_refuse(tmp_path):
    data = truncated_epub()
    write(tmp_path / "book.epub", data)
    (found,) = sources([tmp_path])
    assert (found.data, found.error) == (data, None)


def test_a_damaged_archive_is_one_failure_with_its_hash(tmp_path):
    good = zip_of({f"s{i}.txt": story(i).encode() for i in range(3)})
    data = good[: len(good) - 30]
    path = write(tmp_path / "stories.zip", data)
    (found,) = sources([tmp_path])
    assert found.path == str(path) and found.data is None
    assert found.sha256 == hashlib.sha256(data).hexdigest()
    assert found.error.startswith("a truncated or damaged ZIP archive: ")
    assert count([tmp_path]) == 1


def test_a_member_past_the_size_cap_is_a_failure_and_the_others_are_read(tmp_path,
                                                                          monkeypatch):
    monkeypatch.setattr(sources_module, "ARCHIVE_LIMITS", ZipLimits(member=2000))
    big = ("word " * 1000).encode()
    write(tmp_path / "stories.zip", zip_of({"a.txt": story(1).encode(), "big.txt": big,
                                             "c.txt": story(3).encode()}))
    found = list(sources([tmp_path]))
    assert [(s.path.rsplit("!", 1)[1], s.error is None) for s in found] == \
        [("a.txt", True), ("big.txt", False), ("c.txt", True)]
    assert found[1].error.startswith("refused as a possible zip bomb: big.txt declares")
    assert found[1].data is None and found[1].sha256 is None


def test_an_archive_is_read_from_disk_a_member_at_a_time(tmp_path, monkeypatch):
    write(tmp_path / "stories.zip", zip_of({f"s{i}.txt": story(i).encode() for i in range(3)}))
    given = []
    real = sources_module.SafeZip

    def spy(data, *args, **kwargs):
        given.append(data)
        return real(data, *args, **kwargs)

    monkeypatch.setattr(sources_module, "SafeZip", spy)
    it = sources([tmp_path])
    first = next(it)
    assert first.data == story(0).encode()
    assert len(given) == 1 and not isinstance(given[0], bytes)  # an open file, not its bytes
    assert [s.data for s in it] == [story(1).encode(), story(2).encode()]


def test_count_matches_the_sources(tmp_path):
    write(tmp_path / "a.txt", story(0))
    write(tmp_path / "empty.txt", b"")
    write(tmp_path / "x" / "b.zip", zip_of({"1.txt": story(1).encode(),
                                            "2.txt": story(2).encode()}))
    write(tmp_path / "x" / "broken.zip", b"PK\x03\x04 not really")
    assert count([tmp_path]) == len(list(sources([tmp_path]))) == 5


def test_an_unreadable_file_is_a_failure(tmp_path, monkeypatch):
    path = write(tmp_path / "locked.txt", story(0))
    real_open = open

    def refuse(file, *args, **kwargs):
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", refuse)
    (found,) = sources([tmp_path])
    assert (found.path, found.data, found.sha256, found.error) == \
        (str(path), None, None, "permission denied: the file cannot be read")
