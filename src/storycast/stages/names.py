"""Name forms and the evidence that a capitalised name is a person's.

A *form* is a name as the text uses it, keyed by its title class and its core:
("mr", "Darcy") for "Mr. Darcy", (None, "Elizabeth Bennet") for "Elizabeth Bennet".
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from ..letters import LETTER
from ..lexicon import (
    HONORIFICS,
    NON_NAMES,
    PLACE_PREPOSITIONS,
    ROLE_NOUNS,
    TITLE_CLASS,
    common_words,
    given_names,
    noun_gender,
    places,
)
from ..spans import Mention

# A verb right after a name: an auxiliary or its "n't", a past tense, or a present tense in
# -s, as a story told in the present has them ("Kai shrugs", "Mia doesn't look up").
_PRESENT = ("feels knows thinks sees comes goes takes gets makes stands sits runs puts "
            "tells begins keeps leaves finds hears looks turns smiles laughs nods sighs shrugs "
            "grins frowns asks walks steps pulls pushes shakes rolls leans watches stares "
            "glances grabs reaches closes opens drops answers whispers snaps murmurs mutters "
            "shouts yells calls replies smirks winces blinks waits wants needs tries hands "
            "holds moves sets lets pauses raises rubs appears arrives enters emerges returns "
            "climbs crosses drinks eats picks slides slips points throws catches hugs kisses "
            "touches lifts lowers follows stops jumps kneels wipes folds tucks bites swallows "
            "snorts groans scoffs hums sniffs coughs yawns flinches hesitates")
# any other word in -s right after the name, as present-tense verbs are ("Marcus kicks",
# "Dad reels in"), but those that are seldom verbs ("Jane perhaps", "the Bennet sisters");
# not after "'s", where it is what they own ("Emma's eyes")
_S_FORM = (r"(?!(?:this|thus|plus|perhaps|always|sometimes|besides|towards|afterwards|"
           r"whereas|upstairs|downstairs|indoors|outdoors|news|means|series|species|sisters|"
           r"brothers|girls|boys|daughters|sons|cousins|twins|ladies|parents|kids|folks)\b)"
           r"[a-z]{2,}[^s\W]s")
VERB_AFTER = re.compile(
    r"['\u2019]?s?\s+(?:(?:had|has|was|is|would|could|will|did|does|said|says|felt|knew|"
    r"thought|saw|came|went|took|got|made|stood|sat|ran|put|told|began|kept|left|found|"
    r"heard|looked|turned|smiled|laughed|nodded|sighed|shrugged|grinned|frowned|"
    rf"{'|'.join(_PRESENT.split())})\b"
    r"|(?:does|did|is|was|has|had|could|would|ca|wo)n['\u2019]t\b|"
    r"(?:just |finally |then |slowly |quickly )?[a-z]{3,}ed\b)"
    r"|\s+(?:just |finally |then |slowly |quickly )?" + _S_FORM + r"\b")
# A name owning a voice, a face or a hand is someone's ("Priya's voice drifted up"), even said
# once and at a sentence's start.
BODILY_AFTER = re.compile(
    r"['\u2019]s\s+(?:voice|face|eyes|eye|hand|hands|mouth|lips|shoulder|shoulders|fingers"
    r"|hair|gaze|smile|laugh|brow|forehead|jaw|chin|cheeks?|throat|breath)\b")
# "Declan Hart, a tall man in a wet coat,": a person noun in apposition after a name
APPOSITION_WEIGHT = 2.0  # as many pronouns as the noun's sex is worth
_APPOSITION = re.compile(r",\s+an?\s+((?:[a-z-]+\s+){0,3}[a-z-]+)")


def apposition_gender(text: str, start: int, end: int) -> str | None:
    """The sex of a person noun set after the name at [start, end) (", a tall man", ", an
    old woman"); not after a thing's name, "the surgeon of the Thrush, a very well-behaved
    young man", whose noun is someone else's."""
    m = _APPOSITION.match(text, end)
    if m is None or text[max(0, start - 5):start].split()[-1:] in (["of"], ["the"]):
        return None
    for word in m.group(1).split():
        g = noun_gender(word)
        if g is not None:
            return g
    return None


_ROLE_APPOSED = re.compile(r",\s+the\s+(?:[a-z-]+\s+){0,2}([a-z-]+),")
# heads of a trade: "the quartermaster", "the innkeeper", "the toymaker"
_TRADES = ("master", "keeper", "maker", "monger", "smith", "wright")


def apposed_role(text: str, end: int) -> bool:
    """Whether a role a person holds is set after the name ending at ``end``: "Tamsin,
    the quartermaster, with a ledger under her arm"."""
    m = _ROLE_APPOSED.match(text, end)
    return m is not None and (m.group(1) in ROLE_NOUNS or noun_gender(m.group(1)) is not None
                              or m.group(1).endswith(_TRADES))


_HONORIFIC_PREFIX = re.compile(rf"^([{LETTER}]+)\.?\s+(?=\S)")
_POSSESSIVE = re.compile(r"['\u2019]s$")
_PLACE_BEFORE = PLACE_PREPOSITIONS - {"to"}  # "to Mr. Darcy" is as often a person
# "looked at Anna", "smiled at Jess": one looked or smiled at is someone, not somewhere
_GAZES = frozenset(
    "look looks looked looking glance glances glanced glancing stare stares stared staring "
    "smile smiles smiled smiling grin grins grinned grinning laugh laughs laughed laughing "
    "frown frowns frowned frowning wink winks winked gaze gazes gazed gazing peer peers "
    "peered peering glare glares glared glaring wave waves waved waving point points "
    "pointed pointing shout shouts shouted shouting yell yells yelled yelling scowl scowls "
    "scowled nod nods nodded nodding sneer sneers sneered snap snaps snapped squint "
    "squinted beam beamed".split())


@dataclass
class Form:
    """One way the text names someone, with what the text says about it."""

    cls: str | None  # mr / mrs / miss / None
    title: str | None  # another honorific: lady, colonel, king ...
    core: str  # the name without its honorific
    surfaces: Counter = field(default_factory=Counter)
    count: int = 0
    narration: int = 0
    vocative: int = 0
    tagged: int = 0
    initial: int = 0
    place: int = 0
    after_the: int = 0
    acting: int = 0  # followed by a verb in the narration: "Marcus was leaning", "Jess called"
    bodily: int = 0  # owns a voice, a face or a hand ("Priya's voice"), or is called a man
    # or a woman in apposition ("Declan Hart, a tall man")
    male: float = 0.0
    female: float = 0.0
    they: int = 0  # "Wren folded their arms": a singular "they" after the name
    attributive: int = 0  # before a noun, as a kind of thing: "a Rook scarf", "the Rook coat"
    surname_like: bool = False  # also the last word of a titled or full name ("Darcy")
    mentions: list[Mention] = field(default_factory=list)

    @property
    def key(self) -> tuple[str | None, str | None, str]:
        return (self.cls, self.title, self.core)

    @property
    def display(self) -> str:
        if self.article:
            return "The " + self.core
        if self.cls or self.title:
            hon = (self.cls or self.title or "").capitalize()
            hon = hon + "." if hon.lower() in {"mr", "mrs", "ms", "dr", "st", "capt", "col"} else hon
            return f"{hon} {self.core}"
        return self.core

    @property
    def article(self) -> bool:
        """Named with "the" most of the time: "the Hatter", "the King"."""
        return not self.cls and not self.title and self.after_the * 2 >= self.count > 0

    @property
    def names(self) -> list[str]:
        """The ways the text writes this form, commonest first ("The Hatter" for "the Hatter")."""
        out = [s for s, _ in self.surfaces.most_common()]
        if self.article:
            out.insert(0, "The " + self.core)
        return out

    @cached_property
    def words(self) -> list[str]:
        return self.core.split()  # the core never changes once the form is made

    @property
    def honorific_gender(self) -> str | None:
        return HONORIFICS.get(self.cls or self.title or "", None) if (self.cls or self.title) else None


GIVEN_TITLE_FLOOR = 500  # bearers a million of a title that is as much a man's given name


def given_title(word: str) -> bool:
    """Whether an honorific is a common given name too: "Dean", "Don" (not "Major")."""
    found = given_names().get(word.capitalize())
    return found is not None and found[1] >= GIVEN_TITLE_FLOOR


def split_honorific(name: str, given: frozenset[str] = frozenset()
                    ) -> tuple[str | None, str | None, str]:
    """("Mr. Darcy") -> ("mr", None, "Darcy"); ("Lady Catherine") -> (None, "lady", "Catherine");
    a title in ``given`` (lower case) is a given name: "Dean Winchester" -> (None, None, ...)."""
    m = _HONORIFIC_PREFIX.match(name)
    if m and m.group(1).lower() in HONORIFICS and m.group(1).lower() not in given:
        hon = m.group(1).lower()
        core = name[m.end():]
        inner = _HONORIFIC_PREFIX.match(core)
        if hon not in TITLE_CLASS and inner and inner.group(1).lower() in HONORIFICS \
                and inner.group(1).lower() not in TITLE_CLASS and core[inner.end():]:
            # "Detective Sergeant Amara Quist", "Lieutenant Colonel Brandon": the last rank
            hon, core = inner.group(1).lower(), core[inner.end():]
        return TITLE_CLASS.get(hon), (None if hon in TITLE_CLASS else hon), core
    return None, None, name


def collect_forms(text: str, mentions: list[Mention], tag_spans: set[tuple[int, int]]) -> dict:
    """Group name mentions into forms and gather their evidence."""
    forms: dict[tuple, Form] = {}
    ordered = sorted(tag_spans)
    tag_starts, tag_ends = [a for a, _ in ordered], [b for _, b in ordered]
    parsed: dict[str, tuple] = {}  # a name's text -> (class, title, core): names repeat
    # "Dean" said alone as a name: "Dean Winchester" is then his full name, no dean's title
    given = frozenset(m.text.lower() for m in mentions if m.kind in ("name", "vocative")
                      and m.text.lower() in HONORIFICS and given_title(m.text))
    for m in mentions:
        if m.kind not in ("name", "vocative"):
            continue
        key = parsed.get(m.text)
        if key is None:
            cls, title, core = split_honorific(m.text, given)
            core = _POSSESSIVE.sub("", core)
            if cls and _INITIAL.fullmatch(core):
                core = core[0]  # "Mrs. A." and "Mrs. A" are one form
            key = parsed[m.text] = (cls, title, core)
        cls, title, core = key
        if not core or core.lower() in NON_NAMES and not (cls and len(core) == 1):
            continue
        form = forms.get(key)
        if form is None:
            form = forms[key] = Form(cls, title, core)
        form.count += 1
        form.surfaces[m.text] += 1
        form.mentions.append(m)
        if m.attrs.get("quote") is None:
            form.narration += 1
        form.vocative += m.kind == "vocative"
        form.initial += bool(m.attrs.get("initial"))
        form.tagged += _within(tag_starts, tag_ends, m.start)
        if m.attrs.get("quote") is None:
            form.acting += bool(VERB_AFTER.match(text, m.end))
            apposed = apposition_gender(text, m.start, m.end)
            form.bodily += bool(BODILY_AFTER.match(text, m.end) or apposed
                                or apposed_role(text, m.end))
            if apposed:  # "Declan Hart, a tall man": as good as two pronouns after the name
                setattr(form, apposed, getattr(form, apposed) + APPOSITION_WEIGHT)
        before = text[max(0, m.start - 24):m.start].lower().split()
        if before:
            # "in Paris" is a place; "at Mrs. Goddard's" is someone's house, not a place name
            form.place += (before[-1] in _PLACE_BEFORE and not m.attrs.get("possessive")
                           and not (before[-1] == "at" and len(before) > 1
                                    and before[-2] in _GAZES))
            form.after_the += before[-1] == "the"
            if before[-1] in _ARTICLES and not form.cls and not form.title:
                after = _SMALL_WORD_AFTER.match(text, m.end)
                form.attributive += bool(after and after[1] not in _FUNCTION_WORDS
                                         and not VERB_AFTER.match(text, m.end))
    return forms


def _within(starts: list[int], ends: list[int], offset: int) -> bool:
    """Is ``offset`` inside one of the sorted spans (the name of a speech tag)?"""
    k = bisect.bisect_right(starts, offset) - 1
    return k >= 0 and offset < ends[k]


# Every byte but a to z made a space, so that the runs of lower-case letters are what
# str.split() finds.
_LOWER_ONLY = bytes(c if 97 <= c <= 122 else 32 for c in range(256))


def lowercase_counts(text: str) -> Counter:
    """How often each run of lower-case letters occurs (what [a-z]+ finds), in a few passes
    over bytes: a character outside ASCII, written "?", still ends a run."""
    letters = text.encode("ascii", "replace").translate(_LOWER_ONLY)
    return Counter(letters.decode("ascii").split())


def is_plural_of(form: Form, forms: dict) -> bool:
    """"Indians" beside "Indian", "the Miss Steeles" beside "Miss Steele": a people or a
    family, not a person; but not "Brittles" who speaks, beside the "Brittle" said once."""
    core = form.core
    if len(form.words) != 1 or not core.endswith("s"):
        return False
    single = forms.get((form.cls, form.title, core[:-1]))
    return single is not None and (form.tagged == 0 or single.count >= form.count)


def is_vocative_only(form: Form) -> bool:
    """Whether a name is never said but in calls: "Mags", "Sammy"."""
    return form.vocative == form.count and form.tagged == 0 and not form.cls


def is_pair_of(form: Form, forms: dict, text: str) -> bool:
    """"Ahmed Karim", said once with a line's end between ("who'll wash Ahmed" and, on the
    next line, "Karim and Jamila's faces"), beside "Ahmed and Karim": two people each named
    alone, not one full name; but "Janey Archer" beside "Janey and Archer", where others
    are Archers too."""
    if len(form.words) != 2 or form.cls or form.title or form.count > 1:
        return False
    a, b = form.words
    if (None, None, a) not in forms or (None, None, b) not in forms or any(
            f is not form and f.words[-1] == b and (len(f.words) > 1 or f.cls or f.title)
            for f in forms.values()):
        return False
    # a plain search: a pattern over the whole of a novel took 10 ms
    return f"{a} and {b}" in text or f"{b} and {a}" in text


# A name never tagged that follows "in", "at" or "from" this often is a place: people are
# seldom more than a tenth of the time (Norland 0.45, New York 0.31, India 0.18; Mrs.
# Walker, tagged, 0.11).
PLACE_USES, PLACE_SHARE = 3, 0.15


# The last word of a place's name: "past Camden Town", "down Mill Lane", said of no one.
PLACE_WORDS = frozenset(
    "street road lane avenue square park town city station bridge hill heath terrace "
    "crescent gardens market cathedral church abbey castle palace manor farm valley river "
    "island harbour harbor airport hospital college university school".split())


_INITIAL = re.compile(r"[A-Z]\.?")  # "Mrs. A": an honorific and an initial, for short


# "a Rook scarf", "the Rook coat": a name set before a noun names a kind of thing, a show's
# hero on a fan's scarf, no one in the story
_ARTICLES = frozenset(("a", "an", "the"))
_SMALL_WORD_AFTER = re.compile(r"[ \t]+([a-z]+)\b")
_FUNCTION_WORDS = frozenset("and or of in at to with for but who whom whose that which than as "
                            "is was had has have would could should will might must may can "
                            "did does do himself herself".split())


# Family words a story may name someone by, capitalised: "Mom said", "Dad winked".
KIN_NAMES = {**dict.fromkeys("mom mum mommy mummy mama mamma grandma granny gran nana nan"
                             .split(), "female"),
             **dict.fromkeys("dad daddy papa grandpa grandad granddad".split(), "male")}


# Months that are also given names: "in the month of June" names no one unless June speaks
# or is spoken to.
MONTHS = frozenset("january february march april may june july august september october "
                   "november december".split())


def person_score(form: Form, lower: Counter) -> float:
    """How strongly the text treats this form as a person's name."""
    if len(form.words) == 1 and form.core.lower() in MONTHS and not form.tagged \
            and not form.vocative and not form.cls and not form.title:
        return -1.0
    score = 3.0 * form.tagged + 1.5 * form.vocative
    if form.cls or (form.title and HONORIFICS.get(form.title) is not None):
        score += 2.0 + min(form.count, 5) * 0.5
    elif form.title:
        score += 1.0
    first = form.words[0]
    prior = given_names().get(first) if not form.cls else None
    if prior:
        score += 2.0 if len(form.words) > 1 or prior[1] >= 100 else 1.0
    if len(form.words) == 1 and not form.cls and not form.title:
        capital_inside = form.count - form.initial
        common = lower.get(first.lower(), 0)
        if common >= form.count and first.lower() in common_words() and not form.tagged \
                and not form.acting and not form.bodily:
            # '"Come, come!"', '"Certainly, sir."': an ordinary word opening lines, more
            # often written small, is no one called by name
            return -1.0
        if capital_inside == 0 and form.tagged == 0 and not prior and not form.bodily \
                and not form.acting:
            score -= 2.0  # only ever capitalised where a sentence starts: "Suddenly"
        if common > 2 * max(capital_inside, 1) and form.tagged == 0:
            score -= 3.0
        # "To-morrow" is "tomorrow", an ordinary word written the old way
        if first.lower().replace("-", "") in common_words() and form.tagged == 0 \
                and capital_inside < 3:
            score -= 5.0
    if form.tagged == 0 and form.place >= PLACE_USES and form.place >= PLACE_SHARE * form.count:
        return -1.0  # "in New York", "at Windy Corner", "from Coketown": a place, never tagged
    if form.tagged == 0 and not form.vocative and not form.cls and not form.title \
            and len(form.words) > 1 and form.words[-1].lower() in PLACE_WORDS:
        return -1.0  # "past Camden Town"
    if form.tagged == 0 and form.attributive * 2 >= form.count:
        return -1.0  # "a Rook scarf", "the Rook coat", and "Rook!" from a fan
    if form.tagged == 0 and not form.cls and not form.title and form.core.lower() in places():
        # "Italy was offering her the most priceless of all possessions", "Oh, not Italy,
        # but Constantinople": a well-known place spoken of as a person is still no one
        # unless it speaks
        return -1.0
    score -= 6.0 * form.place / form.count
    if form.after_the and form.tagged == 0:
        score -= 3.0 * form.after_the / form.count
    score += min(form.narration, 10) * 0.1 + min(form.acting, 4) * 1.0 + min(form.bodily, 2) * 2.0
    if len(form.words) == 1 and first.lower() in KIN_NAMES and (form.acting or form.tagged):
        score += 2.0  # "Dad caught my eye": a family word written as a name, acting
    return score
