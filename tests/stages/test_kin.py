import pytest

from storycast.spans import Character
from storycast.stages.kin import Family, surname


@pytest.mark.parametrize("aliases, family", [
    (["Mrs. Bennet"], "Bennet"),
    (["Mr. Bennet", "Bennet"], "Bennet"),
    # "Miss Eliza" is Miss and a given name; "Miss Elizabeth Bennet" says the family
    (["Elizabeth", "Lizzy", "Eliza", "Miss Eliza", "Miss Elizabeth", "Miss Elizabeth Bennet",
      "Elizabeth Bennet"], "Bennet"),
    (["Jane", "Jane Bennet"], "Bennet"),
    (["Sir William", "Sir William Lucas"], "Lucas"),
    (["Lydia"], None),
])
def test_the_family_name_is_not_a_given_name_after_miss(aliases, family):
    assert surname(Character("c1", aliases[0], aliases)) == family


def _family(*people: tuple[str, str, list[str]], mentions: dict[str, int] | None = None):
    chars = {}
    for k, (gender, name, aliases) in enumerate(people, 1):
        chars[f"c{k}"] = Character(f"c{k}", name, [name] + aliases, gender=gender,
                                   mentions=(mentions or {}).get(name, 10))
    return Family(chars), {c.name: c.id for c in chars.values()}


BENNETS = (("male", "Mr. Bennet", []), ("female", "Mrs. Bennet", []),
           ("female", "Elizabeth", ["Elizabeth Bennet"]), ("female", "Jane", ["Jane Bennet"]),
           ("female", "Lydia", ["Miss Lydia Bennet", "Mrs. Wickham"]),
           ("female", "Mrs. Knightley", ["Isabella Knightley"]),
           ("male", "Mr. Knightley", ["George Knightley"]))


@pytest.mark.parametrize("owner, noun, kin", [
    ("Elizabeth", "father", "Mr. Bennet"),
    ("Elizabeth", "mother", "Mrs. Bennet"),  # not Lydia, who is Mrs. Wickham
    ("Mr. Bennet", "wife", "Mrs. Bennet"),
    ("Mrs. Bennet", "husband", "Mr. Bennet"),
    ("Elizabeth", "sister", None),  # Jane or Lydia
    ("Mrs. Bennet", "daughter", None),
    ("Mr. Bennet", "son", None),
    # a married woman's father has her maiden name, not her husband's
    ("Mrs. Knightley", "father", None),
    ("Mrs. Knightley", "husband", "Mr. Knightley"),
])
def test_a_relative_is_the_one_of_the_family_the_word_fits(owner, noun, kin):
    family, ids = _family(*BENNETS, mentions={"Lydia": 50})
    found = family.kin(ids[owner], noun)
    assert (family.chars[found].name if found else None) == kin


def test_of_two_titled_men_of_a_family_the_higher_title_is_the_father():
    family, ids = _family(("male", "Sir Thomas", ["Sir Thomas Bertram"]),
                          ("male", "Mr. Bertram", ["Bertram", "Tom Bertram"]),
                          ("male", "Edmund", ["Edmund Bertram"]),
                          ("female", "Lady Bertram", []),
                          mentions={"Mr. Bertram": 900})
    assert family.kin(ids["Edmund"], "father") == ids["Sir Thomas"]
    assert family.kin(ids["Edmund"], "mother") == ids["Lady Bertram"]


def test_a_married_woman_of_the_family_is_no_one_s_sister():
    family, ids = _family(("male", "Ralph", ["Ralph Denham"]), ("female", "Mrs. Denham", []))
    assert family.kin(ids["Ralph"], "sister") is None
    assert family.kin(ids["Ralph"], "mother") == ids["Mrs. Denham"]
