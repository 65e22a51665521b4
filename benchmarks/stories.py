"""Speaker accuracy on the modern stories that ship with answer keys.

    python benchmarks/stories.py [--write BENCHMARKS.md] [-v]

Each ``tests/data/stories/NAME.key`` answers for ``NAME.txt``: one line per quotation, in
the order of the text, its opening words (up to six), a tab, and its speaker as the story
names them ("Narrator" for a first-person narrator, a description such as "the woman at
the counter" for someone never named, "_group" for several speaking at once, which is not
scored).  A line is right when its speaker is the character whose name or one of whose
aliases is the key's.  The stories are short present-day fiction written for the project,
in the styles the novels lack: first person in the present tense, strangers, single
quotation marks, telephone calls, modern and international names.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pdnc import ROOT, publish, stamp  # noqa: E402

sys.path.insert(0, str(ROOT / "src"))
import storycast  # noqa: E402

STORIES = ROOT / "tests" / "data" / "stories"
HEADING = "## Modern stories"
GROUP = "_group"


def read_key(path: Path) -> list[tuple[str, str]]:
    """(opening words, speaker) of each quotation the key lists."""
    key = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            opening, sep, speaker = line.partition("\t")
            if not sep or not opening.strip() or not speaker.strip():
                sys.exit(f"{path}:{n}: expected the quotation's opening words, a tab, its speaker")
            key.append((opening.strip(), speaker.strip()))
    return key


def _names(char) -> set[str]:
    names = {char.name.lower(), *(a.lower() for a in char.aliases)}
    return names | {"narrator"} if char.narrator else names


def score(path: Path, verbose: bool = False) -> tuple[int, int]:
    """(right, scored) for one keyed story; the lines are matched to the quotes in order."""
    doc = storycast.analyze(path)
    chars = {c.id: c for c in doc.characters}
    quotes = [(q, " ".join(q.text(doc.text).split())) for q in doc.quotes]
    right = scored = at = 0
    for opening, speaker in read_key(path.with_suffix(".key")):
        start = " ".join(opening.split()).rstrip(",")
        found = next((k for k in range(at, len(quotes)) if quotes[k][1].startswith(start)), None)
        if found is not None:
            at = found + 1
        if speaker == GROUP:
            continue
        q = quotes[found][0] if found is not None else None
        who = chars.get(q.speaker) if q is not None and q.speaker else None
        ok = who is not None and speaker.lower() in _names(who)
        right, scored = right + ok, scored + 1
        if verbose and not ok:
            print(f"  {path.stem}: {opening!r} is {speaker}'s, not "
                  f"{who.name if who else 'no one'}'s" + ("" if q else " (quote not found)"))
    return right, scored


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", type=Path, help="update this file's section (BENCHMARKS.md)")
    parser.add_argument("-v", "--verbose", action="store_true", help="print each wrong line")
    args = parser.parse_args()
    rows, total = [], [0, 0]
    for path in sorted(STORIES.glob("*.key")):
        right, scored = score(path.with_suffix(".txt"), args.verbose)
        rows.append(f"| {path.stem} | {scored} | {right} | {right / scored:.3f} |")
        total = [total[0] + right, total[1] + scored]
    rows.append(f"| **all** | {total[1]} | {total[0]} | {total[0] / total[1]:.3f} |")
    table = "\n".join(["| story | lines | right | speaker acc |", "| --- | --- | --- | --- |",
                       *rows])
    body = f"{HEADING}\n\n{stamp('stories.py', None)}\n\n{table}\n"
    publish(HEADING, body, args.write)


if __name__ == "__main__":
    main()
