"""The Document: a story's text and every annotation on it, as named layers of spans."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from .spans import Character, Mention, Quote, Span

SCHEMA = "storycast/1"


@dataclass
class Document:
    """One story.  ``text`` is the coordinate system: every offset indexes it.

    Layers are named lists: ``chapters``, ``paragraphs``, ``sentences`` (Spans),
    ``quotes`` (Quotes), ``mentions`` (Mentions), ``characters`` (Characters).
    Some stages annotate an existing layer instead of adding one (the speaker
    stage fills in ``Quote.speaker``); they record their name in ``layers`` too,
    so the pipeline can check what has been produced.
    """

    text: str
    source: dict[str, Any] = field(default_factory=dict)
    metadata: dict[str, Any] = field(default_factory=dict)
    layers: dict[str, Any] = field(default_factory=dict)
    cast: list[list[str]] | None = None  # names the reader supplied, canonical first
    # "tags" when the cast is the archive's character tags: a tag never named in the text
    # is then left out rather than listed as a character who never appears
    cast_source: str | None = None

    # -- layers -----------------------------------------------------------
    def has(self, name: str) -> bool:
        return name in self.layers

    def layer(self, name: str) -> Any:
        return self.layers.get(name, [])

    @property
    def chapters(self) -> list[Span]:
        return self.layer("chapters")

    @property
    def paragraphs(self) -> list[Span]:
        return self.layer("paragraphs")

    @property
    def sentences(self) -> list[Span]:
        return self.layer("sentences")

    @property
    def quotes(self) -> list[Quote]:
        return self.layer("quotes")

    @property
    def mentions(self) -> list[Mention]:
        return self.layer("mentions")

    @property
    def characters(self) -> list[Character]:
        return self.layer("characters")

    def character(self, cid: str | None) -> Character | None:
        for c in self.characters:
            if c.id == cid:
                return c
        return None

    def narrator(self) -> Character | None:
        return next((c for c in self.characters if c.narrator), None)

    # -- JSON -------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "source": dict(self.source),
            "metadata": dict(self.metadata),
            "text": self.text,
            "chapters": [
                {"title": c.label, "start": c.start, "end": c.end} for c in self.chapters
            ],
            "characters": [
                {
                    "id": c.id, "name": c.name, "aliases": list(c.aliases),
                    "gender": c.gender, "narrator": c.narrator, "mentions": c.mentions,
                    "quotes": c.quotes, "words_spoken": c.words_spoken,
                }
                for c in self.characters
            ],
            "quotes": [
                {
                    "id": q.id, "spans": [list(s) for s in q.spans],
                    "text": q.text(self.text), "speaker": q.speaker,
                    "addressees": list(q.addressees), "type": q.type,
                    "confidence": round(q.confidence, 3),
                }
                for q in self.quotes
            ],
            "mentions": [
                {"start": m.start, "end": m.end, "character": m.character, "kind": m.kind}
                for m in self.mentions
            ],
        }

    def to_json(self, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Document":
        if data.get("schema") != SCHEMA:
            raise ValueError(f"not a {SCHEMA} document: schema is {data.get('schema')!r}")
        text = data["text"]
        doc = cls(text=text, source=dict(data.get("source", {})),
                  metadata=dict(data.get("metadata", {})))
        doc.layers["chapters"] = [
            Span(c["start"], c["end"], c.get("title") or "") for c in data.get("chapters", [])
        ]
        doc.layers["characters"] = [
            Character(
                id=c["id"], name=c["name"], aliases=list(c.get("aliases", [])),
                gender=c.get("gender", "unknown"), narrator=bool(c.get("narrator", False)),
                mentions=c.get("mentions", 0), quotes=c.get("quotes", 0),
                words_spoken=c.get("words_spoken", 0),
            )
            for c in data.get("characters", [])
        ]
        doc.layers["quotes"] = [
            Quote(
                id=q["id"], spans=[(s[0], s[1]) for s in q["spans"]],
                speaker=q.get("speaker"), addressees=list(q.get("addressees", [])),
                type=q.get("type"), confidence=float(q.get("confidence", 0.0)),
            )
            for q in data.get("quotes", [])
        ]
        doc.layers["mentions"] = [
            Mention(m["start"], m["end"], m["kind"], m.get("character"),
                    text[m["start"]:m["end"]])
            for m in data.get("mentions", [])
        ]
        return doc

    @classmethod
    def from_json(cls, payload: str) -> "Document":
        return cls.from_dict(json.loads(payload))
