"""The scene around a quote: who was named lately in the narration, and in what order."""
from __future__ import annotations

import bisect
from dataclasses import dataclass

from ..document import Document
from ..spans import Mention
from .names import VERB_AFTER


SUBJECT_WINDOW = 150  # characters over which the last subject outranks a later object


@dataclass
class Scene:
    """Resolved name mentions of the narration, in text order, for recency look-ups."""

    starts: list[int]
    mentions: list[Mention]

    @classmethod
    def of(cls, doc: Document) -> "Scene":
        named = [m for m in doc.mentions if m.character and m.kind in ("name", "pronoun")
                 and m.attrs.get("quote") is None]
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
    he received Aziz kindly. He said" the second "he" is still McBryde."""
    genders = {c.id: c.gender for c in doc.characters}
    narrator = next((c.id for c in doc.characters if c.narrator), None)
    last: dict[str, tuple[int, str]] = {}
    subject: dict[str, tuple[int, str]] = {}
    for m in sorted(doc.mentions, key=lambda m: m.start):
        if m.attrs.get("quote") is not None:
            continue
        if m.kind == "name" and m.character:
            g = genders.get(m.character)
            if g not in ("male", "female"):
                last["unknown"] = (m.end, m.character)
            else:
                last[g] = (m.end, m.character)
                if m.attrs.get("initial") or VERB_AFTER.match(doc.text, m.end):
                    subject[g] = (m.end, m.character)
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
