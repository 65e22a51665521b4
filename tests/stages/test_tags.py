"""Speech tags: the subject of "said Buffy", "Spike smiled and said," ... (stages/tags.py)."""
from __future__ import annotations

import pytest

from storycast.lexicon import SPEECH_VERBS
from storycast.stages.quotes import find_quotes
from storycast.stages.segment import find_paragraphs
from storycast.stages.tags import Tag, find_tags, tag_after, tag_before, untagged


def shape(tag: Tag | None) -> tuple | None:
    """What a tag says: (kind, text, start, end, verb, position, gender)."""
    if tag is None:
        return None
    return (tag.kind, tag.text, tag.start, tag.end, tag.verb, tag.position, tag.gender)


def after(narration: str, loose: bool = False) -> tuple | None:
    return shape(tag_after(narration, 0, len(narration), loose))


def before(narration: str, finished_ok: bool = False) -> tuple | None:
    return shape(tag_before(narration, 0, len(narration), finished_ok))


def tags_of(text: str) -> list[tuple | None]:
    paragraphs = find_paragraphs(text)
    quotes = find_quotes(text, paragraphs)
    return [shape(t) for t in find_tags(text, quotes, paragraphs)]




# -- after the quote -------------------------------------------------------------------
@pytest.mark.parametrize("narration, expected", [
    ("said Buffy.", ("name", "Buffy", 5, 10, "said", "after", None)),
    ("Buffy said.", ("name", "Buffy", 0, 5, "said", "after", None)),
    ("said a smiling Spike.", ("name", "Spike", 15, 20, "said", "after", None)),
    ("said Buffy with a smile.", ("name", "Buffy", 5, 10, "said", "after", None)),
    ("said Mr. Darcy.", ("name", "Mr. Darcy", 5, 14, "said", "after", None)),
    ("answered Mademoiselle.", ("name", "Mademoiselle", 9, 21, "answered", "after", None)),
    ("he replied.", ("pronoun", "he", 0, 2, "replied", "after", "male")),
    ("replied he.", ("pronoun", "he", 8, 10, "replied", "after", "male")),
    ("she whispered softly.", ("pronoun", "she", 0, 3, "whispered", "after", "female")),
    ("said the old man, shaking his head.",
     ("description", "the old man", 5, 16, "said", "after", None)),
    ("said her mother, smiling.", ("description", "her mother", 5, 15, "said", "after", None)),
    ("said the old man.", ("description", "the old man", 5, 16, "said", "after", None)),
    ("said her mother.", ("description", "her mother", 5, 15, "said", "after", None)),
    ("said Harmony.", ("name", "Harmony", 5, 12, "said", "after", None)),  # an ordinary word too
    # the manner is no part of the person
    ("cried his wife impatiently.", ("description", "his wife", 6, 14, "cried", "after", None)),
    # a description ends at its verb
    ("the subaltern cried.", ("description", "the subaltern", 0, 13, "cried", "after", None)),
    # verbs that speak with a particle
    ("put in Fielding.", ("name", "Fielding", 7, 15, "put", "after", None)),
    ("broke out the Nawab Bahadur,", ("name", "Nawab Bahadur", 14, 27, "broke", "after", None)),
    # one word of character before the name
    ("said dour Major Callendar.", ("name", "Major Callendar", 10, 25, "said", "after", None)),
    ("sighed pleasure-loving Miss Derek.",
     ("name", "Miss Derek", 23, 33, "sighed", "after", None)),
    # the reply is someone's
    ("was Mr. Emerson's reply.", ("name", "Mr. Emerson", 4, 15, "was", "after", None)),
    ("was her answer;", ("pronoun", "her", 4, 7, "was", "after", "female")),
    # the voice is its owner's
    ("said the voice of old Mr. Emerson.", ("name", "Mr. Emerson", 22, 33, "said", "after", None)),
    # a style of address, not a name
    ("said her Ladyship.", ("description", "her Ladyship", 5, 17, "said", "after", None)),
    ("was all Lady Bertram's reply.", ("name", "Lady Bertram", 8, 20, "was", "after", None)),
    # one of several, not named
    ("said one woman.", ("description", "one woman", 5, 14, "said", "after", None)),
    ("said another gentleman in a gruff voice;",
     ("description", "another gentleman", 5, 22, "said", "after", None)),
])
def test_tag_after_a_quote(narration, expected):
    assert after(narration) == expected


def test_a_name_with_accents_tags_whole():
    assert after(" said Zoë.") == ("name", "Zoë", 6, 9, "said", "after", None)
    assert after(" said Señor Gómez.") == ("name", "Señor Gómez", 6, 17, "said", "after", None)


def test_an_unlisted_verb_is_a_tag_only_after_a_quote_ending_in_a_comma():
    assert "beamed" not in SPEECH_VERBS
    assert after("beamed Tom.", loose=True) == ("name", "Tom", 7, 10, "beamed", "after", None)
    assert after("beamed Tom.", loose=False) is None


@pytest.mark.parametrize("narration", ["He saw Harmony cringe.", "The room was quiet.", ". Then she left.",
                                       "said to Elizabeth."])
def test_narration_that_is_not_a_tag(narration):
    assert after(narration, loose=True) is None
    assert before(narration) is None


# -- before the quote ------------------------------------------------------------------
@pytest.mark.parametrize("narration, expected", [
    ("Spike smiled and said,", ("name", "Spike", 0, 5, "said", "before", None)),
    ("Spike in his usual sensitive manner said,", ("name", "Spike", 0, 5, "said", "before", None)),
    ("Mr. Darcy, drawing near Elizabeth, said to her--",
     ("name", "Mr. Darcy", 0, 9, "said", "before", None)),
    ("Miss Bingley played; and soon afterwards Mr. Darcy, drawing near Elizabeth, said to her--",
     ("name", "Mr. Darcy", 41, 50, "said", "before", None)),
    ("After a pause, Spike said", ("name", "Spike", 15, 20, "said", "before", None)),
    ("she said", ("pronoun", "she", 0, 3, "said", "before", "female")),
    ("After a pause, Harmony said", ("name", "Harmony", 15, 22, "said", "before", None)),
    # a name in an object's place is not the subject
    ("He hit it back to Aziz and called,", ("pronoun", "He", 0, 2, "called", "before", "male")),
    ("so she turned to the Mock Turtle, and said",
     ("pronoun", "she", 3, 6, "said", "before", "female")),
    ("At last Emma said,", ("name", "Emma", 8, 12, "said", "before", None)),
    ("After a short pause Sir Thomas added with dignity,",
     ("name", "Sir Thomas", 20, 30, "added", "before", None)),
    ("everybody asked it; even Edmund said,", ("name", "Edmund", 25, 31, "said", "before", None)),
    ("Denham got up from his chair, looked at Katharine, and said:",
     ("name", "Denham", 0, 6, "said", "before", None)),
    ("Mr. Haq, the Inspector of Police, flung open the door and said:",
     ("name", "Mr. Haq", 0, 7, "said", "before", None)),
    # a possessive that owns something other than the saying
    ("Julia called Mr. Crawford's attention to her sister, by saying,",
     ("name", "Julia", 0, 5, "saying", "before", None)),
    ("Elinor blushed for the insincerity of Edward's future wife, and replied,",
     ("name", "Elinor", 0, 6, "replied", "before", None)),
    # ... unless it owns the saying, or leads a clause of its own
    ("without Mr. Woodhouse's giving a sigh, and saying,",
     ("name", "Mr. Woodhouse's", 8, 23, "saying", "before", None)),
    ("she was met by Mr. Allen, who, on hearing the news, said,",
     ("name", "Mr. Allen", 15, 24, "said", "before", None)),
    # the one heard speaks
    ("Emma heard him say to himself,", ("pronoun", "him", 11, 14, "say", "before", "male")),
    ("her overhearing Mr. Weston whisper to his wife,",
     ("name", "Mr. Weston", 16, 26, "whisper", "before", None)),
    # a description opening its clause
    ("it was with diffidence that the other said:",
     ("description", "the other", 28, 37, "said", "before", None)),
    # a lone comma before the verb hides nothing
    ("Mr. Beebe was back, saying rather nervously:",
     ("name", "Mr. Beebe", 0, 9, "saying", "before", None)),
    # a colon hands the word to its clause's subject, whatever the verb
    ("And suddenly, as they turned back, he jerked out:",
     ("pronoun", "he", 35, 37, ":", "before", "male")),
    ("Mr. Bennet looked up from his book:", ("name", "Mr. Bennet", 0, 10, ":", "before", None)),
    # the one it is said to, closing the lead-in
    ("The Queen turned angrily away from him, and said to the Knave",
     ("name", "Queen", 4, 9, "said", "before", None)),
    # a description before a relative clause
    ("The driver, who was leaning on the gate, called out,",
     ("description", "The driver", 0, 10, "called", "before", None)),
    ("And the old man, whose hat was wet, said,",
     ("description", "the old man", 4, 15, "said", "before", None)),
    # what someone says, owned
    ("Mary's declaration was,", ("name", "Mary", 0, 4, "was", "before", None)),
    ("Mary s declaration was,", ("name", "Mary", 0, 4, "was", "before", None)),
    ("in reply to Lady Bertram's calm inquiry of",
     ("name", "Lady Bertram", 12, 24, "was", "before", None)),
    ("His answer was:", ("pronoun", "His", 0, 3, "was", "before", "male")),
    # the subject of a clause closed before the verb is not the verb's
    ("Mrs. Bennet assured her that they never sat there after dinner; and then added,",
     ("name", "Mrs. Bennet", 0, 11, "added", "before", None)),
    ("Mr. John Knightley looked as if he did not comprehend the pleasure, but said only,",
     ("name", "Mr. John Knightley", 0, 18, "said", "before", None)),
    # ... but it is when nothing closes it, or no one else is there
    ("so that he raised his cap and said,", ("pronoun", "he", 8, 10, "said", "before", "male")),
    ("It seemed that he was tired; and then added,",
     ("pronoun", "he", 15, 17, "added", "before", "male")),
])
def test_tag_before_a_quote(narration, expected):
    assert before(narration) == expected


def test_a_colon_after_no_person_leads_in_no_speaker():
    assert before("The card bore these words:") is None
    assert before("There was a pause:") is None


def test_a_finished_sentence_leads_into_a_quote_only_when_allowed_and_ending_on_the_verb():
    assert before("Mrs. Hurst began again.") is None
    assert before("Mrs. Hurst began again.", finished_ok=True) == (
        "name", "Mrs. Hurst", 0, 10, "began", "before", None)
    assert before("Mrs. Hurst sat down.", finished_ok=True) is None
    # a verb that breaks in on the talk leads in as well; one that says no line does not
    assert before("Mrs Musgrove interposed.", finished_ok=True) == (
        "name", "Mrs Musgrove", 0, 12, "interposed", "before", None)
    assert before("The facts demanded.", finished_ok=True) is None


# -- every quote of a text -------------------------------------------------------------
def test_a_tag_between_two_spans_is_inside():
    assert tags_of('"Hello," said Tom, "and goodbye."') == [
        ("name", "Tom", 14, 17, "said", "inside", None)]


def test_narration_between_two_pieces_that_leads_into_the_second_tags_the_quote():
    # one quote in two pieces, the narration between a lead-in to the second
    text = '"Yes," and with a swerve of voice and body he added, "in her letters."'
    assert tags_of(text) == [("pronoun", "he", 43, 45, "added", "inside", "male")]
    narration = "Then she cried:"
    assert shape(tag_after(narration, 0, len(narration), True, inside=True)) == (
        "pronoun", "she", 5, 8, "cried", "after", "female")
    # more than a sentence between them, or no one person, is no lead-in
    from storycast.stages.tags import _lead_in_between
    for narration in ("and the rain fell. Then he added,", "and then they added,"):
        assert _lead_in_between(narration, 0, len(narration)) is None
    assert _lead_in_between("and then he added,", 0, 18).text == "he"


def test_was_all_she_said():
    assert after("was all she said.") == ("pronoun", "she", 8, 11, "said", "after", "female")


def test_find_tags_after_before_and_none():
    text = ('"Hello," beamed Tom.\n\n'
            '"Hello." Tom beamed at her.\n\n'
            'Spike smiled and said, "You are lovely."\n\n'
            '"I am sorry." He saw Harmony cringe. "I knew it."')
    assert tags_of(text) == [
        ("name", "Tom", 16, 19, "beamed", "after", None),
        None,
        ("name", "Spike", 51, 56, "said", "before", None),
        None,
        ("pronoun", "He", 107, 109, "beat", "before", "male"),  # a beat, no speech tag
    ]


def test_the_subject_is_the_one_before_a_parenthetical_phrase():
    text = 'Mr. Darcy, drawing near Elizabeth, said to her--"Do not you feel the inclination?"'
    assert tags_of(text) == [("name", "Mr. Darcy", 0, 9, "said", "before", None)]


def test_a_tag_closing_the_previous_paragraph():
    text = 'Mr. Bennet coolly observed,\n\n"You are wrong."'
    assert tags_of(text) == [("name", "Mr. Bennet", 0, 10, "observed", "before", None)]


@pytest.mark.parametrize("closing", [
    "Edmund looked round at Mr. Rushworth too, but had nothing to say.",
    "Mrs. Wilcox had still not returned.",
    "Tom said nothing.",
])
def test_a_sentence_that_denies_its_speech_verb_tags_no_line(closing):
    assert tags_of(f'{closing}\n\n"Your father\'s return will be an event."') == [None]


@pytest.mark.parametrize("lead_in", ["Emma could not help saying,", "She said nothing but,"])
def test_a_lead_in_that_denies_its_verb_still_tags_the_line(lead_in):
    assert tags_of(f'{lead_in} "It is very much to his credit."')[0][2] == 0


def test_the_tag_of_a_quote_does_not_also_lead_into_the_next_paragraph():
    text = '"You have a genius for it," I remarked.\n\n"I appreciate its importance."'
    assert tags_of(text) == [("pronoun", "I", 28, 29, "remarked", "after", "narrator"), None]


def test_description_tags_in_place():
    text = '"Go home," said the old man, and he turned away.\n\n"Come in," said her mother, smiling.'
    assert tags_of(text) == [
        ("description", "the old man", 16, 27, "said", "after", None),
        ("description", "her mother", 66, 76, "said", "after", None),
    ]


def test_harmony_as_a_tag_subject_in_place():
    text = 'After a pause, Harmony said "Well I just wanted to say hello."\n\n"Hi," said Harmony.'
    assert tags_of(text) == [
        ("name", "Harmony", 15, 22, "said", "before", None),
        ("name", "Harmony", 75, 82, "said", "after", None),
    ]


def test_description_closing_its_sentence_keeps_its_head_noun_in_place():
    text = '"Go home," said the old man.'
    assert tags_of(text) == [("description", "the old man", 16, 27, "said", "after", None)]


def test_a_description_the_story_repeats_with_what_follows_its_head_tags_whole():
    text = ('A gentleman in a white waistcoat stood by the fire.\n\n'
            '"The boy is a fool," said the gentleman in the white waistcoat.\n\n'
            '"Hush!" said the gentleman in the white waistcoat, and sat down.')
    assert tags_of(text)[0] == ("description", "the gentleman in the white waistcoat", 79,
                                115, "said", "after", None)
    assert tags_of(text)[1][1:4] == ("the gentleman in the white waistcoat", 131, 167)


@pytest.mark.parametrize("closing", [
    "said the man with the keys.",  # said once: no more than "the man"
    "said the man in the same tone. She said the man in the same tone was there.",  # manner
])
def test_what_follows_a_description_once_or_as_a_manner_stays_out_of_it(closing):
    assert tags_of(f'"Come in," {closing}')[0][1:4] == ("the man", 16, 23)


@pytest.mark.parametrize("lead_in, speaker", [
    ("Newland made no answer, and after a moment his mother ventured:", "his mother"),
    ("Miss Crawford, looking with astonished eyes at Mrs. Norris, and then at Fanny, whose "
     "tears were beginning to shew themselves, immediately said,", "Miss Crawford"),
    ("They smiled wistfully, and Das, the more articulate, said:", "Das"),
    ("Archer wondered if her illness had blurred her faculties; but suddenly she broke out:",
     "she"),
    ("He was met by Mr. Allen, who, on hearing it, said,", "Mr. Allen"),
])
def test_the_subject_of_a_lead_in_among_other_people(lead_in, speaker):
    assert tags_of(f'{lead_in} "Well, it is settled."')[0][1] == speaker


@pytest.mark.parametrize("lead_in, speaker", [
    ("Just as she came up to them she heard one of them say,", None),
    ("She heard a voice say,", "a voice"),
    ("And Frank Churchill was heard to say,", "Frank Churchill"),
    ("Margaret was stupefied. She heard herself saying,", "She"),
])
def test_one_heard_speaking_is_the_speaker_not_the_hearer(lead_in, speaker):
    found = tags_of(f'{lead_in} "Look out now, Five!"')[0]
    assert (found[1] if found else None) == speaker


@pytest.mark.parametrize("text, expected", [
    ('"Oh, no; with this gentleman!" answered Daisy s mamma.', None),  # someone of hers
    ('"We must burn the house down!" said the Rabbit\'s voice.', ("name", "Rabbit's")),
    ('"Sorry." Marianne said no more, but looked hurt.', None),
    ('"Yes," screamed the girl. Sikes looked on.', ("description", "the girl")),
    ('He intimated this to Mrs. Sparsit at the Bank, adding: "But go."', ("pronoun", "He")),
])
def test_whose_the_narration_after_or_before_a_line_says_it_is(text, expected):
    found = tags_of(text)[0]
    assert (found[:2] if found else None) == expected


def test_a_lead_in_with_a_speech_verb_in_ing_tags_the_line():
    text = 'Lady Bertram soon brought the matter to a certainty by carelessly observing, "Well."'
    assert tags_of(text)[0][:2] == ("name", "Lady Bertram")
    text = ('Fanny had scarcely passed the servants, when Lady Bertram came from the room to meet '
            'her; came with no indolent step; and falling on her neck, said, "Dear Fanny!"')
    assert tags_of(text)[0][:2] == ("name", "Lady Bertram")


@pytest.mark.parametrize("narration, expected", [
    ("This was followed by a short silence. Miss Bertram began again.", "Miss Bertram"),
    ("At length, she spoke again.", "she"),
    ("To his relief, George began to talk.", "George"),
    ("Daisy was looking at him intently; she began to color.", None),
])
def test_a_sentence_opening_the_paragraph_and_closed_by_its_speech_verb_leads_in(narration,
                                                                                 expected):
    found = tags_of(f'{narration} "You seemed to enjoy your drive."')[0]
    assert (found[1] if found else None) == expected


@pytest.mark.parametrize("lead_in, owner", [
    ("His answer was puzzling:", "His"), ("Her first exclamation was:", "Her"),
    ("Mary s declaration was,", "Mary"),
])
def test_the_owner_of_the_words_a_lead_in_announces_speaks(lead_in, owner):
    assert tags_of(f'{lead_in} "I shall probably want to live."')[0][1] == owner


def test_a_phrasal_verb_after_a_line_tags_it():
    assert tags_of('"Let us find something else to talk about," he burst out.')[0][:2] == (
        "pronoun", "he")
    assert tags_of('"At least I loved you--" he brought out.')[0][:2] == ("pronoun", "he")
    assert tags_of('"Whose is it?" Philip brought up the rear.') == [None]


@pytest.mark.parametrize("after, owner", [
    ("was Henry s answer.", "Henry"), ("was Mr. Allen s consolation.", "Mr. Allen"),
])
def test_words_owned_by_a_name_whose_apostrophe_was_lost_tag_the_line(after, owner):
    assert tags_of(f'"My brother does know it," {after}')[0][:2] == ("name", owner)
    assert tags_of('"Lefferts!" Archer broke out contemptuously.')[0][:2] == ("name", "Archer")


def test_an_aside_inside_a_quote_tags_nothing():
    text = '"You care only for money. No"--for the other had protested--"your views are no better."'
    assert tags_of(text) == [None]


@pytest.mark.parametrize("lead_in, person", [
    ("Her partner now drew near, and said,", "Her partner"),
    ("On seeing her, the maid said at once:", "the maid"),
    ("The round-bosomed maid came in, drew the curtains, and said:", "The round-bosomed maid"),
])
def test_a_described_person_leading_into_a_line_is_its_tag(lead_in, person):
    found = tags_of(f'{lead_in} "I see that you guess."')[0]
    assert found[:2] == ("description", person) and found[5] == "before"


@pytest.mark.parametrize("tag, person", [
    ("said the policeman very gravely", "the policeman"),
    ("cried a voice close to the door", "a voice"),
    ("said the doctor supporting her", "the doctor"),
    ("cried the boy falling back", "the boy"),
    ("said her aunt next morning", "her aunt"),
    ("said the sleeping child", "the sleeping child"),  # a modifier before the head stays
    ("her husband conceded", "her husband"),  # an -ed verb after the head is no modifier
    ("the poor lady grieved", "the poor lady"),
])
def test_a_description_ends_where_the_person_does(tag, person):
    text = f'"Stand back," {tag}.'
    assert tags_of(text)[0][:2] == ("description", person)


# -- a voice as the subject -------------------------------------------------------------
def test_the_owner_of_a_voice_beside_a_quote_speaks_it():
    text = ('"Five minutes." His voice was rough. "Please."\n\n'
            'Her voice softened. "Fine."\n\n'
            'Mom\'s voice cut through the noise. "Jess! Phone!"\n\n'
            '"Go," she said. His voice followed her.')
    assert tags_of(text) == [
        ("pronoun", "His", 16, 19, "voice", "after", "male"),
        ("pronoun", "His", 16, 19, "voice", "before", "male"),
        ("pronoun", "Her", 48, 51, "voice", "before", "female"),
        ("name", "Mom", 77, 80, "voice", "before", None),
        ("pronoun", "she", 134, 137, "said", "after", "female"),
    ]


def test_a_voice_said_of_within_a_sentence_is_no_tag():
    # the one who hears the voice acts before the line: a beat, not the voice's owner
    assert tags_of('He heard her voice. "Who is there?"') == [
        ("pronoun", "He", 0, 2, "beat", "before", "male")]
    assert tags_of('"Wait," and his voice broke.') == [None]


# -- beats -------------------------------------------------------------------------------
@pytest.mark.parametrize("text, beat", [
    ('She folded the paper in half. "The side of whoever is cooking."',
     ("pronoun", "She", 0, 3, "beat", "before", "female")),
    ('The kettle clicked off. He laughed. "True."',
     ("pronoun", "He", 24, 26, "beat", "before", "male")),
    ('I poured myself a coffee. "I\'m always late on Sundays."',
     ("pronoun", "I", 0, 1, "beat", "before", "narrator")),
    ('"Traitor." I sat down across from her. "Whose side are you on?"',
     ("pronoun", "I", 11, 12, "beat", "before", "narrator")),
])
def test_a_pronoun_opening_the_sentence_before_a_line_is_a_beat(text, beat):
    assert tags_of(text)[-1] == beat


@pytest.mark.parametrize("text", [
    'The room was quiet. "True."',
    'They laughed. "True."',  # no one person
    'He, too, had seen it. "True."',  # no verb after the pronoun
    'Then he laughed. "True."',  # the pronoun does not open the sentence
])
def test_narration_that_is_no_beat(text):
    assert tags_of(text) == [None]


def test_a_beat_is_not_a_speech_tag():
    def tag(text):
        paragraphs = find_paragraphs(text)
        return find_tags(text, find_quotes(text, paragraphs), paragraphs)[0]

    assert untagged(tag('She folded the paper. "Fine."'))
    assert not untagged(tag('She said, "Fine."'))
    assert untagged(None)


def test_the_name_before_a_phrase_set_off_by_commas_speaks_unless_it_is_an_object():
    text = 'At the same moment Mr. Crawford, approaching Julia, said, "I hope so."'
    assert tags_of(text) == [("name", "Mr. Crawford", 19, 31, "said", "before", None)]
    text = 'He looked at Harriet, smiling, said, "I hope so."'
    assert tags_of(text) == [("pronoun", "He", 0, 2, "said", "before", "male")]


def test_a_name_leading_into_a_line_outweighs_the_next_sentence_s_pronoun():
    text = 'And the Queen said severely "Who is this?" She said it to the Knave.'
    assert tags_of(text) == [("name", "Queen", 8, 13, "said", "before", None)]
    # with no name before it, the pronoun after the line is its tag
    assert tags_of('"Who is this?" She said it to the Knave.') == [
        ("pronoun", "She", 15, 18, "said", "after", "female")]


# -- lines said with, said to someone, said from ----------------------------------------
@pytest.mark.parametrize("lead_in, expected", [
    ("He cut her short with,", ("pronoun", "He", "cut")),
    ("when Mrs. Weston ended with", ("name", "Mrs. Weston", "ended")),
    ("She was interrupted by Mrs. Allen:", ("name", "Mrs. Allen", "interrupted")),
    ("he was thinking of her, when thus accosted by Miss Bingley,",
     ("name", "Miss Bingley", "accosted")),
    ("and, after seeing him, Emma thus moralised to herself:--", ("name", "Emma", ":")),
    ("After a moment's silence William jerked out:", ("name", "William", ":")),
    # the subject set after the verb when words before it invert the clause
    ("was Charles's language; and, in an unhappy mood, thus spoke Mary:",
     ("name", "Mary", "spoke")),
    ("Then cried Lydia,", ("name", "Lydia", "cried")),
    ("At length Darcy spoke, and in a constrained manner said,", ("name", "Darcy", "said")),
    ("Then the old man said,", ("description", "the old man", "said")),
])
def test_the_one_a_lead_in_has_speak(lead_in, expected):
    found = tags_of(f'{lead_in} "I am going to Kingston."')[0]
    assert (found[0], found[1], found[4]) == expected and found[5] == "before"


@pytest.mark.parametrize("lead_in", [
    # the subject hears the line, and the tag does not say who speaks it
    "Catherine found Mrs. Allen just returned from the pump-room, and was immediately "
    "greeted with,",
    "she found herself abruptly addressed with,",
    "She was asked,",
    "She looked at Mr. Allen with,",  # "with" after a name says nothing of speaking
])
def test_a_lead_in_whose_subject_hears_the_line_tags_no_one(lead_in):
    assert tags_of(f'{lead_in} "Well, my dear, here you are."') == [None]


def test_a_name_ends_with_its_sentence():
    text = '"Bow to the board," said Bumble. Oliver brushed away two tears.'
    assert tags_of(text) == [("name", "Bumble", 25, 31, "said", "after", None)]
    assert tags_of('"Sit," said Mr. J. Smith.') == [
        ("name", "Mr. J. Smith", 12, 24, "said", "after", None)]


def test_a_pronoun_kept_silent_is_no_beat():
    assert tags_of('She was still silent. "Life is a performance on the violin."') == [None]


def test_a_sentence_closing_on_went_on_leads_in_the_next_paragraph():
    text = 'Fanny obeyed.\n\nSir Thomas, trying to suppress a smile, went on.\n\n"You are not aware."'
    assert tags_of(text) == [("name", "Sir Thomas", 15, 25, "went", "before", None)]
    assert tags_of('Fanny obeyed.\n\nThe carriage went on.\n\n"You are not aware."') == [None]


@pytest.mark.parametrize("lead_in, expected", [
    ("After a pause, he went on with a sort of desperate calmness.",
     ("pronoun", "he", 15, 17, "went", "before", "male")),
    ("She looked at him. Then she continued her defence of Signor Carella.",
     ("pronoun", "she", 24, 27, "continued", "before", "female")),
    ("Mrs. Allen resumed in her usual manner.",
     ("name", "Mrs. Allen", 0, 10, "resumed", "before", None)),
    ("He went on with his dinner.", None),
    ("She went on with the work of the house.", None),
    ("He said it with a smile and left.", None),
])
def test_a_sentence_closing_on_how_or_what_the_speaker_goes_on_leads_in(lead_in, expected):
    # the verb is not the sentence's last word: a manner ("with a sort of calmness") or
    # what the speech is about ("her defence of") follows it; an errand does not
    assert tags_of(f'Fanny obeyed.\n\n{lead_in}\n\n"You are not aware."') == [
        expected and (expected[:2] + (expected[2] + 15, expected[3] + 15) + expected[4:])]


def test_the_previous_paragraph_leads_in_only_a_quote_opening_its_own():
    text = ('She bade her friend adieu and went on.\n\n'
            'Catherine found Mrs. Allen at home, and was greeted with, "Well, my dear."')
    assert tags_of(text) == [None]


@pytest.mark.parametrize("after, expected", [
    ("came the Collector's voice.", ("name", "Collector", 27, 36, "voice", "after", None)),
    ("came his voice from the hall.", ("pronoun", "his", 23, 26, "voice", "after", "male")),
    ("from the Major.", ("name", "Major", 27, 32, "from", "after", None)),
    ("from Mr. Wilcox, who thought it amusing.",
     ("name", "Mr. Wilcox", 23, 33, "from", "after", None)),
    ("burst from William, with a nervous laugh.",
     ("name", "William", 29, 36, "burst", "after", None)),
    ("at last broke explosively from Janey.",
     ("name", "Janey", 49, 54, "broke", "after", None)),
    ("came from Harry.", ("name", "Harry", 28, 33, "came", "after", None)),
    ("came from the doorway.", None),
    ("burst from her lips.", None),
    ("was uttered at the same moment by Catherine; and she ran.",
     ("name", "Catherine", 52, 61, "uttered", "after", None)),
    ("was an artless exclamation of Catherine's.",
     ("name", "Catherine", 48, 57, "exclamation", "after", None)),
    ("was the firm reply of Mr. Limbkins.",
     ("name", "Mr. Limbkins", 40, 52, "reply", "after", None)),
    ("he heard her mother say.", ("description", "her mother", 27, 37, "say", "after", None)),
    ("Archer heard Lawrence Lefferts say.",
     ("name", "Lawrence Lefferts", 31, 48, "say", "after", None)),
])
def test_narration_after_a_line_that_says_whose_it_was(after, expected):
    assert tags_of(f'"Tis James, sir!" {after}') == [expected]


def test_the_next_sentence_s_hearer_does_not_take_a_line_the_lead_in_names():
    text = 'Philip replied, "I should like to see you now." He heard Miss Abbott gasp.'
    assert tags_of(text) == [("name", "Philip", 0, 6, "replied", "before", None)]


def test_narration_leading_into_the_next_line_leaves_this_one_its_own_lead_in():
    text = ('The Fish-Footman handed a letter over to the other, saying, in a solemn tone, '
            '"For the Duchess. An invitation to play croquet." The Frog-Footman repeated, in '
            'the same solemn tone, "From the Queen. An invitation for the Duchess."')
    assert tags_of(text) == [("name", "Fish-Footman", 4, 16, "saying", "before", None),
                             ("name", "Frog-Footman", 132, 144, "repeated", "before", None)]


def test_a_pronoun_after_a_word_opening_the_narration_inside_a_line_is_the_subject():
    text = ('"Oh! And oh, your generosity!" Suddenly he became grave, and said, '
            '"Please pardon me; I am rude."')
    assert tags_of(text)[0][:2] == ("pronoun", "he")
    assert tags_of('"I wonder," Winsett broke off, "how you do it."')[0][:2] == ("name", "Winsett")


def test_a_name_after_the_verb_of_a_clause_with_its_subject_is_an_object():
    assert tags_of('Hamidullah murmured, and warned Aziz "not to expect too much."') == [
        ("name", "Hamidullah", 0, 10, "warned", "before", None)]
    assert tags_of('In private the Hilberys called Sir Francis "that old Turk."')[0][1] != \
        "Sir Francis"


def test_a_verb_and_its_object_end_a_described_subject():
    # "The cyclist jabbed a gloved finger": the cyclist, not "the cyclist jabbed a" who "gloved"
    text = '"You looked at her!" The cyclist jabbed a gloved finger at the warden.\n'
    assert tags_of(text) == [("description", "The cyclist", 21, 32, "jabbed", "after", None)]


def test_a_description_carried_on_by_where_it_is_is_the_subject():
    # "the man in the green coat says": the head, then a few small words up to the verb
    assert before("Nadia opens her mouth, and behind us the man in the green coat says, "
                  "with enormous feeling,") == (
        "description", "the man", 37, 44, "says", "before", None)
