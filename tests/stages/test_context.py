"""What the speaker stage knows around a quote (stages/context.py)."""
from __future__ import annotations

import pytest

import storycast
from storycast.document import Document
from storycast.spans import Quote
from storycast.stages.context import (
    SCENE_REACH,
    build_context,
    called_gender,
    kin_calls,
    listeners,
    told_to,
)


def quotes(turns: list[tuple[str, int]]) -> list[Quote]:
    """(speaker, paragraph) per quote."""
    return [Quote(f"q{k}", [(10 * k, 10 * k + 5)], speaker=who, paragraph=p)
            for k, (who, p) in enumerate(turns)]


def test_listeners_are_the_others_speaking_nearby_nearest_first():
    scene = quotes([("ann", 0), ("bob", 1), ("cat", 2), ("ann", 3), ("bob", 4), ("dan", 5)])
    assert listeners(scene, 3) == ["cat", "bob", "dan"]  # 2 then 4 (ties: earlier first), 5
    assert listeners(scene, 0, reach=2) == ["bob", "cat"]


def test_listeners_stop_where_the_scene_does():
    gap = SCENE_REACH + 1
    scene = quotes([("ann", 0), ("bob", 1), ("cat", 1 + gap), ("dan", 2 + gap)])
    assert listeners(scene, 1) == ["ann"]
    assert listeners(scene, 2) == ["dan"]


def test_the_speaker_and_unknown_speakers_are_no_listeners():
    scene = quotes([("ann", 0), (None, 1), ("ann", 2), ("bob", 3)])
    assert listeners(scene, 2) == ["bob"]


@pytest.mark.parametrize("line, sex", [
    ("Oh! good Mr. Perry--how is he, sir?", "male"),
    ("Yes, ma'am.", "female"),
    ("My dear papa, he is three-and-twenty.", "male"),
    ("Sir Thomas is here.", None),  # a name, not a way of calling
    ("Come, my dear, sit down.", None),
    ("Oh, mamma! Papa, look.", None),  # both
])
def test_the_sex_of_the_one_a_line_calls_sir_or_madam(line, sex):
    assert called_gender(line) == sex


@pytest.mark.parametrize("line, words", [
    ("Yes, papa; we have something to read you.", {"papa"}),
    ("Dear aunt, I cannot.", {"aunt"}),
    ("Oh! mama, do come. Good-bye, Uncle!", {"mamma", "uncle"}),
    ("I told my aunt.", set()),  # spoken of, not called
    ("My father is ill.", set()),
])
def test_the_family_words_a_line_calls_its_listener_by(line, words):
    assert kin_calls(line) == words


def test_papa_is_whoever_answers_it():
    import storycast
    from storycast.document import Document

    text = ("Emma sat with her father and Harriet.\n\n"
            '"Shall I read it, papa?" said Emma.\n\n"Do, my dear," said Mr. Woodhouse.\n\n'
            '"It is short, papa," said Emma.\n\n"Then read it twice," said Mr. Woodhouse.\n\n'
            '"May I hear it too?" said Harriet.\n\n"Listen then, papa."\n\n'
            '"I am listening," said Mr. Woodhouse.\n')
    doc = storycast.analyze(Document(text))
    # the untagged line after Harriet's calls "papa": it is said to Mr. Woodhouse, as the
    # tagged answers to "papa" show, before Harriet who spoke last
    assert [doc.character(a).name for a in doc.quotes[5].addressees][:1] == ["Mr. Woodhouse"]


def test_mother_is_whichever_woman_answers_it():
    import storycast
    from storycast.document import Document

    # Mr. Grey answers "mother" as often as Mrs. Grey does, but a man is no one's mother
    text = ("Tom sat with his father and mother.\n\n"
            '"Shall we go, mother?" said Tom.\n\n"Not yet," said Mr. Grey.\n\n'
            '"Is it late, mother?" said Tom.\n\n"Not very," said Mr. Grey.\n\n'
            '"Are you tired, mother?" said Tom.\n\n"A little," said Mrs. Grey.\n\n'
            '"Is it cold, mother?" said Tom.\n\n"Quite," said Mrs. Grey.\n\n'
            '"We should go," said Mr. Grey.\n\n"Come, mother."\n')
    doc = storycast.analyze(Document(text))
    q = doc.quotes[-1]
    assert doc.character(q.speaker).name == "Tom"
    assert [doc.character(a).name for a in q.addressees][:1] == ["Mrs. Grey"]


def test_a_miss_is_no_ones_mother():
    import storycast
    from storycast.document import Document

    # Miss Ames answers "mother" more often than Mrs. Grey, but a "Miss" is no one's mother
    text = ("Tom sat with his mother and Miss Ames.\n\n"
            '"Shall we go, mother?" said Tom.\n\n"Not yet," said Miss Ames.\n\n'
            '"Is it late, mother?" said Tom.\n\n"Not very," said Miss Ames.\n\n'
            '"Is it cold, mother?" said Tom.\n\n"Quite," said Miss Ames.\n\n'
            '"Are you tired, mother?" said Tom.\n\n"A little," said Mrs. Grey.\n\n'
            '"Are you warm, mother?" said Tom.\n\n"Very," said Mrs. Grey.\n\n'
            '"We should go," said Miss Ames.\n\n"Come, mother."\n')
    doc = storycast.analyze(Document(text))
    q = doc.quotes[-1]
    assert doc.character(q.speaker).name == "Tom"
    assert [doc.character(a).name for a in q.addressees][:1] == ["Mrs. Grey"]


def test_a_paragraph_of_narration_opens_on_its_subject_by_name_or_by_sex():
    import storycast
    from storycast.document import Document
    from storycast.stages.context import build_context, narration_subject

    doc = storycast.analyze(Document(
        'Tom came in.\n\n"Is it true?" said Tom.\n\nThen at last Helen looked up.\n\n'
        '"Yes."\n\nShe nodded.\n\nThe clock struck, and Tom went out.\n'))
    name = {c.id: c.name for c in doc.characters}
    ctx = build_context(doc)
    subjects = [narration_subject(ctx, p) for p in range(len(doc.paragraphs))]
    assert [(name.get(who), sex) for who, sex in subjects] == [
        ("Tom", None), (None, None), ("Helen", None), (None, None), (None, "female"),
        (None, None)]


def test_the_stranger_is_the_one_the_story_names_next():
    import storycast
    from storycast.document import Document
    from storycast.stages.context import build_context, resolve_description

    story = ('Mrs. Sparsit sat alone in the bank parlour. A gentleman came in.\n\n'
             '"Is Mr. Bounderby at home?" said the stranger.\n\n'
             '"He is not, sir," said Mrs. Sparsit.\n\n'
             '"Then I shall wait," said the stranger.\n\n'
             'When Mr. Bounderby came, he read the letter. It was from Gradgrind, and it '
             'brought him Mr. James Harthouse.\n\n"Welcome, Harthouse," said Mr. Bounderby.\n')
    doc = storycast.analyze(Document(story))
    names = {c.id: c.name for c in doc.characters}
    ctx = build_context(doc)
    tags = [t for t in doc.layer("tags") if t is not None and t.text == "the stranger"]
    assert [names[resolve_description(ctx, t)] for t in tags] == ["Mr. James Harthouse"] * 2
    assert [names.get(q.speaker) for q in doc.quotes[:3]] == [
        "Mr. James Harthouse", "Mrs. Sparsit", "Mr. James Harthouse"]


@pytest.mark.parametrize("text, told", [
    ('"Is it late?" said Tom to Ada.', ["Ada"]),
    ('"Is it late?" Tom asked Ada.', ["Ada"]),
    ('"Is it late?" Tom asked Ada\'s brother.', []),  # an owner, not the one asked
    ('Tom told Ada everything. "Is it late?"', ["Ada"]),
    ('"Is it late?" Tom asked, and Ada shrugged.', []),
])
def test_whom_the_narration_says_a_line_is_said_to(text, told):
    doc = storycast.analyze(Document(text))
    ctx = build_context(doc)
    assert [doc.character(c).name for c in told_to(ctx, 0)] == told


@pytest.mark.parametrize("text, told", [
    ('"Is it late?" she asked me.', True),
    ('"Is it late?" she said to me.', True),
    ('"Is it late?" she said, and looked at me.', False),
])
def test_a_line_asked_of_the_narrator_is_said_to_them(text, told):
    doc = storycast.analyze(Document("I woke early. I found Ada by the gate, and I waved. "
                                     + text))
    ctx = build_context(doc)
    assert ctx.narrator and (ctx.narrator in told_to(ctx, 0)) is told
