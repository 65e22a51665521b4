"""Build storycast/data/common_words.txt: lower-case English vocabulary of narrative prose.

A word is kept when it appears in lower case in at least 4 of the given texts and 10 times in
all.  Such words are ordinary vocabulary: a capitalised one at the start of a sentence
("Suddenly", "Listen") is not a name.  Run on any folder of plain-text novels:

    python scripts/build_common_words.py ../shared/pdnc/data/*/novel_text.txt
"""
from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

_WORD = re.compile(r"(?<![A-Za-z'])[a-z]+(?:'[a-z]+)?(?![A-Za-z])")


def main(paths: list[str]) -> None:
    total: Counter = Counter()
    books: Counter = Counter()
    for path in paths:
        words = Counter(_WORD.findall(Path(path).read_text(encoding="utf-8", errors="replace")))
        total.update(words)
        books.update(words.keys())
    keep = sorted(w for w, n in total.items() if n >= 10 and books[w] >= 4 and len(w) > 1)
    out = Path(__file__).resolve().parents[1] / "src" / "storycast" / "data" / "common_words.txt"
    out.write_text("\n".join(keep) + "\n")
    print(f"{len(keep)} words -> {out}")


if __name__ == "__main__":
    main(sys.argv[1:])
