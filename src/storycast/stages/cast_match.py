"""A cast the reader supplies, matched to the names the text uses.

"Buffy Summers" in the cast is "Buffy" in the text; "Mr Bennet" is "Mr. Bennet".  Names the
cast leaves out still become characters when the text treats them as people.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..lexicon import HONORIFICS, census_sex
from ..spans import Character
from .aliases import short_form_of
from .names import Form, given_title, split_honorific


@lru_cache(maxsize=1)
def given_titles() -> frozenset[str]:
    """Titles that are as much given names ("Dean", "Don"), read as names in a cast."""
    return frozenset(h for h in HONORIFICS if given_title(h))


_DOTS = re.compile(r"\b(Mr|Mrs|Ms|Dr|St|Capt|Col)\.", re.IGNORECASE)


def normalize(name: str) -> str:
    """Lower case, single spaces, no dot after an honorific, no leading "the"."""
    name = _DOTS.sub(r"\1", " ".join(name.split())).lower()
    return name[4:] if name.startswith("the ") else name


class CastIndex:
    """Look-ups from a name, or a part of one, to the cast entries it can mean."""

    def __init__(self, cast: list[list[str]]) -> None:
        self.exact: dict[str, set[int]] = {}
        self.titled: dict[tuple[str, str], set[int]] = {}  # (class, last word) -> entries
        self.first: dict[str, set[int]] = {}
        self.last: dict[str, set[int]] = {}
        self.given: dict[str, set[int]] = {}  # first words of names that are no bare surname
        self.surnames: dict[int, set[str]] = {}  # last words of each entry's full names
        for k, names in enumerate(cast):
            given: set[str] = set()
            for name in names:
                self.exact.setdefault(normalize(name), set()).add(k)
                # a cast's "Dean Winchester" is a full name, as "Don Draper" is
                cls, title, core = split_honorific(_DOTS.sub(r"\1", name), given_titles())
                words = core.split()
                if not words:
                    continue
                if cls:
                    self.titled.setdefault((cls, words[-1].lower()), set()).add(k)
                self.first.setdefault(words[0].lower(), set()).add(k)
                if len(words) > 1:
                    self.last.setdefault(words[-1].lower(), set()).add(k)
                    self.surnames.setdefault(k, set()).add(words[-1].lower())
                if len(words) > 1 or not (cls or title):  # not "Miss Bingley", "Colonel Brandon"
                    self.given.setdefault(words[0].lower(), set()).add(k)
                    given.add(words[0].lower())
            # "My Dear Miss Eliza" ends in a given name, not a family one
            self.surnames[k] = self.surnames.get(k, set()) - given

    def match(self, form: Form) -> int | None:
        """The one cast entry this form names, or None when none or several fit."""
        for found in self._tries(form):
            if len(found) == 1:
                return next(iter(found))
            if len(found) > 1:
                return None
        return None

    def _tries(self, form: Form):
        yield set().union(*(self.exact.get(normalize(n), set()) for n in form.names))
        core = form.core.lower()
        if len(form.words) > 1:
            # "Miss Elizabeth Bennet" is the cast's "Elizabeth", not its "Miss Bennet":
            # the one entry with that given name and no other family name
            family = form.words[-1].lower()
            yield {k for k in self.given.get(form.words[0].lower(), ())
                   if not self.surnames[k] or family in self.surnames[k]}
        if form.cls:
            yield self.titled.get((form.cls, form.words[-1].lower()), set())
            return
        if len(form.words) == 1:
            yield self.first.get(core, set())
            yield self.last.get(core, set())


def _a_woman(names: list[str]) -> bool:
    """Whether a cast entry's names say she is a woman: "Miss Price", or "Fanny Price"."""
    return any(HONORIFICS.get(normalize(n).split()[0]) == "female"
               or census_sex(n.split()[0]) == "female" for n in names if normalize(n).split())


def merge_duplicates(cast: list[list[str]]) -> list[list[str]]:
    """A cast entry that is only a surname another entry carries ("Bounderby" beside "Josiah
    Bounderby, Mr. Bounderby") is that person: Mr. X's when there is one, else the one
    entry whose names end with it.  One that is only "Mr. X" is the one man the cast calls
    by the bare surname ("Mr. Crawford" beside "Henry Crawford, Crawford").  The first entry
    keeps its place and name."""
    owner_of: dict[int, int] = {}
    for k, names in enumerate(cast):
        if not names or any(len(n.split()) != 1 for n in names):
            continue
        words = {normalize(n) for n in names}
        owners = [j for j, other in enumerate(cast) if j != k and any(
            len(n.split()) > 1 and normalize(n).split()[-1] in words for n in other)]
        mister = [j for j in owners if any(normalize(n) in {"mr " + w for w in words}
                                           for n in cast[j])]
        if len(mister) == 1 or len(owners) == 1:
            owner_of[k] = (mister or owners)[0]
    for k, names in enumerate(cast):
        if k in owner_of or not names or not all(
                normalize(n).startswith("mr ") and len(n.split()) == 2 for n in names):
            continue
        family = {normalize(n).split()[1] for n in names}
        owners = [j for j, other in enumerate(cast) if j != k and j not in owner_of and any(
            normalize(n) in family for n in other)]
        if len(owners) == 1 and any(len(n.split()) > 1 for n in cast[owners[0]]) \
                and not _a_woman(cast[owners[0]]):
            owner_of[k] = owners[0]
    merged = [list(names) for names in cast]
    for k, j in owner_of.items():
        while j in owner_of:  # a chain of surnames ends at a full name
            j = owner_of[j]
        merged[j] += [n for n in cast[k] if n not in merged[j]]
    return [names for k, names in enumerate(merged) if k not in owner_of]


def _shortens(form: Form, names: list[str]) -> bool:
    """Whether a one-word name shortens the given name of one of a cast entry's names."""
    if len(form.words) != 1 or form.cls or form.title:
        return False
    cores = [split_honorific(n, given_titles())[2].split() for n in names]
    firsts = {core[0] for core in cores if core}
    return any(short_form_of(form.core, first) for first in firsts)


def cast_characters(cast: list[list[str]], forms: dict, groups: list[list[Form]],
                    keep_absent: bool = True) -> list[tuple[Character, list[Form]]]:
    """One character per cast entry, plus the people the text has and the cast lacks.

    ``keep_absent=False`` drops the entries the text never names.
    """
    from .characters import new_character

    cast = merge_duplicates(cast)
    index = CastIndex(cast)
    matched: dict[int, list[Form]] = {k: [] for k in range(len(cast))}
    owner: dict[tuple, int] = {}
    for form in forms.values():
        k = index.match(form)
        if k is not None:
            matched[k].append(form)
            owner[form.key] = k
    extra: list[list[Form]] = []
    for group in groups:
        owners = {owner[f.key] for f in group if f.key in owner}
        rest = [f for f in group if f.key not in owner]
        if len(owners) == 1:
            matched[owners.pop()].extend(rest)  # "Lizzy" goes where "Elizabeth" went
        elif not owners and rest:
            extra.append(rest)
    unmatched = [k for k in range(len(cast)) if not matched[k]]
    for group in list(extra):
        # "Cas" is the cast's "Castiel" when the text never names Castiel otherwise
        owners = [k for k in unmatched if any(_shortens(f, cast[k]) for f in group)]
        if len(owners) == 1 and not matched[owners[0]]:
            matched[owners[0]].extend(group)
            extra.remove(group)
    pairs = [(new_character(matched[k], names[0], names), matched[k])
             for k, names in enumerate(cast) if keep_absent or matched[k]]
    return pairs + [(new_character(g), g) for g in extra]
