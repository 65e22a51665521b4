"""Capitals and small letters for patterns, beyond ASCII: "Zoë", "Élodie", "Ørsted", "Łucja".

Python's patterns have no class for "a capital letter" but [A-Z]; these are the contents of
such classes (without the brackets) for the Latin, Greek and Cyrillic alphabets, to be put
inside [...] in a pattern.  They are a few whole ranges, as a class of hundreds of single
letters takes a millisecond to compile and the name patterns hold many: so Latin Extended
A, B and Additional, whose capitals and small letters alternate, count as both.
"""
from __future__ import annotations

_LATIN_EXTENDED = "\u0100-\u024f\u1e00-\u1eff"  # Ā-ɏ, Ḁ-ỿ: "Łucja", "Ğül", "Nguyễn"
UPPER = ("A-Z\u00c0-\u00d6\u00d8-\u00de"  # À-Ö, Ø-Þ
         + _LATIN_EXTENDED
         + "\u0386-\u03ab"  # Greek capitals, Ά-Ϋ
         + "\u0400-\u042f")  # Cyrillic capitals, Ѐ-Я
# combining accents too, as in text whose "é" is "e" and an accent (decomposed Unicode)
LOWER = ("a-z\u00df-\u00f6\u00f8-\u00ff"  # ß-ö, ø-ÿ
         + _LATIN_EXTENDED
         + "\u03ac-\u03ce"  # Greek small letters, ά-ώ
         + "\u0430-\u045f"  # Cyrillic small letters, а-џ
         + "\u0300-\u036f")
LETTER = UPPER + LOWER
