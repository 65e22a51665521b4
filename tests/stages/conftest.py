"""Fixtures for the stage tests: the small stories of tests/data/stories, analysed once."""
from __future__ import annotations

from pathlib import Path

import pytest

import storycast
from storycast.document import Document

STORIES = Path(__file__).resolve().parents[1] / "data" / "stories"


@pytest.fixture(scope="module")
def story():
    """``story("the-ferry.txt")``: that story analysed (once per test module)."""
    cache: dict[str, Document] = {}

    def analyse(name: str) -> Document:
        if name not in cache:
            cache[name] = storycast.analyze(STORIES / name)
        return cache[name]

    return analyse
