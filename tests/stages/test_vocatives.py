"""Names learnt from vocatives: which are taken as the addressee's, and which are not."""
from __future__ import annotations

import storycast
from storycast.document import Document
from storycast.stages import attribution


def names_of(text: str) -> dict[str, list[str]]:
    doc = storycast.analyze(Document(text=text))
    return {c.name: c.aliases for c in doc.characters}


def test_an_epithet_said_to_someone_becomes_their_name():
    story = ('Spike sat in the crypt. Buffy came in.\n\n"What do you want?" said Spike.\n\n'
             '"Take your time, Big Bad, just make sure you do it," said Buffy.\n\n'
             '"I am sorry," said Spike.\n')
    assert names_of(story)["Spike"] == ["Spike", "Big Bad"]


def test_a_given_name_called_near_someone_with_another_given_name_is_not_theirs():
    story = ('Alice ran to the door. The Rabbit was there.\n\n'
             '"Where are my gloves?" said the Rabbit.\n\n"I do not know," said Alice.\n\n'
             '"Pat! Pat! Where are you?" said the Rabbit.\n\n"He is not here," said Alice.\n\n'
             '"Now tell me, Pat, what is that in the window?" said the Rabbit.\n\n'
             '"An arm," said Alice.\n')
    assert names_of(story)["Alice"] == ["Alice"]


def test_a_nickname_of_the_given_name_is_still_taken():
    story = ('Margaret sat by the fire. Helen came in.\n\n"Is it late?" said Margaret.\n\n'
             '"Yes, Meg, it is," said Helen.\n\n"Then I shall go," said Margaret.\n\n'
             '"Goodnight, Meg," said Helen.\n')
    assert names_of(story)["Margaret"] == ["Margaret", "Meg"]


def test_a_line_that_calls_its_listener_by_name_calls_someone_else_by_the_other():
    # "Are we, Theobald?" in a line to Margaret, who is called by her own name in it
    story = ('Margaret sat by the fire. Mr. Wilcox came in.\n\n"Is it late?" said Margaret.\n\n'
             '"Margaret, you look tired. Are we going to have it, Theobald?" said Mr. Wilcox.\n\n'
             '"No," said Margaret.\n\n"Margaret, you must rest. Eh, Theobald?" said Mr. Wilcox.\n')
    assert names_of(story)["Margaret"] == ["Margaret"]
    # called alone, the same name would be hers
    alone = story.replace("Margaret, you look tired. ", "").replace("Margaret, you must rest. ", "")
    assert "Theobald" in names_of(alone)["Margaret"]


def test_a_name_holding_another_characters_name_is_not_the_listeners():
    story = ('Tibby came down late. Margaret and Helen were at breakfast.\n\n'
             '"I want tea," said Tibby.\n\n"You are late," said Margaret.\n\n'
             '"All right, Auntie Tibby," said Helen.\n\n"Do not tease," said Margaret.\n\n'
             '"I will not," said Tibby.\n')
    found = names_of(story)
    assert found["Margaret"] == ["Margaret"]
    assert found["Tibby"] == ["Tibby"]


def test_a_place_the_narration_names_more_often_than_it_is_called_is_no_ones_name():
    story = ('Marianne walked about at Norland. The woods at Norland were dear to her. She came '
             'to Norland as a child, and Elinor grew up at Norland. They left Norland at last.'
             '\n\n"Dear, dear Norland!" said Marianne.\n\n"Come," said Elinor.\n\n'
             '"Farewell, Norland! Farewell, Norland!" said Marianne.\n\n'
             '"Come away," said Elinor.\n')
    found = names_of(story)
    assert "Norland" not in found
    assert found["Elinor"] == ["Elinor"]


def test_a_bare_title_said_to_someone_is_not_their_name():
    story = ('Archer sat in the library. Riviere stood by the door.\n\n'
             '"You wished to see me?" said Archer.\n\n'
             '"Yes, Monsieur, I did," said Riviere.\n\n"Go on," said Archer.\n\n'
             '"Ah, Monsieur, it is hard," said Riviere.\n\n"Go on," said Archer.\n')
    found = names_of(story)
    assert found["Archer"] == ["Archer"]
    assert not any("Monsieur" in names for names in found.values())


def test_the_narrator_is_named_by_calls_that_open_the_lines_said_to_them():
    from pathlib import Path

    story = Path(__file__).resolve().parents[1] / "data" / "stories" / "the-wall.txt"
    doc = storycast.analyze(story)
    # '"Yusuf," he said.' and "Yusuf, listen to me": no census knows the name
    narrator = doc.narrator()
    assert narrator.name == "Yusuf" and narrator.aliases == ["Yusuf", "Narrator", "I"]
    names = {c.id: c.name for c in doc.characters}
    assert [names[q.speaker] for q in doc.quotes[:4]] == ["Tariq", "Yusuf", "Tariq", "Tariq"]


def test_one_call_opening_a_line_names_no_one():
    # "Humbug," he said: a word opening one line is as often an exclamation
    story = ('Tom sat down. Ann came in.\n\n"Humbug," said Tom.\n\n"Why?" said Ann.\n')
    assert sorted(names_of(story)) == ["Ann", "Tom"]
    assert names_of(story)["Ann"] == ["Ann"]


def test_a_given_name_called_only_in_lines_to_miss_steele_is_hers():
    story = ('Elinor sat with Lucy and Miss Steele in the drawing-room.\n\n'
             '"Oh! the Doctor is no beau of mine," said Miss Steele.\n\n'
             '"Lord! Anne, you can talk of nothing but beaux," cried Lucy.\n\n'
             '"I am sure I do not," said Miss Steele.\n\n'
             '"How can you say so, Anne?" cried Lucy.\n\n'
             '"Well, I never!" said Miss Steele.\n')
    found = names_of(story)
    assert found["Anne Steele"] == ["Anne Steele", "Miss Steele", "Anne"]
    assert "Anne" not in found and found["Lucy"] == ["Lucy"]
    # called once, the name stays its own
    once = story.replace("How can you say so, Anne?", "How can you say so?")
    assert "Miss Steele" in names_of(once)


def test_a_given_name_named_in_lines_too_still_joins_the_one_it_calls(monkeypatch):
    # "Anne", also named in a line, is a character of its own until the calls join it
    story = ('Elinor sat with Lucy and Miss Steele in the drawing-room.\n\n'
             '"Oh! the Doctor is no beau of mine," said Miss Steele.\n\n'
             '"Lord! Anne, you can talk of nothing but beaux," cried Lucy.\n\n'
             '"I am sure I do not," said Miss Steele.\n\n'
             '"How can you say so, Anne?" cried Lucy.\n\n'
             '"Well, I never!" said Miss Steele.\n\n'
             '"Nobody knows of it but Anne," said Lucy to Elinor.\n\n'
             '"I shall tell no one," said Elinor.\n')
    assert names_of(story)["Anne Steele"] == ["Anne Steele", "Miss Steele", "Anne"]
    monkeypatch.setattr(attribution, "name_the_titled", lambda doc, tagged: False)
    found = names_of(story)
    assert found["Anne"] == ["Anne"] and found["Miss Steele"] == ["Miss Steele"]


def test_a_given_name_called_in_lines_to_someone_with_a_given_name_stays_apart():
    story = ('Elinor sat with Lucy and Miss Steele in the drawing-room.\n\n'
             '"Oh! the Doctor is no beau of mine," said Elinor.\n\n'
             '"Lord! Anne, you can talk of nothing but beaux," cried Lucy.\n\n'
             '"I am sure I do not," said Elinor.\n\n'
             '"How can you say so, Anne?" cried Lucy.\n\n'
             '"Well, I never!" said Elinor.\n')
    assert names_of(story)["Elinor"] == ["Elinor"]


def test_a_given_name_a_line_also_speaks_of_calls_no_one():
    # "Nancy, she cried" opens its sentence like a call, but the same lines speak of Nancy
    # to Mrs. Jennings in the third person: she is someone else, not Mrs. Jennings
    story = ('Elinor sat with Mrs. Jennings by the fire.\n\n'
             '"Have you heard the news?" said Elinor.\n\n'
             '"What news?" said Mrs. Jennings.\n\n'
             '"Lucy is married. Nancy, she cried all day, and nobody told Nancy a word,"'
             ' said Elinor.\n\n'
             '"Poor soul!" said Mrs. Jennings.\n\n'
             '"Lucy took everything. Nancy, she has no money, as Lucy left Nancy nothing,"'
             ' said Elinor.\n\n'
             '"Well, I never!" said Mrs. Jennings.\n')
    found = names_of(story)
    assert found["Mrs. Jennings"] == ["Mrs. Jennings"]
    assert found["Nancy"] == ["Nancy"]


def test_the_narrator_is_named_by_calls_a_first_guess_gave_to_someone_who_cannot_bear_it(story):
    # "Morning, Nadia." closes a paragraph of Wren's after Tomasz spoke: a first guess has
    # it said to Tomasz, a man with a name of his own, which is no vote against the "I"
    # that "Everyone likes the jar, Nadia." is said to; and "I'm looking for Nadia
    # Petrova." names her in full
    doc = story("the-kiln.txt")
    narrator = doc.narrator()
    assert narrator.name == "Nadia" and "Nadia Petrova" in narrator.aliases
    assert narrator.gender == "female"
    assert sorted(c.name for c in doc.characters) == [
        "Helen", "Mrs. Okafor", "Nadia", "Tomasz", "Wren"]
    lines = {q.text(doc.text): q.speaker for q in doc.quotes}
    assert lines["Morning,"] == lines["Couldn’t sleep."] == narrator.id


def test_the_narrator_is_named_by_pet_names_called_once_each(story):
    # "Maggie," "Magpie" and "Mags" are each said once in the car, two of them (by a first
    # guess at the turns) to the "I": one person called three times, a given name leading;
    # "Magpie", an ordinary word, is no name of hers
    doc = story("the-car.txt")
    narrator = doc.narrator()
    assert (narrator.name, narrator.aliases) == ("Maggie", ["Maggie", "Narrator", "I", "Mags"])
    lines = {q.text(doc.text): q.speaker for q in doc.quotes}
    assert lines["We turn left at some point."] == lines["I didn't say where."] == narrator.id


def test_a_name_called_as_often_in_lines_gone_wrong_as_to_someone_is_not_theirs():
    # Mrs. Smith's call goes, by the first guess, to Holmes, who answers; Holmes's own call
    # to someone the guess makes a woman: one vote for him, one that cannot be right
    story = ('Holmes walked up to the house. Mrs. Smith came to the door.\n\n'
             '"You come back and be washed, Jack," she shouted.\n\n'
             '"Dear little chap!" said Holmes. "Now, Jack, is there anything you would like?"'
             '\n\n"He is a rascal," said Mrs. Smith.\n')
    found = names_of(story)
    assert found["Holmes"] == ["Holmes"]
    assert not any("Jack" in names for names in found.values())
