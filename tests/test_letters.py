"""Letter classes beyond ASCII (letters.py)."""
from __future__ import annotations

import re

import pytest

from storycast.letters import LETTER, LOWER, UPPER

NAME = re.compile(rf"[{UPPER}][{LOWER}]+")


@pytest.mark.parametrize("word", ["Zoë", "Élodie", "Ørsted", "Łucja", "Ğül", "Þóra", "Νίκος",
                                  "Дмитрий", "Nguyễn", "Zoe\u0308"])  # the last: decomposed ë
def test_a_capitalised_word_in_any_of_the_alphabets_is_one_name(word):
    assert NAME.fullmatch(word)


@pytest.mark.parametrize("word", ["zoë", "ÉLODIE", "×", "Zo×e"])
def test_small_letters_first_capitals_throughout_or_signs_are_no_name(word):
    assert not NAME.fullmatch(word)


def test_signs_and_digits_are_no_letters():
    assert not re.search(f"[{LETTER}]", "×÷¿¡ 0123 \u2014\u201c")
