"""Ranks: "the doctor" is the one the story calls Doctor by name (stages/ranks.py)."""
from __future__ import annotations

import storycast
from storycast.spans import Character
from storycast.stages.ranks import holders, rank_of

SURGERY = """Mr. Losberne came in with his bag. Mr. Losberne was a stout man. Rose Maylie
rose to meet him, and Mr. Losberne bowed.

"You sent for me, Miss Maylie?" said the doctor, setting down the bag.

"I did. Oliver is worse," said Rose. "Doctor Losberne, will you see him now?"

"At once," said the doctor.

Mr. Losberne went up the stairs. Rose followed Mr. Losberne with the lamp.

"Is it the fever?" asked Rose.

"It is nothing worse than a chill," replied the good doctor.
"""


def character(name: str, *aliases: str) -> Character:
    return Character(id=name, name=name, aliases=[name, *aliases])


def test_a_rank_is_the_head_of_its_description():
    assert rank_of("good doctor") == "doctor"
    assert rank_of("general") == "general"
    assert rank_of("old gentleman") is None
    assert rank_of("doctor supporting her") is None


def test_the_holders_of_a_rank_carry_it_before_a_name():
    chars = [character("Mr. Losberne", "Dr. Losberne"), character("General Tilney"),
             character("Doctor"), character("Rose")]
    assert holders(chars, "doctor") == {"Mr. Losberne"}  # "Doctor" alone is no one's rank
    assert holders(chars, "general") == {"General Tilney"}
    assert holders(chars, "captain") == set()


def test_the_doctor_is_the_man_called_doctor_once_in_talk(tmp_path):
    path = tmp_path / "surgery.txt"
    path.write_text(SURGERY, encoding="utf-8")
    doc = storycast.analyze(path)
    names = [c.name for c in doc.characters]
    assert "The Doctor" not in names and "The Good Doctor" not in names
    losberne = next(c for c in doc.characters if c.name == "Mr. Losberne")
    assert "Doctor Losberne" in losberne.aliases
    rose = doc.character(doc.quotes[1].speaker)
    assert "Rose" in rose.aliases
    assert [q.speaker for q in doc.quotes] == [losberne.id, rose.id, losberne.id, rose.id,
                                               losberne.id]


def test_without_a_holder_the_rank_that_speaks_is_a_character_of_its_own(tmp_path):
    path = tmp_path / "camp.txt"
    path.write_text('Tom Pike stood by the tent.\n\n"Halt," said the sergeant.\n\n'
                    '"I am a friend," said Tom.\n', encoding="utf-8")
    doc = storycast.analyze(path)
    assert doc.character(doc.quotes[0].speaker).name == "The Sergeant"


def test_a_rank_called_alone_calls_the_one_who_holds_it():
    from storycast.document import Document

    text = ('Professor McGonagall appeared at the door. Ron went pale.\n\n'
            '"A word," said Professor McGonagall.\n\n"Yes, Professor," said Ron.\n\n'
            '"Thank you, Captain," said Ron, though no captain was there.')
    doc = storycast.analyze(Document(text))
    names = {c.id: c.name for c in doc.characters}
    called = [[names[m.character] for m in doc.mentions
               if m.kind == "vocative" and m.character and q.start <= m.start < q.end]
              for q in doc.quotes]
    assert called == [[], ["Professor McGonagall"], []]
    assert names[doc.quotes[1].addressees[0]] == "Professor McGonagall"
    assert "Professor" not in next(c for c in doc.characters if c.name.startswith("Prof")).aliases


def test_a_coach_is_called_by_the_rank(story):
    # "Coach Hammond came in last": a rank before a name, not a word opening the sentence;
    # "It's rubbing, Coach." is said to her
    doc = story("the-locker-room.txt")
    coach = next(c for c in doc.characters if c.name == "Hammond")
    assert coach.aliases == ["Hammond", "Coach Hammond"]
    rubbing = next(q for q in doc.quotes if q.text(doc.text) == "It's rubbing, Coach.")
    assert rubbing.addressees[0] == coach.id
    assert [m.character for m in doc.mentions if m.kind == "vocative"
            and rubbing.start <= m.start < rubbing.end] == [coach.id]


def test_your_highness_calls_the_one_prince():
    from storycast.document import Document

    # "I like her, Your Highness.": "Your" and the style are one call, of Prince Aldric
    text = ('Prince Aldric stood at the head of the table. Lord Brannock sat at the end.\n\n'
            '"They will come by the river," Brannock said.\n\n'
            '"I like her, Your Highness. Can we keep her?" said Brannock.\n\n'
            '"She is not a dog," said Aldric.\n')
    doc = storycast.analyze(Document(text))
    names = {c.id: c.name for c in doc.characters}
    calls = [(m.text, names.get(m.character)) for m in doc.mentions if m.kind == "vocative"]
    assert calls == [("Highness", "Prince Aldric")]
    assert names[doc.quotes[1].addressees[0]] == "Prince Aldric"
