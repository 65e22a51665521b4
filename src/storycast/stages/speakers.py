"""Speakers and addressees.

Every quote's candidate speakers are scored by the speaker model (models/speaker.py) from
the features of stages/features.py, in two readings: the first knows only the tagged
speakers around each quote; the second (decoding.py) also the first reading's guesses and
the decisions before each quote, so a confident tag corrects the untagged turns around it.
"""
from __future__ import annotations

import re

from ..lexicon import head_noun
from ..models.speaker import SpeakerModel
from ..spans import Quote
from .context import (
    Context,
    beat_speaker,
    build_context,
    description_key,
    first_named,
    heard_newcomer,
    learn_kin_calls,
    listeners,
    resolve_name,
    tag_gender,
    told_of,
    turn_addressee,
)
from .decoding import decode, settle_parity
from .descriptions import ANYONE
from .features import candidates, quote_features
from .quotes import DOUBLE_MARKS, SINGLE_MARKS
from .tags import Tag, untagged
from .voice import learn_voices

_MARKS = DOUBLE_MARKS + SINGLE_MARKS
_IT_WAS = re.compile(r"\b[Ii]t(?: was|['\u2019]s| is)\s+$")
VOICE_REVEAL = 300  # characters into the paragraph after "said a voice" that may name its owner
EXPLICIT_CONFIDENCE = 0.95
# a beat's name is the speaker of the line after it some 85 times in 100 in the novels
BEAT_CONFIDENCE = 0.85
__all__ = ["attribute", "addressees", "anchor_speakers", "first_reading", "build_context"]


def stranger(ctx: Context, tag: Tag) -> str | None:
    """The character a description that says only what kind of person speaks ("said the old
    woman") is when it is a character of its own: a stranger the story never names
    (descriptions.py), who can be no one else."""
    key = description_key(tag)
    if key is None or head_noun(key) not in ANYONE:
        return None
    return ctx.by_name.get("the " + key)


def heard_voice(ctx: Context, i: int, tag: Tag) -> str | None:
    """"said a voice from the door", and the next paragraph says whose ("It was Tamsin,
    the quartermaster"): theirs is the voice (not the one who turns to look, "Oliver
    raised the candle ... It was Nancy.")."""
    key = description_key(tag)
    if key is None or head_noun(key) != "voice" or tag.text.split()[0].lower() not in ("a", "an"):
        return None  # "the same voice" is one heard before
    paras = ctx.doc.paragraphs
    k = ctx.doc.quotes[i].paragraph + 1
    if k >= len(paras):
        return None
    text = ctx.doc.text
    for m in ctx.scene.between(paras[k].start, min(paras[k].end, paras[k].start + VOICE_REVEAL)):
        if m.kind == "name" and _IT_WAS.search(text, max(paras[k].start, m.start - 10), m.start):
            return m.character
    return None


def anchor_speakers(ctx: Context, tags: list[Tag | None]) -> list[str | None]:
    """Speakers a tag names outright: "said Buffy", "I said" for the narrator, "said the old
    woman" for a stranger known by no other name, "he says" for the stranger the narration
    has just brought in (strangers.py); a line's own name when it introduces its
    speaker ("I'm Dev, by the way.", "My name is Oliver," he said); or, for an untagged
    line, a beat that names who acts just before it ("Sam put a hand on his chest. 'I would
    never.'"), or a voice heard before its owner is seen ("they heard a familiar voice." ...
    "they saw a smiling Harmony")."""
    anchors: list[str | None] = []
    for tag in tags:
        who = None
        own = ctx.self_named.get(len(anchors))  # "I'm Dev, by the way."
        if tag is not None and tag.kind == "name":
            who = resolve_name(ctx, tag)
        elif tag is not None and tag.kind == "pronoun" and tag.gender == "narrator":
            who = ctx.narrator
        elif tag is not None and tag.kind == "description":
            who = stranger(ctx, tag) or heard_voice(ctx, len(anchors), tag)
        elif tag is not None and tag.kind == "pronoun":
            who = ctx.strangers.get(tag.start)  # "A man in an orange vest ... he says"
            if not who and own and ctx.chars[own].gender in (tag_gender(tag, ctx), "unknown"):
                who = own  # "'My name is Oliver, sir,' he said"
        elif tag is None:
            who = own or beat_speaker(ctx, len(anchors)) or heard_newcomer(
                ctx, ctx.doc.quotes, len(anchors)) or ctx.strangers.get(
                ctx.doc.quotes[len(anchors)].start)  # "A man in a yellow shirt steps over"
        anchors.append(who)
    quotes = ctx.doc.quotes
    for i in range(len(anchors) - 2, -1, -1):
        # '"We're playing." Sam laid down a card. "Your move, Priya."': a line, a beat, then
        # the beat's line, all in one paragraph, are one speaker's
        if anchors[i] is None and tags[i] is None and anchors[i + 1] is not None \
                and untagged(tags[i + 1]) and quotes[i + 1].paragraph == quotes[i].paragraph:
            anchors[i] = anchors[i + 1]
    ctx.anchors = anchors
    learn_kin_calls(ctx, anchors)  # "papa" is whoever answers it, tagged
    ctx.cast_of = None  # the conversations' casts follow the tags
    ctx.voices = learn_voices(ctx.doc.text, ctx.doc.quotes, anchors, ctx.voices)
    return anchors


def first_reading(ctx: Context, model: SpeakerModel, anchors: list[str | None]) -> list[str | None]:
    """Each quote on its own, knowing only the tagged speakers around it.  A quote whose tag
    names its speaker is that speaker's: the model is not asked (every reading keeps it)."""
    ctx.descriptions = {}
    asked = [(i, cands) for i, anchor in enumerate(anchors) if not anchor
             for cands in [candidates(ctx, i, anchors)] if cands]
    # the quotes are independent of one another here, so the model scores them all at once
    scored = model.reading(second=False).scores_many(
        [quote_features(ctx, i, cands, anchors) for i, cands in asked])
    out = list(anchors)
    for (i, cands), scores in zip(asked, scored):
        out[i] = cands[max(range(len(cands)), key=scores.__getitem__)]
    return out


def sketch(ctx: Context, model: SpeakerModel) -> list[str | None]:
    """A quick first guess at every speaker (the tag's, else the first reading's), set on
    the quotes and returned."""
    anchors = anchor_speakers(ctx, ctx.doc.layer("tags"))
    first = first_reading(ctx, model, anchors)
    for q, anchor, guess in zip(ctx.doc.quotes, anchors, first):
        q.speaker = anchor or guess
    return first


_DASHES = ("\u2014", "\u2013", "-")
RESUME_REACH = 3  # quotes back that a broken-off line may be taken up from


def resumed_lines(text: str, quotes: list[Quote]) -> list[tuple[int, int]]:
    """(i, k): quote i takes up, after someone broke in, the line quote k broke off:
    "So he sat there with no gravy for the whole of the beef--" / "He was too polite to
    ask!" / "--the whole of the beef, and half the crumble".  In the novels a line opening
    with a dash after one that does not end with one goes on the last broken-off line
    within three quotes 6 times in 7."""
    out = []
    for i in range(1, len(quotes)):
        opening = text[slice(*quotes[i].spans[0])].lstrip(_MARKS + " ")
        if not opening.startswith(_DASHES) or _broken_off(text, quotes[i - 1]):
            continue
        for k in range(i - 2, max(-1, i - 1 - RESUME_REACH), -1):
            if quotes[i].paragraph - quotes[k].paragraph > RESUME_REACH:
                break
            if _broken_off(text, quotes[k]):
                out.append((i, k))
                break
    return out


def _broken_off(text: str, q: Quote) -> bool:
    return text[slice(*q.spans[-1])].rstrip(_MARKS + " ").endswith(_DASHES)


def attribute(ctx: Context, model: SpeakerModel, first: list[str | None] | None = None,
              anchors: list[str | None] | None = None) -> None:
    """Fill in speaker, type and confidence of every quote (``first``: a first reading
    done; ``anchors``: anchor_speakers done on this context, which it left as it found it)."""
    quotes = ctx.doc.quotes
    tags = ctx.doc.layer("tags")
    if anchors is None:
        anchors = anchor_speakers(ctx, tags)
    if first is None:
        first = first_reading(ctx, model, anchors)
    decided, _ = decode(ctx, model, anchors, first)
    decided = settle_parity(ctx, model, anchors, decided)
    for i, k in resumed_lines(ctx.doc.text, quotes):
        if anchors[i] is None and untagged(tags[i]):
            decided[i] = decided[k]
    for q, tag, anchor, (who, p) in zip(quotes, tags, anchors, decided):
        q.type = "implicit" if untagged(tag) else "explicit" if tag.kind == "name" else "anaphoric"
        if anchor is not None:  # a tag or a beat that names the speaker is not argued with
            sure = BEAT_CONFIDENCE if untagged(tag) else EXPLICIT_CONFIDENCE
            who, p = anchor, max(p, sure) if who == anchor else sure
        q.speaker, q.confidence = who, p


def addressees(ctx: Context) -> None:
    """Those a quote names as vocatives; else the one who spoke just before, or just after,
    in the conversation, then the others taking part in it nearby, who hear the line too."""
    quotes = ctx.doc.quotes
    for i, q in enumerate(quotes):
        found = [c for c in ctx.vocatives.get(i, []) + told_of(ctx)[i] if c != q.speaker]
        other = turn_addressee(quotes, i)
        if other and not found:
            found = [other]  # even if named in the line: "Miss Woodhouse looks as if ..."
        # of the others, one the quote speaks of in the third person is seldom spoken to
        spoken_of = ctx.named_in.get(i, set())
        found += [c for c in listeners(quotes, i) if c not in spoken_of and _present(ctx, i, c)]
        q.addressees = list(dict.fromkeys(found))


def _present(ctx: Context, i: int, c: str) -> bool:
    """Whether character c has come into the story by the end of quote i: someone who
    speaks later in the conversation and is first named, or first described, after the
    line has not heard it ("An old woman at the corner table", before her first words)."""
    return first_named(ctx).get(c, 0) < ctx.doc.quotes[i].end
