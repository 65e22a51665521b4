"""HTML stories (readers/html.py, readers/markup.py): a saved page's main text, chapters
from its headings, scripts and navigation left out, hostile markup refused or ignored."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storycast.errors import InputError
from storycast.readers import read
from storycast.readers.html import read_html_bytes
from storycast.readers.markup import decode_markup, paragraphs, parse_html, prose

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="windows-1252">
<title>The Night Ferry | Stories by the Sea</title>
<script>var tracking = "SECRET SCRIPT TEXT";</script>
<style>body { font-family: serif; }</style>
<link rel="stylesheet" href="https://example.com/remote.css">
</head>
<body>
<header class="site-header"><a href="/">Stories by the Sea</a>
<nav><a href="/">Home</a> <a href="/about">About</a></nav></header>
<div id="sidebar"><h3>Popular</h3><ul><li><a href="/a">A story</a></li></ul></div>
<div class="content">
<h1>The Night Ferry</h1>
<p class="byline"><a href="/u/wren">Wren Hale</a></p>
<h2>One</h2>
<p>The ferry left at midnight, and Jonah was the only passenger.</p>
<p>\u201cYou\u2019re late,\u201d said the pilot. "Ten minutes."</p>
<p>"The tram broke down," Jonah said.<br>
He sat by the window.</p>
<script>document.write("WRITTEN BY SCRIPT")</script>
<h2>Two</h2>
<p>Halfway across, the engine coughed and stopped.</p>
<p>"Don't worry," said the pilot. "She does this."</p>
<img src="https://example.com/tracker.png" alt="TRACKER">
<p><a href="/ch1">Previous chapter</a> | <a href="/ch3">Next chapter</a></p>
</div>
<div class="comments"><h3>Comments</h3><p>Lovely story! I cried.</p></div>
<footer><p>Copyright 2024 Stories by the Sea</p></footer>
<script src="https://example.com/ads.js"></script>
</body>
</html>
"""
CHAPTER_ONE = ("The ferry left at midnight, and Jonah was the only passenger.\n\n"
               "\u201cYou\u2019re late,\u201d said the pilot. \"Ten minutes.\"\n\n"
               "\"The tram broke down,\" Jonah said.\nHe sat by the window.")
CHAPTER_TWO = ("Halfway across, the engine coughed and stopped.\n\n"
               "\"Don't worry,\" said the pilot. \"She does this.\"")


@pytest.fixture
def page():
    return read_html_bytes(PAGE.encode("cp1252"), "ferry.html")


def test_a_saved_page_reads_to_its_story_alone(page):
    assert page.text == CHAPTER_ONE + "\n\n" + CHAPTER_TWO
    for furniture in ("SECRET SCRIPT", "WRITTEN BY SCRIPT", "Stories by the Sea", "Home",
                      "Popular", "Lovely story", "Copyright", "Previous chapter", "TRACKER",
                      "font-family", "Wren Hale"):
        assert furniture not in page.text


def test_headings_that_recur_are_chapters(page):
    assert [(c.label, page.text[c.start:c.end]) for c in page.chapters] == [
        ("One", CHAPTER_ONE), ("Two", CHAPTER_TWO)]
    assert [(b.start, b.end) for b in page.layers["body"]] == [(0, len(page.text))]


def test_page_source_and_metadata(page):
    assert page.source["format"] == "html"
    assert page.source["encoding"] == "cp1252"  # from <meta charset>
    assert page.metadata == {"title": "The Night Ferry", "language": "en"}


def test_told_by_content_not_suffix(tmp_path):
    path = tmp_path / "ferry.txt"
    path.write_bytes(PAGE.encode("cp1252"))
    doc = read(path)
    assert doc.source["format"] == "html"
    assert doc.text == CHAPTER_ONE + "\n\n" + CHAPTER_TWO


def test_a_page_without_headings_is_one_untitled_chapter():
    doc = read_html_bytes(b"<html><body><p>One.</p><p>Two.</p></body></html>", "p.html")
    assert doc.text == "One.\n\nTwo."
    assert [(c.start, c.end, c.label) for c in doc.chapters] == [(0, 10, "")]
    assert doc.metadata == {"title": "Untitled"}


def test_article_element_is_the_story():
    markup = ("<html><body><div><p>" + "Site blurb. " * 50 + "</p></div>"
              "<article><p>The story.</p><p>It ends.</p></article></body></html>")
    assert read_html_bytes(markup.encode(), "a.html").text == "The story.\n\nIt ends."


def test_the_densest_element_is_the_story_when_nothing_marks_it():
    markup = ("<html><body><div class='top'><p>Menu text</p></div>"
              "<div id='storytext'><p>" + "\n</p><p>".join(["A line of the story."] * 30)
              + "</p></div><div class='bottom'><p>Fine print</p></div></body></html>")
    doc = read_html_bytes(markup.encode(), "s.html")
    assert doc.text == "\n\n".join(["A line of the story."] * 30)


def test_chapters_in_sibling_elements_are_all_kept():
    chapter = "<div class='chapter'><h2>{}</h2>" + "<p>Line of {}.</p>" * 10 + "</div>"
    markup = ("<html><body><div class='menu'><p>Home</p></div><div class='story'>"
              + chapter.format(*["One"] * 11) + chapter.format(*["Two"] * 11)
              + "</div><aside><p>" + "Other stories. " * 20 + "</p></aside></body></html>")
    doc = read_html_bytes(markup.encode(), "c.html")
    assert [c.label for c in doc.chapters] == ["One", "Two"]
    assert doc.text == "\n\n".join(["Line of One."] * 10 + ["Line of Two."] * 10)


def test_breaks_keep_lines_and_two_breaks_end_a_paragraph():
    doc = read_html_bytes(b"<body><p>One<br>line<br/><br />Two  \n  words</p></body>", "b.html")
    assert doc.text == "One\nline\n\nTwo words"


def test_preformatted_text_keeps_its_spacing():
    assert paragraphs(parse_html("<pre>  a  b\n\nc</pre>")) == ["a b", "c"]


def test_unclosed_paragraphs_and_list_items_close_as_browsers_close_them():
    root = parse_html("<div><p>One<p>Two<ul><li>Three<li>Four</ul><p>Five</div>")
    assert paragraphs(root) == ["One", "Two", "Three", "Four", "Five"]


def test_entities_and_character_references_are_decoded():
    assert paragraphs(parse_html("<p>Fish &amp; chips &#8212; caf&eacute; &#x2019;</p>")) == [
        "Fish & chips \u2014 caf\u00e9 \u2019"]


def test_deep_nesting_does_not_exhaust_the_stack():
    markup = "<div>" * 50_000 + "<p>Deep.</p>" + "</div>" * 50_000
    assert paragraphs(parse_html(markup)) == ["Deep."]


def test_prose_reports_headings_and_anchors_in_order():
    blocks = prose(parse_html("<h2 id='c1'>One</h2><p>Text.</p><p id='x'>More.</p>"),
                   anchors={"c1", "x"})
    assert [(b.kind, b.text) for b in blocks] == [
        ("anchor", "c1"), ("heading", "One"), ("paragraph", "Text."), ("anchor", "x"),
        ("paragraph", "More.")]


@pytest.mark.parametrize("data, encoding", [
    ('<meta charset="utf-8"><p>caf\u00e9</p>'.encode("utf-8"), "utf-8"),
    ('<?xml version="1.0" encoding="ISO-8859-1"?><p>caf\u00e9</p>'.encode("latin-1"), "cp1252"),
    ('<p>caf\u00e9</p>'.encode("utf-16"), "utf-16-le"),
    ('<meta charset="utf-16"><p>caf\u00e9</p>'.encode("utf-8"), "utf-8"),  # a false claim
])
def test_decoding_follows_the_declared_charset(data, encoding):
    text, found = decode_markup(data, "x.html")
    assert "caf\u00e9" in text and found == encoding


# -- hostile and broken pages -----------------------------------------------------------

def test_scripts_never_reach_the_text():
    markup = (b"<html><body><p>Before.</p><script>var s = '<p>INJECTED</p>';</script>"
              b"<noscript><p>NOSCRIPT</p></noscript><template><p>TEMPLATE</p></template>"
              b"<svg><text>SVG</text></svg><iframe src='https://evil.example'>FRAME</iframe>"
              b"<p onclick=\"alert('HANDLER')\">After.</p></body></html>")
    assert read_html_bytes(markup, "s.html").text == "Before.\n\nAfter."


def test_an_unclosed_script_swallows_nothing_before_it():
    doc = read_html_bytes(b"<html><body><p>Kept.</p><script>never closed <p>lost", "s.html")
    assert doc.text == "Kept."


def test_billion_laughs_in_html_is_refused():
    markup = b'<!DOCTYPE html [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]><p>&b;</p>'
    with pytest.raises(InputError) as err:
        read_html_bytes(markup, "lol.html")
    assert str(err.value) == ("lol.html: markup with entity declarations refused "
                              "(a possible entity-expansion attack)")


@pytest.mark.parametrize("markup", [b"<html><body></body></html>",
                                    b"<html><head><title>T</title></head></html>",
                                    b"<html><body><nav><p>Only navigation</p></nav></body></html>"])
def test_a_page_without_story_text_says_so(markup):
    with pytest.raises(InputError) as err:
        read_html_bytes(markup, "empty.html")
    assert str(err.value) == "empty.html: no story text found in this HTML file"


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_give_a_document_or_an_input_error(data):
    try:
        doc = read_html_bytes(b"<html><body>" + data, "any.html")
    except InputError:
        return
    assert doc.text and doc.chapters


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/=\"' abpdivh1&;#x\n")), max_size=300))
def test_arbitrary_markup_parses_without_error(markup):
    for block in prose(parse_html(markup)):
        assert block.text == block.text.strip()
