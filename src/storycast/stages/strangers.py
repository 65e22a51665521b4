"""Strangers the narration brings in and "she says" follows, no tag ever describing them.

"A man in an orange vest comes along the deck, checking the lifeboat covers. He stops
beside them. 'You two should go inside,' he says."  The man is no one the story has named,
and no description tags his lines (descriptions.py makes characters of those), so without
him "he says" could only go to someone already there.  A person noun opening a sentence of
the narration ("A man ...", "The woman at the counter looks up") makes a character when a
line a few paragraphs on is tagged with the pronoun of its sex, and nothing between says it
is anyone else: no one of that sex is named between, nor named for the first time soon
after (the woman who comes in and says "Helen Okafor." is Helen), and "the woman at the
counter", said with "the", is said so for the first time.  A line so tagged in the paragraph
they come in or the next, when the narration just before called no one else "he", is
theirs outright (speakers.anchor_speakers); the later ones the speaker model weighs.

An untagged line that opens the paragraph after one that brings a stranger in ("A huge man
in a yellow shirt steps over the rope beside us." / "Phones away for the signing,
please.") is theirs too, when no name is said in it or in the line before; a stranger
brought in as "a man" is then known by the role the narration first calls them by ("The
guard looks at the girl").

A role the story then names ("The charge nurse, Bev, rolls her eyes") is that person about
the naming: the narration's "the charge nurse" is Bev (name_roles).
"""
from __future__ import annotations

import bisect
import re
from typing import NamedTuple

from ..document import Document
from ..lexicon import ROLE_NOUNS, noun_gender
from ..spans import Character, Mention
from .context import first_namings
from .descriptions import Places, narrated_mentions, pronoun_gender
from .kin import RELATIONS
from .mentions import looks_like_verb, quote_at
from .quotes import bare
from .tags import BEAT

# "A man in an orange vest comes", "The woman at the counter looks", "An old woman at the
# corner table had": an article and up to four words, the last of them a person noun; what
# follows it with "at", "in" or "with" and one or two words; then a word in small letters
_ARTICLE = re.compile(r"(?:A|An|The)(?=\s+[a-z])")
# "... and the receptionist leans in", "Next came a woman in scrubs"
_AND_ARTICLE = re.compile(r"(?:(?<=\band )|(?<=\bcame )|(?<=\bcomes ))(?:a|an|the)(?=\s+[a-z])")
_WORD = re.compile(r"\s+([a-z][a-z-]*)")
_POST = re.compile(r"\s+(?:at|in|with|behind|by|near|from)\s+(?:the|a|an)\s+([a-z-]+)"
                   r"(?:\s+([a-z-]+))?")
_LOOSE_WORD = re.compile(r",?\s+([a-z][a-z-]*)")  # "A tall, sunburnt man"
_LOOSE_POST = re.compile(r"\s+(?:at|in|with|behind|by|near|from)\s+(?:(?:the|a|an)\s+)?"
                         r"([a-z-]+)(?:\s+([a-z-]+))?")  # "in scrubs"
_VERB_NEXT = re.compile(r"\s+[a-z]")
PARAGRAPHS_BACK = 4  # paragraphs before a "she says" searched for the one who came in
NAMED_SOON = 3000  # characters after the coming in within which its person may be named
SCENE_CHARS = 5000  # characters after it over which "the man" still means the same man
_PRONOUN_SEX = {"he": "male", "she": "female"}
_KIN = RELATIONS - {"lady"}  # "The father glanced away" is someone's; "A lady came up" new


class Intro(NamedTuple):
    """A person the narration brings in: "a man in an orange vest", male."""

    start: int
    end: int
    description: str
    sex: str | None  # None for a noun that says none: "the cashier"
    placed: bool  # said with where they are or what they wear: "at the counter"


def _person(head: str) -> bool:
    """A noun for someone new: not a kinsman ("The father glanced away" is someone's)."""
    return (noun_gender(head) is not None or head in ROLE_NOUNS) and head not in _KIN


def _opens_sentence(text: str, at: int) -> bool:
    """Whether offset ``at`` opens a line or follows a sentence's stop and a space."""
    k = at
    while k > 0 and text[k - 1] in " \t":
        k -= 1
    if k == 0 or text[k - 1] == "\n":
        return True
    if k == at:
        return False  # inside a word
    stop = text[k - 2:k - 1] if text[k - 1] in "\"'\u201d\u2019" else text[k - 1]
    return stop in (".", "!", "?")


def _intros(text: str, start: int, end: int, bounds, loose: bool = False) -> list[Intro]:
    """Each person noun opening a sentence of the narration between start and end; when
    ``loose``, also one opening a clause after "and" or "came" ("The door swings open and
    the receptionist leans in", "Next came a woman in scrubs"), after adjectives set off by
    commas ("A tall, sunburnt man"), and placed with no article ("in scrubs")."""
    out = []
    found_all = [*_ARTICLE.finditer(text, start, end)]
    if loose:
        found_all = sorted(found_all + [*_AND_ARTICLE.finditer(text, start, end)],
                           key=lambda m: m.start())
    word_re, post_re = (_LOOSE_WORD, _LOOSE_POST) if loose else (_WORD, _POST)
    for found in found_all:
        at = found.start()
        inner = found.re is _AND_ARTICLE
        if not (inner or at == start or _opens_sentence(text, at)) \
                or quote_at(bounds, at) is not None:
            continue
        stop, head = found.end(), None
        for _ in range(4):  # "an old woman", "a tall young man": the first person noun
            word = word_re.match(text, stop, end)
            if word is None:
                break
            stop = word.end()
            if _person(word[1]):
                head = word[1]
                break
        if head is None or inner and found[0] == "the" and head not in ROLE_NOUNS:
            continue  # "and the old woman flapped a hand": someone known, as a rule
        post = post_re.match(text, stop, end)
        if post:  # "at the counter looks up", "in an orange vest comes": up to the verb
            stop = post.end(1) if post[2] is None or looks_like_verb(post[2]) else post.end()
        came = inner and text[at - 5:at] != "and "  # "came a woman": the verb before
        if not (came or _VERB_NEXT.match(text, stop, end)):
            continue
        description = " ".join(text[at:stop].split())
        out.append(Intro(at, stop, description[0].lower() + description[1:],
                         noun_gender(head), post is not None))
    return out


def _new(text: str, at: int, description: str) -> bool:
    """Whether the description brings its person in as someone new: "a man", or "the
    woman at the counter" said so for the first time."""
    if not description.startswith("the "):
        return True
    return text.find(description, 0, at) < 0 and text.find(description.capitalize(), 0, at) < 0


def add_strangers(doc: Document, chars: list[Character], places: Places, bounds
                  ) -> list[Character]:
    """Characters for the strangers whom lines tagged "he says" or "she says" follow, with
    the narration's mentions of them (``places`` and ``bounds`` as add_described takes)."""
    text, quotes, paras = doc.text, doc.quotes, doc.paragraphs
    mentions = doc.layers.setdefault("mentions", [])
    known = {c.id: c for c in chars}
    looked = False  # the names, firsts and pronouns below, looked up once someone may be in
    named: list[tuple[int, str]] = []  # (where, who) of every name
    named_at: list[int] = []
    first_named: dict[str, int] = {}
    made: dict[int, Character] = {}  # where the stranger came in -> the character
    pronouns: dict[int, Mention] = {}
    pronoun_at: list[tuple[int, str | None]] = []  # the narration's he, she, I ...
    found: dict[tuple[int, bool], list[Intro]] = {}

    naming: set[int | None] | None = None

    def said_names() -> set[int | None]:
        """The quotes that name or call a character, found once, when first asked for."""
        nonlocal naming
        if naming is None:
            naming = {m.attrs.get("quote") for m in mentions
                      if m.kind in ("name", "vocative") and m.character}
        return naming

    def intros_in(k: int, loose: bool = False) -> list[Intro]:
        """The paragraph's intros, found once: a paragraph is searched for five tags."""
        if (k, loose) not in found:
            found[k, loose] = _intros(text, paras[k].start, paras[k].end, bounds, loose)
        return found[k, loose]

    tags = doc.layer("tags")
    for n, (q, tag) in enumerate(zip(quotes, tags)):
        sex = _PRONOUN_SEX.get(tag.text.lower()) if tag is not None and tag.kind == "pronoun" \
            else None
        if sex is not None:
            said_at = tag.start  # the tag's "he", which says who speaks
            fitting = [(k, i) for k in range(max(0, q.paragraph - PARAGRAPHS_BACK),
                                             q.paragraph + 1)
                       for i in intros_in(k) if i.end <= said_at and i.sex in (sex, None)]
        else:  # an untagged line right after the paragraph someone comes in
            said_at = q.start
            came = _came_in_before(doc, n, intros_in, said_names)
            sex = came and (came.sex or pronoun_gender(text, mentions, came.start))
            fitting = [(q.paragraph - 1, came)] if sex else []
        if not fitting:
            continue
        came_in, (at, end, description, _, placed) = fitting[-1]
        if not looked:
            looked = True
            named = sorted((m.start, m.character) for m in mentions
                           if m.kind == "name" and m.character in known)
            named_at = [s for s, _ in named]
            first_named = first_namings(mentions)
            pronouns = {m.start: m for m in mentions if m.kind == "pronoun"}
            pronoun_at = sorted((m.start, m.attrs.get("gender")) for m in pronouns.values()
                                if m.attrs.get("quote") is None)
        between = named[bisect.bisect_left(named_at, end):bisect.bisect_left(named_at, said_at)]
        if any(known[c].gender in (sex, "unknown") and not known[c].narrator for _, c in between):
            continue  # "A man came in. Tom looked up. 'Well,' he said": Tom, most likely
        char = made.get(at)
        if char is None:
            soon = _next_intro(doc, came_in, end, at + NAMED_SOON, sex, intros_in)
            if any(at <= first_named.get(c.id, -1) < soon for c in chars
                   if c.gender in (sex, "unknown")) or not _new(text, at, description):
                continue
            came = Intro(at, end, description, sex, placed)  # the sex the pronoun says
            char = made[at] = _stranger(doc, chars, came, places, bounds)
        said = pronouns.get(said_at)
        if said is not None and _fresh(doc, at, came_in, q.paragraph, sex, pronoun_at):
            said.character = char.id  # the tag's "he" is the stranger: the line is theirs
            said.attrs.update(stranger=True, resolved=True)
        elif said_at == q.start:  # the line right after they come in is theirs
            came_by = next(m for m in mentions if m.start == at and m.character == char.id)
            came_by.attrs.setdefault("speaks", q.start)
    if made:
        mentions.sort(key=lambda m: m.start)
    return chars


def _next_intro(doc: Document, paragraph: int, after: int, until: int, sex: str,
                intros_in) -> int:
    """Where the next stranger who may be of ``sex`` comes in after offset ``after``, if
    before ``until``: a name said after that is more likely theirs."""
    paras = doc.paragraphs
    for k in range(paragraph, len(paras)):
        if paras[k].start >= until:
            break
        for came in intros_in(k, True):
            if came.start > after and came.sex in (sex, None):
                return min(came.start, until)
    return until


# Roles a story may bring someone in by with "the", a stranger all the same: "and the
# receptionist leans in"
_SEEN_AS = ROLE_NOUNS - {"stranger", "figure", "person", "visitor", "guest", "child", "kid"}


def _came_in_before(doc: Document, n: int, intros_in, said_names) -> Intro | None:
    """The stranger the paragraph before untagged line n ends by bringing in, when the line
    opens its own paragraph and that one has no line of its own ("A huge man in a yellow
    shirt steps over the rope beside us." / "Phones away for the signing, please.");
    ``said_names()``: the quotes that name or call a character."""
    quotes, tags = doc.quotes, doc.layer("tags")
    q = quotes[n]
    if tags[n] is not None and tags[n].verb != BEAT or q.paragraph == 0:
        return None
    if n and quotes[n - 1].paragraph >= q.paragraph - 1:
        return None  # a line before it in its paragraph or the one before: a conversation's
    para = doc.paragraphs[q.paragraph]
    if not bare(doc.text[para.start:q.start]):
        return None
    came = intros_in(q.paragraph - 1, True)
    if not came or came[-1].description.startswith("the ") \
            and came[-1].description.split()[-1] not in _SEEN_AS:
        return None  # "The old fellow put his hands together": someone known, as a rule
    naming = said_names()
    if n - 1 in naming or n in naming:
        # a name said just before or in the line is likelier the newcomer's: "Mr. Wilcox!"
        # / "A young man in front of them turned around."; "A very young man came out of
        # the house." / "Paul, is there any truth in this?"
        return None
    return came[-1]


def _fresh(doc: Document, at: int, came_in: int, paragraph: int, sex: str,
           pronoun_at: list[tuple[int, str | None]]) -> bool:
    """Whether the line of ``paragraph`` follows the stranger brought in at ``at``, in
    paragraph ``came_in``, so closely that its "he" can be no one else: they came in in its
    paragraph or the one before, and the narration of the two paragraphs before them called
    no one "he" ("She gazed so long ... she could not recognise the faces. A parlour-maid
    was preceding them. 'Who are those people?' she asked.": the one gazing asks)."""
    if paragraph - came_in > 1:
        return False
    since = doc.paragraphs[max(0, came_in - 2)].start
    k = bisect.bisect_left(pronoun_at, (since,))
    return not any(g == sex for _, g in pronoun_at[k:bisect.bisect_left(pronoun_at, (at,))])


def _stranger(doc: Document, chars: list[Character], came: Intro, places: Places, bounds
              ) -> Character:
    """The stranger who came in, a character with the narration's mentions of them, of
    the sex their tag's pronoun gives: "the woman at the counter" is her wherever the story
    says it, a bare "the man" only while the scene lasts."""
    text, mentions = doc.text, doc.layers["mentions"]
    at, end, description, sex, placed = came
    name = description[4:] if description.startswith("the ") else description.split(" ", 1)[1]
    aliases = ["The " + name.title(), "the " + name]
    role = _role_after(text, at, end, sex, bounds) if name.split()[-1] not in ROLE_NOUNS \
        else None
    if role:  # "A huge man in a yellow shirt ..." then "The guard looks at the girl"
        aliases = ["The " + role.title(), "the " + role] + aliases
    char = Character(id=f"c{len(chars) + 1}", name=aliases[0], aliases=aliases, gender=sex)
    chars.append(char)
    mentions.append(Mention(at, end, "name", char.id, text[at:end], {
        "honorific": None, "quote": None, "possessive": False, "initial": True,
        "described": True}))
    reach = len(text) if placed else end + SCENE_CHARS
    for said in [name] + ([role] if role else []):
        mentions.extend(m for m in narrated_mentions(places, said, char.id, set(), bounds)
                        if end < m.start < reach)
    return char


_THE_ROLE = re.compile(r"\b[Tt]he ([a-z]+)\b")
ROLE_AFTER = 1500  # characters after a stranger comes in within which a role may name them


def _role_after(text: str, at: int, end: int, sex: str | None, bounds) -> str | None:
    """The role the narration first calls a stranger by soon after bringing them in as "a
    man" or "a woman": a role noun of their sex, or of none, said there for the first
    time ("The guard looks at the girl")."""
    for found in _THE_ROLE.finditer(text, end, end + ROLE_AFTER):
        role = found[1]
        if role in _SEEN_AS and noun_gender(role) in (sex, None) \
                and quote_at(bounds, found.start()) is None:
            said_before = re.compile(rf"\b[Tt]he {role}\b").search(text, 0, at)
            return None if said_before else role
    return None


# "The charge nurse, Bev, rolls her eyes", "the sous-chef, Marco, said nothing": a role and
# the name set off after it
_ROLE_BEFORE = re.compile(r"(?<![A-Za-z])[Tt]he((?:\s+[a-z][a-z-]*){1,3}),\s+$")
ROLE_REACH = 5000  # characters either side of the naming over which the role is the person


def name_roles(doc: Document, chars: list[Character], places: Places, bounds) -> None:
    """The narration's "the charge nurse" is Bev, within ROLE_REACH of "The charge nurse,
    Bev, rolls her eyes": the role noun the story knew her by before it named her, and
    goes on using, is a mention of her (so "The charge nurse takes the chart ... 'Good.'"
    is a beat of hers)."""
    text, mentions = doc.text, doc.layers.setdefault("mentions", [])
    by_id = {c.id: c for c in chars}
    added = []
    # a name set off by commas, looked at first (the role before it is rarer, and a search
    # of the whole text for it took 15 ms of a novel's run)
    for named in [m for m in mentions if m.kind == "name" and m.character in by_id
                  and text[m.start - 2:m.start] == ", " and text[m.end:m.end + 1] == ","]:
        found = _ROLE_BEFORE.search(text, max(0, named.start - 40), named.start)
        if found is None or not _person(found[1].split()[-1]) \
                or quote_at(bounds, found.start()) is not None:
            continue
        # the naming's own "The charge nurse" left out: "Bev" names her there
        role = " ".join(found[1].split())
        char, sex = by_id[named.character], noun_gender(role.split()[-1])
        if char.gender == "unknown" and sex:
            char.gender = sex  # a nurse is a woman, to the story
        added += [m for m in narrated_mentions(places, role, named.character, {found.start()},
                                               bounds)
                  if abs(m.start - found.start()) <= ROLE_REACH]
    if added:
        taken = {m.start for m in mentions}
        mentions.extend(m for m in added if m.start not in taken)
        mentions.sort(key=lambda m: m.start)

