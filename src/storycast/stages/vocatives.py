"""Names learnt from how characters address each other.

"Take your time, Big Bad," said to Spike makes "Big Bad" one of Spike's names.  A name only
ever used in speech to the first-person narrator is the narrator's name ("Well, Watson").
"""
from __future__ import annotations

from collections import Counter

from ..document import Document
from ..lexicon import HONORIFICS, common_words, nicknames
from ..spans import Character, Mention
from .aliases import form_gender, plain_given_name
from .context import listeners, turn_addressee
from .names import Form, is_vocative_only, split_honorific


def _compatible(form: Form, char: Character) -> bool:
    g = form_gender(form)
    return g is None or char.gender == "unknown" or g == char.gender


def _looks_like_a_name(form: Form, doc: Document) -> bool:
    """Not an ordinary word nor a bare title ("Monsieur", "Sir"), and set off as an address
    at least once ("Take your time, Big Bad,")."""
    if len(form.words) == 1 and (form.core.lower() in common_words()
                                 or form.core.lower() in HONORIFICS):
        return False
    if any(m.kind == "vocative" and m.attrs.get("set_off") for m in form.mentions):
        return True
    # or one word opening two calls or more: '"Yusuf," he said.', "Yusuf, listen to me"
    calls = sum(1 for m in form.mentions if m.kind == "vocative" and m.attrs.get("calls_first"))
    return calls >= 2 and len(form.words) == 1 and form.core.isalpha()


def _mostly_called(form: Form) -> bool:
    """A name said in address more than once and no more often in the narration, or "the
    Slayer", or one used mostly to call someone; not a place or a third person that one
    line happens to end on ("For Tibby, Oxford?").  A given name said once ("Here, Sarah,
    come to Miss Bennet") calls a servant or a passer-by more often than it renames someone
    who has a name already."""
    if form.article or form.vocative >= max(2, form.narration):
        return True  # not "Norland", called twice and named in the narration 36 times
    if plain_given_name(form.words[0]) and all(w[:1].isupper() for w in form.words):
        return False  # a plain name, not an epithet like "William the Bloody"
    return form.narration == 0 and 3 * form.vocative >= form.count


def _named_otherwise(form: Form, char: Character) -> bool:
    """A plain given name ("Pat") called near someone who has another one ("Alice") is
    someone else's, unless it is a nickname of it ("Meg" for Margaret)."""
    if len(form.words) != 1 or form.cls or form.title or not plain_given_name(form.core):
        return False
    table = nicknames()
    for alias in char.aliases:
        if " " in alias or alias == form.core or not plain_given_name(alias):
            continue
        mine, theirs = table.get(form.core, frozenset()), table.get(alias, frozenset())
        if alias not in mine and form.core not in theirs and not mine & theirs:
            return True
    return False


def adopt_vocatives(doc: Document) -> bool:
    """Give characters the names they are called by; True when anything changed."""
    forms: dict = doc.layers.get("forms", {})
    chars = {c.id: c for c in doc.characters}
    owned = {m.start for m in doc.mentions if m.character}
    quotes = doc.quotes
    owner = {a: c.id for c in doc.characters for a in c.aliases if " " not in a}
    called: dict[int, set[str]] = {}  # per quote, the characters it calls by a known name
    for m in doc.mentions:
        if m.kind == "vocative" and m.character and m.attrs.get("quote") is not None:
            called.setdefault(m.attrs["quote"], set()).add(m.character)
    changed = False
    families = _pet_families(forms)
    for form in forms.values():
        if form.vocative == 0 or any(m.start in owned for m in form.mentions):
            continue
        if not _looks_like_a_name(form, doc) or not _mostly_called(form):
            continue
        votes = Counter()
        for m in form.mentions:
            i = m.attrs.get("quote")
            if m.kind == "vocative" and i is not None:
                who = _said_to(quotes, i)
                # "Margaret, you've got black marks again ... Are we, Theobald?": a line
                # calling its listener by name calls someone else by the other
                if who and who in chars and who not in called.get(i, ()):
                    votes[who] += 1
        # a first guess that has the call said to someone who cannot bear the name (a man
        # for "Nadia", or a "Tomasz" for a plain given name that is no nickname of his)
        # is a guess at the turns gone wrong, and is no vote against the others
        wrong = [w for w in votes
                 if not _compatible(form, chars[w]) or _named_otherwise(form, chars[w])]
        mistaken = sum(votes.pop(w) for w in wrong)
        if not votes:
            continue
        who, n = votes.most_common(1)[0]
        # as many calls gone wrong as right leave a name to none but the "I", whom the
        # others call the most
        if n * 2 <= sum(votes.values()) or n < mistaken \
                or n == mistaken and not chars[who].narrator \
                or any(owner.get(w, who) != who for w in form.words):
            continue  # "Auntie Tibby", said near Margaret, is Tibby's name
        family = [form] + [f for f in families.get(_stem(form), ()) if f is not form]
        if chars[who].narrator:
            if sum(f.vocative for f in family) < 2 or not _may_rename(chars[who], form.words):
                continue  # the "I" is named by what it is called again and again
            # "Maggie", "Mags": the pet names they are called by, a given name leading
            family = sorted((f for f in family if f is form or _looks_like_a_name(f, doc)
                             or plain_given_name(f.core)),
                            key=lambda f: not plain_given_name(f.core))
            for f in family:
                if not any(m.start in owned for m in f.mentions):
                    _adopt(doc, f, chars[who], forms)
                    owned.update(m.start for m in f.mentions)
        else:
            _adopt(doc, form, chars[who], forms)
        changed = True
    return changed


STEM = 3  # first letters that one person's pet names share ("Maggie", "Mags")


def _stem(form: Form) -> str | None:
    return form.core[:STEM].lower() if len(form.words) == 1 and len(form.core) >= STEM \
        and form.core.isalpha() and not form.cls and not form.title else None


def _pet_families(forms: dict) -> dict[str, list[Form]]:
    """One-word names never said but in calls, by their first letters: "Maggie", "Mags"
    and "Magpie", each said once to the "I", are one person called three times."""
    families: dict[str, list[Form]] = {}
    for form in forms.values():
        stem = _stem(form)
        if stem and is_vocative_only(form):
            families.setdefault(stem, []).append(form)
    return families


def name_the_narrator(doc: Document, tagged: set[str | None]) -> bool:
    """A character met only inside quotes, never tagged as speaking (``tagged``), and called
    by name when the narrator is spoken to, is the narrator: "Come on, Sam." said to the
    "I" of the story."""
    narrator = doc.narrator()
    if narrator is None:
        return False
    quotes = doc.quotes
    in_narration = {m.character for m in doc.mentions if m.attrs.get("quote") is None}
    calls = _calls(doc)
    for char in doc.characters:
        if char.narrator or char.id in in_narration or char.id in tagged:
            continue
        votes = Counter(_said_to(quotes, m.attrs["quote"]) for m in calls
                        if m.character == char.id)
        votes.pop(None, None)
        if votes and votes.most_common(1)[0][0] == narrator.id \
                and _may_rename(narrator, char.name.split()) or _full_form(char, narrator):
            _merge_into_narrator(doc, char, narrator)
            return True
    return False


def _full_form(char: Character, narrator: Character) -> bool:
    """Whether ``char``, met only inside quotes, is the narrator's full name: "I'm looking
    for Nadia Petrova," to the "I" the others call "Nadia"."""
    given = narrator.name
    if given == "Narrator" or " " in given or not plain_given_name(given):
        return False
    return all(len(a.split()) == 2 and a.split()[0] == given for a in char.aliases)


def name_the_titled(doc: Document, tagged: set[str | None]) -> bool:
    """A given name met only inside quotes, never tagged as speaking (``tagged``), and called
    only in lines said to someone the story names by honorific and surname alone, is that
    one's given name: "Lord! Anne," cried her sister, to Miss Steele, is Anne Steele."""
    chars = {c.id: c for c in doc.characters}
    in_narration = {m.character for m in doc.mentions if m.attrs.get("quote") is None}
    calls: dict[str, Counter] = {}
    for m in _calls(doc):
        if m.character:
            calls.setdefault(m.character, Counter())[_said_to(doc.quotes, m.attrs["quote"])] += 1
    changed = False
    for char in list(doc.characters):
        if char.narrator or char.id in in_narration or char.id in tagged \
                or len(char.aliases) != 1 or not plain_given_name(char.name):
            continue
        votes = calls.get(char.id, Counter())
        if len(votes) != 1:
            continue  # called in lines to two people, or to no one we know
        who, n = next(iter(votes.items()))
        titled = chars.get(who)
        if n < 2 or titled is None or titled.narrator or titled.id == char.id \
                or "unknown" not in (char.gender, titled.gender) and char.gender != titled.gender:
            continue
        full = _full_name(titled, char.name)
        if full is None:
            continue  # already has a given name, or is not "Miss Steele" alone
        titled.name = full
        titled.aliases = [full] + titled.aliases + [char.name]
        titled.mentions += char.mentions
        _fold_into(doc, char, titled)
        chars.pop(char.id)
        changed = True
    return changed


def _calls(doc: Document) -> list[Mention]:
    """The vocatives inside quotes that call the one the line is said to: not a name the
    same line also speaks of in the third person ("Nancy, she fell upon her knees ... not a
    creature knowing a syllable of the matter, except Nancy!" tells someone else of her)."""
    spoken_of = {(m.attrs["quote"], m.character) for m in doc.mentions
                 if m.kind == "name" and m.character and m.attrs.get("quote") is not None}
    return [m for m in doc.mentions if m.kind == "vocative" and m.attrs.get("quote") is not None
            and (m.attrs["quote"], m.character) not in spoken_of]


def _full_name(titled: Character, given: str) -> str | None:
    """The given name with the surname of one known only by honorific and surname: "Anne"
    and "Miss Steele" make "Anne Steele"; None for anyone else."""
    parts = [split_honorific(a) for a in titled.aliases]
    if not parts or any(cls is None or len(core.split()) != 1 for cls, _, core in parts):
        return None
    return f"{given} {parts[0][2]}"


def _said_to(quotes, i: int) -> str | None:
    """Whom quote i is said to by the first guess at the turns: the one who spoke just
    before or after, else the one other person speaking near it."""
    other = turn_addressee(quotes, i)
    if other:
        return other
    near = listeners(quotes, i)
    return near[0] if len(near) == 1 else None


def _may_rename(narrator: Character, words) -> bool:
    """The narrator, once named ("Well, Watson"), takes no other name that shares none of
    its words: in a long story told inside quotes the "I" is someone else, and the places
    and people that story calls to ("Port Blair", "Mrs. Smith") are not the narrator's."""
    if narrator.name == "Narrator":
        return True
    own = {w.lower() for a in narrator.aliases for w in a.split()}
    return any(w.lower() in own for w in words)


def _merge_into_narrator(doc: Document, char: Character, narrator: Character) -> None:
    if narrator.name == "Narrator":
        narrator.name = char.name
        narrator.aliases.insert(0, char.name)
    narrator.aliases.extend(a for a in char.aliases if a not in narrator.aliases)
    _fold_into(doc, char, narrator)


def _fold_into(doc: Document, char: Character, into: Character) -> None:
    """``char`` is ``into`` under another name: its mentions are theirs, its sex theirs
    when they had none, and it is no character of its own."""
    if into.gender == "unknown":
        into.gender = char.gender
    for m in doc.mentions:
        if m.character == char.id:
            m.character = into.id
    doc.layers["characters"] = [c for c in doc.characters if c.id != char.id]


def _adopt(doc: Document, form: Form, char: Character, forms: dict) -> None:
    """Every form sharing this core ("the Slayer", "Slayer") becomes a name of ``char``."""
    full = _full_name(char, form.core) if plain_given_name(form.core) and not form.cls \
        and not form.title else None
    for other in forms.values():
        if other.core != form.core or other.cls != form.cls:
            continue
        for m in other.mentions:
            if m.character is None:
                m.character = char.id
        for surface in other.surfaces:
            if surface not in char.aliases:
                char.aliases.append(surface)
        char.mentions += other.count
    if char.gender == "unknown":  # "Morning, Nadia.": the "I" is a woman
        char.gender = form_gender(form) or "unknown"
    if full is not None and not char.narrator:  # "Lord! Anne," to Miss Steele: Anne Steele
        char.name = full
        char.aliases.insert(0, full)
    if char.narrator and char.name == "Narrator" and form.words[0][:1].isupper():
        char.name = form.display  # the name leads the aliases, said once
        char.aliases = [form.display] + [a for a in char.aliases if a != form.display]
