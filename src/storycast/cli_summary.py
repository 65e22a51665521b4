"""The terminal summary ``storycast analyze`` prints: the story in numbers, then its cast."""
from __future__ import annotations

from .document import Document
from .spans import Character

ALIASES_WIDTH = 32
_COLUMNS = ("name", "aliases", "gender", "narrator", "lines", "words")
_RIGHT = {"lines", "words"}  # numeric columns, right-aligned


def _truncate(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 3].rstrip(", ") + "..."


def _aliases(char: Character) -> str:
    others = [a for a in char.aliases if a != char.name]
    return _truncate(", ".join(others), ALIASES_WIDTH)


def _story_text(doc: Document) -> str:
    """The story proper when the reader marked it (no Project Gutenberg licence), else all."""
    body = doc.layer("body")
    return doc.text[body[0].start:body[0].end] if body else doc.text


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def format_table(rows: list[tuple[str, ...]], header: tuple[str, ...] = _COLUMNS) -> str:
    """Rows as columns padded to their widest cell; number columns right-aligned."""
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    lines = []
    for row in [header, *rows]:
        cells = [cell.rjust(w) if name in _RIGHT else cell.ljust(w)
                 for cell, w, name in zip(row, widths, header)]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def cast_rows(doc: Document) -> list[tuple[str, ...]]:
    """One row per character, most lines spoken first."""
    chars = sorted(doc.characters, key=lambda c: (-c.quotes, -c.words_spoken, c.name))
    return [(c.name, _aliases(c), c.gender, "yes" if c.narrator else "",
             str(c.quotes), str(c.words_spoken)) for c in chars]


def summary(doc: Document) -> str:
    """Title, size, quotes found and attributed, then the cast as an aligned table."""
    title = doc.metadata.get("title") or "Untitled"
    quotes = doc.quotes
    attributed = sum(q.speaker is not None for q in quotes)
    share = f" ({attributed / len(quotes):.0%})" if quotes else ""
    lines = [
        title,
        f"  source    {doc.source.get('path', '-')}",
        f"  words     {len(_story_text(doc).split()):,}",
        f"  chapters  {len(doc.chapters):,}",
        f"  quotes    {len(quotes):,}, {attributed:,} attributed to a speaker{share}",
        "",
    ]
    if doc.characters:
        lines.append(f"Cast ({_plural(len(doc.characters), 'character')}, "
                     "by lines spoken):")
        lines.append(format_table(cast_rows(doc)))
    else:
        lines.append("No characters found.")
    return "\n".join(lines)
