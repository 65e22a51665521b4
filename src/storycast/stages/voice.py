"""How each character talks: the words of the lines credited to them.

Mrs. Bennet says "Mr. Bennet" and "nerves", Mr. Collins "my dear cousin"; a character's
own words tell which candidate an untagged line sounds like.  The first reading learns
them from the lines the story tags outright, the second from the first reading's
speakers too.  The score is the log-likelihood ratio of the line's words under the
candidate's words (smoothed towards all the story's dialogue) against all the story's
dialogue, so a character with few lines scores near zero.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import chain
from operator import itemgetter, mul, sub, truediv

WORD = re.compile(r"[a-z]+(?:['\u2019][a-z]+)?")
# words of the story's dialogue a character's own words are mixed with: a strong pull,
# as most characters have few lines (three-fold cross-validation chose it over 300 and 10000)
SMOOTHING = 3000
SCALE = 2.0  # log-likelihood ratio that counts as a strong likeness
# every byte but a letter, an apostrophe and the two marks that stand in for a curly
# apostrophe and for the end of a line, made a space (see said_words)
_SPACES = bytes(c if c in b"abcdefghijklmnopqrstuvwxyz'\x01\x02" else 32 for c in range(256))


def said_words(lines: list[str]) -> list[list[str]]:
    """The WORDs of each line, lower-cased: all the lines at once, their bytes outside
    a to z and apostrophes made spaces and split, so the pattern is needed only for the
    few words with an apostrophe ("don't" is one word, "'tis" is "tis")."""
    joined = "\x02".join(lines).lower()
    if "\x01" in joined or joined.count("\x02") != len(lines) - 1:
        return [WORD.findall(line.lower()) for line in lines]
    flat = (joined.replace("\u2019", "\x01").encode("ascii", "replace").translate(_SPACES)
            .decode("ascii"))
    out = []
    for part in flat.split("\x02"):
        words = part.split()
        if "'" in part or "\x01" in part:
            words = [w for word in words for w in (
                WORD.findall(word.replace("\x01", "\u2019")) if "'" in word or "\x01" in word
                else (word,))]
        out.append(words)
    return out


@dataclass
class Voices:
    said: list[list[str]]  # per quote: its words, in order
    keys: list[tuple[str, ...]]  # per quote: the words it uses
    counts: list[tuple[int, ...]]  # per quote: how often it uses each
    lengths: list[int]  # per quote: how many words it has
    background: dict[str, float]  # word -> its share of the story's dialogue
    by: list[str | None]  # who each line is credited to
    own: dict[str, Counter]  # character -> the words of the lines credited to them
    own_total: dict[str, int]
    # By word number, for sums over a line's words at C speed: per quote, a picker of its
    # words' numbers and their counts, each with a last, empty slot that makes every
    # picker return a tuple; SMOOTHING * share by number; per character, made when first
    # asked for, log(1 + k / (SMOOTHING * share)) and k for each word said k times.
    picks: list[tuple[itemgetter, tuple[int, ...]]] = field(default_factory=list)
    scaled: list[float] = field(default_factory=list)
    by_number: dict[str, tuple[list[float], list[int], float]] = field(default_factory=dict)
    numbers: dict[str, int] = field(default_factory=dict)


def learn_voices(text: str, quotes, credited: list[str | None],
                 known: Voices | None = None) -> Voices:
    """The words of each character's lines (``credited[i]`` says quote i), reusing the
    words and dialogue shares of ``known`` when given."""
    if known is not None and known.by == credited:
        return known
    if known is None:
        said = said_words([q.text(text) for q in quotes])
        words = [Counter(w) for w in said]
        keys = [tuple(w) for w in words]
        counts = [tuple(w.values()) for w in words]
        lengths = list(map(len, said))
        everything = Counter(chain.from_iterable(said))
        total = sum(everything.values()) + len(everything) + 1  # each word seen once more
        background = {w: (n + 1) / total for w, n in everything.items()}
        numbers = {w: k for k, w in enumerate(background)}
        empty = len(numbers)
        picks = [(itemgetter(*[numbers[w] for w in ks], empty), cs + (0,))
                 for ks, cs in zip(keys, counts)]
        scaled = [SMOOTHING * share for share in background.values()] + [1.0]
    else:
        said, keys, counts, lengths = known.said, known.keys, known.counts, known.lengths
        background, numbers, picks, scaled = (known.background, known.numbers, known.picks,
                                              known.scaled)
    theirs: dict[str, list[list[str]]] = {}
    for line, who in zip(said, credited):
        if who:
            theirs.setdefault(who, []).append(line)
    own = {c: Counter(chain.from_iterable(lines)) for c, lines in theirs.items()}
    return Voices(said, keys, counts, lengths, background, list(credited), own,
                  {c: sum(mine.values()) for c, mine in own.items()}, picks, scaled,
                  numbers=numbers)


def _by_number(voices: Voices, c: str) -> tuple[list[float], list[int], float]:
    """Character c's gains and word counts, by word number, and log(S / (N + S)) for
    their N words; kept in ``voices.by_number``."""
    gains = [0.0] * len(voices.scaled)
    tallies = [0] * len(voices.scaled)
    numbers, scaled = voices.numbers, voices.scaled
    for w, k in voices.own[c].items():
        n = numbers[w]
        gains[n] = math.log1p(k / scaled[n])
        tallies[n] = k
    total = voices.own_total[c]
    found = voices.by_number[c] = (gains, tallies, math.log(SMOOTHING / (total + SMOOTHING)))
    return found


def likeness(voices: Voices, i: int, cands: list[str]) -> dict[str, float]:
    """Per candidate, how much more the words of quote i sound like them than like anyone,
    in [-1, 1]; the quote's own words are left out of its credited speaker's.

    The log-likelihood ratio of the line, the sum of n * log((k + S * share) / (N + S) /
    share) over its words (n times in the line, k in the candidate's N words, S the
    smoothing), is the line's length times log(S / (N + S)) plus, for each word the
    candidate has said, n * log(1 + k / (S * share)).
    """
    length = voices.lengths[i]
    if not length:
        return {}
    pick, counts = voices.picks[i]
    own = voices.by[i]
    out: dict[str, float] = {}
    for c in cands:
        found = voices.by_number.get(c)
        if found is None:
            if c not in voices.own:
                continue
            found = _by_number(voices, c)
        gains, tallies, shrink = found
        if c == own:  # without this line's own words
            total = voices.own_total[c] - length
            llr = sum(map(mul, counts, map(math.log1p, map(
                truediv, map(sub, pick(tallies), counts), pick(voices.scaled)))))
            llr += length * math.log(SMOOTHING / (total + SMOOTHING))
        else:
            llr = sum(map(mul, counts, pick(gains))) + length * shrink
        out[c] = math.tanh(llr / SCALE)
    return out
