import storycast
from storycast.stages.person import second_person
from storycast.stages.quotes import find_quotes
from storycast.stages.segment import find_paragraphs
from storycast.stages.tags import find_tags

from .conftest import STORIES


def _told(text: str) -> bool:
    return second_person(text, find_quotes(text, find_paragraphs(text)))


def test_a_story_told_to_you_is_in_the_second_person():
    assert _told((STORIES / "pancakes.txt").read_text(encoding="utf-8"))
    # a story told by "I", or of "he" and "she", is not, though its lines say "you"
    assert not _told((STORIES / "laundromat.txt").read_text(encoding="utf-8"))
    assert not _told((STORIES / "the-night-ferry.txt").read_text(encoding="utf-8"))
    # nor narration that turns to its reader now and then
    assert not _told('You may imagine the scene. He sat down. She stood. He spoke. She '
                     'laughed. He left. You will not be surprised. "Well," he said. You know '
                     'the rest. She wept; he did not. You understand. He never came back.')


def test_you_say_tags_the_narrator_only_in_the_second_person():
    text = '"Couldn\'t sleep," you say.\n\n"Nightmares?"\n'
    quotes = find_quotes(text, find_paragraphs(text))
    tag = find_tags(text, quotes, find_paragraphs(text), second_person=True)[0]
    assert (tag.kind, tag.text, tag.gender) == ("pronoun", "you", "narrator")
    assert find_tags(text, quotes, find_paragraphs(text))[0] is None


def test_the_you_of_a_second_person_story_is_a_character_and_speaks():
    doc = storycast.analyze(STORIES / "pancakes.txt")
    you = doc.narrator()
    assert you.aliases == ["Narrator", "You", "Y/N"]
    # the narration's "you"s are theirs, and so is "Y/N," said to them
    told = [m for m in doc.mentions if m.character == you.id]
    assert [m.text for m in told][:3] == ["You", "you", "you"]
    assert any(m.kind == "vocative" and m.text == "Y/N" for m in told)
    names = [doc.character(q.speaker).name for q in doc.quotes]
    assert names == ["Rafe", "Narrator", "Rafe", "Narrator", "Narrator", "Rafe", "Rafe",
                     "Narrator", "Rafe", "Rafe", "Rafe", "Tomás", "Rafe"]
    assert doc.quotes[-1].addressees[0] == you.id


def test_a_casts_reader_is_the_you():
    doc = storycast.analyze(STORIES / "pancakes.txt",
                            cast=[["Rafe Ortiz", "Rafe"], ["Tomás"], ["Reader", "Y/N"]])
    you = doc.narrator()
    assert (you.name, you.aliases) == ("Reader", ["Reader", "Y/N", "You"])
    assert [c.name for c in doc.characters].count("Reader") == 1
    assert doc.character(doc.quotes[1].speaker).name == "Reader"  # "Couldn't sleep."
