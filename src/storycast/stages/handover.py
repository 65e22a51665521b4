"""Narration between two quoted pieces of a paragraph that hands the talk to someone else.

A quotation broken by its tag is one line (``"Yes," said Tom, "and no."``).  When the
narration between the pieces makes someone else speak, the pieces are two lines::

    "You always let her," he argued; and she answered: "That is why."
    "She never takes cold," said Mr. Bounderby.  "Really, sir?" said Mrs. Sparsit.
    "Oh! he talks of you," cried Charles, "in such terms--" Mary interrupted him. "I declare"

Speakers are compared by their words: "Mr. Bounderby" and "Mrs. Sparsit" differ, "he" and
"she" differ, and so do "he" and "May" or "her husband" and "she" by their sex; "Tom" and
"he" may be one person and are never told apart, unless the first clause spoke to the
second speaker ("she asked the Gryphon, and the Gryphon answered").
"""
from __future__ import annotations

import re
from itertools import chain, islice

from ..letters import LETTER, UPPER
from ..lexicon import HONORIFICS, PARTICLES, SUBJECT_PRONOUNS, census_sex, noun_gender
from .speech_verbs import SAYING

# Where one clause of narration ends and the next begins: a semicolon, a comma or a space
# before "and", "but", "while"..., a comma before "who", a full stop before a capital.
# The pattern reads the first character of the break and then looks back at it, so that
# the search can skip to the characters a break starts with.
_JOINS = r"(?:and|but|while|whilst|whereupon)"
_CLAUSE = re.compile(
    rf"[\s;,.!?](?:(?<=;)\s*(?:{_JOINS}\s+)?|(?<=\s)\s*;\s*(?:{_JOINS}\s+)?"  # ; and
    r"|(?<=,)\s+(?:and|but|while|whilst|whereupon|for)\s+"  # , and
    r"|(?<=\s)\s*(?:and|but|while|whilst|whereupon|for)\s+"  # and
    r"|(?<=,)\s+(?=who\s)"  # , who
    rf"|(?<=[.!?])(?<!\bMr.)(?<!\bMrs.)(?<!\bDr.)(?<!\bSt.)(?<!\bMs.)\s+(?=[{UPPER}]))")  # . The
_WORD = re.compile(rf"[{LETTER}]+")
_PRONOUNS = frozenset(SUBJECT_PRONOUNS)
_DETERMINERS = frozenset("the a an her his their my our its".split())
_HONORIFICS = frozenset(HONORIFICS)
# Words that open a clause before its subject: "and, as May exclaimed", "Then she said".
_OPENERS = frozenset("then here there now presently so at when as after before once still "
                     "again suddenly meanwhile yet thus hence but and or upon".split())
# Marks on a speaker named by a description: "the earnest girl" (a sex at most), "the Jew"
# (a name only beside another such: "the King" is not "the Gryphon", but may be "Fagin").
_DESCRIBED, _TITLED = "#described", "#titled"
_MARKS = frozenset([_DESCRIBED, _TITLED])
_NEGATIONS = frozenset("not never nothing no".split())
_AUXILIARIES = frozenset("had has have was then only again now presently also at once just "
                         "instantly immediately quickly".split())
# Verbs that take "to" and another verb, saying nothing yet: "began to think".
_ONSETS = frozenset(["began", "begin", "begins", "beginning", "ventured", "venture", "continued",
                     "continue", "proceeded", "proceed", "persisted", "went"])
_REACH = 8  # a clause's speech verb comes within this many words of its start
_TAG_REACH = 2  # and a tag's, right after its quotation: "said Mrs. Sparsit", "the old man said"
_LEADS = frozenset(",:;-\u2014")  # narration ending so leads into the quotation after it


def speaker_words(clause: str, shaped: bool = False,
                  reach: int = _REACH) -> tuple[bool, frozenset[str] | None]:
    """Whether the clause says a line, and who says it, as lower-cased words ("she",
    "gryphon", "mrs sparsit"; None when its subject is not plain or not in the clause:
    "and answered").  ``shaped``: a past-tense verb next to its subject will do ("he argued")."""
    matches = _WORD.finditer(clause)
    first = next(matches, None)
    while first is not None and first.group().lower() in _OPENERS:
        first = next(matches, None)
    # Only the first words are read: the verb within ``reach``, the word after it, and a
    # phrase of five after a verb that opens the clause.
    more = islice(matches, max(reach + 1, 5))
    found = [] if first is None else [(m.group(), m.end()) for m in chain([first], more)]
    words = [w for w, _ in found]
    low = [w.lower() for w in words]
    verb = next((i for i, w in enumerate(low[:reach + 1]) if w in SAYING
                 or (shaped and i <= 1 and w.endswith("ed"))), None)
    follows = low[verb + 1:verb + 2] if verb is not None else []
    if verb is None or _NEGATIONS.intersection(low[:verb]) or follows == ["that"] or (
            follows == ["to"] and low[verb] in _ONSETS):
        return False, None  # "could not answer", "replied that it was", "began to think"
    if verb == 0:
        return True, _phrase(words[1:6])[0]
    who, size = _phrase(words[:verb])
    between = low[size:verb]
    if who and between and not clause[found[size - 1][1]:].startswith(","):
        if not all(w in _AUXILIARIES or w.endswith("ly") for w in between):
            return True, None  # "as she turned a frown on him he added": not plain
    return True, who


def _phrase(words: list[str]) -> tuple[frozenset[str] | None, int]:
    """The person the words start with ("she", "the Gryphon", "Mrs. van der Luyden"), and
    how many words name them."""
    if not words:
        return None, 0
    head = words[0].lower()
    if head in _PRONOUNS:
        return frozenset([head]), 1
    if head in _DETERMINERS:  # "the Gryphon", "an old Crab"; "her mother" only says a sex
        size = 1
        while size < min(len(words), 4) and words[size].lower() not in SAYING:
            size += 1
        rest = words[1:size]
        named = [w.lower() for w in rest if w[0].isupper()]
        marker = _TITLED if named else _DESCRIBED
        return (frozenset([marker, *(named or [w.lower() for w in rest])]) if rest else None), size
    if not words[0][0].isupper() or head in _OPENERS:
        return None, 0
    run = []
    for w in words:
        if not (w[0].isupper() or w in PARTICLES):
            break
        run.append(w.lower())
    named = frozenset(run) - PARTICLES
    return (named if named - _HONORIFICS else None), len(run)


def _spoken_to(clause: str, speaker: frozenset[str], other: frozenset[str]) -> bool:
    """Does the clause of ``speaker`` name ``other`` ("she asked the Gryphon")?"""
    names = other - speaker - _PRONOUNS - _HONORIFICS - _MARKS
    return bool(names) and bool(names & {w.lower() for w in _WORD.findall(clause)})


def _gender(words: frozenset[str]) -> str | None:
    found = set()
    for w in words:
        sex = (SUBJECT_PRONOUNS.get(w) or HONORIFICS.get(w) or noun_gender(w)
               or census_sex(w.capitalize()))
        if sex:
            found.add(sex)
    return found.pop() if len(found) == 1 else None


def _differ(a: frozenset[str] | None, b: frozenset[str] | None, one_clause: bool = False) -> bool:
    """Are ``a`` and ``b`` two people?  ``one_clause``: both speak in one stretch of
    narration, where "the White Rabbit" beside "Alice" is someone else."""
    if not a or not b:
        return False
    plain_a, plain_b = a - _MARKS, b - _MARKS
    names_a, names_b = plain_a - _PRONOUNS - _HONORIFICS, plain_b - _PRONOUNS - _HONORIFICS
    comparable = _DESCRIBED not in a | b and (one_clause or (_TITLED in a) == (_TITLED in b))
    if names_a and names_b and comparable:
        return not (names_a & names_b)
    if plain_a <= _PRONOUNS and plain_b <= _PRONOUNS:
        return plain_a != plain_b  # "he" and "she"
    sex_a, sex_b = _gender(plain_a), _gender(plain_b)
    return bool(sex_a and sex_b and sex_a != sex_b)


def _speakers(gap: str) -> list[tuple[str, frozenset[str] | None]]:
    """Each clause of the narration, with who it says is speaking (None: no one, or unclear)."""
    clauses = [c for c in _CLAUSE.split(gap) if c and c.strip()]
    out: list[tuple[str, frozenset[str] | None]] = []
    for k, clause in enumerate(clauses):
        says, who = speaker_words(clause, shaped=k == 0)
        if says and who is None and k:
            if clause.lstrip().startswith("who "):  # "he said to Hamidullah; who replied"
                names = [w for w in _WORD.findall(clauses[k - 1]) if w[0].isupper()]
                who = frozenset([names[-1].lower()]) if names else None
            else:  # "she looked at him, and answered:"
                who = _phrase(_WORD.findall(clauses[k - 1]))[0]
        out.append((clause, who if says else None))
    return out


def hands_over(gap: str, earlier_tag: str | None, after: str | None) -> bool:
    """Does the narration ``gap`` between two quoted pieces give the second to someone else?

    ``earlier_tag``: the narration before the first piece, when that too broke one line;
    ``after``: the narration right after the second piece (None when it does not close).
    """
    speakers = _speakers(gap)
    said = [(clause, who) for clause, who in speakers if who]
    if len(said) >= 2 and gap.rstrip()[-1:] in _LEADS:
        (clause, first), (_, last) = said[0], said[-1]
        if _differ(first, last, one_clause=True) or _spoken_to(clause, first, last):
            return True  # "he argued; and she answered:", "she asked the Gryphon, and the Gryphon"
    # a clause after the first was read as speaker_words(clause) reads it; the first, which
    # may take a bare past tense ("he argued"), is read again without
    speaker = next((who for k, (clause, who) in enumerate(speakers)
                    if who and (k or speaker_words(clause)[0])), None)
    if speaker is None:
        return False
    if earlier_tag is not None:
        earlier = next((who for _, who in _speakers(earlier_tag) if who), None)
        if _differ(earlier, speaker):
            return True  # "cried Charles, "...--" Mary interrupted him."
    if after is not None:
        _, own = speaker_words(after, reach=_TAG_REACH)
        return _differ(speaker, own)  # "said Mr. Bounderby.  "Really, sir?" said Mrs. Sparsit"
    return False
