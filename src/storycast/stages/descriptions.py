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
from .mentions import sentence_initial, quote_at, quote_bounds
from .names import apposition_gender
from .ranks import holders, rank_of
from .tags import Tag

# Heads that say only what kind of person speaks: "the old gentleman", "the girl" are
# nearly always someone the story has named, so they make no character of their own.
ANYONE = frozenset("man woman gentleman lady girl boy child voice other first second third "
                   "stranger figure person one fellow lad youth creature visitor".split())

INTRO_REACH = 3000  # characters before a description's first tag searched for "an old woman"
NAMED_REACH = 20000  # characters after its first tag within which its person may yet be named


def _words(key: str) -> str:
    return r"\s+".join(map(re.escape, key.split()))


def _introduced(text: str, key: str, first: Tag) -> int | None:
    """Where the narration last brings the described person in as someone new before
    their first tag ("An old woman at the corner table had been watching them")."""
    since = max(0, first.start - INTRO_REACH)
    intros = list(re.finditer(rf"\b(?:a|an)\s+(?:[a-z-]+\s+)?{_words(key)}\b",
                              text[since:first.start], re.IGNORECASE))
    return since + intros[-1].start() if intros else None


def _named_anew(first_named: dict[str, int], chars: list[Character], gender: str | None,
                since: int, until: int) -> bool:
    """Whether someone who could be the described person, of its sex or of none known, is
    named for the first time between ``since`` and ``until``: that is likely who it is."""
    return any(since <= first_named.get(c.id, -1) < until for c in chars
               if gender is None or c.gender in (gender, "unknown"))


def _apposed_gender(text: str, key: str) -> str | None:
    """The sex a person noun set after the description gives it: "the barista, a tall man
    with a shaved head"."""
    for m in re.finditer(rf"\bthe\s+{re.escape(key)}\b", text, re.IGNORECASE):
        found = apposition_gender(text, m.start(), m.end())
        if found is not None:
            return found
    return None


def _narrated(doc: Document, key: str, char: str, tagged: set[int], bounds) -> list[Mention]:
    """The narration's other "the barista"s, as mentions of the described character."""
    out = []
    for m in re.finditer(rf"\b[Tt]he\s+{_words(key)}\b", doc.text):
        if m.start() in tagged or quote_at(bounds, m.start()) is not None:
            continue
        out.append(Mention(m.start(), m.end(), "name", char, m.group(), {
            "honorific": None, "quote": None, "possessive": False,
            "initial": sentence_initial(doc.text, m.start()), "described": True}))
    return out


def add_described(doc: Document, chars: list[Character]) -> list[Character]:
    """Characters for the descriptions that tag speech, with their tag mentions.

    A head that says only what kind of person speaks ("the old woman", ANYONE) makes a
    character only for a stranger: brought in as someone new ("An old woman at the corner
    table") with no one of that sex named for the first time from there on.  A described
    person no one new is named after is the same all through its scene, so the narration's
    "the barista" is a mention of them too, and its "he" can stand for them ("The barista
    ... He slid the cup across")."""
    known = {" ".join(a.lower().split()) for c in chars for a in c.aliases}
    uses: dict[str, list[Tag]] = {}
    for tag in doc.layer("tags"):
        key = description_key(tag)
        if key and key not in known and "the " + key not in known:
            uses.setdefault(key, []).append(tag)
    mentions = doc.layers.setdefault("mentions", [])
    first_named: dict[str, int] = {}
    for m in mentions:
        if m.character:
            first_named.setdefault(m.character, m.start)
    named = list(chars)
    bounds = quote_bounds(doc.quotes)
    for key, tags in uses.items():
        head, first = key.split()[-1], tags[0]
        sex = noun_gender(head)
        if head in ANYONE:
            intro = _introduced(doc.text, key, first)
            if intro is None or _named_anew(first_named, named, sex, intro,
                                            first.start + NAMED_REACH):
                continue
        rank = rank_of(key)
        if rank and holders(chars, rank):
            continue  # "the doctor" when someone is "Doctor Losberne"
        gender = sex or _apposed_gender(doc.text, key) or "unknown"
        name = "The " + key.title()
        char = Character(id=f"c{len(chars) + 1}", name=name, aliases=[name, "the " + key],
                         gender=gender)
        chars.append(char)
        for tag in tags:
            m = Mention(tag.start, tag.end, "description", char.id, tag.text)
            m.attrs["quote"] = None
            mentions.append(m)
        narrated = _narrated(doc, key, char.id, {t.start for t in tags}, bounds)
        since = min([first.start] + [m.start for m in narrated])
        if not _named_anew(first_named, named, None if gender == "unknown" else gender, since,
                           first.start + NAMED_REACH):
            mentions.extend(narrated)
    mentions.sort(key=lambda m: m.start)
    return chars
