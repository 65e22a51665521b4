"""Decoding a whole conversation at once: a beam over who speaks each turn.

Choosing each quote's speaker greedily lets one early mistake run down a conversation (the
alternation features then point at the wrong person).  The beam keeps several histories
and scores each next quote under each of them, so a later explicit tag can still rescue
the untagged turns before it.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from ..models.speaker import SpeakerModel, softmax
from .context import CONVERSATION_GAP, Context, count_descriptions, learn_kin_calls
from .features import INDEX, PAST_CONJOINED, candidates, past_evidence, quote_features
from .voice import learn_voices

BEAM_WIDTH = 4
PAST_REACH = 6  # how far back past_evidence looks


@dataclass(slots=True)
class History:
    """One way the conversation so far could have gone, as a chain back to its start."""

    logp: float
    speaker: str | None
    parent: "History | None"
    confidence: float
    turns: dict[str, int]

    def last(self, n: int) -> list[str | None]:
        """The last ``n`` speakers, latest first (None before the story's first quote)."""
        out: list[str | None] = []
        h: History | None = self
        while len(out) < n:
            out.append(h.speaker if h is not None else None)
            h = h.parent if h is not None else None
        return out

    def signature(self) -> tuple:
        return tuple(self.last(3))


def beam_reading(ctx: Context, model: SpeakerModel, anchors: list[str | None],
                 first: list[str | None], width: int = BEAM_WIDTH
                 ) -> list[tuple[str | None, float]]:
    """The likeliest speaker of every quote, with the chosen history's confidence in it."""
    quotes = ctx.doc.quotes
    tags = ctx.doc.layer("tags")
    known = [a or f for a, f in zip(anchors, first)]
    learn_from_guesses(ctx, known)
    weights = model.second
    beams = [History(0.0, None, None, 0.0, {})]
    for i in range(len(quotes)):
        new_conversation = i == 0 or quotes[i].paragraph - quotes[i - 1].paragraph > CONVERSATION_GAP
        cands = candidates(ctx, i, known)
        if not cands:
            beams = [History(h.logp, None, h, 0.0, {} if new_conversation else h.turns)
                     for h in beams]
            continue
        vecs = quote_features(ctx, i, cands, known, past=False)
        base = model.scores(vecs, second=True)
        pos = {c: k for k, c in enumerate(cands)}
        extended: list[History] = []
        for h in beams:
            turns = {} if new_conversation else h.turns
            last = h.last(PAST_REACH)
            probs = _given_past(quotes, tags[i] is None, weights, i, base, vecs, pos,
                                lambda j: last[i - 1 - j], turns)
            if anchors[i] in pos:
                options = [pos[anchors[i]]]
            else:  # no history keeps more than ``width`` of its own extensions
                options = sorted(range(len(cands)), key=probs.__getitem__, reverse=True)[:width]
            for k in options:
                who = cands[k]
                grown = dict(turns)
                grown[who] = grown.get(who, 0) + 1
                extended.append(History(h.logp + math.log(max(probs[k], 1e-9)), who, h,
                                        probs[k], grown))
        beams = _best(extended, width)
    return _backtrack(beams[0], len(quotes))


def learn_from_guesses(ctx: Context, known: list[str | None]) -> None:
    """What the second reading learns from the speakers known so far (the tags', else the
    first reading's): who each description stands for, whom "papa" calls, how each
    character talks."""
    count_descriptions(ctx, known)
    learn_kin_calls(ctx, known)
    ctx.voices = learn_voices(ctx.doc.text, ctx.doc.quotes, known, ctx.voices)


def _given_past(quotes, implicit: bool, weights, i: int, base: list[float], vecs, pos,
                speaker_of, turns: dict[str, int]) -> list[float]:
    """The candidates' probabilities once the speakers before quote i are known."""
    scores = list(base)
    for c, name, value in past_evidence(quotes, i, implicit, speaker_of, turns):
        if c in pos:
            k = pos[c]
            scores[k] += weights[INDEX[name]] * value
            for flag, conjoined in PAST_CONJOINED.get(name, ()):
                if vecs[k][flag]:
                    scores[k] += weights[conjoined] * value
    return softmax(scores)


def path_logprobs(ctx: Context, model: SpeakerModel, known: list[str | None],
                  path: list[str | None]) -> list[float | None]:
    """The second reading's log-probability of each speaker of ``path``, each quote scored
    knowing the path's speakers before it (None where the speaker is no candidate): what
    the beam weighs when it compares whole histories."""
    quotes = ctx.doc.quotes
    tags = ctx.doc.layer("tags")
    out: list[float | None] = []
    turns: dict[str, int] = {}
    for i in range(len(quotes)):
        if i == 0 or quotes[i].paragraph - quotes[i - 1].paragraph > CONVERSATION_GAP:
            turns = {}
        cands = candidates(ctx, i, known)
        if path[i] in cands:
            vecs = quote_features(ctx, i, cands, known, past=False)
            pos = {c: k for k, c in enumerate(cands)}
            probs = _given_past(quotes, tags[i] is None, model.second, i,
                                model.scores(vecs, second=True), vecs, pos, path.__getitem__,
                                turns)
            out.append(math.log(max(probs[pos[path[i]]], 1e-9)))
        else:
            out.append(None)
        if path[i]:
            turns[path[i]] = turns.get(path[i], 0) + 1
    return out


def _best(histories: list[History], width: int) -> list[History]:
    histories.sort(key=lambda h: -h.logp)
    kept, seen = [], set()
    for h in histories:
        sig = h.signature()
        if sig not in seen:
            seen.add(sig)
            kept.append(h)
            if len(kept) == width:
                break
    return kept


def _backtrack(h: History, n: int) -> list[tuple[str | None, float]]:
    out: list[tuple[str | None, float]] = []
    while h is not None and len(out) < n:
        out.append((h.speaker, h.confidence))
        h = h.parent
    return out[::-1]
