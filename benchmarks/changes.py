"""Which gold lines a change of the code puts right and which it puts wrong, novel by novel.

    python benchmarks/changes.py dump BEFORE.json [--cast] [--novels Emma,...]   # one checkout
    python benchmarks/changes.py dump AFTER.json [--cast] [--novels Emma,...]    # the other
    python benchmarks/changes.py compare BEFORE.json AFTER.json [--show 20]

Diagnostics, not results: the shipped model runs on the novels it was fitted on, so a
small rule is seen line by line before the leave-one-novel-out run that measures it.
`dump` analyses the novels with the checkout this script sits in (its `src`), two at a
time, and writes one row per gold quotation: novel, index, gold type, gold speaker,
predicted speaker (mapped to the gold cast), the kind and text of the tag found, and the
confidence. `compare` prints the totals, the lines gained and lost by novel, and the first
few lines whose speaker changed.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import storycast  # noqa: E402
from storycast.evaluation import gold_cast, load_corpus  # noqa: E402
from storycast.evaluation.metrics import map_characters, match_quotes  # noqa: E402

DATA = ROOT.parent / "shared" / "pdnc" / "data"


def rows_of(args: tuple[str, str, bool]) -> list[list]:
    """One row per gold quotation of a novel: (novel, index, type, gold, predicted, tag
    kind, tag text, confidence)."""
    data, name, cast = args
    novel = load_corpus(data, [name])[0]
    doc = storycast.analyze(novel.text_path, **({"cast": gold_cast(novel)} if cast else {}))
    mapping = map_characters(doc, novel)
    tags = doc.layer("tags")
    rows = []
    for i, (gq, k) in enumerate(zip(novel.quotes, match_quotes(doc.quotes, novel.quotes))):
        q, tag = (doc.quotes[k], tags[k]) if k is not None else (None, None)
        rows.append([name, i, gq.type, gq.speaker, mapping.get(q.speaker) if q else None,
                     tag.kind if tag else None, doc.text[tag.start:tag.end] if tag else None,
                     q.confidence if q else None])
    return rows


def dump(out: Path, data: Path, novels: list[str] | None, cast: bool) -> None:
    names = novels or sorted(n.name for n in load_corpus(data))
    with ProcessPoolExecutor(2) as pool:
        rows = [r for rs in pool.map(rows_of, [(str(data), n, cast) for n in names]) for r in rs]
    out.write_text(json.dumps(rows), encoding="utf-8")
    right = sum(r[3] == r[4] for r in rows)
    print(f"{right} of {len(rows)} right ({right / len(rows):.4f}), written to {out}")


def compare(before: Path, after: Path, show: int) -> None:
    a = {(r[0], r[1]): r for r in json.loads(before.read_text(encoding="utf-8"))}
    b = {(r[0], r[1]): r for r in json.loads(after.read_text(encoding="utf-8"))}
    gained, lost, changed = Counter(), Counter(), []
    for key in sorted(a.keys() & b.keys()):
        ra, rb = a[key], b[key]
        was, now = ra[3] == ra[4], rb[3] == rb[4]
        gained[key[0]] += now and not was
        lost[key[0]] += was and not now
        if ra[4] != rb[4]:
            changed.append(rb[:4] + [ra[4], rb[4]])
    print(f"before {sum(r[3] == r[4] for r in a.values())}, "
          f"after {sum(r[3] == r[4] for r in b.values())}")
    for novel in sorted(set(gained) | set(lost)):
        if gained[novel] or lost[novel]:
            print(f"  {novel}: +{gained[novel]} -{lost[novel]}")
    for novel, i, kind, gold, was, now in changed[:show]:
        print(f"  {novel} {i} ({kind}, {gold}): {was} -> {now}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump", help="every gold line's predicted speaker, to a JSON file")
    d.add_argument("out", type=Path)
    d.add_argument("--cast", action="store_true", help="give the gold cast")
    d.add_argument("--novels", help="comma-separated novel names (default: all)")
    d.add_argument("--data", type=Path, default=DATA)
    c = sub.add_parser("compare", help="lines gained and lost between two dumps")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    c.add_argument("--show", type=int, default=20, help="changed lines to print")
    args = parser.parse_args()
    if args.command == "dump":
        dump(args.out, args.data, args.novels.split(",") if args.novels else None, args.cast)
    else:
        compare(args.before, args.after, args.show)


if __name__ == "__main__":
    main()
