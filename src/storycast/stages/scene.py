"""The scene around a quote: who was named lately in the narration, and in what order."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..document import Document
from ..spans import Mention
from .kin import ELDERS, RELATIONS, Family, elders
from .mentions import names_self, quote_at, quote_bounds, sentence_initial
from .names import VERB_AFTER

SUBJECT_WINDOW = 150  # characters over which the last subject outranks a later object
# "his wife", "her father", "Elizabeth's mother": after a possessive, one of the family
# (not "her cousin Edmund": a cousin seldom has the family's name)
_RELATION_AFTER = re.compile(r"(?:['\u2019]s)?[ \t]*\n?[ \t]*(?P<noun>"
                             + "|".join(sorted(RELATIONS - {"cousin"})) + r")(?![-\w'\u2019])")
_ELDER_WORDS = sorted({w for words in ELDERS.values() for w in words}, key=len, reverse=True)
# "their mother", "my mum", "his gran": whose they are need not be known
_ELDER_AFTER = re.compile(r"(?:['\u2019]s)?[ \t]*\n?[ \t]*(?P<noun>"
                          + "|".join(_ELDER_WORDS) + r")(?![-\w'\u2019])", re.IGNORECASE)
_OWNED_ELDER = re.compile(r"\b(?:[Mm]y|[Oo]ur|[Tt]heir)[ \t]*\n?[ \t]*(?P<noun>"
                          + "|".join(_ELDER_WORDS) + r")(?![-\w'\u2019])")


@dataclass
class Scene:
    """Resolved name mentions of the narration, in text order, for recency look-ups."""

    starts: list[int]
    mentions: list[Mention]

    @classmethod
    def of(cls, doc: Document) -> "Scene":
        named = [m for m in doc.mentions if m.character and m.attrs.get("quote") is None
                 and (m.kind in ("name", "pronoun") or m.attrs.get("relation"))]
        named.sort(key=lambda m: m.start)
        return cls([m.start for m in named], named)

    def before(self, offset: int, since: int) -> list[Mention]:
        """Mentions in [since, offset), most recent first."""
        hi = bisect.bisect_left(self.starts, offset)
        lo = bisect.bisect_left(self.starts, since)
        return self.mentions[lo:hi][::-1]

    def between(self, start: int, end: int) -> list[Mention]:
        lo = bisect.bisect_left(self.starts, start)
        hi = bisect.bisect_left(self.starts, end)
        return self.mentions[lo:hi]


def resolve_narration_pronouns(doc: Document, window: int = 600,
                               subject_window: int = SUBJECT_WINDOW) -> None:
    """Point he/she in the narration at the last character of that gender named before it,
    or at the last one named as a subject, if that was lately: in "McBryde was courteous;
    he received Aziz kindly. He said" the second "he" is still McBryde.

    "her father", "his wife", "Elizabeth's mother" name someone too, once the owner is
    known: "She followed her father to the fire place. He then said" is Mr. Bennet. Each
    becomes a mention of the relative (a description, marked "relation")."""
    chars = {c.id: c for c in doc.characters}
    family = Family(chars)
    parents = elders(doc.characters)  # "Mum" is "her mother", "my mum", "their mother"
    narrator = next((c.id for c in doc.characters if c.narrator), None)
    last: dict[str, tuple[int, str]] = {}
    subject: dict[str, tuple[int, str]] = {}
    relations: list[Mention] = _owned_elders(doc, parents) if parents else []

    def named(end: int, character: str, initial: bool) -> None:
        g = chars[character].gender if character in chars else None
        if g not in ("male", "female"):
            last["unknown"] = (end, character)
        else:
            last[g] = (end, character)
            if initial or VERB_AFTER.match(doc.text, end):
                subject[g] = (end, character)

    def relation(end: int, owner: str) -> None:
        found = _RELATION_AFTER.match(doc.text, end)
        kin = found and family.kin(owner, found.group("noun"))
        if not kin and parents and family.surnames.get(owner) is None:
            # one of no known family ("Zoe's mum"): the one the story calls "Mum"
            found = _ELDER_AFTER.match(doc.text, end)
            kin = found and parents.get(found.group("noun").lower())
        if kin:
            start, stop = found.span("noun")
            relations.append(Mention(start, stop, "description", kin, doc.text[start:stop],
                                     {"relation": True}))
            named(stop, kin, False)

    for m in sorted(doc.mentions + relations, key=lambda m: m.start):
        if m.attrs.get("quote") is not None:
            if m.kind == "name" and m.character and names_self(doc.text, m.start, m.end):
                # "'I am Lukas, from room six.' He holds it out": the one who says so
                named(m.end, m.character, True)
            continue
        if m.attrs.get("relation"):  # "Their mother looked up."
            named(m.end, m.character, bool(m.attrs.get("initial")))
        elif m.kind == "name" and m.character:
            named(m.end, m.character, bool(m.attrs.get("initial")))
            if m.attrs.get("possessive"):
                relation(m.end, m.character)
        elif m.kind == "pronoun" and m.character is None:
            g = m.attrs.get("gender")
            if g == "narrator":
                if narrator is not None:  # the "I" of the narration is the narrator
                    m.character = narrator
                    m.attrs["resolved"] = True
                continue
            if g in subject and m.start - subject[g][0] <= subject_window:
                m.character = subject[g][1]
            elif g in last and m.start - last[g][0] <= window:
                m.character = last[g][1]
            elif g in ("male", "female") and "unknown" in last \
                    and m.start - last["unknown"][0] <= window:
                m.character = last["unknown"][1]  # no one of that sex named: "Kai ... he"
            else:
                continue
            m.attrs["resolved"] = True
            subject[g] = (m.end, m.character)  # "he ... he ...": the chain goes on
            if m.text.lower() in ("his", "her"):
                relation(m.end, m.character)
        elif m.kind == "pronoun" and m.attrs.get("stranger"):
            subject[m.attrs["gender"]] = (m.end, m.character)  # a stranger's "he says"
    if relations:
        doc.mentions.extend(relations)
        doc.mentions.sort(key=lambda m: m.start)


def _owned_elders(doc: Document, parents: dict[str, str]) -> list[Mention]:
    """The narration's "my mum", "our father", "their mother", as mentions of the one
    character the story names so (``parents``: by elders)."""
    bounds = quote_bounds(doc.quotes)
    out = []
    for found in _OWNED_ELDER.finditer(doc.text):
        start, stop = found.span("noun")
        who = parents.get(found.group("noun").lower())
        if who and quote_at(bounds, start) is None:
            out.append(Mention(start, stop, "description", who, doc.text[start:stop], {
                "relation": True, "initial": sentence_initial(doc.text, found.start())}))
    return out
