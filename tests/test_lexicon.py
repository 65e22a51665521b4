"""The word lists and tables the stages share."""
from __future__ import annotations

from storycast.lexicon import census_sex


def test_a_given_name_nearly_all_of_one_sex_says_it():
    assert census_sex("Charles") == "male"
    assert census_sex("May") == "female"


def test_a_name_borne_by_both_sexes_or_by_no_one_says_nothing():
    assert census_sex("Leslie") is None
    assert census_sex("Bounderby") is None
