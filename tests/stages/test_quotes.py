"""The quotation finder: spans, grouping and the styles of quote marks."""
from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storycast.document import Document
from storycast.stages.handover import hands_over
from storycast.stages.quotes import find_quotes, guillemets_reversed, quotes
from storycast.stages.segment import find_paragraphs, segment

APOLOGY = Path(__file__).resolve().parents[3] / "shared" / "stories" / "the-apology.txt"


def found(text: str) -> list[list[str]]:
    """The text of every span of every quotation, quotation by quotation."""
    return [[text[a:b] for a, b in q.spans] for q in find_quotes(text, find_paragraphs(text))]


# -- styles ---------------------------------------------------------------------------
def test_straight_double_quotes_exclude_marks_and_trim_whitespace():
    text = 'She looked up.\n\n"Blondiebear?  "\n\n"Hello Harmony," said Buffy.'
    qs = find_quotes(text, find_paragraphs(text))
    assert [[text[a:b] for a, b in q.spans] for q in qs] == [["Blondiebear?"], ["Hello Harmony,"]]
    assert [q.id for q in qs] == ["q1", "q2"]
    assert [q.paragraph for q in qs] == [1, 2]


def test_curly_double_quotes():
    text = "\u201cHello,\u201d said Tom. \u201cI\u2019m here.\u201d\n\n\u201cGood.\u201d"
    assert found(text) == [["Hello,", "I\u2019m here."], ["Good."]]


@pytest.mark.parametrize("text", [
    "\u00abWhere were you?\u00bb asked Anna. \u00abAt the station.\u00bb",
    "\u00ab Where were you? \u00bb asked Anna. \u00ab At the station. \u00bb",  # French spacing
    "\u201eWhere were you?\u201c asked Anna. \u201eAt the station.\u201c",  # German
    "\u201eWhere were you?\u201d asked Anna. \u201eAt the station.\u201d",  # Polish
    "\u00bbWhere were you?\u00ab asked Anna. \u00bbAt the station.\u00ab",  # German, Danish
])
def test_guillemets_and_low_opening_marks(text):
    assert found(text) == [["Where were you?", "At the station."]]


def test_inward_guillemets_quote_the_speech_not_the_narration_between():
    text = ("\u00bbHast du Hunger?\u00ab, fragte Lena.\n\n\u00bbImmer\u00ab, sagte Jonas. "
            "\u00bbWas gibt es?\u00ab\n\n\u00bbSuppe.\u00ab Sie r\u00fchrte im Topf.")
    assert found(text) == [["Hast du Hunger?"], ["Immer"], ["Was gibt es?"], ["Suppe."]]


@pytest.mark.parametrize("text, reversed_", [
    ("\u00bbJa\u00ab, sagte er.", True),
    ("\u00abOui\u00bb, dit-il.", False),
    ("\u00ab Oui \u00bb, dit-il. \u00ab Non. \u00bb", False),  # French spacing shows neither
    ("No guillemets here.", False),
])
def test_which_way_the_guillemets_point(text, reversed_):
    assert guillemets_reversed(text) is reversed_


def test_a_paragraph_whose_tag_names_someone_else_does_not_go_on_with_an_open_quote():
    lost = ('"You were gone for hours," he said. "I was worried.\n\n'
            '"I know," she said, "but I needed air."')
    assert found(lost) == [["You were gone for hours,", "I was worried."],
                           ["I know,", "but I needed air."]]
    # a speech that runs on over paragraphs, its tag saying the same speaker or nothing
    runs_on = ('"It was late," he said. "We walked home.\n\n'
               '"The road," he went on, "was dark."\n\nShe said nothing.')
    assert found(runs_on) == [["It was late,", "We walked home.", "The road,", "was dark."]]


def test_speech_tag_interruption_is_one_quote_with_two_spans():
    text = '"Hello," said Tom, "and goodbye."'
    qs = find_quotes(text, find_paragraphs(text))
    assert len(qs) == 1
    assert qs[0].spans == [(1, 7), (20, 32)]
    assert qs[0].text(text) == "Hello, and goodbye."


def test_a_sentence_broken_off_at_a_comma_by_an_aside_is_one_quote():
    text = '"For your sake," turning to Charlotte, "I am glad of it."\n\n"A little."'
    assert found(text) == [["For your sake,", "I am glad of it."], ["A little."]]


@pytest.mark.parametrize("text, expected", [
    ('"You let her," he argued; and she answered: "That is why."',
     [["You let her,"], ["That is why."]]),
    ('"Is it you?" she asked the Gryphon, and the Gryphon answered, "It is."',
     [["Is it you?"], ["It is."]]),
    ('"Painters?" asked Beaufort; and Madame Olenska said to Archer: "Yes."',
     [["Painters?"], ["Yes."]]),
    ('"Ah," said Mrs. van der Luyden; and Mrs. Archer murmured: "Oh."', [["Ah,"], ["Oh."]]),
    ('"She never takes cold," said Mr. Bounderby.  "Really, sir?" said Mrs. Sparsit.',
     [["She never takes cold,"], ["Really, sir?"]]),
    ('"He talks of you," cried Charles, "in such terms--" Mary interrupted him. "I declare."',
     [["He talks of you,", "in such terms--"], ["I declare."]]),
    ('"Cake?" he said to Hamidullah; who replied with a sigh: "No."', [["Cake?"], ["No."]]),
    # the lead-in before the first piece names its speaker
    (('And when Mr. Bounderby said, "Your health, ma\'am!" she answered with great feeling, '
      '"Thank you, sir."'), [["Your health, ma'am!"], ["Thank you, sir."]]),
    (('When the concert was over and Margaret said, "Will you walk round with me?" he said, '
      '"Thank you," peaceably.'), [["Will you walk round with me?"], ["Thank you,"]]),
])
def test_narration_that_hands_the_talk_to_someone_else_splits_the_quote(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text", [
    '"Nay," said Edmund, who began to listen with alarm. "Let us do nothing by halves."',
    '"Yes," said Rose; "your coming here tells me so. Oh!" said the earnest girl.',
    '"Go," cried her father as she appeared. "Is it late?" Elizabeth replied that it was.',
    '"Well," he exclaimed; and as she turned to him he added: "Come."',
    '"Sir," said Tom, smiling, "and you."',
    '"I have it," pursued Fagin, "and I keep it," cried the Jew, "for myself."',
    'They were interrupted by Mrs. Allen: "My dear Catherine," said she, "do take this pin."',
])
def test_narration_that_keeps_the_speaker_keeps_one_quote(text):
    assert len(found(text)) == 1


@given(st.text(alphabet='abc AB.,;:"\n', max_size=60), st.text(alphabet="ab A.", max_size=20))
@settings(max_examples=200, deadline=None)
def test_narration_that_says_no_line_hands_nothing_over(gap, after):
    # these letters spell no speech verb, so no one in them speaks
    assert hands_over(gap, gap or None, after) is False
    # and Tom, tagged before and after a line, keeps it whatever words lead up to his tag
    assert hands_over(gap.lower() + " said Tom, ", None, after.lower() + " said Tom.") is False


def test_narration_between_quotes_keeps_them_apart():
    text = '"I am sorry."  He saw her cringe.  "I knew it."'
    assert found(text) == [["I am sorry."], ["I knew it."]]


def test_full_stop_before_the_tag_ends_the_utterance():
    text = '"You two will get along." he continued. "Shall I send him over?"'
    assert found(text) == [["You two will get along."], ["Shall I send him over?"]]


def test_british_single_quotes_with_apostrophes_and_possessives():
    text = ("'Hello,' said Tom, 'I don't know the girls' room.' He left.\n\n"
            "'It's five o'clock,' she said. 'Tell 'em the girls' room is free.'\n\n"
            "'Goin' home?' asked the ol' man.")
    assert found(text) == [
        ["Hello,", "I don't know the girls' room."],
        ["It's five o'clock,", "Tell 'em the girls' room is free."],
        ["Goin' home?"],
    ]


def test_curly_single_quotes_with_elision():
    text = ("\u2018Hello,\u2019 said Tom, \u2018I don\u2019t know the girls\u2019 room.\u2019\n\n"
            "\u2018\u2019Tis late,\u2019 she said.")
    assert found(text) == [
        ["Hello,", "I don\u2019t know the girls\u2019 room."], ["\u2019Tis late,"]]


def test_nested_quotes_stay_inside_the_outer_quote():
    text = "\"He said 'go' to me,\" said Ann. \"And \u2018stay\u2019 too.\""
    assert found(text) == [["He said 'go' to me,", "And \u2018stay\u2019 too."]]
    british = "'He said \"go\" to me,' said Ann."
    assert found(british) == [['He said "go" to me,']]


def test_quote_over_several_paragraphs_is_one_quote_with_a_span_per_paragraph():
    text = '"First part,\n\n"second part,\n\n"and the end."\n\nNarration.'
    qs = find_quotes(text, find_paragraphs(text))
    assert [[text[a:b] for a, b in q.spans] for q in qs] == [
        ["First part,", "second part,", "and the end."]]
    assert qs[0].paragraph == 0


def test_unclosed_mark_ends_at_its_paragraph():
    text = '"Unclosed here.\n\nNarration follows for a while.\n\n"Next," said Tom.'
    assert found(text) == [["Unclosed here."], ["Next,"]]


def test_unclosed_mark_does_not_swallow_the_book():
    text = 'He said, "wait.\n\n' + "Narration goes on and on.\n\n" * 50 + "The end."
    assert found(text) == [["wait."]]


def test_dash_introduced_speech():
    text = ("\u2014 Hello, said Tom.\n\n"
            "\u2014 How are you? \u2014 asked Ann. \u2014 Fine.\n\n"
            "\u2015 Bye.")
    assert found(text) == [["Hello,"], ["How are you?", "Fine."], ["Bye."]]


def test_dash_introduced_speech_with_its_tag_inline():
    text = ("\u2014Where are you going? asked Marie.\n\n"
            "\u2014Out, said Paul. I will be back by ten.\n\n"
            "\u2014Fine, said Marie. She went back to her book.")
    # the line goes on after its tag when it speaks as "I" or to "you"; narration does not
    assert found(text) == [["Where are you going?"], ["Out,", "I will be back by ten."],
                           ["Fine,"]]


def test_damaged_question_mark_and_stray_space_before_closing_mark():
    text = ('"Spike, you should be a little more sensitive?."said Buffy.\n\n'
            '"Do you want me to send him over ?"')
    assert found(text) == [
        ["Spike, you should be a little more sensitive?."],
        ["Do you want me to send him over ?"],
    ]


def test_empty_quotation_is_not_a_quote():
    assert found('"  "\n\n"x"') == [["x"]]


def test_scare_quotes_and_titles_are_not_speech():
    text = 'They kept out the "new people" and read "The Times" daily.\n\n"Yes," he said.'
    assert found(text) == [["Yes,"]]


def test_writing_introduced_as_writing_is_not_speech():
    text = ("He took up the letter, which ran thus:\n\n"
            '"I shall be at the station by noon."\n\n'
            '"Then we must hurry," said Tom.\n\n'
            'On the card was printed: "Closed on Sundays." '
            '"Good," she said.')
    assert found(text) == [["Then we must hurry,"], ["Good,"]]


def test_a_line_after_a_sentence_that_writes_is_speech_unless_it_goes_on_a_quotation():
    text = ("Orla wrote it down. 'See? Nineties.'\n\n"
            "He took the card. 'Those people are here,' she wrote. 'They seem happy.'\n\n"
            "He wrote 'Closed' on the door.")
    assert found(text) == [["See? Nineties."]]


def test_a_letter_with_a_lost_dash_after_its_salutation_is_not_speech():
    text = ('She read it twice.\n\n"My dear Fanny,   I write in haste."\n\n"Well?" he asked.')
    assert found(text) == [["Well?"]]


def test_wished_supposed_and_looked_speech_is_not_speech():
    text = ('He wanted to say: "I called on her yesterday," but hesitated.\n\n'
            'Helen would have exclaimed, "So do I!" and smiled.\n\n'
            'If she had said, "Do you worship one god?" he would not have minded.\n\n'
            'Her eyes said: "Remember, we are doing this because it is right."\n\n'
            '"Oh, do let us see it through," it seemed to say.\n\n'
            '"No," he said.')
    assert found(text) == [["No,"]]


def test_sung_and_titled_words_are_not_speech():
    text = ('She sang, of course, "M\'ama!" and the band played the overture to '
            '"The Poet and the Peasant."\n\n"Bravo!" cried Tom.')
    assert found(text) == [["Bravo!"]]


def test_stage_sets_the_quotes_layer():
    doc = quotes(segment(Document('Tom came in.\n\n"Hello," he said.')))
    assert doc.has("quotes")
    assert [q.text(doc.text) for q in doc.quotes] == ["Hello,"]
    assert quotes.name == "quotes" and quotes.needs == ("paragraphs",)


# -- properties -----------------------------------------------------------------------
_ALPHABET = st.sampled_from(list("ab Tom said. ,?!\n") + ['"', "'", "\u201c", "\u201d",
                                                        "\u2018", "\u2019", "\u2014", "\n\n",
                                                        "\u201e", "\u00ab", "\u00bb"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=120).map("".join))
def test_spans_are_in_bounds_trimmed_sorted_and_disjoint(text):
    paragraphs = find_paragraphs(text)
    qs = find_quotes(text, paragraphs)
    flat = [s for q in qs for s in q.spans]
    for a, b in flat:
        assert 0 <= a < b <= len(text)
        assert text[a:b] == text[a:b].strip()
    assert flat == sorted(flat)
    assert all(b1 <= a2 for (_, b1), (a2, _) in pairwise(flat))
    assert [q.id for q in qs] == [f"q{i + 1}" for i in range(len(qs))]
    for q in qs:
        assert paragraphs[q.paragraph].contains(q.spans[0][0])


_FRENCH = st.lists(st.sampled_from(list("ab Tom said. ,?!") + [" \u00abOui\u00bb ", "\n\n",
                                                               " \u00abNon,\u00bb "]),
                   max_size=40).map("".join)


@settings(max_examples=200, deadline=None)
@given(_FRENCH)
def test_inward_guillemets_are_read_as_outward_ones_are(text):
    inward = text.translate(str.maketrans("\u00ab\u00bb", "\u00bb\u00ab"))
    assert (find_quotes(inward, find_paragraphs(inward))
            == find_quotes(text, find_paragraphs(text)))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_characters="\"'\u201c\u201d\u201e\u2018\u2019"
                                      "\u00ab\u00bb\u2014\u2015\u2013"), max_size=200))
def test_text_without_quote_marks_or_dashes_has_no_quotes(text):
    assert find_quotes(text, find_paragraphs(text)) == []


# -- a real story --------------------------------------------------------------------
@pytest.mark.skipif(not APOLOGY.exists(), reason="shared/stories/the-apology.txt is not here")
def test_the_apology_has_44_quotations():
    text = APOLOGY.read_text(encoding="utf-8")
    doc = quotes(segment(Document(text)))
    said = [q.text(text) for q in doc.quotes]
    assert len(said) == 44
    assert said[:3] == ["Blondiebear?", "Hello Harmony,",
                        "Oh, I see you finally went to see the Slayer."]
    assert said[-1] == "I love you."
