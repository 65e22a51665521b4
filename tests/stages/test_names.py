"""Which name forms are people: plurals of a people are not, nor places."""
from __future__ import annotations

from collections import Counter

from storycast.stages.names import Form, is_plural_of, person_score


def form(core: str, count: int, tagged: int = 0, cls: str | None = None) -> Form:
    """A form said ``count`` times, ``tagged`` of them in speech tags."""
    return Form(cls, None, core, surfaces=Counter({core: count}), count=count, tagged=tagged)


def forms_of(*forms: Form) -> dict:
    return {f.key: f for f in forms}


def test_a_people_beside_its_singular_is_a_plural():
    indians = form("Indians", 50)
    assert is_plural_of(indians, forms_of(indians, form("Indian", 30)))


def test_a_family_beside_one_of_its_daughters_is_a_plural():
    steeles = form("Steeles", 4, cls="miss")
    assert is_plural_of(steeles, forms_of(steeles, form("Steele", 40, cls="miss")))
    assert not is_plural_of(steeles, forms_of(steeles, form("Steele", 40)))


def test_a_name_ending_in_s_with_no_singular_is_no_plural():
    bates = form("Bates", 40)
    assert not is_plural_of(bates, forms_of(bates))


def test_one_who_speaks_is_no_plural_of_a_word_said_once():
    brittles, mr_brittles = form("Brittles", 52, tagged=14), form("Brittles", 3, cls="mr")
    known = forms_of(brittles, mr_brittles, form("Brittle", 1))
    assert not is_plural_of(brittles, known)
    assert not is_plural_of(mr_brittles, known)
    # a speaking people still is one when its singular is as common
    assert is_plural_of(form("Indians", 20, tagged=2), forms_of(form("Indian", 30)))


def place(core: str, count: int, after_in: int, tagged: int = 0) -> Form:
    """A form said ``count`` times, ``after_in`` of them after "in", "at" or "from"."""
    f = form(core, count, tagged)
    f.place, f.narration, f.acting = after_in, count, 10
    return f


def test_a_name_often_after_in_and_never_tagged_is_a_place():
    assert person_score(place("New York", 133, 41), Counter()) < 0
    assert person_score(place("India", 139, 25), Counter()) < 0


def test_one_who_speaks_is_a_person_wherever_they_are_found():
    assert person_score(place("Mrs. Walker", 56, 6, tagged=15), Counter()) > 2
    # a few times "at Hartfield" in sixty says nothing
    assert person_score(place("Harriet", 60, 2), Counter()) > 2


def test_a_verb_in_the_present_after_a_name_says_it_acts():
    from storycast.stages.names import VERB_AFTER

    for after in (" shrugs.", " doesn't look round", " can\u2019t stop", " closes the laptop",
                  " walked in", " says", " appears at the top of the stairwell",
                  " snorts into their tea", " folds their arms", " kicks my ankle",
                  " reels in"):
        assert VERB_AFTER.match(after), after
    for after in ("'s voice", " sisters", " and Mia", "'s eyes", " perhaps"):
        assert not VERB_AFTER.match(after), after


def test_a_name_said_once_as_the_owner_of_a_voice_is_a_person():
    from storycast.stages.names import BODILY_AFTER

    priya = form("Priya", 1)
    priya.initial = 1  # at a sentence's start, and not in the census
    assert person_score(priya, Counter()) < 2
    priya.bodily = 1
    assert person_score(priya, Counter()) >= 2
    for after in ("'s voice drifts", "\u2019s eyes", "'s hand"):
        assert BODILY_AFTER.match(after), after
    for after in ("'s house", "'s voiceless", " voice"):
        assert not BODILY_AFTER.match(after), after


def test_one_looked_at_is_someone_not_somewhere():
    from storycast.document import Document
    from storycast.stages.names import collect_forms
    from storycast.stages.mentions import find_names

    text = "Tom looked at Anna. They lived at Netherfield."
    doc = Document(text)
    doc.layers["quotes"] = []
    forms = collect_forms(text, find_names(doc, 0, len(text)), set())
    assert {f.core: f.place for f in forms.values()} == {"Tom": 0, "Anna": 0, "Netherfield": 1}


def test_a_name_only_at_sentence_starts_but_followed_by_its_verb_is_a_person():
    declan = form("Declan", 3)
    declan.initial = 3  # "Declan sat on the stool", "Declan looked down": not in the census
    assert person_score(declan, Counter()) < 2
    declan.acting = 2
    assert person_score(declan, Counter()) >= 2
    tomorrow = form("To-morrow", 2)
    tomorrow.initial, tomorrow.acting = 2, 2  # "To-morrow was Sunday": an ordinary word
    assert person_score(tomorrow, Counter()) < 0


def test_a_person_noun_in_apposition_says_a_person_and_a_sex():
    from storycast.stages.names import apposition_gender

    text = "Declan Hart, a tall man in a wet coat, stood there."
    assert apposition_gender(text, 0, 11) == "male"
    assert apposition_gender("Rose, an old woman of sixty", 0, 4) == "female"
    assert apposition_gender("Rose, a friend of his", 0, 4) is None  # no sex in "friend"
    # the noun is the surgeon's, not the ship's
    ship = "Mr. Campbell, the surgeon of the Thrush, a very well-behaved young man"
    assert apposition_gender(ship, ship.index("Thrush"), ship.index("Thrush") + 6) is None


def test_a_month_named_in_the_narration_is_no_one_unless_it_speaks():
    june = form("June", 1)
    june.narration = 1
    assert person_score(june, Counter()) < 0
    assert person_score(form("June", 3, tagged=2), Counter()) > 2
    assert person_score(form("April", 3, tagged=2), Counter()) > 2


def test_an_ordinary_word_opening_lines_is_no_one_called_by_name():
    come = form("Come", 20)
    come.vocative, come.initial = 9, 17
    assert person_score(come, Counter({"come": 160})) < 0
    # written small less often than capitalised, it may be a name ("Pip", "Hope")
    assert person_score(come, Counter({"come": 5})) > 0
    # and one that speaks is a person whatever the word
    assert person_score(form("Hope", 20, tagged=3), Counter({"hope": 160})) > 2


def test_a_country_spoken_of_as_a_person_is_no_one_unless_it_speaks():
    italy = form("Italy", 53)
    italy.narration, italy.vocative, italy.acting = 25, 1, 7  # "Italy was offering her"
    assert person_score(italy, Counter()) < 0
    assert person_score(form("Italy", 5, tagged=2), Counter()) > 2
    # a place that is as often a woman's name is not listed as a place: the evidence decides
    florence = form("Florence", 53)
    florence.narration, florence.acting = 25, 7
    assert person_score(florence, Counter()) > 2


def test_a_role_set_after_a_name_says_it_is_a_person():
    from storycast.stages.names import apposed_role

    for text in ("Tamsin, the quartermaster, with a ledger", "Marco, the head chef, said",
                 "Ana, the night nurse, came"):
        assert apposed_role(text, text.index(",")), text
    for text in ("Greywater, the river, ran", "Hyderabad, the capital, was", "Tom, the cat"):
        assert not apposed_role(text, text.index(",")), text


def test_a_place_named_with_street_or_town_is_no_one():
    f = form("Camden Town", 1)
    f.narration = 1
    assert person_score(f, Counter()) < 0
    f.tagged = 1  # unless it speaks
    assert person_score(f, Counter()) > 0


def test_a_name_set_before_a_noun_most_times_is_a_kind_of_thing():
    # "a Rook scarf", "a Rook costume", "the Rook coat", and "Rook!" twice
    f = form("Rook", 5)
    f.vocative, f.attributive = 2, 3
    assert person_score(f, Counter()) < 0
    f.attributive = 1
    assert person_score(f, Counter()) > 0
