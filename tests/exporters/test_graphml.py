"""The .graphml exporter, read back by networkx."""
from __future__ import annotations

import pytest

from documents import IMG, SCRIPT, hostile_document, tagged_document
from storycast.exporters import export, exporter_for
from storycast.exporters.graphml import write_graphml

nx = pytest.importorskip("networkx")


def read(doc, tmp_path):
    return nx.read_graphml(export(doc, tmp_path / "story.graphml"))


def test_registered():
    assert exporter_for("x.graphml") is write_graphml


def test_seed_spike_speaks_to_harmony_often(apology, tmp_path):
    graph = read(apology, tmp_path)
    ids = {d["label"]: n for n, d in graph.nodes(data=True)}
    weights = [d["weight"] for a, b, d in graph.edges(data=True)
               if (a, b) == (ids["Spike"], ids["Harmony"]) and d["kind"] == "speaks_to"]
    assert weights and weights[0] >= 10


def test_crypt_nodes_and_edges(crypt, tmp_path):
    graph = read(crypt, tmp_path)
    assert isinstance(graph, nx.MultiDiGraph)
    assert graph.nodes["c2"] == {"label": "Buffy", "gender": "female", "quotes": 5, "words": 51,
                                 "mentions": 17, "narrator": False, "aliases": "Slayer",
                                 "relationships": ""}
    edges = sorted((a, b, d["kind"], d["weight"]) for a, b, d in graph.edges(data=True))
    assert edges == [("c1", "c2", "same_scene", 1), ("c1", "c2", "speaks_to", 7),
                     ("c2", "c1", "same_scene", 1), ("c2", "c1", "speaks_to", 5)]


def test_relationships(tmp_path):
    graph = read(tagged_document(), tmp_path)
    romantic = {(a, b) for a, b, d in graph.edges(data=True)
                if d.get("relationship") == "romantic"}
    assert romantic == {("c1", "c2"), ("c2", "c1")}
    assert graph.nodes["c2"]["relationships"] == "Buffy Summers/Spike"


def test_markup_is_escaped(tmp_path):
    graph = read(hostile_document(), tmp_path)
    assert [d["label"] for _, d in graph.nodes(data=True)] == [SCRIPT, IMG]
