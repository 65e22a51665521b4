"""Alias rules: which name forms are one person (stages/aliases.py, stages/names.py).

The rules are tested on hand-made forms, then on small stories end to end.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

import storycast
from storycast.document import Document
from storycast.stages.aliases import edit_distance_one, group_forms, pet_form_of
from storycast.stages.names import Form, split_honorific

STORIES = Path(__file__).resolve().parents[1] / "data" / "stories"


def aliases_of(text: str) -> dict[str, list[str]]:
    """Character name -> aliases, for a text."""
    return {c.name: c.aliases for c in storycast.analyze(Document(text)).characters}


def form(name: str, count: int = 1, male: float = 0.0, female: float = 0.0) -> Form:
    cls, title, core = split_honorific(name)
    return Form(cls, title, core, surfaces=Counter({name: count}), count=count, male=male,
                female=female)


def grouped(*forms: Form) -> set[frozenset[str]]:
    """The groups as sets of displayed names ("Mr. Bennet", "Lady Catherine")."""
    return {frozenset(f.display for f in g) for g in group_forms(list(forms))}


@pytest.fixture(scope="module")
def characters_of():
    cache = {}

    def analyse(name: str) -> dict[str, list[str]]:
        """Character name -> aliases, for a story of tests/data/stories."""
        if name not in cache:
            doc = storycast.analyze(STORIES / name)
            cache[name] = {c.name: c.aliases for c in doc.characters}
        return cache[name]

    return analyse


# -- name forms --------------------------------------------------------------------------
@pytest.mark.parametrize("name, expected", [
    ("Mr. Darcy", ("mr", None, "Darcy")),
    ("Mrs. Bennet", ("mrs", None, "Bennet")),
    ("Miss Bennet", ("miss", None, "Bennet")),
    ("Lady Catherine de Bourgh", (None, "lady", "Catherine de Bourgh")),
    ("Colonel Fitzwilliam", (None, "colonel", "Fitzwilliam")),
    ("Elizabeth Bennet", (None, None, "Elizabeth Bennet")),
    ("Mr", (None, None, "Mr")),
])
def test_split_honorific(name, expected):
    assert split_honorific(name) == expected


def test_edit_distance_one():
    assert edit_distance_one("Russel", "Russell")
    assert edit_distance_one("Russell", "Russel")
    assert edit_distance_one("Jonson", "Jonsen")
    assert not edit_distance_one("Russell", "Russell")
    assert not edit_distance_one("Russ", "Russell")
    assert edit_distance_one("Mary", "Mark")
    assert not edit_distance_one("Jane", "Joan")


# -- rules on hand-made forms ------------------------------------------------------------
def test_nicknames_join_the_formal_name():
    assert grouped(form("Elizabeth", 10), form("Lizzy", 4), form("Eliza", 2)) == {
        frozenset({"Elizabeth", "Lizzy", "Eliza"})}


def test_a_nickname_joins_the_full_name_of_one_known_by_the_family_name():
    # "Ronald" is never said alone; "Ronald Weasley" is "Mr. Weasley"
    assert grouped(form("Ron", 12), form("Ronald Weasley"), form("Mr. Weasley", 2)) == {
        frozenset({"Ron", "Ronald Weasley", "Mr. Weasley"})}
    # but not a full name said once in talk and nothing else ("Janey" is not a Jane Merry)
    assert grouped(form("Janey", 40), form("Jane Merry")) == {
        frozenset({"Janey"}), frozenset({"Jane Merry"})}
    # the narration bringing someone in by their full name: "Alexander Brandt is the last
    # one up the ramp", then "Alex" all through
    brought_in = form("Alexander Brandt")
    brought_in.narration = 1
    assert grouped(form("Alex", 12), brought_in) == {frozenset({"Alex", "Alexander Brandt"})}


def test_spelling_variant_joins_the_commoner_spelling():
    assert grouped(form("Russell", 6), form("Russel", 2)) == {frozenset({"Russell", "Russel"})}


def test_a_misspelt_surname_joins_the_far_commoner_spelling_with_its_honorific():
    assert grouped(form("Mr. Brownlow", 40), form("Mr. Browlow", 1)) == {
        frozenset({"Mr. Brownlow", "Mr. Browlow"})}
    # not a spelling said nearly as often, nor another honorific's
    assert grouped(form("Mr. Brownlow", 4), form("Mr. Browlow", 1)) == {
        frozenset({"Mr. Brownlow"}), frozenset({"Mr. Browlow"})}
    assert grouped(form("Mrs. Brownlow", 40), form("Mr. Browlow", 1)) == {
        frozenset({"Mrs. Brownlow"}), frozenset({"Mr. Browlow"})}


def test_short_form_joins_the_longer_name():
    assert grouped(form("Harmony", 12), form("Harm", 3)) == {frozenset({"Harmony", "Harm"})}


def test_a_role_named_with_the_has_no_short_form():
    cat, caterpillar = form("Cat", 30), form("Caterpillar", 40)
    cat.after_the, caterpillar.after_the = 28, 38  # "the Cat", "the Caterpillar"
    assert grouped(cat, caterpillar) == {frozenset({"The Cat"}), frozenset({"The Caterpillar"})}
    # the same words as given names still shorten
    assert grouped(form("Cat", 30), form("Caterpillar", 40)) == {
        frozenset({"Cat", "Caterpillar"})}


def test_first_name_full_name_and_titled_full_name_are_one_person():
    assert grouped(form("Frank", 8), form("Frank Churchill", 3), form("Mr. Frank Churchill", 1)) == {
        frozenset({"Frank", "Frank Churchill", "Mr. Frank Churchill"})}


def test_a_bare_surname_joins_mr_not_mrs():
    assert grouped(form("Mr. Weston", 5), form("Mrs. Weston", 5), form("Weston", 2)) == {
        frozenset({"Mr. Weston", "Weston"}), frozenset({"Mrs. Weston"})}


def test_mr_and_mrs_with_one_surname_stay_apart():
    assert grouped(form("Mr. Bennet", 4), form("Mrs. Bennet", 6)) == {
        frozenset({"Mr. Bennet"}), frozenset({"Mrs. Bennet"})}


def test_two_sisters_with_one_surname_stay_apart():
    assert grouped(form("Jane Bennet", 2), form("Elizabeth Bennet", 2), form("Jane", 8),
                   form("Elizabeth", 10), form("Lizzy", 3)) == {
        frozenset({"Jane Bennet", "Jane"}), frozenset({"Elizabeth Bennet", "Elizabeth", "Lizzy"})}


def test_colonel_fitzwilliam_is_not_fitzwilliam_darcy():
    assert grouped(form("Colonel Fitzwilliam", 4), form("Mr. Darcy", 10),
                   form("Fitzwilliam Darcy", 1), form("Darcy", 3)) == {
        frozenset({"Colonel Fitzwilliam"}),
        frozenset({"Mr. Darcy", "Fitzwilliam Darcy", "Darcy"})}


def test_a_surname_with_one_pronoun_after_it_still_joins_its_colonel():
    # "Fitzwilliam asked her why she": one "she" after the bare name gives it no sex
    assert grouped(form("Colonel Fitzwilliam", 30, male=5, female=2),
                   form("Fitzwilliam", 5, female=1), form("Mr. Fitzwilliam Darcy", 1),
                   form("Mr. Darcy", 200, male=16)) == {
        frozenset({"Colonel Fitzwilliam", "Fitzwilliam"}),
        frozenset({"Mr. Fitzwilliam Darcy", "Mr. Darcy"})}


def test_a_family_name_begins_no_other_mans_full_name():
    # "Luyden", said of the van der Luydens, is not the first name of "Luyden Newland"
    assert grouped(form("Mr. van der Luyden", 26), form("Mrs. van der Luyden", 13),
                   form("Luyden", 19), form("Luyden Newland", 1), form("Newland Archer", 49),
                   form("Newland", 100)) == {
        frozenset({"Mr. van der Luyden"}), frozenset({"Mrs. van der Luyden"}),
        frozenset({"Luyden"}), frozenset({"Luyden Newland", "Newland Archer", "Newland"})}


def test_names_of_different_genders_stay_apart():
    # "Archer" said with "he" is not Janey Archer
    assert grouped(form("Newland Archer", 3, male=3), form("Janey Archer", 2, female=2),
                   form("Archer", 4, male=3)) == {
        frozenset({"Newland Archer", "Archer"}), frozenset({"Janey Archer"})}


def test_a_brother_called_by_his_full_titled_name_keeps_apart():
    # "Mr. John Knightley" said often is the text keeping him apart from Mr. Knightley
    assert grouped(form("Mr. Knightley", 40, male=6), form("Knightley", 5, male=2),
                   form("Mr. John Knightley", 12), form("John Knightley", 4)) == {
        frozenset({"Mr. Knightley", "Knightley"}),
        frozenset({"Mr. John Knightley", "John Knightley"})}


def test_a_full_titled_name_whose_first_word_is_no_given_name_keeps_nobody_apart():
    # "Mr. Athelney Jones" is the detective's full style, not a brother's given name
    assert grouped(form("Mr. Jones", 3, male=1), form("Jones", 22, male=4),
                   form("Mr. Athelney Jones", 6), form("Athelney Jones", 12)) == {
        frozenset({"Mr. Jones", "Jones", "Mr. Athelney Jones", "Athelney Jones"})}


def test_a_countess_is_the_madame_of_her_name():
    assert grouped(form("Mrs. Olenska", 171, female=9), form("Countess Olenska", 66),
                   form("Olenska", 2), form("Count Olenski", 15, male=2)) == {
        frozenset({"Mrs. Olenska", "Countess Olenska", "Olenska"}),
        frozenset({"Count Olenski"})}
    # but a lady of the house is not its Miss
    assert grouped(form("Lady Bertram", 90, female=5), form("Miss Bertram", 40, female=3)) \
        == {frozenset({"Lady Bertram"}), frozenset({"Miss Bertram"})}


def test_a_rare_titled_form_does_not_take_a_common_name():
    # "young Mrs. Newland", twice, is not Newland, a hundred times
    groups = grouped(form("Newland", 100), form("Mrs. Newland", 2), form("Newland Archer", 40, male=9))
    assert frozenset({"Newland", "Newland Archer"}) in groups
    assert frozenset({"Mrs. Newland"}) in groups


def test_a_first_name_joins_its_full_name_over_noisy_pronouns():
    # "Newland ... she" counts her answering him; the full name's pronouns say he
    assert grouped(form("Newland", 100, male=1, female=5), form("Newland Archer", 40, male=9)) == {
        frozenset({"Newland", "Newland Archer"})}


def test_a_full_name_said_once_in_passing_does_not_block_a_surname():
    assert grouped(form("Newland Archer", 40, male=9), form("Archer", 500, male=130),
                   form("New York of Newland Archer", 1)) >= {
        frozenset({"Newland Archer", "Archer"})}


def test_the_census_settles_pronouns_that_split_evenly():
    from storycast.stages.aliases import group_gender
    assert group_gender([form("Henry", 180, male=17, female=17)]) == "male"
    assert group_gender([form("May", 200, male=12, female=12)]) == "female"
    assert group_gender([form("Sam", 6, female=4)]) == "female"  # pronouns that agree still win


def test_a_role_and_a_rank_lean_a_name_to_a_sex():
    from storycast.stages.aliases import group_gender
    matron = form("Matron", 12, male=2, female=2)
    matron.after_the = 12  # "the Matron"
    assert group_gender([matron]) == "female"
    # "Captain Wentworth" with pronouns split by the woman who watches him: the rank leans
    assert group_gender([form("Captain Wentworth", 200, male=40, female=30)]) == "male"
    # ... but does not outweigh pronouns that agree
    assert group_gender([form("Captain Vane", 20, female=30)]) == "female"


def test_miss_before_a_given_name_leaves_it_a_given_name():
    # "Miss Nancy" does not make "Nancy" a family name: the census still says she
    groups = grouped(form("Nancy", 100, male=4, female=2), form("Miss Nancy", 8))
    assert groups == {frozenset({"Nancy", "Miss Nancy"})}
    # while "Miss Bennet" keeps "Bennet" a family name, which joins Mr. Bennet
    assert frozenset({"Mr. Bennet", "Bennet"}) in grouped(
        form("Bennet", 10), form("Miss Bennet", 8), form("Mr. Bennet", 30))


def test_miss_and_a_surname_join_the_one_woman_of_the_family_named_far_more():
    # "Miss Welland" is May Welland, named far more than the "Augusta Welland" said twice
    groups = grouped(form("Miss Welland", 20), form("May Welland", 6, female=2),
                     form("May", 300, female=40), form("Augusta Welland", 2, female=1),
                     form("Mrs. Welland", 60))
    assert frozenset({"Miss Welland", "May Welland", "May"}) in groups
    assert frozenset({"Augusta Welland"}) in groups
    assert frozenset({"Mrs. Welland"}) in groups
    # the given name counts before it joins its full name: Margaret, said as often as
    # Helen, keeps "Miss Schlegel" from Helen though "Margaret Schlegel" is said once
    groups = grouped(form("Miss Schlegel", 30), form("Margaret Schlegel", 1),
                     form("Margaret", 500, female=60), form("Miss Helen Schlegel", 1),
                     form("Helen", 400, female=50))
    assert frozenset({"Miss Schlegel"}) in groups


def test_miss_and_a_surname_is_not_the_sister_called_miss_and_her_given_name():
    # "Miss Dashwood" is the eldest, Elinor; Marianne, the younger, is "Miss Marianne"
    groups = grouped(form("Miss Dashwood", 70), form("Marianne Dashwood", 3, female=1),
                     form("Marianne", 546, female=60), form("Miss Marianne", 17))
    assert frozenset({"Miss Dashwood"}) in groups
    assert frozenset({"Marianne", "Marianne Dashwood", "Miss Marianne"}) in groups
    # one "Miss Marianne" in passing is not the habit of a younger daughter
    groups = grouped(form("Miss Dashwood", 70), form("Marianne Dashwood", 3, female=1),
                     form("Marianne", 546, female=60), form("Miss Marianne", 1))
    assert frozenset({"Miss Dashwood", "Marianne", "Marianne Dashwood", "Miss Marianne"}) \
        in groups


def test_miss_and_a_surname_stay_apart_from_sisters_named_alike():
    # "Miss Bennet" is the eldest of five, and no one of them is named five times as often
    groups = grouped(form("Miss Bennet", 20), form("Jane Bennet", 3, female=1),
                     form("Elizabeth Bennet", 4, female=2), form("Jane", 200, female=20),
                     form("Elizabeth", 400, female=40))
    assert frozenset({"Miss Bennet"}) in groups


def test_a_title_said_alone_is_the_one_person_given_it_with_a_name():
    major = form("Major", 21)
    major.narration = 16
    groups = grouped(major, form("Major Callendar", 30), form("Major Roberts", 2))
    assert frozenset({"Major", "Major Callendar"}) in groups
    # two majors said about as often: "the Major" could be either, and stays apart
    major = form("Major", 21)
    major.narration = 16
    assert frozenset({"Major"}) in grouped(major, form("Major Callendar", 30),
                                           form("Major Roberts", 20))
    # a title only ever said to someone ("Yes, Colonel") names no one by itself
    assert frozenset({"Colonel"}) in grouped(form("Colonel", 5), form("Colonel Brandon", 40))


def test_a_title_and_a_given_name_is_the_one_full_name_under_that_title():
    assert frozenset({"Sir John", "Sir John Middleton"}) in grouped(
        form("Sir John", 40), form("Sir John Middleton", 3), form("John Dashwood", 10))
    assert frozenset({"Lady Catherine", "Lady Catherine de Bourgh"}) in grouped(
        form("Lady Catherine", 90), form("Lady Catherine de Bourgh", 8))
    # two knights of that name: "Sir John" could be either
    groups = grouped(form("Sir John", 4), form("Sir John Franklin", 2),
                     form("Sir John Burdett", 2))
    assert frozenset({"Sir John"}) in groups


# -- stories -----------------------------------------------------------------------------
def test_lizzy_eliza_and_elizabeth_in_a_story(characters_of):
    cast = characters_of("longbourn.txt")
    assert cast["Elizabeth"][0] == "Elizabeth"
    assert sorted(cast["Elizabeth"]) == ["Eliza", "Elizabeth", "Elizabeth Bennet", "Lizzy"]


def test_sisters_and_parents_stay_apart_in_a_story(characters_of):
    cast = characters_of("longbourn.txt")
    assert cast["Jane"] == ["Jane", "Jane Bennet"]
    assert cast["Mr. Bennet"] == ["Mr. Bennet"]
    assert cast["Mrs. Bennet"] == ["Mrs. Bennet"]


def test_colonel_fitzwilliam_and_mr_darcy_in_a_story(characters_of):
    cast = characters_of("longbourn.txt")
    assert cast["Mr. Darcy"] == ["Mr. Darcy", "Darcy", "Fitzwilliam Darcy"]
    assert cast["Colonel Fitzwilliam"] == ["Colonel Fitzwilliam"]


def test_russel_and_russell_in_a_story(characters_of):
    assert characters_of("night-desk.txt")["Russell"] == ["Russell", "Russel"]


def test_harm_and_harmony_in_a_story(characters_of):
    assert characters_of("night-desk.txt")["Harmony"] == ["Harmony", "Harm"]


def test_bare_surname_goes_to_mr_in_a_story(characters_of):
    cast = characters_of("randalls.txt")
    assert cast["Mr. Weston"] == ["Mr. Weston", "Weston"]
    assert cast["Mrs. Weston"] == ["Mrs. Weston"]


def test_first_name_and_full_name_in_a_story(characters_of):
    cast = characters_of("randalls.txt")
    frank = next(aliases for name, aliases in cast.items() if "Frank" in aliases)
    assert {"Frank", "Frank Churchill", "Mr. Frank Churchill"} <= set(frank)
    assert sorted(cast) == ["Emma Woodhouse", "Frank", "Mr. Weston", "Mrs. Weston"]


def test_dean_said_alone_makes_dean_a_given_name_not_a_title(characters_of):
    # "Dean" is a title ("Dean Morris" of a college) and a man's given name; said alone as
    # a name, it is his, and "Dean Hollis" is his full name
    cast = characters_of("the-motel.txt")
    assert cast["Dean"] == ["Dean", "Dean Hollis"]
    assert split_honorific("Dean Hollis") == (None, "dean", "Hollis")
    assert split_honorific("Dean Hollis", frozenset({"dean"})) == (None, None, "Dean Hollis")


def test_a_pet_form_said_to_someone_joins_the_short_name(characters_of):
    # "Sammy, I swear to God." calls Sam
    assert characters_of("the-motel.txt")["Sam"] == ["Sam", "Sammy"]
    assert pet_form_of("Sammy", "Sam") and pet_form_of("Eddie", "Edd")
    assert pet_form_of("Katie", "Kat") and not pet_form_of("Samson", "Sam")


def test_two_names_said_together_once_are_two_people_named_alone_and_paired():
    # "who'll wash Ahmed\nKarim and Jamila's faces" beside "Ahmed and Karim ran in front"
    text = ('Ahmed and Karim ran in front. Ahmed shouted, and Karim laughed.\n\n'
            '"Who will wash Ahmed\nKarim and Jamila\'s faces?" said Aziz.\n\n'
            '"Not me," said Ahmed.\n\n"Nor me," said Karim.\n')
    cast = aliases_of(text)
    assert cast["Ahmed"] == ["Ahmed"] and cast["Karim"] == ["Karim"]


def test_two_ranks_before_a_name_are_one_title():
    # "Detective Sergeant Amara Quist" is Amara, and Quist: her rank is the last word of it
    assert split_honorific("Detective Sergeant Amara Quist") == (None, "sergeant", "Amara Quist")
    assert split_honorific("Lieutenant Colonel Brandon") == (None, "colonel", "Brandon")
    assert split_honorific("Sir William Lucas") == (None, "sir", "William Lucas")
    text = ('Detective Sergeant Amara Quist sat down. Amara looked tired.\n\n'
            '"Sit," said Quist.\n\n"Thanks, Amara," said Tom.\n')
    assert aliases_of(text) == {
        "Amara": ["Amara", "Detective Sergeant Amara Quist", "Quist"], "Tom": ["Tom"]}


def test_a_full_name_said_only_to_someone_known_by_its_short_form_is_theirs():
    text = ("Ben came in late and dropped into the chair beside Nadia. Ben looked tired.\n\n"
            '"Morning, Benjamin," Nadia said.\n\n"Don\'t," said Ben.\n')
    assert aliases_of(text) == {
        "Ben": ["Ben", "Benjamin"], "Nadia": ["Nadia"]}


def test_a_pet_form_that_is_a_whole_line_calls_and_joins_the_short_name(characters_of):
    # '"Tommy," she said warningly.': a line that is only a name, tagged, calls Tom
    cast = characters_of("the-library.txt")
    assert cast["Tom"] == ["Tom", "Tom Okafor", "Mr. Okafor", "Tommy"]
    assert "Tommy" not in cast


def test_a_ranks_given_name_says_its_sex():
    # "Captain Ilse Varga", later "Varga ... her": a rank leans to a man, a given name is
    # surer, so the two are one woman
    doc = storycast.analyze(STORIES / "the-bridge-crew.txt")
    varga = [c for c in doc.characters if "Varga" in c.name]
    assert len(varga) == 1 and varga[0].gender == "female"
    assert "Captain Ilse Varga" in varga[0].aliases


def test_a_name_cut_short_and_given_an_s_joins_its_owner():
    text = ('Nadia and I sat on the bus. Leila rang.\n\n"Hello," said Nadia.\n\n'
            '"Nads. Why is there a Terry?" said Leila.\n\n"He is on the bus, Lei," said Nadia.\n')
    doc = storycast.analyze(Document(text))
    nadia = next(c for c in doc.characters if c.name == "Nadia")
    assert "Nads" in nadia.aliases


def test_an_honorific_and_an_initial_joins_the_surname_it_begins():
    assert grouped(form("Mrs. Adebayo-Clarke", 1), form("Mrs. A", 9)) == {
        frozenset({"Mrs. Adebayo-Clarke", "Mrs. A"})}
    # not a Mr. of that initial, nor when two surnames begin with it
    assert grouped(form("Mr. Adams", 3), form("Mrs. A", 9)) == {
        frozenset({"Mr. Adams"}), frozenset({"Mrs. A"})}
    assert len(grouped(form("Mrs. Adams", 3), form("Mrs. Avery", 3), form("Mrs. A", 9))) == 3
