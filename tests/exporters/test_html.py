"""The HTML report, read back with html.parser: quotes, cast, pictures, escaping, no network."""
from __future__ import annotations

import base64
import hashlib
import json

import pytest

from documents import IMG, SCRIPT, apology_speakers, hostile_document, tagged_document
from readback import Page
from storycast.document import Document
from storycast.exporters import export, exporter_for
from storycast.exporters.html import report, write_html
from storycast.spans import Character, Quote, Span


@pytest.fixture(scope="module")
def crypt_page(crypt) -> Page:
    return Page(report(crypt))


def test_html_and_htm_are_registered():
    assert exporter_for("story.html") is write_html
    assert exporter_for("story.HTM") is write_html


def test_every_seed_quote_carries_its_speaker(apology):
    page = Page(report(apology))
    assert len(page.quotes) == 44
    assert [q["data-speaker"] for q in page.quotes] == apology_speakers()
    assert [q["id"] for q in page.quotes] == [q.id for q in apology.quotes]
    for element, quote in zip(page.quotes, apology.quotes):
        assert element["tabindex"] == "0"
        assert quote.text(apology.text).split()[0] in element["text"]


def test_crypt_quotes_in_full(crypt, crypt_page):
    names = {c.id: c.name for c in crypt.characters}
    got = [(q["id"], q["data-speaker"], q["data-speaker-id"], q["data-addressees"],
            q["data-type"], q["data-confidence"]) for q in crypt_page.quotes]
    assert got == [(q.id, names[q.speaker], q.speaker,
                    ", ".join(names[a] for a in q.addressees), q.type, f"{q.confidence:.2f}")
                   for q in crypt.quotes]
    assert crypt_page.quotes[0]["text"] == '"You could knock, Slayer,"'
    assert crypt_page.quotes[0]["class"].split()[:2] == ["q", "sp1"]  # Spike speaks most
    # a quote split by its tag: the second part is marked too, with the same data
    parts = [attrs for tag, attrs in crypt_page.elements if attrs.get("data-q") == "q2"]
    assert len(parts) == 2 and "more" in parts[1]["class"].split()
    assert parts[1]["data-speaker"] == "Buffy" and "id" not in parts[1]


def test_the_whole_story_is_there(crypt, crypt_page):
    text = " ".join("".join(crypt_page.unbadged).split())
    for paragraph in crypt.text.split("\n\n"):
        assert " ".join(paragraph.split()) in text


def test_badges_name_the_speaker_and_say_the_rest_in_words(crypt_page):
    text = crypt_page.text()
    assert 'SpikeSpike to Buffy (explicit quote, confidence 100%): "You could knock' \
        not in text  # the badge holds the name once
    assert "Spike to Buffy (explicit quote, confidence 100%): " in text


def test_low_confidence_and_unattributed_quotes_are_marked():
    doc = hostile_document()
    page = Page(report(doc))
    unknown = page.quotes[2]
    assert unknown["data-speaker"] == "" and {"low", "none"} <= set(unknown["class"].split())
    assert "unknown speaker?" in page.text()
    sure = page.quotes[0]
    assert "low" not in sure["class"].split()


def test_cast_sheet(crypt_page):
    text = " ".join(crypt_page.text().split())
    assert "3 characters, by lines spoken" in text
    header = ["Name", "Aliases", "Gender", "Lines", "Words", "First seen"]
    start = crypt_page.rows.index(header)
    assert crypt_page.rows[start + 1:start + 4] == [
        ["SSpike", "", "male", "7", "48", "9% in"],  # the initials, then the name
        ["BBuffy", "Slayer", "female", "5", "51", "0% in"],
        ["WBWilliam the Bloody", "", "male", "0", "0", "77% in"]]
    buttons = [a for tag, a in crypt_page.elements
               if tag == "button" and "who" in a.get("class", "")]
    assert {b["data-highlight"] for b in buttons} == {"c1", "c2", "c3"}
    assert all(b["type"] == "button" and b["aria-pressed"] == "false" for b in buttons)


def test_metadata_is_shown_when_there_is_some():
    page = Page(report(tagged_document()))
    text = " ".join(page.text().split())
    assert [kind for kind, _ in page.definitions] == ["dt", "dd"] * 14
    shown = dict(zip([t for k, t in page.definitions if k == "dt"],
                     [t for k, t in page.definitions if k == "dd"]))
    assert shown == {
        "Authors": "Someone, Someone Else", "Fandoms": "Buffy the Vampire Slayer",
        "Rating": "General Audiences", "Warnings": "No Archive Warnings Apply",
        "Categories": "F/M",
        "Relationships": "Buffy Summers/Spike, Buffy Summers & Willow Rosenberg",
        "Characters": "Buffy Summers, Spike (Buffyverse), Willow Rosenberg",
        "Additional tags": "Fluff", "Language": "English", "Published": "2020-01-02",
        "Updated": "2020-02-03", "Words": "16", "Chapters": "1/1",
        "Address": "https://example.org/works/1"}
    assert "About the story" in text and "They say hello." in text and "That is all." in text
    assert "by Someone, Someone Else" in text
    assert "relationship_pairs" not in text
    links = [a for tag, a in page.elements if tag == "a" and a.get("href", "").startswith("http")]
    assert [a["href"] for a in links] == ["https://example.org/works/1"]
    html_tag = next(a for tag, a in page.elements if tag == "html")
    assert html_tag["lang"] == "en"


def test_no_metadata_section_for_a_plain_title(crypt_page):
    assert "About the story" not in crypt_page.text()
    assert not [a for _, a in crypt_page.elements if a.get("id") == "about"]


def test_self_contained_and_locked_down(crypt):
    html = report(crypt)
    page = Page(html)
    for tag, attrs in page.elements:
        assert tag not in ("link", "img", "iframe", "object", "embed", "base")
        assert "src" not in attrs
        assert not attrs.get("href", "#").startswith(("http", "//"))
    assert "url(" not in "".join(page.styles) and "@import" not in "".join(page.styles)
    policy = next(a["content"] for t, a in page.elements
                  if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in policy
    code = next(c for a, c in page.scripts if "type" not in a)
    digest = base64.b64encode(hashlib.sha256(code.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in policy
    style = base64.b64encode(hashlib.sha256(page.styles[0].encode()).digest()).decode()
    assert f"style-src 'sha256-{style}'" in policy
    assert not any("style" in attrs for _, attrs in page.elements)  # the policy forbids them
    viewport = next(a for t, a in page.elements if t == "meta" and a.get("name") == "viewport")
    assert "width=device-width" in viewport["content"]


def test_story_text_is_escaped_everywhere():
    doc = hostile_document()
    html = report(doc)
    page = Page(html)
    assert "<img" not in html
    assert html.count("<script") == 2  # the data and the report's own script
    assert [t for t, _ in page.elements].count("script") == 2
    text = page.text()
    assert f"</title>{SCRIPT}" in text  # the title, as text
    assert f"{IMG} walked in & sat down." in text
    assert page.quotes[0]["text"] == f'"{SCRIPT}"'
    assert page.quotes[1]["data-speaker"] == IMG and page.quotes[0]["data-speaker"] == SCRIPT
    assert not [a for t, a in page.elements if t == "a" and "javascript" in a.get("href", "")]
    data = next(c for a, c in page.scripts if a.get("type") == "application/json")
    assert "<" not in data and ">" not in data and "&" not in data
    assert json.loads(data)["names"] == {"c1": SCRIPT, "c2": IMG}


def _many_characters(count: int) -> Document:
    """``count`` characters in a ring, each speaking to the next; lines fall with rank."""
    lines, quotes, pos = [], [], 0
    chars = [Character(f"c{i}", f"Person {i}", [f"Person {i}"], quotes=count - i)
             for i in range(count)]
    for i, c in enumerate(chars):
        for _ in range(c.quotes):
            line = f'"Hello {i}," said Person {i}.'
            quotes.append(Quote(f"q{len(quotes) + 1}", [(pos + 1, pos + 9 + len(str(i)))],
                                c.id, [chars[(i + 1) % count].id], "explicit", 0.9))
            lines.append(line)
            pos += len(line) + 2
    text = "\n\n".join(lines) + "\n"
    doc = Document(text=text, metadata={"title": "Crowd"})
    doc.layers.update(characters=chars, quotes=quotes, mentions=[],
                      chapters=[Span(0, len(text), "")])
    return doc


def _nodes(page: Page) -> list[dict[str, str]]:
    return [a for t, a in page.elements if t == "g" and "node" in a.get("class", "").split()]


def _circles(page: Page) -> list[tuple[float, float]]:
    return [(float(a["cx"]), float(a["cy"])) for t, a in page.elements if t == "circle"]


def test_network_of_three(crypt_page):
    nodes = _nodes(crypt_page)
    assert [n["aria-label"] for n in nodes] == ["Spike: 7 lines: highlight their lines",
                                                "Buffy: 5 lines: highlight their lines"]
    edges = [a for t, a in crypt_page.elements if t == "path" and "edge" in a.get("class", "")]
    assert sorted((e["data-from"], e["data-to"]) for e in edges) == [("c1", "c2"), ("c2", "c1")]
    assert "left out" not in crypt_page.text()


def test_network_of_eighty_keeps_forty_and_says_so():
    doc = _many_characters(80)
    html = report(doc)
    assert html == report(doc)  # deterministic
    page = Page(html)
    nodes = _nodes(page)
    assert len(nodes) == 40
    assert [n["data-highlight"] for n in nodes] == [f"c{i}" for i in range(40)]
    assert "The 40 characters with the most lines are drawn; 40 others with fewer lines are " \
        "left out." in page.text()
    points = _circles(page)
    assert all(0 <= x <= 720 and 0 <= y <= 540 for x, y in points)
    closest = min(((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5
                  for i, a in enumerate(points) for b in points[i + 1:])
    assert closest > 10


def test_charts(crypt_page):
    start = crypt_page.rows.index(["Speaker", "Bar", "Lines", "Share"])
    assert crypt_page.rows[start + 1:start + 3] == [["Spike", "", "7", "58%"],
                                                    ["Buffy", "", "5", "42%"]]
    assert "Columns are tenths of the story" in crypt_page.text()
    strips = [a for t, a in crypt_page.elements if t == "svg" and a.get("role") == "img"]
    assert [s["aria-label"].split(":")[0] for s in strips] == ["Spike", "Buffy"]


def test_chapters_are_the_columns_of_a_novel(pride):
    page = Page(report(pride))
    assert "Columns are the 61 chapters, in order." in page.text()
    assert len(page.quotes) == len(pride.quotes)
    headings = [a["id"] for t, a in page.elements if t == "h3" and a.get("id", "").startswith("ch")]
    assert len(headings) == 61


def test_export_writes_utf8(tmp_path, crypt):
    path = export(crypt, tmp_path / "crypt.html")
    assert path.read_text(encoding="utf-8") == report(crypt)
