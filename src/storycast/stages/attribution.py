"""The speaker stage: attribute, learn names from vocatives, attribute again."""
from __future__ import annotations

from ..document import Document
from ..models.speaker import SpeakerModel, default_model
from . import stage
from .speakers import addressees, attribute, build_context, sketch
from .vocatives import adopt_vocatives, name_the_narrator, name_the_titled


def _resolve_tag_pronouns(doc: Document) -> None:
    """A pronoun that tags a quote refers to that quote's speaker."""
    by_start = {m.start: m for m in doc.mentions if m.kind == "pronoun"}
    for q, tag in zip(doc.quotes, doc.layer("tags")):
        if tag is not None and tag.kind == "pronoun" and q.speaker:
            m = by_start.get(tag.start)
            if m is not None:
                m.character = q.speaker


class Speakers:
    """The speaker stage, with the model it scores candidates by."""

    name = "speakers"
    needs = ("quotes", "tags", "mentions", "characters")
    produces = ("speakers", "addressees")

    def __init__(self, model: SpeakerModel | None = None) -> None:
        self.model = model

    def __call__(self, doc: Document) -> Document:
        model = self.model or default_model()
        if model is None:
            raise RuntimeError("no speaker model: run `storycast train PDNC_DATA_DIR`")
        ctx = build_context(doc)
        first = sketch(ctx, model)  # a first guess at the turns: who each vocative is said to
        anchors = ctx.anchors  # what the tags say, unless the names change
        if adopt_vocatives(doc) | name_the_narrator(doc, set(ctx.anchors)) \
                | name_the_titled(doc, set(ctx.anchors)):
            # the quotes' "sir" and "madam", and their words, do not change with the names
            called, voices = ctx.called, ctx.voices
            ctx = build_context(doc)
            ctx.called, ctx.voices = called, voices
            anchors = None
        attribute(ctx, model, first, anchors)
        addressees(ctx)
        _resolve_tag_pronouns(doc)
        doc.layers["speakers"] = [q.speaker for q in doc.quotes]
        doc.layers["addressees"] = [list(q.addressees) for q in doc.quotes]
        return doc


speakers = Speakers()


@stage("tally", needs=("speakers",), produces=("tally",))
def tally(doc: Document) -> Document:
    """Count each character's mentions, quotes and words spoken."""
    counts = {c.id: c for c in doc.characters}
    for c in counts.values():
        c.mentions, c.quotes, c.words_spoken = 0, 0, 0
    for m in doc.mentions:
        if m.character in counts:
            counts[m.character].mentions += 1
    for q in doc.quotes:
        if q.speaker in counts:
            counts[q.speaker].quotes += 1
            counts[q.speaker].words_spoken += sum(
                len(doc.text[s:e].split()) for s, e in q.spans)
    doc.layers["tally"] = True
    return doc
