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
from .descriptions import Places, narrated_mentions
from .kin import RELATIONS
from .mentions import looks_like_verb, quote_at

# "A man in an orange vest comes", "The woman at the counter looks", "An old woman at the
# corner table had": an article and up to four words, the last of them a person noun; what
# follows it with "at", "in" or "with" and one or two words; then a word in small letters
_ARTICLE = re.compile(r"(?:A|An|The)(?=\s+[a-z])")
_WORD = re.compile(r"\s+([a-z][a-z-]*)")
_POST = re.compile(r"\s+(?:at|in|with|behind|by|near|from)\s+(?:the|a|an)\s+([a-z-]+)"
                   r"(?:\s+([a-z-]+))?")
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


def _intros(text: str, start: int, end: int, bounds) -> list[Intro]:
    """Each person noun opening a sentence of the narration between start and end."""
    out = []
    for found in _ARTICLE.finditer(text, start, end):
        at = found.start()
        if not (at == start or _opens_sentence(text, at)) or quote_at(bounds, at) is not None:
            continue
        stop, head = found.end(), None
        for _ in range(4):  # "an old woman", "a tall young man": the first person noun
            word = _WORD.match(text, stop, end)
            if word is None:
                break
            stop = word.end()
            if _person(word[1]):
                head = word[1]
                break
        if head is None:
            continue
        post = _POST.match(text, stop, end)
        if post:  # "at the counter looks up", "in an orange vest comes": up to the verb
            stop = post.end(1) if post[2] is None or looks_like_verb(post[2]) else post.end()
        if not _VERB_NEXT.match(text, stop, end):
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
    found: dict[int, list[Intro]] = {}

    def intros_in(k: int) -> list[Intro]:
        """The paragraph's intros, found once: a paragraph is searched for five tags."""
        if k not in found:
            found[k] = _intros(text, paras[k].start, paras[k].end, bounds)
        return found[k]

    for q, tag in zip(quotes, doc.layer("tags")):
        sex = _PRONOUN_SEX.get(tag.text.lower()) if tag is not None and tag.kind == "pronoun" \
            else None
        if sex is None:
            continue
        fitting = [(k, i) for k in range(max(0, q.paragraph - PARAGRAPHS_BACK), q.paragraph + 1)
                   for i in intros_in(k) if i.end <= tag.start and i.sex in (sex, None)]
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
        between = named[bisect.bisect_left(named_at, end):bisect.bisect_left(named_at, tag.start)]
        if any(known[c].gender in (sex, "unknown") and not known[c].narrator for _, c in between):
            continue  # "A man came in. Tom looked up. 'Well,' he said": Tom, most likely
        char = made.get(at)
        if char is None:
            if any(at <= first_named.get(c.id, -1) < at + NAMED_SOON for c in chars
                   if c.gender in (sex, "unknown")) or not _new(text, at, description):
                continue
            came = Intro(at, end, description, sex, placed)  # the sex the pronoun says
            char = made[at] = _stranger(doc, chars, came, places, bounds)
        said = pronouns.get(tag.start)
        if said is not None and _fresh(doc, at, came_in, q.paragraph, sex, pronoun_at):
            said.character = char.id  # the tag's "he" is the stranger: the line is theirs
            said.attrs.update(stranger=True, resolved=True)
    if made:
        mentions.sort(key=lambda m: m.start)
    return chars


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
    char = Character(id=f"c{len(chars) + 1}", name="The " + name.title(),
                     aliases=["The " + name.title(), "the " + name], gender=sex)
    chars.append(char)
    mentions.append(Mention(at, end, "name", char.id, text[at:end], {
        "honorific": None, "quote": None, "possessive": False, "initial": True,
        "described": True}))
    reach = len(text) if placed else end + SCENE_CHARS
    mentions.extend(m for m in narrated_mentions(places, name, char.id, set(), bounds)
                    if end < m.start < reach)
    return char


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

