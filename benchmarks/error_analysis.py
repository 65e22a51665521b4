"""Where speaker attribution goes wrong, for choosing what to improve next.

    python benchmarks/error_analysis.py [--data ../shared/pdnc/data] [--novels Emma,...]

Diagnostics, not results: it runs the shipped model, which was fitted on these novels.
It prints, over the chosen novels:

- what becomes of every gold quotation: right; missed; its gold speaker is no predicted
  character ("gold unmapped"); the predicted speaker maps to no gold character; wrong, by type;
- anaphoric quotations by the kind of tag found (pronoun, description, name, none);
- untagged turns that repeat the speaker of two turns back, split by whether the two previous
  decisions were right: how much is lost to a wrong history rather than to the turn itself.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import storycast  # noqa: E402
from storycast.evaluation import load_corpus  # noqa: E402
from storycast.evaluation.metrics import map_characters, match_quotes  # noqa: E402


def outcomes(doc, gold, mapping, matched, counts: Counter) -> None:
    mapped = {v for v in mapping.values() if v}
    for gq, k in zip(gold.quotes, matched):
        if k is None:
            counts["missed"] += 1
            continue
        predicted = mapping.get(doc.quotes[k].speaker)
        if predicted == gq.speaker:
            counts["right"] += 1
        elif gq.speaker not in mapped:
            counts["gold unmapped"] += 1
        elif predicted is None:
            counts["predicted unmapped"] += 1
        else:
            counts[f"wrong {gq.type}"] += 1


def anaphoric_by_tag(doc, gold, mapping, matched, counts: Counter) -> None:
    tags = doc.layer("tags")
    for gq, k in zip(gold.quotes, matched):
        if k is None or gq.type != "anaphoric":
            continue
        kind = tags[k].kind if tags[k] else "none"
        counts[kind, "all"] += 1
        counts[kind, "right"] += mapping.get(doc.quotes[k].speaker) == gq.speaker


def alternation(doc, gold, mapping, matched, counts: Counter) -> None:
    quotes = doc.quotes
    gold_at = {k: gq for gq, k in zip(gold.quotes, matched) if k is not None}
    for k, gq in gold_at.items():
        g1, g2 = gold_at.get(k - 1), gold_at.get(k - 2)
        if gq.type != "implicit" or not g1 or not g2:
            continue
        if gq.speaker != g2.speaker or g1.speaker == g2.speaker:
            continue
        if quotes[k].paragraph - quotes[k - 2].paragraph > 3 or quotes[k - 1].paragraph == quotes[k].paragraph:
            continue
        history = ("two back right" if mapping.get(quotes[k - 2].speaker) == g2.speaker
                   else "two back wrong",
                   "one back right" if mapping.get(quotes[k - 1].speaker) == g1.speaker
                   else "one back wrong")
        counts[history, "all"] += 1
        counts[history, "right"] += mapping.get(quotes[k].speaker) == gq.speaker


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "pdnc" / "data")
    p.add_argument("--novels", default="", help="comma-separated folder names (default: all)")
    args = p.parse_args(argv)
    names = [n for n in args.novels.split(",") if n] or None
    fates, anaphoric, turns = Counter(), Counter(), Counter()
    for gold in load_corpus(args.data, names):
        doc = storycast.analyze(gold.text_path)
        mapping = map_characters(doc, gold)
        matched = match_quotes(doc.quotes, gold.quotes)
        for analysis, counts in ((outcomes, fates), (anaphoric_by_tag, anaphoric),
                                 (alternation, turns)):
            analysis(doc, gold, mapping, matched, counts)
    total = sum(fates.values())
    print("What becomes of each gold quotation:")
    for key, n in fates.most_common():
        print(f"  {key:20s} {n:6d}  {n / total:.3f}")
    for title, counts in (("Anaphoric quotations by the tag found:", anaphoric),
                          ("Untagged turns that repeat the speaker two back, by history:", turns)):
        print(title)
        for key in sorted({k for k, _ in counts}):
            n = counts[key, "all"]
            print(f"  {str(key):40s} {n:6d}  right {counts[key, 'right'] / n:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
