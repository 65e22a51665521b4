"""Features of the speaker model (stages/features.py, context.py)."""
from __future__ import annotations

from storycast.document import Document
from storycast.stages.context import build_context, conversation_cast
from storycast.stages.features import INDEX, candidates, quote_features
from storycast.stages.speakers import anchor_speakers

# Two conversations: Tom and Ada talk, tagged and by vocative; a paragraph gap; then
# Mrs. Pike and Ada.
TWO_CONVERSATIONS = """\
"Is the oven hot?" said Tom.

"Nearly," said Ada.

"Then the bread goes in now, Ada."

"Give it ten minutes."

Tom shrugged and went out to the yard. The afternoon passed slowly.

The shop was quiet until evening.

Mrs. Pike came in with her basket at six.

Nobody else came.

"Any rolls left?" said Mrs. Pike.

"Two," said Ada.
"""


def analysed(text: str):
    import storycast

    doc = storycast.analyze(Document(text))
    ctx = build_context(doc)
    anchor_speakers(ctx, doc.layer("tags"))
    return doc, ctx


def by_candidate(doc, ctx, i: int) -> dict[str, list[float]]:
    """Quote i's feature vectors by candidate name."""
    speakers = [q.speaker for q in doc.quotes]
    cands = candidates(ctx, i, speakers)
    vecs = quote_features(ctx, i, cands, speakers)
    return {doc.character(c).name: v for c, v in zip(cands, vecs)}


def test_a_conversation_is_between_its_tagged_speakers_and_those_it_addresses():
    doc, ctx = analysed(TWO_CONVERSATIONS)
    ids = {c.name: c.id for c in doc.characters}
    cast = conversation_cast(ctx)
    assert len(cast) == len(doc.quotes) == 6
    first, second = cast[0], cast[4]
    assert cast[1] is first and cast[3] is first and cast[5] is second
    assert first == ({ids["Tom"]: 1, ids["Ada"]: 1}, {ids["Ada"]: 1})
    assert second == ({ids["Mrs. Pike"]: 1, ids["Ada"]: 1}, {})


def test_a_quote_is_no_evidence_of_its_own_conversation_cast():
    doc, ctx = analysed(TWO_CONVERSATIONS)
    ids = {c.name: c.id for c in doc.characters}
    speakers = [q.speaker for q in doc.quotes]
    tagged, pair = INDEX["conversation_tagged"], INDEX["conversation_pair"]

    def feature(i: int, name: str, column: int) -> float:
        cands = candidates(ctx, i, speakers)
        return quote_features(ctx, i, cands, speakers)[cands.index(ids[name])][column]

    # "said Tom" is Tom's only tag in the first conversation: it leaves itself out
    assert feature(0, "Tom", tagged) == 0.0
    assert feature(0, "Ada", tagged) > 0.0
    # the untagged fourth line: Tom and Ada are the pair the conversation is between
    assert feature(3, "Tom", pair) == feature(3, "Ada", pair) == 1.0
    if ids["Mrs. Pike"] in candidates(ctx, 3, speakers):
        assert feature(3, "Mrs. Pike", pair) == 0.0


def test_untagged_lines_count_their_scene_again_and_tagged_ones_do_not():
    doc, ctx = analysed(TWO_CONVERSATIONS)
    speakers = [q.speaker for q in doc.quotes]
    plain, again = INDEX["conversation_pair"], INDEX["conversation_pair_untagged"]
    for i in (2, 3):  # "Then the bread goes in now, Ada." and "Give it ten minutes."
        for v in quote_features(ctx, i, candidates(ctx, i, speakers), speakers):
            assert v[INDEX["untagged"]] == 1.0 and v[again] == v[plain]
    for v in quote_features(ctx, 0, candidates(ctx, 0, speakers), speakers):  # "said Tom"
        assert v[INDEX["untagged"]] == 0.0 and v[again] == 0.0


PRONOUN_TAGS = """\
Ann and Tom sat by the fire. Ann poured the tea.

"It is cold tonight," she said.

"Colder than last winter," he said.

"Did you bring the wood in?" she said.

"All of it," he said.
"""


def test_a_pronoun_tag_counts_the_turns_again_among_those_it_fits():
    doc, ctx = analysed(PRONOUN_TAGS)
    vecs = by_candidate(doc, ctx, 3)  # "All of it," he said: Tom spoke two turns back, "he" fits
    tom, ann = vecs["Tom"], vecs["Ann"]
    assert tom[INDEX["gender_match"]] == 1.0 and tom[INDEX["prev2_turn_gendered"]] == 1.0
    assert ann[INDEX["prev_turn"]] == 1.0 and ann[INDEX["prev_turn_gendered"]] == 0.0
    assert [doc.character(q.speaker).name for q in doc.quotes] == ["Ann", "Tom", "Ann", "Tom"]


def test_a_turn_that_calls_its_listener_sir_is_answered_by_a_man():
    doc, ctx = analysed('Ann and Tom sat by the fire.\n\n"Is it late, sir?" said Ann.\n\n'
                        '"Not very."\n\n"Good," said Ann.')
    vecs = by_candidate(doc, ctx, 1)
    assert vecs["Tom"][INDEX["answers_called"]] == 1.0
    assert vecs["Ann"][INDEX["answers_called"]] == 0.0


def test_she_said_never_fits_the_one_who_tells_the_story():
    doc, ctx = analysed('I sat with Holmes and Mary by the fire. I was tired, and I said little. '
                        'I watched the rain.\n\n"It is late," I said.\n\n"So it is," she said.'
                        '\n\n"Go home, Mary," said Holmes.\n\nI rose and I went to the door.')
    narrator = by_candidate(doc, ctx, 1)[doc.narrator().name]
    assert narrator[INDEX["gender_mismatch"]] == 1.0
    assert narrator[INDEX["gender_unknown"]] == 0.0


def narrated(text: str):
    """The document read up to the speaker stage, whose speakers would rewrite what the
    tags' pronouns stand for, and its context."""
    from storycast.analysis import default_pipeline

    doc = Document(text)
    pipeline = default_pipeline()
    names = [s.name for s in pipeline.stages]
    pipeline.stages = pipeline.stages[:names.index("speakers")]
    pipeline.run(doc)
    ctx = build_context(doc)
    anchor_speakers(ctx, doc.layer("tags"))
    return doc, ctx


KATE_AND_ANN = ('Kate and Ann stood at the gate.\n\n"Go in," said Ann.\n\n'
                'In this manner Kate talked on to Ann, till they were at the door, '
                'when turning round, she added, "Goodbye."')


def test_she_said_counts_the_subject_of_its_own_sentence():
    # "she" is Kate, who talked on, not Ann, named last
    doc, ctx = narrated(KATE_AND_ANN)
    vecs = by_candidate(doc, ctx, 1)
    assert vecs["Kate"][INDEX["tag_pronoun"]] == 1.0
    assert vecs["Ann"][INDEX["tag_pronoun"]] == 0.0


def test_where_each_woman_was_last_named_before_she_said():
    # both named in the tag's own sentence; Ann after "to", an object; neither opens it
    doc, ctx = narrated(KATE_AND_ANN)
    vecs = by_candidate(doc, ctx, 1)
    near, obj, first = INDEX["antecedent_near"], INDEX["antecedent_object"], INDEX["antecedent_first"]
    assert (vecs["Kate"][near], vecs["Kate"][obj], vecs["Kate"][first]) == (1.0, 0.0, 0.0)
    assert (vecs["Ann"][near], vecs["Ann"][obj], vecs["Ann"][first]) == (1.0, 1.0, 0.0)
    # a woman whose name opens the sentence before is near and first; one whose name opens
    # a sentence further back only first; a man neither
    doc, ctx = narrated('Kate, Ann and Tom stood at the gate.\n\n"Go in," said Tom.\n\n'
                        'Ann laughed. Tom waited. Kate stood up. "No," she said.')
    vecs = by_candidate(doc, ctx, 1)
    assert (vecs["Kate"][near], vecs["Kate"][first]) == (1.0, 1.0)
    assert (vecs["Ann"][near], vecs["Ann"][first]) == (0.0, 1.0)
    assert vecs["Tom"][near] == vecs["Tom"][first] == 0.0


def test_a_described_speaker_counts_the_scene_again_and_a_kinsman_does_not():
    doc, ctx = analysed('Oliver stood before the board.\n\n"Bow," said Bumble.\n\n'
                        '"What is your name, boy?" said the gentleman.\n\n'
                        '"Oliver," said Oliver.\n\n"Go home," said his mother.')
    speakers = [q.speaker for q in doc.quotes]
    tagged, again = INDEX["conversation_tagged"], INDEX["conversation_tagged_described"]
    vecs = quote_features(ctx, 1, candidates(ctx, 1, speakers), speakers)
    assert all(v[INDEX["described"]] == 1.0 and v[again] == v[tagged] for v in vecs)
    assert any(v[again] > 0 for v in vecs)
    for i in (0, 3):  # "said Bumble" and "said his mother"
        for v in quote_features(ctx, i, candidates(ctx, i, speakers), speakers):
            assert v[INDEX["described"]] == 0.0 and v[again] == 0.0


def test_three_taking_turns_count_the_one_three_back():
    doc, ctx = analysed('Ann, Tom and Kate sat by the fire.\n\n"Tea?" said Ann.\n\n'
                        '"Please," said Tom.\n\n"And for me," said Kate.\n\n"Milk?"\n\n'
                        '"No," said Tom.')
    vecs = by_candidate(doc, ctx, 3)
    assert vecs["Ann"][INDEX["prev3_turn"]] == 1.0  # "Milk?": Ann, who spoke three back
    assert vecs["Tom"][INDEX["prev3_turn"]] == 0.0  # two back, counted as such
    assert vecs["Tom"][INDEX["prev2_turn"]] == 1.0


# -- the chapter's people -------------------------------------------------------------------
LONG_CHAPTER = (
    "Mr. Archer went out. Mr. Archer walked to the club, and Mr. Archer sat by the fire. "
    "Mr. Archer read the paper.\n\n"
    + "".join(f"Mrs. Welland sat at her window for the {n}th hour, and Mrs. Welland sewed.\n\n"
              for n in range(25))
    + '"It is late," he said.\n')


def test_a_pronoun_tag_may_be_the_man_the_chapter_follows_though_not_named_lately():
    doc, ctx = analysed(LONG_CHAPTER)
    found = by_candidate(doc, ctx, 0)
    assert "Mr. Archer" in found  # named 26 paragraphs back, beyond the reach of the scene
    assert found["Mr. Archer"][INDEX["chapter_count"]] > 0


def test_said_to_someone_is_a_feature_of_the_one_told_and_of_the_answer():
    doc, ctx = analysed('"Is it late?" said Tom to Ada.\n\n"Not very."\n')
    assert by_candidate(doc, ctx, 0)["Ada"][INDEX["own_told"]] == 1.0
    assert by_candidate(doc, ctx, 1)["Ada"][INDEX["prev_told"]] == 1.0


# Three women named before an untagged-by-name "she said": which of the candidates was
# named last depends on which candidates there are.
THREE_WOMEN = """\
Ann met Kate and Mary at the gate. Tom waited by the cart.

"We are late," said Ann.

Kate laughed, and Mary looked at the sky.

"Not very," she said.
"""


def test_what_both_readings_share_is_what_a_fresh_reading_works_out():
    """The features kept per quote and candidate for the second reading are those a fresh
    context gives, whichever candidates asked first, and each call gets its own copy."""
    doc, ctx = analysed(THREE_WOMEN)
    speakers = [q.speaker for q in doc.quotes]
    i = len(doc.quotes) - 1
    cands = candidates(ctx, i, speakers)
    names = [doc.character(c).name for c in cands]
    assert {"Ann", "Kate", "Mary"} <= set(names)
    fresh = quote_features(ctx, i, cands, speakers)
    _, again = analysed(THREE_WOMEN)
    last = INDEX["recent_same_gender_1"]
    first_named = [k for k, v in enumerate(fresh) if v[last]]
    assert len(first_named) == 1  # one of the candidates was the woman named last
    fewer = [c for k, c in enumerate(cands) if k != first_named[0]]
    smaller = quote_features(again, i, fewer, speakers)  # asked first by fewer candidates
    assert any(v[last] for v in smaller)  # another woman is the last named among them
    assert quote_features(again, i, cands, speakers) == fresh
    mine = quote_features(again, i, cands, speakers)
    mine[0][INDEX["tag_name"]] = 5.0
    assert quote_features(again, i, cands, speakers) == fresh


NARRATED_TURNS = """\
Tom came into the kitchen, where Helen sat.

"Is it true?" said Tom.

But Helen was silent.

"Well?"

"Tell me first."

He nodded.

"Then go."

The kettle on the hob began to sing.

"Now?"
"""


def test_a_turn_told_in_narration_between_two_lines_marks_its_subject_and_the_speaker_before():
    doc, ctx = analysed(NARRATED_TURNS)
    well, tell, go, now = (by_candidate(doc, ctx, i) for i in (1, 2, 3, 4))
    across, subject = INDEX["prev_turn_across"], INDEX["between_subject"]
    # "But Helen was silent." between Tom's line and "Well?"
    assert well["Helen"][subject] == 1 and well["Tom"][subject] == 0
    assert well["Tom"][across] == 1 and well["Helen"][across] == 0
    assert all(v[across] == 0 and v[subject] == 0 for v in tell.values())  # nothing between
    # "He nodded.": the man of the two
    assert go["Tom"][subject] == 1 and go["Helen"][subject] == 0
    assert sum(v[across] for v in go.values()) == 1
    # a paragraph that opens on no one marks no one, though the turns still count across it
    assert all(v[subject] == 0 for v in now.values())
    assert sum(v[across] for v in now.values()) == 1


# Anna is named at the first line, Tom at the seventh; the lines between are untagged, the
# third paragraph of talk holds two of them (one turn), and the fourth calls Anna
EXCHANGE = """\
Tom and Anna stood at the door.

"Are you coming?" said Anna.

"Where?"

"To the market." The rain fell. "Now."

"Not today, Anna."

"Why not?"

"Because it is raining," said Tom.

"Then stay," said Anna.

He stayed.

"I will."
"""


def test_a_named_turn_sets_the_parity_of_the_untagged_turns_around_it():
    doc, ctx = analysed(EXCHANGE)
    assert [q.paragraph for q in doc.quotes][:7] == [1, 2, 3, 3, 4, 5, 6]
    parity = ("anchor_ahead_even", "anchor_ahead_odd", "anchor_behind_even",
              "anchor_behind_odd", "called_even", "called_odd")

    def said(i: int) -> dict[str, list[str]]:
        return {who: [n for n in parity if v[INDEX[n]]]
                for who, v in by_candidate(doc, ctx, i).items()}

    assert said(1) == {"Anna": ["anchor_behind_odd", "called_even"], "Tom": ["anchor_ahead_even"]}
    # the two lines of the third paragraph are one turn, two turns after Anna's
    for i in (2, 3, 5):
        assert said(i) == {"Anna": ["anchor_behind_even", "called_odd"],
                           "Tom": ["anchor_ahead_odd"]}
    # narration between two lines breaks the exchange; a tagged line has none
    assert said(8) == {"Anna": [], "Tom": []}
    assert said(6) == {"Anna": [], "Tom": []}


def test_a_reply_answers_the_last_speaker_and_an_addition_goes_on_from_them():
    doc, ctx = analysed('Ann and Kate sat by the fire.\n\n"Tea?" said Kate.\n\n'
                        '"Is it late?" said Ann.\n\n"Not yet," she replied.\n\n'
                        '"Stay a while," she added.')
    reply, addition = by_candidate(doc, ctx, 2), by_candidate(doc, ctx, 3)
    answering, going_on = INDEX["answering"], INDEX["going_on"]
    assert all(v[answering] == 1.0 and v[going_on] == 0.0 for v in reply.values())
    assert all(v[going_on] == 1.0 and v[answering] == 0.0 for v in addition.values())
    # the flag is carried by the turns before: Ann asked, so the reply's last turn is hers
    assert reply["Ann"][INDEX["prev_turn_answering"]] == 1.0
    assert reply["Kate"][INDEX["prev2_turn_answering"]] == 1.0
    assert reply["Kate"][INDEX["prev_turn_answering"]] == 0.0
    assert addition["Kate"][INDEX["prev_turn_going_on"]] == 1.0
    assert addition["Ann"][INDEX["prev2_turn_going_on"]] == 1.0
    for i in (0, 1):  # "said Kate", "said Ann"
        assert all(v[answering] == v[going_on] == 0.0 for v in by_candidate(doc, ctx, i).values())
    # "she replied" is not the asker's: Kate answers Ann, then goes on
    assert [doc.character(q.speaker).name for q in doc.quotes] == ["Kate", "Ann", "Kate", "Kate"]


def test_they_said_fits_one_person_only_where_the_narration_calls_someone_they():
    story = ('Wren and Tomasz stood at the kiln. Wren folded their arms. Tomasz shook his '
             'head. Wren sighed, and their scarf slipped.\n\n"It is hot," said Tomasz.\n\n'
             '"Well," they said.')
    doc, ctx = narrated(story)
    assert ctx.they
    vecs = by_candidate(doc, ctx, 1)
    assert vecs["Wren"][INDEX["gender_match"]] == 1.0
    assert vecs["Tomasz"][INDEX["gender_mismatch"]] == 1.0
    # with no one called "they", "they said" is several people's and says no sex
    doc, ctx = narrated(story.replace("their", "his"))
    assert not ctx.they
    vecs = by_candidate(doc, ctx, 1)
    assert all(v[INDEX["gender_match"]] == v[INDEX["gender_mismatch"]] == 0.0
               for v in vecs.values())


def test_she_said_looks_for_the_women_named_lately_past_the_one_who_tells_the_story():
    # the "I" is Mary, named often; for "she asked" as a stranger comes in, the women
    # named lately and the chapter's most named woman are looked for past the "I"
    story = ('"Mary," said Tom. "Mary, look." I looked up from my book. I said nothing. '
             'I went on reading.\n\n"Mary, the door."\n\n"What?" I said.\n\n'
             'A woman in a red coat stood in the doorway.\n\n"Is this the shop?" she asked.'
             '\n\n"It is," said Tom.\n\n"I am Jane Hale," said the woman. Jane Hale smiled. '
             'Jane laughed.')
    doc, ctx = analysed(story)
    assert doc.narrator().name == "Mary" and doc.narrator().gender == "female"
    i = next(k for k, q in enumerate(doc.quotes) if q.text(doc.text) == "Is this the shop?")
    from storycast.stages.features import _gendered_candidates

    she = _gendered_candidates(ctx, i, doc.layer("tags")[i])
    assert [doc.character(c).name for c in she] == ["Jane Hale"]
