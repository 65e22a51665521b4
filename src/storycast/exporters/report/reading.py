"""The reading view: the whole story, every quotation marked with who says it to whom.

Each quotation is an element ``<span class="q spN">`` holding its text with its quote
marks, and carrying ``data-speaker``, ``data-speaker-id``, ``data-addressees`` (names,
comma-separated), ``data-type`` and ``data-confidence``.  The first part of a quotation
has ``id`` = the quote's id and ``tabindex="0"``, and starts with a badge naming the
speaker (with "?" when the attribution is unsure) and words for screen readers that say
the rest.  A quotation interrupted by its tag, or running over paragraphs, has further
parts (class ``more``) with the same data.  All story text is escaped.
"""
from __future__ import annotations

from html import escape

from ...document import Document
from ...network import is_heading, paragraph_spans

LOW_CONFIDENCE = 0.5
QUOTE_MARKS = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e\u201a"


def _text(s: str) -> str:
    return escape(s, quote=False)


def _percent(confidence: float) -> str:
    return f"{confidence:.0%}"


class _Quotes:
    """The quotes' parts in text order, widened to take in their quote marks."""

    def __init__(self, doc: Document, colours: dict[str, int]) -> None:
        self.text = doc.text
        names = {c.id: c.name for c in doc.characters}
        parts = sorted(((s, e, q, i) for q in doc.quotes for i, (s, e) in enumerate(q.spans)),
                       key=lambda p: (p[0], p[1]))
        # (start, end, quote, part number, carried over from the paragraph before)
        self.parts: list[tuple[int, int, object, int, bool]] = []
        last = 0
        for s, e, q, i in parts:
            if s > 0 and self.text[s - 1] in QUOTE_MARKS:
                s -= 1
            if e < len(self.text) and self.text[e] in QUOTE_MARKS:
                e += 1
            s = max(s, last)
            if e > s:
                self.parts.append((s, e, q, i, False))
                last = e
        self.classes = {q.id: _classes(q, names, colours) for q in doc.quotes}
        self.data = {q.id: _data(q, names) for q in doc.quotes}
        self.badges = {q.id: _badge(q, names) for q in doc.quotes}
        self.next = 0

    def render(self, start: int, end: int) -> str:
        """``text[start:end]`` escaped, with the quote parts inside it wrapped."""
        out = []
        pos = start
        while self.next < len(self.parts) and self.parts[self.next][0] < end:
            s, e, q, i, carried = self.parts[self.next]
            s = max(s, pos)
            stop = min(e, end)
            out.append(_text(self.text[pos:s]))
            if i == 0 and not carried:
                out.append(f'<span id="{escape(q.id)}" tabindex="0" '
                           f'class="{self.classes[q.id]}" {self.data[q.id]}>{self.badges[q.id]}')
            else:
                out.append(f'<span class="{self.classes[q.id]} more" {self.data[q.id]}>')
            out.append(_text(self.text[s:stop]) + "</span>")
            pos = stop
            if e <= end:
                self.next += 1
            else:  # the quotation runs on into the next paragraph
                self.parts[self.next] = (end, e, q, i, True)
                break
        out.append(_text(self.text[pos:end]))
        return "".join(out)


def _low(q, names: dict[str, str]) -> bool:
    return q.speaker not in names or q.confidence < LOW_CONFIDENCE


def _classes(q, names: dict[str, str], colours: dict[str, int]) -> str:
    return (f"q sp{colours.get(q.speaker, 0)}" + (" low" if _low(q, names) else "")
            + ("" if q.speaker in names else " none"))


def _data(q, names: dict[str, str]) -> str:
    addressees = ", ".join(names[a] for a in q.addressees if a in names)
    return (f'data-q="{escape(q.id)}" data-speaker="{escape(names.get(q.speaker, ""))}" '
            f'data-speaker-id="{escape(q.speaker or "")}" '
            f'data-addressees="{escape(addressees)}" data-type="{escape(q.type or "")}" '
            f'data-confidence="{q.confidence:.2f}"')


def _badge(q, names: dict[str, str]) -> str:
    """The speaker's name, seen; the addressees, type and confidence, for screen readers."""
    addressees = [names[a] for a in q.addressees if a in names]
    low = _low(q, names)
    said = (f" to {', '.join(addressees)}" if addressees else "") + \
        f" ({q.type or 'unknown'} quote, confidence {_percent(q.confidence)}" + \
        (", unsure" if low else "") + "): "
    seen = _text(names.get(q.speaker, "unknown speaker")) + ("?" if low else "")
    return f'<span class="badge">{seen}<span class="sr">{_text(said)}</span></span>'


def reading_view(doc: Document, colours: dict[str, int]) -> str:
    """The story's chapters as ``<section>``s of paragraphs, quotations marked."""
    quotes = _Quotes(doc, colours)
    text = doc.text
    chapters = [(c.start, c.end, c.label) for c in doc.chapters]
    if not chapters:
        body = doc.layer("body")
        chapters = [(body[0].start, body[0].end, "") if body else (0, len(text), "")]
    out = []
    for n, (start, end, title) in enumerate(chapters, 1):
        paras = [(s, e) for s, e in paragraph_spans(text, start, end) if text[s:e].strip()]
        if paras and title and is_heading(text[paras[0][0]:paras[0][1]], title):
            heading = quotes.render(*paras[0])
            paras = paras[1:]
        else:
            heading = _text(title)
        labelled = f' aria-labelledby="ch{n}"' if heading.strip() else ""
        out.append(f'<section class="chapter"{labelled}>')
        if heading.strip():
            out.append(f'<h3 id="ch{n}">{heading.strip()}</h3>')
        out += [f"<p>{quotes.render(s, e)}</p>" for s, e in paras]
        out.append("</section>")
    return "\n".join(out)
