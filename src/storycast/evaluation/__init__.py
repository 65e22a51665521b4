"""Evaluation against the Project Dialogism Novel Corpus (docs/evaluation.md).

``pdnc`` loads the gold annotations, ``metrics`` scores a Document against them,
``report`` renders Markdown tables.  See ``metrics`` for the choices made where
the metric definitions leave room.
"""
from __future__ import annotations

from .metrics import (
    BINS,
    NovelScore,
    SpanIndex,
    aggregate,
    best_gold_match,
    count_impure,
    evaluate,
    map_characters,
    match_quotes,
    reliability,
)
from .pdnc import (
    QUOTE_TYPES,
    GoldCharacter,
    GoldNovel,
    GoldQuote,
    find_narrator,
    gold_cast,
    gold_document,
    load_corpus,
    load_novel,
    normalize,
)
from .report import format_table, reliability_table

__all__ = [
    "BINS", "QUOTE_TYPES", "GoldCharacter", "GoldNovel", "GoldQuote", "NovelScore", "SpanIndex",
    "aggregate", "best_gold_match", "count_impure", "evaluate", "find_narrator", "format_table",
    "gold_cast", "gold_document", "load_corpus", "load_novel", "map_characters", "match_quotes",
    "normalize", "reliability", "reliability_table",
]
