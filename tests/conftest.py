"""Fixtures shared by the tests: small stories written to tmp_path."""
from __future__ import annotations

import pytest

TINY_STORY = """Title: The Lighthouse

Martha Reyes climbed the last of the stairs. Her brother Tomas was already at the lamp, \
polishing the glass.

"You're late," said Tomas.

"The tide came in higher than they promised," Martha replied. "And the boat leaks again."

"It always leaks," he said.

"Then mend it, Tomas."

He laughed. "Tomorrow."

"You said that yesterday."

"And I meant it yesterday too."

Old Captain Ferris put his head through the hatch. "Is the lamp lit?" he asked.

"Not yet, Captain," said Martha.
"""


@pytest.fixture
def tiny_story(tmp_path):
    """A short story with two named speakers, written to a UTF-8 file."""
    path = tmp_path / "lighthouse.txt"
    path.write_text(TINY_STORY, encoding="utf-8")
    return path
