"""The .gexf exporter, read back by networkx and by an XML parser."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from documents import IMG, SCRIPT, hostile_document, tagged_document
from storycast.exporters import export, exporter_for
from storycast.exporters.gexf import gexf, write_gexf

nx = pytest.importorskip("networkx")
NS = {"g": "http://www.gexf.net/1.2draft"}


def read(doc, tmp_path):
    return nx.read_gexf(export(doc, tmp_path / "story.gexf"))


def edges_of(graph, kind):
    return {(a, b): d["weight"] for a, b, d in graph.edges(data=True) if d["kind"] == kind}


def test_registered():
    assert exporter_for("x.GEXF") is write_gexf


def test_seed_spike_speaks_to_harmony_often(apology, tmp_path):
    graph = read(apology, tmp_path)
    label = {n: d["label"] for n, d in graph.nodes(data=True)}
    ids = {v: k for k, v in label.items()}
    spoken = edges_of(graph, "speaks_to")
    assert spoken[(ids["Spike"], ids["Harmony"])] >= 10
    assert {label[a] for a, _ in spoken} == {"Spike", "Buffy", "Harmony"}
    spike = graph.nodes[ids["Spike"]]
    assert (spike["quotes"], spike["words"]) == (22, 445)


def test_crypt_nodes_and_edges(crypt, tmp_path):
    graph = read(crypt, tmp_path)
    assert isinstance(graph, nx.MultiDiGraph)  # a speaks_to edge and a same_scene tie
    assert dict(graph.nodes(data=True)) == {
        "c1": {"label": "Spike", "gender": "male", "quotes": 7, "words": 48, "mentions": 16,
               "narrator": False, "aliases": "", "relationships": ""},
        "c2": {"label": "Buffy", "gender": "female", "quotes": 5, "words": 51, "mentions": 17,
               "narrator": False, "aliases": "Slayer", "relationships": ""},
        "c3": {"label": "William the Bloody", "gender": "male", "quotes": 0, "words": 0,
               "mentions": 2, "narrator": False, "aliases": "", "relationships": ""},
    }
    assert edges_of(graph, "speaks_to") == {("c1", "c2"): 7.0, ("c2", "c1"): 5.0}
    # one scene; William the Bloody is only talked about, inside quotes: not there.  A
    # same_scene tie is symmetric (GEXF "mutual"): networkx reads it both ways
    assert edges_of(graph, "same_scene") == {("c1", "c2"): 1.0, ("c2", "c1"): 1.0}


def test_relationship_tags_on_edges_and_nodes(tmp_path):
    graph = read(tagged_document(), tmp_path)
    rel = {(a, b, d["kind"]): (d.get("relationship"), d.get("relationship_tag"))
           for a, b, d in graph.edges(data=True)}
    assert rel[("c1", "c2", "speaks_to")] == ("romantic", "Buffy Summers/Spike")
    assert rel[("c2", "c1", "speaks_to")] == ("romantic", "Buffy Summers/Spike")
    assert rel[("c1", "c3", "same_scene")] == ("platonic", "Buffy Summers & Willow Rosenberg")
    assert rel[("c2", "c3", "same_scene")] == (None, None)  # no tag pairs Spike and Willow
    assert graph.nodes["c1"]["relationships"] == \
        "Buffy Summers/Spike; Buffy Summers & Willow Rosenberg"
    assert graph.nodes["c3"]["relationships"] == "Buffy Summers & Willow Rosenberg"


def test_markup_and_control_characters_are_escaped(tmp_path):
    doc = hostile_document()
    doc.characters[0].aliases.append("Bell\x07 & \x00Co")
    root = ET.fromstring(gexf(doc).encode("utf-8"))
    labels = [n.get("label") for n in root.iterfind(".//g:node", NS)]
    assert labels == [SCRIPT, IMG]
    aliases = root.find(".//g:node[@id='c1']//g:attvalue[@for='aliases']", NS).get("value")
    assert aliases == "Mallory|Bell & Co"
    graph = read(doc, tmp_path)
    assert graph.nodes["c2"]["label"] == IMG


def test_gephi_layout_of_the_file(crypt):
    root = ET.fromstring(gexf(crypt).encode("utf-8"))
    assert root.get("version") == "1.2"
    graph = root.find("g:graph", NS)
    assert graph.get("defaultedgetype") == "directed"
    types = [e.get("type") for e in graph.iterfind(".//g:edge", NS)]
    assert types == [None, None, "mutual"]
    ids = [e.get("id") for e in graph.iterfind(".//g:edge", NS)]
    assert len(set(ids)) == len(ids)
