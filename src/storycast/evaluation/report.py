"""Markdown reports of NovelScores: a per-novel table, a micro-average row, reliability bins."""
from __future__ import annotations

from .metrics import NovelScore, aggregate
from .pdnc import QUOTE_TYPES

_HEADER = ["novel", "quotes", "recall", "precision", "speaker acc", *QUOTE_TYPES,
           "addressee acc", "addressee prec", "char recall", "impure"]


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = [_row(header), _row(["---"] * len(header))]
    return "\n".join(lines + [_row(r) for r in rows])


def _novel_cells(s: NovelScore, timed: bool) -> list[str]:
    cells = [s.name, str(s.gold_quotes), _num(s.recall), _num(s.precision),
             _num(s.speaker_accuracy), *(_num(s.type_accuracy(t)) for t in QUOTE_TYPES),
             _num(s.addressee_accuracy), _num(s.addressee_precision), _num(s.character_recall),
             str(s.impure)]
    if timed:
        cells.append("-" if s.seconds is None else f"{s.seconds:.1f}")
    return cells


def _micro_cells(total: dict, timed: bool) -> list[str]:
    cells = ["**micro-average**", str(total["gold_quotes"]), _num(total["recall"]),
             _num(total["precision"]), _num(total["speaker_accuracy"]),
             *(_num(total["by_type"][t]["accuracy"]) for t in QUOTE_TYPES),
             _num(total["addressee_accuracy"]), _num(total["addressee_precision"]),
             _num(total["character_recall"]),
             str(total["impure"])]
    if timed:
        cells.append("-" if total["seconds"] is None else f"{total['seconds']:.1f}")
    return cells


def reliability_table(total: dict) -> str:
    rows = [[f"{b['lo']:.1f}-{b['hi']:.1f}", str(b["count"]), _num(b["confidence"]),
             _num(b["accuracy"])] for b in total["reliability"]]
    return _table(["confidence", "found quotes", "mean confidence", "speaker acc"], rows)


def format_table(scores: list[NovelScore]) -> str:
    """The per-novel Markdown table with a micro-average row, then the reliability table.

    A "seconds" column is added when the scores carry analysis times.
    """
    timed = any(s.seconds is not None for s in scores)
    total = aggregate(scores)
    header = _HEADER + (["seconds"] if timed else [])
    rows = [_novel_cells(s, timed) for s in scores] + [_micro_cells(total, timed)]
    return (_table(header, rows)
            + "\n\nSpeaker accuracy of found quotes by predicted confidence:\n\n"
            + reliability_table(total) + "\n")
