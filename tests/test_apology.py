"""The Apology (../shared/stories/the-apology.txt): every quote, speaker and character.

Expected values are in tests/data/the-apology.expected.tsv, one line per quotation:
start, end, speaker, first addressee.  Skipped where the shared story is absent.
"""
from __future__ import annotations

from pathlib import Path

import pytest

import storycast

HERE = Path(__file__).resolve()
# tests/test_apology.py -> parents[1] is the repository, whose sibling is shared/
APOLOGY = HERE.parents[1].parent / "shared" / "stories" / "the-apology.txt"
EXPECTED = HERE.parent / "data" / "the-apology.expected.tsv"

pytestmark = pytest.mark.skipif(not APOLOGY.is_file(), reason=f"{APOLOGY} is absent")

CAST = [["Buffy Summers", "Buffy"], ["Spike"], ["Harmony Kendall", "Harmony"], ["Russell"]]
CAST_NAMES = {"Buffy": "Buffy Summers", "Spike": "Spike", "Harmony": "Harmony Kendall",
              "Russell": "Russell"}
PLAIN_NAMES = {name: name for name in CAST_NAMES}


def expected() -> list[tuple[int, int, str, str]]:
    rows = []
    for line in EXPECTED.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            start, end, speaker, addressee = line.split("\t")
            rows.append((int(start), int(end), speaker.strip(), addressee.strip()))
    return rows


@pytest.fixture(scope="module", params=["no cast", "cast"])
def analysed(request):
    """(document, story name -> character name) with and without the reader's cast."""
    if request.param == "cast":
        return storycast.analyze(APOLOGY, cast=CAST), CAST_NAMES
    return storycast.analyze(APOLOGY), PLAIN_NAMES


def test_expected_file_has_44_quotes():
    assert len(expected()) == 44


def test_exactly_44_quotes(analysed):
    doc, _ = analysed
    assert len(doc.quotes) == 44


def test_quote_offsets(analysed):
    doc, _ = analysed
    assert [(q.start, q.end) for q in doc.quotes] == [(s, e) for s, e, _, _ in expected()]


def test_every_speaker(analysed):
    doc, names = analysed
    got = [doc.character(q.speaker).name if q.speaker else None for q in doc.quotes]
    assert got == [names[speaker] for _, _, speaker, _ in expected()]


def test_addressee_accuracy(analysed):
    doc, names = analysed
    rows = expected()
    right = 0
    for q, (_, _, _, addressee) in zip(doc.quotes, rows):
        right += names[addressee] in [doc.character(a).name for a in q.addressees]
    assert right / len(rows) >= 0.9


@pytest.mark.parametrize("person, aliases", [
    ("Spike", {"William the Bloody", "Big Bad"}),
    ("Buffy", {"Slayer"}),
    ("Harmony", {"Harm"}),
    ("Russell", {"Russel"}),
])
def test_one_character_per_person_with_its_aliases(analysed, person, aliases):
    doc, names = analysed
    theirs = [c for c in doc.characters if person in c.aliases]
    assert len(theirs) == 1
    assert theirs[0].name == names[person]
    assert aliases <= set(theirs[0].aliases)
    for alias in aliases:  # no other character goes by these names
        assert [c.name for c in doc.characters if alias in c.aliases] == [names[person]]


@pytest.mark.parametrize("word", ["Paris", "Rome", "Wolfram", "Hart", "Watcher Council", "Crepes"])
def test_places_and_organisations_are_not_characters(analysed, word):
    doc, _ = analysed
    assert word in doc.text
    assert [c.name for c in doc.characters
            if any(word in alias for alias in [c.name, *c.aliases])] == []
