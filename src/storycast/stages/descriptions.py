"""People the story names only by description: "the surgeon", "the old woman", "the beadle".

A description that tags speech, and is no one's name yet, becomes a character of its own,
even from one line; the speaker model then weighs it against the named people around
(most described people are someone named).  One that says only what kind of person
speaks ("the old woman") does so only for a stranger the story never names.  A rank
someone holds by name is theirs: "the doctor" beside "Doctor Losberne" (ranks.py).
"""
from __future__ import annotations

import bisect
import re
from itertools import islice
from operator import attrgetter

from ..document import Document
from ..lexicon import head_noun, noun_gender
from ..spans import Character, Mention
from .context import description_key, first_namings
from .mentions import quote_at, sentence_initial
from .names import apposition_gender
from .quotes import PARAGRAPH_OR_QUOTE
from .ranks import holders, rank_of
from .tags import Tag, words_pattern

# Heads that say only what kind of person speaks: "the old gentleman", "the girl" are
# nearly always someone the story has named, so they make no character of their own.  Nor
# do those that say how the speaker stands to someone in the scene: "said the father" is
# the father of the child he speaks to, "the latter" the second of two just named.
ANYONE = frozenset("man woman gentleman lady girl boy child voice other first second third "
                   "stranger figure person one fellow lad youth creature visitor "
                   "father mother son daughter husband wife brother sister uncle aunt "
                   "nephew niece cousin latter former".split())

INTRO_REACH = 3000  # characters before a description's first tag searched for "an old woman"
NAMED_REACH = 20000  # characters after its first tag within which its person may yet be named


def _introduced(text: str, key: str, first: Tag) -> int | None:
    """Where the narration last brings the described person in as someone new before
    their first tag ("An old woman at the corner table had been watching them")."""
    since = max(0, first.start - INTRO_REACH)
    intros = list(re.finditer(rf"\b(?:a|an)\s+(?:[a-z-]+\s+){{0,2}}{words_pattern(key)}\b",
                              text[since:first.start], re.IGNORECASE))
    if intros:
        return since + intros[-1].start()
    # "The girl in front of us turns round": "the", where she is, and said so first here
    the = re.search(rf"\bthe\s+{words_pattern(key)}\b", text[:first.start], re.IGNORECASE)
    if the and the.start() >= since and _WHERE.match(text, the.end()):
        return the.start()
    return None


_WHERE = re.compile(r"\s+(?:in|at|with|behind|by|near|from|on)\s+(?:the|a|an|front|her|his)\b")


def _folded(name: str) -> str:
    return " ".join(name.lower().split())


def _named_anew(first_named: dict[str, int], chars: list[Character], gender: str | None,
                since: int, until: int) -> bool:
    """Whether someone who could be the described person, of its sex or of none known, is
    named for the first time between ``since`` and ``until``: that is likely who it is."""
    return any(since <= first_named.get(c.id, -1) < until for c in chars
               if gender is None or c.gender in (gender, "unknown"))


PRONOUN_REACH = 200  # characters after a described person's introduction searched for he/she


def pronoun_gender(text: str, ordered: list[Mention], at: int) -> str | None:
    """The sex the narration's first "he" or "she" after ``at`` gives a described person
    ("A police officer walked up to the car, torch in hand. She was young"), in the same
    paragraph, with no quotation and no other name between (``ordered``: the mentions in
    text order)."""
    for m in islice(ordered, bisect.bisect_left(ordered, at, key=attrgetter("start")), None):
        if m.start > at + PRONOUN_REACH or m.kind == "name" \
                or PARAGRAPH_OR_QUOTE.search(text, at, m.start):
            return None
        if m.kind == "pronoun" and m.text.lower() in ("he", "she"):
            return m.attrs["gender"]
    return None


# Every "the" before a word, and every word a line sets after a comma and closes with a
# mark ("No, officer,"): found in one pass each, so that each description then looks only
# at the places whose next word starts with its own first letter.  (A search of the whole
# text for each of the hundred descriptions of a long novel took seconds.)
_THE = re.compile(r"the\s+(?=(\w))")
_CALL = re.compile(r", ([^\s,.!?]+)(?=[,.!?])")


class Places:
    """Where the text says "the ..." and where a line calls someone by a word, each found
    when first asked for."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._after_the: dict[str, list[tuple[int, int]]] | None = None
        self._calls: dict[str, list[int]] | None = None

    def the(self, pattern: re.Pattern, first: str, lower_the: bool = False):
        """(start, end) of every "the" + ``pattern`` ("The"/"the" only with ``lower_the``
        set, else in any case); ``first``: the letter the pattern's match begins with."""
        text = self.text
        if self._after_the is None:
            self._after_the = {}
            lowered = text.lower()  # searched as a plain pattern is several times quicker
            found = (_THE.finditer(lowered) if len(lowered) == len(text) else
                     re.finditer(_THE.pattern, text, re.IGNORECASE))
            for m in found:
                s = m.start()
                if not (s and (text[s - 1].isalnum() or text[s - 1] == "_")):  # as \b would
                    self._after_the.setdefault(m.group(1).lower(), []).append((s, m.end()))
        for start, after in self._after_the.get(first.lower(), ()):
            if lower_the and text[start:start + 3] not in ("the", "The"):
                continue
            m = pattern.match(text, after)
            if m:
                yield start, m.end()

    def calls(self, word: str) -> list[int]:
        """Where a quote may call someone ``word``: set after a comma and closed by a mark."""
        if self._calls is None:
            self._calls = {}
            for m in _CALL.finditer(self.text):
                self._calls.setdefault(m.group(1).lower(), []).append(m.start(1))
        return self._calls.get(word, [])


def _apposed_gender(places: Places, key: str) -> str | None:
    """The sex a person noun set after the description gives it: "the barista, a tall man
    with a shaved head"."""
    for start, end in places.the(re.compile(rf"{re.escape(key)}\b", re.IGNORECASE), key[0]):
        found = apposition_gender(places.text, start, end)
        if found is not None:
            return found
    return None


def narrated_mentions(places: Places, key: str, char: str, tagged: set[int], bounds
                      ) -> list[Mention]:
    """The narration's other "the barista"s, as mentions of the described character."""
    out = []
    for start, end in places.the(re.compile(rf"{words_pattern(key)}\b"), key[0], lower_the=True):
        if start in tagged or quote_at(bounds, start) is not None:
            continue
        out.append(Mention(start, end, "name", char, places.text[start:end], {
            "honorific": None, "quote": None, "possessive": False,
            "initial": sentence_initial(places.text, start), "described": True}))
    return out


def _called(places: Places, key: str, char: str, bounds) -> list[Mention]:
    """The lines that call the described person by their description ("No, officer,",
    "Thank you, nurse."), as vocatives of them."""
    out = []
    for start in places.calls(key) if " " not in key else ():
        i = quote_at(bounds, start)
        if i is not None:
            out.append(Mention(start, start + len(key), "vocative", char,
                               places.text[start:start + len(key)], {
                                   "honorific": None, "quote": i, "possessive": False,
                                   "initial": False, "set_off": True, "calls_first": False}))
    return out


def add_described(doc: Document, chars: list[Character], places: Places, bounds
                  ) -> list[Character]:
    """Characters for the descriptions that tag speech, with their tag mentions
    (``places``: the text's "the"s; ``bounds``: its quotes, by quote_bounds).

    A head that says only what kind of person speaks ("the old woman", ANYONE) makes a
    character only for a stranger: brought in as someone new ("An old woman at the corner
    table") with no one of that sex named for the first time from there on.  A described
    person no one new is named after is the same all through its scene, so the narration's
    "the barista" is a mention of them too, and its "he" can stand for them ("The barista
    ... He slid the cup across").  A noun that says no sex takes it from a person noun set
    after it, else from the "he" or "she" after the person is brought in; a line that calls
    them by their description ("No, officer,") is said to them."""
    # a cast entry the text never names, known only as "The Parlourmaid", is the person
    # the description tags: it takes their mentions and sex rather than a character beside it
    unnamed = {_folded(a): c for c in chars if not c.mentions and not c.narrator
               for a in c.aliases if _folded(a).split()[0] in ("the", "a", "an")}
    known = {_folded(a) for c in chars for a in c.aliases} - set(unnamed)
    uses: dict[str, list[Tag]] = {}
    for tag in doc.layer("tags"):
        key = description_key(tag)
        if key and key not in known and "the " + key not in known:
            uses.setdefault(key, []).append(tag)
    mentions = doc.layers.setdefault("mentions", [])
    first_named = first_namings(mentions)
    named, ordered = list(chars), list(mentions)
    for key, tags in uses.items():
        head, first = head_noun(key), tags[0]
        sex = noun_gender(head)
        intro = _introduced(doc.text, key, first)
        # what follows the head says who it is, not only what kind of person: "the
        # gentleman in the white waistcoat" (tags.py keeps it only when it recurs)
        postmodified = head != key.split()[-1]
        cast = next((unnamed[k] for k in (f"the {key}", f"a {key}", f"an {key}") if k in unnamed),
                    None)
        if cast is None and head in ANYONE and not postmodified and (
                intro is None or _named_anew(first_named, named, sex, intro,
                                             first.start + NAMED_REACH)):
            continue
        rank = rank_of(key)
        if cast is None and rank and holders(chars, rank):
            continue  # "the doctor" when someone is "Doctor Losberne"
        gender = sex or _apposed_gender(places, key) or (
            pronoun_gender(doc.text, ordered, intro) if intro is not None else None
        ) or "unknown"
        if cast is not None:
            char = cast
            if char.gender == "unknown":
                char.gender = gender
        else:
            name = "The " + key.title()
            char = Character(id=f"c{len(chars) + 1}", name=name, aliases=[name, "the " + key],
                             gender=gender)
            chars.append(char)
        for tag in tags:
            m = Mention(tag.start, tag.end, "description", char.id, tag.text)
            m.attrs["quote"] = None
            mentions.append(m)
        narrated = narrated_mentions(places, key, char.id, {t.start for t in tags}, bounds)
        mentions.extend(_called(places, key, char.id, bounds))
        since = min([first.start] + [m.start for m in narrated])
        if not _named_anew(first_named, named, None if gender == "unknown" else gender, since,
                           first.start + NAMED_REACH):
            mentions.extend(narrated)
    mentions.sort(key=lambda m: m.start)
    return chars
