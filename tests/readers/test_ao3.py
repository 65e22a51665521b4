"""AO3 downloads (readers/ao3.py through readers/html.py and readers/epub.py): every preface
field into metadata, only the chapters' text into the story, the same result from the HTML
and the EPUB of one work."""
from __future__ import annotations

from pathlib import Path

import pytest
from ao3_fixture import Work, WorkChapter, ao3_epub, ao3_html
from hypothesis import given, settings
from hypothesis import strategies as st
from lantern_work import (
    CHAPTER_NOTES,
    CHAPTER_ONE,
    CHAPTER_THREE,
    CHAPTER_TWO,
    NOTES,
    lantern_work,
)

from storycast.document import Document
from storycast.readers import read
from storycast.readers.ao3 import relationship_pairs, strip_fandom
from storycast.readers.epub import read_epub_bytes
from storycast.readers.html import read_html_bytes

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples"
URL = "http://archiveofourown.org/works/3141592"

LANTERN_METADATA = {
    "title": "The Lamplighter's Apprentice",
    "authors": ["Anonymous"],
    "rating": "General Audiences",
    "warnings": ["No Archive Warnings Apply"],
    "categories": ["Gen", "F/M"],
    "fandoms": ["Lantern Street (Original Work)"],
    "relationships": ["Tobias Fenn/Agnes Ashby", "Mara Quill & Tobias Fenn (Lantern Street)"],
    "characters": ["Mara Quill (Lantern Street)", "Tobias Fenn (Lantern Street)", "Agnes Ashby",
                   "Constable Reyes (Lantern Street)", "Original Female Character(s)"],
    "additional_tags": ["Found Family", "Apprenticeship"],
    "language": "English",
    "series": [{"title": "Lantern Street", "part": 2,
                "url": "http://archiveofourown.org/series/271828"}],
    "collections": ["Small_Lights_2021"],
    "published": "2021-03-01",
    "updated": "2021-03-15",
    "words": 286,
    "chapters": "3/3",
    "summary": NOTES["summary"],
    "notes": NOTES["notes"],
    "end_notes": NOTES["end_notes"],
    "chapter_notes": [
        {"chapter": 1, "title": "Chapter 1: The Long Pole", **CHAPTER_NOTES[0]},
        {"chapter": 2, "title": "Chapter 2", **CHAPTER_NOTES[1]},
        {"chapter": 3, "title": "Chapter 3: Last Light", **CHAPTER_NOTES[2]},
    ],
    "url": URL,
    "relationship_pairs": [
        {"characters": ["Tobias Fenn", "Agnes Ashby"], "kind": "romantic",
         "tag": "Tobias Fenn/Agnes Ashby"},
        {"characters": ["Mara Quill", "Tobias Fenn"], "kind": "platonic",
         "tag": "Mara Quill & Tobias Fenn (Lantern Street)"},
    ],
}
STORY = "\n\n".join(CHAPTER_ONE + CHAPTER_TWO + CHAPTER_THREE)


@pytest.fixture(scope="module", params=["html", "epub"])
def lantern(request):
    work = lantern_work()
    if request.param == "html":
        return read_html_bytes(ao3_html(work).encode("utf-8"), "lantern.html")
    return read_epub_bytes(ao3_epub(work), "lantern.epub")


def test_format(lantern):
    assert lantern.source["format"] in ("ao3-html", "ao3-epub")
    assert lantern.source["format"].endswith(Path(lantern.source["path"]).suffix[1:])


def test_every_preface_field_is_metadata(lantern):
    extra = {"publisher": "Archive of Our Own",
             "identifiers": ["3a9e8646-0dad-5fa3-805e-ebbdcdd65097"]}
    expected = LANTERN_METADATA if lantern.source["format"] == "ao3-html" else {
        **LANTERN_METADATA, **extra}
    assert lantern.metadata == expected
    assert list(lantern.metadata)[:3] == ["title", "authors", "rating"]


def test_text_is_the_chapters_alone(lantern):
    assert lantern.text == STORY


def test_chapters_have_their_headings_as_titles(lantern):
    assert [(c.label, lantern.text[c.start:c.end]) for c in lantern.chapters] == [
        ("Chapter 1: The Long Pole", "\n\n".join(CHAPTER_ONE)),
        ("Chapter 2", "\n\n".join(CHAPTER_TWO)),
        ("Chapter 3: Last Light", "\n\n".join(CHAPTER_THREE)),
    ]


def test_no_preface_notes_or_afterword_in_the_text(lantern):
    unwanted = [*NOTES.values(), *(n for notes in CHAPTER_NOTES for n in notes.values()),
                "Posted originally", "Archive of Our Own", "Lantern Street (Original Work)",
                "drop by the archive", "See the end", "more notes", "Preface", "Afterword",
                "Chapter Summary", "Chapter Notes", "End Notes", "Anonymous"]
    for text in unwanted:
        for part in text.split("\n\n"):
            assert part not in lantern.text, part


def test_metadata_and_chapters_survive_the_json_round_trip(lantern):
    loaded = Document.from_json(lantern.to_json())
    assert loaded.metadata == lantern.metadata
    assert [(c.start, c.end, c.label) for c in loaded.chapters] == \
           [(c.start, c.end, c.label) for c in lantern.chapters]


def test_the_html_and_the_epub_read_alike():
    work = lantern_work()
    html = read_html_bytes(ao3_html(work).encode("utf-8"), "w.html")
    epub = read_epub_bytes(ao3_epub(work), "w.epub")
    assert epub.text == html.text
    assert [(c.start, c.end, c.label) for c in epub.chapters] == \
           [(c.start, c.end, c.label) for c in html.chapters]


def test_a_one_chapter_work_with_an_author_and_a_work_in_progress():
    work = Work(title="Short & Sweet", authors=["first_writer", "second_writer"],
                chapters=[WorkChapter(paragraphs=["It was short.", "It was <sweet>."])],
                completed=False, expected_chapters=None, updated="2022-01-02",
                characters=["Someone"], relationships=["A/B/C"])
    for doc in (read_html_bytes(ao3_html(work).encode(), "s.html"),
                read_epub_bytes(ao3_epub(work), "s.epub")):
        assert doc.text == "It was short.\n\nIt was <sweet>."
        assert [(c.label, c.start, c.end) for c in doc.chapters] == [("Short & Sweet", 0, 30)]
        assert doc.metadata["authors"] == ["first_writer", "second_writer"]
        assert doc.metadata["chapters"] == "1/?"
        assert doc.metadata["updated"] == "2022-01-02"
        assert doc.metadata["words"] == 6
        assert doc.metadata["relationship_pairs"] == [
            {"characters": ["A", "B", "C"], "kind": "romantic", "tag": "A/B/C"}]
        assert "summary" not in doc.metadata and "chapter_notes" not in doc.metadata


def test_an_ao3_download_is_told_by_its_structure(tmp_path):
    path = tmp_path / "download"  # no suffix at all
    path.write_text(ao3_html(lantern_work()), encoding="utf-8")
    assert read(path).source["format"] == "ao3-html"
    epub = tmp_path / "download.bin"
    epub.write_bytes(ao3_epub(lantern_work()))
    assert read(epub).source["format"] == "ao3-epub"


def test_a_page_with_a_preface_but_no_archive_marks_is_plain_html():
    markup = ("<html><body><div id='preface'><p>Foreword.</p></div>"
              "<div id='chapters'><p>The story.</p></div></body></html>")
    doc = read_html_bytes(markup.encode(), "x.html")
    assert doc.source["format"] == "html"


# -- tags -------------------------------------------------------------------------------

@pytest.mark.parametrize("tag, name", [
    ("Spike (Buffyverse)", "Spike"), ("Buffy Summers", "Buffy Summers"),
    ("Alice (Alice in Wonderland)", "Alice"), ("Rose Tyler  (Doctor Who) ", "Rose Tyler"),
    ("(Buffyverse)", "(Buffyverse)"),
])
def test_strip_fandom(tag, name):
    assert strip_fandom(tag) == name


def test_relationship_pairs_are_typed():
    assert relationship_pairs(["Buffy Summers/Spike (Buffyverse)",
                               "Buffy Summers & Willow Rosenberg", "Past Relationship(s)"]) == [
        {"characters": ["Buffy Summers", "Spike"], "kind": "romantic",
         "tag": "Buffy Summers/Spike (Buffyverse)"},
        {"characters": ["Buffy Summers", "Willow Rosenberg"], "kind": "platonic",
         "tag": "Buffy Summers & Willow Rosenberg"},
    ]


# -- property: any story laid out by the archive reads back to its paragraphs -------------

_WORD = st.text(alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyzABCXYZ0123456789"
                                              ".,;:!'\"-&<>()")), min_size=1, max_size=12)
_PARAGRAPH = st.lists(_WORD, min_size=1, max_size=12).map(" ".join)
_CHAPTER = st.lists(_PARAGRAPH, min_size=1, max_size=5)


@settings(max_examples=40, deadline=None)
@given(st.lists(_CHAPTER, min_size=1, max_size=4), st.sampled_from(["html", "epub"]))
def test_any_work_reads_back_to_its_paragraphs(chapters, kind):
    work = Work(title="T", chapters=[WorkChapter(paragraphs=c, summary="S", end_notes="E")
                                     for c in chapters], summary="Work summary")
    doc = (read_html_bytes(ao3_html(work).encode(), "w.html") if kind == "html"
           else read_epub_bytes(ao3_epub(work), "w.epub"))
    assert [doc.text[c.start:c.end].split("\n\n") for c in doc.chapters] == chapters
    assert doc.text == "\n\n".join(p for c in chapters for p in c)


# -- the shared samples -----------------------------------------------------------------

ALICE_METADATA = {
    "title": "Down the Rabbit-Hole (and Further)",
    "authors": ["lewis_carroll_fan"],
    "rating": "General Audiences",
    "warnings": ["No Archive Warnings Apply"],
    "categories": ["Gen"],
    "fandoms": ["Alice in Wonderland - Lewis Carroll"],
    "characters": ["Alice (Alice in Wonderland)", "White Rabbit (Alice in Wonderland)",
                   "Mouse (Alice in Wonderland)", "Dodo (Alice in Wonderland)"],
    "additional_tags": ["Public Domain", "Canon Retelling"],
    "language": "English",
    "published": "2020-05-04",
    "words": 5968,
    "chapters": "3/3",
    "summary": "The first three chapters of a public-domain classic, laid out as an archive "
               "download.",
    "notes": "Sample for format tests.",
    "end_notes": "The text is Lewis Carroll's, in the public domain.",
    "url": "http://archiveofourown.org/works/2000002",
}


@pytest.mark.skipif(not SAMPLES.is_dir(), reason=f"{SAMPLES} is absent")
@pytest.mark.parametrize("name", ["alice-ao3.html", "alice-ao3.epub"])
def test_the_shared_samples(name):
    doc = read(SAMPLES / name)
    assert doc.source["format"] == "ao3-" + name.rsplit(".", 1)[1]
    extra = {} if name.endswith("html") else {
        "publisher": "Archive of Our Own", "identifiers": ["c064223d-bd57-5c97-a7d7-03d58850730b"]}
    assert doc.metadata == {**ALICE_METADATA, **extra}
    assert [c.label for c in doc.chapters] == ["Chapter 1: Down the Rabbit-Hole",
                                               "Chapter 2: The Pool of Tears",
                                               "Chapter 3: A Caucus-Race and a Long Tale"]
    starts = [doc.text[c.start:c.start + 40] for c in doc.chapters]
    assert starts == ["Alice was beginning to get very tired of",
                      "\"Curiouser and curiouser!\" cried Alice (",
                      "They were indeed a queer-looking party t"]
    assert doc.text.endswith("was coming back to finish his story.")
    assert len(doc.text.split()) == 5968  # the archive's own word count
    for matter in ("Posted originally", "Sample for format tests", "laid out as an archive",
                   "public domain.", "drop by the archive", "Preface", "Afterword"):
        assert matter not in doc.text
