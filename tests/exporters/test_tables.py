"""The CSV folder and the Parquet files: the same five tables, read back."""
from __future__ import annotations

import csv
import sys

import pytest

from documents import apology_speakers, tagged_document
from storycast.errors import ExportError
from storycast.exporters import FOLDER, export, export_files, exporter_for
from storycast.exporters.tables import COLUMNS, TABLES, parquet_paths, tables, write_csv_folder, \
    write_parquet


def read_csv(path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_folder_targets_pick_the_csv_tables(tmp_path):
    assert exporter_for(f"{tmp_path}/new-folder/") is write_csv_folder
    assert exporter_for(tmp_path) is write_csv_folder  # an existing folder
    assert exporter_for("out.parquet") is write_parquet


def test_seed_quotes_with_their_speakers(apology, tmp_path):
    export(apology, f"{tmp_path}/tables/")
    quotes = read_csv(tmp_path / "tables" / "quotes.csv")
    assert len(quotes) == 44
    assert [q["speaker_name"] for q in quotes] == apology_speakers()
    spoken = {(r["source_name"], r["target_name"]): int(r["weight"])
              for r in read_csv(tmp_path / "tables" / "interactions.csv")
              if r["kind"] == "speaks_to"}
    assert spoken[("Spike", "Harmony")] >= 10


def test_crypt_tables_exactly(crypt, tmp_path):
    written = export_files(crypt, f"{tmp_path}/crypt/")
    assert [p.name for p in written] == [f"{t}.csv" for t in TABLES]
    quotes = read_csv(tmp_path / "crypt" / "quotes.csv")
    assert list(quotes[0]) == list(COLUMNS["quotes"])
    # the confidence is the speaker model's, which a refit moves in its last digits
    assert float(quotes[0].pop("confidence")) >= 0.95
    assert quotes[0] == {
        "id": "q1", "start": "268", "end": "292", "spans": "268:292",
        "text": "You could knock, Slayer,", "speaker": "c1", "speaker_name": "Spike",
        "addressees": "c2", "addressee_names": "Buffy", "type": "explicit",
        "chapter": "1"}
    assert quotes[1]["spans"] == "308:332|347:442"  # a quote split by its tag
    assert quotes[1]["text"] == crypt.quotes[1].text(crypt.text)
    assert read_csv(tmp_path / "crypt" / "characters.csv") == [
        {"id": "c1", "name": "Spike", "aliases": "", "gender": "male", "narrator": "false",
         "mentions": "16", "lines": "7", "words": "48",
         "first_appearance": str(crypt.text.index("Spike")),
         "first_chapter": "1", "relationships": ""},
        {"id": "c2", "name": "Buffy", "aliases": "Slayer", "gender": "female",
         "narrator": "false", "mentions": "17", "lines": "5", "words": "51",
         "first_appearance": "0", "first_chapter": "1", "relationships": ""},
        {"id": "c3", "name": "William the Bloody", "aliases": "", "gender": "male",
         "narrator": "false", "mentions": "2", "lines": "0", "words": "0",
         "first_appearance": str(crypt.text.index("William")), "first_chapter": "1",
         "relationships": ""},
    ]
    assert read_csv(tmp_path / "crypt" / "interactions.csv") == [
        {"source": "c1", "target": "c2", "source_name": "Spike", "target_name": "Buffy",
         "kind": "speaks_to", "weight": "7", "relationship": ""},
        {"source": "c2", "target": "c1", "source_name": "Buffy", "target_name": "Spike",
         "kind": "speaks_to", "weight": "5", "relationship": ""},
        {"source": "c1", "target": "c2", "source_name": "Spike", "target_name": "Buffy",
         "kind": "same_scene", "weight": "1", "relationship": ""},
    ]
    assert read_csv(tmp_path / "crypt" / "chapters.csv") == [
        {"number": "1", "title": "", "start": "0", "end": str(crypt.chapters[0].end),
         "words": "282", "quotes": "12", "attributed": "12", "speakers": "2"}]
    mentions = read_csv(tmp_path / "crypt" / "mentions.csv")
    assert len(mentions) == len(crypt.mentions)
    first = crypt.mentions[0]
    assert mentions[0] == {"start": str(first.start), "end": str(first.end),
                           "text": crypt.text[first.start:first.end], "kind": first.kind,
                           "character": first.character or "",
                           "character_name": crypt.character(first.character).name
                           if first.character else "", "chapter": "1"}


def test_relationships_and_lists(tmp_path):
    doc = tagged_document()
    export(doc, f"{tmp_path}/t/")
    chars = {r["name"]: r for r in read_csv(tmp_path / "t" / "characters.csv")}
    assert chars["Buffy"]["aliases"] == "Slayer"
    assert chars["Buffy"]["relationships"] == \
        "Buffy Summers/Spike|Buffy Summers & Willow Rosenberg"
    rel = {(r["source_name"], r["target_name"], r["kind"]): r["relationship"]
           for r in read_csv(tmp_path / "t" / "interactions.csv")}
    assert rel[("Buffy", "Spike", "speaks_to")] == "romantic"
    assert rel[("Buffy", "Willow", "same_scene")] == "platonic"
    assert rel[("Spike", "Willow", "same_scene")] == ""


def test_parquet_holds_the_same_tables_typed(crypt, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    written = export_files(crypt, tmp_path / "crypt.parquet")
    assert written == [tmp_path / f"crypt.{t}.parquet" for t in TABLES]
    assert list(parquet_paths(tmp_path / "crypt.parquet").values()) == written
    data = tables(crypt)
    for name, path in zip(TABLES, written):
        table = pq.read_table(path)
        assert table.column_names == list(COLUMNS[name])
        assert table.to_pylist() == data[name]
    quotes = pq.read_table(written[0])
    assert str(quotes.schema.field("spans").type) == "list<element: list<element: int64>>"
    assert quotes.to_pylist()[1]["spans"] == [[308, 332], [347, 442]]
    assert str(quotes.schema.field("confidence").type) == "double"


def test_parquet_without_pyarrow_is_a_clear_error(monkeypatch, crypt, tmp_path):
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(ExportError, match=r"needs pyarrow: pip install 'storycast\[parquet\]'"):
        exporter_for(tmp_path / "x.parquet")
    with pytest.raises(ExportError, match="needs pyarrow"):
        write_parquet(crypt, tmp_path / "x.parquet")
    assert list(tmp_path.iterdir()) == []


def test_the_folder_key_is_not_a_suffix():
    from storycast.exporters import suffixes

    assert FOLDER not in suffixes()
    assert suffixes() == [".fountain", ".gexf", ".graphml", ".htm", ".html", ".json",
                          ".parquet"]
