"""The terminal summary ``storycast analyze`` prints: the story in numbers, who speaks most,
then its cast.

On a terminal it is drawn with rich (a table, coloured bars); into a pipe or a file it is
plain aligned text, the same figures.
"""
from __future__ import annotations

import sys
from typing import TextIO

from .document import Document
from .spans import Character

ALIASES_WIDTH = 32
BARS = 10  # speakers in the who-speaks-most chart
BAR_WIDTH = 30
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


def _facts(doc: Document) -> list[tuple[str, str]]:
    quotes = doc.quotes
    attributed = sum(q.speaker is not None for q in quotes)
    share = f" ({attributed / len(quotes):.0%})" if quotes else ""
    return [
        ("source", str(doc.source.get("path", "-"))),
        ("words", f"{len(_story_text(doc).split()):,}"),
        ("chapters", f"{len(doc.chapters):,}"),
        ("quotes", f"{len(quotes):,}, {attributed:,} attributed to a speaker{share}"),
    ]


def top_speakers(doc: Document, count: int = BARS) -> list[tuple[str, int, float]]:
    """(name, lines, share of the attributed lines) of the ``count`` busiest speakers."""
    speakers = sorted((c for c in doc.characters if c.quotes),
                      key=lambda c: (-c.quotes, -c.words_spoken, c.name))
    total = sum(c.quotes for c in speakers)
    return [(c.name, c.quotes, c.quotes / total) for c in speakers[:count]]


def _bar_lines(doc: Document, block: str = "#") -> list[str]:
    rows = top_speakers(doc)
    if not rows:
        return []
    top = rows[0][1]
    width = max(len(name) for name, _, _ in rows)
    lines = [f"Who speaks most ({_plural(sum(c.quotes for c in doc.characters), 'line')} "
             "attributed):"]
    for name, n, share in rows:
        bar = block * max(1, round(BAR_WIDTH * n / top))
        lines.append(f"  {name.ljust(width)}  {bar.ljust(BAR_WIDTH)}  {n:>6,}  {share:>4.0%}")
    return lines + [""]


def summary(doc: Document) -> str:
    """Title, size, quotes found and attributed, who speaks most, then the cast as a table."""
    title = doc.metadata.get("title") or "Untitled"
    lines = [title] + [f"  {key.ljust(8)}  {value}" for key, value in _facts(doc)] + [""]
    lines += _bar_lines(doc)
    if doc.characters:
        lines.append(f"Cast ({_plural(len(doc.characters), 'character')}, "
                     "by lines spoken):")
        lines.append(format_table(cast_rows(doc)))
    else:
        lines.append("No characters found.")
    return "\n".join(lines)


def print_summary(doc: Document, stream: TextIO | None = None) -> None:
    """Print the summary: drawn with rich on a terminal, plain text anywhere else."""
    stream = stream or sys.stdout
    if stream.isatty():
        rich_summary(doc, stream)
    else:
        print(summary(doc), file=stream)


def rich_summary(doc: Document, stream: TextIO, width: int | None = None,
                 colour: bool = True) -> None:
    """The summary as rich draws it: the facts, coloured bars of who speaks most, the cast."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(file=stream, width=width, highlight=False,
                      force_terminal=True if colour else None,
                      color_system="auto" if colour else None)
    console.print(Text(str(doc.metadata.get("title") or "Untitled"), style="bold"))
    for key, value in _facts(doc):
        console.print(Text.assemble(("  " + key.ljust(8) + "  ", "dim"), value))
    rows = top_speakers(doc)
    if rows:
        bars = Table(title="Who speaks most", title_justify="left", box=None, show_header=False,
                     padding=(0, 1))
        bars.add_column("name", no_wrap=True)
        bars.add_column("bar", no_wrap=True)
        bars.add_column("lines", justify="right")
        bars.add_column("share", justify="right")
        palette = ("blue", "dark_orange", "green", "magenta", "yellow", "cyan")
        for i, (name, n, share) in enumerate(rows):
            bar = Text("\u2588" * max(1, round(BAR_WIDTH * n / rows[0][1])),
                       style=palette[i % len(palette)])
            bars.add_row(name, bar, f"{n:,}", f"{share:.0%}")
        console.print()
        console.print(bars)
    console.print()
    if not doc.characters:
        console.print("No characters found.")
        return
    table = Table(title=f"Cast ({_plural(len(doc.characters), 'character')}, by lines spoken)",
                  title_justify="left")
    for name in _COLUMNS:
        table.add_column(name, justify="right" if name in _RIGHT else "left",
                         overflow="fold")
    for row in cast_rows(doc):
        table.add_row(*row)
    console.print(table)
