"""The ``.graphml`` exporter: the character network as GraphML, for networkx, Gephi, igraph.

The same nodes and attributes as the GEXF file (see :mod:`storycast.exporters.gexf`);
node names are in ``label``.  The graph is directed: a ``speaks_to`` edge runs from speaker
to addressee; a ``same_scene`` tie, being symmetric, is written as two edges, one each
way, with the same weight (networkx reads no undirected edge in a directed graph).
"""
from __future__ import annotations

from pathlib import Path

from ..document import Document
from ..network import SAME_SCENE, story_figures
from . import register
from .gexf import EDGE_ATTRIBUTES, NODE_ATTRIBUTES, node_values
from .xmltext import attr, text

_TYPES = {"string": "string", "integer": "long", "boolean": "boolean", "double": "double"}


def graphml(doc: Document) -> str:
    """The GraphML document for ``doc``'s characters and their ties, as a string."""
    figures = story_figures(doc)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
             'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
             'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
             'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
             '  <key id="label" for="node" attr.name="label" attr.type="string"/>']
    lines += [f'  <key id="{name}" for="node" attr.name="{name}" attr.type="{_TYPES[kind]}"/>'
              for name, kind in NODE_ATTRIBUTES]
    lines.append('  <key id="weight" for="edge" attr.name="weight" attr.type="long"/>')
    lines += [f'  <key id="{name}" for="edge" attr.name="{name}" attr.type="{_TYPES[kind]}"/>'
              for name, kind in EDGE_ATTRIBUTES]
    lines.append('  <graph id="characters" edgedefault="directed">')
    values = node_values(doc, figures)
    for c in doc.characters:
        lines.append(f"    <node id={attr(c.id)}>")
        lines.append(f'      <data key="label">{text(c.name)}</data>')
        lines += [f'      <data key="{k}">{text(v)}</data>' for k, v in values[c.id].items()]
        lines.append("    </node>")
    n = 0
    for e in figures.edges():
        data = {"weight": e.weight, "kind": e.kind}
        if e.relationship:
            data.update(relationship=e.relationship, relationship_tag=e.relationship_tag)
        ends = [(e.source, e.target)]
        if e.kind == SAME_SCENE:
            ends.append((e.target, e.source))
        for source, target in ends:
            lines.append(f'    <edge id="e{n}" source={attr(source)} target={attr(target)}>')
            lines += [f'      <data key="{k}">{text(v)}</data>' for k, v in data.items()]
            lines.append("    </edge>")
            n += 1
    lines += ["  </graph>", "</graphml>"]
    return "\n".join(lines) + "\n"


@register(".graphml")
def write_graphml(doc: Document, path: Path) -> None:
    """Write ``doc``'s character network to ``path`` as GraphML, UTF-8."""
    Path(path).write_text(graphml(doc), encoding="utf-8")
