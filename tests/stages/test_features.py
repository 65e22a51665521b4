"""Features of the speaker model (stages/features.py, context.py)."""
from __future__ import annotations

from storycast.document import Document
from storycast.stages.context import build_context, conversation_cast
from storycast.stages.features import INDEX, candidates, quote_features
from storycast.stages.speakers import anchor_speakers

# Two conversations: Tom and Ada talk, tagged and by vocative; a paragraph gap; then
# Mrs. Pike and Ada.
TWO_CONVERSATIONS = """\
"Is the oven hot?" said Tom.

"Nearly," said Ada.

"Then the bread goes in now, Ada."

"Give it ten minutes."

Tom shrugged and went out to the yard. The afternoon passed slowly.

The shop was quiet until evening.

Mrs. Pike came in with her basket at six.

Nobody else came.

"Any rolls left?" said Mrs. Pike.

"Two," said Ada.
"""


def analysed(text: str):
    import storycast

    doc = storycast.analyze(Document(text))
    ctx = build_context(doc)
    anchor_speakers(ctx, doc.layer("tags"))
    return doc, ctx


def test_a_conversation_is_between_its_tagged_speakers_and_those_it_addresses():
    doc, ctx = analysed(TWO_CONVERSATIONS)
    ids = {c.name: c.id for c in doc.characters}
    cast = conversation_cast(ctx)
    assert len(cast) == len(doc.quotes) == 6
    first, second = cast[0], cast[4]
    assert cast[1] is first and cast[3] is first and cast[5] is second
    assert first == ({ids["Tom"]: 1, ids["Ada"]: 1}, {ids["Ada"]: 1})
    assert second == ({ids["Mrs. Pike"]: 1, ids["Ada"]: 1}, {})


def test_a_quote_is_no_evidence_of_its_own_conversation_cast():
    doc, ctx = analysed(TWO_CONVERSATIONS)
    ids = {c.name: c.id for c in doc.characters}
    speakers = [q.speaker for q in doc.quotes]
    tagged, pair = INDEX["conversation_tagged"], INDEX["conversation_pair"]

    def feature(i: int, name: str, column: int) -> float:
        cands = candidates(ctx, i, speakers)
        return quote_features(ctx, i, cands, speakers)[cands.index(ids[name])][column]

    # "said Tom" is Tom's only tag in the first conversation: it leaves itself out
    assert feature(0, "Tom", tagged) == 0.0
    assert feature(0, "Ada", tagged) > 0.0
    # the untagged fourth line: Tom and Ada are the pair the conversation is between
    assert feature(3, "Tom", pair) == feature(3, "Ada", pair) == 1.0
    if ids["Mrs. Pike"] in candidates(ctx, 3, speakers):
        assert feature(3, "Mrs. Pike", pair) == 0.0
