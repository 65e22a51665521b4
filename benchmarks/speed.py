"""Time the whole `storycast analyze` process on a novel, and its peak memory.

    python benchmarks/speed.py [--novel ../shared/pdnc/data/PrideAndPrejudice/novel_text.txt]
                               [--runs 5] [--write BENCHMARKS.md]

Each run is a fresh process (`python -m storycast analyze NOVEL`), so start-up, reading and
every stage count.  Reported: the fastest and the median wall time, and the largest
resident memory any run reached.

Run it with the Python of a virtual environment holding storycast and its runtime
dependencies only (`python -m venv v && v/bin/pip install . && v/bin/python
benchmarks/speed.py`), as a reader would have: every package's start-up hooks (.pth files)
in a crowded environment add to each process's start.
"""
from __future__ import annotations

import argparse
import compileall
import os
import platform
import shlex
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pdnc import ROOT, publish, stamp  # noqa: E402

DEFAULT_NOVEL = ROOT.parent / "shared" / "pdnc" / "data" / "PrideAndPrejudice" / "novel_text.txt"
HEADING = "## Speed"


def one_run(command: list[str]) -> tuple[float, int]:
    """Wall seconds and peak resident memory (KiB) of one process."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        sys.exit(f"{shlex.join(command)} failed: {proc.stderr.read().decode()}")
    return seconds, usage.ru_maxrss


def _environment() -> str:
    """What besides the standard library the measuring interpreter has installed."""
    from importlib import metadata

    names = sorted({(d.metadata["Name"] or "").lower() for d in metadata.distributions()}
                   - {"", "pip", "setuptools", "wheel"})
    venv = "a virtual environment" if sys.prefix != sys.base_prefix else "the system Python"
    listed = f": {', '.join(names)}" if len(names) <= 12 else ""
    return f"{venv} with {len(names)} packages{listed}"


def measure(command: list[str], runs: int) -> dict:
    results = [one_run(command) for _ in range(runs)]
    times = [t for t, _ in results]
    return {"best": min(times), "median": statistics.median(times),
            "peak_mib": max(m for _, m in results) / 1024}


def _processor() -> str:
    """The processor's model name, as the system reports it."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _yardstick() -> float:
    """Seconds this interpreter takes for a fixed pure-Python loop (best of 5): machines
    differ by two or three times, so a reader can scale the table to their own."""
    def loop() -> float:
        start, total = time.perf_counter(), 0
        for i in range(3_000_000):
            total += i
        return time.perf_counter() - start
    return min(loop() for _ in range(5))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--novel", type=Path, default=DEFAULT_NOVEL)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--write", type=Path, help="write/update the Speed section of this file")
    args = p.parse_args(argv)
    if not args.novel.is_file():
        sys.exit(f"{args.novel}: no such file")
    python = sys.executable
    # An installed package carries its compiled bytecode; so do the sources timed here, or
    # every run (with PYTHONDONTWRITEBYTECODE set, or a changed module) compiles them again.
    compileall.compile_dir(str(ROOT / "src"), quiet=1)
    rows = [
        ("`storycast --help` (start-up)", measure([python, "-m", "storycast", "--help"], args.runs)),
        (f"`storycast analyze {args.novel.name}` ({args.novel.stat().st_size // 1024} KB, "
         f"{args.novel.parent.name})",
         measure([python, "-m", "storycast", "analyze", str(args.novel)], args.runs)),
    ]
    table = ["| command | best s | median s | peak memory MiB |", "| --- | --- | --- | --- |"]
    table += [f"| {name} | {r['best']:.2f} | {r['median']:.2f} | {r['peak_mib']:.0f} |"
              for name, r in rows]
    body = (f"{HEADING}\n\n{stamp('speed.py', argv)}; "
            f"each run a fresh process, {args.runs} runs\n"
            f"- processor: {_processor()}; a pure-Python loop of 3 million additions takes "
            f"{_yardstick():.3f} s\n"
            f"- environment: {_environment()}\n\n" + "\n".join(table) + "\n")
    publish(HEADING, body, args.write)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
