"""The ``.gexf`` exporter: the character network for Gephi (GEXF 1.2), and networkx.

Nodes are characters: ``label`` (the name) and the attributes gender, quotes (lines
spoken), words (words spoken), mentions, narrator, aliases and relationships (the story's
relationship tags naming the character).  Edges carry a ``weight`` and a ``kind``:

- ``speaks_to``: directed, speaker to addressee, weight = quotations so addressed;
- ``same_scene``: a symmetric tie (GEXF type ``mutual``), weight = scenes shared.

Edges between two characters the metadata pairs in a relationship tag also carry
``relationship`` ("romantic", "platonic") and ``relationship_tag``.
"""
from __future__ import annotations

from pathlib import Path

from .. import __version__
from ..document import Document
from ..network import SAME_SCENE, story_figures
from . import register
from .xmltext import attr, text

NODE_ATTRIBUTES = (("gender", "string"), ("quotes", "integer"), ("words", "integer"),
                   ("mentions", "integer"), ("narrator", "boolean"), ("aliases", "string"),
                   ("relationships", "string"))
EDGE_ATTRIBUTES = (("kind", "string"), ("relationship", "string"),
                   ("relationship_tag", "string"))


def node_values(doc: Document, figures) -> dict[str, dict[str, object]]:
    """Character id -> the node attributes both network formats write."""
    return {c.id: {
        "gender": c.gender, "quotes": c.quotes, "words": c.words_spoken,
        "mentions": c.mentions, "narrator": "true" if c.narrator else "false",
        "aliases": "|".join(a for a in c.aliases if a != c.name),
        "relationships": "; ".join(figures.relationship_tags(c.id)),
    } for c in doc.characters}


def _attvalues(values: dict[str, object], indent: str) -> list[str]:
    return ([f"{indent}<attvalues>"]
            + [f"{indent}  <attvalue for={attr(k)} value={attr(v)}/>" for k, v in values.items()]
            + [f"{indent}</attvalues>"])


def gexf(doc: Document) -> str:
    """The GEXF document for ``doc``'s characters and their ties, as a string."""
    figures = story_figures(doc)
    title = doc.metadata.get("title") or "a story"
    description = (f"The characters of {title}: who speaks to whom, "
                   "and who appears in the same scene")
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">',
             "  <meta>",
             f"    <creator>storycast {text(__version__)}</creator>",
             f"    <description>{text(description)}</description>",
             "  </meta>",
             '  <graph mode="static" defaultedgetype="directed">']
    for cls, attributes in (("node", NODE_ATTRIBUTES), ("edge", EDGE_ATTRIBUTES)):
        lines.append(f'    <attributes class="{cls}">')
        lines += [f'      <attribute id="{name}" title="{name}" type="{kind}"/>'
                  for name, kind in attributes]
        lines.append("    </attributes>")
    lines.append("    <nodes>")
    values = node_values(doc, figures)
    for c in doc.characters:
        lines.append(f"      <node id={attr(c.id)} label={attr(c.name)}>")
        lines += _attvalues(values[c.id], "        ")
        lines.append("      </node>")
    lines += ["    </nodes>", "    <edges>"]
    for i, e in enumerate(figures.edges()):
        kind = ' type="mutual"' if e.kind == SAME_SCENE else ""
        lines.append(f"      <edge id=\"e{i}\" source={attr(e.source)} target={attr(e.target)}"
                     f"{kind} weight=\"{e.weight}\">")
        edge = {"kind": e.kind}
        if e.relationship:
            edge.update(relationship=e.relationship, relationship_tag=e.relationship_tag)
        lines += _attvalues(edge, "        ")
        lines.append("      </edge>")
    lines += ["    </edges>", "  </graph>", "</gexf>"]
    return "\n".join(lines) + "\n"


@register(".gexf")
def write_gexf(doc: Document, path: Path) -> None:
    """Write ``doc``'s character network to ``path`` as GEXF 1.2, UTF-8."""
    Path(path).write_text(gexf(doc), encoding="utf-8")
