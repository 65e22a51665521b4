"""Speakers and addressees: tags first, then the turns of the conversation.

Each quote is scored against the characters in its scene.  Quotes with a tag that names
a character are anchors; the others are decided in text order from the tag's pronoun,
the narration around them, vocatives, and who spoke one and two turns before.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from ..document import Document
from ..spans import Character, Mention, Quote
from . import stage
from .scene import Scene
from .tags import Tag

MALE_NOUNS = frozenset("man gentleman boy father husband brother son uncle sir lord king "
                       "prince fellow lad gentlemen jew doctor old-man grandfather nephew".split())
FEMALE_NOUNS = frozenset("woman lady girl mother wife sister daughter aunt madam queen "
                         "princess maid widow grandmother niece mistress".split())
CONVERSATION_GAP = 3  # paragraphs between quotes before a conversation is over
ANCHOR = 10.0


@dataclass
class Context:
    """What the speaker stage knows about one document."""

    doc: Document
    scene: Scene
    by_name: dict[str, str]  # alias (lower-case) -> character id
    chars: dict[str, Character]
    vocatives: dict[int, list[str]] = field(default_factory=dict)  # quote index -> ids
    named_in: dict[int, set[str]] = field(default_factory=dict)  # quote index -> ids named
    narrator: str | None = None


def build_context(doc: Document) -> Context:
    chars = {c.id: c for c in doc.characters}
    by_name: dict[str, str] = {}
    for c in doc.characters:
        for alias in c.aliases:
            by_name.setdefault(" ".join(alias.lower().split()), c.id)
    vocatives: dict[int, list[str]] = {}
    named_in: dict[int, set[str]] = {}
    for m in doc.mentions:
        i = m.attrs.get("quote")
        if m.character and i is not None:
            if m.kind == "vocative":
                vocatives.setdefault(i, []).append(m.character)
            elif m.kind == "name":
                named_in.setdefault(i, set()).add(m.character)
    narrator = next((c.id for c in doc.characters if c.narrator), None)
    return Context(doc, Scene.of(doc), by_name, chars, vocatives, named_in, narrator)


def resolve_name(ctx: Context, tag: Tag) -> str | None:
    """The character a tag's name refers to: by the mention at its place, else by alias."""
    for m in ctx.scene.between(tag.start, tag.end + 1):
        if m.kind == "name":
            return m.character
    key = " ".join(tag.text.lower().split())
    return ctx.by_name.get(key) or ctx.by_name.get(key.split()[-1])


def description_gender(tag: Tag) -> str | None:
    head = tag.text.lower().split()[-1]
    if head in MALE_NOUNS:
        return "male"
    if head in FEMALE_NOUNS:
        return "female"
    return None


def tag_gender(tag: Tag) -> str | None:
    return tag.gender if tag.kind == "pronoun" else description_gender(tag)


def scene_candidates(ctx: Context, quotes: list[Quote], i: int, speakers: list[str | None]) -> dict[str, float]:
    """Characters present around quote i, scored by how recently the narration named them."""
    doc = ctx.doc
    paras = doc.paragraphs
    q = quotes[i]
    first_para = max(0, q.paragraph - CONVERSATION_GAP)
    since = paras[first_para].start if paras else 0
    scores: dict[str, float] = {}
    for rank, m in enumerate(ctx.scene.before(q.start, since)):
        scores.setdefault(m.character, 1.5 / (1 + 0.5 * rank))
    for j in range(i - 1, max(-1, i - 5), -1):
        if speakers[j] and quotes[j].paragraph >= first_para:
            scores[speakers[j]] = scores.get(speakers[j], 0) + 0.5
    if ctx.narrator:
        scores.setdefault(ctx.narrator, 0.0)
    return scores


def paragraph_subject(ctx: Context, q: Quote) -> str | None:
    """The first character named in the narration of the quote's own paragraph before it."""
    paras = ctx.doc.paragraphs
    if not (0 <= q.paragraph < len(paras)):
        return None
    found = ctx.scene.between(paras[q.paragraph].start, q.start)
    return found[0].character if found else None


def closing_subject(ctx: Context, quotes: list[Quote], i: int) -> str | None:
    """Who the previous paragraph ends on, when it ends in narration ("Then he spoke again.")."""
    paras = ctx.doc.paragraphs
    p = quotes[i].paragraph - 1
    if p < 0 or (i > 0 and quotes[i - 1].paragraph == p and
                 ctx.doc.text[quotes[i - 1].end:paras[p].end].count(" ") < 3):
        return None
    text = ctx.doc.text
    end = paras[p].end
    cut = max(text.rfind(". ", paras[p].start, end - 2), text.rfind("\n", paras[p].start, end - 2))
    start = cut + 1 if cut >= 0 else paras[p].start
    if i > 0 and quotes[i - 1].end > start:
        start = quotes[i - 1].end
    found = ctx.scene.between(start, end)
    return found[0].character if found else None


def next_paragraph_newcomer(ctx: Context, quotes: list[Quote], i: int) -> str | None:
    """A voice heard before it is seen: the first character named right after a lone opening quote."""
    paras = ctx.doc.paragraphs
    q = quotes[i]
    if q.paragraph + 1 >= len(paras):
        return None
    nxt = paras[q.paragraph + 1]
    if i + 1 < len(quotes) and quotes[i + 1].start < nxt.end and quotes[i + 1].paragraph == q.paragraph + 1:
        return None
    since = paras[max(0, q.paragraph - CONVERSATION_GAP)].start
    recent = {m.character for m in ctx.scene.before(q.start, since)}
    for m in ctx.scene.between(nxt.start, nxt.end):
        if m.character not in recent:
            return m.character
    return None


def _in_conversation(quotes: list[Quote], i: int, j: int) -> bool:
    return 0 <= j < len(quotes) and abs(quotes[i].paragraph - quotes[j].paragraph) <= CONVERSATION_GAP


def score_quote(ctx: Context, quotes: list[Quote], tags: list[Tag | None], i: int,
                speakers: list[str | None], anchors: list[str | None]) -> dict[str, float]:
    """Score every candidate speaker of quote i (higher is likelier)."""
    q, tag = quotes[i], tags[i]
    scores = scene_candidates(ctx, quotes, i, speakers)
    prev, prev2 = i - 1, i - 2
    same_para = _in_conversation(quotes, i, prev) and quotes[prev].paragraph == q.paragraph
    for c in ctx.vocatives.get(i, []):
        scores[c] = scores.get(c, 0) - 5.0  # nobody names themselves when speaking
    if same_para and speakers[prev]:
        scores[speakers[prev]] = scores.get(speakers[prev], 0) + 4.0
    elif _in_conversation(quotes, i, prev):
        if speakers[prev]:
            scores[speakers[prev]] = scores.get(speakers[prev], 0) - 2.5
        for c in ctx.vocatives.get(prev, []):
            scores[c] = scores.get(c, 0) + 2.5
        if _in_conversation(quotes, i, prev2) and speakers[prev2] and speakers[prev2] != speakers[prev]:
            scores[speakers[prev2]] = scores.get(speakers[prev2], 0) + 2.0
    elif (newcomer := next_paragraph_newcomer(ctx, quotes, i)) is not None:
        scores[newcomer] = scores.get(newcomer, 0) + 3.0
    subject = paragraph_subject(ctx, q)
    if subject:
        scores[subject] = scores.get(subject, 0) + 2.5
    elif not same_para and (closer := closing_subject(ctx, quotes, i)) is not None:
        scores[closer] = scores.get(closer, 0) + 2.0
    nxt, nxt2 = i + 1, i + 2
    if _in_conversation(quotes, i, nxt) and quotes[nxt].paragraph == q.paragraph and anchors[nxt]:
        scores[anchors[nxt]] = scores.get(anchors[nxt], 0) + 3.0
    elif _in_conversation(quotes, i, nxt) and anchors[nxt]:
        scores[anchors[nxt]] = scores.get(anchors[nxt], 0) - 2.0
        if _in_conversation(quotes, i, nxt2) and anchors[nxt2] and anchors[nxt2] != anchors[nxt]:
            scores[anchors[nxt2]] = scores.get(anchors[nxt2], 0) + 1.0
    if tag is not None and tag.kind != "name":
        _score_pronoun(ctx, q, tag, scores)
    return scores


def _score_pronoun(ctx: Context, q: Quote, tag: Tag, scores: dict[str, float]) -> None:
    gender = tag_gender(tag)
    if gender == "narrator" and ctx.narrator:
        scores[ctx.narrator] = scores.get(ctx.narrator, 0) + ANCHOR
        return
    if gender not in ("male", "female"):
        return
    paras = ctx.doc.paragraphs
    since = paras[max(0, q.paragraph - 1)].start
    rank = 0
    for m in ctx.scene.before(min(tag.start, q.start) if tag.position == "before" else tag.start, since):
        if ctx.chars[m.character].gender == gender and rank < 2 and m.character in scores:
            scores[m.character] += 1.5 / (1 + rank)
            rank += 1
    for c in list(scores):
        g = ctx.chars[c].gender
        if g == gender:
            scores[c] += 2.0
        elif g in ("male", "female"):
            scores[c] -= 4.0


def confidence(scores: dict[str, float], best: str) -> float:
    top = max(scores.values())
    total = sum(math.exp(s - top) for s in scores.values())
    return math.exp(scores[best] - top) / total


def anchor_speakers(ctx: Context, tags: list[Tag | None]) -> list[str | None]:
    anchors: list[str | None] = []
    for tag in tags:
        who = None
        if tag is not None and tag.kind == "name":
            who = resolve_name(ctx, tag)
        elif tag is not None and tag.kind == "pronoun" and tag.gender == "narrator":
            who = ctx.narrator
        anchors.append(who)
    return anchors


def attribute(ctx: Context) -> None:
    """Fill in speaker, type and confidence of every quote."""
    quotes = ctx.doc.quotes
    tags = ctx.doc.layer("tags")
    anchors = anchor_speakers(ctx, tags)
    speakers: list[str | None] = list(anchors)
    for i, q in enumerate(quotes):
        tag = tags[i]
        q.type = "implicit" if tag is None else "explicit" if tag.kind == "name" else "anaphoric"
        if anchors[i] is not None:
            q.speaker, q.confidence = anchors[i], 0.97 if tag.position != "before" else 0.93
            continue
        scores = score_quote(ctx, quotes, tags, i, speakers, anchors)
        if not scores:
            q.speaker, q.confidence = None, 0.0
            continue
        best = max(scores, key=lambda c: (scores[c], -int(c[1:])))
        speakers[i] = best
        q.speaker, q.confidence = best, confidence(scores, best)
    # Second reading: a quote whose own paragraph goes on to a tagged quote takes that speaker.
    for i, q in enumerate(quotes):
        if anchors[i] is None and tags[i] is not None:
            anchors[i] = speakers[i]
    for i, q in enumerate(quotes):
        if tags[i] is None and i + 1 < len(quotes) and quotes[i + 1].paragraph == q.paragraph \
                and anchors[i + 1] is not None:
            scores = score_quote(ctx, quotes, tags, i, speakers, anchors)
            best = max(scores, key=lambda c: (scores[c], -int(c[1:])))
            speakers[i] = best
            q.speaker, q.confidence = best, confidence(scores, best)


def addressees(ctx: Context) -> None:
    """Vocatives first; else the one who spoke just before, or just after, in the conversation."""
    quotes = ctx.doc.quotes
    for i, q in enumerate(quotes):
        found = [c for c in ctx.vocatives.get(i, []) if c != q.speaker]
        named = ctx.named_in.get(i, set())  # spoken of in the third person: not spoken to
        for j in _turns_around(quotes, i):
            other = quotes[j].speaker
            if other and other != q.speaker and other not in found and other not in named:
                found.append(other)
                break
        q.addressees = list(dict.fromkeys(found))


def _turns_around(quotes: list[Quote], i: int) -> list[int]:
    """Neighbouring quotes in other paragraphs of the same conversation: before, then after."""
    out = []
    for j in (i - 1, i - 2, i + 1, i + 2):
        if _in_conversation(quotes, i, j) and quotes[j].paragraph != quotes[i].paragraph:
            out.append(j)
    return out
