"""The seed story and a whole novel, written in every format, each read back."""
from __future__ import annotations

import csv
import json

import pytest

from documents import apology_speakers
from storycast.document import Document
from storycast.exporters import export_files
from readback import Page, blocks

FORMATS = ("story.json", "story.html", "story.gexf", "story.graphml", "story.fountain",
           "story.parquet", "tables/")


def write_all(doc, folder) -> dict[str, list]:
    return {target: export_files(doc, f"{folder}/{target}") for target in FORMATS}


def check(doc: Document, folder, written) -> None:
    names = {c.id: c.name for c in doc.characters}
    speakers = [names.get(q.speaker, "") for q in doc.quotes]
    # JSON: the document itself
    again = Document.from_json(written["story.json"][0].read_text(encoding="utf-8"))
    assert [q.speaker for q in again.quotes] == [q.speaker for q in doc.quotes]
    # HTML: every quote, with its speaker
    page = Page(written["story.html"][0].read_text(encoding="utf-8"))
    assert [q["data-speaker"] for q in page.quotes] == speakers
    # Fountain: a dialogue block per quote, under the speaker's cue
    script = written["story.fountain"][0].read_text(encoding="utf-8")
    cues = [c.removesuffix(" (CONT'D)") for c, _ in blocks(script)]
    assert len(cues) == len(doc.quotes)
    assert cues == [n.upper() if n else "UNKNOWN" for n in speakers]
    # CSV
    with (folder / "tables" / "quotes.csv").open(encoding="utf-8", newline="") as f:
        assert [r["speaker_name"] for r in csv.DictReader(f)] == speakers
    # networks
    nx = pytest.importorskip("networkx")
    for target in ("story.gexf", "story.graphml"):
        graph = (nx.read_gexf if target.endswith("gexf") else nx.read_graphml)(
            written[target][0])
        assert {d["label"] for _, d in graph.nodes(data=True)} == set(names.values())
        spoken = sum(d["weight"] for _, _, d in graph.edges(data=True)
                     if d["kind"] == "speaks_to")
        assert spoken == sum(1 for q in doc.quotes if q.speaker for a in q.addressees
                             if a in names and a != q.speaker)
    # Parquet
    pq = pytest.importorskip("pyarrow.parquet")
    table = pq.read_table(folder / "story.quotes.parquet")
    assert table.column("speaker_name").to_pylist() == [s or None for s in speakers]


def test_the_seed_story_in_every_format(apology, tmp_path):
    written = write_all(apology, tmp_path)
    assert [q.speaker and apology.character(q.speaker).name for q in apology.quotes] == \
        apology_speakers()
    check(apology, tmp_path, written)


def test_a_whole_novel_in_every_format(pride, tmp_path):
    written = write_all(pride, tmp_path)
    check(pride, tmp_path, written)
    assert json.loads(written["story.json"][0].read_text(encoding="utf-8"))["schema"] == \
        "storycast/1"
