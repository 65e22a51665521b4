"""The PDNC metrics of docs/evaluation.md, computed for one Document against one GoldNovel.

Choices where the definition leaves room (also listed in the module docs of
``storycast.evaluation``):

* When several predicted quotes overlap a gold quotation's first span, the one
  sharing the most characters with that span is used; ties go to the one that
  starts first.
* A gold quotation "has addressees" when its list holds something other than
  PDNC's ``_unknowable`` placeholder; the first remaining name is the one to find.
* Character recall leaves the ``_group``/``_unknowable`` placeholders out (PDNC
  files some as "intermediate").
* A predicted narrator maps to the gold narrator; when the novel has none
  (third person), it is mapped by its names like any other character.
"""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..document import Document
from ..spans import Character, Quote
from .pdnc import QUOTE_TYPES, UNKNOWABLE, GoldNovel, GoldQuote, normalize

# Reliability bins, [lo, hi); the last one includes 1.0.
BINS = ((0.0, 0.5), (0.5, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.0))
MAIN_CATEGORIES = ("major", "intermediate")


def ratio(num: int, den: int) -> float | None:
    return num / den if den else None


@dataclass
class NovelScore:
    """Counts for one novel; the rates are properties so that sums stay exact."""

    name: str
    gold_quotes: int = 0
    predicted_quotes: int = 0
    found: int = 0  # gold quotes whose first span some predicted quote overlaps
    precise: int = 0  # predicted quotes overlapping some gold span
    speaker_correct: int = 0
    by_type: dict[str, list[int]] = field(
        default_factory=lambda: {t: [0, 0] for t in QUOTE_TYPES})  # type -> [correct, total]
    addressee_correct: int = 0
    addressee_total: int = 0
    # predicted addressees of those quotes, and how many are among the gold addressees
    addressees_predicted: int = 0
    addressees_right: int = 0
    gold_characters: int = 0  # major + intermediate
    characters_found: int = 0
    predicted_characters: int = 0
    impure: int = 0
    calibration: list[tuple[float, bool]] = field(default_factory=list)  # per found quote
    seconds: float | None = None  # analysis time, filled in by the benchmark

    @property
    def recall(self) -> float | None:
        return ratio(self.found, self.gold_quotes)

    @property
    def precision(self) -> float | None:
        return ratio(self.precise, self.predicted_quotes)

    @property
    def speaker_accuracy(self) -> float | None:
        return ratio(self.speaker_correct, self.gold_quotes)

    @property
    def addressee_accuracy(self) -> float | None:
        return ratio(self.addressee_correct, self.addressee_total)

    @property
    def addressee_precision(self) -> float | None:
        return ratio(self.addressees_right, self.addressees_predicted)

    @property
    def character_recall(self) -> float | None:
        return ratio(self.characters_found, self.gold_characters)

    def type_accuracy(self, quote_type: str) -> float | None:
        correct, total = self.by_type.get(quote_type, (0, 0))
        return ratio(correct, total)


# -- span matching -----------------------------------------------------------
class SpanIndex:
    """Half-open spans sorted by start, for "which spans overlap [start, end)?".

    ``_reach[i]`` is the largest end among the first i+1 spans, so a backward
    walk from the last span starting before ``end`` can stop as soon as no
    earlier span reaches past ``start``: O(log n + k) for near-disjoint spans.
    """

    def __init__(self, spans: Iterable[tuple[int, int, int]]):  # (start, end, key)
        self._spans = sorted(spans)
        self._starts = [s for s, _, _ in self._spans]
        self._reach: list[int] = []
        reach = -1
        for _, end, _ in self._spans:
            reach = max(reach, end)
            self._reach.append(reach)

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        """(key, overlap length) for every span overlapping [start, end)."""
        hits = []
        i = bisect_left(self._starts, end) - 1  # the last span starting before ``end``
        while i >= 0 and self._reach[i] > start:
            s, e, key = self._spans[i]
            if e > start:  # same test as Span.overlaps
                hits.append((key, max(0, min(e, end) - max(s, start))))
            i -= 1
        return hits


def _quote_index(quotes: list) -> SpanIndex:
    return SpanIndex((s, e, k) for k, q in enumerate(quotes) for s, e in q.spans)


def match_quotes(predicted: list[Quote], gold: list[GoldQuote]) -> list[int | None]:
    """For each gold quote, the index of the predicted quote that found it (or None)."""
    index = _quote_index(predicted)
    matches: list[int | None] = []
    for g in gold:
        start, end = g.spans[0]
        overlap: dict[int, int] = {}
        for key, size in index.overlapping(start, end):
            overlap[key] = overlap.get(key, 0) + size
        best = min(overlap, key=lambda k: (-overlap[k], predicted[k].start), default=None)
        matches.append(best)
    return matches


def count_precise(predicted: list[Quote], gold: list[GoldQuote]) -> int:
    """Predicted quotes with a span overlapping some span of some gold quote."""
    index = _quote_index(gold)
    return sum(1 for q in predicted if any(index.overlapping(s, e) for s, e in q.spans))


# -- character mapping -------------------------------------------------------
def _name_set(char: Character) -> set[str]:
    return {normalize(n) for n in char.names() if n.strip()}


def _alias_sets(gold: GoldNovel) -> list[tuple[str, set[str]]]:
    return [(c.name, {normalize(a) for a in c.aliases}) for c in gold.characters]


def best_gold_match(char: Character, alias_sets: list[tuple[str, set[str]]]) -> str | None:
    """The gold character sharing the most names with ``char``, or None on a tie or no overlap.

    The predicted canonical name counts once more, so "Emma" with alias "Miss
    Woodhouse" prefers the gold character called Emma over one called Miss Woodhouse.
    """
    names, canonical = _name_set(char), normalize(char.name)
    scored = [(len(names & aliases) + (canonical in aliases), gold_name)
              for gold_name, aliases in alias_sets]
    top = max((score for score, _ in scored), default=0)
    winners = [gold_name for score, gold_name in scored if score == top]
    return winners[0] if top > 0 and len(winners) == 1 else None


def map_characters(doc: Document, gold: GoldNovel) -> dict[str, str | None]:
    """Predicted character id -> gold main name (None when it maps to nobody)."""
    alias_sets = _alias_sets(gold)
    mapping: dict[str, str | None] = {}
    for char in doc.characters:
        if char.narrator and gold.narrator is not None:
            mapping[char.id] = gold.narrator.name
        else:
            mapping[char.id] = best_gold_match(char, alias_sets)
    return mapping


def count_impure(doc: Document, gold: GoldNovel) -> int:
    """Predicted characters whose names touch the alias sets of two or more gold characters."""
    alias_sets = _alias_sets(gold)
    return sum(1 for char in doc.characters
               if sum(1 for _, aliases in alias_sets if _name_set(char) & aliases) >= 2)


def _main_characters(gold: GoldNovel) -> set[str]:
    return {c.name for c in gold.characters
            if c.category in MAIN_CATEGORIES and not c.pseudo}


# -- scoring -----------------------------------------------------------------
def _first_addressee(quote: GoldQuote) -> str | None:
    return next((a for a in quote.addressees if a != UNKNOWABLE), None)


def _score_quote(score: NovelScore, gold_q: GoldQuote, pred: Quote | None,
                 mapping: dict[str, str | None]) -> None:
    correct = (pred is not None and pred.speaker is not None
               and mapping.get(pred.speaker) is not None
               and mapping.get(pred.speaker) == gold_q.speaker)
    score.speaker_correct += correct
    if gold_q.type in score.by_type:
        score.by_type[gold_q.type][0] += correct
        score.by_type[gold_q.type][1] += 1
    if pred is not None:
        score.found += 1
        score.calibration.append((float(pred.confidence), bool(correct)))
    addressee = _first_addressee(gold_q)
    if addressee is not None:
        score.addressee_total += 1
        if pred is not None:
            mapped = [mapping.get(a) for a in pred.addressees]
            score.addressee_correct += addressee in mapped
            gold_set = set(gold_q.addressees)
            score.addressees_predicted += len(mapped)
            score.addressees_right += sum(m in gold_set for m in mapped if m is not None)


def evaluate(doc: Document, gold: GoldNovel) -> NovelScore:
    """Score a system's Document against the gold annotation of the same novel."""
    # Offsets must index the same text.  Equal length is required, not equal
    # text: the reader may repair characters in place (a "?" standing for "'").
    if len(doc.text) != len(gold.text):
        raise ValueError(f"{gold.name}: document text has {len(doc.text)} characters, the gold "
                         f"novel_text.txt {len(gold.text)}; offsets would not be comparable")
    predicted = list(doc.quotes)
    mapping = map_characters(doc, gold)
    score = NovelScore(name=gold.name, gold_quotes=len(gold.quotes),
                       predicted_quotes=len(predicted),
                       precise=count_precise(predicted, gold.quotes),
                       predicted_characters=len(doc.characters),
                       impure=count_impure(doc, gold))
    for gold_q, k in zip(gold.quotes, match_quotes(predicted, gold.quotes)):
        _score_quote(score, gold_q, None if k is None else predicted[k], mapping)
    main = _main_characters(gold)
    score.gold_characters = len(main)
    score.characters_found = len(main & set(mapping.values()))
    return score


# -- over novels -------------------------------------------------------------
def reliability(pairs: Iterable[tuple[float, bool]]) -> list[dict]:
    """Confidence bins with count, accuracy and mean confidence of the quotes in each."""
    bins = [{"lo": lo, "hi": hi, "count": 0, "correct": 0, "confidence": 0.0}
            for lo, hi in BINS]
    for conf, correct in pairs:
        b = next((b for b in bins if conf < b["hi"]), bins[-1])  # 1.0 and above: last bin
        b["count"] += 1
        b["correct"] += bool(correct)
        b["confidence"] += conf
    for b in bins:
        b["accuracy"] = ratio(b["correct"], b["count"])
        b["confidence"] = b["confidence"] / b["count"] if b["count"] else None
    return bins


_SUMMED = ("gold_quotes", "predicted_quotes", "found", "precise", "speaker_correct",
           "addressee_correct", "addressee_total", "addressees_predicted", "addressees_right",
           "gold_characters", "characters_found",
           "predicted_characters", "impure")


def aggregate(scores: list[NovelScore]) -> dict:
    """Micro-averages over novels: summed counts divided by summed totals."""
    total = {key: sum(getattr(s, key) for s in scores) for key in _SUMMED}
    total["novels"] = len(scores)
    total["recall"] = ratio(total["found"], total["gold_quotes"])
    total["precision"] = ratio(total["precise"], total["predicted_quotes"])
    total["speaker_accuracy"] = ratio(total["speaker_correct"], total["gold_quotes"])
    total["addressee_accuracy"] = ratio(total["addressee_correct"], total["addressee_total"])
    total["addressee_precision"] = ratio(total["addressees_right"], total["addressees_predicted"])
    total["character_recall"] = ratio(total["characters_found"], total["gold_characters"])
    total["by_type"] = {}
    for t in QUOTE_TYPES:
        correct = sum(s.by_type.get(t, [0, 0])[0] for s in scores)
        count = sum(s.by_type.get(t, [0, 0])[1] for s in scores)
        total["by_type"][t] = {"correct": correct, "total": count,
                               "accuracy": ratio(correct, count)}
    timed = [s.seconds for s in scores if s.seconds is not None]
    total["seconds"] = sum(timed) if timed else None
    total["reliability"] = reliability(p for s in scores for p in s.calibration)
    return total
