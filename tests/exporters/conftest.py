"""Fixtures of the exporter tests: stories analysed once for the whole run (see documents.py)."""
from __future__ import annotations

import pytest

import storycast
from documents import APOLOGY, PRIDE, STORIES
from storycast.document import Document


@pytest.fixture(scope="session")
def apology() -> Document:
    """The seed story, analysed (skipped where ../shared is absent).  Do not modify it."""
    if not APOLOGY.is_file():
        pytest.skip(f"{APOLOGY} is absent")
    return storycast.analyze(APOLOGY)


@pytest.fixture(scope="session")
def pride() -> Document:
    """Pride and Prejudice from the development novels, analysed.  Do not modify it."""
    if not PRIDE.is_file():
        pytest.skip(f"{PRIDE} is absent")
    return storycast.analyze(PRIDE)


@pytest.fixture(scope="session")
def crypt() -> Document:
    """tests/data/stories/the-crypt.txt analysed: Spike and Buffy, 12 quotes."""
    return storycast.analyze(STORIES / "the-crypt.txt")
