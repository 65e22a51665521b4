"""Where speaker attribution goes wrong, for choosing what to improve next.

    python benchmarks/error_analysis.py [--data ../shared/pdnc/data] [--novels Emma,...]

Diagnostics, not results: it runs the shipped model, which was fitted on these novels.
It prints, over the chosen novels:

- what becomes of every gold quotation: right; missed; its gold speaker is no predicted
  character ("gold unmapped"); the predicted speaker maps to no gold character; wrong, by type;
- anaphoric quotations by the kind of tag found (pronoun, description, name, none);
- untagged turns that repeat the speaker of two turns back, split by whether the two previous
  decisions were right: how much is lost to a wrong history rather than to the turn itself;
- conversations decoded with some wrong speaker, by whether the model itself scores the gold
  speakers higher than the decoded ones (the search lost them) or lower (the model is wrong).
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
from storycast.models.speaker import default_model  # noqa: E402
from storycast.stages.context import CONVERSATION_GAP, build_context  # noqa: E402
from storycast.stages.decoding import learn_from_guesses, path_logprobs  # noqa: E402
from storycast.stages.speakers import anchor_speakers, first_reading  # noqa: E402


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


def search_or_model(doc, gold, mapping, matched, counts: Counter) -> None:
    """Per conversation with a wrong speaker: does the model prefer the gold speakers?"""
    model = default_model()
    ctx = build_context(doc)
    anchors = anchor_speakers(ctx, doc.layer("tags"))
    known = [a or f for a, f in zip(anchors, first_reading(ctx, model, anchors))]
    learn_from_guesses(ctx, known)  # as the beam does
    decoded = [q.speaker for q in doc.quotes]
    ids: dict[str, list[str]] = {}
    for cid, name in mapping.items():
        if name:
            ids.setdefault(name, []).append(cid)
    right = list(decoded)
    for gq, k in zip(gold.quotes, matched):
        if k is not None and gq.speaker in ids:
            options = ids[gq.speaker]
            right[k] = decoded[k] if decoded[k] in options else options[0]
    ours, theirs = path_logprobs(ctx, model, known, decoded), path_logprobs(ctx, model, known, right)
    quotes, start = doc.quotes, 0
    for i in range(1, len(quotes) + 1):
        if i < len(quotes) and quotes[i].paragraph - quotes[i - 1].paragraph <= CONVERSATION_GAP:
            continue
        span = range(start, i)
        start = i
        wrong = sum(decoded[j] != right[j] for j in span)
        if not wrong:
            continue
        if any(theirs[j] is None or ours[j] is None for j in span):
            key = "a gold speaker is no candidate"
        elif sum(theirs[j] for j in span) > sum(ours[j] for j in span):
            key = "the model prefers the gold speakers (search error)"
        else:
            key = "the model prefers the decoded speakers (model error)"
        counts[key, "conversations"] += 1
        counts[key, "wrong quotes"] += wrong


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "pdnc" / "data")
    p.add_argument("--novels", default="", help="comma-separated folder names (default: all)")
    args = p.parse_args(argv)
    names = [n for n in args.novels.split(",") if n] or None
    fates, anaphoric, turns, search = Counter(), Counter(), Counter(), Counter()
    for gold in load_corpus(args.data, names):
        doc = storycast.analyze(gold.text_path)
        mapping = map_characters(doc, gold)
        matched = match_quotes(doc.quotes, gold.quotes)
        for analysis, counts in ((outcomes, fates), (anaphoric_by_tag, anaphoric),
                                 (alternation, turns), (search_or_model, search)):
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
    print("Conversations with a wrong speaker, by what the model prefers:")
    for key in sorted({k for k, _ in search}):
        print(f"  {key:52s} {search[key, 'conversations']:5d} conversations, "
              f"{search[key, 'wrong quotes']:5d} wrong quotes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
