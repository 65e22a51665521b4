"""The exporter registry: suffixes, the built-in .json exporter, errors, plug-ins."""
from __future__ import annotations

import json

import pytest

from storycast import exporters
from storycast.document import Document
from storycast.errors import ExportError, StorycastError
from storycast.exporters import export, exporter_for, register, suffixes
from storycast.exporters.jsonfile import write_json
from storycast.spans import Character, Quote


def small_doc() -> Document:
    text = '"Hello, Zoë," said Ann.'
    doc = Document(text=text, source={"path": "<test>"}, metadata={"title": "Hi"})
    doc.layers["characters"] = [Character("c1", "Ann", ["Ann"], "female", quotes=1)]
    doc.layers["quotes"] = [Quote("q1", [(1, 13)], speaker="c1", type="explicit",
                                  confidence=0.9)]
    return doc


@pytest.fixture
def registry(monkeypatch):
    """A private copy of the registry, so plug-ins registered by a test do not leak."""
    exporters.suffixes()  # load the built-ins into the real registry first
    monkeypatch.setattr(exporters, "_EXPORTERS", dict(exporters._EXPORTERS))
    return exporters._EXPORTERS


def test_every_builtin_format_is_registered():
    assert suffixes() == [".fountain", ".gexf", ".graphml", ".htm", ".html", ".json", ".parquet"]


def test_a_folder_target(tmp_path, registry):
    def write_folder(doc, path):
        path.mkdir()
        (path / "a.txt").write_text("a", encoding="utf-8")
        return [path / "a.txt"]

    register(exporters.FOLDER, write_folder)
    assert exporters.is_folder_target("out/") and exporters.is_folder_target(tmp_path)
    assert not exporters.is_folder_target(tmp_path / "out.json")
    assert exporter_for(f"{tmp_path}/out/") is write_folder
    assert exporters.export_files(small_doc(), f"{tmp_path}/out/") == [tmp_path / "out" / "a.txt"]
    assert export(small_doc(), f"{tmp_path}/other/") == tmp_path / "other"


def test_an_exporter_needing_a_missing_module(registry):
    def write_fancy(doc, path):
        raise AssertionError("never called")

    write_fancy.requires = ("no_such_module_anywhere",)
    write_fancy.requires_hint = "needs no_such_module_anywhere: pip install it"
    register(".fancy", write_fancy)
    with pytest.raises(ExportError, match=r"^x\.fancy: needs no_such_module_anywhere"):
        exporter_for("x.fancy")


def test_export_files_names_the_one_file_of_a_single_file_format(tmp_path):
    assert exporters.export_files(small_doc(), tmp_path / "a.json") == [tmp_path / "a.json"]


def test_json_is_registered():
    assert ".json" in suffixes()
    assert exporter_for("out.json") is write_json
    assert exporter_for("OUT.JSON") is write_json


def test_export_writes_utf8_json_that_loads_back(tmp_path):
    doc = small_doc()
    path = export(doc, tmp_path / "out.json")
    assert path == tmp_path / "out.json"
    raw = path.read_bytes()
    assert "Zoë".encode("utf-8") in raw  # UTF-8, not \u escapes
    assert raw.decode("utf-8") == doc.to_json(indent=2) + "\n"
    assert json.loads(raw)["schema"] == "storycast/1"
    assert Document.from_json(raw.decode("utf-8")).to_dict() == doc.to_dict()


def test_export_accepts_a_string_path(tmp_path):
    export(small_doc(), str(tmp_path / "out.json"))
    assert (tmp_path / "out.json").exists()


def test_unknown_suffix_names_it_and_the_known_ones(tmp_path):
    with pytest.raises(ExportError) as err:
        export(small_doc(), tmp_path / "out.xyz")
    message = str(err.value)
    assert "'.xyz'" in message and ".json" in message and "out.xyz" in message
    assert ".html" in message and "a folder (a path ending in /)" in message
    assert isinstance(err.value, StorycastError)
    assert not (tmp_path / "out.xyz").exists()


def test_no_suffix_is_an_error():
    with pytest.raises(ExportError, match="no file suffix.*\\.json"):
        exporter_for("output")


def test_write_error_is_the_oserror(tmp_path):
    with pytest.raises(OSError):
        export(small_doc(), tmp_path / "no-such-folder" / "out.json")


def test_register_a_plugin(registry, tmp_path):
    def write_titles(doc, path):
        path.write_text(doc.metadata["title"], encoding="utf-8")

    register("TXT", write_titles)  # with or without the dot, any case
    assert ".txt" in suffixes()
    export(small_doc(), tmp_path / "title.txt")
    assert (tmp_path / "title.txt").read_text(encoding="utf-8") == "Hi"


def test_register_as_decorator_overrides_a_builtin(registry, tmp_path):
    @register(".json")
    def write_nothing(doc, path):
        path.write_text("{}", encoding="utf-8")

    assert exporter_for("x.json") is write_nothing
    export(small_doc(), tmp_path / "x.json")
    assert (tmp_path / "x.json").read_text(encoding="utf-8") == "{}"


def test_registry_fixture_restores_the_builtin():
    assert exporter_for("x.json") is write_json
    assert ".txt" not in suffixes()


@pytest.mark.parametrize("bad", ["", ".", "  "])
def test_register_rejects_an_empty_suffix(bad):
    with pytest.raises(ValueError):
        register(bad, write_json)
