"""Family: who "his wife", "her father" or "his son" is, given whose they are."""
from __future__ import annotations

from ..lexicon import HONORIFICS
from ..spans import Character

RELATION_TITLES = {
    "wife": "mrs", "lady": "mrs", "mother": "mrs", "mamma": "mrs", "mama": "mrs",
    "husband": "mr", "father": "mr", "papa": "mr",
}
RELATION_KIN = {"sister": "female", "daughter": "female", "niece": "female",
                "brother": "male", "son": "male", "nephew": "male", "cousin": None}
RELATIONS = set(RELATION_TITLES) | set(RELATION_KIN)


# What a child calls a parent or grandparent, and what the narration calls them: a
# character the story knows as "Mum" is the one it calls "her mother" or "my mum".
ELDERS = {
    "mother": ("mother", "mum", "mom", "mummy", "mommy", "mama", "mamma", "ma", "momma"),
    "father": ("father", "dad", "daddy", "papa", "pa", "pop", "pops"),
    "grandmother": ("grandmother", "gran", "granny", "grandma", "nan", "nana", "nanna"),
    "grandfather": ("grandfather", "grandad", "granddad", "grandpa", "gramps", "grandpapa"),
}
_ELDER_OF = {word: elder for elder, words in ELDERS.items() for word in words}


def elders(chars) -> dict[str, str]:
    """Each word for a parent or grandparent (ELDERS) -> the one character the story
    names by a word for them ("Mum", "Grandad"), where there is one."""
    named: dict[str, set[str]] = {}
    for c in chars:
        for alias in c.aliases:
            elder = _ELDER_OF.get(alias.lower())
            if elder:
                named.setdefault(elder, set()).add(c.id)
    return {word: next(iter(ids)) for elder, ids in named.items() if len(ids) == 1
            for word in ELDERS[elder]}


def surname(char: Character) -> str | None:
    """The family name: of "Mrs. Bennet", "Miss Elizabeth Bennet" or "Sir William Lucas",
    the longest titled name first, but not of "Miss Eliza", whose last word is one of her
    given names; else of a full name ("Jane Bennet")."""
    titled, plain = [], []
    for alias in char.aliases:
        words = alias.replace(".", "").split()
        if len(words) >= 2 and words[0].lower() in HONORIFICS:
            titled.append(words[1:])
        elif len(words) >= 2:
            plain.append(words)
    given = {w[0] for w in titled if len(w) >= 2} | {w[0] for w in plain}
    for words in sorted(titled, key=len, reverse=True):
        if len(words) >= 2 or words[-1] not in given:
            return words[-1]
    for words in sorted(plain, key=len, reverse=True):
        if words[-1][:1].isupper() and words[-1] not in given:
            return words[-1]
    return None


# Titles of a wife or mother; "Miss" is no one's mother.  A man with any title but an
# unmarried one's ("Master Tom") may be someone's husband or father.
WIFE_TITLES = frozenset({"mrs", "lady", "madame", "mme", "madam", "signora", "frau", "señora",
                         "senora"})
_UNWED_TITLES = {"master", "signorino", "miss", "ms", "mlle", "mademoiselle", "signorina",
                 "señorita", "fraulein", "fräulein"}
# Of two of a family with titles, the higher is the father or mother: "Sir Walter Elliot"
# before "Mr. Elliot", his heir; "General Tilney" before "Captain Tilney", his son; "Lady
# Bertram" before a "Mrs. Bertram".
_PRECEDENCE = ("lord", "sir", "lady", "general", "admiral", "colonel", "major", "captain")
_BORN_TO = {"father", "mother", "papa", "mamma", "mama", "sister", "brother", "niece", "nephew"}


def _titles(char: Character, family: str) -> set[str]:
    """The titles the story gives ``char`` with the family name: "mrs" for "Mrs. Bennet",
    "sir" for "Sir Thomas Bertram", nothing for "Mrs. Wickham" in the Bennet family."""
    found = set()
    for alias in char.aliases:
        words = alias.replace(".", "").split()
        if len(words) >= 2 and words[-1] == family and words[0].lower() in HONORIFICS:
            found.add(words[0].lower())
    return found


def _rank(titles: set[str]) -> int:
    return max((len(_PRECEDENCE) - k for k, t in enumerate(_PRECEDENCE) if t in titles),
               default=0)


class Family:
    """The story's characters by family name, to find someone's wife, father or sister."""

    def __init__(self, chars: dict[str, Character]) -> None:
        self.chars = chars
        self.members: dict[str, list[Character]] = {}
        self.surnames: dict[str, str | None] = {}
        self.titles: dict[str, set[str]] = {}  # each one's titles with their family name
        for c in chars.values():
            self.surnames[c.id] = family = surname(c)
            if family is not None:
                self.members.setdefault(family, []).append(c)
                self.titles[c.id] = _titles(c, family)

    def kin(self, owner: str, noun: str) -> str | None:
        """The character who is ``owner``'s ``noun``, or None. A wife, husband, mother or
        father carries a married title with the family name ("Mrs. Bennet", "Sir Thomas
        Bertram"); of several, the highest title, then the one the story names most:
        Elizabeth Bennet's father is Mr. Bennet; Edmund Bertram's, of "Sir Thomas" and
        "Mr. Bertram" (his brother), Sir Thomas. A sister or brother is the one other of
        the family of that sex, never its married woman (none when there are several). A
        married woman's parents, brothers and sisters have another name than hers."""
        family = self.surnames.get(owner)
        if family is None:
            return None
        titles = self.titles
        if noun in _BORN_TO and titles[owner] & WIFE_TITLES:
            return None
        others = [c for c in self.members[family] if c.id != owner]
        if noun in RELATION_TITLES:
            sex = "female" if RELATION_TITLES[noun] == "mrs" else "male"
            spouses = [c for c in others if c.gender in (sex, "unknown") and (
                titles[c.id] & WIFE_TITLES if sex == "female"
                else titles[c.id] - _UNWED_TITLES - WIFE_TITLES)]
            return max(spouses, key=lambda c: (_rank(titles[c.id]), c.mentions)).id \
                if spouses else None
        sex = RELATION_KIN[noun]
        kin = [c.id for c in others if (sex is None or c.gender == sex)
               and not titles[c.id] & WIFE_TITLES]
        return kin[0] if len(kin) == 1 else None
