"""Time writing every output format for a novel, after its analysis.

    python benchmarks/exporters.py [--novel ../shared/pdnc/data/PrideAndPrejudice/novel_text.txt]
                                   [--runs 5] [--write BENCHMARKS.md]

The novel is analysed once, in a fresh process; then every format is written (.json, .html,
.gexf, .graphml, .fountain, .parquet and the CSV folder) one after the other, as
`storycast analyze NOVEL -o ... -o ...` does.  The first round is "cold": it pays for
importing the exporters and pyarrow, as a command-line run does.  The later rounds are
"warm"; their median is reported beside the cold figure, per format and in total.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pdnc import ROOT, publish, stamp  # noqa: E402

DEFAULT_NOVEL = ROOT.parent / "shared" / "pdnc" / "data" / "PrideAndPrejudice" / "novel_text.txt"
HEADING = "## Exporters"
FORMATS = (".json", ".html", ".gexf", ".graphml", ".fountain", ".parquet", "/")

# Run in a fresh process: analyse, then export every format `runs` times, timing each.
_CHILD = """
import json, sys, time
from pathlib import Path
import storycast
novel, folder, runs = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
doc = storycast.analyze(novel)
from storycast.exporters import export_files
rounds = []
for r in range(runs):
    times = {}
    for suffix in %r:
        target = str(folder / f"out{r}") + (suffix if suffix != "/" else "-csv/")
        start = time.perf_counter()
        export_files(doc, target)
        times[suffix] = time.perf_counter() - start
    rounds.append(times)
print(json.dumps(rounds))
""" % (FORMATS,)


def measure(novel: Path, runs: int) -> list[dict[str, float]]:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    with tempfile.TemporaryDirectory() as tmp:
        done = subprocess.run([sys.executable, "-c", _CHILD, str(novel), tmp, str(runs)],
                              capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        sys.exit(f"exporting failed:\n{done.stderr}")
    return json.loads(done.stdout)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--novel", type=Path, default=DEFAULT_NOVEL)
    p.add_argument("--runs", type=int, default=5, help="rounds of exports (the first is cold)")
    p.add_argument("--write", type=Path, help="write/update the Exporters section of this file")
    args = p.parse_args(argv)
    if not args.novel.is_file():
        sys.exit(f"{args.novel}: no such file")
    if args.runs < 2:
        sys.exit("--runs must be 2 or more: one cold round, then warm ones")
    rounds = measure(args.novel, args.runs)
    cold, warm = rounds[0], rounds[1:]
    names = {"/": "CSV folder (`-o out/`)"}
    table = ["| format | cold s | warm median s |", "| --- | --- | --- |"]
    for suffix in FORMATS:
        median = statistics.median(r[suffix] for r in warm)
        table.append(f"| {names.get(suffix, f'`{suffix}`')} | {cold[suffix]:.3f} | {median:.3f} |")
    cold_total = sum(cold.values())
    warm_total = statistics.median(sum(r.values()) for r in warm)
    new_total = statistics.median(sum(v for k, v in r.items() if k != ".json") for r in warm)
    table.append(f"| **all formats** | {cold_total:.2f} | {warm_total:.2f} |")
    body = (f"{HEADING}\n\n{stamp('exporters.py', argv)}; "
            f"{args.novel.parent.name}, analysed once, then every format written {args.runs} "
            "times in the same process\n"
            "- cold: the first round, which imports the exporters and pyarrow as a "
            "command-line run does; warm: the median of the others\n\n"
            + "\n".join(table) + "\n\n"
            f"All formats but .json, warm: {new_total:.2f} s.\n")
    publish(HEADING, body, args.write)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
