"""Segmentation: paragraphs, sentences and chapters (stages/segment.py)."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from storycast.document import Document
from storycast.spans import Span
from storycast.stages.segment import find_chapters, find_paragraphs, find_sentences, segment


def spans(text: str, found: list[Span]) -> list[str]:
    return [text[s.start:s.end] for s in found]


def sentences_of(text: str) -> list[str]:
    return spans(text, find_sentences(text, find_paragraphs(text)))


def chapters_of(text: str) -> list[tuple[int, int, str]]:
    return [(c.start, c.end, c.label) for c in find_chapters(text, find_paragraphs(text), 0, len(text))]


# -- paragraphs -----------------------------------------------------------------------
def test_paragraphs_are_separated_by_blank_lines_and_trimmed():
    text = "First line one.\nline two.\n\n\n  Second para.  \n\nThird."
    found = find_paragraphs(text)
    assert [(p.start, p.end) for p in found] == [(0, 25), (30, 42), (46, 52)]
    assert spans(text, found) == ["First line one.\nline two.", "Second para.", "Third."]
    assert {p.label for p in found} == {"paragraph"}


def test_a_line_of_spaces_and_tabs_is_a_blank_line():
    text = "One.\n \t \nTwo."
    assert spans(text, find_paragraphs(text)) == ["One.", "Two."]


def test_a_single_newline_does_not_end_a_paragraph():
    text = "He came in\nand sat down.\n\nShe left."
    assert spans(text, find_paragraphs(text)) == ["He came in\nand sat down.", "She left."]


def test_text_with_one_paragraph_per_line():
    lines = [f"Line number {n} of the story." for n in range(25)]
    text = "\n".join(lines)
    found = find_paragraphs(text)
    assert spans(text, found) == lines
    assert (found[1].start, found[1].end) == (28, 55)


def test_paragraphs_of_a_region_keep_document_offsets():
    text = "Front matter.\n\nThe story begins.\n\nIt ends.\n\nBack matter."
    found = find_paragraphs(text, 15, 43)
    assert [(p.start, p.end) for p in found] == [(15, 32), (34, 42)]
    assert spans(text, found) == ["The story begins.", "It ends."]


def test_empty_and_blank_text_have_no_paragraphs():
    assert find_paragraphs("") == []
    assert find_paragraphs(" \n\n \t\n") == []


# -- sentences ------------------------------------------------------------------------
def test_sentences_end_at_full_stops_question_and_exclamation_marks():
    assert sentences_of("He sat down! Did she call? It rained. The end.") == [
        "He sat down!", "Did she call?", "It rained.", "The end."]


def test_abbreviations_and_initials_do_not_end_a_sentence():
    text = ("Mr. Bennet came in. Mrs. Long and Dr. Jones followed him. "
            "A. B. Jones was there. He looked at St. John.")
    assert sentences_of(text) == [
        "Mr. Bennet came in.", "Mrs. Long and Dr. Jones followed him.",
        "A. B. Jones was there.", "He looked at St. John."]


def test_a_closing_quote_mark_stays_with_its_sentence():
    assert sentences_of('"Is it Dr. Who?" she asked. He nodded.') == [
        '"Is it Dr. Who?" she asked.', "He nodded."]


def test_a_full_stop_before_a_lower_case_word_ends_nothing():
    assert sentences_of("It was five p.m. and dark. Then... he left.") == [
        "It was five p.m. and dark.", "Then... he left."]


def test_sentences_never_cross_a_paragraph():
    text = "She waited\n\nfor him. He came."
    assert sentences_of(text) == ["She waited", "for him.", "He came."]


# -- chapters -------------------------------------------------------------------------
def test_roman_numbered_chapters_in_capitals():
    text = "CHAPTER I.\n\nIt began.\n\nCHAPTER II\n\nIt went on."
    assert chapters_of(text) == [(0, 23, "CHAPTER I"), (23, 46, "CHAPTER II")]


def test_chapter_with_a_number_and_a_title_after_front_matter():
    text = "Front.\n\nChapter 2: The Ball\n\nDancing."
    assert chapters_of(text) == [(0, 8, ""), (8, 37, "Chapter 2: The Ball")]


def test_a_story_without_headings_is_one_chapter():
    text = "No headings here.\n\nNone at all."
    assert chapters_of(text) == [(0, 31, "")]


def test_a_paragraph_that_starts_with_the_word_chapter_is_no_heading():
    text = "Chapter and verse were quoted.\n\nThe chapter ended."
    assert chapters_of(text) == [(0, 50, "")]


def test_segment_stage_fills_the_three_layers_within_the_body():
    doc = Document(text="Front matter.\n\nThe story. It goes.\n\nBack matter.")
    doc.layers["body"] = [Span(15, 34)]
    doc = segment(doc)
    assert [(p.start, p.end) for p in doc.paragraphs] == [(15, 34)]
    assert spans(doc.text, doc.sentences) == ["The story.", "It goes."]
    assert [(c.start, c.end, c.label) for c in doc.chapters] == [(15, 34, "")]


# -- properties -----------------------------------------------------------------------
_STORY_TEXT = st.text(alphabet="ab .!?\"'\n\t MrCHAPTERI", max_size=300)


@settings(max_examples=300, deadline=None)
@given(text=_STORY_TEXT, cut=st.tuples(st.integers(0, 300), st.integers(0, 300)))
def test_paragraph_spans_are_in_bounds_ordered_trimmed_and_cover_the_text(text, cut):
    start, end = sorted(min(c, len(text)) for c in cut)
    found = find_paragraphs(text, start, end)
    previous_end = start
    for p in found:
        assert previous_end <= p.start < p.end <= end  # in bounds, non-empty, non-overlapping
        chunk = text[p.start:p.end]
        assert not chunk[0].isspace() and not chunk[-1].isspace()  # trimmed
        assert not re.search(r"\n[ \t]*\n", chunk)  # no blank line inside
        previous_end = p.end
    covered = set()
    for p in found:
        covered.update(range(p.start, p.end))
    assert all(text[k].isspace() for k in range(start, end) if k not in covered)


@settings(max_examples=200, deadline=None)
@given(text=_STORY_TEXT)
def test_sentences_lie_within_their_paragraphs_and_are_trimmed(text):
    paragraphs = find_paragraphs(text)
    previous_end = 0
    for s in find_sentences(text, paragraphs):
        assert previous_end <= s.start < s.end
        assert any(p.start <= s.start and s.end <= p.end for p in paragraphs)
        chunk = text[s.start:s.end]
        assert not chunk[0].isspace() and not chunk[-1].isspace()
        previous_end = s.end


def test_a_chapter_title_on_the_line_under_its_heading():
    text = ("CHAPTER I.\nDown the Rabbit-Hole\n\nAlice was tired.\n\n"
            "CHAPTER II.\nThe Pool of Tears\n\nCuriouser and curiouser.")
    assert [label for _, _, label in chapters_of(text)] == [
        "CHAPTER I: Down the Rabbit-Hole", "CHAPTER II: The Pool of Tears"]


def test_chapters_the_reader_supplied_are_kept():
    text = "One.\n\nChapter 2\n\nTwo.\n\nThree."
    doc = Document(text=text)
    doc.layers["chapters"] = [Span(0, 4, "The Start"), Span(6, len(text), "The Rest")]
    segment(doc)
    assert [(c.start, c.end, c.label) for c in doc.chapters] == [
        (0, 4, "The Start"), (6, len(text), "The Rest")]
    assert spans(text, doc.paragraphs) == ["One.", "Chapter 2", "Two.", "Three."]
