"""storycast.network: who speaks to whom, shared scenes, first appearances, relationship tags."""
from __future__ import annotations

from storycast.document import Document
from storycast.network import is_heading, match_character, scenes, story_figures
from storycast.spans import Character, Mention, Quote, Span


def scene_doc() -> Document:
    """Three scenes: a break line inside chapter 1, then chapter 2."""
    text = ('Ann met Bob.\n\n"Hi, Bob," said Ann.\n\n* * *\n\n'
            'Ann met Cat.\n\n"Hi," said Cat, "is Bob here?"\n\n'
            'Chapter 2\n\nBob and Cat.\n')
    two = text.index("Chapter 2")
    doc = Document(text=text)
    doc.layers["chapters"] = [Span(0, two, "Chapter 1"), Span(two, len(text), "Chapter 2")]
    doc.layers["characters"] = [Character("a", "Ann"), Character("b", "Bob"),
                                Character("c", "Cat")]
    q1 = text.index("Hi, Bob")
    q2 = text.index("Hi,\"")
    q3 = text.index("is Bob")
    doc.layers["quotes"] = [Quote("q1", [(q1, q1 + 8)], "a", ["b"]),
                            Quote("q2", [(q2, q2 + 3), (q3, q3 + 12)], "c", ["a"])]
    mentions = []
    for word, cid in (("Ann", "a"), ("Bob", "b"), ("Cat", "c")):
        pos = 0
        while (pos := text.find(word, pos)) >= 0:
            kind = "vocative" if text[pos - 4:pos] == "Hi, " else "name"
            mentions.append(Mention(pos, pos + 3, kind, cid, word))
            pos += 3
    doc.layers["mentions"] = sorted(mentions, key=lambda m: m.start)
    return doc


def test_scenes_split_at_breaks_and_chapters():
    doc = scene_doc()
    got = [doc.text[s:e].strip().split("\n")[0] for s, e in scenes(doc)]
    assert got == ["Ann met Bob.", "Ann met Cat.", "Chapter 2"]


def test_figures():
    doc = scene_doc()
    fig = story_figures(doc)
    assert dict(fig.speaks_to) == {("a", "b"): 1, ("c", "a"): 1}
    # scene 1: Ann, Bob (named, and addressed); scene 2: Ann, Cat (Bob only talked about);
    # scene 3: Bob, Cat
    assert dict(fig.same_scene) == {("a", "b"): 1, ("a", "c"): 1, ("b", "c"): 1}
    assert fig.first_appearance == {"a": 0, "b": 8, "c": doc.text.index("Cat")}
    assert [dict(c) for c in fig.lines_by_chapter] == [{"a": 1, "c": 1}, {}]
    assert fig.chapter_of(0) == 1 and fig.chapter_of(doc.text.index("Bob and")) == 2
    assert [(e.source, e.target, e.kind, e.weight) for e in fig.edges()] == [
        ("a", "b", "speaks_to", 1), ("c", "a", "speaks_to", 1),
        ("a", "b", "same_scene", 1), ("a", "c", "same_scene", 1), ("b", "c", "same_scene", 1)]


def test_figures_follow_changes_to_the_document():
    doc = scene_doc()
    assert story_figures(doc) is story_figures(doc)  # computed once
    doc.quotes[0].addressees = ["c"]
    assert dict(story_figures(doc).speaks_to) == {("a", "c"): 1, ("c", "a"): 1}
    other = scene_doc()
    assert story_figures(other) is not story_figures(doc)


def test_a_document_read_back_from_json_gives_the_same_figures():
    doc = scene_doc()
    again = Document.from_json(doc.to_json())
    a, b = story_figures(doc), story_figures(again)
    assert (a.speaks_to, a.same_scene, a.first_appearance) == \
        (b.speaks_to, b.same_scene, b.first_appearance)


def test_relationship_names_match_names_and_aliases():
    doc = Document(text="", metadata={"relationship_pairs": [
        {"characters": ["Buffy Summers", "Spike (Buffyverse)"], "kind": "romantic",
         "tag": "Buffy Summers/Spike"},
        {"characters": ["WILLIAM THE BLOODY", "Buffy"], "kind": "platonic", "tag": "x & y"},
        {"characters": ["Giles", "Spike"], "kind": "platonic", "tag": "Giles & Spike"},
        {"characters": ["Spike"], "kind": "romantic", "tag": "broken"},
    ]})
    doc.layers["characters"] = [
        Character("c1", "Buffy", ["Buffy", "Slayer"]),
        Character("c2", "Spike", ["Spike", "William the Bloody"]),
        Character("c3", "Dawn Summers", ["Dawn Summers", "Dawn"]),
    ]
    assert match_character(doc, "spike (Buffyverse)").id == "c2"
    assert match_character(doc, "Buffy Summers").id == "c1"  # a unique given name
    assert match_character(doc, "Joyce Summers") is None  # "Summers" is not a name here
    assert match_character(doc, "Giles") is None
    fig = story_figures(doc)
    assert fig.relationships == {frozenset({"c1", "c2"}): [
        ("romantic", "Buffy Summers/Spike"), ("platonic", "x & y")]}
    assert fig.relationship_tags("c2") == ["Buffy Summers/Spike", "x & y"]
    assert fig.relationship_tags("c3") == []


def test_is_heading():
    assert is_heading("CHAPTER I.", "CHAPTER I")
    assert is_heading(" Chapter 1\n", "Chapter 1")
    assert not is_heading("It rained.", "CHAPTER I")
    assert not is_heading("", "")
