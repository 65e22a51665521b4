"""Whom the narration calls "you": a story told in the second person.

Reader-insert fan fiction tells its protagonist as "you" ("You hear the door before you see
him.", '"Couldn't sleep," you say.'): that "you" is a character as a first-person narrator's
"I" is, and the stages read it so (tags.py, mentions.py).  Novels address their reader as
"you" now and then; a story whose narration says "you" more than "I" and at least half as
often as "he" and "she" is told to its protagonist.
"""
from __future__ import annotations

import re

from ..spans import Quote

# whole words, each pattern opening on its first letter so that the search skips to it
_YOU = re.compile(r"[Yy](?<!\w.)ou(?:rself|r)?\b")
_I = re.compile(r"I(?<!\wI)\b")
MIN_YOU = 5  # narration "you"s a second-person story says at the least


def second_person(text: str, quotes: list[Quote]) -> bool:
    """Whether the narration, outside the quotes, is told to "you"."""
    pieces, at = [], 0
    for start, end in sorted(s for q in quotes for s in q.spans):
        pieces.append(text[at:start])
        at = max(at, end)
    pieces.append(text[at:])
    narration = " ".join(pieces)
    you = len(_YOU.findall(narration))
    if you < MIN_YOU or you <= len(_I.findall(narration)):
        return False
    third = sum(narration.count(w) for w in (" he ", " she ", "He ", "She "))
    return 2 * you >= third
