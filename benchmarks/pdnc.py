"""Run storycast on the PDNC novels and score it (docs/evaluation.md).

    python benchmarks/pdnc.py [--data ../shared/pdnc/data] [--cast] [--loo]
                              [--novels Emma,Persuasion] [--write BENCHMARKS.md]

Without --cast the system runs "in the wild" on novel_text.txt; with --cast it
is handed the gold character list.  --loo trains the speaker model on the other
novels for each novel (leave-one-novel-out), through
``storycast.models.speaker.train``.  --write puts the table into a section of
the benchmark file, stamped with the commit, date, command and Python version.
"""
from __future__ import annotations

import argparse
import datetime
import importlib
import os
import platform
import shlex
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import storycast  # noqa: E402
from storycast.evaluation import evaluate, format_table, gold_cast, load_corpus  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "pdnc" / "data"
SECTIONS = {False: "## End to end (no cast)", True: "## Cast given"}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", type=Path, default=DEFAULT_DATA, help="PDNC data/ folder")
    p.add_argument("--cast", action="store_true", help="hand the gold character list over")
    p.add_argument("--loo", action="store_true",
                   help="leave-one-novel-out: train storycast.models.speaker on the others")
    p.add_argument("--novels", default="", help="comma-separated folder names (default: all)")
    p.add_argument("--write", type=Path, help="write/update a section of this Markdown file")
    args = p.parse_args(argv)
    args.argv = list(sys.argv[1:] if argv is None else argv)
    return args


def speaker_trainer():
    """``storycast.models.speaker.train``, or exit with a clear message."""
    try:
        speaker = importlib.import_module("storycast.models.speaker")
    except ModuleNotFoundError as exc:
        if exc.name not in ("storycast.models", "storycast.models.speaker"):
            raise  # the module exists but something it imports is missing
        sys.exit("--loo needs storycast.models.speaker.train(novels), "
                 "and storycast/models/speaker.py does not exist yet")
    if not hasattr(speaker, "train"):
        sys.exit("--loo needs storycast.models.speaker.train(novels); the module has no train()")
    return speaker.train


def run_novel(novel, args, corpus):
    """Analyse one novel (timed) and score it."""
    options = {}
    if args.cast:
        options["cast"] = gold_cast(novel)
    if args.loo:
        train = speaker_trainer()
        options["model"] = train([n for n in corpus if n.name != novel.name])
    start = time.perf_counter()
    try:
        doc = storycast.analyze(novel.text_path, **options)
    except ModuleNotFoundError as exc:
        if (exc.name or "").startswith("storycast"):
            sys.exit(f"storycast.analyze is not available yet: {exc}")
        raise
    seconds = time.perf_counter() - start
    score = evaluate(doc, novel)
    score.seconds = seconds
    return score


def git(*cmd: str) -> str:
    try:
        out = subprocess.run(["git", *cmd], cwd=ROOT, capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return ""
    return out.stdout


def revision() -> str:
    """Short commit hash, with "+dirty" when src/ has uncommitted changes."""
    rev = git("rev-parse", "--short", "HEAD").strip() or "unknown"
    dirty = any(line[3:].startswith("src/") for line in git("status", "--porcelain").splitlines())
    return rev + ("+dirty" if dirty else "")


def stamp(script: str, argv: list[str] | None) -> str:
    """The lines that open a benchmark section: commit, date, the command as run, and the
    machine; the caller ends the last line (", N cores" leaves room for more on it)."""
    command = f"python benchmarks/{script} " + shlex.join(sys.argv[1:] if argv is None else argv)
    return (f"- commit: `{revision()}`\n- date: {datetime.date.today().isoformat()}\n"
            f"- command: `{command.strip()}`\n"
            f"- Python {platform.python_version()} ({platform.machine()}), {os.cpu_count()} cores")


def section(args, table: str) -> str:
    command = "python benchmarks/pdnc.py " + shlex.join(args.argv)
    stamp = (f"- commit: `{revision()}`\n"
             f"- date: {datetime.date.today().isoformat()}\n"
             f"- command: `{command.strip()}`\n"
             f"- Python {platform.python_version()} ({platform.machine()})\n"
             + ("- speaker model trained leave-one-novel-out\n" if args.loo else "")
             + "- seconds: wall time of `storycast.analyze` per novel\n")
    return f"{SECTIONS[args.cast]}\n\n{stamp}\n{table}"


def publish(heading: str, body: str, path: Path | None) -> None:
    """Print a section, and write it into ``path`` (BENCHMARKS.md) when one is given."""
    print(body)
    if path:
        update_file(path, heading, body)


def update_file(path: Path, heading: str, body: str) -> None:
    """Replace the section starting at ``heading`` (up to the next "## ") or append it."""
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else ["# Benchmarks"]
    try:
        start = lines.index(heading)
    except ValueError:
        text = "\n".join(lines).rstrip() + "\n\n" + body.rstrip() + "\n"
    else:
        end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")),
                   len(lines))
        rest = "\n".join(lines[end:])
        text = ("\n".join(lines[:start]).rstrip() + "\n\n" + body.rstrip() + "\n"
                + ("\n" + rest + "\n" if rest else ""))
    path.write_text(text.lstrip("\n"), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not args.data.is_dir():
        sys.exit(f"no PDNC data at {args.data} (use --data)")
    names = [n.strip() for n in args.novels.split(",") if n.strip()] or None
    if args.loo:
        speaker_trainer()  # fail before any work if the module is missing
    try:
        novels = load_corpus(args.data, names)
    except FileNotFoundError as exc:
        sys.exit(str(exc))
    # Leave-one-out trains on the whole corpus minus the test novel, even with --novels.
    corpus = load_corpus(args.data) if args.loo else []
    scores = []
    for novel in novels:
        scores.append(run_novel(novel, args, corpus))
        print(f"{novel.name}: speaker accuracy {scores[-1].speaker_accuracy:.3f} "
              f"in {scores[-1].seconds:.1f} s", file=sys.stderr)
    table = format_table(scores)
    print(table)
    if args.write:
        update_file(args.write, SECTIONS[args.cast], section(args, table))
        print(f"wrote {SECTIONS[args.cast][3:]!r} to {args.write}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
