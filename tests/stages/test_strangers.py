"""Strangers the narration brings in and "he says" follows (stages/strangers.py)."""
from __future__ import annotations

import pytest

import storycast
from storycast.document import Document
from storycast.stages.mentions import quote_bounds
from storycast.stages.quotes import quotes
from storycast.stages.segment import segment
from storycast.stages.strangers import _intros


def intros(text: str) -> list[tuple[str, str | None]]:
    doc = quotes(segment(Document(text=text)))
    found = _intros(text, 0, len(text), quote_bounds(doc.quotes))
    assert all(text[i.start:i.end].lower() == i.description for i in found)
    return [(i.description, i.sex) for i in found]


@pytest.mark.parametrize("text, found", [
    ("A man in an orange vest comes along the deck.", [("a man in an orange vest", "male")]),
    ("The woman at the counter looks up.", [("the woman at the counter", "female")]),
    ("He waited. An old woman at the corner table had seen it all.",
     [("an old woman at the corner table", "female")]),
    ("The cashier waved them through.", [("the cashier", None)]),  # the pronoun will say
    ("The train was late. A dog barked.", []),  # no person
    ("The man Tom had met came in.", []),  # no verb after the noun
    ('"A man came in," she said.', []),  # in a line, not the narration
])
def test_a_person_noun_opening_a_sentence_of_the_narration_brings_someone_in(text, found):
    assert intros(text) == found


def analysed(tmp_path, text: str) -> Document:
    path = tmp_path / "story.txt"
    path.write_text(text, encoding="utf-8")
    return storycast.analyze(path)


def lines(doc: Document) -> list[str | None]:
    names = {c.id: c.name for c in doc.characters}
    return [names.get(q.speaker) for q in doc.quotes]


def test_the_stranger_says_the_line_of_his_pronoun(tmp_path):
    doc = analysed(tmp_path, (
        'Juno was at the rail. "You\'re late," Juno said.\n\n'
        '"The boat is early," said Alex.\n\n'
        "A man in an orange vest comes along the deck. He stops beside them.\n\n"
        '"You two should go inside," he says.\n\n'
        '"We\'re fine," Juno says.\n'))
    assert lines(doc) == ["Juno", "Alex", "The Man In An Orange Vest", "Juno"]
    man = next(c for c in doc.characters if c.name == "The Man In An Orange Vest")
    assert man.gender == "male" and man.aliases == [
        "The Man In An Orange Vest", "the man in an orange vest"]


def test_no_stranger_when_someone_of_that_sex_is_named_between(tmp_path):
    doc = analysed(tmp_path, (
        '"Sit down," said Tom. "You\'re late," said Ann.\n\n'
        "A man came in from the rain. Tom looked up at the door.\n\n"
        '"Well," he said, "who is it?"\n'))
    assert [c.name for c in doc.characters] == ["Tom", "Ann"]


def test_no_stranger_when_someone_of_that_sex_is_named_soon_after(tmp_path):
    # the woman who comes in is Helen, named a few lines on
    doc = analysed(tmp_path, (
        '"It\'s late," said Tom.\n\n'
        "A tall woman in a yellow raincoat stood in the doorway.\n\n"
        '"Is this the co-op?" she asked.\n\n'
        '"It is," said Tom.\n\n'
        "Helen Okafor shook the rain from her coat and came in.\n"))
    assert not any(c.name.startswith("The ") for c in doc.characters)


def test_the_stranger_s_line_is_his_though_the_talk_would_go_to_another(story):
    # "A man in an orange vest comes along the deck ... 'You two should go inside,' he
    # says." between Alex and Juno taking turns; and Alex, brought in as "Alexander Brandt"
    doc = story("the-night-ferry.txt")
    names = {c.id: c.name for c in doc.characters}
    said = {q.text(doc.text)[:24]: names.get(q.speaker) for q in doc.quotes}
    assert said["You two should go inside"] == "The Man In An Orange Vest"
    assert said["Suit yourselves."] == "The Man In An Orange Vest"
    assert said["We're fine,"] == "Juno"
    alex = next(c for c in doc.characters if c.name == "Alex")
    assert "Alexander Brandt" in alex.aliases
    assert said["You're both insane, It's"] == "Priya"  # a name the census lacks


def test_a_role_the_story_names_is_that_person_about_the_naming(tmp_path):
    # "The charge nurse, Bev, rolls her eyes": the beats of "the charge nurse" before it
    # are Bev's, two lines running, where the turns alone gave them to Priya
    doc = analysed(tmp_path, (
        "Priya pushes the drug trolley down the ward, slowly.\n\n"
        '"You checked it against the chart?"\n\n'
        '"Twice," Priya says.\n\n'
        'The charge nurse takes the chart and runs a finger down it. "Good."\n\n'
        'The charge nurse hands it back without a word. "Who is next?"\n\n'
        '"Mr. Doyle in six," Priya says.\n\n'
        "The charge nurse, Bev, rolls her eyes at the ceiling.\n\n"
        '"Go on, then," Bev says.\n'))
    assert lines(doc)[1:] == ["Priya", "Bev", "Bev", "Priya", "Bev"]
    bev = next(c.id for c in doc.characters if c.name == "Bev")
    assert [doc.text[m.start:m.end] for m in doc.mentions
            if m.character == bev and m.kind == "name"] == [
        "The charge nurse", "The charge nurse", "Bev", "Bev"]  # the naming's own role left
    # and the noun says her sex, where "her eyes" alone, after a name, did not
    assert doc.character(bev).gender == "female"
