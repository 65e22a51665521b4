"""How each character talks (stages/voice.py)."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

import storycast
from storycast.document import Document
from storycast.stages.context import build_context
from storycast.stages.features import INDEX, candidates, quote_features
from storycast.stages.speakers import anchor_speakers
from storycast.stages.voice import WORD, Voices, learn_voices, likeness, said_words

# The captain talks of the sea, the cook of the galley; the last line is untagged.
GALLEY = """\
"The sea is rough, the wind is rising, hoist the mainsail," said Captain Hale.

"The soup is hot and the bread is baked," said Mrs. Crumb.

"Reef the mainsail before the wind takes the mast," said Captain Hale.

"The bread wants salt, and the soup wants an onion," said Mrs. Crumb.

"The wind! The mainsail! The sea!"
"""


def quotes_of(text: str):
    doc = storycast.analyze(Document(text))
    return doc, build_context(doc)


def test_words_of_each_line_and_of_each_credited_character():
    doc, _ = quotes_of(GALLEY)
    credited = ["hale", "crumb", "hale", "crumb", None]
    voices = learn_voices(doc.text, doc.quotes, credited)
    last = dict(zip(voices.keys[4], voices.counts[4]))
    assert last["the"] == 3 and last["mainsail"] == 1 and voices.lengths[4] == 6
    assert voices.own["hale"]["mainsail"] == 2 and voices.own["crumb"]["soup"] == 2
    assert "crumb" not in voices.by[4:] and set(voices.own) == {"hale", "crumb"}
    assert voices.own_total["crumb"] == voices.lengths[1] + voices.lengths[3] == 19
    # the shares of the dialogue are kept when the lines are credited anew
    again = learn_voices(doc.text, doc.quotes, ["crumb"] * 5, voices)
    assert again.keys is voices.keys and again.background is voices.background
    assert set(again.own) == {"crumb"}
    # and nothing is learnt again for the same speakers
    assert learn_voices(doc.text, doc.quotes, list(credited), voices) is voices


def test_an_untagged_line_sounds_like_the_one_who_talks_that_way():
    doc, _ = quotes_of(GALLEY)
    voices = learn_voices(doc.text, doc.quotes, ["hale", "crumb", "hale", "crumb", None])
    score = likeness(voices, 4, ["hale", "crumb", "nobody"])
    assert score["hale"] > 0 > score["crumb"]
    assert "nobody" not in score  # no lines, no voice
    assert all(-1 <= v <= 1 for v in score.values())


def test_a_line_is_not_its_own_evidence():
    """Credited to one speaker, a line's words are left out of that speaker's when it is
    scored itself: a character with a single line has no voice to match it by."""
    doc, _ = quotes_of(GALLEY)
    voices = learn_voices(doc.text, doc.quotes, [None, "crumb", None, None, None])
    alone = likeness(voices, 1, ["crumb"])["crumb"]
    assert abs(alone) < 1e-9
    # her other line sounds more like her than the captain's does
    assert likeness(voices, 3, ["crumb"])["crumb"] > likeness(voices, 2, ["crumb"])["crumb"]


def test_an_empty_line_has_no_likeness():
    voices = Voices([[]], [()], [()], [0], {}, [None], {}, {})
    assert likeness(voices, 0, ["anyone"]) == {}


def test_the_voice_is_a_feature_of_the_untagged_line():
    doc, ctx = quotes_of(GALLEY)
    anchor_speakers(ctx, doc.layer("tags"))
    speakers = [q.speaker for q in doc.quotes]
    cands = candidates(ctx, 4, speakers)
    vecs = dict(zip((doc.character(c).name for c in cands),
                    quote_features(ctx, 4, cands, speakers)))
    hale, crumb = vecs["Captain Hale"], vecs["Mrs. Crumb"]
    assert hale[INDEX["voice"]] > 0 > crumb[INDEX["voice"]]
    assert hale[INDEX["voice_untagged"]] == hale[INDEX["voice"]]


def test_the_words_of_lines_with_apostrophes_and_letters_beyond_a_to_z():
    lines = ["Don’t, 'tis the boys' rock'n'roll!", "Caf\u00e9 SOUP--\u00e9t\u00e9", ""]
    assert said_words(lines) == [["don’t", "tis", "the", "boys", "rock'n", "roll"],
                                 ["caf", "soup", "t"], []]


@given(st.lists(st.text(alphabet="abzAZ '\u2019-.\u00e9\u0130\u03a3\x01\x02\n", max_size=25),
                max_size=6))
def test_the_words_of_every_line_are_the_pattern_s(lines):
    assert said_words(lines) == [WORD.findall(line.lower()) for line in lines]
