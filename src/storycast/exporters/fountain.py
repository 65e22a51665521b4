"""The ``.fountain`` exporter: the story as a screenplay, for podfic and audio drama.

Fountain (https://fountain.io) is plain text that screenplay editors open and typeset:

- a title page from the metadata: ``Title``, ``Credit``/``Author`` (the authors),
  ``Source`` (the story's address), ``Draft date``, ``Notes`` (the summary);
- each chapter a ``#`` section;
- narration as action paragraphs (reflowed; a line that would read as another element,
  such as a scene heading, is forced to action with ``!``);
- each quotation a dialogue block under its speaker's cue: the name in capitals, or
  ``@`` and the name as written when capitals would lose it (a name with no capital
  letters, like 李雷, one that capitals change, like Straße, or one that would read as a
  scene heading or a transition); ``UNKNOWN`` when no speaker was found; ``(CONT'D)``
  when the previous block of the chapter is the same speaker's;
- the speech tag dropped ("said Buffy"), its manner kept as a parenthetical
  ("with a smile"); narration inside a quotation ("Well," he said, lighting a
  cigarette, "...") becomes a parenthetical between its lines.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..document import Document
from ..network import is_heading, paragraph_spans
from . import register

UNKNOWN = "UNKNOWN"
MAX_MANNER_WORDS = 8
# Verbs of saying: a sentence made of one of these, its subject and a few words is a tag.
# Gestures (smiled, nodded, laughed) are not: they stay in the action.
SAY_VERBS = frozenset("""
say says said ask asks asked reply replies replied answer answers answered cry cries cried
exclaim exclaims exclaimed return returns returned continue continues continued add adds
added observe observes observed remark remarks remarked whisper whispers whispered mutter
mutters muttered murmur murmurs murmured shout shouts shouted call calls called repeat
repeats repeated begin begins began resume resumes resumed interrupt interrupts interrupted
rejoin rejoins rejoined retort retorts retorted respond responds responded inquire inquires
inquired enquire enquires enquired demand demands demanded suggest suggests suggested
declare declares declared explain explains explained protest protests protested insist
insists insisted yell yells yelled scream screams screamed snap snaps snapped hiss hisses
hissed growl growls growled snarl snarls snarled stammer stammers stammered stutter
stutters stuttered spoke speaks speak shriek shrieks shrieked plead pleads pleaded beg
begs begged warn warns warned tell tells told announce announces announced answer
interposed ventured echoed countered confessed urged drawled sobbed gasped breathed
""".split())
_PRONOUNS = frozenset("he she they i we it you".split())
_DETERMINERS = frozenset("the his her their my our your a an its that this".split())
_NOT_SUBJECT = frozenset("""with in to as and who that while which when but after before for
from of on at into without then again up out back down off aloud""".split())
_PARTICLES = frozenset("up out back again aloud on".split())
_WORD = re.compile(r"[^\s]+")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]*[A-Z0-9])")
_QUOTE_MARKS = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb"
_TRAILING = " \t,.;:!?"  # what follows a closing quote mark before the narration
_EDGE_PUNCT = " \t\n,.;:!?\u2014\u2013-" + _QUOTE_MARKS
_SCENE_HEADING = re.compile(r"(?:int|ext|est|int\.?/ext|i/e)[. ]", re.IGNORECASE)
_FORCED = ("!", "@", "~", ">", "=", "#", ".", "[[", "/*")


# -- the parts of a screenplay ------------------------------------------------------

@dataclass
class Dialogue:
    speaker: str | None  # character id
    cue: str
    parts: list[tuple[str, str]] = field(default_factory=list)  # ("line"|"paren", text)


@dataclass
class Action:
    text: str


@dataclass
class Section:
    title: str


# -- cues ---------------------------------------------------------------------------

def cue(name: str) -> str:
    """The character cue for ``name``: capitals, or ``@name`` when capitals would not do."""
    name = " ".join(name.split())
    upper = name.upper()
    lossy = upper.lower() != name.lower() or not any(ch.isupper() for ch in upper)
    misread = (upper.startswith(_FORCED) or "(" in upper or upper.endswith(("TO:", "^"))
               or bool(_SCENE_HEADING.match(upper)))
    return "@" + name if lossy or misread or not name else upper


# -- speech tags ----------------------------------------------------------------------

def _subject_length(words: list[str]) -> int:
    """How many of ``words`` make a tag's subject: a pronoun, a name, "the old man"."""
    if not words:
        return 0
    low = words[0].lower()
    if low in _PRONOUNS:
        return 1
    if low in _DETERMINERS:
        n = 1
        while n < len(words) and n < 3 and words[n].lower() not in _NOT_SUBJECT \
                and words[n].lower() not in SAY_VERBS:
            n += 1
        return n if n > 1 else 0
    n = 0
    while n < len(words) and n < 4 and words[n][:1].isupper() \
            and words[n].lower().rstrip(".,") not in SAY_VERBS:
        n += 1
    return n


@dataclass
class Tag:
    """A speech tag: "said Buffy with a smile" is ("Buffy", "said", "with a smile")."""

    subject: str
    verb: str
    manner: str

    @property
    def short(self) -> bool:
        """Short enough for its manner to be a parenthetical."""
        return len(self.manner.split()) <= MAX_MANNER_WORDS

    def as_action(self) -> str:
        """The tag as a sentence of action: "Buffy said while thinking ..."."""
        words = " ".join(w for w in (self.subject, self.verb, self.manner) if w)
        return words[:1].upper() + words[1:] + "."


def parse_tag(sentence: str) -> Tag | None:
    """The speech tag ``sentence`` is, or None: ``"said Buffy with a smile."`` ->
    ``Tag("Buffy", "said", "with a smile")``; ``"Spike smiled."`` -> None (a gesture).
    Punctuation alone is an empty tag."""
    words = [w.lstrip(_EDGE_PUNCT).rstrip(_EDGE_PUNCT.replace(".", "")) or w
             for w in _WORD.findall(sentence.strip(_EDGE_PUNCT))]  # "Mr." keeps its dot
    if not words:
        return Tag("", "", "")
    if words[0].lower() in SAY_VERBS:  # said Buffy, said the old man
        n = _subject_length(words[1:])
        if not n:
            return None
        verb, subject, rest = words[0], words[1:1 + n], words[1 + n:]
    else:  # Buffy said, the old man said, she quietly said
        n = _subject_length(words)
        after = words[n:]
        if after and after[0].lower().endswith("ly") and len(after) > 1:
            after = after[1:]
        if not n or not after or after[0].lower() not in SAY_VERBS:
            return None
        verb, subject, rest = after[0], words[:n], after[1:]
    while rest and rest[0].lower() in _PARTICLES:
        rest = rest[1:]
    return Tag(" ".join(subject), verb, " ".join(rest))


def _sentences(text: str) -> list[str]:
    text = " ".join(text.split())
    return [s for s in _SENTENCE_END.split(text) if s.strip(_EDGE_PUNCT)]


# -- building the screenplay ----------------------------------------------------------

def _dialogue_text(raw: str) -> str:
    return " ".join(raw.split())


def _join(first: str, second: str) -> str:
    """Two parts of a quotation its tag split: "Well," + "I think" -> "Well. I think"."""
    if first.endswith(",") and second[:1].isupper():
        first = first[:-1] + "."
    return f"{first} {second}"


class _Builder:
    """Walks one chapter's text in order, turning narration and quotes into elements."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.names = {c.id: c.name for c in doc.characters}
        self.items: list = []
        self.pending: list[str] = []  # sentences of the action paragraph being built
        self.before: str = ""  # a manner for the next dialogue, from a tag before it
        self.quotes = sorted(doc.quotes, key=lambda q: q.start)
        self.starts = [q.start for q in self.quotes]

    def flush(self) -> None:
        if self.pending:
            self.items.append(Action(" ".join(self.pending)))
            self.pending = []

    def narration(self, text: str, after_quote: bool, before_quote: bool) -> None:
        """Narration between quotes (or at a chapter's ends), split at blank lines.

        Its first sentence, right after a quote, may be that quote's tag; its last, running
        into a quote ("Spike said, "), the next quote's.
        """
        if after_quote:
            text = text.lstrip(_QUOTE_MARKS + _TRAILING)
        if before_quote:
            text = text.rstrip(_QUOTE_MARKS + " \t\n")
        blocks = [text[s:e] for s, e in paragraph_spans(text, 0, len(text))]
        for i, block in enumerate(blocks):
            if i > 0:
                self.flush()
            sentences = _sentences(block)
            if sentences and i == 0 and after_quote and self._last_dialogue():
                tag = parse_tag(sentences[0])
                if tag is not None:
                    if tag.short and tag.manner:
                        self._last_dialogue().parts.insert(0, ("paren", tag.manner))
                    sentences[0:1] = [] if tag.short else [tag.as_action()]
            if sentences and i == len(blocks) - 1 and before_quote:
                tag = parse_tag(sentences[-1])
                if tag is not None and tag.short and \
                        not sentences[-1].endswith((".", "!", "?")):
                    self.before = tag.manner
                    sentences = sentences[:-1]
            self.pending += sentences

    def _last_dialogue(self) -> Dialogue | None:
        if self.items and isinstance(self.items[-1], Dialogue) and not self.pending:
            return self.items[-1]
        return None

    def quote(self, quote) -> Dialogue:
        self.flush()
        name = self.names.get(quote.speaker)
        block = Dialogue(quote.speaker if name else None, cue(name) if name else UNKNOWN)
        if self.before:
            block.parts.append(("paren", self.before))
            self.before = ""
        text = self.doc.text
        for i, (start, end) in enumerate(quote.spans):
            if i:
                between = " ".join(text[quote.spans[i - 1][1]:start].split())
                tag = parse_tag(between)
                aside = tag.manner if tag is not None else between.strip(_EDGE_PUNCT)
                if aside:
                    block.parts.append(("paren", aside))
            line = _dialogue_text(text[start:end])
            if line and block.parts and block.parts[-1][0] == "line":
                block.parts[-1] = ("line", _join(block.parts[-1][1], line))
            elif line:
                block.parts.append(("line", line))
        if not any(kind == "line" for kind, _ in block.parts):
            block.parts.append(("line", "..."))
        last = max(i for i, (kind, _) in enumerate(block.parts) if kind == "line")
        if block.parts[last][1].endswith(","):  # "Hello Harmony," said Buffy.
            block.parts[last] = ("line", block.parts[last][1][:-1] + ".")
        self.items.append(block)
        return block

    def chapter(self, start: int, end: int, title: str) -> None:
        self.flush()
        text = self.doc.text
        if title:
            self.items.append(Section(title))
            first = next(((s, e) for s, e in paragraph_spans(text, start, end)
                          if text[s:e].strip()), None)
            if first and is_heading(text[first[0]:first[1]], title):
                start = first[1]
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end)
        quotes = self.quotes[lo:hi]
        pos, after = start, False
        for q in quotes:
            self.narration(text[pos:q.start], after, True)
            self.quote(q)
            pos, after = max(pos, q.end), True
        self.narration(text[pos:end], after, False)
        self.flush()


def screenplay(doc: Document) -> list:
    """The title-less list of Section, Action and Dialogue elements of ``doc``."""
    builder = _Builder(doc)
    chapters = [(c.start, c.end, c.label) for c in doc.chapters]
    if not chapters:
        body = doc.layer("body")
        chapters = [(body[0].start, body[0].end, "") if body else (0, len(doc.text), "")]
    for start, end, title in chapters:
        builder.chapter(start, end, title)
    return builder.items


# -- writing ------------------------------------------------------------------------

def _action_line(text: str) -> str:
    shouty = text.upper() == text and text.lower() != text  # all capitals
    if text.startswith(_FORCED) or _SCENE_HEADING.match(text) or shouty:
        return "!" + text
    return text


def _title_page(doc: Document) -> list[str]:
    meta = doc.metadata
    title = meta.get("title") or Path(str(doc.source.get("path", ""))).stem or "Untitled"
    lines = [f"Title: {' '.join(str(title).split())}"]
    authors = meta.get("authors") or []
    if isinstance(authors, str):
        authors = [authors]
    if authors:
        lines += ["Credit: Written by", "Author: " + " and ".join(str(a) for a in authors)]
    if meta.get("url"):
        lines.append(f"Source: {meta['url']}")
    date = meta.get("updated") or meta.get("published")
    if date:
        lines.append(f"Draft date: {date}")
    summary = meta.get("summary")
    if summary:
        lines.append("Notes:")
        lines += ["    " + " ".join(p.split()) for p in str(summary).split("\n\n") if p.strip()]
    return lines


def fountain(doc: Document) -> str:
    """The screenplay of ``doc`` as Fountain text."""
    out = _title_page(doc)
    previous: str | None = None
    for item in screenplay(doc):
        out.append("")
        if isinstance(item, Section):
            out.append("# " + " ".join(item.title.split()))
            previous = None
        elif isinstance(item, Action):
            out.append(_action_line(item.text))
        else:
            more = " (CONT'D)" if item.speaker and item.speaker == previous else ""
            out.append(item.cue + more)
            out += [f"({text})" if kind == "paren" else text for kind, text in item.parts]
            previous = item.speaker
    return "\n".join(out) + "\n"


@register(".fountain")
def write_fountain(doc: Document, path: Path) -> None:
    """Write ``doc`` to ``path`` as a Fountain screenplay, UTF-8."""
    Path(path).write_text(fountain(doc), encoding="utf-8")
