"""One first name, two people: "Charles" beside Charles Musgrove and Charles Hayter.

When two men's full names, each said several times, start with the same first name, the
first name alone belongs to the one whose family name is said around it: Persuasion's
"Charles" keeps company with Mrs. Musgrove and Louisa Musgrove, so is Charles Musgrove,
though "Charles Hayter" is written out in full three times as often, to tell him apart.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right

from ..lexicon import census_sex
from .names import Form

NAMESAKE_USES = 3  # a full name said this often is someone the first name could mean
FAMILY_REACH = 1500  # characters either side of the first name where the family counts
FAMILY_MARGIN = 2  # times as much company as the other family's, to decide


def family_owner(forms: list[Form], bare: Form, starts: list[int]) -> int | None:
    """Which of the full names ``starts`` (indices into ``forms``) the first name ``bare``
    belongs to by the families named around it; None when the names share no first name
    with two real bearers, or the company does not decide."""
    if census_sex(bare.core) != "male":
        return None  # a woman's full names may be her maiden and her married one: "May Archer"
    # "Mrs. Charles Musgrove" is his wife, no bearer of the name
    bearers = [j for j in starts if forms[j].count >= NAMESAKE_USES and forms[j].cls != "mrs"]
    surnames = {forms[j].words[-1] for j in bearers}
    if len(surnames) < 2:
        return None
    company = {}
    for surname in surnames:
        places = sorted(m.start for f in forms if f.words[-1] == surname and f is not bare
                        for m in f.mentions)
        company[surname] = sum(bisect_right(places, m.start + FAMILY_REACH)
                               - bisect_left(places, m.start - FAMILY_REACH)
                               for m in bare.mentions)
    ranked = sorted(company, key=lambda s: -company[s])
    if not company[ranked[0]] or company[ranked[0]] < FAMILY_MARGIN * company[ranked[1]]:
        return None
    return max((j for j in bearers if forms[j].words[-1] == ranked[0]),
               key=lambda j: forms[j].count)
