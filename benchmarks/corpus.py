"""Time `storycast corpus build` with 1 and 2 worker processes, and its peak memory.

    python benchmarks/corpus.py [--data ../shared/pdnc/data] [--words 6000]
                                [--workers 1,2] [--runs 3] [--write BENCHMARKS.md]

The corpus is cut from the development novels: each novel_text.txt is cut at paragraph
breaks into works of about --words words (a few hundred works in all), written as text
files to a temporary folder.  Each build is a fresh process building a fresh database, so
start-up, starting the workers, reading, analysing and writing all count.  Reported: works
and megabytes per second (the best of --runs builds), the speed-up over one worker, and the
peak resident memory of the build process and of its largest worker (getrusage), with their
sum over all processes as a bound on the whole build's memory.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pdnc import ROOT, publish, stamp  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "pdnc" / "data"
HEADING = "## Corpus"
_BREAK = re.compile(r"\n[ \t]*\n")

# One build, in a process of its own: prints what it did and its peak memory.
BUILD = """
import json, resource, sys, time
from storycast.corpus import build

if __name__ == "__main__":
    corpus, db, workers = sys.argv[1], sys.argv[2], int(sys.argv[3])
    start = time.perf_counter()
    report = build([corpus], db, workers=workers)
    seconds = time.perf_counter() - start
    print(json.dumps({
        "works": report.analysed, "failed": report.failed, "seconds": seconds,
        "self_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "children_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
        "self_cpu": sum(resource.getrusage(resource.RUSAGE_SELF)[:2]),
        "children_cpu": sum(resource.getrusage(resource.RUSAGE_CHILDREN)[:2]),
    }))
"""


def cut_corpus(data: Path, folder: Path, words: int) -> tuple[int, int]:
    """Cut every novel into works of about ``words`` words; returns (works, bytes)."""
    count = size = 0
    for novel in sorted(data.glob("*/novel_text.txt")):
        paragraphs = [p for p in _BREAK.split(novel.read_text(encoding="utf-8")) if p.strip()]
        parts, part, length = [], [], 0
        for paragraph in paragraphs:
            part.append(paragraph)
            length += len(paragraph.split())
            if length >= words:
                parts.append(part)
                part, length = [], 0
        if part and parts and length < words // 2:
            parts[-1] += part  # a short tail joins the last work
        elif part:
            parts.append(part)
        for i, part in enumerate(parts, start=1):
            name = novel.parent.name
            text = f"Title: {name}, part {i}\n\n" + "\n\n".join(part) + "\n"
            path = folder / name / f"{name}-{i:03d}.txt"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            count += 1
            size += path.stat().st_size
    return count, size


def one_build(corpus: Path, db: Path, workers: int) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    for stale in (db, db.with_name(db.name + ".wal")):
        stale.unlink(missing_ok=True)
    done = subprocess.run([sys.executable, "-c", BUILD, str(corpus), str(db), str(workers)],
                          capture_output=True, text=True, env=env)
    if done.returncode != 0:
        sys.exit(f"the build with {workers} workers failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def best(results: list[dict], workers: int) -> dict:
    """The fastest of a worker count's builds, with the peak memory of them all."""
    out = dict(min(results, key=lambda r: r["seconds"]))
    out["peak_parent_mib"] = max(r["self_kib"] for r in results) / 1024
    out["peak_worker_mib"] = max(r["children_kib"] for r in results) / 1024 \
        if workers > 1 else 0.0
    out["peak_total_mib"] = out["peak_parent_mib"] + workers * out["peak_worker_mib"]
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", type=Path, default=DEFAULT_DATA)
    p.add_argument("--words", type=int, default=6000, help="words per work (about)")
    p.add_argument("--workers", default="1,2", help="worker counts to time, comma-separated")
    p.add_argument("--runs", type=int, default=3, help="builds per worker count (best kept)")
    p.add_argument("--write", type=Path, help="write/update the Corpus section of this file")
    args = p.parse_args(argv)
    if not any(args.data.glob("*/novel_text.txt")):
        sys.exit(f"no novels at {args.data} (use --data)")
    counts = [int(n) for n in args.workers.split(",")]
    with tempfile.TemporaryDirectory(prefix="storycast-corpus-") as tmp:
        corpus, scratch = Path(tmp) / "stories", Path(tmp)
        works, size = cut_corpus(args.data, corpus, args.words)
        results: dict[int, list[dict]] = {n: [] for n in counts}
        for _ in range(args.runs):  # the worker counts in turn: each meets the same load
            for workers in counts:
                r = one_build(corpus, scratch / f"w{workers}.duckdb", workers)
                if (r["works"], r["failed"]) != (works, 0):
                    sys.exit(f"{workers} workers: {r['works']} works analysed, "
                             f"{r['failed']} failed, of {works}")
                results[workers].append(r)
                print(f"{workers} workers: {r['works'] / r['seconds']:.2f} works/s; CPU "
                      f"seconds: build process {r['self_cpu']:.1f}, workers "
                      f"{r['children_cpu']:.1f}", file=sys.stderr)
        rows = [(n, best(results[n], n)) for n in counts]
    base = rows[0][1]["seconds"]
    table = ["| workers | works/s | MB/s | seconds | speed-up | build process MiB | "
             "largest worker MiB | all processes MiB |",
             "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for workers, r in rows:
        worker = f"{r['peak_worker_mib']:.0f}" if workers > 1 else "-"
        table.append(f"| {workers} | {works / r['seconds']:.2f} | {size / 1e6 / r['seconds']:.2f} "
                     f"| {r['seconds']:.1f} | {base / r['seconds']:.2f}x "
                     f"| {r['peak_parent_mib']:.0f} | {worker} | {r['peak_total_mib']:.0f} |")
    body = (f"{HEADING}\n\n{stamp('corpus.py', argv)}\n"
            f"- corpus: the {len(list(args.data.glob('*/novel_text.txt')))} development novels "
            f"cut into {works} works of about {args.words:,} words ({size / 1e6:.1f} MB of "
            "text); each build a fresh process and a fresh database, "
            f"best of {args.runs}\n"
            "- memory: peak resident set (getrusage) of the build process, of its largest "
            "worker, and the sum over the build process and every worker\n\n"
            + "\n".join(table) + "\n")
    publish(HEADING, body, args.write)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
