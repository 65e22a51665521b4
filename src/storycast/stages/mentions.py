"""Mentions: capitalised names (with honorifics), vocatives inside quotes, and pronouns.

This stage finds every candidate name and pronoun; the characters stage decides
which names are people, groups them and fills in ``Mention.character``.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from operator import attrgetter

from ..document import Document
from ..letters import LOWER, UPPER
from ..lexicon import (ANSWER_VERBS, HONORIFICS, NON_NAMES, PARTICLES, PRONOUN_GENDER,
                       common_words, given_names)
from ..spans import Mention, Quote
from . import stage

_GAP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"  # space within a paragraph, never a blank line
# A capitalised word: an apostrophe only inside a name ("O'Brien", not "Alice's" or "I'm"),
# a second capital only after Mc, Mac or an apostrophe ("McBryde", "MacDonald", "O'Neill"),
# a single capital only as an initial ("J. Smith", "E. W. B. Childers"); words in capitals
# are emphasis.
_CAP = (rf"(?:[{UPPER}](?:[{LOWER}]|['\u2019](?=[{UPPER}])|(?<=['\u2019])[{UPPER}]|(?<=Mc)[A-Z]"
        rf"|(?<=Mac)[A-Z])*[{LOWER}]"
        rf"|[{UPPER}]\.?(?=\s[{UPPER}]))(?:-[{UPPER}]?[{LOWER}]+)*"
        rf"(?![{LOWER}])(?!['\u2019][a-rt-z])")  # whole words only, and never "Don't" or "Isn't"
_LINK = r"(?:de|da|di|del|van|von|der|le|la|du|of|the|St\.?|O')"
_PARTICLE = "(?:" + "|".join(sorted(PARTICLES)) + ")"  # "Mr. van der Luyden"
_HON = "|".join(sorted((h.capitalize() for h in HONORIFICS), key=len, reverse=True))
# Every name starts with a capital; saying so first lets the search pass over the rest of
# the text before trying the honorifics.
NAME_RE = re.compile(
    rf"(?=[{UPPER}])(?<![\w'\u2019])(?:(?P<hon>{_HON})\.?{_GAP}(?:{_PARTICLE}{_GAP}){{0,2}})?"
    rf"(?P<name>{_CAP}(?:{_GAP}(?:{_LINK}{_GAP})?(?!(?:{_HON})\.?{_GAP}){_CAP})*)"
    rf"(?P<poss>['\u2019]s\b|s['\u2019](?!\w))?"
)
# The whole words he, she, him, his, her, himself, herself and I.  The pattern opens with
# the letters they start with, so that the search skips ahead to those letters, and then
# looks back for the start of the word.
PRONOUN_RE = re.compile(r"[HhSsI](?<!\w.)"
                        r"(?:(?<=[Hh])(?:e|im|is|er|imself|erself)|(?<=[Ss])he|(?<=I))\b")
# A list of names goes on after the name: ", and Tillie", ", and her sister", ", Lacie,"
# (not ", and run away with it", said to Mrs. Weston).
_LIST_GOES_ON = re.compile(rf",\s*(?:and|or|nor)\s+(?:(?!I\b)[{UPPER}]|(?:the|a|an|my|his|her|"
                           r"their|your|our|all|both)\b)|,\s*(?!(?:Miss|Mrs|Mr|Master|Lady|Sir)\b)"
                           rf"[{UPPER}][{LOWER}]+(?:\s+[{UPPER}][{LOWER}]+)*\s*,")
# "Mr. Martin, I suppose, is not...", "Harriet, who ...": the name opening the line is what it
# speaks of, not whom.
_SUBJECT_AFTER = re.compile(
    r",\s*(?:(?:who|whom|whose|which)\b|[^,\n]{1,25},\s*(?:is|was|has|had|will|would|can|"
    r"could|must|may|might|does|did|should|shall|seems|seemed|never|always)\b)")
# What a speaker says just before their own name: "I'm Dev", "My name is Alice", "Yes, I
# am Aziz", "Call me Ishmael".  The name is neither a call nor someone else's.
_SELF_NAMING = re.compile(r"(?:\bI['\u2019]m|\bI am|\b[Mm]y name(?: is|['\u2019]s)"
                          r"|\b[Cc]all(?:s|ed)? me)$")  # "He always calls me Hartley"

# "and he said, Dec, I'm going to marry her": a call in words told again without their own
# quotation marks, said to someone else
_RETOLD = re.compile(r"\b(?:said|says|asked|asks|goes|went)\s*,$")


def names_self(text: str, s: int, e: int) -> bool:
    """Whether the name at s..e is the speaker's own, said to introduce them ("I'm Dev,
    by the way"; not "I am Miss Schlegel's aunt")."""
    return _SELF_NAMING.search(text[max(0, s - 16):s].rstrip()) is not None \
        and text[e:e + 2] not in ("'s", "\u2019s", " s")


_LIST_BEFORE = re.compile(rf"([{UPPER}][{LOWER}]+)(?:['\u2019]s)?,$")
# "my uncle, Sir Robert", "a friend, Captain Brigden", "for example, Freddy": the name says
# who is meant, not who is spoken to.
_APPOSITION = re.compile(r"(?:\b(?:my|his|her|our|their|a|an)\s+(?:uncle|aunt|friend|"
                         r"cousin|brother|sister|father|mother|son|daughter|husband|wife|"
                         r"nephew|niece|neighbou?r|servant|partner|companion|guardian)|"
                         r"\bfor (?:example|instance)|\bnamely),$")
_LOWER_RUN = re.compile(r"[a-z]+")
_WORD_CHAR = re.compile(r"\w")
_LOWER_OR_PAUSE = frozenset("abcdefghijklmnopqrstuvwxyz,;")
_WORD = re.compile(r"\S+")
_LINKS = {"the", "of", "de", "da", "di", "del", "van", "von", "der", "la", "le", "du"}
# Words that open a quote before a vocative: "Oh, Spike", "Hello Harmony", "Thanks Spike".
_INTERJECTIONS = frozenset(
    "oh ah hello hi hey thanks thank well alright all right yes no now come good dear my "
    "look listen please sorry goodbye good-bye bye night morning evening why nay".split()
)
# "Yes. My dear Jane, what ...", "Pray, dear Miss Woodhouse, tell me": a name after these
# words, where a sentence or a clause begins, is addressed.
_ENDEARMENT = re.compile(r"(?:^|(?<=[,!?.;:\-\u2014]))\s*(?i:my\s+|our\s+)?"
                         r"(?i:(?:poor|own|good|sweet)\s+)?(?i:dear|dearest)"
                         r"(?:\s+(?i:good|little|old|young|sweet|kind|poor|own))?$")


def quote_bounds(quotes: list[Quote]) -> tuple[list[int], list[int], list[int]]:
    """Sorted (starts, ends, quote index) of every quote span, for fast lookup."""
    spans = sorted((s, e, i) for i, q in enumerate(quotes) for s, e in q.spans)
    return [s for s, _, _ in spans], [e for _, e, _ in spans], [i for _, _, i in spans]


def quote_at(bounds: tuple[list[int], list[int], list[int]], offset: int) -> int | None:
    """Index of the quote whose span holds ``offset``, or None in narration."""
    starts, ends, index = bounds
    k = bisect.bisect_right(starts, offset) - 1
    if k >= 0 and offset < ends[k]:
        return index[k]
    return None


class LowerCaseWords:
    """The words the text also writes in lower case, as whole words ("engaged", "but", and
    never "darcy"), looked up on demand: a novel asks about a few dozen."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.known: dict[str, bool] = {}

    def __contains__(self, word: str) -> bool:
        found = self.known.get(word)
        if found is None:
            found = self.known[word] = self._whole_word(word)
        return found

    def _whole_word(self, word: str) -> bool:
        if not _LOWER_RUN.fullmatch(word):
            return False
        text, i, n = self.text, self.text.find(word), len(word)
        while i >= 0:
            if not (i and _WORD_CHAR.match(text, i - 1) or _WORD_CHAR.match(text, i + n)):
                return True
            i = text.find(word, i + 1)
        return False

    def inside(self, phrase: str) -> bool:
        """Whether the text writes this phrase of capitalised words inside a sentence too
        ("a New York winter"), so that where a sentence opens with it ("New York society
        was ..."), its first word is still a part of the name."""
        found = self.known.get(phrase)
        if found is None:
            # the phrase found first, then what comes before it: a pattern opening with
            # "[a-z,;]" would be tried at every letter of the story
            pattern = re.compile(r"\s+".join(map(re.escape, phrase.split())) + r"\b")
            found = self.known[phrase] = any(
                _after_word(self.text, m.start()) for m in pattern.finditer(self.text))
        return found


def _after_word(text: str, at: int) -> bool:
    """Whether spaces, after a lower-case letter, a comma or a semicolon, come before at."""
    k = at
    while k > 0 and text[k - 1].isspace():
        k -= 1
    return 0 < k < at and text[k - 1] in _LOWER_OR_PAUSE


def _ordinary(word: str) -> bool:
    """An ordinary word that is not also a common given name ("Suddenly", not "Frank")."""
    low = word.lower()
    if low not in common_words() or low in HONORIFICS:
        return False
    prior = given_names().get(word)
    return prior is None or prior[1] < 200


@lru_cache(maxsize=None)
def _never_a_name(word: str) -> bool:
    """A capitalised word that is no name on its own: "The", "But", "Of"."""
    return word.lower().strip("'\u2019") in NON_NAMES or word.lower() in _LINKS


def _name_words(text: str, start: int, end: int, titled: bool = False,
                lower: LowerCaseWords | None = None) -> tuple[int, int] | None:
    """The span of the name proper, without leading words that are not names.

    "Suddenly Spike" and "Listen the Slayer" open a sentence with an ordinary word; the
    name is what follows it.  Trailing link words ("of", "the") are dropped too.
    """
    span = text[start:end]
    if " " not in span and "\n" not in span and "\t" not in span:  # most names are one word
        return None if _never_a_name(span) else (start, end)
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(span)]
    while words and (
        words[0][2].lower().strip("'\u2019") in NON_NAMES
        or len(words) > 1 and _ordinary(words[0][2]) and not titled
        and sentence_initial(text, start + words[0][0])
        and not (lower and lower.inside(f"{words[0][2]} {words[1][2]}"))
    ):
        words.pop(0)
    for k in range(1, len(words)):
        if len(words[k - 1][2]) == 2 and words[k - 1][2].endswith(".") \
                and (words[k][2].lower() in NON_NAMES or _ordinary(words[k][2])):
            # "Mrs. A. She had been teaching", "Mr. D. Like gravity": an initial ends the
            # sentence
            del words[k:]
            break
    while words and words[-1][2].lower() in _LINKS:
        words.pop()
    if not words:
        return None
    return start + words[0][0], start + words[-1][1]


def find_names(doc: Document, start: int, end: int) -> list[Mention]:
    text = doc.text
    bounds = quote_bounds(doc.quotes)
    lower = LowerCaseWords(text)
    mentions: list[Mention] = []
    for m in NAME_RE.finditer(text, start, end):
        found = _name_words(text, m.start("name"), m.end("name"), bool(m.group("hon")), lower)
        if found is None:
            continue
        s, e = found
        hon = m.group("hon") if s == m.start("name") else None
        if hon:
            s = m.start()
        # "Naruto-kun", "Sakura-chan": the honorific the suffix adds is no part of the name
        name = _HONORIFIC_SUFFIX.sub("", " ".join(text[s:e].split()))
        possessive = bool(m.group("poss")) and e == m.end("name")
        mentions.append(_name_mention(doc, s, e, name, hon, possessive, bounds, lower))
    named_at = {m.start for m in mentions}
    for m in _HON_INITIAL.finditer(text, start, end):  # "Mrs. A retrieved it"
        if m.start() not in named_at and not (m.start() and text[m.start() - 1].isalnum()):
            mentions.append(_name_mention(doc, m.start(), m.end("name"), " ".join(
                text[m.start():m.end("name")].split()), m.group("hon"), False, bounds, lower))
    for m in _READER.finditer(text, start, end):  # "Y/N," he said: the reader's own name
        # the match opens on the slash, after the "Y"
        mentions.append(_name_mention(doc, m.start() - 1, m.end(), READER, None, False,
                                      bounds, lower))
    return mentions


def _name_mention(doc: Document, s: int, e: int, name: str, hon: str | None,
                  possessive: bool, bounds, lower: LowerCaseWords) -> Mention:
    """A name at s..e, as said: a vocative when a quote calls someone by it."""
    text = doc.text
    quote = quote_at(bounds, s)
    mention = Mention(s, e, "name", None, name, {
        "honorific": hon.lower() if hon else None, "quote": quote,
        "possessive": possessive, "initial": sentence_initial(text, s),
    })
    if quote is not None and _is_vocative(text, s, e, doc.quotes[quote], lower, bool(hon)):
        mention.kind = "vocative"
        mention.attrs["set_off"] = _set_off(text, s, e)
        mention.attrs["calls_first"] = _calls_first(text, s, e, doc.quotes[quote])
    return mention


# "Mrs. A", "Mr. D": an honorific and a surname's initial, a name for short (NAME_RE takes a
# lone capital only before another name)
# (the word's start is checked after the search: a pattern opening on \b is tried at every
# offset, and took 12 ms of a novel, against 2)
_HON_INITIAL = re.compile(r"(?P<hon>Mrs|Mr|Ms|Miss|Dr)\.?[ \t]+(?P<name>[A-Z])\.?(?![\w'\u2019])")
# Reader-insert fan fiction writes the reader's name as a blank to fill: "Y/N" (your name),
# with "Y/L/N" for the surname
READER = "Y/N"
# (the pattern opens on the slash, so that the search skips to it)
_READER = re.compile(r"/(?<=[Yy]/)(?<![\w/][Yy]/)(?:[Ll]/)?[Nn](?![\w/])")

_HONORIFIC_SUFFIX = re.compile(r"-(?:kun|chan|san|sama|sensei|senpai|sempai|dono|hime|"
                               r"nee|nii|neesan|niisan|oneesan|oniisan|ssi|nim|ji)$")


def sentence_initial(text: str, s: int) -> bool:
    """Whether offset s opens a sentence, a clause after a colon or semicolon, or a line."""
    before = text[max(0, s - 4):s].rstrip(" \t\"'\u201c\u2018\u2014-")
    return not before or before[-1] in ".!?\n:;" or before.endswith("\n")


def _is_vocative(text: str, s: int, e: int, quote: Quote, lower: LowerCaseWords,
                 titled: bool = False) -> bool:
    """A name addressed to someone: set off by commas, or at the quote's edges."""
    span = next(((a, b) for a, b in quote.spans if a <= s < b), None)
    if span is None:
        return False
    a, b = span
    if _nested(text, a, s):
        return False  # "'Mr. Knightley, I am going to do so-and-so'": words quoted, not said
    before = text[a:s].rstrip()
    after = text[e:b].lstrip()
    if before.endswith(("Your", " your")) and text[s:e].lower() in _STYLED:
        before = before[:-4].rstrip()  # "I like her, Your Highness."
    if _SELF_NAMING.search(before[-16:]):
        return False  # "I'm Dev, by the way": the speaker's own name
    if _RETOLD.search(before[-12:]):
        return False  # "and he said, Dec, I'm going to marry her"
    if after.startswith(".") and after[1:2].isalpha():
        return False  # an initial or abbreviation, not the end of a sentence
    closed = not after or after[0] in ",!?.;:" or after.startswith("--")
    if (_LIST_GOES_ON.match(after) and not after[1:].lstrip().startswith(text[s:e] + ",")
            or before.endswith((" and", " or"))):
        return False  # "Elsie, Lacie, and Tillie" is a list of names ("Tom, Tom," is not)
    if before.endswith(","):  # the end of a list or of an apposition
        item = _LIST_BEFORE.search(before)
        if item and after.startswith(",") and not titled \
                and item.group(1) != text[s:e].split()[0]:
            word = item.group(1).lower()
            if word not in lower and word not in common_words() and word not in _INTERJECTIONS:
                return False  # "Hyderabad, Bhopal, where": a name after a name goes on a list
        if _APPOSITION.search(before):
            return False
    words_before = before.split(None, 3)  # how many words, up to four, and the last of few
    if not before and len(after) <= 2 and closed and span == quote.spans[-1] \
            and not (len(text[s:e].split()) == 1 and _called_out(text, b, after)):
        # a quote that is only a name ("Bingley.") answers more often than calls, but one
        # that goes on after its tag ("Emma," said she, "this paper ...") calls
        return False
    if not before and _SUBJECT_AFTER.match(after):
        return False
    opened = (
        not before or before[-1] in ",!?.;"
        or before.endswith(("--", "\u2014")) and after.startswith(",")  # "--Dolly, are you"
        or _endearment_before(before)
        or len(words_before) <= 2 and words_before[-1].strip(",.!").lower() in _INTERJECTIONS
        or before.lower().endswith((" you", " again"))
        or len(words_before) <= 3 and after.startswith(",")  # "In fact Harm, there is..."
    )
    if opened and not closed and len(words_before) <= 1:
        # "Harm just remember", "Oh, Spike don't worry": a name opening a quote and not
        # followed by a verb is addressed, not spoken of.
        following = after.split(None, 1)[0].lower() if after.split(None, 1) else ""
        name = text[s:e].split()[0].lower()
        return following.replace("'", "").isalpha() and not looks_like_verb(following) \
            and following not in _PRONOUNS and name not in lower  # "Is he", "Upon my"
    return opened and closed


_TAG_WORD = re.compile(r"\w+")
# how the great are called, after "Your"
_STYLED = frozenset({"highness", "majesty", "grace", "honour", "honor", "lordship",
                     "ladyship", "excellency", "eminence", "worship"})


def _called_out(text: str, b: int, after: str) -> bool:
    """Whether a quote that is only a one-word name, ending at b, calls them: "Tommy!",
    or "Tommy," she said warningly; not "William," Katharine replied, nor "Ralph!" repeated
    Katharine.  In the novels such a "Name!" calls 29 times in 32, such a "Name," 8 in 11;
    a longer name so said ("Mr. Darcy!") is as often said in surprise."""
    if after[:1] not in ("!", ","):
        return False
    words = _TAG_WORD.findall(text, b, b + 40)[:3]  # the tag's, if one follows
    return not any(w.lower() in ANSWER_VERBS or w.lower().startswith("repeat") for w in words)


# Quotation marks of the other family than a quote's own, opening and closing words quoted
# within it: an opening one follows a space, a dash or the quote's own mark, a closing one a
# letter or a stop; an apostrophe inside a word ("don't") is neither.
_NESTED = {
    True: (re.compile(r"(?:^|(?<=[\s(\-\u2014\"\u201c]))['\u2018]"
                      r"(?!(?:[Tt](?:is|was|were|will|would)|em|cause|til)\b)"),  # "'Tis"
           re.compile(r"(?<=[\w.,!?;:])['\u2019](?=[\s,.;:!?\-\u2014]|$)")),
    False: (re.compile(r"(?:^|(?<=[\s(\-\u2014'\u2018]))[\"\u201c]"),
            re.compile(r"(?<=[\w.,!?;:])[\"\u201d](?=[\s,.;:!?\-\u2014]|$)")),
}


def _nested(text: str, a: int, s: int) -> bool:
    """Whether offset s of the quote span starting at a lies within words it quotes:
    'looks--\'Mr. Knightley, I am going to do so-and-so\'' within a double-quoted line."""
    opening, closing = _NESTED[text[a - 1:a] not in ("'", "\u2018", "\u2019")]
    opened = [m.end() for m in opening.finditer(text, a, s)]
    return bool(opened) and not any(m.start() >= opened[-1]
                                    for m in closing.finditer(text, opened[-1], s))


def _endearment_before(before: str) -> bool:
    """"dear" or "my dear" ends ``before`` where a clause begins; the pattern is tried only
    when one of the last two words ends in "dear" or "dearest", as it must to match."""
    return any(w.lower().endswith(("dear", "dearest")) for w in before.rsplit(None, 2)[-2:]) \
        and _ENDEARMENT.search(before) is not None


def _set_off(text: str, s: int, e: int) -> bool:
    """A comma or a greeting before the name: "Take your time, Big Bad," / "Hello Spike".

    A name opening a quote and followed by a comma ("Fourteenth of March, I think") may be
    a subject as well as an address, so it is not set off.
    """
    before = text[max(0, s - 12):s].rstrip()
    words = before.split()
    return before.endswith(",") or bool(
        words and words[-1].lower().strip("\"'\u201c\u2018") in _INTERJECTIONS
    ) or before.lower().endswith((" you", " again"))


def _calls_first(text: str, s: int, e: int, quote: Quote) -> bool:
    """A name opening a piece of a quote that the tag then breaks ('"Yusuf," he said') or
    that a word in lower case goes on from ("Yusuf, listen to me"): a call, not a subject."""
    span = next(((a, b) for a, b in quote.spans if a == s), None)
    if span is None or text[e:e + 1] != ",":
        return False
    rest = text[e + 1:span[1]].split(None, 1)
    return not rest or rest[0][:1].islower()


_PRONOUNS = frozenset("i you he she it we they me him her us them my your his its our their "
                      "this that these those there here a an the".split())
_AUXILIARIES = frozenset(
    "is was has had will would did does can could should must may might shall and or "
    "went came saw took told knew thought gave got made found left felt said says seems "
    "seemed who which that thinks think".split()
)


def looks_like_verb(word: str) -> bool:
    return word in _AUXILIARIES or word.endswith(("ed", "es")) or (
        word.endswith("s") and not word.endswith("ss"))


# The gender of each pronoun as written: "He" and "he" are male, "I" the narrator, and so is
# the narration's "you" in a story told in the second person.
_NARRATING = ("I", "you", "You")
_PRONOUN_GENDER = dict.fromkeys(_NARRATING, "narrator") | {
    form: PRONOUN_GENDER[word] for word in ("he", "she", "him", "his", "her", "himself", "herself")
    for form in (word, word.capitalize())}


# "you" and "You", in the narration of a story told in the second person
_YOU_RE = re.compile(r"[Yy](?<!\w.)ou\b")


def find_pronouns(doc: Document, start: int, end: int) -> list[Mention]:
    bounds = quote_bounds(doc.quotes)
    found = _pronouns(doc, PRONOUN_RE, start, end, bounds)
    if doc.layers.get("second_person"):
        found += _pronouns(doc, _YOU_RE, start, end, bounds)
    return found


def _pronouns(doc: Document, pattern: re.Pattern, start: int, end: int, bounds
              ) -> list[Mention]:
    starts, ends, index = bounds
    found = []
    k = 0  # the quote spans starting before the pronoun: pronouns come in text order
    for m in pattern.finditer(doc.text, start, end):
        word, at = m.group(), m.start()
        while k < len(starts) and starts[k] <= at:
            k += 1
        quote = index[k - 1] if k and at < ends[k - 1] else None  # as quote_at() finds it
        if word in _NARRATING and quote is not None:
            continue  # "I" inside a quote is its speaker, "you" its listener: not mentions
        found.append(Mention(at, m.end(), "pronoun", None, word,
                             {"gender": _PRONOUN_GENDER[word], "quote": quote}))
    return found


@stage("mentions", needs=("paragraphs", "quotes"), produces=("mentions",))
def mentions(doc: Document) -> Document:
    from .segment import body_bounds

    start, end = body_bounds(doc)
    found = find_names(doc, start, end) + find_pronouns(doc, start, end)
    found.sort(key=attrgetter("start"))
    doc.layers["mentions"] = found
    return doc
