"""Time reading a story as an AO3 EPUB and an AO3 HTML download against reading it as text.

    python benchmarks/formats.py [--novel ../shared/pdnc/data/PrideAndPrejudice/novel_text.txt]
                                 [--size 1.0] [--runs 7] [--write BENCHMARKS.md]

The novel is split at its chapter headings and laid out as the archive lays out a download
(tests/readers/ao3_fixture.py), its chapters repeated until the EPUB file reaches --size MB.
Each format is read from a file in one process, after a first read that loads the modules;
reported is the median of --runs reads, and what each adds to reading the same text as plain
text.  The analysis after reading is the same for every format, so this is all a format adds.
"""
from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pdnc import ROOT, publish, stamp  # noqa: E402

sys.path.insert(0, str(ROOT / "tests" / "readers"))
from ao3_fixture import Work, WorkChapter, ao3_epub, ao3_html, paragraphs_of  # noqa: E402

import storycast  # noqa: E402

DEFAULT_NOVEL = ROOT.parent / "shared" / "pdnc" / "data" / "PrideAndPrejudice" / "novel_text.txt"
HEADING = "## Formats"
_CHAPTER = re.compile(r"^\s*chapter\s+[ivxlcdm\d]+\.?\s*$", re.IGNORECASE | re.MULTILINE)


def novel_chapters(text: str) -> list[WorkChapter]:
    """The novel's chapters, each paragraph on one line as the archive stores it."""
    parts = [p for p in _CHAPTER.split(text) if p.strip()]
    return [WorkChapter(paragraphs=[" ".join(p.split()) for p in paragraphs_of(part)],
                        title=f"Part {n}") for n, part in enumerate(parts, 1)]


def build_work(text: str, size_mb: float) -> Work:
    """The novel's chapters, repeated or cut until its EPUB is about ``size_mb`` MB."""
    chapters = novel_chapters(text)
    work = Work(title="Benchmark", chapters=list(chapters), authors=["benchmark"],
                characters=["Elizabeth Bennet", "Fitzwilliam Darcy"], summary="A benchmark.")
    per_chapter = len(ao3_epub(work)) / len(chapters)
    wanted = max(1, round(size_mb * 1_000_000 / per_chapter))
    work.chapters = [chapters[n % len(chapters)] for n in range(wanted)]
    return work


def median_read(path: Path, runs: int) -> float:
    storycast.read(path)  # the first read imports the reader's modules
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        storycast.read(path)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--novel", type=Path, default=DEFAULT_NOVEL)
    p.add_argument("--size", type=float, default=1.0, help="EPUB file size to reach, in MB")
    p.add_argument("--runs", type=int, default=7)
    p.add_argument("--write", type=Path, help="write/update the Formats section of this file")
    args = p.parse_args(argv)
    if not args.novel.is_file():
        sys.exit(f"{args.novel}: no such file")
    work = build_work(args.novel.read_text(encoding="utf-8"), args.size)
    with tempfile.TemporaryDirectory() as folder:
        files = {
            "text": (Path(folder) / "story.txt", "\n\n".join(
                p for c in work.chapters for p in c.paragraphs).encode("utf-8")),
            "AO3 HTML": (Path(folder) / "story.html", ao3_html(work).encode("utf-8")),
            "AO3 EPUB": (Path(folder) / "story.epub", ao3_epub(work)),
        }
        for path, data in files.values():
            path.write_bytes(data)
        seconds = {name: median_read(path, args.runs) for name, (path, _) in files.items()}
    table = ["| format | file KB | median read s | added to text s |", "| --- | --- | --- | --- |"]
    for name, (_, data) in files.items():
        added = "-" if name == "text" else f"{seconds[name] - seconds['text']:.3f}"
        table.append(f"| {name} | {len(data) // 1000:,} | {seconds[name]:.3f} | {added} |")
    body = (f"{HEADING}\n\n{stamp('formats.py', argv)}; "
            f"{args.novel.parent.name} in {len(work.chapters)} chapters, "
            f"{sum(len(c.paragraphs) for c in work.chapters):,} paragraphs; "
            f"median of {args.runs} reads in one process\n\n" + "\n".join(table) + "\n")
    publish(HEADING, body, args.write)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
