"""Capitals and small letters for patterns, beyond ASCII: "Zoë", "Élodie", "Ørsted", "Łucja".

Python's patterns have no class for "a capital letter" but [A-Z]; these are the contents of
such classes (without the brackets) for the Latin, Greek and Cyrillic alphabets, to be put
inside [...] in a pattern.
"""
from __future__ import annotations

# Latin-1 and Latin Extended-A/B, Greek, Cyrillic, Latin Extended Additional (Vietnamese)
_BLOCKS = ((0x00C0, 0x024F), (0x0370, 0x03FF), (0x0400, 0x052F), (0x1E00, 0x1EFF))


def _ranges(test) -> str:
    """The code points of _BLOCKS that pass ``test``, as class ranges ("À-ÖØ-Þ...")."""
    out, run = [], []
    for lo, hi in _BLOCKS:
        for n in range(lo, hi + 1):
            if test(chr(n)):
                if run and run[-1] == n - 1:
                    run.append(n)
                    continue
                if run:
                    out.append(run)
                run = [n]
    if run:
        out.append(run)
    return "".join(chr(r[0]) if len(r) == 1 else f"{chr(r[0])}-{chr(r[-1])}" for r in out)


UPPER = "A-Z" + _ranges(str.isupper)
# combining accents too, as in text whose "é" is "e" and an accent (decomposed Unicode)
LOWER = "a-z" + _ranges(str.islower) + "\u0300-\u036f"
LETTER = UPPER + LOWER
