"""People the story names only by description: "the surgeon", "the old woman", "the beadle".

A description that tags speech, and is no one's name yet, becomes a character of its own,
even from one line; the speaker model then weighs it against the named people around
(most described people are someone named).  A rank someone holds by name is theirs:
"the doctor" beside "Doctor Losberne" (ranks.py).
"""
from __future__ import annotations

import re

from ..document import Document
from ..lexicon import noun_gender
from ..spans import Character, Mention
from .context import description_key
from .names import apposition_gender
from .ranks import holders, rank_of
from .tags import Tag

MIN_TAGS = 1
# Heads that say only what kind of person speaks: "the old gentleman", "the girl" are
# nearly always someone the story has named, so they make no character of their own.
ANYONE = frozenset("man woman gentleman lady girl boy child voice other first second third "
                   "stranger figure person one fellow lad youth creature visitor".split())


def _apposed_gender(text: str, key: str) -> str | None:
    """The sex a person noun set after the description gives it: "the barista, a tall man
    with a shaved head"."""
    for m in re.finditer(rf"\bthe\s+{re.escape(key)}\b", text, re.IGNORECASE):
        found = apposition_gender(text, m.start(), m.end())
        if found is not None:
            return found
    return None


def add_described(doc: Document, chars: list[Character]) -> list[Character]:
    """Characters for the descriptions that tag speech, with their tag mentions."""
    known = {" ".join(a.lower().split()) for c in chars for a in c.aliases}
    uses: dict[str, list[Tag]] = {}
    for tag in doc.layer("tags"):
        key = description_key(tag)
        if key and key not in known and "the " + key not in known:
            uses.setdefault(key, []).append(tag)
    mentions = doc.layers.setdefault("mentions", [])
    for key, tags in uses.items():
        head = key.split()[-1]
        if len(tags) < MIN_TAGS or head in ANYONE:
            continue
        rank = rank_of(key)
        if rank and holders(chars, rank):
            continue  # "the doctor" when someone is "Doctor Losberne"
        gender = noun_gender(head) or _apposed_gender(doc.text, key) or "unknown"
        name = "The " + key.title()
        char = Character(id=f"c{len(chars) + 1}", name=name, aliases=[name, "the " + key],
                         gender=gender)
        chars.append(char)
        for tag in tags:
            m = Mention(tag.start, tag.end, "description", char.id, tag.text)
            m.attrs["quote"] = None
            mentions.append(m)
    mentions.sort(key=lambda m: m.start)
    return chars
