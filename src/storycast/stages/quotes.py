"""Quotations: the spans of text between quote marks, grouped into utterances.

Conventions follow PDNC: spans exclude the marks and surrounding whitespace; a
quotation interrupted by a speech tag (``"Hello," said Tom, "and goodbye."``) is
one Quote with several spans; a quotation running over several paragraphs (each
paragraph opens with a mark, only the last closes) is one Quote with one span
per paragraph.  A mark left open ends its quotation at the end of the paragraph
unless the next paragraph opens with a mark.  Quoted text that is not speech
(scare quotes and titles, verse and letters set off by indentation, indirect
speech in quote marks) is left out, as PDNC annotators did.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from ..document import Document
from ..letters import LETTER, UPPER
from ..spans import Quote, Span
from . import stage
from .handover import hands_over
from .person import second_person
from .speech_verbs import has_speech_verb

# -- quote marks ------------------------------------------------------------------
# English marks, the German and Polish low opening mark („...“, „...”) and guillemets
# («...», or »...« as German and Danish print them); the other stages read the marks from here
DOUBLE_MARKS = '"\u201c\u201d\u201e\u00ab\u00bb'
SINGLE_MARKS = "'\u2018\u2019"
# A paragraph break or a double mark between a name and a pronoun: the pronoun is as likely
# another person's ("Newland pressed her hand.\n\n'You see,' she said").
PARAGRAPH_OR_QUOTE = re.compile(f"\n\\s*\n|[{DOUBLE_MARKS}]")
_OPEN_ONLY = "\u201c\u201e\u2018\u00ab"
_CLOSE_ONLY = "\u201d\u00bb"
_OPEN_CONTEXT = frozenset("([{\u2014\u2013-_")
_CLOSE_CONTEXT = frozenset(".,;:!?)]}\u2014\u2013-_*'\"\u2019\u201d")
# Elisions that start with an apostrophe ('em, 'tis) or end with one (ol', goin').
_LEAD_ELISION = re.compile(
    "['\u2018\u2019](?:em|tis|twas|twere|twill|twould|tain|cause|bout|round|n|im|er|ere|un"
    "|Tis|Twas|Twere|Twill|Twould)\\b"
)
_TRAIL_ELISION = re.compile("(?:\\b(?:ol|o|an|th)|in)['\u2019]$", re.IGNORECASE)
_POSSESSIVE = re.compile(r"\s+[a-z]")

# -- speech tags ----------------------------------------------------------------
_SUBJECT = (rf"(?:he|she|I|they|we|(?:Mr|Mrs|Miss|Dr|Sir|Lady)\.?\s*[{UPPER}]\w*"
            rf"|[{UPPER}]\w+(?:\s+[{UPPER}]\w+)?)")
_TAG_HEAD = re.compile(
    rf"\s*(?:--)?\s*(?:{_SUBJECT}\s+(?:\w+ly\s+)?([a-z]+)(?:\s+(?:\w+ly|her|him|them|me|us))?"
    rf"\s*(?:[,.;:!?\u2014-]|$)|([a-z]+)\s+(?:he|she|I|they|we|the|[{UPPER}]))")
_IRREGULAR_TAGS = frozenset("told came spoke broke burst".split())
# The stop first, so that the search skips to it; then what must not come before it.
_SENTENCE_BREAK = re.compile(
    rf"[.!?](?<!\bMr.)(?<!\bMrs.)(?<!\bDr.)(?<!\bSt.)(?<!\bMs.)\s+[{UPPER}]")
_WORD = re.compile(rf"[{LETTER}]+")
_TAG_WORDS = 40  # narration longer than this between two quotes is not a tag
_ASIDE_WORDS = 12  # a sentence broken off at a comma by this much narration goes on after it
_TAG_VERB_WINDOW = 6  # the tag's speech verb comes within its first words
_NEAR_WORDS = 4  # how far from a quotation a speech verb is "near"
_SCARE_WORDS = 4  # quoted phrases this short may be scare quotes or titles

# -- dash-introduced speech -----------------------------------------------------
_DASHES = " \u2014\u2015\u2013-"
_DASH_START = re.compile("[\u2014\u2015]|\u2013(?=\\s)")
_DASH_BREAK = re.compile("\\s[\u2014\u2015\u2013]\\s*")
_COMMA_TAG = re.compile(rf"[,?!]\s+([{LETTER}]+)\s+([{LETTER}]+)")
_TAG_END = re.compile(r"[.!?;]\s+")

# -- quoted text that is not speech ---------------------------------------------
_INDENTED_LINE = re.compile(r"\n[ \t]{2,}\S")
_VERSE_WIDTH = 55  # hard-wrapped prose fills its lines to 65-75 characters
_FIRST_SECOND = re.compile(
    r"\b(?:I|me|my|mine|myself|we|us|our|ours|ourselves|you|your|yours|yourself|"
    r"yourselves|thee|thou|thy|ye|let)\b", re.IGNORECASE)
_THIRD = re.compile(r"\b(?:he|she|they|him|her|them|his|their|himself|herself)\b", re.IGNORECASE)
_BACKSHIFT = re.compile(r"\b(?:had|was|were|could|would|should|might|did)\b")
_SALUTATION = re.compile(  # "Dear Meg,--", or three blanks where transcription lost the dash
    r"(?:my\s+)?(?:dear|dearest)\s+[^,!?\n]{1,30},(?:\s*(?:-|\u2014|$)|[ \t]{3})", re.IGNORECASE)
# Words wanted, withheld, supposed or only looked: "He longed to ask:", "as if to say",
# "Helen would have exclaimed,", "If she had said,", "Why did he not say,".
_UTTER = r"(?:say|ask|reply|answer|exclaim|add|retort|cry|shout)(?:ing)?"
_UTTERED = r"(?:said|asked|replied|answered|exclaimed|added|retorted|cried|shouted|remarked)"
_UNSPOKEN = re.compile(
    r"(?:\bseem(?:ed|s)? to\s+say|\bas (?:much as|if|though)\s+to\s+say"
    r"|\bas who (?:should|would) say|\b(?:meant|implied|signified|expressed))\W*$"
    rf"|(?:\b(?:(?:wanted|wished|longed|yearned|tempted|temptation|impulse|tongue|going)\s+to"
    rf"|felt like)\s+{_UTTER}|\b(?:would|could|might|should)(?:n't|\s+not)?\s+have\s+{_UTTERED}"
    rf"|\bif\s+(?:\w+\s+){{1,2}}had\s+{_UTTERED}"
    rf"|\b(?:did|could)(?:n't)?\s+(?:he|she|they|I|you|we)\s+(?:not\s+)?{_UTTER})"
    r"[\s,:;\u2014-]*$", re.IGNORECASE)
# Speech given to a look or a feeling: "Her eyes said:", "the gesture said", "every heart was
# suggesting".
_ORGAN = (r"(?:her|his|their|its|the|my|your|our|every other)\s+(?:\w+\s+)?(?:eyes|look|looks"
          r"|glance|face|countenance|smile|gesture|heart|brain|mind|conscience|soul|logic|manner"
          r"|attitude|silence|expression)\s+(?:(?!and\b)\w+\s+){0,2}?(?:said|says|asked|answered"
          r"|replied|suggested|suggesting|implored|seemed to say)")
_ORGAN_BEFORE = re.compile(rf"\b{_ORGAN}[\s,:;\u2014-]*$", re.IGNORECASE)
_UNSPOKEN_AFTER = re.compile(
    rf"\W*(?:(?:\w+\s+){{1,2}}(?:seemed to say|felt like {_UTTER})\b|{_ORGAN}\b)", re.IGNORECASE)
# Sung, performed or printed: "she sang, of course, "M'ama!"", "the overture to "Zampa."".
_PERFORMED = re.compile(
    r"\b(?:sang|sing|sings|singing|sung|hummed|humming|chanted|chanting|song|tune|overture|aria"
    r"|hymn|ballad|title|titled|entitled|headed|motto|advertisements?|label|labelled|marked|signed"
    r"|inscribed)\b[^.!?\"\u201c\u201d]{0,25}$", re.IGNORECASE)
_WRITING = frozenset("wrote written writes write writing read reads printed".split())
# "...the letter ran thus:" / "...had scrawled on a piece of paper:" then the quoted text.
_WRITTEN = re.compile(
    r"\b(?:letters?|notes?|wrote|written|writes|postscript|inscription|inscribed|cards?|printed"
    r"|scrawled|telegram|envelope|handwriting|billet|epistle|paper|contents)\b", re.IGNORECASE)
_INTRODUCES = re.compile(
    r"(?:[:\u2014\u2013-]|\b(?:thus|follows|letter|words|contents))[\s:;,.\u2014\u2013-]*$",
    re.IGNORECASE)
# a quotation's tag ends where the next one begins
_NEXT_QUOTE = re.compile(f"[{DOUBLE_MARKS}\u2018]")
_LAST_SENTENCE = re.compile(r"[.!?]\s+(?=\S)")
_RUNS_ON = re.compile(r"\s*[a-z(]")
_NAMING = re.compile(r"\b(?:called|call|calls|named|entitled|word|words|phrase)\W*$", re.IGNORECASE)


@dataclass(slots=True)
class _Segment:
    start: int  # first character inside the marks
    end: int  # position of the closing mark (or the paragraph's end)
    para: int
    closed: bool
    continues: bool = False  # continues the previous paragraph's unclosed quotation


# -- choosing the outer mark ---------------------------------------------------
def _positions(text: str, chars: str) -> list[int]:
    """Offsets of every occurrence of any of ``chars`` (str.find is much faster than re)."""
    out: list[int] = []
    for ch in chars:
        i = text.find(ch)
        while i >= 0:
            out.append(i)
            i = text.find(ch, i + 1)
    return sorted(out)


def outer_family(text: str) -> str:
    """Double marks, unless single marks open more quotations than doubles could."""
    doubles = _positions(text, DOUBLE_MARKS)
    openers = [i for i in _positions(text, SINGLE_MARKS) if _opens_single(text, i)]
    if 2 * len(openers) == len(doubles) and openers:  # a tie: the outer mark comes first
        return SINGLE_MARKS if openers[0] < doubles[0] else DOUBLE_MARKS
    return SINGLE_MARKS if 2 * len(openers) > len(doubles) else DOUBLE_MARKS


_SWAP_GUILLEMETS = str.maketrans("\u00ab\u00bb", "\u00bb\u00ab")


def guillemets_reversed(text: str) -> bool:
    """Does the text print its guillemets pointing inwards, »so«, as German and Danish do?
    An opening mark is followed by the word it quotes and a closing one follows the last:
    »Hast du Hunger?«, against «Bonjour», dit-il (French spacing, « Oui », shows neither)."""
    inward = outward = 0
    for mark, opens_inward in (("\u00bb", True), ("\u00ab", False)):
        i = text.find(mark)
        while i >= 0:
            word_after = text[i + 1:i + 2].isalnum()
            word_before = i > 0 and not text[i - 1].isspace()
            if opens_inward:
                inward += word_after
                outward += word_before
            else:
                outward += word_after
                inward += word_before
            i = text.find(mark, i + 1)
    return inward > outward


def _opens_single(text: str, i: int) -> bool:
    prev = text[i - 1] if i > 0 else " "
    return ((prev.isspace() or prev in _OPEN_CONTEXT) and text[i + 1:i + 2].isalnum()
            and not _LEAD_ELISION.match(text, i))


def _roles(text: str, i: int, single: bool) -> tuple[bool, bool]:
    """(can open, can close) for the mark at ``i``, judged by its neighbours."""
    ch = text[i]
    if not single:  # double marks alternate; only curly ones say which they are
        return ch not in _CLOSE_ONLY, ch not in _OPEN_ONLY
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    after_space = prev.isspace() or prev in _OPEN_CONTEXT
    if prev.isalnum() and nxt.isalnum():
        return False, False  # don't, o'clock
    if after_space and _LEAD_ELISION.match(text, i):
        return False, False  # 'em, 'tis
    if not after_space and _TRAIL_ELISION.search(text, max(0, i - 6), i + 1):
        return False, False  # ol', goin'
    can_open = after_space and not nxt.isspace()
    can_close = ch not in _OPEN_ONLY and not prev.isspace() and (
        nxt.isspace() or nxt in _CLOSE_CONTEXT)
    return can_open, can_close


def _weak_close(text: str, marks: list[int], roles: list[tuple[bool, bool]], n: int) -> bool:
    """``the girls' room``: a possessive-looking close that a later close can replace."""
    i = marks[n]
    if text[i - 1:i] != "s" or not _POSSESSIVE.match(text, i + 1):
        return False
    return any(r[1] for r in roles[n + 1:])


# -- pairing marks within paragraphs --------------------------------------------
def _pair_paragraph(text: str, para: Span, p: int, marks: list[int], single: bool,
                    carry: bool) -> list[_Segment]:
    """Segments of one paragraph; ``carry``: a quotation is open from the paragraph before."""
    segments: list[_Segment] = []
    roles = [_roles(text, i, single) for i in marks]
    start: int | None = None
    cont = False
    if not carry and len(marks) % 2 and _closes_unopened(text, para, marks[0]):
        segments.append(_Segment(para.start, marks[0], p, True))  # its opening mark is lost
        marks, roles = marks[1:], roles[1:]
    for n, (i, (can_open, can_close)) in enumerate(zip(marks, roles)):
        if start is None:
            if can_open:
                start, cont = i + 1, carry and n == 0 and i == para.start
        elif can_close and not (single and _weak_close(text, marks, roles, n)) \
                or text[i] == "\u201c" and text[start - 1] == "\u201e":  # „so“: German
            segments.append(_Segment(start, i, p, True, cont))
            start = None
        elif text[i] in _OPEN_ONLY:  # a new opening mark: the last one was never closed
            segments.append(_Segment(start, i, p, False, cont))
            start, cont = i + 1, False
    if start is not None:
        segments.append(_Segment(start, para.end, p, False, cont))
    return segments


def _closes_unopened(text: str, para: Span, i: int) -> bool:
    """A paragraph's first mark that can only close (``passage." He``): none was opened."""
    if i == para.start or text[i] in _OPEN_ONLY or text[i - 1].isspace():
        return False
    nxt = text[i + 1:i + 2]
    return not nxt or nxt.isspace() or nxt in _CLOSE_CONTEXT


def _segments(text: str, paragraphs: list[Span], family: str) -> list[_Segment]:
    """Quoted segments, pairing the marks of each paragraph that has any."""
    starts = [para.start for para in paragraphs]
    by_para: dict[int, list[int]] = {}
    for i in _positions(text, family):
        p = bisect_right(starts, i) - 1
        if p >= 0 and i < paragraphs[p].end:
            by_para.setdefault(p, []).append(i)
    out: list[_Segment] = []
    open_para = -2  # the paragraph whose last quotation was left open
    for p, marks in by_para.items():
        segs = _pair_paragraph(text, paragraphs[p], p, marks, family is SINGLE_MARKS, open_para == p - 1)
        open_para = p if segs and not segs[-1].closed else -2
        out.extend(segs)
    return out


# -- dash-introduced speech -----------------------------------------------------
def _dash_segments(text: str, paragraphs: list[Span], segments: list[_Segment]) -> list[_Segment]:
    """Speech in paragraphs opening with a dash, when the text writes dialogue that way."""
    dashed = [p for p, para in enumerate(paragraphs) if _DASH_START.match(text, para.start)]
    marked = sum(1 for s in segments if s.start - 1 == paragraphs[s.para].start)
    if len(dashed) <= marked:
        return []
    taken = {s.para for s in segments}
    return [s for p in dashed if p not in taken for s in _dash_paragraph(text, paragraphs[p], p)]


def _dash_paragraph(text: str, para: Span, p: int) -> list[_Segment]:
    """Speech after the opening dash; later dashes alternate narration and speech."""
    start = _DASH_START.match(text, para.start).end()
    cuts = [x for m in _DASH_BREAK.finditer(text, start, para.end) for x in m.span()]
    bounds = [start, *cuts, para.end]
    pieces = list(zip(bounds[0::2], bounds[1::2]))[0::2]  # speech, narration, speech, ...
    if len(cuts) == 0:
        for tag in _COMMA_TAG.finditer(text, start, para.end):
            if has_speech_verb(list(tag.groups())):  # "— Hello, said Tom.", "— Why? asked Ann."
                pieces = [(start, tag.start() + 1)]
                # "— Out, said Paul. I will be back by ten.": the line goes on after its tag
                # when what follows speaks as "I" or to "you"
                end = _TAG_END.search(text, tag.end(), para.end)
                if end and _FIRST_SECOND.search(text, end.end(), para.end):
                    pieces.append((end.end(), para.end))
                break
    return [_Segment(a, b, p, True) for a, b in pieces]


# -- grouping segments into quotations ------------------------------------------
def trim_span(text: str, a: int, b: int) -> tuple[int, int]:
    """``[a, b)`` without the whitespace at either end."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _is_tag(text: str, prev: _Segment, nxt: _Segment, earlier: _Segment | None = None,
            lead: str | None = None) -> bool:
    """Is the narration between two segments of a paragraph a speech tag, and only that?
    ``earlier``: the segment before ``prev`` when the two are already one quotation;
    ``lead``: else the narration before ``prev`` in its paragraph, when it leads into it
    ("And when Mr. Bounderby said,")."""
    gap = text[prev.end + 1:nxt.start - 1]
    words = _WORD.findall(gap)
    if not words or len(words) > _TAG_WORDS or _SENTENCE_BREAK.search(gap.strip()):
        return False
    said = text[prev.start:prev.end].rstrip()
    if said.endswith(",") and gap.rstrip().endswith(",") and len(words) <= _ASIDE_WORDS:
        return True  # "For your sake," turning to Charlotte, "I am glad of it"
    if not (has_speech_verb(words[:_TAG_VERB_WINDOW]) or _tag_shaped(gap)):
        return False
    earlier_tag = lead
    if earlier and earlier.para == prev.para:
        earlier_tag = text[earlier.end + 1:prev.start - 1]
    after = None
    # the narration after the second piece, up to the next quotation (none after a dash
    # line's speech, which runs to its paragraph's end)
    if nxt.closed and text[nxt.end:nxt.end + 1] not in ("", "\n"):
        after = _NEXT_QUOTE.split(text[nxt.end + 1:nxt.end + 120], maxsplit=1)[0]
        after = after.split("\n\n", 1)[0]
    if hands_over(gap, earlier_tag, after):
        return False  # two speakers' lines: "he argued; and she answered:"
    # "Done." he said. "Next?" : a quoted sentence closed by a full stop stands alone.
    return not (said.endswith(".") and not said.endswith(".."))


def _tag_shaped(gap: str) -> bool:
    """``she flashed`` / ``quavered Mrs. Munt``: a past-tense verb next to the speaker."""
    m = _TAG_HEAD.match(gap)
    verb = m and (m.group(1) or m.group(2))
    return bool(verb) and (verb.endswith("ed") or verb in _IRREGULAR_TAGS)


# The speaker a tag names: "he said", "said Anna", "Tom said".
_TAG_SUBJECT = re.compile(
    rf"[ \t]*,?[ \t]*\n?[ \t]*(?:(he|she|I|[{UPPER}]\w+)\s+(?:\w+ly\s+)?[a-z]+ed\b"
    rf"|(?:said|says|asked|cried)\s+(he|she|I|[{UPPER}]\w+)\b"
    rf"|(he|she|I|[{UPPER}]\w+)\s+(?:said|says|asks)\b)")


def _tagged_speaker(text: str, seg: _Segment, nxt: _Segment | None) -> str | None:
    """Who the tag right after a closed segment names ("she said"), if it is plain."""
    if not seg.closed:
        return None
    end = nxt.start - 1 if nxt is not None and nxt.para == seg.para else seg.end + 60
    m = _TAG_SUBJECT.match(text, seg.end + 1, max(seg.end + 1, end))
    return next((w for w in m.groups() if w), None) if m else None


def _another_speaker(text: str, group: list[_Segment], seg: _Segment, nxt: _Segment | None
                     ) -> bool:
    """A paragraph that seems to go on with the last one's open quotation but whose own tag
    names someone else: its closing mark was lost ('"... I was worried.' then '"I know,"
    she said'), as a speech that runs on is not answered by a new speaker in its tag."""
    before = next((who for k, s in enumerate(group) if (who := _tagged_speaker(
        text, s, group[k + 1] if k + 1 < len(group) else None))), None)
    now = _tagged_speaker(text, seg, nxt)
    return before is not None and now is not None and before != now


def _lead_in(text: str, paragraphs: list[Span], segments: list[_Segment], n: int) -> str | None:
    """The narration before segments[n] in its paragraph, back to the paragraph's start or
    the quotation before, when it leads into the segment (ends in a comma or a colon)."""
    seg = segments[n]
    start = paragraphs[seg.para].start
    if n and segments[n - 1].para == seg.para:
        start = segments[n - 1].end + 1
    lead = text[start:max(start, seg.start - 1)]
    return lead if lead.rstrip()[-1:] in (",", ":") else None


def _group(text: str, segments: list[_Segment], paragraphs: list[Span]) -> list[list[_Segment]]:
    groups: list[list[_Segment]] = []
    for n, seg in enumerate(segments):
        last = groups[-1][-1] if groups else None
        continued = last and seg.continues and seg.para == last.para + 1 and not _another_speaker(
            text, groups[-1], seg, segments[n + 1] if n + 1 < len(segments) else None)
        earlier = groups[-1][-2] if groups and len(groups[-1]) > 1 else None
        lead = _lead_in(text, paragraphs, segments, n - 1) if last and earlier is None \
            and seg.para == last.para else None
        if continued or (last and seg.para == last.para and last.closed
                         and _is_tag(text, last, seg, earlier, lead)):
            groups[-1].append(seg)
        else:
            groups.append([seg])
    return groups


# -- quoted text that is not speech ---------------------------------------------
def _indented_paragraphs(text: str, paragraphs: list[Span]) -> set[int]:
    """Paragraphs set off by indentation (letters, verse) in a text whose paragraphs are flush."""
    indented = {p for p, para in enumerate(paragraphs)
                if para.start - (text.rfind("\n", 0, para.start) + 1) >= 2}
    return indented if len(indented) < 0.2 * len(paragraphs) else set()


def _is_verse(text: str, para: Span) -> bool:
    """Several indented lines, or short lines that all begin with a capital."""
    chunk = text[para.start:para.end]
    if "\n" not in chunk:
        return False
    if len(_INDENTED_LINE.findall(chunk)) >= 2:
        return True
    lines = chunk.split("\n")
    if max(map(len, lines[:-1])) >= _VERSE_WIDTH:
        return False
    return all(line.strip().lstrip(DOUBLE_MARKS + SINGLE_MARKS + "_(")[:1].isupper() for line in lines)


def _is_speech(text: str, para: Span, spans: list[tuple[int, int]], after_quote: bool) -> bool:
    """False for scare quotes and titles, and for indirect speech in quote marks."""
    a, b = spans[0]
    before = text[para.start:a - 1].rstrip()
    after = text[spans[-1][1] + 1:para.end]
    if _UNSPOKEN_AFTER.match(after):
        return False
    if not before.strip(_DASHES) or len(spans) > 1:
        return True  # it opens its paragraph, or a speech tag interrupts it
    ahead = _WORD.findall(after[:60])[:_NEAR_WORDS]
    near = _WORD.findall(before[-60:])[-_NEAR_WORDS:] + ahead
    tagged = has_speech_verb(near)
    if (_is_scare_quote(text[a:b], before, after, tagged) or _UNSPOKEN.search(before[-40:])
            or _ORGAN_BEFORE.search(before[-80:])):
        return False
    # a sentence of its own after one that writes ("Orla wrote it down. 'See?'") is said,
    # unless that one tags a quotation before it ('"Those people ...," she wrote. "They')
    own = before[-1:] in ".!?" and not any(c in DOUBLE_MARKS + SINGLE_MARKS for c in before[-60:])
    written = ahead if own else near
    if not tagged and (any(w.lower() in _WRITING for w in written)
                       or _PERFORMED.search(before[-60:])):
        return False  # written, read out or sung, not spoken
    return tagged or after_quote or not _is_reported(text[a:b])


def _is_scare_quote(said: str, before: str, after: str, tagged: bool) -> bool:
    """Quoted words that are part of a narrative sentence: a term, a name, a title."""
    if said[-1].isalnum() and _RUNS_ON.match(after) and not tagged:
        return True  # no closing punctuation, and the sentence runs on: "not the thing" to do
    if len(_WORD.findall(said)) > _SCARE_WORDS or said[-1] in "!?-\u2014":
        return False
    if not before[-1].isalpha():
        return False
    return bool(_NAMING.search(before)) or not tagged


def _is_reported(said: str) -> bool:
    """Backshifted indirect speech in quote marks: no I or you, but he or she, had or was."""
    return (not _FIRST_SECOND.search(said) and bool(_THIRD.search(said))
            and bool(_BACKSHIFT.search(said)))


# -- the stage ------------------------------------------------------------------------
@dataclass(slots=True)
class _Candidate:
    para: int  # paragraph of the first span
    last_para: int
    spans: list[tuple[int, int]]
    after_quote: bool  # another quotation comes before it in the same paragraph


def _candidates(text: str, paragraphs: list[Span]) -> list[_Candidate]:
    # »so« is paired as «so» would be: the swap keeps every offset
    marked = text.translate(_SWAP_GUILLEMETS) if guillemets_reversed(text) else text
    segments = _segments(marked, paragraphs, outer_family(text))
    dashed = _dash_segments(text, paragraphs, segments)
    if dashed:
        segments = sorted(segments + dashed, key=lambda s: s.start)
    out: list[_Candidate] = []
    last_para = -1
    for group in _group(text, segments, paragraphs):
        after_quote, last_para = group[0].para == last_para, group[-1].para
        kept = [(s.para, trim_span(text, s.start, s.end)) for s in group]
        kept = [(p, sp) for p, sp in kept if sp[1] > sp[0]]
        if kept:
            out.append(_Candidate(kept[0][0], kept[-1][0], [sp for _, sp in kept], after_quote))
    return out


def _letters(text: str, paragraphs: list[Span], cands: list[_Candidate]) -> set[int]:
    """Quoted writing: a letter opening with a salutation ("Dear Meg,") or introduced as
    writing ("the note ran thus:"), and the whole-paragraph quotations right after it."""
    out: set[int] = set()
    chain = False  # the previous candidate is a whole-paragraph piece of writing
    for k, c in enumerate(cands):
        (a, b), end = c.spans[0], c.spans[-1][1]
        whole = (len(c.spans) == c.last_para - c.para + 1
                 and bare(text[paragraphs[c.para].start:a])
                 and bare(text[end:paragraphs[c.last_para].end]))
        follows = chain and c.para == cands[k - 1].last_para + 1
        written = (whole and _SALUTATION.match(text[a:b])) or (
            len(c.spans) == 1 and _written_intro(text, paragraphs, cands, k))
        if (whole and follows) or written:
            out.add(k)
        chain = k in out and whole
    return out


def _written_intro(text: str, paragraphs: list[Span], cands: list[_Candidate], k: int) -> bool:
    """Narration just before the quotation presents it as writing, with no speech verb."""
    c = cands[k]
    para = paragraphs[c.para]
    a = c.spans[0][0]
    intro = text[para.start:a - 1].rstrip()
    if not intro.strip(_DASHES) and c.para > 0:  # the paragraph before, after its last quote
        prev = paragraphs[c.para - 1]
        quoted = k and cands[k - 1].last_para == c.para - 1
        intro = text[cands[k - 1].spans[-1][1] + 1 if quoted else prev.start:prev.end].rstrip()
    if not intro or not _INTRODUCES.search(intro[-30:]):
        return False
    last = _LAST_SENTENCE.split(intro[-300:])[-1]
    after = _NEXT_QUOTE.split(text[c.spans[-1][1] + 1:paragraphs[c.last_para].end], maxsplit=1)[0]
    near = _WORD.findall(last)[-_NEAR_WORDS:] + _WORD.findall(after[:60])[:_NEAR_WORDS]
    return bool(_WRITTEN.search(last)) and not has_speech_verb(
        [w for w in near if not w.lower().startswith("begin")])  # a letter begins, too


def bare(s: str) -> bool:
    """Whether ``s`` holds nothing but quotation marks and white space."""
    return not s.strip(DOUBLE_MARKS + SINGLE_MARKS + " \t\n")


def find_quotes(text: str, paragraphs: list[Span]) -> list[Quote]:
    """Every quotation of ``text``, in text order, with ids ``q1``, ``q2``, ..."""
    cands = _candidates(text, paragraphs)
    indented = _indented_paragraphs(text, paragraphs)
    letters = _letters(text, paragraphs, cands)
    quotes: list[Quote] = []
    for k, c in enumerate(cands):
        if c.para in indented or k in letters or _is_verse(text, paragraphs[c.para]):
            continue
        if _is_speech(text, paragraphs[c.para], c.spans, c.after_quote):
            quotes.append(Quote(id=f"q{len(quotes) + 1}", spans=c.spans, paragraph=c.para))
    return quotes


@stage("quotes", needs=("paragraphs",), produces=("quotes", "second_person"))
def quotes(doc: Document) -> Document:
    doc.layers["quotes"] = find_quotes(doc.text, doc.paragraphs)
    doc.layers["second_person"] = second_person(doc.text, doc.quotes)  # told to "you"
    return doc
