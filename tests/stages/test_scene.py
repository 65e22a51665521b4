"""The scene around a quote: narration pronouns and recency (stages/scene.py)."""
from __future__ import annotations

import storycast
from storycast.document import Document

TEXT = """\
"Sit down," said McBryde.

"Thank you," said Aziz. Aziz bowed; he was tired.

McBryde was courteous. He received Aziz with a smile. He offered tea.
"""


def test_a_narration_pronoun_follows_the_subject_not_a_later_object():
    doc = storycast.analyze(Document(TEXT))
    names = {c.id: c.name for c in doc.characters}
    assert {c.name: c.gender for c in doc.characters}["Aziz"] == "male"
    last = TEXT.rindex("He offered")
    resolved = [m for m in doc.mentions if m.kind == "pronoun" and m.start == last]
    assert [names.get(m.character) for m in resolved] == ["McBryde"]


def test_a_pronoun_follows_a_subject_of_a_story_told_in_the_present():
    # "kicks" is a verb no list names: a word in -s after a name makes it the subject
    text = ('"Strike faster," Dad says.\n\n"I struck," says Marcus.\n\n'
            "I laugh, and Marcus kicks my ankle. He is two years older than me.\n")
    doc = storycast.analyze(Document(text))
    names = {c.id: c.name for c in doc.characters}
    he = [m for m in doc.mentions if m.kind == "pronoun" and m.text == "He"]
    assert [names.get(m.character) for m in he] == ["Marcus"]


def test_he_with_no_man_named_is_the_one_of_unknown_sex_named_last():
    text = ('Jean-Luc came in late. Mia looked up from her laptop, and Jean-Luc waved.\n\n'
            '"Traffic." He dropped into the chair.\n')
    doc = storycast.analyze(Document(text))
    names = {c.id: c.name for c in doc.characters}
    assert {c.name: c.gender for c in doc.characters} == {"Jean-Luc": "unknown", "Mia": "female"}
    he = [m for m in doc.mentions if m.kind == "pronoun" and m.text == "He"]
    assert [names.get(m.character) for m in he] == ["Jean-Luc"]


def test_the_i_of_the_narration_is_the_narrator():
    text = ('I found Kai on the roof. Kai does not look round. I sit beside him, and I wait.\n\n'
            '"Go back down," he says.\n\n"No," I say.\n\n"Fine," he says. I laugh.\n')
    doc = storycast.analyze(Document(text))
    narrator = doc.narrator()
    said_i = [m for m in doc.mentions if m.text == "I" and m.attrs.get("quote") is None]
    assert narrator is not None and len(said_i) == 5
    assert {m.character for m in said_i} == {narrator.id}


FAMILY = """\
"Lizzy," said Mr. Bennet, "come into my room."

"Yes, papa," said Elizabeth Bennet.

"Mr. Bennet, you must not tease her," said Mrs. Bennet.

"I had a letter from my cousin," said Mr. Collins.

Elizabeth said goodbye to Mr. Collins, and followed her father to the fire place. He \
opened the letter slowly. Her mother came in after them.
"""


def test_her_father_in_the_narration_is_a_mention_of_him():
    doc = storycast.analyze(Document(FAMILY))
    names = {c.id: c.name for c in doc.characters}
    relations = [(m.text, names[m.character]) for m in doc.mentions if m.attrs.get("relation")]
    assert relations == [("father", "Mr. Bennet"), ("mother", "Mrs. Bennet")]
    # so "He" is her father, not Mr. Collins, named after him
    he = FAMILY.index("He opened")
    assert [names.get(m.character) for m in doc.mentions if m.start == he] == ["Mr. Bennet"]


def test_her_cousin_is_no_mention_of_anyone():
    text = FAMILY.replace("followed her father", "followed her cousin")
    doc = storycast.analyze(Document(text))
    assert [m.text for m in doc.mentions if m.attrs.get("relation")] == ["mother"]


def test_a_he_after_a_line_that_names_its_speaker_is_them():
    import storycast
    from storycast.document import Document

    text = ('Rafe is scraping out the pan when somebody knocks.\n\n'
            '"Hello. I am Lukas, from room six." He holds it out like evidence. '
            '"My friend thought this was for everybody."\n\n"Thanks," said Rafe.\n')
    doc = storycast.analyze(Document(text))
    he = next(m for m in doc.mentions if m.text == "He")
    assert doc.character(he.character).name == "Lukas"
