"""The word lists and tables the stages share."""
from __future__ import annotations

import pytest

from storycast.lexicon import MALE_FLOOR, census_sex, given_names, head_noun, name_sex


def test_a_given_name_nearly_all_of_one_sex_says_it():
    assert census_sex("Charles") == "male"
    assert census_sex("May") == "female"


def test_a_name_borne_by_both_sexes_or_by_no_one_says_nothing():
    assert census_sex("Leslie") is None
    assert census_sex("Bounderby") is None


def test_the_census_answers_for_a_name_with_accents():
    assert given_names().get("Zoë") == given_names()["Zoe"]
    assert "André" in given_names() and "Renée" in given_names()
    assert census_sex("Zoë") == "female"
    assert census_sex("André") == "male"
    assert given_names().get("Ørsted") is None and "Bountiful" not in given_names()


def test_a_nickname_counts_the_bearers_of_its_formal_names():
    # the census's few men named "Jess" are outnumbered by the Jessicas called so
    assert given_names().get("Jess")[0] == 1.0
    assert name_sex("Jess")[0] < 0.2  # a woman, unless pronouns say otherwise
    assert given_names().get("Tilly") is None and census_sex("Tilly") == "female"
    assert census_sex("Jem") == "male"
    assert name_sex("Chris") is not None and census_sex("Chris") is None  # Christine too
    assert name_sex("Mary") == given_names().get("Mary")  # no nickname: the census alone


def test_a_name_rarer_than_any_man_s_in_the_census_is_no_sure_woman_s():
    # the census lists women's names down to 10 bearers a million and men's only down to 40
    assert given_names()["Kai"] == (0.0, 10.0) and 10 < MALE_FLOOR
    assert census_sex("Kai") is None and name_sex("Kai")[0] > 1 / 3
    assert census_sex("Abbie") == "female"  # 80 a million: men would be listed


def test_names_given_since_the_census_come_from_the_births():
    # the births count men and women down to a few children: no man is a sign that none has it
    assert "Priya" in given_names() and not given_names().in_census("Priya")
    assert given_names()["Priya"][0] == 0.0 and census_sex("Priya") == "female"
    assert census_sex("Liam") == "male" and census_sex("Yusuf") == "male"
    assert given_names().in_census("Kai") and given_names().in_census("Zoë")
    # the census's figures stand where both list a name
    assert given_names()["Mary"] == (0.003, 26380.0)


@pytest.mark.parametrize("word", ["London", "Tuesday", "Colonel", "Justice", "Archer", "Cooper"])
def test_the_births_names_a_story_uses_otherwise_are_left_out(word):
    # a place, a day, a title, an ordinary word, surnames the census counts more often
    assert word not in given_names()


@pytest.mark.parametrize("description, head", [
    ("the old man", "man"),
    ("the gentleman in the white waistcoat", "gentleman"),
    ("The Man With The Keys", "Man"),
    ("the stranger", "stranger"),
])
def test_the_head_of_a_description_is_the_noun_before_what_follows_it(description, head):
    assert head_noun(description) == head
