"""Grouping name forms into characters: the rules that say two names are one person."""
from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from itertools import compress, count
from operator import ne

from ..lexicon import (
    HONORIFICS,
    NONBINARY,
    given_names,
    head_noun,
    name_sex,
    nicknames,
    noun_gender,
)
from .names import KIN_NAMES, Form
from .namesakes import family_owner


# A titled form used at most RARE_USES times, and RARE_TITLED times less than the bare
# name, is another use of the name, not its owner's title.
RARE_TITLED = 10
RARE_USES = 5
# ranks that in most stories are men's: a lean in a name's sex, never a rule
MOSTLY_MEN = frozenset("captain capt colonel col major general admiral lieutenant sergeant "
                       "commander".split())
CENSUS_CERTAIN = 20  # people counted for a given name before its census share is trusted


class Groups:
    """Union-find over forms, keeping each group's gender consistent."""

    def __init__(self, forms: list[Form]) -> None:
        self.forms = forms
        self.parent = list(range(len(forms)))
        self.joined = {i: [i] for i in range(len(forms))}  # root -> its forms, in order

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def members(self, i: int) -> list[Form]:
        return [self.forms[j] for j in self.joined[self.find(i)]]

    def gender(self, i: int) -> str | None:
        return group_gender(self.members(i))

    def union(self, i: int, j: int, genders: bool = True) -> bool:
        """Join the groups of forms i and j, unless their genders (when ``genders``) or
        their honorifics disagree."""
        a, b = self.find(i), self.find(j)
        if a == b:
            return True
        ma, mb = self.members(a), self.members(b)
        ga, gb = group_gender(ma), group_gender(mb)
        if genders and ga and gb and ga != gb:
            return False
        if _conflicting_classes(ma, mb):
            return False
        # keep the larger group's root so its canonical name wins
        if sum(f.count for f in ma) < sum(f.count for f in mb):
            a, b = b, a
        self.parent[b] = a
        self.joined[a] = sorted(self.joined[a] + self.joined.pop(b))
        return True

    def groups(self) -> list[list[Form]]:
        out: dict[int, list[Form]] = defaultdict(list)
        for i, f in enumerate(self.forms):
            out[self.find(i)].append(f)
        return list(out.values())


# Titles a married woman takes from her husband's rank: hers alongside "Mrs." or "Madame".
NOBLE_WIVES = frozenset("countess duchess baroness marchioness viscountess".split())


def _conflicting_classes(a: list[Form], b: list[Form]) -> bool:
    """Mr. X and Mrs. X are two people; so are Mrs. X and Miss X with the same core."""
    cores_a = {(f.cls, f.words[-1]) for f in a if f.cls}
    cores_b = {(f.cls, f.words[-1]) for f in b if f.cls}
    for cls_a, last_a in cores_a:
        for cls_b, last_b in cores_b:
            if last_a == last_b and cls_a != cls_b:
                return True
    return False


def form_gender(form: Form) -> str | None:
    """Gender evidence of one form: its honorific, then pronouns, then its given name."""
    if form.honorific_gender:
        return form.honorific_gender
    if form.male + form.female >= 2:
        share = form.male / (form.male + form.female)
        if share >= 0.75:
            return "male"
        if share <= 0.25:
            return "female"
    if not form.cls and not form.title and not form.surname_like:
        prior = name_sex(form.words[0])
        if prior and prior[1] >= 5 and form.male + form.female < 2:
            return "male" if prior[0] > 0.8 else "female" if prior[0] < 0.2 else None
    return None


def plain_given_name(word: str) -> bool:
    """A given name the census counts often enough to be sure of ("Pat", "Alice")."""
    prior = given_names().get(word)
    return bool(prior) and prior[1] >= CENSUS_CERTAIN


def _census_sexed(word: str) -> bool:
    """A given name the census counts often enough, and gives to one sex ("Nancy")."""
    prior = name_sex(word)
    return bool(prior) and prior[1] >= CENSUS_CERTAIN and not 0.2 <= prior[0] <= 0.8


def _sexed(form: Form) -> bool:
    """Whether a form's sex rests on more than one pronoun after it: an honorific, two
    pronouns or a given name the census is sure of."""
    return bool(form.honorific_gender) or form.male + form.female >= 2 \
        or _census_sexed(form.words[0])


def group_gender(forms: list[Form]) -> str | None:
    votes = defaultdict(float)
    census = defaultdict(float)  # what the given names alone say
    for f in forms:
        g = f.honorific_gender
        if g:
            votes[g] += 3 * f.count
        elif f.article:  # "the Matron", "the Beadle"
            g = noun_gender(head_noun(f.core.lower()))
            if g:
                votes[g] += 3 * f.count
        elif len(f.words) == 1 and f.core.lower() in KIN_NAMES:  # "Mom", "Dad"
            votes[KIN_NAMES[f.core.lower()]] += 3 * f.count
        elif f.title in MOSTLY_MEN:  # a leaning, which the pronouns can still overturn
            votes["male"] += f.count / 2
        votes["male"] += f.male
        votes["female"] += f.female
        if not f.honorific_gender and not f.surname_like:
            prior = name_sex(f.words[0])
            # a rank's given name is still one: "Captain Ilse Varga" ("Captain Harville" has none)
            if prior and not f.cls and (not f.title or len(f.words) > 1):
                # one pronoun's worth: "Jess ... she" outweighs a census that says male
                votes["male"] += prior[0] * 1.5
                votes["female"] += (1 - prior[0]) * 1.5
                if prior[1] >= CENSUS_CERTAIN:
                    census["male"] += prior[0] * f.count
                    census["female"] += (1 - prior[0]) * f.count
    # only ever "they" after the name, twice or more, and nothing else that says a sex
    # but a given name's census: someone the story calls "they" ("Wren folded their arms")
    they = sum(f.they for f in forms)
    if they >= 2 and not any(f.male or f.female or f.honorific_gender or f.article
                             or f.title in MOSTLY_MEN or f.core.lower() in KIN_NAMES
                             for f in forms):
        return NONBINARY
    m, w = votes["male"], votes["female"]
    if m + w < 1:
        return None
    if m >= 2 * w:
        return "male"
    if w >= 2 * m:
        return "female"
    # The pronouns after a name split evenly when it is mostly in talk between a man and a
    # woman; then a given name the census gives to one sex settles it ("Henry", "May").
    cm, cw = census["male"], census["female"]
    if cm >= 19 * cw and cm:
        return "male"
    if cw >= 19 * cm and cw:
        return "female"
    return None


def edit_distance_one(a: str, b: str) -> bool:
    """True when a and b differ by one insertion, deletion or substitution."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(map(ne, a, b)) == 1
    if len(a) > len(b):
        a, b = b, a
    # the letter to drop from b is at the first difference, or any of the same letters
    # before it, which drop to the same word
    i = next(compress(count(), map(ne, a, b)), len(a))
    return b[i + 1:] == a[i:]


def _starting_with(ordered: list[str], prefix: str) -> list[str]:
    """The words of a sorted list that begin with ``prefix``."""
    k = bisect_left(ordered, prefix)
    out = []
    while k < len(ordered) and ordered[k].startswith(prefix):
        out.append(ordered[k])
        k += 1
    return out


def _miss_given_name(form: Form) -> bool:
    """"Miss Nancy", "Miss Rose": a certain given name after Miss is no family name."""
    return form.cls == "miss" and len(form.words) == 1 and _census_sexed(form.core)


def _younger_sister(person: list[Form]) -> bool:
    """Called "Miss" and her given name often enough for the form to have joined her, as a
    younger daughter is: never "Miss" and the family name, which is her eldest sister's."""
    return any(f.cls == "miss" and len(f.words) == 1 and f.count >= 2
               and any(len(o.words) > 1 and o.words[0] == f.core for o in person)
               for f in person)


def _known_by_surname(g: Groups, j: int) -> bool:
    """Whether the one named in full by form j is otherwise called by the family name alone
    ("Ronald Weasley", "Mr. Weasley") and by no other name, or by no other name at all and
    brought in by the narration ("Alexander Brandt is the last one up the ramp", then
    "Alex" all through): not "Edward Leeford", who is "Monks", nor a "Jane Merry" said once
    in talk, whom a "Janey" may not be."""
    family = g.forms[j].words[-1]
    others = [m for m in g.members(j) if m is not g.forms[j]]
    if not others:
        return g.forms[j].narration > 0
    return all(m.words[-1] == family and not m.title for m in others)


def group_forms(forms: list[Form]) -> list[list[Form]]:
    """Apply the alias rules, most certain first."""
    surnames = {f.words[-1] for f in forms if (f.cls or f.title or len(f.words) > 1)
                and not _miss_given_name(f)}
    for f in forms:
        f.surname_like = len(f.words) == 1 and not f.cls and f.core in surnames
    g = Groups(forms)
    by_core = defaultdict(list)
    for i, f in enumerate(forms):
        by_core[f.core].append(i)
    full = [i for i, f in enumerate(forms) if len(f.words) >= 2]
    singles = [i for i, f in enumerate(forms) if len(f.words) == 1]

    # 1. "Mr. Frank Churchill" = "Frank Churchill"; "Lady Catherine" = "Catherine" (one titled form).
    for idx in by_core.values():
        bare = [i for i in idx if not forms[i].cls and not forms[i].title]
        titled = [i for i in idx if forms[i].cls or forms[i].title]
        if bare and len(forms[bare[0]].words) == 1:
            # a name used a hundred times is not the "Mrs. Newland" the text says twice
            titled = [i for i in titled if forms[i].count > RARE_USES
                      or RARE_TITLED * forms[i].count >= forms[bare[0]].count]
        if bare and len(titled) == 1 and (forms[titled[0]].cls or forms[bare[0]].surname_like
                                          or forms[titled[0]].count >= forms[bare[0]].count):
            # one pronoun after "Fitzwilliam" ("asked her why she") is no sex to keep him
            # from "Colonel Fitzwilliam"
            g.union(titled[0], bare[0], genders=_sexed(forms[bare[0]]))
        elif bare and titled and len(forms[bare[0]].words) == 1:
            # "Bennet" alone: Mr. Bennet when there is one, else the most frequent title.
            best = sorted(titled, key=lambda i: (forms[i].cls != "mr", -forms[i].count))[0]
            g.union(best, bare[0])
        elif bare and titled:
            for t in titled:
                g.union(t, bare[0])

        # "Countess Olenska" is the style of the one woman the text calls "Madame Olenska"
        wives = [i for i in titled if forms[i].cls == "mrs"]
        if len(wives) == 1:
            for i in titled:
                if forms[i].title in NOBLE_WIVES:
                    g.union(wives[0], i)

    # 2. A first name joins the one full name that starts with it.
    families: dict[str, int] = defaultdict(int)  # "Mr. van der Luyden": how often, by "Luyden"
    for f in forms:
        if f.cls in ("mr", "mrs"):
            families[f.words[-1]] += f.count
    for i in singles:
        word = forms[i].core
        if forms[i].cls in ("mr", "mrs") or any(f.title for f in g.members(i)):
            continue  # "Fitzwilliam" that is Colonel Fitzwilliam is not Fitzwilliam Darcy
        starts = [j for j in full if forms[j].words[0] == word]
        if families.get(word, 0) >= forms[i].count and not plain_given_name(word):
            # "Luyden" of Mr. van der Luyden is not the first name of "Luyden Newland", who
            # is another man; it still begins "Mr. Bounderby the Banker"
            starts = [j for j in starts if forms[j].cls]
        owner = family_owner(forms, forms[i], starts) if len({g.find(j) for j in starts}) > 1 \
            else None
        starts = owner if owner is not None else _largest(forms, g, starts)
        if starts is not None:
            # a first name's gender rests on a few pronouns after it, which the full name's
            # outweigh ("Newland ... she" is more often her answering him)
            titled = any(f.honorific_gender for f in g.members(i))
            g.union(starts, i, genders=titled)

    # 3. "Mr. Churchill" or a bare surname joins the one full name ending with it, unless
    # the text keeps a titled full name apart ("Mr. John Knightley" beside "Mr. Knightley").
    for i in singles:
        word, cls = forms[i].core, forms[i].cls
        if forms[i].title or cls == "mrs":
            continue  # Mrs. Maylie is seldom the Rose Maylie of the same house
        ends = [j for j in full if forms[j].words[-1] == word and forms[j].cls in (None, cls)]
        if cls and any(forms[j].cls == cls and forms[j].count >= 3
                       and forms[j].words[0] in given_names() for j in ends):
            continue  # "Mr. John Knightley", said to keep him apart; not "Mr. Athelney Jones"
        # "Knightley", already Mr. Knightley's, is not John Knightley's when the text calls
        # him "Mr. John Knightley" to keep the two apart
        classes = {m.cls for m in g.members(i) if m.cls and m.words[-1] == word} if not cls else ()
        ends = [j for j in ends if not any(m.cls in classes and len(m.words) >= 2 and m.count >= 3
                                           for m in g.members(j))]
        gender = forms[i].honorific_gender or form_gender(forms[i])
        if gender:  # "Archer" (he) is Newland Archer, not Janey Archer
            ends = [j for j in ends if g.gender(j) in (None, gender)]
        if cls == "miss":  # "Miss Dashwood" is the eldest, not the one called "Miss Marianne"
            ends = [j for j in ends if not _younger_sister(g.members(j))]
        if any(forms[j].count >= 3 for j in ends):  # not "New York of Newland Archer", once
            ends = [j for j in ends if forms[j].count > 1]
        if len({g.find(j) for j in ends}) == 1:
            g.union(ends[0], i)
        elif cls == "miss" and ends:
            # "Miss Welland" is May Welland when no other woman of the family is named
            # near as often (but "Miss Bennet" is no one sister of five)
            best = _dominant(forms, g, ends)
            if best is not None:
                g.union(best, i)

    # 4. Nicknames and short forms: Lizzy = Elizabeth, Harm = Harmony; spelling variants.
    firsts = {forms[i].core: i for i in singles if not forms[i].cls and not forms[i].article}
    ordered = sorted(firsts)  # the names a short form begins lie together
    by_length = defaultdict(list)  # a spelling variant is a letter longer, shorter or as long
    for w, j in firsts.items():
        by_length[len(w)].append((w, j))
    for i in singles:
        f = forms[i]
        if f.cls in ("mr", "mrs") or f.article:
            continue  # and "the Cat" shortens no "the Caterpillar": a role has no nicknames
        for formal in sorted(nicknames().get(f.core, ())):
            if formal in firsts and formal != f.core and forms[firsts[formal]].count >= f.count \
                    and not any(m.title for m in g.members(firsts[formal])):
                g.union(firsts[formal], i)
                break
            # "Ron" and the "Ronald Weasley" said once, when "Ronald" is never said alone
            written = [j for j in full if formal not in firsts and forms[j].words[0] == formal
                       and not forms[j].cls and not forms[j].title]
            if len({g.find(j) for j in written}) == 1 and _known_by_surname(g, written[0]):
                g.union(written[0], i)
                break
        if len(f.core) >= 3:
            longer = [firsts[w] for w in _starting_with(ordered, f.core)
                      if len(w) > len(f.core) and forms[firsts[w]].count >= f.count]
            if len(longer) == 1 and f.core not in given_names():
                g.union(longer[0], i)
        if len(f.core) >= 5:
            near = [p for n in range(len(f.core) - 1, len(f.core) + 2) for p in by_length[n]]
            variants = [j for w, j in near if edit_distance_one(w, f.core)
                        and forms[j].count >= f.count and j != i]
            if len(variants) == 1 and f.core[0] == forms[variants[0]].core[0]:
                g.union(variants[0], i)

    # "Mr. Browlow", once, beside "Mr. Brownlow", often: a surname misspelt
    surnamed = [i for i in singles if forms[i].cls and not forms[i].title]
    for i in surnamed:
        f = forms[i]
        if len(f.core) < 5:
            continue
        variants = [j for j in surnamed if j != i and forms[j].cls == f.cls
                    and forms[j].count >= MISSPELT * f.count and forms[j].core[0] == f.core[0]
                    and edit_distance_one(forms[j].core, f.core)]
        if len(variants) == 1:
            g.union(variants[0], i)

    # "Mrs. A" for "Mrs. Adebayo-Clarke": an honorific and an initial is the one person of
    # that honorific whose surname the initial begins
    for i in surnamed:
        letter = forms[i].core.rstrip(".")
        if len(letter) != 1 or not letter.isupper():
            continue
        owners = [j for j in surnamed if forms[j].cls == forms[i].cls
                  and len(forms[j].core.rstrip(".")) > 1 and forms[j].core.startswith(letter)]
        if len({g.find(j) for j in owners}) == 1:
            g.union(owners[0], i)

    # 5. "the Major", "Mademoiselle": a title said alone in the narration is the person the
    # text gives that title with a name ("Major Callendar", "Mademoiselle Reisz"), when one
    # such name is said far more than any other ("Major Roberts", twice).
    for i in singles:
        f = forms[i]
        word = f.core.lower()
        if f.cls or f.title or word not in HONORIFICS or not f.narration:
            continue
        holders = sorted((j for j, h in enumerate(forms)
                          if j != i and (h.cls or h.title) and h.count >= 2
                          and any(s.split()[0].lower().rstrip(".") == word for s in h.surfaces)),
                         key=lambda j: -forms[j].count)
        if holders and all(forms[holders[0]].count >= 5 * forms[j].count for j in holders[1:]
                           if g.find(j) != g.find(holders[0])):
            g.union(holders[0], i)

    # 6. "Sir John" is the one "Sir John Middleton": a title with a given name alone joins the
    # full name under the same title that starts with it ("Sir John Franklin" and "Sir John
    # Burdett" leave "Sir John" to neither).
    for i in singles:
        f = forms[i]
        if not f.title or f.cls:
            continue
        fuller = [j for j in full if forms[j].title == f.title and forms[j].words[0] == f.core]
        if len({g.find(j) for j in fuller}) == 1:
            g.union(fuller[0], i)

    return g.groups()


MISS_DOMINANCE = 5  # times as often named as any other woman of the family
MISSPELT = 5  # times as often as a surname one letter off is the name's right spelling


def _dominant(forms: list[Form], g: Groups, candidates: list[int]) -> int | None:
    """The candidate whose person is named far more often than any other's, counting
    the given name too, whether or not it has joined its full name yet ("Margaret")."""
    given = {f.core: f.count for f in forms if len(f.words) == 1 and not f.cls and not f.title}
    totals: dict[int, int] = {}
    for j in candidates:
        root = g.find(j)
        weight = max(sum(f.count for f in g.members(j)), given.get(forms[j].words[0], 0))
        totals[root] = max(totals.get(root, 0), weight)
    ranked = sorted(totals, key=lambda r: -totals[r])
    if len(ranked) > 1 and totals[ranked[0]] < MISS_DOMINANCE * totals[ranked[1]]:
        return None
    return next(j for j in candidates if g.find(j) == ranked[0])


def _largest(forms: list[Form], g: Groups, candidates: list[int]) -> int | None:
    if not candidates:
        return None
    roots = {g.find(j) for j in candidates}
    if len(roots) == 1:
        return candidates[0]
    ranked = sorted(candidates, key=lambda j: -forms[j].count)
    if forms[ranked[0]].count >= 3 * forms[ranked[1]].count:
        return ranked[0]
    return None


_PET_ENDINGS = ("y", "ie", "ey")


def pet_form_of(pet: str, name: str) -> bool:
    """"Sammy" for "Sam", "Eddie" for "Edd", "Katie" for "Kat": a short name made fond."""
    return len(name) >= 3 and any(pet in (name + e, name + name[-1] + e) for e in _PET_ENDINGS)


def short_form_of(short: str, full: str) -> bool:
    """"Harm" for "Harmony", "Lizzy" for "Elizabeth", "Sammy" for "Sam", "Russel" for
    "Russell"."""
    if short == full:
        return False
    if full in nicknames().get(short, ()) or pet_form_of(short, full):
        return True
    if len(short) >= 3 and full.startswith(short) and short not in given_names():
        return True
    return len(short) >= 5 and short[0] == full[0] and edit_distance_one(short, full)


def _clipped_with_s(short: str, full: str) -> bool:
    """"Nads" for "Nadia", "Jords" for "Jordan": a name cut short and given an "s"."""
    return len(short) >= 4 and short.endswith("s") and full.startswith(short[:-1]) \
        and len(full) > len(short) - 1 and short not in given_names()


def attach_short_forms(groups: list[list[Form]], loose: list[Form]) -> None:
    """Names only used to address someone join the one person whose name they shorten, or
    whose short name they say in full ("Don't call me Benjamin" to Ben)."""
    for form in loose:
        if len(form.words) != 1 or form.cls:
            continue
        owners = [g for g in groups if any(
            len(f.words) == 1 and not f.cls and not f.title
            and (short_form_of(form.core, f.core) or short_form_of(f.core, form.core)
                 or _clipped_with_s(form.core, f.core))
            for f in g)]
        if len(owners) == 1:
            owners[0].append(form)
