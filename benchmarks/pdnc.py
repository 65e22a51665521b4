"""Run storycast on the PDNC novels and score it (docs/evaluation.md).

    python benchmarks/pdnc.py [--data ../shared/pdnc/data] [--cast | --both] [--loo | --folds K]
                              [--jobs N] [--novels Emma,Persuasion] [--write BENCHMARKS.md]

Without --cast the system runs "in the wild" on novel_text.txt; with --cast it
is handed the gold character list; --both scores each novel both ways.  --loo
trains the speaker model on the other novels for each novel (leave-one-novel-out),
through ``storycast.models.speaker.train``; --folds K trains it K times, each
time leaving out a fold of the novels (sorted by name, every K-th), which is
quicker and good for comparing two versions, but is not the published measure.
Each fitted model scores its held-out novels in every mode asked for; --jobs
runs that many folds at once.  --write puts the table into a section of the
benchmark file, stamped with the commit, date, command and Python version; it
takes leave-one-novel-out numbers only, as the shipped model was fitted on
these novels.
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
from concurrent.futures import ProcessPoolExecutor, as_completed
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
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--cast", action="store_true", help="hand the gold character list over")
    mode.add_argument("--both", action="store_true", help="score end to end and with the cast")
    fitting = p.add_mutually_exclusive_group()
    fitting.add_argument("--loo", action="store_true",
                         help="leave-one-novel-out: train storycast.models.speaker on the others")
    fitting.add_argument("--folds", type=int, default=0, metavar="K",
                         help="train the speaker model K times, each leaving out a fold of novels")
    p.add_argument("--jobs", type=int, default=1, metavar="N", help="folds run at once")
    p.add_argument("--novels", default="", help="comma-separated folder names (default: all)")
    p.add_argument("--write", type=Path, help="write/update a section of this Markdown file")
    args = p.parse_args(argv)
    args.argv = list(sys.argv[1:] if argv is None else argv)
    if args.folds == 1 or args.folds < 0:
        p.error("--folds needs 2 or more")
    if args.jobs < 1:
        p.error("--jobs needs 1 or more")
    if args.write and not args.loo:
        p.error("--write takes leave-one-novel-out numbers only (--loo): the shipped model "
                "was fitted on these novels")
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


def run_novel(novel, cast: bool, model=None):
    """Analyse one novel (timed) and score it."""
    options = {}
    if cast:
        options["cast"] = gold_cast(novel)
    if model is not None:
        options["model"] = model
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


def held_out(names: list[str], scored: list[str], args) -> list[tuple[list[str], list[str]]]:
    """(the novels a model is fitted without, those of them it scores) for each model
    fitted; one group with nothing held out when the shipped model scores them all."""
    if args.loo:
        return [([n], [n]) for n in scored]
    if args.folds:
        folds = [names[k::args.folds] for k in range(args.folds)]
        return [(fold, [n for n in fold if n in scored]) for fold in folds
                if any(n in scored for n in fold)]
    return [([], scored)]


def run_group(data: Path, left_out: list[str], scored: list[str], modes: list[bool]):
    """Fit a model without ``left_out`` (none: the shipped one), then score each novel of
    ``scored`` in each mode: (name, cast, score) triples."""
    corpus = load_corpus(data)
    model = speaker_trainer()([n for n in corpus if n.name not in left_out]) if left_out \
        else None
    return [(n.name, cast, run_novel(n, cast, model))
            for n in corpus if n.name in scored for cast in modes]


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


def section(args, cast: bool, table: str) -> str:
    command = "python benchmarks/pdnc.py " + shlex.join(args.argv)
    stamp = (f"- commit: `{revision()}`\n"
             f"- date: {datetime.date.today().isoformat()}\n"
             f"- command: `{command.strip()}`\n"
             f"- Python {platform.python_version()} ({platform.machine()})\n"
             + ("- speaker model trained leave-one-novel-out\n" if args.loo else "")
             + "- seconds: wall time of `storycast.analyze` per novel\n")
    return f"{SECTIONS[cast]}\n\n{stamp}\n{table}"


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
    if args.loo or args.folds:
        speaker_trainer()  # fail before any work if the module is missing
    try:
        novels = load_corpus(args.data, names)
    except FileNotFoundError as exc:
        sys.exit(str(exc))
    # A fitted model leaves out only its fold of the whole corpus, even with --novels.
    everyone = sorted(n.name for n in load_corpus(args.data)) if args.folds else []
    modes = [False, True] if args.both else [args.cast]
    groups = held_out(everyone, [n.name for n in novels], args)
    scores: dict[tuple[str, bool], object] = {}

    def done(results) -> None:
        for name, cast, score in results:
            scores[name, cast] = score
            print(f"{name}{' (cast)' if cast else ''}: speaker accuracy "
                  f"{score.speaker_accuracy:.3f} in {score.seconds:.1f} s", file=sys.stderr)

    if args.jobs == 1:
        for left_out, scored in groups:
            done(run_group(args.data, left_out, scored, modes))
    else:
        with ProcessPoolExecutor(args.jobs) as pool:
            pending = [pool.submit(run_group, args.data, left_out, scored, modes)
                       for left_out, scored in groups]
            for future in as_completed(pending):
                done(future.result())
    for cast in modes:
        table = format_table([scores[n.name, cast] for n in novels])
        print(f"{SECTIONS[cast]}\n\n{table}" if args.both else table)
        if args.write:
            update_file(args.write, SECTIONS[cast], section(args, cast, table))
            print(f"wrote {SECTIONS[cast][3:]!r} to {args.write}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
