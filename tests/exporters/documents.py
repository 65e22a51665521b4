"""Documents the exporter tests share: the stories they analyse, and documents made by hand."""
from __future__ import annotations

from pathlib import Path

from storycast.document import Document
from storycast.spans import Character, Mention, Quote, Span

TESTS = Path(__file__).resolve().parents[1]
SHARED = TESTS.parent.parent / "shared"
APOLOGY = SHARED / "stories" / "the-apology.txt"
PRIDE = SHARED / "pdnc" / "data" / "PrideAndPrejudice" / "novel_text.txt"
STORIES = TESTS / "data" / "stories"
EXPECTED = TESTS / "data" / "the-apology.expected.tsv"

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'


def apology_speakers() -> list[str]:
    """The seed story's speakers, quote by quote (tests/data/the-apology.expected.tsv)."""
    rows = [line.split("\t") for line in EXPECTED.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    return [row[2].strip() for row in rows]


def quote_at(text: str, inner: str, qid: str, speaker: str | None, addressees=(),
             qtype="explicit", confidence=0.9, start: int = 0) -> Quote:
    s = text.index(inner, start)
    return Quote(qid, [(s, s + len(inner))], speaker, list(addressees), qtype, confidence)


def hostile_document() -> Document:
    """Markup in the title, the narration, the quotes, the names and the metadata."""
    text = (f"Chapter 1: {SCRIPT}\n\n"
            f"{IMG} walked in & sat down. \"{SCRIPT}\" said Mallory.\n\n"
            f"\"{IMG} </script><!--\" said Eve to {SCRIPT}.\n\n"
            f"\"Who's there?\"\n")
    doc = Document(text=text, source={"path": f"/tmp/{SCRIPT}.txt"},
                   metadata={"title": f"</title>{SCRIPT}", "authors": [IMG],
                             "summary": f"A summary {SCRIPT}", "url": "javascript:alert(1)",
                             "relationships": [f"{SCRIPT}/{IMG}"],
                             "relationship_pairs": [{"characters": [SCRIPT, IMG],
                                                     "kind": "romantic",
                                                     "tag": f"{SCRIPT}/{IMG}"}]})
    doc.layers["chapters"] = [Span(0, len(text), f"Chapter 1: {SCRIPT}")]
    doc.layers["characters"] = [
        Character("c1", SCRIPT, [SCRIPT, "Mallory"], "unknown", quotes=1, words_spoken=1),
        Character("c2", IMG, [IMG, "Eve"], "female", quotes=1, words_spoken=4),
    ]
    q2_text = f"{IMG} </script><!--"
    doc.layers["quotes"] = [
        quote_at(text, SCRIPT, "q1", "c1", ["c2"], start=text.index("walked")),
        quote_at(text, q2_text, "q2", "c2", ["c1"]),
        quote_at(text, "Who's there?", "q3", None, [], "implicit", 0.2),
    ]
    name = text.index("Mallory")
    doc.layers["mentions"] = [Mention(name, name + 7, "name", "c1", "Mallory")]
    return doc


def tagged_document() -> Document:
    """A small story with AO3-like metadata set by hand, relationship pairs included."""
    text = ('"Hello, Spike," said Buffy.\n\n"Hello yourself, Slayer," said Spike.\n\n'
            '"Hi, Willow," said Buffy.\n\n"Hi!" said Willow.\n')
    doc = Document(text=text, source={"path": "/stories/hello.txt"}, metadata={
        "title": "Hello", "authors": ["Someone", "Someone Else"], "rating": "General Audiences",
        "warnings": ["No Archive Warnings Apply"], "categories": ["F/M"],
        "fandoms": ["Buffy the Vampire Slayer"],
        "relationships": ["Buffy Summers/Spike", "Buffy Summers & Willow Rosenberg"],
        "characters": ["Buffy Summers", "Spike (Buffyverse)", "Willow Rosenberg"],
        "additional_tags": ["Fluff"], "language": "English", "published": "2020-01-02",
        "updated": "2020-02-03", "words": 16, "chapters": "1/1",
        "summary": "They say hello.\n\nThat is all.", "url": "https://example.org/works/1",
        "relationship_pairs": [
            {"characters": ["Buffy Summers", "Spike (Buffyverse)"], "kind": "romantic",
             "tag": "Buffy Summers/Spike"},
            {"characters": ["Buffy Summers", "Willow Rosenberg"], "kind": "platonic",
             "tag": "Buffy Summers & Willow Rosenberg"},
            {"characters": ["Giles", "Spike"], "kind": "platonic", "tag": "Giles & Spike"},
        ]})
    doc.layers["chapters"] = [Span(0, len(text), "")]
    doc.layers["characters"] = [
        Character("c1", "Buffy", ["Buffy", "Slayer"], "female", mentions=2, quotes=2,
                  words_spoken=4),
        Character("c2", "Spike", ["Spike"], "male", mentions=2, quotes=1, words_spoken=2),
        Character("c3", "Willow", ["Willow"], "female", mentions=2, quotes=1, words_spoken=1),
    ]
    doc.layers["quotes"] = [
        quote_at(text, "Hello, Spike,", "q1", "c1", ["c2"]),
        quote_at(text, "Hello yourself, Slayer,", "q2", "c2", ["c1"]),
        quote_at(text, "Hi, Willow,", "q3", "c1", ["c3"]),
        quote_at(text, "Hi!", "q4", "c3", ["c1"]),
    ]
    mentions = []
    for word, cid in (("Spike", "c2"), ("Buffy", "c1"), ("Slayer", "c1"), ("Willow", "c3")):
        pos = 0
        while (pos := text.find(word, pos)) >= 0:
            inside = any(q.start <= pos < q.end for q in doc.layers["quotes"])
            mentions.append(Mention(pos, pos + len(word), "vocative" if inside else "name", cid,
                                    word))
            pos += len(word)
    doc.layers["mentions"] = sorted(mentions, key=lambda m: m.start)
    return doc
