"""Mentions: names with honorifics, vocatives and pronouns (stages/mentions.py)."""
from __future__ import annotations

import pytest

from storycast.document import Document
from storycast.stages.mentions import mentions, names_self
from storycast.stages.quotes import quotes
from storycast.stages.segment import segment


def analysed(text: str) -> Document:
    return mentions(quotes(segment(Document(text=text))))


def names(text: str) -> list[tuple[str, str, int, int]]:
    """(kind, text, start, end) of every name and vocative, in text order."""
    return [(m.kind, m.text, m.start, m.end) for m in analysed(text).mentions
            if m.kind != "pronoun"]


def only(text: str, kind: str) -> list[tuple[str, int, int]]:
    return [(t, s, e) for k, t, s, e in names(text) if k == kind]


# -- names -----------------------------------------------------------------------------
@pytest.mark.parametrize("text, name, honorific", [
    ("Mr. Bennet was silent.", "Mr. Bennet", "mr"),
    ("At last Mrs. Bennet spoke.", "Mrs. Bennet", "mrs"),
    ("Lady Catherine de Bourgh arrived.", "Lady Catherine de Bourgh", "lady"),
    ("She curtsied to Lady Catherine de Bourgh.", "Lady Catherine de Bourgh", "lady"),
    ("She bowed to Mr. van der Luyden and sat down.", "Mr. van der Luyden", "mr"),
    ("Her cousin Colonel Fitzwilliam laughed.", "Colonel Fitzwilliam", "colonel"),
    ("Then Mr. Darcy came in.", "Mr. Darcy", "mr"),
    ("Then Lady Catherine de Bourgh arrived.", "Lady Catherine de Bourgh", "lady"),
    ("Then Colonel Fitzwilliam laughed.", "Colonel Fitzwilliam", "colonel"),
    ("She met Mr. Frank Churchill at noon.", "Mr. Frank Churchill", "mr"),
    ("Then Mr. McBryde laughed.", "Mr. McBryde", "mr"),  # one word, not "Mc" and "Bryde"
    ("Then Mrs. MacDonald laughed.", "Mrs. MacDonald", "mrs"),
])
def test_a_name_keeps_its_honorific_and_particles(text, name, honorific):
    doc = analysed(text)
    found = [m for m in doc.mentions if m.kind == "name"]
    start = text.index(name)
    assert [(m.text, m.start, m.end) for m in found] == [(name, start, start + len(name))]
    assert found[0].attrs["honorific"] == honorific
    assert found[0].attrs["quote"] is None


def test_names_with_accents_are_whole_names():
    text = "Zoë met Señor Gómez and Élodie at the café. André was late."
    assert names(text) == [("name", "Zoë", 0, 3), ("name", "Señor Gómez", 8, 19),
                           ("name", "Élodie", 24, 30), ("name", "André", 44, 49)]
    assert analysed(text).mentions[1].attrs["honorific"] == "señor"


@pytest.mark.parametrize("name", ["O'Brien", "O\u2019Neill", "D'Artagnan", "M'Choakumchild"])
def test_a_capital_after_an_apostrophe_is_inside_a_name(name):
    text = f"Then {name} came in. \"Hello,\" said {name}."
    assert only(text, "name") == [(name, 5, 5 + len(name)),
                                  (name, text.rindex(name), text.rindex(name) + len(name))]


def test_mr_and_mrs_are_two_names_and_a_full_stop_is_not_part_of_one():
    assert names("Mr. Bennet smiled at Mrs. Bennet.") == [
        ("name", "Mr. Bennet", 0, 10), ("name", "Mrs. Bennet", 21, 32)]


@pytest.mark.parametrize("text", ["Alice's cat sat down. The cat was Alice's.",
                                  "Alice\u2019s cat sat down. The cat was Alice\u2019s."])
def test_a_possessive_is_not_part_of_the_name(text):
    doc = analysed(text)
    found = [m for m in doc.mentions if m.kind == "name"]
    assert [(m.text, m.start, m.end) for m in found] == [("Alice", 0, 5), ("Alice", 34, 39)]
    assert [m.attrs["possessive"] for m in found] == [True, True]
    assert [m.attrs["initial"] for m in found] == [True, False]


def test_an_ordinary_word_opening_a_sentence_is_not_part_of_the_name():
    assert names("Suddenly Spike laughed. Then Buffy smiled.") == [
        ("name", "Spike", 9, 14), ("name", "Buffy", 29, 34)]


def test_an_ordinary_word_the_text_also_capitalises_inside_a_sentence_stays_in_the_name():
    # "New" opens the first sentence, but "a New York winter" says it is part of the name
    text = "New York knew it. They came for a New York winter."
    assert names(text)[0] == ("name", "New York", 0, 8)
    assert names("New Spike laughed. Then Spike left.")[0] == ("name", "Spike", 4, 9)


def test_a_full_name_opening_a_sentence_keeps_its_first_name():
    assert names("Frank Churchill was late.") == [("name", "Frank Churchill", 0, 15)]


@pytest.mark.parametrize("contraction", [
    "I'm", "I'll", "I've", "Can't", "Let's", "It's", "That's",
    "Don't", "Won't", "Isn't", "Wasn't", "Didn't", "Couldn't", "Haven't",
])
def test_a_contraction_is_not_a_name(contraction):
    text = f'The door shut. {contraction} that odd? "{contraction} that odd," he said.'
    assert names(text) == []


# -- vocatives -------------------------------------------------------------------------
@pytest.mark.parametrize("text, name", [
    ('"Take your time, Big Bad, just make sure you do it," said Buffy.', "Big Bad"),
    ('"Hello Harmony," said Buffy.', "Harmony"),
    ('"Oh, Spike don\'t worry about it," said Buffy.', "Spike"),
    ('"Thanks, Spike, you are kind," said Harmony.', "Spike"),
    ('"Good night, Miss Bennet," he said.', "Miss Bennet"),
    ('"You are late, Tom."', "Tom"),
    ('"Six years hence! Dear Miss Woodhouse, he would be thirty."', "Miss Woodhouse"),
    ('"Very true;--and now, my dear Jane, what have you got?"', "Jane"),
    ('"My poor dear Harriet! and have you kept these things?"', "Harriet"),
    ('"You take up an idea, Mrs. Weston, and run away with it."', "Mrs. Weston"),
    ('"Hallo, Newland: thought I\'d catch you here."', "Newland"),
])
def test_a_name_set_off_in_a_quote_is_a_vocative(text, name):
    doc = analysed(text)
    start = text.index(name)
    vocatives = [m for m in doc.mentions if m.kind == "vocative"]
    assert [(m.text, m.start, m.end) for m in vocatives] == [(name, start, start + len(name))]
    assert vocatives[0].attrs["quote"] == 0
    assert vocatives[0].attrs["set_off"] is True


@pytest.mark.parametrize("text, name", [
    ('"I shall seek service in Hyderabad, Bhopal, where they will not insult me," he said.',
     "Bhopal"),
    ('"Eastbourne, Piccadilly, High Park Corner," said another of the ladies.', "Piccadilly"),
    ('"Why would you be persuaded by my uncle, Sir Robert, to do it?" she asked.', "Sir Robert"),
    ('"I daren\'t face the healthy person--for example, Freddy Honeychurch." He smiled.',
     "Freddy Honeychurch"),
    ('"I saw them at church, Harriet, and her sister," said Emma.', "Harriet"),
    ('"I gave it to my dear Jane, and she kept it," said Emma.', "Jane"),
])
def test_a_name_on_a_list_or_in_apposition_is_not_a_vocative(text, name):
    found = [m for m in names(text) if m[1] == name]
    assert found and found[0][0] == "name"


@pytest.mark.parametrize("text, name", [
    ('"Have you ever read Udolpho, Mr. Thorpe?"', "Mr. Thorpe"),
    ('"Had your father, Miss Morstan, refrained from it," said he.', "Miss Morstan"),
    ('"Aziz, Aziz, imprudent boy," he cried.', "Aziz"),
    ('"O Tom, Tom, do we end so?" she cried.', "Tom"),
    ('"As long as they behave--Dolly, are you listening?--we will too."', "Dolly"),
    ('"Honestly, Spike, you are late," said Buffy.', "Spike"),  # a short story's only "honestly"
])
def test_a_name_after_another_or_a_kinsman_can_still_be_called(text, name):
    assert [m[0] for m in names(text) if m[1] == name][-1] == "vocative"


def test_a_name_said_twice_over_is_called_both_times():
    assert [m[0] for m in names('"Jane, Jane, where are you?" she cried.')] == [
        "vocative", "vocative"]


@pytest.mark.parametrize("text, name", [
    ('"Mr. Martin, I suppose, is not a man of information," said Emma.', "Mr. Martin"),
    ('"Harriet, who never reads, cannot know," said Emma.', "Harriet"),
])
def test_a_name_opening_a_line_as_its_subject_is_not_a_vocative(text, name):
    assert [m[0] for m in names(text) if m[1] == name][0] == "name"


@pytest.mark.parametrize("text, name", [
    ('"I\'m Dev, by the way," he said.', "Dev"),
    ('"Yes, I am Aziz, and you are welcome."', "Aziz"),
    ('"My name is Oliver, sir," replied the boy.', "Oliver"),
    ('"He always calls me Hartley. It\'s my name."', "Hartley"),
    ('"Don\'t call me Benjamin."', "Benjamin"),
])
def test_the_speaker_s_own_name_is_not_a_vocative(text, name):
    assert [m[0] for m in names(text) if m[1] == name] == ["name"]
    start = text.index(name)
    assert names_self(text, start, start + len(name))


def test_a_name_another_owns_is_not_the_speaker_s():
    text = '"I am Miss Schlegel\'s aunt," she said.'
    start = text.index("Miss Schlegel")
    assert not names_self(text, start, start + len("Miss Schlegel"))
    assert not names_self('"Ask Tom about it."', 5, 8)
    text = '"Mother, this is Miss Hilbery," he said.'
    start = text.index("Miss Hilbery")
    assert not names_self(text, start, start + len("Miss Hilbery"))


def test_a_name_alone_before_the_tag_calls_when_the_line_goes_on():
    assert [m[0] for m in names('"Emma," said she, "this paper is worse than I expected."')
            if m[1] == "Emma"] == ["vocative"]
    assert [m[0] for m in names('"Bingley." Jane said no more.') if m[1] == "Bingley"] == ["name"]


@pytest.mark.parametrize("text, kind", [
    ('"Tommy," she said warningly.', "vocative"),
    ('"Tommy!" The door slammed.', "vocative"),
    ('"Who broke it?" "Tommy," Ivy replied.', "name"),
    ('"Tommy!" repeated Ivy, staring.', "name"),
    ('"Tommy." Jane said no more.', "name"),
])
def test_a_quote_that_is_only_a_name_calls_when_cried_or_tagged_not_answered(text, kind):
    assert [m[0] for m in names(text) if m[1] == "Tommy"] == [kind]


def test_a_longer_name_alone_and_cried_is_as_often_surprise_as_a_call():
    assert [m[0] for m in names('"Mr. Darcy!" cried Elizabeth.') if m[1] == "Mr. Darcy"] \
        == ["name"]


def test_a_name_opening_a_quote_before_its_comma_is_a_vocative():
    text = '"In fact Harm, there is a bloke over there," said Spike.'
    assert names(text) == [("vocative", "Harm", 9, 13), ("name", "Spike", 50, 55)]


def test_the_speaker_in_narration_is_a_name_not_a_vocative():
    assert names('"Hello Harmony," said Buffy.') == [
        ("vocative", "Harmony", 7, 14), ("name", "Buffy", 22, 27)]


@pytest.mark.parametrize("text, name", [
    ('"Spike said he would come," said Buffy.', "Spike"),
    ('"I think Spike is late," said Buffy.', "Spike"),
    ('"Bingley."', "Bingley"),
])
def test_a_name_spoken_of_is_not_a_vocative(text, name):
    doc = analysed(text)
    start = text.index(name)
    first = doc.mentions[0]
    assert (first.kind, first.text, first.start, first.end) == ("name", name, start, start + len(name))
    assert first.attrs["quote"] == 0
    assert not [m for m in doc.mentions if m.kind == "vocative"]


@pytest.mark.parametrize("text, name", [
    ('"You said to me--\'Mr. Knightley, I am going to do so-and-so\'--and did," he said.',
     "Mr. Knightley"),
    ('"\'Mr. Knightley.\'--You always called me, \'Mr. Knightley;\' it is formal."',
     "Mr. Knightley"),
    ("'He said \"No, Emma, never\" and left,' she said.", "Emma"),
])
def test_a_name_within_words_the_line_quotes_is_not_a_vocative(text, name):
    found = [m[0] for m in names(text) if m[1] in name]
    assert found and set(found) == {"name"}


@pytest.mark.parametrize("text", [
    '"\'Tis true, Emma, and you know it."',  # an elision is no quotation mark
    '"She said \'yes\' to me, Emma, and meant it."',  # the words quoted are closed
])
def test_a_name_after_a_quotation_within_the_line_is_still_called(text):
    assert [m[0] for m in names(text) if m[1] == "Emma"] == ["vocative"]


def test_names_in_narration_are_never_vocatives():
    assert names("Spike, Buffy and Giles walked in.") == [
        ("name", "Spike", 0, 5), ("name", "Buffy", 7, 12), ("name", "Giles", 17, 22)]


# -- pronouns --------------------------------------------------------------------------
def test_pronouns_with_gender_and_no_i_inside_quotes():
    doc = analysed('He saw her. I knew him. "I know," she said.')
    pronouns = [(m.text, m.start, m.attrs["gender"], m.attrs["quote"])
                for m in doc.mentions if m.kind == "pronoun"]
    assert pronouns == [("He", 0, "male", None), ("her", 7, "female", None),
                        ("I", 12, "narrator", None), ("him", 19, "male", None),
                        ("she", 34, "female", None)]


def test_initials_belong_to_the_name():
    assert names("Then Mr. E. W. B. Childers came in. J. Smith left.") == [
        ("name", "Mr. E. W. B. Childers", 5, 26), ("name", "J. Smith", 36, 44)]


def test_a_name_called_in_words_told_again_is_no_call_of_the_line():
    import storycast
    from storycast.document import Document

    text = ('Declan stood. Felix grinned.\n\n"Dec," said Felix.\n\n'
            '"So he rang me at two in the morning, and he said, Dec, I am going to marry '
            'her," said Declan.\n')
    doc = storycast.analyze(Document(text))
    called = [m.text for m in doc.mentions if m.kind == "vocative"]
    assert called == ["Dec"]  # the first line's call; the one told again is no call


@pytest.mark.parametrize("text, found", [
    # an honorific and an initial: a name for short, wherever the sentence goes on
    ("Mrs. A retrieved it from the footwell.", [("name", "Mrs. A", 0, 6)]),
    ("Mrs. A. She had been teaching for years.", [("name", "Mrs. A.", 0, 7)]),
    ("You're a constant, Mr. D. Like gravity.", [("name", "Mr. D.", 19, 25)]),
    # an initial inside a full name still joins it
    ("Ulysses S. Grant rode on.", [("name", "Ulysses S. Grant", 0, 16)]),
])
def test_an_honorific_and_an_initial_is_a_name(text, found):
    assert names(text) == found
