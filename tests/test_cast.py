"""Casts (cast.py): an AO3 work's character tags as a cast."""
from __future__ import annotations

import pytest

from storycast.cast import cast_from_tags


def test_tags_lose_their_fandom_qualifier():
    assert cast_from_tags(["Buffy Summers", "Spike (Buffyverse)", "Russell (Buffyverse)"]) == [
        ["Buffy Summers"], ["Spike"], ["Russell"]]


@pytest.mark.parametrize("tag", [
    "Original Characters", "Original Character(s)", "Original Female Character(s)",
    "Original Male Character (Buffyverse)", "Other(s)", "Others", "Everyone", "Ensemble",
    "Ensemble Cast", "Reader", "You", "original non-binary character(s)",
])
def test_tags_that_name_no_one_are_left_out(tag):
    assert cast_from_tags([tag, "Alice (Alice in Wonderland)"]) == [["Alice"]]


def test_the_same_name_twice_is_one_entry():
    assert cast_from_tags(["Spike (Buffyverse)", "Spike (Angel)", "Spike"]) == [["Spike"]]


def test_no_tags_no_cast():
    assert cast_from_tags([]) == []
