"""EPUB books (readers/epub.py, readers/package.py): spine order, chapters and titles from
nested navigation, Dublin Core metadata, FanFicFare's and Project Gutenberg's layouts, and
books that are broken or hostile."""
from __future__ import annotations

import io
import re
import zipfile

import pytest
from ao3_fixture import zip_epub
from epub_fixture import (
    FFF_STORY,
    PG_FOOTER,
    PG_HEADER,
    SALT_ROAD,
    fanficfare_epub,
    gutenberg_epub,
    salt_road_epub,
)
from hostile import BILLION_LAUGHS, EXTERNAL
from hypothesis import given, settings
from hypothesis import strategies as st

from storycast.errors import InputError
from storycast.readers import read, sniff
from storycast.readers.epub import read_epub_bytes
from storycast.samples import sample_path


def chapters(doc) -> list[tuple[str, str]]:
    return [(c.label, doc.text[c.start:c.end]) for c in doc.chapters]


def rezip(data: bytes, change: dict[str, str | None]) -> bytes:
    """A copy of an EPUB with members replaced (or removed when None)."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        members = [(n, z.read(n)) for n in z.namelist() if n != "mimetype"]
    members = [(n, change.get(n, d)) for n, d in members if change.get(n, d) is not None]
    members += [(n, d) for n, d in change.items() if d is not None and n not in dict(members)]
    return zip_epub(members)


# -- a book with nested navigation ------------------------------------------------------

SALT_CHAPTERS = [(title, "\n\n".join(text)) for title, text in SALT_ROAD.items()]


@pytest.mark.parametrize("version", [3, 2])
def test_nested_navigation_gives_the_chapters_and_their_titles(version):
    doc = read_epub_bytes(salt_road_epub(version), "salt.epub")
    assert chapters(doc) == SALT_CHAPTERS
    assert doc.text == "\n\n".join(text for _, text in SALT_CHAPTERS)
    assert doc.source["format"] == "epub"


@pytest.mark.parametrize("version", [3, 2])
def test_cover_title_page_contents_and_copyright_are_not_story(version):
    doc = read_epub_bytes(salt_road_epub(version), "salt.epub")
    for matter in ("A novella by", "Harbour Books", "Contents", "Part One", "Part Two",
                   "Copyright", "All rights reserved", "SCRIPTED TEXT", "Start"):
        assert matter not in doc.text


@pytest.mark.parametrize("version", [3, 2])
def test_dublin_core_metadata(version):
    doc = read_epub_bytes(salt_road_epub(version), "salt.epub")
    assert doc.metadata == {
        "title": "The Salt Road",
        "authors": ["R. Marsh"],  # the illustrator is a creator, not an author
        "language": "en-GB",
        "series": [{"title": "Coast Stories", "part": 1}],
        "published": "2023-06-01",
        "publisher": "Harbour Books",
        "description": "Two travellers follow a road made of salt.",
        "subjects": ["Fiction", "Travel"],
        "identifiers": ["urn:uuid:5a17-0ad0-0001"],
    }


def test_without_navigation_each_spine_document_is_a_chapter_titled_by_its_heading():
    data = rezip(salt_road_epub(2), {"OEBPS/toc.ncx": None})
    doc = read_epub_bytes(data, "salt.epub")
    # the title page and copyright page go by the guide, the cover by its name
    assert [c.label for c in doc.chapters] == ["The Well", "The Gate", "Part Two"]
    assert doc.text == "\n\n".join(text for _, text in SALT_CHAPTERS)


def test_spine_order_not_manifest_order():
    data = salt_road_epub(3)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        opf = z.read("OEBPS/content.opf").decode()
    spine = re.search(r"<spine>(.*)</spine>", opf, re.S).group(1)
    refs = spine.strip().split("\n")
    refs[4], refs[5] = refs[5], refs[4]  # ch2 before ch1 in reading order
    doc = read_epub_bytes(rezip(data, {"OEBPS/content.opf": opf.replace(spine, "\n".join(refs))}),
                          "swapped.epub")
    assert [c.label for c in doc.chapters][:2] == ["The Gate", "The Well"]


def test_an_epub_without_its_mimetype_member_first_is_still_read(tmp_path):
    data = salt_road_epub(3)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        members = [(n, z.read(n)) for n in z.namelist() if n != "mimetype"]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for n, d in members:
            z.writestr(n, d)
    path = tmp_path / "book.zip"
    path.write_bytes(out.getvalue())
    assert sniff(out.getvalue()) == "zip"
    assert chapters(read(path)) == SALT_CHAPTERS


# -- FanFicFare -------------------------------------------------------------------------

def test_fanficfare_epub():
    doc = read_epub_bytes(fanficfare_epub(), "fff.epub")
    assert chapters(doc) == [(title, "\n\n".join(text))
                             for title, text, *_ in FFF_STORY["chapters"]]
    assert doc.metadata == {
        "title": "Salt and Lanterns",
        "authors": ["harbourlight"],
        "rating": "Teen And Up Audiences",
        "warnings": ["No Archive Warnings Apply"],
        "fandoms": ["Lantern Street (Original Work)"],
        "relationships": ["Mara Quill & Pip (Lantern Street)"],
        "characters": ["Mara Quill", "Pip (Lantern Street)"],
        "language": "English",
        "series": [{"title": "Lantern Street", "part": 3}],
        "published": "2022-02-02",
        "updated": "2022-02-20",
        "words": 112,
        "chapters": "2",
        "summary": "Pip learns the harbour lamps.",
        "url": "https://archiveofourown.org/works/5550001",
        "relationship_pairs": [{"characters": ["Mara Quill", "Pip"], "kind": "platonic",
                                "tag": "Mara Quill & Pip (Lantern Street)"}],
        "status": "Completed",
        "genres": ["Found Family", "Fluff"],
        "publisher": "archiveofourown.org",
        "subjects": ["Lantern Street (Original Work)", "Found Family", "Completed"],
        "identifiers": ["fanficfare-uid:archiveofourown.org-uharbourlight-s5550001",
                        "https://archiveofourown.org/works/5550001"],
    }


def test_fanficfare_title_page_and_chapter_notes_are_not_story():
    doc = read_epub_bytes(fanficfare_epub(), "fff.epub")
    for matter in ("Title Page", "Category", "harbourlight", "Notes for the Chapter",
                   "Pip has a new job", "Harbour lamps are harder", "The end, for now",
                   "Chapter 1", "Salt and Lanterns"):
        assert matter not in doc.text


# -- Project Gutenberg ------------------------------------------------------------------

def tea_party() -> list[str]:
    text = sample_path().read_text(encoding="utf-8")
    body = text.split("A Mad Tea-Party", 2)[2]
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", body) if p.strip()]


def test_gutenberg_epub_without_its_boilerplate():
    paragraphs = tea_party()
    doc = read_epub_bytes(gutenberg_epub("CHAPTER VII. A Mad Tea-Party", paragraphs), "pg.epub")
    assert chapters(doc) == [("CHAPTER VII. A Mad Tea-Party", "\n\n".join(paragraphs))]
    for matter in (*PG_HEADER, *PG_FOOTER, "MILLENNIUM FULCRUM", "by Lewis Carroll"):
        assert matter not in doc.text
    assert doc.metadata == {
        "title": "Alice's Adventures in Wonderland", "authors": ["Lewis Carroll"],
        "language": "en", "published": "2008-06-27", "publisher": "Project Gutenberg",
        "subjects": ["Fantasy fiction"], "rights": "Public domain in the USA.",
        "identifiers": ["http://www.gutenberg.org/11"]}


def test_an_old_gutenberg_licence_in_plain_paragraphs_is_trimmed():
    story = ["Alice was beginning to get very tired.", "\"Oh dear!\" said the Rabbit."]
    data = rezip(salt_road_epub(2), {"OEBPS/toc.ncx": None, "OEBPS/text/ch1.xhtml": (
        "<html><body><p>The Project Gutenberg EBook of Alice</p>"
        "<p>*** START OF THIS PROJECT GUTENBERG EBOOK ALICE ***</p>"
        + "".join(f"<p>{p}</p>" for p in story)
        + "<p>*** END OF THIS PROJECT GUTENBERG EBOOK ALICE ***</p>"
        "<p>Licence text.</p></body></html>")})
    doc = read_epub_bytes(data, "old.epub")
    assert doc.text.split("\n\n")[:2] == story
    assert "Gutenberg" not in doc.text and "Licence" not in doc.text


# -- broken and hostile books -----------------------------------------------------------

def test_a_truncated_epub():
    data = salt_road_epub(3)
    with pytest.raises(InputError) as err:
        read_epub_bytes(data[: len(data) // 2], "half.epub")
    assert str(err.value).startswith("half.epub: a truncated or damaged EPUB: its zip "
                                     "directory is missing or unreadable")


@pytest.mark.parametrize("member", ["OEBPS/content.opf", "META-INF/container.xml",
                                    "OEBPS/nav.xhtml"])
def test_billion_laughs_anywhere_is_refused(member):
    hostile = BILLION_LAUGHS
    if member.endswith("xhtml"):  # markup: declared entities in an XHTML doctype
        hostile = BILLION_LAUGHS.replace("lolz", "html").replace(
            '<package xmlns="http://www.idpf.org/2007/opf"><metadata><title>&lol9;</title>'
            "</metadata></package>", "<html><body><p>&lol9;</p></body></html>")
    data = rezip(salt_road_epub(3), {member: hostile})
    with pytest.raises(InputError) as err:
        read_epub_bytes(data, "lol.epub")
    assert str(err.value).startswith(f"lol.epub: {member}: ")
    assert "entity declarations refused (a possible entity-expansion attack)" in str(err.value)


def test_an_external_entity_in_the_ncx_is_refused():
    data = rezip(salt_road_epub(2), {"OEBPS/toc.ncx": EXTERNAL})
    with pytest.raises(InputError, match="OEBPS/toc.ncx: XML with entity declarations refused"):
        read_epub_bytes(data, "ext.epub")


def test_a_chapter_with_a_script_keeps_only_its_prose():
    data = rezip(salt_road_epub(3), {"OEBPS/text/ch1.xhtml": (
        '<html><head><script src="https://evil.example/x.js"></script></head><body>'
        "<p>Ines waited.</p><script>document.body.innerHTML='<p>INJECTED</p>'</script>"
        '<p><img src="https://evil.example/pixel.png"/>She listened.</p></body></html>')})
    doc = read_epub_bytes(data, "s.epub")
    assert chapters(doc)[0] == ("The Well", "Ines waited.\n\nShe listened.")


@pytest.mark.parametrize("change, problem", [
    ({"META-INF/container.xml": None}, "not an EPUB book: it has no META-INF/container.xml"),
    ({"META-INF/container.xml": "<container/>"},
     "META-INF/container.xml names no package document"),
    ({"OEBPS/content.opf": None}, "a truncated or damaged EPUB: OEBPS/content.opf is missing"),
    ({"OEBPS/content.opf": "<package><metadata>"}, "OEBPS/content.opf: malformed XML"),
    ({"OEBPS/content.opf": '<package xmlns="http://www.idpf.org/2007/opf"><spine/></package>'},
     "no story text found in this EPUB file"),
])
def test_malformed_books_name_the_problem(change, problem):
    with pytest.raises(InputError) as err:
        read_epub_bytes(rezip(salt_road_epub(3), change), "bad.epub")
    assert err.value.problem.startswith(problem)


def test_drm_protected_chapters_are_named():
    encryption = ('<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" '
                  'xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData>'
                  '<enc:CipherData><enc:CipherReference URI="OEBPS/text/ch1.xhtml"/>'
                  "</enc:CipherData></enc:EncryptedData></encryption>")
    data = rezip(salt_road_epub(3), {"META-INF/encryption.xml": encryption})
    with pytest.raises(InputError) as err:
        read_epub_bytes(data, "drm.epub")
    assert err.value.problem == "an EPUB protected by DRM: its chapters are encrypted"


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=3000))
def test_arbitrary_bytes_give_only_input_errors(data):
    with pytest.raises(InputError):
        read_epub_bytes(b"PK\x03\x04" + data, "any.epub")


_BOOK = salt_road_epub(3)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(_BOOK) - 1), st.integers(0, 255)),
                min_size=1, max_size=8))
def test_a_damaged_book_gives_a_document_or_an_input_error(damage):
    data = bytearray(_BOOK)
    for at, value in damage:
        data[at] = value
    try:
        doc = read_epub_bytes(bytes(data), "damaged.epub")
    except InputError:
        return
    assert doc.text and doc.chapters
