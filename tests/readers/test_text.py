"""Plain-text reader: decoding, repair, Project Gutenberg bounds, reading files."""
from __future__ import annotations

import hashlib
import os
import string
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storycast.document import Document
from storycast.errors import InputError
from storycast.readers import read, read_bytes, sniff
from storycast.readers.text import (
    decode_bytes,
    gutenberg_bounds,
    read_text,
    read_text_bytes,
    repair_text,
)

SAMPLE = "\u201cDon\u2019t,\u201d said Zo\u00eb. Caf\u00e9 cr\u00e8me \u2014 na\u00efve.\n"
APOLOGY = Path(__file__).parents[2] / ".." / "shared" / "stories" / "the-apology.txt"


# -- decode_bytes -------------------------------------------------------------

@pytest.mark.parametrize(
    "encoding, expected",
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("utf-16", "utf-16-le"),  # Python writes a little-endian BOM
        ("utf-32", "utf-32-le"),
    ],
)
def test_decodes_unicode_encodings(encoding, expected):
    assert decode_bytes(SAMPLE.encode(encoding)) == (SAMPLE, expected)


@pytest.mark.parametrize("bom, encoding", [(b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")])
def test_decodes_utf16_with_bom(bom, encoding):
    assert decode_bytes(bom + SAMPLE.encode(encoding)) == (SAMPLE, encoding)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_decodes_utf16_without_bom(encoding):
    assert decode_bytes(SAMPLE.encode(encoding)) == (SAMPLE, encoding)


def test_decodes_cp1252_smart_quotes():
    assert decode_bytes(SAMPLE.encode("cp1252")) == (SAMPLE, "cp1252")
    assert decode_bytes(b"\x93Hi,\x94 she said. \x80 5") == ("\u201cHi,\u201d she said. \u20ac 5", "cp1252")


def test_decodes_latin1_when_cp1252_cannot():
    data = "Zo\u00eb \u00e9t\u00e9".encode("latin-1") + b" \x81"  # 0x81 is undefined in cp1252
    assert decode_bytes(data) == ("Zo\u00eb \u00e9t\u00e9 \x81", "latin-1")


def test_bom_is_stripped():
    text, _ = decode_bytes(b"\xef\xbb\xbfHello")
    assert text == "Hello"


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n ", b"\xef\xbb\xbf", "  \n".encode("utf-16")])
def test_empty_file(data):
    with pytest.raises(InputError) as err:
        decode_bytes(data, "story.txt")
    assert err.value.problem == "the file is empty"
    assert str(err.value) == "story.txt: the file is empty"


@pytest.mark.parametrize(
    "data",
    [
        b"Hello\x00world, this has a NUL in it",
        bytes(range(256)) * 4,
        b"ab\x01\x02\x03\x04\x05\x06cd\x07\x08\x0e\x0f\x10\x11ef",
    ],
)
def test_binary_data(data):
    with pytest.raises(InputError) as err:
        decode_bytes(data, "x.bin")
    assert err.value.problem == "not a text file (binary data)"


@pytest.mark.parametrize(
    "data, kind",
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "a PDF document"),
        (b"PK\x03\x04\x14\x00\x00\x00", "a ZIP archive"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "a PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image"),
        (b"GIF89a\x01\x00", "a GIF image"),
        (b"\x1f\x8b\x08\x00", "a gzip archive"),
    ],
)
def test_binary_signatures_are_named(data, kind):
    with pytest.raises(InputError) as err:
        decode_bytes(data, "f")
    assert err.value.problem == f"{kind}, not a text file"


def test_control_characters_in_text_are_fine():
    text = "Chapter 1\f\n\tIt was late.\r\n\x1a"
    assert decode_bytes(text.encode()) == (text, "utf-8")


# -- repair_text: mojibake ----------------------------------------------------

@pytest.mark.parametrize(
    "damaged, repaired",
    [
        ("don\u00e2\u20ac\u2122t", "don\u2019t"),  # donâ€™t
        ("caf\u00c3\u00a9", "caf\u00e9"),  # cafÃ©
        ("\u00e2\u20ac\u0153Hello\u00e2\u20ac\x9d", "\u201cHello\u201d"),  # â€œHelloâ€\x9d
        ("a \u00e2\u20ac\u201d b", "a \u2014 b"),  # em dash
        ("\u00c2\u00a35", "\u00a35"),  # Â£5
        ("\u00d0\u00bf\u00d1\u20ac\u00d0\u00b8", "\u043f\u0440\u0438"),  # Cyrillic
        ("\u00f0\u0178\u02dc\u20ac!", "\U0001f600!"),  # four-byte emoji
    ],
)
def test_repairs_mojibake(damaged, repaired):
    text, repairs = repair_text(damaged)
    assert text == repaired
    assert repairs
    for r in repairs:
        assert text[r["at"]:r["at"] + len(r["now"])] == r["now"]


def test_mojibake_repairs_record_offsets_in_repaired_text():
    text, repairs = repair_text("caf\u00c3\u00a9 and don\u00e2\u20ac\u2122t")
    assert text == "caf\u00e9 and don\u2019t"
    assert repairs == [
        {"at": 3, "was": "\u00c3\u00a9", "now": "\u00e9"},
        {"at": 12, "was": "\u00e2\u20ac\u2122", "now": "\u2019"},
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Caf\u00e9 na\u00efve r\u00e9sum\u00e9 \u00e0 la cr\u00e8me",
        "\u201cCAF\u00c9\u201d she read",  # accented capital before a curly quote
        "\u00ab Bonjour \u00bb, dit-il \u2014 \u00e7a va?",
        "\u00a9 2004 \u00b7 \u00bd price",
    ],
)
def test_real_accented_text_is_not_mojibake(text):
    assert repair_text(text) == (text, [])


# -- repair_text: doubled quotation marks -------------------------------------

def test_backticks_and_doubled_apostrophes_become_curly_double_marks():
    text, repairs = repair_text("``Fine,'' said Tom. ''Go.'' caf\u00c3\u00a9 ''Now.''")
    assert text == "\u201cFine,\u201d said Tom. \u201cGo.\u201d caf\u00e9 \u201cNow.\u201d"
    assert [r["was"] for r in repairs] == ["``", "''", "''", "''", "\u00c3\u00a9", "''", "''"]
    for r in repairs:  # every offset in the repaired text, the mojibake's too
        assert text[r["at"]:r["at"] + len(r["now"])] == r["now"]


def test_a_doubled_apostrophe_or_two_is_left_alone():
    text = "Stand up and repeat ''_Tis the voice of the sluggard_,' said the Gryphon."
    assert repair_text(text) == (text, [])


# -- repair_text: '?' for an apostrophe --------------------------------------

@pytest.mark.parametrize(
    "damaged, repaired",
    [
        ("Council?s army", "Council's army"),
        ("you didn?t deserve", "you didn't deserve"),
        ("I?m here", "I'm here"),
        ("Spike?s coat", "Spike's coat"),
        ("you?re late, it?s late", "you're late, it's late"),
        ("we?ll, they?ve, she?d", "we'll, they've, she'd"),
        ("Yes, ma?am. Y?all at five o?clock", "Yes, ma'am. Y'all at five o'clock"),
        ("DON?T", "DON'T"),
        ("Mr O?Brien", "Mr O'Brien"),
    ],
)
def test_repairs_question_mark_apostrophes(damaged, repaired):
    text, repairs = repair_text(damaged)
    assert text == repaired
    assert all(r["was"] == "?" and r["now"] == "'" and text[r["at"]] == "'" for r in repairs)


@pytest.mark.parametrize(
    "text",
    [
        "Why? Because.",
        "so what?",
        "\"Blondiebear?  \"",
        "more sensitive?.\"said Buffy.",
        "Is that so?\" said Buffy",
        "send him over ?\"",
        "Why?Because I said so.",
        "What?That is absurd.",
        "Really?really?",
        "a?b 3?s x?1",
    ],
)
def test_real_question_marks_survive(text):
    assert repair_text(text) == (text, [])


# -- repair_text: properties -------------------------------------------------

_PLAIN = st.text(alphabet=string.ascii_letters + string.digits + " \n.,;:!'\"-()" + "\u2019\u201c\u201d\u2014")


@given(_PLAIN)
def test_repair_is_identity_on_clean_text(text):
    assert repair_text(text) == (text, [])


@given(st.text(alphabet=string.ascii_letters + " ?.,'\"!\n"))
def test_question_mark_repair_preserves_length(text):
    repaired, repairs = repair_text(text)
    assert len(repaired) == len(text)
    assert repaired.replace("'", "?") == text.replace("'", "?")
    assert len(repairs) == sum(1 for a, b in zip(text, repaired) if a != b)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs"))))
def test_utf8_round_trip(text):
    if not text.strip():
        return
    assert decode_bytes(text.encode("utf-8")) == (text, "utf-8")


# -- gutenberg_bounds ---------------------------------------------------------

HEADER = (
    "The Project Gutenberg EBook of A Tale, by Someone\n\n"
    "Title: A Tale\n\nAuthor: Someone\n\n"
    "*** START OF THIS PROJECT GUTENBERG EBOOK A TALE ***\n\n\n"
)
STORY = "CHAPTER I\n\n\"Hello,\" said Ann.\n\nThe end."
FOOTER = (
    "\n\n\n\nEnd of the Project Gutenberg EBook of A Tale, by Someone\n\n"
    "*** END OF THIS PROJECT GUTENBERG EBOOK A TALE ***\n\nLicence text.\n"
)


def test_gutenberg_bounds_find_the_story():
    text = HEADER + STORY + FOOTER
    start, end = gutenberg_bounds(text)
    assert text[start:end] == STORY


def test_gutenberg_bounds_skip_produced_by():
    text = HEADER + "Produced by A. Volunteer and the Online\nDistributed Proofreading Team\n\n" + STORY + FOOTER
    start, end = gutenberg_bounds(text)
    assert text[start:end] == STORY


def test_gutenberg_bounds_new_style_markers():
    text = (
        "*** START OF THE PROJECT GUTENBERG EBOOK A TALE ***\n" + STORY
        + "\n*** END OF THE PROJECT GUTENBERG EBOOK A TALE ***\n"
    )
    start, end = gutenberg_bounds(text)
    assert text[start:end] == STORY


def test_gutenberg_bounds_old_small_print():
    text = (
        "**The Project Gutenberg Etext of A Tale**\nlegal words\n"
        "*END*THE SMALL PRINT! FOR PUBLIC DOMAIN ETEXTS*Ver.04.29.93*END*\n\n"
        + STORY + "\n\nEnd of Project Gutenberg's A Tale, by Someone\n"
    )
    start, end = gutenberg_bounds(text)
    assert text[start:end] == STORY


def test_gutenberg_bounds_without_markers():
    assert gutenberg_bounds(STORY) == (0, len(STORY))
    assert gutenberg_bounds("") == (0, 0)


# -- read_text ----------------------------------------------------------------

def test_read_text(tmp_path):
    path = tmp_path / "the-long_goodbye.txt"
    raw = "It was cold.\r\n\r\n\u201cDon\u2019t,\u201d she said.\rHe didn?t.".encode("cp1252")
    path.write_bytes(raw)
    doc = read_text(path)
    assert isinstance(doc, Document)
    assert doc.text == "It was cold.\n\n\u201cDon\u2019t,\u201d she said.\nHe didn't."
    assert doc.source == {
        "path": str(path), "format": "text", "encoding": "cp1252",
        "sha256": hashlib.sha256(raw).hexdigest(), "repairs": 2,
    }
    assert doc.metadata == {"title": "The Long Goodbye"}
    assert [(s.start, s.end, s.label) for s in doc.layers["body"]] == [(0, len(doc.text), "body")]


def test_read_text_bytes_gutenberg_title_and_body():
    doc = read_text_bytes((HEADER + STORY + FOOTER).encode())
    assert doc.metadata["title"] == "A Tale"
    body = doc.layers["body"][0]
    assert doc.text[body.start:body.end] == STORY
    assert doc.source["path"] == "<bytes>"


def test_read_text_repairs_mojibake_file(tmp_path):
    path = tmp_path / "m.txt"
    path.write_bytes("It\u2019s a caf\u00e9.".encode("utf-8").decode("cp1252").encode("utf-8"))
    doc = read_text(path)
    assert doc.text == "It\u2019s a caf\u00e9."
    assert doc.source["repairs"] == 2


def test_missing_file(tmp_path):
    path = tmp_path / "nope.txt"
    with pytest.raises(InputError) as err:
        read_text(path)
    assert str(err.value) == f"{path}: no such file"


def test_directory(tmp_path):
    with pytest.raises(InputError) as err:
        read_text(tmp_path)
    assert str(err.value) == f"{tmp_path}: is a directory, not a file"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX user")
def test_unreadable_file(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("hidden")
    path.chmod(0)
    try:
        with pytest.raises(InputError) as err:
            read_text(path)
        assert "permission denied" in err.value.problem
    finally:
        path.chmod(0o644)


def test_permission_error_is_explained(tmp_path, monkeypatch):
    path = tmp_path / "locked.txt"
    path.write_text("hidden")

    def refuse(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(InputError) as err:
        read_text(path)
    assert str(err.value) == f"{path}: permission denied: the file cannot be read"


def test_empty_and_binary_files(tmp_path):
    empty, binary = tmp_path / "empty.txt", tmp_path / "pic.txt"
    empty.write_bytes(b"")
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    with pytest.raises(InputError, match=r"empty\.txt: the file is empty$"):
        read_text(empty)
    with pytest.raises(InputError, match=r"pic\.txt: a PNG image, not a text file$"):
        read_text(binary)


# -- the dispatcher -----------------------------------------------------------

@pytest.mark.parametrize(
    "data, kind",
    [
        (b"Once upon a time.", "text"),
        (b"", "text"),
        ("Once upon a time.".encode("utf-16"), "text"),
        (b"<!DOCTYPE html>\n<html><body>Hi</body></html>", "html"),
        (b"PK\x03\x04" + bytes(26) + b"mimetypeapplication/epub+zip", "epub"),
        (b"PK\x03\x04" + bytes(26) + b"word/document.xml", "zip"),
        (b"%PDF-1.4\n", "pdf"),
        (b"\x89PNG\r\n\x1a\n", "binary"),
        (b"abc\x00\x01\x02", "binary"),
    ],
)
def test_sniff(data, kind):
    assert sniff(data) == kind


def test_read_dispatches_by_content_and_refuses_the_rest(tmp_path):
    story, page, pdf = tmp_path / "story.txt", tmp_path / "page.txt", tmp_path / "book.txt"
    story.write_text("Hello.", encoding="utf-8")
    page.write_text("<html><body><p>Hello.</p></body></html>", encoding="utf-8")
    pdf.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    assert (read(story).text, read(story).source["format"]) == ("Hello.", "text")
    assert (read(page).text, read(page).source["format"]) == ("Hello.", "html")
    with pytest.raises(InputError, match="PDF stories are not supported yet"):
        read(pdf)


def test_read_bytes_reads_a_story_held_in_memory(tmp_path):
    path = tmp_path / "page.txt"
    data = b"<html><body><p>\"Hello,\" said Ann.</p></body></html>"
    path.write_bytes(data)
    held = read_bytes(data, "stories.zip!page.txt")
    assert (held.text, held.source["format"]) == (read(path).text, "html")
    assert held.source["path"] == "stories.zip!page.txt"
    assert held.source["sha256"] == hashlib.sha256(data).hexdigest()
    with pytest.raises(InputError, match="^stories.zip!e.txt: the file is empty$"):
        read_bytes(b"", "stories.zip!e.txt")


# -- the story this project started from --------------------------------------

@pytest.mark.skipif(not APOLOGY.exists(), reason="shared/stories/the-apology.txt is not available")
def test_the_apology():
    doc = read_text(APOLOGY)
    text = doc.text
    assert "Council's" in text and "didn't" in text
    assert "sensitive?." in text and "Blondiebear?" in text
    assert text.index("Blondiebear") == 1324
    assert doc.metadata["title"] == "The Apology"
