"""The summary `storycast analyze` prints: plain text into a pipe, rich on a terminal."""
from __future__ import annotations

import io

import storycast
from storycast.cli_summary import print_summary, rich_summary, summary, top_speakers


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_who_speaks_most(tiny_story):
    doc = storycast.analyze(tiny_story)
    assert top_speakers(doc) == [("Tomas", 5, 5 / 9), ("Martha", 4, 4 / 9)]
    lines = summary(doc).splitlines()
    start = lines.index("Who speaks most (9 lines attributed):")
    assert lines[start + 1:start + 4] == [
        "  Tomas   " + "#" * 30 + "       5   56%",  # the busiest: the full width
        "  Martha  " + "#" * 24 + " " * 6 + "       4   44%",
        ""]


def test_plain_into_a_pipe_rich_on_a_terminal(tiny_story):
    doc = storycast.analyze(tiny_story)
    pipe = io.StringIO()
    print_summary(doc, pipe)
    assert pipe.getvalue() == summary(doc) + "\n"
    terminal = Terminal()
    print_summary(doc, terminal)
    shown = terminal.getvalue()
    assert "\x1b[" in shown and "\u2588" in shown and "Cast (" in shown


def test_rich_summary_without_colour(tiny_story):
    doc = storycast.analyze(tiny_story)
    out = io.StringIO()
    rich_summary(doc, out, width=100, colour=False)
    text = out.getvalue()
    assert "\x1b[" not in text
    assert text.startswith("The Lighthouse\n")
    assert "Who speaks most" in text and "\u2588" in text
    for c in doc.characters:
        assert c.name in text
    header = next(line for line in text.splitlines() if "aliases" in line)
    assert [w for w in header.replace("\u2503", " ").split()] == \
        ["name", "aliases", "gender", "narrator", "lines", "words"]


def test_no_speakers_no_bars():
    doc = storycast.Document(text="Nothing is said.", metadata={"title": "Quiet"})
    doc.layers.update(characters=[], quotes=[], chapters=[])
    assert "Who speaks most" not in summary(doc)
    out = io.StringIO()
    rich_summary(doc, out, width=80, colour=False)
    assert "No characters found." in out.getvalue()
