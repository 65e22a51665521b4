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
from dataclasses import dataclass
from itertools import chain, repeat
from operator import mul

WORD = re.compile(r"[a-z]+(?:['\u2019][a-z]+)?")
# words of the story's dialogue a character's own words are mixed with: a strong pull,
# as most characters have few lines (three-fold cross-validation chose it over 300 and 10000)
SMOOTHING = 3000
SCALE = 2.0  # log-likelihood ratio that counts as a strong likeness


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
    # character -> word -> log(1 + k / (SMOOTHING * share)) for a word said k times
    gain: dict[str, dict[str, float]]


def learn_voices(text: str, quotes, credited: list[str | None],
                 known: Voices | None = None) -> Voices:
    """The words of each character's lines (``credited[i]`` says quote i), reusing the
    words and dialogue shares of ``known`` when given."""
    if known is not None and known.by == credited:
        return known
    if known is None:
        said = [WORD.findall(q.text(text).lower()) for q in quotes]
        words = [Counter(w) for w in said]
        keys = [tuple(w) for w in words]
        counts = [tuple(w.values()) for w in words]
        lengths = list(map(len, said))
        everything = Counter(chain.from_iterable(said))
        total = sum(everything.values()) + len(everything) + 1  # each word seen once more
        background = {w: (n + 1) / total for w, n in everything.items()}
    else:
        said, keys, counts, lengths = known.said, known.keys, known.counts, known.lengths
        background = known.background
    theirs: dict[str, list[list[str]]] = {}
    for line, who in zip(said, credited):
        if who:
            theirs.setdefault(who, []).append(line)
    own = {c: Counter(chain.from_iterable(lines)) for c, lines in theirs.items()}
    gain = {c: {w: math.log1p(k / (SMOOTHING * background[w])) for w, k in mine.items()}
            for c, mine in own.items()}
    return Voices(said, keys, counts, lengths, background, list(credited), own,
                  {c: sum(mine.values()) for c, mine in own.items()}, gain)


def likeness(voices: Voices, i: int, cands: list[str]) -> dict[str, float]:
    """Per candidate, how much more the words of quote i sound like them than like anyone,
    in [-1, 1]; the quote's own words are left out of its credited speaker's.

    The log-likelihood ratio of the line, the sum of n * log((k + S * share) / (N + S) /
    share) over its words (n times in the line, k in the candidate's N words, S the
    smoothing), is the line's length times log(S / (N + S)) plus, for each word the
    candidate has said, n * log(1 + k / (S * share)).
    """
    keys, counts, length = voices.keys[i], voices.counts[i], voices.lengths[i]
    if not length:
        return {}
    out: dict[str, float] = {}
    for c in cands:
        gain = voices.gain.get(c)
        if gain is None:
            continue
        total = voices.own_total[c]
        if voices.by[i] == c:  # without this line's own words
            total -= length
            mine, bg = voices.own[c], voices.background
            llr = sum(n * math.log1p((mine[w] - n) / (SMOOTHING * bg[w]))
                      for w, n in zip(keys, counts))
        else:
            llr = sum(map(mul, counts, map(gain.get, keys, repeat(0.0))))
        llr += length * math.log(SMOOTHING / (total + SMOOTHING))
        out[c] = math.tanh(llr / SCALE)
    return out
