"""What the speaker stage knows of a document: who is where, who is named, who is tagged."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ..document import Document
from ..letters import LETTER
from ..lexicon import HONORIFICS, NONBINARY, SPEECH_VERBS, STYLES, head_noun, noun_gender
from ..spans import Character, Quote
from .kin import RELATIONS, WIFE_TITLES, Family
from .mentions import names_self
from .names import BODILY_AFTER
from .quotes import DOUBLE_MARKS
from .ranks import holders, rank_of, titled
from .scene import Scene
from .tags import SILENT_WORDS, Tag
from .voice import Voices

CONVERSATION_GAP = 2  # paragraphs between quotes before a conversation is over
# paragraphs back (and between lines) that still hold the scene: who is about and listening
SCENE_REACH = 3
LISTENER_REACH = 4  # quotes either side whose speakers hear a line
TALK_REACH = 6  # quotes either side whose third-person names say who is away


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
    self_named: dict[int, str] = field(default_factory=dict)  # quote -> "I'm Dev": Dev
    # a stranger's "he says", or the start of the line right after they come in -> them
    strangers: dict[int, str] = field(default_factory=dict)
    # description ("the jew") -> {character: quotes so tagged that a first reading gave them}
    descriptions: dict[str, dict[str, int]] = field(default_factory=dict)
    voters: list[str | None] = field(default_factory=list)  # the guesses that voted
    sentence_starts: list[int] = field(default_factory=list)
    anchors: list[str | None] = field(default_factory=list)  # speakers tags name outright
    # per quote: its conversation's tagged speakers and addressed people, as counts
    cast_of: list[tuple[dict[str, int], dict[str, int]]] | None = None
    talked_of: list[dict[str, float]] | None = None  # per quote: log(1 + times named nearby)
    called: list[str | None] | None = None  # per quote: the sex of a "sir" or "madam" in it
    name_vocatives: dict[int, list[str]] | None = None  # the vocatives by name alone
    kin_lines: dict[int, set[str]] | None = None  # per quote: the family words it calls by
    told: list[list[str]] | None = None  # per quote: whom its tag says it is said to
    chapter_starts: list[int] = field(default_factory=list)
    # character -> the starts of its mentions in the narration, and their paragraphs
    named_at: dict[str, tuple[list[int], list[int]]] | None = None
    chapter_names: list[dict[str, int]] | None = None  # per chapter: narration names counted
    opens: list[int] = field(default_factory=list)  # per quote: its conversation's first
    # per quote: each candidate's features that no reading changes (stages/features.py)
    settled: dict[int, dict] = field(default_factory=dict)
    # per quote: the last beam pass's candidates, their features (given the turns ahead it
    # saw), the model's start on them, and what those turns ahead said (stages/decoding.py)
    beam_lines: dict[int, tuple] = field(default_factory=dict)
    # per quote: its candidates that no reading's speakers change (stages/features.py)
    candidate_facts: dict[int, tuple] = field(default_factory=dict)
    # per quote: what the narration around it says of who speaks it, as (character, feature,
    # value); the same in both readings
    scene_facts: dict[int, list[tuple[str | None, str, float]]] = field(default_factory=dict)
    # how each character talks, by the lines credited to them: learnt by anchor_speakers,
    # again by the second reading
    voices: Voices | None = None
    first_named: dict[str, int] | None = None  # character -> where the story first names it
    named_next: dict[int, str | None] = field(default_factory=dict)  # tag start -> stranger
    family: Family | None = None  # built when first asked for someone's wife or sister
    they: bool = False  # someone the narration calls "they", whom "they said" may be


def build_context(doc: Document) -> Context:
    chars = {c.id: c for c in doc.characters}
    by_name: dict[str, str] = {}
    for c in doc.characters:
        for alias in c.aliases:
            by_name.setdefault(" ".join(alias.lower().split()), c.id)
    vocatives: dict[int, list[str]] = {}
    named_in: dict[int, set[str]] = {}
    self_named: dict[int, str] = {}
    narrated: set[str] = set()  # those the narration names
    strangers: dict[int, str] = {}
    for m in doc.mentions:
        i = m.attrs.get("quote")
        if m.character and i is None and m.kind == "name":
            narrated.add(m.character)
        elif m.kind == "pronoun" and m.attrs.get("stranger"):
            strangers[m.start] = m.character
        if m.attrs.get("speaks") is not None:  # the line right after they come in
            strangers[m.attrs["speaks"]] = m.character
        if m.character and i is not None:
            if m.kind == "vocative":
                vocatives.setdefault(i, []).append(m.character)
            elif m.kind == "name":
                named_in.setdefault(i, set()).add(m.character)
                if names_self(doc.text, m.start, m.end):
                    self_named.setdefault(i, m.character)
    narrator = next((c.id for c in doc.characters if c.narrator), None)
    # "I am Lady Patroness, you know": a name only the talk says is no one's own
    self_named = {i: c for i, c in self_named.items() if c in narrated}
    return Context(doc, Scene.of(doc), by_name, chars, vocatives, named_in, narrator,
                   self_named=self_named, strangers=strangers,
                   sentence_starts=[s.start for s in doc.sentences],
                   they=any(c.gender == NONBINARY for c in doc.characters))


def resolve_name(ctx: Context, tag: Tag) -> str | None:
    """The character a tag's name refers to: by the mention at its place, else by alias."""
    for m in ctx.scene.between(tag.start, tag.end + 1):
        if m.kind == "name":
            return m.character
    key = " ".join(tag.text.lower().split())
    return ctx.by_name.get(key) or ctx.by_name.get(key.split()[-1])


def description_gender(tag: Tag) -> str | None:
    return noun_gender(head_noun(tag.text.lower()))


def tag_gender(tag: Tag, ctx: "Context | None" = None) -> str | None:
    """The sex a tag says its speaker is; "they said" says one person's only in a story
    whose narration calls someone "they" (``ctx.they``), else it is several people's."""
    if tag.kind != "pronoun":
        return description_gender(tag)
    if tag.gender is None and ctx is not None and ctx.they and tag.text.lower() == "they":
        return NONBINARY
    return tag.gender


def paragraph_subject(ctx: Context, q: Quote) -> str | None:
    """The first character named in the narration of the quote's own paragraph before it."""
    paras = ctx.doc.paragraphs
    if not (0 <= q.paragraph < len(paras)):
        return None
    found = ctx.scene.between(paras[q.paragraph].start, q.start)
    return found[0].character if found else None


_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+")
_OPENING_MARKS = " \t\n\"'\u201c\u2018\u00ab\u00bb"
_WORD_BEFORE = re.compile(rf"[{LETTER}]+$")


def _after_honorific(text: str, dot: int) -> bool:
    """Whether the full stop at ``dot`` ends an honorific ("Mr.") rather than a sentence."""
    word = _WORD_BEFORE.search(text, max(0, dot - 12), dot)
    return text[dot] == "." and word is not None and word.group().lower() in HONORIFICS


def beat_speaker(ctx: Context, i: int) -> str | None:
    """The character whose name opens the sentence that leads into untagged quote i in its
    paragraph, a beat: "Sam put a hand on his chest. 'I would never.'", "'You would.'
    Lucia reached over and stole a crisp. 'Last week you had three aces.'"  The one acting
    just before a line speaks it."""
    quotes, text = ctx.doc.quotes, ctx.doc.text
    q = quotes[i]
    start = ctx.doc.paragraphs[q.paragraph].start
    if i and quotes[i - 1].end > start:
        start = quotes[i - 1].end
    lead = text[start:q.start].rstrip(_OPENING_MARKS)
    if not lead or lead[-1] not in ".!?":
        return None
    ends = [m.end() for m in _SENTENCE_END.finditer(text, start, start + len(lead) - 1)
            if not _after_honorific(text, m.start())]  # "Mr. Hale laughed." is one sentence
    opening = ends[-1] if ends else start
    found = ctx.scene.between(opening, q.start)
    if len(found) > 1 and found[1].attrs.get("relation") \
            and not text[found[0].end:found[1].start].strip(" \t\n'\u2019s"):
        found = found[1:]  # "Her mother put down her pen.": "her" owns the one who acts
    if not found:
        return None
    if any(w in _NO_OWN_WORDS for w in _LOWER_WORD.findall(text, opening, q.start)):
        return None
    voiced = {m.character for m in found if m.kind == "name" and _VOICE_AFTER.match(text, m.end)}
    if len(voiced) == 1:
        return voiced.pop()  # "The comm chirped, and Osei's voice came through."
    lead = text[opening:found[0].start].strip(_OPENING_MARKS)
    owned = lead.lower() in _OWNERS or lead.endswith(("'s", "\u2019s")) and len(lead.split()) <= 3
    if not (found[0].kind == "name" and not lead or found[0].attrs.get("relation") and owned):
        return None
    after = text[found[0].end:found[0].end + 30].split(None, 1)
    if after and after[0][:1].islower() or BODILY_AFTER.match(text, found[0].end) \
            or _WHO_AFTER.match(text, found[0].end):
        # "Varga's hand tightened": her own hand acts; "Cerys's nan, who was eighty-four
        # ..., leaned across the bride"
        return found[0].character
    return None


_OWNERS = frozenset({"his", "her", "their", "my", "our"})  # before a relative who acts ("Zoe's")
_VOICE_AFTER = re.compile(r"['\u2019]s\s+voice\b")
_WHO_AFTER = re.compile(r",\s+who\b")


# A beat that tells of the one acting keeping silent, or of their words without quoting
# them, has had their turn: "Isabella was silent.", "Henry only smiled.", "Edmund expressed
# his pleasure and surprise.", "Anne said what was proper, and enquired after her husband."
_NO_OWN_WORDS = SILENT_WORDS | frozenset(
    "listened listening only said expressed enquired inquired assented "
    "agreed replied answered told assured asked sounded".split())
_LOWER_WORD = re.compile(r"[a-z]+")


def closing_sentence(ctx: Context, quotes: list[Quote], i: int) -> tuple[int, int] | None:
    """The last sentence of the paragraph before quote i, when that paragraph ends in narration."""
    paras = ctx.doc.paragraphs
    p = quotes[i].paragraph - 1
    if p < 0 or (i > 0 and quotes[i - 1].paragraph == p and
                 ctx.doc.text[quotes[i - 1].end:paras[p].end].count(" ") < 3):
        return None
    sentences = ctx.doc.sentences
    k = bisect.bisect_right(ctx.sentence_starts, paras[p].end - 1) - 1
    if k < 0 or sentences[k].end <= paras[p].start:
        return None
    start = max(sentences[k].start, paras[p].start)
    if i > 0 and quotes[i - 1].end > start:
        start = quotes[i - 1].end
    return start, paras[p].end


def closing_subject(ctx: Context, quotes: list[Quote], i: int) -> tuple[str | None, bool]:
    """Who the previous paragraph ends on ("Then he spoke again."), and whether it says they speak."""
    span = closing_sentence(ctx, quotes, i)
    if span is None:
        return None, False
    found = ctx.scene.between(*span)
    if not found:
        return None, False
    words = _LOWER_WORDS.findall(ctx.doc.text, *span)
    return found[0].character, any(w in SPEECH_VERBS for w in words)


def next_paragraph_newcomer(ctx: Context, quotes: list[Quote], i: int) -> str | None:
    """A voice heard before it is seen: the first character named right after a lone opening quote."""
    paras = ctx.doc.paragraphs
    q = quotes[i]
    if q.paragraph + 1 >= len(paras):
        return None
    nxt = paras[q.paragraph + 1]
    if i + 1 < len(quotes) and quotes[i + 1].start < nxt.end and quotes[i + 1].paragraph == q.paragraph + 1:
        return None
    since = paras[max(0, q.paragraph - SCENE_REACH)].start
    recent = {m.character for m in ctx.scene.before(q.start, since)}
    for m in ctx.scene.between(nxt.start, nxt.end):
        if m.character not in recent:
            return m.character
    return None


# a sentence that says a voice is heard: "they heard a familiar voice", "A voice called from
# the hall", "a low voice rang out"
_VOICE_HEARD = re.compile(
    r"\b(?:hear|hears|heard|hearing)\b[^.!?;\"\u201c\u201d]{0,40}\bvoice\b"
    r"|\bvoices?\b[^.!?;\"\u201c\u201d]{0,25}\b(?:called|cried|came|rang|sounded|spoke)\b",
    re.IGNORECASE)


# a sentence about a voice that is no one's yet: "The voice was low and amused."
_UNOWNED_VOICE = re.compile(r"(?:The|A|An)(?: [a-z]+)? voice\b")


def heard_newcomer(ctx: Context, quotes: list[Quote], i: int) -> str | None:
    """A voice heard before it is seen: an untagged line alone in its paragraph, after a
    paragraph that ends saying a voice is heard ("Suddenly they heard a familiar voice."),
    or followed only by a sentence about a voice that is no one's yet ("The voice was low
    and amused."), is the one the next paragraph brings in ("The couple looked round and
    saw a smiling Harmony")."""
    q = quotes[i]
    para = ctx.doc.paragraphs[q.paragraph]
    if i and quotes[i - 1].paragraph == q.paragraph or \
            (i + 1 < len(quotes) and quotes[i + 1].paragraph == q.paragraph):
        return None
    text = ctx.doc.text
    if text[para.start:q.start].strip(_OPENING_MARKS):
        return None  # narration of its own: not a line on its own
    after = text[q.end:para.end].strip(_OPENING_MARKS)
    if after:  # only "The voice was low and amused." may follow it
        return next_paragraph_newcomer(ctx, quotes, i) if _UNOWNED_VOICE.match(after) else None
    span = closing_sentence(ctx, quotes, i)
    if span is None or (i and quotes[i - 1].end > span[0]) or not _VOICE_HEARD.search(text, *span):
        return None
    return next_paragraph_newcomer(ctx, quotes, i)


def conversation_cast(ctx: "Context") -> list[tuple[dict[str, int], dict[str, int]]]:
    """For each quote, who its whole conversation's tags name as speakers and who its
    vocatives address, counted: the people the conversation is between."""
    quotes = ctx.doc.quotes
    told = told_of(ctx)
    out: list[tuple[dict[str, int], dict[str, int]]] = []
    start = 0
    for i in range(len(quotes) + 1):
        if i == len(quotes) or (i and quotes[i].paragraph - quotes[i - 1].paragraph > CONVERSATION_GAP):
            tagged: dict[str, int] = {}
            addressed: dict[str, int] = {}
            for j in range(start, i):
                if ctx.anchors[j]:
                    tagged[ctx.anchors[j]] = tagged.get(ctx.anchors[j], 0) + 1
                for c in ctx.vocatives.get(j, []) + told[j]:  # "said Emma to Frank"
                    addressed[c] = addressed.get(c, 0) + 1
            out.extend([(tagged, addressed)] * (i - start))
            start = i
    return out


# Words a line calls its listener by that say the listener's sex and nothing more.
_CALLED = {"sir": "male", "papa": "male", "father": "male", "uncle": "male", "my lord": "male",
           "my boy": "male", "my good man": "male", "my dear fellow": "male", "old man": "male",
           "madam": "female", "ma'am": "female", "mamma": "female", "mama": "female",
           "mother": "female", "aunt": "female", "my lady": "female", "my girl": "female",
           "my dear girl": "female", "miss": "female"}
# (Each word written as its first letter, then the rest of the word that letter begins, as
# _KIN below is, so the search skips to the letters that may start one.)
_CALLING = re.compile(r"[mosfpuaMOSFPUA](?<=\b\w)(?i:(?<=m)y (?:good man|dear fellow|dear girl|"
                      r"lord|lady|boy|girl)|(?<=o)ld man|(?<=s)ir|(?<=p)apa|(?<=f)ather|"
                      r"(?<=u)ncle|(?<=m)adam|(?<=m)a'am|(?<=m)amma|(?<=m)ama|(?<=m)other|"
                      r"(?<=a)unt|(?<=m)iss)\b")
_CALL_OPENS = re.compile(r"(?:^|[,!?;:\u2014-]\s*|\b(?:[Dd]ear|[Gg]ood|[Oo]h|O)\s+)$")
_CALL_CLOSES = re.compile(r"\s*(?:[,.!?;:\u2014-]|$)")


def called_gender(text: str) -> str | None:
    """The sex of the one a line calls "sir", "madam", "papa", "ma'am"; None when it calls
    no one so, or both."""
    low = text.lower()
    if not any(word in low for word in _CALLED):
        return None  # most lines: a quick look saves the pattern's slower one
    found = {_CALLED[m.group().lower()] for m in _CALLING.finditer(text)
             if _calls(text, m, 0, len(text))}
    return found.pop() if len(found) == 1 else None


# Family words a line calls its listener by, each meaning one person in most stories: the
# father all the daughters call "papa".  ("Sister" goes both ways, so it is left out.)
# (Written as _CALLING is: "\b(papa|...)\b" with IGNORECASE tries every offset of the text.)
_KIN = re.compile(r"[pmfuaPMFUA](?<=\b\w)(?i:(?<=p)apa|(?<=m)amma|(?<=m)ama|(?<=f)ather"
                  r"|(?<=m)other|(?<=u)ncle|(?<=a)unt)\b")
KIN_VOTES = 2  # answers by one character before a family word is taken as theirs
_KIN_SEX = {"papa": "male", "father": "male", "uncle": "male",
            "mamma": "female", "mother": "female", "aunt": "female"}


_PARENT_WORDS = {"mamma", "mother"}


def _unmarried(char: Character) -> bool:
    """A woman the story calls "Miss" and never "Mrs." or the like: no one's mother."""
    titles = {a.split()[0].lower().rstrip(".") for a in char.aliases if " " in a}
    return "miss" in titles and not titles.intersection(WIFE_TITLES)


def kin_calls(text: str) -> set[str]:
    """The family words a line calls someone by: "Yes, papa;" -> {"papa"}."""
    return {_kin_word(m) for m in _KIN.finditer(text) if _calls(text, m, 0, len(text))}


def _kin_lines(doc: Document) -> dict[int, set[str]]:
    """kin_calls of every quote, by one pass over the text."""
    spans = sorted((a, b, i) for i, q in enumerate(doc.quotes) for a, b in q.spans)
    starts = [a for a, _, _ in spans]
    out: dict[int, set[str]] = {}
    for m in _KIN.finditer(doc.text):
        k = bisect.bisect_right(starts, m.start()) - 1
        if k >= 0 and m.end() <= spans[k][1] and _calls(doc.text, m, spans[k][0], spans[k][1]):
            out.setdefault(spans[k][2], set()).add(_kin_word(m))
    return out


def _calls(text: str, m: re.Match, start: int, end: int) -> bool:
    """The word ``m``, in a line running from ``start`` to ``end``, is set off as a call."""
    opening = text[max(start, m.start() - 8):m.start()]
    return bool(_CALL_CLOSES.match(text, m.end(), end)) and bool(_CALL_OPENS.search(opening))


def _kin_word(m: re.Match) -> str:
    return m.group().lower().replace("mama", "mamma")


def learn_kin_calls(ctx: "Context", speakers: list[str | None]) -> None:
    """Whom the story's family words stand for, by who answers the lines that use them
    ("Yes, papa," answered by "said Mr. Woodhouse"); then every line that calls its
    listener so addresses that character, as a vocative would.  ``speakers``: the tagged
    speakers, or a reading's guesses."""
    quotes = ctx.doc.quotes
    if ctx.name_vocatives is None:
        ctx.name_vocatives = {i: list(v) for i, v in ctx.vocatives.items()}
    ctx.vocatives = {i: list(v) for i, v in ctx.name_vocatives.items()}
    if ctx.kin_lines is None:
        ctx.kin_lines = _kin_lines(ctx.doc)
    calls = ctx.kin_lines
    votes: dict[str, dict[str, int]] = {}
    for i, words in calls.items():
        for j in (i + 1, i - 1):
            if in_conversation(quotes, i, j) and quotes[j].paragraph != quotes[i].paragraph \
                    and speakers[j] and speakers[j] != speakers[i]:
                sex = ctx.chars[speakers[j]].gender
                for w in words:
                    if _KIN_SEX[w] != sex and sex in ("male", "female"):
                        continue  # "mother" is not answered by a man
                    if w in _PARENT_WORDS and _unmarried(ctx.chars[speakers[j]]):
                        continue  # nor by a "Miss"
                    box = votes.setdefault(w, {})
                    box[speakers[j]] = box.get(speakers[j], 0) + 1
                break
    meant = {}
    for w, box in votes.items():
        who, n = max(box.items(), key=lambda kv: kv[1])
        if n >= KIN_VOTES and 2 * n > sum(box.values()):
            meant[w] = who
    for i, words in calls.items():
        for w in words:
            who = meant.get(w)
            if who and who != speakers[i] and who not in ctx.vocatives.get(i, []):
                ctx.vocatives.setdefault(i, []).append(who)
    ctx.cast_of = None  # the conversations' casts count vocatives


def spoken_of(ctx: "Context") -> list[dict[str, int]]:
    """For each quote, who the lines around it in its conversation name in the third person
    (vocatives aside): the people a conversation talks about are seldom there to speak."""
    paragraph = [q.paragraph for q in ctx.doc.quotes]
    named_in = ctx.named_in
    out: list[dict[str, int]] = []
    for i, here in enumerate(paragraph):
        counts: dict[str, int] = {}
        for j in range(max(0, i - TALK_REACH), min(len(paragraph), i + TALK_REACH + 1)):
            if j != i and abs(here - paragraph[j]) <= CONVERSATION_GAP and j in named_in:
                for c in named_in[j]:
                    counts[c] = counts.get(c, 0) + 1
        out.append(counts)
    return out


def listeners(quotes: list[Quote], i: int, reach: int = LISTENER_REACH) -> list[str]:
    """The others who speak in quote i's conversation within ``reach`` quotes of it, nearest
    first: in a scene of three or four, a line is said to all of them."""
    def chained(j: int) -> bool:  # quotes j and j + 1 are in one conversation
        return 0 <= j < len(quotes) - 1 and quotes[j + 1].paragraph - quotes[j].paragraph <= SCENE_REACH

    lo, hi = i, i  # walk out at most ``reach`` quotes, not the whole conversation
    while lo > i - reach and chained(lo - 1):
        lo -= 1
    while hi < i + reach and chained(hi):
        hi += 1
    near = sorted(range(lo, hi + 1), key=lambda j: (abs(j - i), j))
    speaker = quotes[i].speaker
    return list(dict.fromkeys(quotes[j].speaker for j in near
                              if j != i and quotes[j].speaker and quotes[j].speaker != speaker))


def conversation_starts(quotes: list[Quote]) -> list[int]:
    """Per quote, the index of the first quote of its conversation (a run of quotes no
    more than CONVERSATION_GAP paragraphs apart), by one pass."""
    out: list[int] = []
    for i, q in enumerate(quotes):
        out.append(out[-1] if i and q.paragraph - quotes[i - 1].paragraph <= CONVERSATION_GAP
                   else i)
    return out


def openings(ctx: Context) -> list[int]:
    """``conversation_starts`` of the story's quotes, worked out once per context."""
    if not ctx.opens:
        ctx.opens = conversation_starts(ctx.doc.quotes)
    return ctx.opens


def last_in_previous_paragraph(ctx: "Context", quotes: list[Quote], i: int) -> str | None:
    """The character named last in the narration of the paragraph before quote i."""
    p = quotes[i].paragraph - 1
    if p < 0:
        return None
    para = ctx.doc.paragraphs[p]
    found = ctx.scene.between(para.start, para.end)
    return found[-1].character if found else None


def narration_between(quotes: list[Quote], i: int) -> bool:
    """Whether one paragraph, of narration only, stands between quote i and the one before
    ("Helen was silent.", "He nodded.")."""
    return i > 0 and quotes[i].paragraph - quotes[i - 1].paragraph == 2


_OPENERS = frozenset("but and then so still yet presently here now at last once again".split())
_SUBJECT_SEX = {"he": "male", "she": "female"}
_WORD_AT = re.compile(rf"([{LETTER}]+)[\s,]*")


def narration_subject(ctx: "Context", p: int) -> tuple[str | None, str | None]:
    """Who a paragraph of narration opens on: ("Helen", None) for "Helen was silent.",
    (None, "male") for "He nodded.", after an opening "But" or "Then"; (None, None) else."""
    para = ctx.doc.paragraphs[p]
    text = ctx.doc.text[para.start:para.end]
    at = len(text) - len(text.lstrip())
    for _ in range(4):  # up to three opening words
        m = _WORD_AT.match(text, at)
        if not m:
            return None, None
        word = m.group(1).lower()
        if word in _SUBJECT_SEX:
            return None, _SUBJECT_SEX[word]
        found = ctx.scene.between(para.start + m.start(1), para.end)
        if found and found[0].start == para.start + m.start(1):
            return found[0].character, None
        if word not in _OPENERS:
            return None, None
        at = m.end()
    return None, None


def in_conversation(quotes: list[Quote], i: int, j: int) -> bool:
    return 0 <= j < len(quotes) and abs(quotes[i].paragraph - quotes[j].paragraph) <= CONVERSATION_GAP




_LOWER_WORDS = re.compile(r"\b[a-z]+\b")
def resolve_relation(ctx: Context, i: int, tag: Tag) -> str | None:
    """"his wife" after Mr. Bennet is Mrs. Bennet; "her sister" is another woman of her family.

    The owner ("his", "her") is looked for among those addressed in the quote, then the
    characters last named in the narration, then the last speakers.
    """
    words = tag.text.lower().split()
    if len(words) < 2 or words[0] not in ("his", "her") or words[-1] not in RELATIONS:
        return None
    owner_gender = "male" if words[0] == "his" else "female"
    for owner in owners(ctx, i, tag):
        if ctx.chars[owner].gender == owner_gender:
            found = relative(ctx, owner, words[-1])
            if found:
                return found
    return None


def owners(ctx: Context, i: int, tag: Tag) -> list[str]:
    q = ctx.doc.quotes[i]
    since = ctx.doc.paragraphs[max(0, q.paragraph - 2)].start
    found = list(ctx.vocatives.get(i, []))
    found += [m.character for m in ctx.scene.before(tag.start, since)][:4]
    found += [ctx.doc.quotes[j].speaker for j in range(max(0, i - 2), i)]
    return [c for c in dict.fromkeys(found) if c in ctx.chars]


def relative(ctx: Context, owner: str, noun: str) -> str | None:
    if ctx.family is None:
        ctx.family = Family(ctx.chars)
    return ctx.family.kin(owner, noun)


def description_key(tag: Tag | None) -> str | None:
    """"the old woman" -> "old woman"; None for names, pronouns and "his wife" relations."""
    if tag is None or tag.kind != "description":
        return None
    words = tag.text.lower().split()
    if words[0] not in ("the", "a", "an", "this", "that"):
        return None
    return " ".join(words[1:]) or None


def resolve_description(ctx: Context, tag: Tag) -> str | None:
    """The character known by this description ("the Jew", "the surgeon"), if there is one;
    "her ladyship" is the lady named last, "the doctor" the doctor."""
    words = tag.text.lower().split()
    if words and words[-1] in STYLES:
        return _last_named(ctx, tag, titled(ctx.chars.values(), (STYLES[words[-1]],)))
    key = description_key(tag)
    if not key:
        return None
    rank = rank_of(key)
    ranked = holders(ctx.chars.values(), rank) if rank else set()
    if ranked:
        return _last_named(ctx, tag, ranked)
    known = ctx.by_name.get("the " + key) or ctx.by_name.get(key)
    if known is None and head_noun(key) in STRANGERS:
        return _named_next(ctx, key, tag)
    return known


# Heads of a description the story gives someone it has not named yet: "the stranger" is
# most often the one it names for the first time soon after.
STRANGERS = frozenset(("stranger", "newcomer", "new-comer"))
STRANGER_REACH = 20000  # characters after a description's first tag to its person's name


def first_namings(mentions) -> dict[str, int]:
    """Where the mentions, in text order, first name or describe each character."""
    out: dict[str, int] = {}
    for m in mentions:
        if m.character:
            out.setdefault(m.character, m.start)
    return out


def first_named(ctx: Context) -> dict[str, int]:
    """``first_namings`` of the story's mentions, worked out once."""
    if ctx.first_named is None:
        ctx.first_named = first_namings(ctx.doc.mentions)
    return ctx.first_named


def _named_next(ctx: Context, key: str, tag: Tag) -> str | None:
    """The character the story first names soonest after the first tag by this
    description, within STRANGER_REACH; None when it names no one new. Worked out once a
    tag: the candidates of every reading ask again."""
    if tag.start in ctx.named_next:
        return ctx.named_next[tag.start]
    first = next((t.start for t in ctx.doc.layer("tags")
                  if t is not None and description_key(t) == key and t.start >= tag.start
                  - STRANGER_REACH), tag.start)
    after = [(at, c) for c, at in first_named(ctx).items()
             if first < at <= first + STRANGER_REACH and c in ctx.chars]
    found = ctx.named_next[tag.start] = min(after)[1] if after else None
    return found


def _last_named(ctx: Context, tag: Tag, among: set[str]) -> str | None:
    """Of these characters, the one named last before the tag, else the most named one."""
    for m in ctx.scene.before(tag.start, 0):
        if m.character in among:
            return m.character
    return max(among, key=lambda c: ctx.chars[c].mentions, default=None)


def count_descriptions(ctx: Context, guesses: list[str | None]) -> None:
    """Who each description stands for, by the votes of a first reading: the Jew is Fagin."""
    votes: dict[str, dict[str, int]] = {}
    for tag, who in zip(ctx.doc.layer("tags"), guesses):
        key = description_key(tag)
        if key and who:
            box = votes.setdefault(key, {})
            box[who] = box.get(who, 0) + 1
    ctx.descriptions = votes
    ctx.voters = list(guesses)


# words that, a few before "to", make its object the one spoken to: "said she to Charlotte",
# "turning to her"
ADDRESSING = frozenset("turning turned turns addressing addressed".split())
# verbs whose object is the one spoken to: "she asked me", "Elizabeth told Jane"
TELLING = frozenset("ask asks asked asking tell tells told telling assure assures assured "
                    "remind reminds reminded warn warns warned urge urges urged beg begs "
                    "begged thank thanks thanked inform informs informed".split())
TOLD_REACH = 200  # characters of narration either side of a quote searched for "to X"
# what may follow "to her" when "her" is the listener, not an owner ("to her mother")
_AFTER_OBJECT = frozenset("and but in with as again once then for at across over from".split())
_WORD = re.compile(rf"[{LETTER}']+")
_CLAUSE_BREAK = re.compile(f"[.!?;{DOUBLE_MARKS}]")


def told_of(ctx: Context) -> list[list[str]]:
    """Per quote, whom the narration says it is said to (computed once per story)."""
    if ctx.told is None:
        ctx.told = [told_to(ctx, i) for i in range(len(ctx.doc.quotes))]
    return ctx.told


def told_to(ctx: Context, i: int) -> list[str]:
    """Whom the narration around quote i says it is said to: "said she to Charlotte",
    "Mr. Darcy, drawing near Elizabeth, said to her"."""
    doc, quotes = ctx.doc, ctx.doc.quotes
    text, q = doc.text, quotes[i]
    para = doc.paragraphs[q.paragraph]
    lo = max(para.start, quotes[i - 1].end if i > 0 else 0, q.start - TOLD_REACH)
    hi = min(para.end, quotes[i + 1].start if i + 1 < len(quotes) else len(text),
             q.end + TOLD_REACH)
    regions = [(lo, q.start)] + [(b, c) for (_, b), (c, _) in zip(q.spans, q.spans[1:])]
    regions.append((q.end, hi))
    found: list[str] = []
    for a, b in regions:
        for m in ctx.scene.between(a, b):
            if not _tells(text, max(a, m.start - 60), m.start) or m.attrs.get("possessive"):
                continue  # not told, or an owner: "asked Jane's sister"
            if m.kind == "pronoun":
                after = _WORD.match(text, m.end + 1) if text[m.end:m.end + 1] == " " else None
                if after and after.group().lower() not in _AFTER_OBJECT \
                        and not after.group().lower().endswith("ly"):
                    continue  # "to her mother": an owner, not the listener
            if m.character not in found:
                found.append(m.character)
    # the narration's "me" is no mention: "she asked me", "he said to me"
    if ctx.narrator and ctx.narrator not in found and any(
            _tells(text, max(a, m.start() - 60), m.start())
            for a, b in regions for m in _ME.finditer(text, a, b)):
        found.append(ctx.narrator)
    return found


_ME = re.compile(r"\bme\b(?!['\u2019])")


def _tells(text: str, a: int, b: int) -> bool:
    """Whether the narration text[a:b] ends saying whom a line is said to, the one named
    next: "she asked", "said she to", "Mr. Darcy, drawing near Elizabeth, said to"."""
    before = _CLAUSE_BREAK.split(text[a:b])[-1]
    words = [w.lower() for w in _WORD.findall(before)]
    if words and words[-1] in TELLING:
        return before.rstrip()[-1:].isalpha()
    return len(words) >= 2 and words[-1] == "to" and any(
        w in SPEECH_VERBS or w in ADDRESSING for w in words[-6:-1])


def turn_addressee(quotes: list[Quote], i: int) -> str | None:
    """Who quote i is said to, from the turns alone: the one who spoke just before in
    another paragraph of the conversation, else just after."""
    q = quotes[i]
    for j in (i - 1, i - 2, i + 1, i + 2):
        if in_conversation(quotes, i, j) and quotes[j].paragraph != q.paragraph:
            other = quotes[j].speaker
            if other and other != q.speaker:
                return other
    return None
