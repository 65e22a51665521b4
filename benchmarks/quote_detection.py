"""Quote detection against PDNC: recall, precision and grouping agreement per novel.

Usage: PYTHONPATH=src python benchmarks/quote_detection.py [PDNC_DATA_DIR] [--show N]

A gold quotation is found when a predicted quote's spans overlap its FIRST span;
a predicted quote is correct when its spans overlap any gold span.  Grouping
agreement ("group") is the share of gold quotations predicted with exactly the
same spans (same number, same offsets); "group*" first trims whitespace from the
gold spans, since PDNC keeps the blanks left where a dash was lost and we trim.
"""
from __future__ import annotations

import argparse
import ast
import bisect
import csv
import sys
import time
from pathlib import Path

from storycast.document import Document
from storycast.stages.quotes import quotes as quote_stage, trim_span
from storycast.stages.segment import segment

DEFAULT = Path(__file__).resolve().parents[1] / ".." / "shared" / "pdnc" / "data"


def load_gold(folder: Path) -> list[list[tuple[int, int]]]:
    with open(folder / "quotation_info.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    gold = [[(int(a), int(b)) for a, b in ast.literal_eval(r["quoteByteSpans"])] for r in rows]
    return sorted(g for g in gold if g)


class Index:
    """Sorted spans with their owner, for overlap queries."""

    def __init__(self, groups: list[list[tuple[int, int]]]):
        spans = sorted((a, b, k) for k, g in enumerate(groups) for a, b in g)
        self.spans = spans
        self.starts = [s[0] for s in spans]
        self.longest = max((b - a for a, b, _ in spans), default=0)

    def owners(self, a: int, b: int) -> set[int]:
        lo = bisect.bisect_left(self.starts, a - self.longest)
        hi = bisect.bisect_left(self.starts, b)
        return {k for s, e, k in self.spans[lo:hi] if s < b and a < e}


def evaluate(text: str, gold: list[list[tuple[int, int]]]):
    doc = segment(Document(text))
    t0 = time.perf_counter()
    doc = quote_stage(doc)
    elapsed = time.perf_counter() - t0
    pred = [q.spans for q in doc.quotes]
    pidx, gidx = Index(pred), Index(gold)
    missed = [g for g in gold if not pidx.owners(*g[0])]
    wrong = [p for p in pred if not any(gidx.owners(a, b) for a, b in p)]
    predicted = {tuple(p) for p in pred}
    exact = len({tuple(g) for g in gold} & predicted)
    # gold spans sometimes keep the blanks left by a lost dash; ours never do
    trimmed = sum(1 for g in gold if tuple(trim_span(text, a, b) for a, b in g) in predicted)
    return {
        "gold": len(gold), "pred": len(pred), "missed": missed, "wrong": wrong,
        "recall": 1 - len(missed) / max(1, len(gold)),
        "precision": 1 - len(wrong) / max(1, len(pred)),
        "grouping": exact / max(1, len(gold)), "trimmed": trimmed / max(1, len(gold)),
        "seconds": elapsed,
    }


def show(text: str, label: str, groups: list[list[tuple[int, int]]], n: int) -> None:
    for g in groups[:n]:
        a, b = g[0][0], g[-1][1]
        print(f"    {label} {a}: {text[max(0, a - 40):b + 40]!r:.300}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", default=str(DEFAULT))
    ap.add_argument("--show", type=int, default=0, help="print N misses and false positives")
    args = ap.parse_args(argv)
    folders = sorted(p for p in Path(args.data).iterdir() if (p / "novel_text.txt").exists())
    if not folders:
        print(f"no PDNC novels under {args.data}", file=sys.stderr)
        return 1
    print(f"{'novel':28} {'gold':>5} {'pred':>5} {'recall':>7} {'prec':>7} {'group':>6} "
          f"{'group*':>6} {'ms':>6}")
    worst = 1.0
    totals = {"gold": 0, "pred": 0, "missed": 0, "wrong": 0, "exact": 0.0, "trimmed": 0.0}
    for folder in folders:
        text = (folder / "novel_text.txt").read_text(encoding="utf-8")
        r = evaluate(text, load_gold(folder))
        worst = min(worst, r["recall"], r["precision"])
        print(f"{folder.name:28} {r['gold']:5} {r['pred']:5} {r['recall']:7.4f} "
              f"{r['precision']:7.4f} {r['grouping']:6.3f} {r['trimmed']:6.3f} "
              f"{1000 * r['seconds']:6.1f}")
        for key in ("gold", "pred"):
            totals[key] += r[key]
        totals["missed"] += len(r["missed"])
        totals["wrong"] += len(r["wrong"])
        totals["exact"] += r["grouping"] * r["gold"]
        totals["trimmed"] += r["trimmed"] * r["gold"]
        if args.show:
            show(text, "MISS", r["missed"], args.show)
            show(text, "FP  ", r["wrong"], args.show)
    g, p = totals["gold"], totals["pred"]
    print(f"{'ALL':28} {g:5} {p:5} {1 - totals['missed'] / g:7.4f} "
          f"{1 - totals['wrong'] / p:7.4f} {totals['exact'] / g:6.3f} {totals['trimmed'] / g:6.3f}")
    print(f"worst per-novel recall/precision: {worst:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
