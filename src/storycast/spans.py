"""Spans: views onto a document's text in character offsets."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Span:
    """A half-open range ``[start, end)`` of the document text, with a label."""

    start: int
    end: int
    label: str = ""
    attrs: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad span [{self.start}, {self.end})")

    def __len__(self) -> int:
        return self.end - self.start

    def text(self, doc_text: str) -> str:
        return doc_text[self.start:self.end]

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end

    def contains(self, offset: int) -> bool:
        return self.start <= offset < self.end


@dataclass(slots=True)
class Quote:
    """A quotation: one or more spans (interrupted by a tag), and who says it to whom.

    The spans exclude the quote marks.  ``speaker`` and ``addressees`` hold
    character ids once the speaker stage has run.
    """

    id: str
    spans: list[tuple[int, int]]
    speaker: str | None = None
    addressees: list[str] = field(default_factory=list)
    type: str | None = None  # explicit / anaphoric / implicit
    confidence: float = 0.0
    paragraph: int = -1  # index of the paragraph holding the first span

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[-1][1]

    def text(self, doc_text: str) -> str:
        return " ".join(doc_text[s:e] for s, e in self.spans)


@dataclass(slots=True)
class Mention:
    """A reference to a character in the text: a name, pronoun, description or vocative."""

    start: int
    end: int
    kind: str  # name / pronoun / description / vocative / narrator
    character: str | None = None
    text: str = ""
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Character:
    """A person of the story, with every name it goes by."""

    id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    gender: str = "unknown"  # male / female / nonbinary / unknown
    narrator: bool = False
    mentions: int = 0
    quotes: int = 0
    words_spoken: int = 0

    def names(self) -> list[str]:
        seen = [self.name] + [a for a in self.aliases if a != self.name]
        return seen
