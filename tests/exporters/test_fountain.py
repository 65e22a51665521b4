"""The .fountain exporter: a screenplay with every quote under its speaker's cue."""
from __future__ import annotations

import re

import pytest

from documents import apology_speakers, tagged_document
from readback import blocks
from storycast.document import Document
from storycast.exporters import export, exporter_for
from storycast.exporters.fountain import Tag, cue, fountain, parse_tag, write_fountain
from storycast.spans import Character, Quote, Span

_EXTENSION = re.compile(r" \((?:CONT'D|V\.O\.|O\.S\.)\)$")


def test_registered():
    assert exporter_for("play.fountain") is write_fountain


def test_seed_has_44_dialogue_blocks_under_three_cues(apology, tmp_path):
    script = export(apology, tmp_path / "the-apology.fountain").read_text(encoding="utf-8")
    found = blocks(script)
    assert len(found) == 44
    cues = [_EXTENSION.sub("", c) for c, _ in found]
    assert set(cues) == {"SPIKE", "BUFFY", "HARMONY"}
    assert cues == [s.upper() for s in apology_speakers()]
    assert script.startswith("Title: The Apology\n\n# Chapter 1\n")


CRYPT_BLOCKS = [
    ("SPIKE", ["You could knock, Slayer."]),
    ("BUFFY", ["You could lock the door. There is a nest of vampires behind the old mill, "
               "and Giles says there are at least six of them."]),
    ("SPIKE", ["And you want my help."]),
    ("BUFFY", ["I want your help."]),
    ("SPIKE", ["What do I get out of it?"]),
    ("BUFFY", ["You get to hit things."]),
    ("SPIKE", ["Fair enough."]),
    ("BUFFY", ["Thanks, Spike, I owe you one."]),
    ("SPIKE", ["I will hold you to that, love."]),
    ("SPIKE (CONT'D)", ["William the Bloody does not forget a debt."]),
    ("BUFFY", ["Nobody has called you William the Bloody in a hundred years."]),
    ("SPIKE", ["Nobody has called me anything nice in a hundred years. I have to make do."]),
]


def test_crypt_blocks_exactly(crypt):
    script = fountain(crypt)
    assert blocks(script) == CRYPT_BLOCKS
    # narration stays, as action; the speech tags go
    assert "\n\nHe lit a cigarette and looked at the burning mill.\n\nSPIKE (CONT'D)\n" in script
    assert "said Spike" not in script and "Spike said" not in script
    assert script.endswith("after a moment Spike followed her.\n")


def _doc(text: str, speakers: list[tuple[str, str | None]], chapters=None) -> Document:
    """A document whose quotes are the double-quoted stretches of ``text``, in order."""
    doc = Document(text=text, metadata={"title": "Scene"})
    names = sorted({n for _, n in speakers if n})
    doc.layers["characters"] = [Character(f"c{i}", n, [n]) for i, n in enumerate(names)]
    ids = {n: f"c{i}" for i, n in enumerate(names)}
    spans = [(m.start() + 1, m.end() - 1) for m in re.finditer(r'"[^"]*"', text)]
    groups, k = [], 0
    for count, name in [(int(c), n) for c, n in speakers]:
        groups.append((spans[k:k + count], name))
        k += count
    doc.layers["quotes"] = [Quote(f"q{i + 1}", s, ids.get(n), [], "explicit", 0.9)
                            for i, (s, n) in enumerate(groups)]
    doc.layers["chapters"] = chapters or [Span(0, len(text), "")]
    doc.layers["mentions"] = []
    return doc


def test_parentheticals_cont_d_and_action():
    text = ('"Hello," said Ann with a smile. She sat down.\n\n'
            '"Goodbye," said Ann.\n\n'
            'Tom whispered, "Wait."\n\n'
            '"Well," he said, lighting a cigarette, "maybe."\n')
    doc = _doc(text, [("1", "Ann"), ("1", "Ann"), ("1", "Tom"), ("2", "Tom")])
    assert fountain(doc) == (
        "Title: Scene\n\n"
        "ANN\n(with a smile)\nHello.\n\n"
        "She sat down.\n\n"
        "ANN (CONT'D)\nGoodbye.\n\n"
        "TOM\nWait.\n\n"
        "TOM (CONT'D)\nWell,\n(lighting a cigarette)\nmaybe.\n")


def test_a_long_tag_stays_as_action():
    text = '"Mine," said Ann while thinking of all the things she had lost that year and more.\n'
    assert fountain(_doc(text, [("1", "Ann")])).endswith(
        "ANN\nMine.\n\n"
        "Ann said while thinking of all the things she had lost that year and more.\n")


def test_chapters_are_sections_and_headings_are_not_repeated():
    text = 'CHAPTER I.\n\nIt rained.\n\n"Hi," said Ann.\n\nCHAPTER II.\n\n"Bye," said Ann.\n'
    second = text.index("CHAPTER II.")
    doc = _doc(text, [("1", "Ann"), ("1", "Ann")],
               chapters=[Span(0, second, "CHAPTER I"), Span(second, len(text), "CHAPTER II")])
    assert fountain(doc) == ("Title: Scene\n\n# CHAPTER I\n\nIt rained.\n\nANN\nHi.\n\n"
                             "# CHAPTER II\n\nANN\nBye.\n")


def test_unattributed_quotes_and_forced_action():
    text = 'INT. HOUSE - DAY\n\nTHE END\n\n.Spike sat.\n\n"Who is there?"\n'
    assert fountain(_doc(text, [("1", None)])) == (
        "Title: Scene\n\n!INT. HOUSE - DAY\n\n!THE END\n\n!.Spike sat.\n\n"
        "UNKNOWN\nWho is there?\n")


def test_title_page_from_metadata():
    script = fountain(tagged_document())
    assert script.split("\n\n")[0] == (
        "Title: Hello\nCredit: Written by\nAuthor: Someone and Someone Else\n"
        "Source: https://example.org/works/1\nDraft date: 2020-02-03\n"
        "Notes:\n    They say hello.\n    That is all.")
    assert blocks(script) == [("BUFFY", ["Hello, Spike."]), ("SPIKE", ["Hello yourself, Slayer."]),
                              ("BUFFY", ["Hi, Willow."]), ("WILLOW", ["Hi!"])]


@pytest.mark.parametrize("name, expected", [
    ("Spike", "SPIKE"), ("Mr. Darcy", "MR. DARCY"), ("Buffy  Summers", "BUFFY SUMMERS"),
    ("HAL 9000", "HAL 9000"), ("Zoë", "ZOË"),
    ("李雷", "@李雷"),  # no capitals to write it in
    ("Straße", "@Straße"),  # capitals would change its letters
    ("Ext Smith", "@Ext Smith"),  # would read as a scene heading
    ("The Man (older)", "@The Man (older)"),  # would read as an extension
    ("42", "@42"),
])
def test_cue(name, expected):
    assert cue(name) == expected


@pytest.mark.parametrize("sentence, tag", [
    ("said Buffy with a smile.", Tag("Buffy", "said", "with a smile")),
    (", said Mr. Bennet.", Tag("Mr. Bennet", "said", "")),
    ("she replied softly", Tag("she", "replied", "softly")),
    ("said his lady to him one day,", Tag("his lady", "said", "to him one day")),
    ("Spike spoke up barely showing tolerance,", Tag("Spike", "spoke", "barely showing tolerance")),
    ("returned she;", Tag("she", "returned", "")),
    ("Spike quietly said", Tag("Spike", "said", "")),
    ("Spike smiled.", None),
    ("After a pause, Harmony said", None),
    ("The door opened.", None),
    ('."', Tag("", "", "")),
])
def test_parse_tag(sentence, tag):
    assert parse_tag(sentence) == tag
