"""Speech tags: the narration that says who speaks ("said Buffy", "she replied", "Spike smiled and said,").

For each quote the tag, when there is one, gives its subject: a name, a pronoun or a
description ("the old man", "her sister"), with its offsets.  Resolving that subject to a
character is the speaker stage's work.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..document import Document
from ..letters import LETTER
from ..lexicon import (HONORIFICS, NON_NAMES, PARTICLES, POSTMODIFIERS, SPEECH_VERBS, STYLES,
                       TITLE_CLASS, common_words, noun_gender)
from ..spans import Quote
from . import stage
from .quotes import DOUBLE_MARKS, SINGLE_MARKS

_TOKEN = re.compile(rf"[{LETTER}][{LETTER}'\u2019]*(?:-[{LETTER}]+)*\.?|[^\s{LETTER}]")
_SENTENCE_BREAK = re.compile(rf"[.!?](?=[\s{DOUBLE_MARKS}{SINGLE_MARKS}]|$)")
_LAST_WORD = re.compile(rf"[{LETTER}]+$")
_DETERMINERS = {"a", "an", "the", "her", "his", "their", "my", "our", "its", "this", "that", "poor",
                "little", "old", "young", "one", "another"}
# "you" narrates only a story told in the second person (person.py); find_tags drops it else
_SUBJECT_PRONOUNS = {"he": "male", "she": "female", "i": "narrator", "they": None, "we": None,
                     "you": "narrator"}
_ADVERBS = {"then", "again", "now", "at", "last", "once", "still", "also", "only", "presently",
            "had", "has", "have", "was", "is", "did", "would", "could", "must", "might", "will",
            "suddenly", "softly", "quietly", "finally", "simply"}
_NP_STOP = {"with", "in", "to", "as", "and", "who", "that", "while", "which", "when", "but",
            "after", "before", "for", "from", "of", "on", "at", "into", "without", "ready",
            "wanting", "trying", "looking", "turning", "then", "again", "was",
            # what follows the person, not a part of it: "the policeman very gravely",
            # "the voice close to her", "the men would" (a determiner, "her", never stops
            # the phrase; an "-ing" after its head does, below)
            "very", "close", "would", "could", "should", "will", "shall", "can", "may",
            "him", "them", "me", "us", "it", "soon", "quite", "rather", "next"}
# Verbs that, closing a finished sentence, announce the speech that follows.
_INTRODUCING = frozenset("said began continued added replied answered observed remarked cried "
                         "exclaimed asked inquired enquired spoke resumed returned proceeded "
                         "declared explained rejoined whispered called say says begins "
                         "interposed interrupted persisted pursued ventured "
                         "suggested".split())
_QUOTE_CHARS = DOUBLE_MARKS + SINGLE_MARKS
# "put in Fielding", "broke out the Nawab": verbs that speak with a particle.
_PHRASAL = frozenset("put broke chimed cut struck burst went spoke piped joined".split())
_OUT_ONLY = frozenset(("brought", "threw"))  # "he brought out", not "brought up the rear"
_PARTICLES = frozenset(("in", "out", "up", "on"))


# Words opening a tag's sentence before its subject: '"Dear old boy." Then she cried:'
_CONNECTIVES = frozenset(("Then", "And", "But", "So", "Presently"))


BEAT = "beat"  # the verb of a beat: 'She folded the paper. "The side of whoever cooks."'


@dataclass(slots=True)
class Tag:
    """The subject of a speech tag, in the text's offsets."""

    kind: str  # name / pronoun / description
    text: str
    start: int
    end: int
    verb: str
    position: str  # after / inside / before
    gender: str | None = None


def untagged(tag: Tag | None) -> bool:
    """Whether a quote has no speech tag: none at all, or only a beat before it."""
    return tag is None or tag.verb == BEAT


def _tokens(text: str, offset: int) -> list[tuple[str, int, int]]:
    return [(m.group(), offset + m.start(), offset + m.end()) for m in _TOKEN.finditer(text)]


def _is_speech_verb(word: str, loose: bool) -> bool:
    w = word.lower().rstrip(".")
    if w.endswith("ing") and len(w) > 5 and w != "thinking":  # "calling out", "observing"
        stem = w[:-3]
        return any(v in SPEECH_VERBS for v in (stem, stem + "e", stem[:-1]))
    return w in SPEECH_VERBS or (loose and len(w) > 4 and w.endswith("ed"))


def _phrasal(tokens: list[tuple[str, int, int]], n: int) -> bool:
    """Whether tokens[n] and the particle after it say a line: "broke out", "put in"."""
    if n + 1 >= len(tokens):
        return False
    word, particle = tokens[n][0], tokens[n + 1][0].rstrip(".,;:")
    return (word in _PHRASAL and particle in _PARTICLES
            or word in _OUT_ONLY and particle == "out")


def _is_name_word(word: str, initial: bool = False) -> bool:
    """A capitalised word that can be (part of) a name.

    An ordinary word capitalised because it opens a sentence ("Well", "May I") is not,
    but the same word inside a sentence is ("said May").
    """
    low = word.lower().rstrip(".")
    if not word[:1].isupper() or low in _SUBJECT_PRONOUNS:
        return False
    if low in HONORIFICS:
        return True
    return low not in NON_NAMES and not (initial and low in common_words())


def _noun_phrase(tokens: list[tuple[str, int, int]], i: int, initial: bool = False) -> Tag | None:
    """Parse a subject at tokens[i]: a pronoun, a (possibly modified) name, or a description."""
    if i >= len(tokens):
        return None
    word, s, e = tokens[i]
    low = word.lower().rstrip(".")
    if low in _SUBJECT_PRONOUNS:
        word, e = word.rstrip("."), s + len(word.rstrip("."))
        return Tag("pronoun", word, s, e, "", "", _SUBJECT_PRONOUNS[low])
    j = i
    ended = False
    while j < len(tokens) and j < i + 4 and not _is_name_word(tokens[j][0], initial and j == i) and (
        tokens[j][0].lower() in _DETERMINERS or (j > i and (tokens[j][0].islower() or
                                                           tokens[j][0].lower().rstrip(".") in STYLES))
        and tokens[j][0].lower() not in _NP_STOP
        and not (j > i + 1 and _is_speech_verb(tokens[j][0], False))  # "the subaltern cried"
        and not (j > i + 1 and tokens[j - 1][0] in _PERSON_HEADS
                 and _is_speech_verb(tokens[j][0], True))  # "her husband conceded"
        and not (j > i + 1 and tokens[j][0].endswith("ing"))  # "the boy falling back"
        and not (j > i + 1 and tokens[j][0].endswith("ed") and j + 1 < len(tokens)
                 and tokens[j + 1][0].lower() in _DETERMINERS)
    ):  # "The cyclist jabbed a gloved finger": a verb and its object end the phrase
        j += 1
        if tokens[j - 1][0].endswith("."):
            ended = True  # "said the other. Elizabeth thought": the phrase ends with its sentence
            break
    if not ended and j < len(tokens) and _is_name_word(tokens[j][0], initial and j == i):
        return _name(tokens, j)
    if low == "the" and j == i + 2 and tokens[i + 1][0].lower() == "voice" and j < len(tokens) \
            and tokens[j][0] == "of":
        k = j + 1  # "the voice of old Mr. Emerson" is Mr. Emerson's
        if k + 1 < len(tokens) and tokens[k][0].islower() and _is_name_word(tokens[k + 1][0]):
            k += 1
        if k < len(tokens) and _is_name_word(tokens[k][0]):
            return _name(tokens, k)
    if low in _DETERMINERS and j > i:
        # "the old man", "her sister": determiner, modifiers, head noun.
        words = [(w.rstrip("."), a, a + len(w.rstrip("."))) for w, a, _ in tokens[i:j]]
        words = [t for t in words if t[0].replace("-", "").isalpha()]
        while len(words) > 2 and words[-1][0].endswith("ly"):
            words.pop()  # "his wife impatiently": the manner, not the person
        if len(words) >= 2:
            return _description(words)
    return None


def _description(words: list[tuple[str, int, int]]) -> Tag:
    """A description tag over these words: "the old man"."""
    return Tag("description", " ".join(w[0] for w in words), words[0][1], words[-1][2], "", "")


# Honorifics a story may call someone by alone, as their name: "answered Mademoiselle".
_ADDRESSED_ALONE = frozenset(("madame", "mademoiselle", "monsieur"))


def _name(tokens: list[tuple[str, int, int]], j: int) -> Tag | None:
    """The name starting at tokens[j]: "Mr. Darcy", "Mr. van der Luyden", "Lady Catherine"."""
    k = j
    while k + 1 < len(tokens):
        nxt, here = tokens[k + 1][0], tokens[k][0]
        if here.endswith(".") and len(here) > 2 and here[:-1].lower() not in HONORIFICS:
            break  # the sentence ends with the name: '"..." said Adela. Mrs. Moore smiled.'
        if _is_name_word(nxt):
            k += 1
        elif nxt in PARTICLES and k + 2 < len(tokens) and tokens[k + 2][0][:1].isupper():
            k += 2
        elif nxt in PARTICLES and k + 3 < len(tokens) and tokens[k + 2][0] in PARTICLES \
                and tokens[k + 3][0][:1].isupper():
            k += 3
        else:
            break
    text = " ".join(t[0] for t in tokens[j:k + 1]).rstrip(".")
    if k == j and text.lower() in TITLE_CLASS and text.lower() not in _ADDRESSED_ALONE:
        return None  # "Mr." alone; but "the King" or "the Captain" is someone
    end = tokens[k][2] - (len(tokens[k][0]) - len(tokens[k][0].rstrip(".")))  # as the text
    return Tag("name", text, tokens[j][1], end, "", "")


def _epithet_name(tokens: list[tuple[str, int, int]], j: int) -> Tag | None:
    """"said dour Major Callendar", "sighed pleasure-loving Miss Derek": one word of
    character, then the name."""
    word = tokens[j][0] if j < len(tokens) else ""
    if j + 1 < len(tokens) and word.islower() and word.replace("-", "").isalpha() \
            and word.lower() not in _NP_STOP and _is_name_word(tokens[j + 1][0]):
        return _name(tokens, j + 1)
    return None


_OWNERS = {"his": "male", "her": "female", "my": "narrator"}
_VOICES = frozenset(("voice", "tone"))


def _drop_possessive(np: Tag) -> None:
    """Takes the possessive off a name tag: "Catherine's" is Catherine."""
    if np.text.endswith(("'s", "\u2019s")):
        np.text, np.end = np.text[:-2], np.end - 2


def voice_owner(tokens: list[tuple[str, int, int]], closing: bool = False) -> Tag | None:
    """A sentence whose subject is someone's voice: "His voice was rough.", "Mom's voice cut
    through the noise.": the one whose voice it is speaks the quotation beside it.  With
    ``closing`` the voice may end the words: '"..." came the Collector's voice.'"""
    if len(tokens) < (2 if closing else 3):
        return None
    word, s, e = tokens[0]
    if word.lower() in _OWNERS and tokens[1][0].lower().rstrip(".,;") in _VOICES:
        return Tag("pronoun", word, s, e, "voice", "", _OWNERS[word.lower()])
    np = _noun_phrase(tokens, 0, initial=True)
    if np is None or np.kind != "name" or not np.text.endswith(("'s", "\u2019s")):
        return None
    k = next((n for n, t in enumerate(tokens) if t[1] >= np.end), len(tokens))
    if k + (not closing) < len(tokens) and tokens[k][0].lower().rstrip(".,;") in _VOICES:
        _drop_possessive(np)
        np.verb = "voice"
        return np
    return None


def tag_after(text: str, start: int, end: int, loose: bool, inside: bool = False) -> Tag | None:
    """A tag in the narration that follows a quote: "said Buffy", "Harmony said", "he replied".

    ``loose`` accepts any "-ed" verb; ``inside`` (narration between two pieces of one
    quote, which can only be a tag) any verb at all: "I wonder," Winsett broke off, "how...".
    """
    tokens = _tokens(text[start:end], start)
    while tokens and tokens[0][0] in ",;:-\u2014":
        tokens.pop(0)
    if not tokens or tokens[0][0][0] in ".!?" or tokens[0][0][:1] in _QUOTE_CHARS:
        return None
    owner = None if inside else voice_owner(tokens)  # '"Five minutes." His voice was rough.'
    if owner is None and tokens[0][0] == "came":
        owner = voice_owner(tokens[1:], closing=True)  # '"..." came the Collector's voice.'
    if owner is not None:
        owner.position = "after"
        return owner
    if tokens[0][0] == "from" and len(tokens) > 1:  # '"M--m--m!" from Mr. Wilcox, who thought'
        np = _noun_phrase(tokens, 1)
        if np is not None and (np.kind == "name" or np.kind == "description"
                               and np.text.split()[-1].lower() in _PERSON_HEADS):
            np.verb, np.position = "from", "after"
            return np
    burst = _burst_from(tokens)  # '"Those dreadful insects!" burst from William'
    if burst is not None:
        return burst
    if inside and len(tokens) > 2 and tokens[0][0] in _CONNECTIVES and \
            _SUBJECT_PRONOUNS.get(tokens[1][0].lower()):
        tokens = tokens[1:]  # '"Dear old boy." Then she cried: "Ronny, ..."'
    if len(tokens) > 3 and tokens[0][0] == "was" and tokens[1][0] in ("all", "only") \
            and tokens[2][0].lower() in ("he", "she") and _is_speech_verb(tokens[3][0], False):
        word, a, b = tokens[2]  # '"Can Mrs. Moore be with me?" was all she said.'
        return Tag("pronoun", word, a, b, tokens[3][0].lower().rstrip("."), "after",
                   _SUBJECT_PRONOUNS[word.lower()])
    i = 0
    while i < 2 and i < len(tokens) and tokens[i][0].lower().endswith("ly") and tokens[i][0].islower():
        i += 1
    verb = tokens[i][0].lower().rstrip(".") if i < len(tokens) else ""
    if i < len(tokens) and tokens[i][0].islower() and (
            _is_speech_verb(tokens[i][0], loose) or _phrasal(tokens, i)):
        j = i + 1
        if j < len(tokens) and tokens[j][0] in _PARTICLES:
            j += 1  # "put in Fielding", "broke out the Nawab"
        np = _noun_phrase(tokens, j) or _epithet_name(tokens, j)
        if np is not None and np.kind == "name" and _owns_another(tokens, np):
            return None  # "answered Daisy's mamma": someone of hers
        if np is not None:
            np.verb, np.position = verb, "after"
            return np
    told = _told_after(tokens)
    if told is not None:
        return told
    if tokens[0][0] == "was" and len(tokens) > 2 and tokens[1][0] in ("his", "her"):
        word, a, b = tokens[1]  # "was her answer"
        return Tag("pronoun", word, a, b, "was", "after", "male" if word == "his" else "female")
    if tokens[0][0] == "was" and len(tokens) > 1:
        at = 2 if tokens[1][0] in ("all", "only", "then") else 1  # "was all Lady Bertram's reply"
        np = _noun_phrase(tokens, at)  # "was Mr. Emerson's reply"
        if np is not None and np.kind == "name" and np.text.endswith(("'s", "\u2019s")) \
                and len(tokens) > 2:
            _drop_possessive(np)
            np.verb, np.position = "was", "after"
            return np
        if np is not None and np.kind == "name" \
                and _possessed(tokens, np).rstrip(".,;") in _UTTERANCES:
            np.verb, np.position = "was", "after"  # "was Henry s answer": an apostrophe lost
            return np
    np = _noun_phrase(tokens, 0)
    if np is None:
        return None
    k = next((n for n, t in enumerate(tokens) if t[1] >= np.end), len(tokens))
    if loose and k < len(tokens) and tokens[k][0] in ("heard", "overheard"):
        # '"..." he heard her mother say': the one heard
        verb = next((n for n in range(k + 2, min(k + 6, len(tokens)))
                     if _is_speech_verb(tokens[n][0], False)), None)
        heard = _heard(tokens, verb) if verb is not None else None
        if heard is _UNHEARD:
            return None
        if heard is not None:
            heard.verb, heard.position = tokens[verb][0].lower().rstrip("."), "after"
        return heard
    for n in range(k, min(k + 4, len(tokens))):
        word = tokens[n][0]
        phrasal = _phrasal(tokens, n)  # '"..." he burst out.'
        # inside a quote any verb will do, but not a pronoun: '"..." Suddenly he became grave'
        if word.islower() and (_is_speech_verb(word, loose) or phrasal
                               or inside and n == k and word.isalpha()
                               and word not in _SUBJECT_PRONOUNS):
            if _denied(tokens, n, ("without",)) and not inside:
                return None  # '"..." Marianne said no more, but looked exceedingly hurt.'
            np.verb, np.position = word.lower().rstrip("."), "after"
            return np
        if not (word.lower() in _ADVERBS or word.lower().endswith("ly")):
            break
    return None


# Verbs of words escaping someone: '"..." at last broke explosively from Janey.'
_ESCAPES = frozenset("burst broke came escaped".split())


def _burst_from(tokens: list[tuple[str, int, int]]) -> Tag | None:
    """A line that bursts from someone: "burst from William", "came at last from Mr. Bennet"."""
    n = 0
    verb = None
    while n < min(6, len(tokens) - 1):
        word = tokens[n][0]
        if verb is None and word in _ESCAPES:
            verb = word
        elif word == "from" and verb is not None:
            np = _noun_phrase(tokens, n + 1)
            if np is not None and np.kind == "name":
                np.verb, np.position = verb, "after"
                return np
            return None
        elif not (word in ("at", "last", "then", "suddenly")
                  or word.islower() and word.endswith("ly")):
            return None
        n += 1
    return None


def _told_after(tokens: list[tuple[str, int, int]]) -> Tag | None:
    """Narration after a line that says whose it was: '"..." was uttered at the same moment
    by Catherine', '"..." was an artless exclamation of Catherine's'."""
    if len(tokens) < 3 or tokens[0][0] not in ("was", "were"):
        return None
    if tokens[1][0].endswith("ed") and _is_speech_verb(tokens[1][0], True):
        by = next((n for n in range(2, min(10, len(tokens) - 1)) if tokens[n][0] == "by"), None)
        if by is None or any(t[0] in ".;!?" for t in tokens[2:by]):
            return None
        np = _noun_phrase(tokens, by + 1)
        if np is not None and np.kind == "name":
            np.verb, np.position = tokens[1][0].lower(), "after"
            return np
        return None
    if tokens[1][0] not in ("a", "an", "the"):
        return None
    n = 2
    while n < min(6, len(tokens)) and tokens[n][0].islower() and tokens[n][0] not in _UTTERANCES:
        n += 1
    if n + 2 < len(tokens) and tokens[n][0] in _UTTERANCES and tokens[n + 1][0] == "of":
        np = _noun_phrase(tokens, n + 2)
        if np is not None and np.kind == "name":
            _drop_possessive(np)
            np.verb, np.position = tokens[n][0], "after"
            return np
    return None


def _last_sentence_breaks(chunk: str, count: int = 2) -> list[int]:
    """Ends of the last ``count`` sentences in ``chunk``; "Mr." and other honorifics end none."""
    out: list[int] = []
    for m in reversed(list(_SENTENCE_BREAK.finditer(chunk))):
        word = _LAST_WORD.search(chunk, max(0, m.start() - 12), m.start())
        if m.group() == "." and word and word.group().lower() in HONORIFICS:
            continue
        out.append(m.end())
        if len(out) == count:
            break
    return out[::-1]


def _last_sentence(text: str, start: int, end: int) -> tuple[list[tuple[str, int, int]], bool]:
    """The tokens of the last sentence of ``text[start:end]``, and whether it is finished."""
    chunk = text[start:end].rstrip()
    breaks = _last_sentence_breaks(chunk)  # the last is the narration's end, or the one before
    finished = bool(breaks) and breaks[-1] >= len(chunk) - 1
    if finished:
        breaks = breaks[:-1]
    sentence_start = start + (breaks[-1] if breaks else 0)
    return _tokens(text[sentence_start:start + len(chunk)], sentence_start), finished


def tag_before(text: str, start: int, end: int, finished_ok: bool = False) -> Tag | None:
    """A tag closing the narration before a quote: "Spike smiled and said," / "she said".

    With ``finished_ok`` a narration that ends its sentence may still be a tag, when the
    speech verb closes it ("Mrs. Hurst began again.").
    """
    tokens, finished = _last_sentence(text, start, end)
    while len(tokens) > 2 and tokens[-1][0] in "-\u2014" and tokens[-2][0] in ":-\u2014":
        tokens.pop()  # "Emma thus moralised to herself:--": a colon still
    owner = voice_owner(tokens) if finished and not finished_ok else None
    if owner is not None:  # 'Her voice softened. "Fine."'
        owner.position = "before"
        return owner
    if finished and not finished_ok:
        return None  # the narration is a finished sentence: no tag leads into the quote
    closing = _closing_verb(tokens) if finished else None  # "he went on in a low voice."
    if finished and not any(t[0].lower().rstrip(".") in _INTRODUCING for t in tokens[-3:]) \
            and [t[0] for t in tokens[-2:]] != ["went", "on."] \
            and closing is None:  # "Sir Thomas ... went on."
        return None
    if not tokens:
        return None
    owned = _owned_words(tokens)
    if owned is not None:  # "Mary's declaration was,"
        return owned
    ends_open = tokens[-1][0] in ",:-\u2014" or len(tokens) <= 6
    with_verb = _verb_with(tokens)
    if with_verb is not None and _passive(tokens, with_verb):
        return None  # "and was immediately greeted with,": the subject hears the line
    for n in range(len(tokens) - 1, -1, -1):
        word = tokens[n][0]
        phrasal = _phrasal(tokens, n)  # "she broke out:"
        if word.islower() and (_is_speech_verb(word, False) or phrasal) and (
                ends_open or n >= len(tokens) - 3 or _said_to_end(tokens, n)
                or n == closing):
            if finished and _denied(tokens, n):
                return None  # "Edmund ... had nothing to say.": the one who does not speak
            if _passive(tokens, n) or word.endswith("ed") and tokens[n + 1:n + 2] \
                    and tokens[n + 1][0] == "by":
                # "She was interrupted by Mrs. Allen:" is Mrs. Allen's; "she was asked," no
                # one's; "when thus accosted by Miss Bingley," Miss Bingley's
                by = _noun_phrase(tokens, n + 2) if tokens[n + 1:n + 2] and \
                    tokens[n + 1][0] == "by" else None
                if by is not None:
                    by.verb, by.position = word.lower(), "before"
                return by
            inverted = _inverted_subject(tokens, n)  # "thus spoke Mary:", "Then cried Lydia,"
            if inverted is not None:
                inverted.verb, inverted.position = word.lower(), "before"
                return inverted
            after = [t[0].lower().rstrip(".") for t in tokens[n + 1:]]
            if finished and "to" in after and not (
                    after[after.index("to") + 1:][:1] and _talks(after[after.index("to") + 1])):
                return None  # "she began to color.", not "George began to talk."
            subject = _subject_before(tokens, n)
            if subject is not None:
                subject.verb, subject.position = word.lower().rstrip("."), "before"
            return subject
    if tokens[-1][0] == ":" and len(tokens) > 1:
        # "he jerked out:", "she turned to him:": a colon hands the clause's subject the word,
        # and a verb right before it is the verb ("After a moment's silence William jerked
        # out:", its subject next to it)
        k = len(tokens) - 2
        if k > 0 and tokens[k][0] in _PARTICLES:
            k -= 1
        at = k if tokens[k][0].islower() and tokens[k][0].endswith("ed") else len(tokens) - 1
        subject = _subject_before(tokens, at)
        if subject is not None:
            subject.verb, subject.position = ":", "before"
        return subject
    if with_verb is not None:
        # "He cut her short with,": the line is what the subject does it with
        subject = _subject_before(tokens, with_verb)
        if subject is not None:
            subject.verb, subject.position = tokens[with_verb][0], "before"
        return subject
    return None


# What may stand between a verb and the "with" that brings in the line: "cut her short with"
_WITH_OBJECTS = frozenset("her him them me us herself himself themselves short".split())
# Before a participle, the words that make it passive: "was greeted", "found herself addressed"
_PASSIVE_BEFORE = frozenset("was were been being be is are herself himself themselves".split())


def _inverted_subject(tokens: list[tuple[str, int, int]], n: int) -> Tag | None:
    """The subject set after the speech verb at tokens[n] that ends the lead-in: "and, in an
    unhappy mood, thus spoke Mary:", "Then cried Lydia,", "Up spoke the Captain:"."""
    end = len(tokens) - (tokens[-1][0] in ",:")
    if n + 1 >= end or tokens[n + 1][0].lower() in _SUBJECT_PRONOUNS:
        return None
    k = n - 1  # the verb opens its clause, after words that invert it
    while k >= 0 and tokens[k][0].lower() in _INVERTING | {"and"}:
        k -= 1
    if k >= 0 and tokens[k][0] not in ",;:" or all(t[0] == "and" for t in tokens[k + 1:n]):
        return None  # "the Hilberys called Sir Francis", "and warned Aziz": an object
    np = _noun_phrase(tokens[:end], n + 1)
    last = tokens[end - 1]
    if np is None or np.kind != "name" or np.end != last[2] - (
            len(last[0]) - len(last[0].rstrip("."))):
        return None
    return np


# Words before a speech verb that set its subject after it: "thus spoke Mary", "Then cried
# Lydia", "Up spoke the Captain".
_INVERTING = frozenset("thus then so up out now here there next again presently".split())


def _verb_with(tokens: list[tuple[str, int, int]]) -> int | None:
    """The verb of a lead-in ending on "with" ("he cut her short with,", "Mrs. Weston ended
    with"), where the line says what it is done with."""
    n = len(tokens) - 1
    if n >= 0 and tokens[n][0] in ",:":
        n -= 1
    if n < 1 or tokens[n][0] != "with":
        return None
    n -= 1
    while n > 0 and (tokens[n][0] in _WITH_OBJECTS or tokens[n][0].endswith("ly")):
        n -= 1
    word = tokens[n][0]
    return n if word.isalpha() and word.islower() and word not in _NP_STOP else None


def _passive(tokens: list[tuple[str, int, int]], verb: int) -> bool:
    """Whether the verb is a participle said of its subject: "was greeted", "was interrupted
    by Mrs. Allen", "found herself abruptly addressed"."""
    if not tokens[verb][0].endswith("ed"):
        return False
    n = verb - 1
    while n >= 0 and tokens[n][0].islower() and (tokens[n][0].endswith("ly") or
                                                 tokens[n][0] in ("then", "again", "now")):
        n -= 1
    return n >= 0 and tokens[n][0].lower() in _PASSIVE_BEFORE


# What someone says, owned: "Mary's declaration was," "Elizabeth's answer was:"
_UTTERANCES = frozenset("reply answer rejoinder response declaration exclamation remark "
                        "observation comment question words cry retort consolation information "
                        "inquiry enquiry conclusion advice greeting".split())
# words that may stand between the owner and the words: "her usual remark was"
_UTTERANCE_KINDS = frozenset("first usual only whole last sole ready next calm quick".split())


def _owned_words(tokens: list[tuple[str, int, int]]) -> Tag | None:
    """The owner of the words a lead-in announces: "Mary's declaration was," or "His answer
    was:" (the sentence ending on "was" and a comma or colon), or "Lady Bertram's calm
    inquiry of"."""
    if len(tokens) >= 3 and tokens[-1][0] == "of" and tokens[-2][0].lower() in _UTTERANCES:
        was = len(tokens) - 1  # "Lady Bertram's calm inquiry of": "of" stands for "was,"
    elif len(tokens) < 4 or tokens[-1][0] not in ",:":
        return None
    else:  # "was," / "was:", or one word after it: "His answer was puzzling:"
        was = next((k for k in (len(tokens) - 2, len(tokens) - 3) if tokens[k][0] == "was"),
                   None)
    if was is None or was < 2 or tokens[was - 1][0].lower() not in _UTTERANCES:
        return None
    owner = was - 2
    if tokens[owner][0].lower() in _UTTERANCE_KINDS and owner >= 1:
        owner -= 1  # "her usual remark was"
    word, s, e = tokens[owner]
    if word.lower() in _OWNERS and _OWNERS[word.lower()] != "narrator":
        return Tag("pronoun", word, s, e, "was", "before", _OWNERS[word.lower()])
    split = owner >= 1 and word in ("s", "'s")
    if split:
        owner -= 1  # "Mary s declaration": an apostrophe lost
    name = tokens[owner][0]
    if not (name.endswith(("'s", "\u2019s")) or split):
        return None
    j = owner
    while j > 0 and _is_name_word(tokens[j - 1][0], initial=j == 1):
        j -= 1
    np = _noun_phrase(tokens, j) if _is_name_word(tokens[j][0], initial=j == 0) else None
    if np is None or np.kind != "name":
        return None
    _drop_possessive(np)
    np.verb, np.position = "was", "before"
    return np


def _talks(word: str) -> bool:
    return word in ("talk", "speak") or _is_speech_verb(word, False)


def _possessed(tokens: list[tuple[str, int, int]], np: Tag) -> str:
    """The token a possessive name owns: "mamma" in "Daisy's mamma" and in "Daisy s mamma"
    (an apostrophe lost); "" when the name owns nothing."""
    k = next((n for n, t in enumerate(tokens) if t[1] >= np.end), len(tokens))
    if not np.text.endswith(("'s", "\u2019s")):
        if k == len(tokens) or tokens[k][0] not in ("s", "'s", "\u2019s"):
            return ""
        k += 1
    return tokens[k][0] if k < len(tokens) else ""


def _owns_another(tokens: list[tuple[str, int, int]], np: Tag) -> bool:
    """Whether a name is a possessive owning a person: "Daisy's mamma", "Daisy s mamma"."""
    owned = _possessed(tokens, np).rstrip(".,;:!?")
    return owned.isalpha() and owned.islower() and owned not in _VOICES  # "Hamidullah's voice"


_DENYING = frozenset("not nothing never no without n't cannot".split())


def _denied(tokens: list[tuple[str, int, int]], verb: int, but: tuple[str, ...] = ()) -> bool:
    """Whether the speech verb is denied: "had nothing to say", "did not answer", "said
    nothing".  Asked only of a sentence the verb closes: one that leads on into the line
    denies it to say it after all ("could not help saying,", "said nothing else but,")."""
    near = [t[0].lower().rstrip(".") for t in tokens[max(0, verb - 3):verb + 2]]
    return any((w in _DENYING and w not in but) or w.endswith("n't") for w in near)


_SPEECH_NOUNS = frozenset("defence defense story tale account narrative remarks remark "
                          "questions inquiries enquiries explanation argument speech "
                          "reproaches complaint complaints lecture harangue".split())
_MANNER_REACH = 8  # words a manner phrase after the verb may have: "with a sort of ..."


def _closing_verb(tokens: list[tuple[str, int, int]]) -> int | None:
    """The verb of a finished sentence that leads into the line though words follow it:
    how the speaker goes on ("he went on with a sort of desperate calmness.", "she added
    in a lower voice.") or what about ("Then she continued her defence of Signor
    Carella.").  None when no such verb closes the sentence."""
    words = [t[0].lower().rstrip(".") for t in tokens]
    for n in range(len(words) - 2, 0, -1):
        rest = words[n + 1:]
        if words[n] == "on" and words[n - 1] == "went":
            verb = n - 1
        elif words[n] in _INTRODUCING:
            verb = n
        else:
            continue
        if not rest or len(rest) > _MANNER_REACH or any(not w[:1].isalpha() for w in rest):
            return None
        if rest[0] in ("with", "in") and len(rest) > 1:
            rest = rest[1:]  # "with a sort of calmness", "in her usual manner"
            if rest[0] in ("a", "an") or rest[0] == "the" and rest[1:2] == ["same"]:
                return verb
        if rest[0] in _OWNERS and len(rest) > 1 and (rest[1] in _SPEECH_NOUNS
                                                     or rest[-1] in _MANNER):
            return verb  # not "went on with his dinner"
        return None
    return None


def _said_to_end(tokens: list[tuple[str, int, int]], verb: int) -> bool:
    """Whether the lead-in ends with the verb and whom it is said to: "The Queen turned
    angrily away from him, and said to the Knave"."""
    rest = [t[0] for t in tokens[verb + 1:]]
    return 2 <= len(rest) <= 5 and rest[0] == "to" and all(w[:1].isalpha() for w in rest)


def beat_before(text: str, start: int, end: int) -> Tag | None:
    """A beat: the finished sentence that leads into a quote opens with "He", "She" or "I"
    and a verb ('She folded the paper. "The side of whoever is cooking."'), and the one who
    acts just before a line says it, as a tag's pronoun would.  Not a speech tag, so the
    quote stays untagged (``untagged``); a beat opened by a name is the speaker stage's
    (context.beat_speaker)."""
    tokens, finished = _last_sentence(text, start, end)
    if not finished:
        return None  # the narration does not end its sentence: a tag's place, or nothing
    if len(tokens) < 2 or tokens[0][0] not in _BEAT_PRONOUNS:
        return None
    verb = tokens[1][0].rstrip(".")  # "He laughed."
    if not (verb.isalpha() and verb.islower()):
        return None
    if any(t[0].rstrip(".") in SILENT_WORDS for t in tokens):
        return None  # 'She was still silent. "..."': someone else speaks
    word, s, e = tokens[0]
    return Tag("pronoun", word, s, e, BEAT, "before", _SUBJECT_PRONOUNS[word.lower()])


_BEAT_PRONOUNS = frozenset(("He", "She", "I"))
# Words that keep the one a sentence is about from speaking: no beat of theirs leads in a
# line ('She was still silent. "..."'); context.py adds words telling what they said.
SILENT_WORDS = frozenset(("silent", "speechless"))

# Words after which a name still opens its clause, so may be its subject.
_CLAUSE_OPENERS = frozenset("and but then so when while as till until whereupon where that who "
                            "which if though although because yet or nor now once even just too "
                            "not never soon afterwards afterward later meanwhile next here there "
                            "thereupon instantly directly".split())
# Words opening a clause within the sentence whose subject is not the speech verb's: "assured
# her that they never sat there after dinner; and then added".
_COMPLEMENTIZERS = frozenset("that whether if".split())
# "Emma heard him say": the one heard is the speaker.
_HEARING = frozenset("heard hear hears hearing overheard overhear overhearing".split())
_OBJECT_PRONOUNS = {"him": "male", "her": "female", "them": None, "it": None}
# Words after which a name is an object, even just before a phrase set off by commas:
# "looked at Harriet, smiling, and said" is not said by Harriet.
_OBJECT_BEFORE = frozenset("to at with for from by of on in into upon towards toward near about "
                           "after before behind than like and or".split())
# Of those, the ones that may yet lead to the one who speaks: "and Das, the more
# articulate, said", "met by Mr. Allen, who said"
_NOT_AGENTLESS = frozenset(("and", "or", "by"))
# Heads of a described subject at the start of its clause: "the other said", "her mother added".
_PERSON_HEADS = frozenset("other man woman gentleman lady girl boy child mother father wife "
                          "husband sister brother aunt uncle son daughter cousin friend companion "
                          "stranger doctor partner host hostess guest visitor servant maid nurse "
                          "neighbour neighbor master mistress lover".split())


_POSTMODIFYING = frozenset("in with at from by near behind beside on of".split())


def _postmodified(tokens: list[tuple[str, int, int]], head: int, last: int) -> bool:
    """Whether a few small words after the head ("the man in the green coat") carry its
    phrase on up to tokens[last]."""
    if head + 1 > last or tokens[head + 1][0].lower() not in _POSTMODIFYING or last - head > 6:
        return False
    return all(t[0].isalpha() and t[0].islower() for t in tokens[head + 1:last + 1])


def _opens_clause(tokens: list[tuple[str, int, int]], n: int) -> bool:
    """Whether the phrase starting at tokens[n] can be a subject: nothing, punctuation, a
    capitalised word, a conjunction or an adverb before it, not a verb or preposition
    ("hit it back to Aziz and called" is said by the hitter, not by Aziz)."""
    if n > 0 and tokens[n - 1][0].lower() == "the":
        n -= 1
    if n == 0:
        return True
    before = tokens[n - 1][0]
    low = before.lower()
    if low in _AT_PHRASES and n >= 2 and tokens[n - 2][0].lower() == "at":
        return True  # "At length Darcy spoke, and ... said"
    return (not before[:1].isalpha() or not before.islower() or low in _CLAUSE_OPENERS
            or (low in _ADVERBS and low != "at") or low.endswith("ly"))  # "looked at Katharine"


_AT_PHRASES = frozenset(("length", "last", "once", "first"))  # adverbs opening with "at"


def _owns_or_leads(tokens: list[tuple[str, int, int]], n: int, verb: int) -> bool:
    """A name that still speaks from an object's place: "without Mr. Woodhouse's saying",
    "met by Mr. Allen, who, on hearing it, said"; not "called Mr. Crawford's attention to
    her sister, by saying", where the possessive owns something else."""
    word = tokens[n][0]
    split = n + 1 < len(tokens) and tokens[n + 1][0] in ("s", "'s")
    if word.endswith(("'s", "\u2019s")) or split:
        owned = n + split + 1  # what the possessive owns: the saying, or another doing
        return owned < len(tokens) and (owned >= verb or tokens[owned][0].endswith("ing"))
    return (n + 2 < len(tokens) and tokens[n + 1][0] == ","
            and tokens[n + 2][0].lower() in ("who", "whose"))


_ASIDE_REACH = 12  # words a phrase set off by commas before the verb may have

_UNHEARD = Tag("none", "", 0, 0, "", "")  # no one is heard: the subject speaks


def _heard(tokens: list[tuple[str, int, int]], verb: int) -> Tag | None:
    """"Alice heard it say", "Emma heard him add", "she heard one of them say": the one
    heard speaks (None when the tag cannot say who); _UNHEARD when no one is heard."""
    for h in range(verb - 2, max(-1, verb - 6), -1):
        if tokens[h][0].lower() in _HEARING:
            word, s, e = tokens[h + 1]
            if any(t[0] in ",;:" for t in tokens[h + 1:verb]) or word.lower() in _REFLEXIVE \
                    or h > 0 and tokens[h - 1][0].lower() in _BEING:
                # "who, on hearing it, said", "heard herself saying", "was heard to say":
                # the subject speaks
                return _UNHEARD
            owner = word.lower() in ("her", "his") and h + 2 < verb \
                and tokens[h + 2][0] in _PERSON_HEADS  # "heard her mother say"
            if word.lower() in _OBJECT_PRONOUNS and not owner:
                return Tag("pronoun", word, s, e, "", "", _OBJECT_PRONOUNS[word.lower()])
            np = _noun_phrase(tokens, h + 1)
            if np is not None and (np.kind == "name" or np.kind == "description" and (
                    np.text.split()[-1].lower() in _PERSON_HEADS | {"voice"}
                    or noun_gender(np.text.split()[-1].lower()))):
                return np
            return None
    return _UNHEARD


_REFLEXIVE = frozenset("herself himself myself themselves yourself ourselves".split())
_BEING = frozenset("was were is are be been being".split())


_ARTICLES = frozenset(("the", "a", "an", "his", "her", "their"))


def _described_before_who(tokens: list[tuple[str, int, int]], head: int) -> Tag | None:
    """"the driver" in "The driver, who was leaning on the gate, called out": a person
    described, a relative clause after, opening the speech verb's clause."""
    d = head - 1
    while d >= 0 and d > head - 4 and tokens[d][0].isalpha() and tokens[d][0].islower() \
            and tokens[d][0] not in _ARTICLES and tokens[d][0] not in _SUBJECT_PRONOUNS \
            and tokens[d][0] not in _NP_STOP and tokens[d][0] not in _OBJECT_BEFORE:
        d -= 1  # "the old man", not "the man on horseback" nor "the gentleman he addressed"
    if d < 0 or tokens[d][0].lower() not in _ARTICLES or not _opens_clause(tokens, d):
        return None
    return _description(tokens[d:head + 1])


def _subject_before(tokens: list[tuple[str, int, int]], verb: int) -> Tag | None:
    """The subject of the speech verb: the nearest name or pronoun before it that opens
    its clause.

    A phrase set off by commas just before the verb is skipped ("Mr. Darcy, drawing near
    Elizabeth, said"), so is a possessive ("Spike in his usual manner said").
    """
    if not tokens[verb][0].lower().endswith("ed"):
        heard = _heard(tokens, verb)
        if heard is not _UNHEARD:
            return heard  # the one heard, or no one the tag can name: never the hearer
    n = verb - 1
    while n >= 0 and tokens[n][0].islower() and (tokens[n][0].endswith("ly") or
                                                 tokens[n][0] in _ADVERBS):
        n -= 1
    next_to_verb = n if tokens[verb][0] != ":" else -1  # "distressing to the gentleman:"
    aside = -1  # the name just before a phrase set off by commas: "Mr. Crawford, approaching"
    lone_comma = False
    if n >= 0 and tokens[n][0] == ",":
        m = n - 1
        # a phrase set off is short and within its clause: "Lady Bertram came ...; came with
        # no indolent step; and falling on her neck, said" sets off nothing
        while m >= 0 and tokens[m][0] not in ",;:" and n - m <= _ASIDE_REACH:
            m -= 1
        lone_comma = m < 0 or tokens[m][0] != ","
        if lone_comma:
            n -= 1  # no earlier comma: "Mr. Beebe was back, saying"
        else:
            n, aside = m, m - 1
    # a name right before the verb is its subject: "After a pause Sir Thomas added"; not one
    # before a comma with no phrase set off: "he intimated this to her at the Bank, adding:"
    adjacent = -1 if lone_comma else n
    inner = None  # the subject of a clause within, taken only when no other is found
    for n in range(n, -1, -1):
        word = tokens[n][0]
        if word.lower().rstrip(".") in _SUBJECT_PRONOUNS:
            if n > 0 and tokens[n - 1][0].lower() in _COMPLEMENTIZERS and \
                    any(t[0] in ",;" for t in tokens[n + 1:verb]):
                # the subject of a clause closed before the verb: "Mrs. Bennet assured her
                # that they never sat there after dinner; and then added"
                inner = inner or n
                continue
            return _noun_phrase(tokens, n)
        if word in _PERSON_HEADS and n > 0:
            d = n - 1  # back to the article over a few modifiers: "the little old man"
            while d > 0 and d > n - 4 and tokens[d][0].lower() not in _ARTICLES:
                d -= 1
            # the head right before the verb is its subject wherever its phrase begins:
            # "Newland made no answer, and after a moment his mother ventured:", "and
            # behind us the man in the green coat says"
            if tokens[d][0].lower() in ("the", "his", "her", "their") and (
                    _opens_clause(tokens, d) or (n == next_to_verb or _postmodified(
                        tokens, n, next_to_verb)) and tokens[d - 1][0].lower()
                    not in _OBJECT_BEFORE - {"for"}):
                return _description(tokens[d:n + 1])
        if word.isalpha() and word.islower() and n + 2 < verb and tokens[n + 1][0] == "," \
                and tokens[n + 2][0].lower() in ("who", "whose"):
            described = _described_before_who(tokens, n)  # "The driver, who was leaning on
            if described is not None:                     # the gate, called out,"
                return described
        # A sentence-opening ordinary word is no name, unless the verb follows it: "May said".
        if _is_name_word(word, initial=n == 0 and n + 1 != verb):
            j = n
            while j > 0 and _is_name_word(tokens[j - 1][0], initial=j == 1):
                j -= 1
            set_off = n == aside and j > 0 and tokens[j - 1][0].lower() not in _OBJECT_BEFORE
            # "looked at Mrs. Norris, and then at Fanny, whose tears were beginning to shew
            # themselves, immediately said": an object, unless the one it is done by
            object_set_off = (n == aside and j > 0
                              and tokens[j - 1][0].lower() in _OBJECT_BEFORE - _NOT_AGENTLESS)
            if object_set_off or not (n == adjacent or set_off or _opens_clause(tokens, j)
                                      or _owns_or_leads(tokens, n, verb)):
                continue  # an object: "turned to the Mock Turtle, and said"
            if j >= 3 and tokens[j - 1][0].lower() == "the" and tokens[j - 2][0] == "," \
                    and _is_name_word(tokens[j - 3][0]):
                continue  # a title in apposition: "Mr. Haq, the Inspector of Police, said"
            np = _noun_phrase(tokens, j)
            if np is not None and np.kind == "name":
                return np
    return _noun_phrase(tokens, inner) if inner is not None else None


def find_tags(text: str, quotes: list[Quote], paragraphs, second_person: bool = False
              ) -> list[Tag | None]:
    """The speech tag of every quote (None where it has none), aligned with ``quotes``;
    "you say" tags the narrator only of a story told in the ``second_person``."""
    tags: list[Tag | None] = []
    for i, q in enumerate(quotes):
        para = paragraphs[q.paragraph] if 0 <= q.paragraph < len(paragraphs) else None
        para_end = para.end if para else len(text)
        para_start = para.start if para else 0
        tag = None
        for (_, b), (c, _) in zip(q.spans, q.spans[1:]):  # a tag between two spans
            # "I wonder," Winsett broke off, "how..."; or narration ending in a lead-in:
            # '"Yes." And with a swerve of voice that Aziz did not follow he added, "In her'
            tag = tag or tag_after(text, _past_mark(text, b), c, True, inside=True) \
                or _lead_in_between(text, _past_mark(text, b), _before_mark(text, c))
        if tag is not None:
            tag.position = "inside"
        after_end = para_end
        if i + 1 < len(quotes) and quotes[i + 1].start < para_end:
            after_end = quotes[i + 1].start
        last = q.spans[-1][1]
        loose = text[last - 1:last] in ",!?\u2014-"
        tag = tag or tag_after(text, _past_mark(text, last), after_end, loose)
        before_start = para_start
        if i > 0 and quotes[i - 1].end > para_start:
            before_start = _past_mark(text, quotes[i - 1].end)
        before_end = _before_mark(text, q.start)
        if tag is not None and tag.kind == "pronoun" and tag.position == "after" \
                and tag.text[:1].isupper():
            # '... the Queen said severely "Who is this?" She said it to the Knave': the
            # name leading into the line says more than the next sentence's pronoun
            named = tag_before(text, before_start, before_end)
            if named is not None and named.kind == "name":
                tag = named
        elif tag is not None and tag.position == "after" and after_end < para_end \
                and text[last:_before_mark(text, after_end)].rstrip().endswith((",", ":")):
            # 'The Fish-Footman ... saying, "For the Duchess." The Frog-Footman repeated,
            # "From the Queen."': the narration after the line leads into the next, and the
            # line has a lead-in of its own
            tag = tag_before(text, before_start, before_end) or tag
        if tag is None:
            # "This was followed by a short silence. Miss Bertram began again. '...'": a
            # sentence the verb closes leads in within the paragraph too
            tag = tag_before(text, before_start, before_end) \
                or beat_before(text, before_start, before_end)
            if tag is None and before_start == para_start:
                tag = tag_before(text, before_start, before_end, finished_ok=True)
            if tag is None and before_start == para_start and q.paragraph > 0 \
                    and not text[para_start:before_end].strip():  # the quote opens its paragraph
                tag = _tag_from_previous_paragraph(text, quotes, i, paragraphs)
                if tag is not None and tags and tags[-1] is not None and tags[-1].start == tag.start:
                    tag = None  # '"...," I remarked.' tags the quote it follows, not the next
        if tag is not None and tag.kind == "pronoun" and not second_person \
                and tag.text.lower() == "you":
            tag = None
        tags.append(tag)
    _postmodify(text, tags)
    return tags


# Words after "in the" or "with the" that say how a person speaks or where the line falls,
# not who they are: "said the girl in the same tone", "the lady in the meantime".
_MANNER = frozenset("voice tone manner way air world same whisper breath meantime end "
                    "least first last midst middle act course".split())
_POSTMODIFIER = re.compile(rf"\s+(?:{'|'.join(POSTMODIFIERS)})\s+the\s+((?:[a-z-]+\s+){{0,2}}"
                           r"[a-z-]+)(?=\s*[.,;:!?\u2014])")


def words_pattern(phrase: str) -> str:
    """A pattern for the words of ``phrase`` with any spacing between: "old  man" too."""
    return r"\s+".join(map(re.escape, phrase.split()))


def _postmodify(text: str, tags: list[Tag | None]) -> None:
    """Extend a description tag over what follows its head and says who the person is, when
    the story calls them so more than once: "said the gentleman in the white waistcoat" is
    a man of his own all through his scenes; "said the man with the keys", once, stays
    "the man"."""
    seen: dict[str, bool] = {}
    for tag in tags:
        if tag is None or tag.kind != "description" or tag.text.split()[0].lower() != "the":
            continue
        m = _POSTMODIFIER.match(text, tag.end)
        if m is None or _MANNER.intersection(m.group(1).split()):
            continue
        words = tag.text.split()[1:] + m.group(0).split()
        key = " ".join(words).lower()
        if key not in seen:
            again = re.finditer(rf"\bthe\s+{words_pattern(key)}\b", text, re.IGNORECASE)
            seen[key] = next(again, None) is not None and next(again, None) is not None
        if seen[key]:
            tag.text, tag.end = " ".join(tag.text.split() + m.group(0).split()), m.end()


def _lead_in_between(text: str, start: int, end: int) -> Tag | None:
    """The tag of narration between two pieces of one quote that reads as a lead-in to the
    second, one sentence long: '"Yes." And with a swerve of voice and body that Aziz did not
    follow he added, "In her letters."'"""
    if _SENTENCE_BREAK.search(text, start, end) \
            or text[start:end].lstrip("-\u2014 ").startswith("for "):
        return None  # nor does an aside: '"No"--for the other had protested--"your'
    tag = tag_before(text, start, end)
    if tag is None or (tag.kind == "pronoun" and tag.gender is None):
        return None  # "they said": no one person
    return tag


def _tag_from_previous_paragraph(text: str, quotes: list[Quote], i: int, paragraphs) -> Tag | None:
    """"Mr. Bennet coolly observed," closing one paragraph, the quote opening the next."""
    prev = paragraphs[quotes[i].paragraph - 1]
    start = prev.start
    if i > 0 and quotes[i - 1].end > prev.start:
        start = _past_mark(text, quotes[i - 1].end)
        if start >= prev.end:
            return None
    return tag_before(text, start, prev.end, finished_ok=True)


def _past_mark(text: str, offset: int) -> int:
    while offset < len(text) and text[offset] in _QUOTE_CHARS + " ":
        offset += 1
    return offset


def _before_mark(text: str, offset: int) -> int:
    while offset > 0 and text[offset - 1] in _QUOTE_CHARS + " ":
        offset -= 1
    return offset


@stage("tags", needs=("paragraphs", "quotes"), produces=("tags",))
def tags(doc: Document) -> Document:
    doc.layers["tags"] = find_tags(doc.text, doc.quotes, doc.paragraphs,
                                   doc.layers.get("second_person", False))
    return doc
