"""One first name, two people: the family named around it says whose it is."""
from __future__ import annotations

from collections import Counter

from storycast.spans import Mention
from storycast.stages.aliases import group_forms
from storycast.stages.namesakes import family_owner
from storycast.stages.names import Form, split_honorific


def form(name: str, places: list[int]) -> Form:
    """A form said once at each of ``places``."""
    cls, title, core = split_honorific(name)
    f = Form(cls, title, core, surfaces=Counter({name: len(places)}), count=len(places))
    f.mentions = [Mention(p, p + len(name), "name", None, name) for p in places]
    return f


def persuasion(first: str = "Charles") -> list[Form]:
    """The first name said among one family, far from the other namesake."""
    return [form(first, [1000, 9000, 17000, 25000]),
            form(f"{first} Musgrove", [40000, 41000, 42000]),
            form(f"{first} Hayter", list(range(60000, 69000, 1000))),
            form("Mrs. Musgrove", [1200, 8800, 17300, 24900]),
            form("Louisa Musgrove", [900, 25200])]


def test_a_first_name_belongs_to_the_namesake_whose_family_is_named_around_it():
    forms = persuasion()
    assert forms[family_owner(forms, forms[0], [1, 2])].display == "Charles Musgrove"
    groups = {frozenset(f.display for f in g) for g in group_forms(forms)}
    assert frozenset({"Charles", "Charles Musgrove"}) in groups
    assert frozenset({"Charles Hayter"}) in groups


def test_without_company_the_first_name_goes_by_the_counts():
    forms = persuasion()[:3]  # no family named anywhere
    assert family_owner(forms, forms[0], [1, 2]) is None


def test_a_womans_first_name_is_left_to_the_counts():
    # her full names may be her maiden and her married one
    forms = persuasion("May")
    assert family_owner(forms, forms[0], [1, 2]) is None
