"""An AO3 work's character tags as the cast (analysis.py, cast.py, stages/cast_match.py),
and The Apology laid out as the archive's HTML and EPUB: the same 44 speakers as from text.

The Apology fixtures are built at test time from ../shared/stories/the-apology.txt and
skipped where it is absent.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from ao3_fixture import Work, WorkChapter, ao3_epub, ao3_html, paragraphs_of
from lantern_work import lantern_work

import storycast
from storycast.readers.epub import read_epub_bytes
from storycast.readers.html import read_html_bytes

HERE = Path(__file__).resolve()
APOLOGY = HERE.parents[3] / "shared" / "stories" / "the-apology.txt"
EXPECTED = HERE.parents[1] / "data" / "the-apology.expected.tsv"
APOLOGY_TAGS = ["Buffy Summers", "Spike (Buffyverse)", "Harmony Kendall", "Russell (Buffyverse)"]
TAG_NAMES = {"Buffy": "Buffy Summers", "Spike": "Spike", "Harmony": "Harmony Kendall",
             "Russell": "Russell"}


def lantern(kind: str = "html") -> storycast.Document:
    work = lantern_work()
    if kind == "html":
        return read_html_bytes(ao3_html(work).encode(), "lantern.html")
    return read_epub_bytes(ao3_epub(work), "lantern.epub")


@pytest.fixture(scope="module", params=["html", "epub"])
def analysed(request):
    return storycast.analyze(lantern(request.param))


def test_tags_are_the_cast_without_their_fandom(analysed):
    assert analysed.cast_source == "tags"
    assert analysed.cast == [["Mara Quill"], ["Tobias Fenn"], ["Agnes Ashby"],
                             ["Constable Reyes"]]
    names = {c.name: set(c.aliases) for c in analysed.characters}
    assert names["Tobias Fenn"] >= {"Tobias", "Mr. Fenn"}
    assert names["Mara Quill"] >= {"Mara"}
    assert names["Agnes Ashby"] >= {"Agnes"}


def test_a_tag_the_story_never_names_is_no_character(analysed):
    assert not [c for c in analysed.characters if "Reyes" in c.name or "Original" in c.name]


def test_characters_the_tags_leave_out_are_still_found(analysed):
    pip = [c for c in analysed.characters if c.name == "Pip"]
    assert len(pip) == 1 and pip[0].quotes == 2


def test_every_speaker(analysed):
    got = [analysed.character(q.speaker).name for q in analysed.quotes]
    assert got == ["Tobias Fenn", "Mara Quill", "Tobias Fenn", "Tobias Fenn", "Mara Quill",
                   "Mara Quill", "Pip", "Tobias Fenn", "Pip", "Tobias Fenn",
                   "Agnes Ashby", "Tobias Fenn", "Mara Quill", "Agnes Ashby"]


def test_no_cast_ignores_the_tags():
    doc = storycast.analyze(lantern(), no_cast=True)
    assert doc.cast is None and doc.cast_source is None
    # names as the text uses them most, not as the tags spell them
    assert {c.name for c in doc.characters} == {"Tobias", "Mara", "Pip", "Agnes"}


def test_a_given_cast_replaces_the_tags():
    doc = storycast.analyze(lantern(), cast=[["Tobias Fenn", "Old Toby"], ["Mara Quill"],
                                             ["Constable Reyes"]])
    assert doc.cast_source == "given"
    # a cast the reader gives is listed whole, even one who never appears
    assert [c.name for c in doc.characters if c.mentions == 0] == ["Constable Reyes"]


def test_cast_and_no_cast_together_are_refused():
    with pytest.raises(ValueError):
        storycast.analyze(lantern(), cast=[["A"]], no_cast=True)


def test_plain_text_has_no_tags_and_no_cast(tiny_story):
    doc = storycast.analyze(tiny_story)
    assert doc.cast is None and doc.cast_source is None


# -- The Apology as the archive serves it -----------------------------------------------

def apology_work() -> Work:
    text = APOLOGY.read_text(encoding="utf-8")
    paragraphs = paragraphs_of(text)
    # "Chapter 1" and "The Apology" head the text file; the archive holds them as structure
    assert [p.strip() for p in paragraphs[:2]] == ["Chapter 1", "The Apology"]
    return Work(
        title="The Apology", chapters=[WorkChapter(paragraphs=paragraphs[2:])],
        authors=["slayerfan"], work_id=1999, rating="Teen And Up Audiences",
        categories=["F/M"], fandoms=["Buffy the Vampire Slayer"],
        relationships=["Buffy Summers/Spike (Buffyverse)"], characters=APOLOGY_TAGS,
        additional_tags=["Post-Canon", "Fluff"], published="2009-06-12",
        summary="Harmony turns up in Paris with an apology nobody asked for.",
        notes="Set after the series finale.", end_notes="Feedback is welcome!")


def expected() -> list[tuple[int, int, str]]:
    rows = []
    for line in EXPECTED.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            start, end, speaker, _ = line.split("\t")
            rows.append((int(start), int(end), speaker.strip()))
    return rows


@pytest.fixture(scope="module", params=["html", "epub"])
def apology(request):
    if not APOLOGY.is_file():
        pytest.skip(f"{APOLOGY} is absent")
    work = apology_work()
    if request.param == "html":
        return read_html_bytes(ao3_html(work).encode("utf-8"), "the-apology.html")
    return read_epub_bytes(ao3_epub(work), "the-apology.epub")


def test_apology_metadata(apology):
    meta = apology.metadata
    assert meta["title"] == "The Apology"
    assert meta["authors"] == ["slayerfan"]
    assert meta["characters"] == APOLOGY_TAGS
    assert meta["fandoms"] == ["Buffy the Vampire Slayer"]
    assert meta["relationship_pairs"] == [{"characters": ["Buffy Summers", "Spike"],
                                           "kind": "romantic",
                                           "tag": "Buffy Summers/Spike (Buffyverse)"}]
    assert meta["chapters"] == "1/1"
    assert meta["url"] == "http://archiveofourown.org/works/1999"
    assert [c.label for c in apology.chapters] == ["The Apology"]


def test_apology_text_has_no_preface_or_afterword(apology):
    assert apology.text.startswith(".Spike and Buffy sat in a dance club in Paris.")
    assert apology.text.endswith("The End.")
    for matter in ("Harmony turns up in Paris", "Set after the series finale",
                   "Feedback is welcome", "Posted originally", "Buffy the Vampire Slayer",
                   "slayerfan", "drop by the archive", "Chapter 1"):
        assert matter not in apology.text


def test_apology_44_of_44_speakers_with_the_tags_as_cast(apology):
    plain = storycast.read(APOLOGY).text
    doc = storycast.analyze(apology)
    assert doc.cast_source == "tags"
    rows = expected()
    assert len(doc.quotes) == len(rows) == 44
    for quote, (start, end, speaker) in zip(doc.quotes, rows):
        # the same quotation (HTML collapses runs of spaces) by the same speaker
        assert quote.text(doc.text).split() == plain[start:end].split()
        assert doc.character(quote.speaker).name == TAG_NAMES[speaker]
    speakers = {TAG_NAMES[speaker] for _, _, speaker in rows}
    assert {c.name for c in doc.characters if c.quotes} == speakers
    assert set(TAG_NAMES.values()) <= {c.name for c in doc.characters}  # Russell is named
