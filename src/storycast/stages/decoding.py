"""Decoding a whole conversation at once: a beam over who speaks each turn.

Choosing each quote's speaker greedily lets one early mistake run down a conversation (the
alternation features then point at the wrong person).  The beam keeps several histories
and scores each next quote under each of them, so a later explicit tag can still rescue
the untagged turns before it.  A run of two people taking turns that the beam ends with
one of them speaking twice running is then told again with its parity swapped, and any
other run of two with one of the two swapped for another candidate, each telling seeing
its own turns ahead (settle_parity).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from ..models.speaker import Reading, SpeakerModel, softmax
from ..spans import Quote
from .context import CONVERSATION_GAP, Context, count_descriptions, learn_kin_calls, openings
from .features import (
    INDEX,
    PAST_CONJOINED,
    PAST_REACH,
    ahead_evidence,
    candidates,
    evidence_of,
    past_evidence,
    past_plan,
    quote_features,
)
from .tags import untagged
from .voice import learn_voices

BEAM_WIDTH = 4
# Beam passes.  The turn features of a quote look ahead as well as back ("the next speaker
# is the one this line called"), and ahead they can only see an earlier reading's guesses:
# the first pass sees the first reading's, the second the first pass's own.  In three-fold
# cross-validation by novel two passes scored 0.8244 and three 0.8246, against 0.8219.
PASSES = 2


@dataclass(slots=True)
class History:
    """One way the conversation so far could have gone, as a chain back to its start."""

    logp: float
    speaker: str | None
    parent: "History | None"
    confidence: float
    turns: dict[str, int]
    # the speakers of the last PAST_REACH quotes, latest first (None before the first)
    recent: tuple[str | None, ...] = (None,) * PAST_REACH

    def grown(self, speaker: str | None, logp: float, confidence: float,
              turns: dict[str, int]) -> "History":
        """This history with one more quote, said by ``speaker``."""
        return History(logp, speaker, self, confidence, turns, (speaker,) + self.recent[:-1])


def decode(ctx: Context, model: SpeakerModel, anchors: list[str | None],
           first: list[str | None], width: int = BEAM_WIDTH, passes: int = PASSES
           ) -> tuple[list[tuple[str | None, float]], list[str | None]]:
    """The beam read ``passes`` times, each pass seeing the speakers the one before decided
    for the quotes after each quote: the last pass's (speaker, confidence) per quote, and
    the guesses it was read with."""
    guesses, seen = first, None
    decided: list[tuple[str | None, float]] | None = None
    for _ in range(passes):
        before, seen = seen, guesses  # what the last pass saw, and what this one sees
        decided = beam_reading(ctx, model, anchors, seen, width, decided, before)
        guesses = [who for who, _ in decided]
    return decided, seen


def beam_reading(ctx: Context, model: SpeakerModel, anchors: list[str | None],
                 first: list[str | None], width: int = BEAM_WIDTH,
                 last: list[tuple[str | None, float]] | None = None,
                 last_seen: list[str | None] | None = None
                 ) -> list[tuple[str | None, float]]:
    """The likeliest speaker of every quote, with the chosen history's confidence in it;
    ``first`` gives the speakers guessed so far, who the quotes ahead are taken to be.

    Given the decisions of a ``last`` reading made seeing ``last_seen``, a conversation
    whose guesses are those it saw then keeps its decisions: its quotes would see what
    they saw before."""
    quotes = ctx.doc.quotes
    tags = ctx.doc.layer("tags")
    known = [a or f for a, f in zip(anchors, first)]
    learn_from_guesses(ctx, known)
    reading = model.reading(second=True)
    beams = [History(0.0, None, None, 0.0, {})]
    opens = openings(ctx)
    skip_to = 0
    ctx.beam_lines = {}
    for i in range(len(quotes)):
        if i < skip_to:
            continue
        new_conversation = opens[i] == i
        if new_conversation and last is not None and last_seen is not None:
            end = next((j for j in range(i + 1, len(quotes)) if opens[j] == j), len(quotes))
            if first[i:end] == last_seen[i:end]:
                h = beams[0]
                for j in range(i, end):
                    who, p = last[j]
                    h = h.grown(who, h.logp, p, {})
                beams, skip_to = [h], end
                continue
        cands = candidates(ctx, i, known)
        if cands and not new_conversation:
            # who spoke lately in some history is a candidate, though the first reading
            # gave their lines to others
            for h in beams:
                for c in h.recent:
                    if c is not None and c not in cands:
                        cands.append(c)
        if not cands:
            beams = [h.grown(None, h.logp, 0.0, {} if new_conversation else h.turns)
                     for h in beams]
            continue
        vecs = quote_features(ctx, i, cands, known, past=False)
        prepared = reading.prepare(vecs)
        # kept for the parity check, with the turns ahead the features were given
        ctx.beam_lines[i] = (cands, vecs, prepared, ahead_evidence(quotes, i, known))
        pos = {c: k for k, c in enumerate(cands)}
        plan = past_plan(quotes, i, untagged(tags[i]))
        extended: list[tuple[float, str, History, float, dict[str, int]]] = []
        turns_of = [{} if new_conversation else h.turns for h in beams]
        given = _given_past(reading, prepared, vecs, pos, [
            evidence_of(plan, h.recent, turns) for h, turns in zip(beams, turns_of)])
        for h, turns, probs in zip(beams, turns_of, given):
            if anchors[i] in pos:
                options = [pos[anchors[i]]]
            else:  # no history keeps more than ``width`` of its own extensions
                options = sorted(range(len(cands)), key=probs.__getitem__, reverse=True)[:width]
            for k in options:
                extended.append((h.logp + math.log(max(probs[k], 1e-9)), cands[k], h, probs[k],
                                 turns))
        beams = _best(extended, width)
    return _backtrack(beams[0], len(quotes))


def learn_from_guesses(ctx: Context, known: list[str | None]) -> None:
    """What the second reading learns from the speakers known so far (the tags', else the
    first reading's): who each description stands for, whom "papa" calls, how each
    character talks."""
    count_descriptions(ctx, known)
    learn_kin_calls(ctx, known)
    ctx.voices = learn_voices(ctx.doc.text, ctx.doc.quotes, known, ctx.voices)


# per feature: its index, and the (flag, conjoined feature) pairs it is conjoined in
_SLOTS = {name: (INDEX[name], PAST_CONJOINED.get(name, [])) for name in INDEX}


def _given_past(reading: Reading, prepared, vecs, pos, evidences) -> list[list[float]]:
    """The candidates' probabilities under each history, once the speakers before the
    quote are known (``evidences``: what each history's speakers say of it, by evidence_of;
    ``prepared``: the reading's start on the quote's candidates)."""
    additions = []
    for evidence in evidences:
        added = []
        for c, name, value in evidence:
            k = pos.get(c)
            if k is not None:
                index, conjunctions = _SLOTS[name]
                added.append((k, index, value))
                for flag, conjoined in conjunctions:
                    if vecs[k].get(flag):
                        added.append((k, conjoined, value))
        additions.append(added)
    return [softmax(scores) for scores in reading.given(prepared, additions)]


def path_logprobs(ctx: Context, model: SpeakerModel, known: list[str | None],
                  path: list[str | None]) -> list[float | None]:
    """The second reading's log-probability of each speaker of ``path``, each quote scored
    knowing the path's speakers before it (None where the speaker is no candidate): what
    the beam weighs when it compares whole histories."""
    quotes = ctx.doc.quotes
    tags = ctx.doc.layer("tags")
    reading = model.reading(second=True)
    out: list[float | None] = []
    turns: dict[str, int] = {}
    opens = openings(ctx)
    for i in range(len(quotes)):
        if opens[i] == i:
            turns = {}
        cands = candidates(ctx, i, known)
        if path[i] in cands:
            vecs = quote_features(ctx, i, cands, known, past=False)
            pos = {c: k for k, c in enumerate(cands)}
            evidence = past_evidence(quotes, i, untagged(tags[i]), path.__getitem__, turns)
            probs = _given_past(reading, reading.prepare(vecs), vecs, pos, [evidence])[0]
            out.append(math.log(max(probs[pos[path[i]]], 1e-9)))
        else:
            out.append(None)
        if path[i]:
            turns[path[i]] = turns.get(path[i], 0) + 1
    return out


def settle_parity(ctx: Context, model: SpeakerModel, anchors: list[str | None],
                  decided: list[tuple[str | None, float]]) -> list[tuple[str | None, float]]:
    """Where the beam has two people taking turns and one of them speaking twice running at
    an end of the run, the run told again: the double undone (when no tag names its
    speaker), and the parity swapped from each turn on and up to each turn.  A run of two
    with no double is told again with one of the two swapped for another candidate.  Each
    telling is scored seeing its own speakers ahead as well as behind, where the beam saw
    the turns ahead only as an earlier pass had them; the likeliest stays."""
    reading = model.reading(second=True)
    path = [who for who, _ in decided]
    out = list(decided)
    for lo, hi in list(_alternations(ctx, anchors, path)):
        tellings, lo, hi = _retellings(ctx, anchors, path, lo, hi)
        if len(tellings) < 2:
            continue
        totals, chosen = _scored(ctx, reading, tellings, lo, hi)
        best = max(range(len(tellings)), key=totals.__getitem__)
        if best:
            path = tellings[best]
            for k in range(lo, hi):
                if path[k] != out[k][0]:
                    out[k] = (path[k], chosen[best].get(k, out[k][1]))
    return out


def _alternations(ctx: Context, anchors: list[str | None], path: list[str | None]):
    """Runs (lo, hi) of quotes no tag or beat names, one to a paragraph, that the path gives
    to two people by turns."""
    quotes = ctx.doc.quotes
    i, n = 0, len(quotes)
    while i < n:
        j = i
        while (path[i] and not anchors[i] and j + 1 < n and path[j + 1] and not anchors[j + 1]
               and _next_turn(quotes, j, j + 1)
               and path[j + 1] != path[j] and (j + 1 - i < 2 or path[j + 1] == path[j - 1])):
            j += 1
        if j > i:
            yield i, j + 1
        i = j + 1


def _next_turn(quotes: list[Quote], a: int, b: int) -> bool:
    """Whether quote b, after quote a, is the next turn of its conversation: in a paragraph
    of its own, with at most one paragraph of narration between."""
    return 1 <= quotes[b].paragraph - quotes[a].paragraph <= CONVERSATION_GAP


def _retellings(ctx: Context, anchors: list[str | None], path: list[str | None], lo: int,
                hi: int) -> tuple[list[list[str | None]], int, int]:
    """The path, then the other ways of telling the run lo..hi-1 of two people taking turns
    (with someone else in place of one of them, when neither end has one of them speaking
    twice running), and the quotes they may change."""
    quotes = ctx.doc.quotes

    def doubled(a: int, b: int) -> bool:
        return 0 <= a and b < len(path) and path[a] == path[b] and _next_turn(quotes, a, b)

    before, after = doubled(lo - 1, lo), doubled(hi - 1, hi)
    if not (before or after):
        return [path] + _stand_ins(ctx, path, lo, hi), lo, hi
    x, y = path[lo], path[lo + 1]
    first = lo
    # the one speaking twice running, when no tag names them, may be the run's other
    if before and not anchors[lo - 1]:
        lo -= 1
    if after and not anchors[hi]:
        hi += 1
    turned = list(path)
    turned[lo:hi] = [x if (k - first) % 2 == 0 else y for k in range(lo, hi)]
    tellings = [path] + ([turned] if turned != path else [])
    for a, b in [(lo, t) for t in range(lo + 1, hi + 1)] + [(t, hi) for t in range(lo + 1, hi)]:
        telling = list(turned)
        telling[a:b] = [y if who == x else x for who in turned[a:b]]
        tellings.append(telling)
    return tellings, lo, hi


STAND_IN_RUN = 3  # the shortest run of two whose pair may be wrong
STAND_INS = 3  # the most people tried in place of either of the two


def _stand_ins(ctx: Context, path: list[str | None], lo: int, hi: int
               ) -> list[list[str | None]]:
    """The run lo..hi-1 of two people taking turns told with one of them swapped for
    another candidate of its lines, the first STAND_INS of them in the order the
    candidates come: the turns may alternate rightly between the wrong pair."""
    if hi - lo < STAND_IN_RUN:
        return []
    pair = (path[lo], path[lo + 1])
    others: list[str] = []
    for i in range(lo, hi):
        others += [c for c in candidates(ctx, i, path) if c not in pair and c not in others]
    tellings = []
    for stand_in in others[:STAND_INS]:
        for one in pair:
            telling = list(path)
            telling[lo:hi] = [stand_in if who == one else who for who in path[lo:hi]]
            tellings.append(telling)
    return tellings


SETTLE_AFTER = 3  # quotes after a run whose turn features its speakers still reach


def _scored(ctx: Context, reading: Reading, tellings: list[list[str | None]], lo: int, hi: int
            ) -> tuple[list[float], list[dict[int, float]]]:
    """Each telling's log-probability over the quotes its run reaches (two before it, a few
    after, in its conversation), each quote scored knowing the telling's speakers before
    and after it; and each telling's probability of its speaker of every quote."""
    quotes, tags = ctx.doc.quotes, ctx.doc.layer("tags")
    opens = openings(ctx)
    n = len(quotes)
    start, end = max(opens[lo], lo - 2), hi
    while end < min(n, hi + SETTLE_AFTER) and opens[end] != end:
        end += 1
    path = tellings[0]
    turns: list[dict[str, int]] = [{} for _ in tellings]
    for j in range(opens[lo], start):
        if path[j]:
            for count in turns:
                count[path[j]] = count.get(path[j], 0) + 1
    blank: list[str | None] = [None] * n  # the turns ahead come from each telling instead
    totals = [0.0] * len(tellings)
    chosen: list[dict[int, float]] = [{} for _ in tellings]
    for i in range(start, end):
        cands = candidates(ctx, i, path)
        # one a telling has speaking is a candidate, as one a history has is in the beam
        cands += [c for c in dict.fromkeys(t[i] for t in tellings) if c and c not in cands]
        kept = ctx.beam_lines.get(i)  # the beam's candidates, first, keep its features
        if kept is not None:
            cands = kept[0] + [c for c in cands if c not in kept[0]]
        if len(cands) > 1:
            if kept is not None and len(cands) == len(kept[0]):
                # the model's inputs are sums of features: the turns ahead the beam saw
                # are taken away as each telling's own are added
                vecs, prepared = kept[1], kept[2]
                undone = [(c, name, -value) for c, name, value in kept[3]]
            else:
                vecs = quote_features(ctx, i, cands, blank, past=False)
                prepared, undone = reading.prepare(vecs), []
            pos = {c: k for k, c in enumerate(cands)}
            plan = past_plan(quotes, i, untagged(tags[i]))
            # tellings alike around the quote, turns taken included, are scored once
            shared: dict[tuple, int] = {}
            evidences, which = [], []
            back = max(0, i - PAST_REACH)
            for t, count in zip(tellings, turns):
                key = (tuple(t[back:i + 3]), tuple(map(count.get, cands)))
                if key not in shared:
                    shared[key] = len(evidences)
                    recent = t[back:i][::-1] + [None] * (PAST_REACH - (i - back))
                    evidences.append(evidence_of(plan, recent, count)
                                     + ahead_evidence(quotes, i, t) + undone)
                which.append(shared[key])
            given = _given_past(reading, prepared, vecs, pos, evidences)
            for m, probs in enumerate(given[w] for w in which):
                k = pos.get(tellings[m][i])
                p = probs[k] if k is not None else 0.0
                totals[m] += math.log(max(p, 1e-9))
                chosen[m][i] = p
        for t, count in zip(tellings, turns):
            if t[i]:
                count[t[i]] = count.get(t[i], 0) + 1
    return totals, chosen


def _best(extended: list[tuple[float, str, History, float, dict[str, int]]], width: int
          ) -> list[History]:
    """The ``width`` likeliest of the histories grown by one quote, (log-probability,
    speaker, history grown, confidence, its turns before), no two ending in the same three
    speakers."""
    extended.sort(key=lambda e: -e[0])
    kept, seen = [], set()
    for logp, who, h, p, turns in extended:
        sig = (who,) + h.recent[:2]
        if sig not in seen:
            seen.add(sig)
            grown = dict(turns)
            grown[who] = grown.get(who, 0) + 1
            kept.append(h.grown(who, logp, p, grown))
            if len(kept) == width:
                break
    return kept


def _backtrack(h: History, n: int) -> list[tuple[str | None, float]]:
    out: list[tuple[str | None, float]] = []
    while h is not None and len(out) < n:
        out.append((h.speaker, h.confidence))
        h = h.parent
    return out[::-1]
