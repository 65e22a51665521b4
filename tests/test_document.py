"""The Document: JSON round trip of an analysed story, and quote spans as views onto the text."""
from __future__ import annotations

import json

import pytest

import storycast
from storycast.document import SCHEMA, Document


@pytest.fixture
def analysed(tiny_story):
    return storycast.analyze(tiny_story)


def test_json_round_trip_is_identical(analysed):
    first = analysed.to_json()
    again = Document.from_json(first)
    assert again.to_json() == first
    assert Document.from_json(again.to_json(indent=2)).to_json() == first


def test_json_round_trip_of_the_sample():
    doc = storycast.analyze(storycast.sample_path())
    assert doc.quotes and doc.characters and doc.mentions
    payload = doc.to_json(indent=2)
    assert Document.from_json(payload).to_json(indent=2) == payload


def test_json_has_the_documented_keys(analysed):
    data = json.loads(analysed.to_json())
    assert data["schema"] == SCHEMA == "storycast/1"
    assert list(data) == ["schema", "source", "metadata", "text", "chapters", "characters",
                          "quotes", "mentions"]


def test_quote_spans_are_views_onto_the_text(analysed):
    text = analysed.text
    data = analysed.to_dict()
    assert analysed.quotes
    for quote, saved in zip(analysed.quotes, data["quotes"]):
        pieces = [text[start:end] for start, end in quote.spans]
        assert all(pieces), quote
        assert saved["text"] == " ".join(pieces) == quote.text(text)
        assert [list(s) for s in quote.spans] == saved["spans"]
        for start, end in quote.spans:
            assert 0 <= start < end <= len(text)
            # the spans leave the quote marks out
            assert text[start] not in "\"\u201c" and text[end - 1] not in "\"\u201d"


def test_mentions_and_speakers_point_into_the_document(analysed):
    ids = {c.id for c in analysed.characters}
    for mention in analysed.mentions:
        assert analysed.text[mention.start:mention.end] == mention.text
        assert mention.character is None or mention.character in ids
    for quote in analysed.quotes:
        assert quote.speaker is None or quote.speaker in ids
        assert set(quote.addressees) <= ids


def test_from_json_rejects_another_schema():
    with pytest.raises(ValueError, match="storycast/1"):
        Document.from_json('{"schema": "other/2", "text": ""}')
