"""Characters: which names are people, which names are one person, their gender, the narrator."""
from __future__ import annotations

import re

from ..document import Document
from ..lexicon import given_names
from ..spans import Character, Mention
from . import stage
from .aliases import attach_short_forms, group_forms, group_gender
from .cast_match import cast_characters
from .descriptions import Places, add_described
from .mentions import READER, quote_bounds
from .strangers import add_strangers, name_roles
from .names import (
    VERB_AFTER,
    Form,
    collect_forms,
    is_pair_of,
    is_plural_of,
    is_vocative_only,
    lowercase_counts,
    person_score,
)
from .quotes import PARAGRAPH_OR_QUOTE
from .ranks import attach_called_ranks, attach_ranked
from .scene import resolve_narration_pronouns
from .tags import BEAT

PERSON_THRESHOLD = 2.0
FULL_NAME_USES = 3  # a full name said fewer times does not name a character


def pronoun_evidence(text: str, mentions: list[Mention], forms: dict) -> None:
    """Count he/she after each narrated name, before any other name intervenes (a person
    noun in apposition, "Declan Hart, a tall man", collect_forms has counted already)."""
    by_span = {}
    for form in forms.values():
        for m in form.mentions:
            by_span[m.start] = form
    names = [m for m in mentions if m.kind == "name" and m.attrs.get("quote") is None]
    # Only a name opening its sentence or followed by its verb, and a subject pronoun after
    # it, make good evidence:
    # "Lizzy smiled. She ..." says more than "he told Lizzy, and she ...".
    pronouns = [m for m in mentions if m.kind == "pronoun" and m.attrs.get("quote") is None
                and m.text.lower() in ("he", "she")]
    k = 0
    for n, m in enumerate(names):
        limit = names[n + 1].start if n + 1 < len(names) else m.end + 200
        limit = min(limit, m.end + 200)
        while k < len(pronouns) and pronouns[k].start < m.end:
            k += 1
        subject = m.attrs.get("initial") or VERB_AFTER.match(text, m.end)
        form = by_span.get(m.start)
        if form is None or not subject:
            continue
        near = k < len(pronouns) and pronouns[k].start < limit \
            and not PARAGRAPH_OR_QUOTE.search(text, m.end, pronouns[k].start)
        sex = pronouns[k].attrs["gender"] if near else own_body_sex(text, m.end, limit)
        if sex == "male":
            form.male += 1
        elif sex == "female":
            form.female += 1
        elif singular_they(text, m.end, limit):
            form.they += 1


# What one does with one's own body, whose possessive says the doer's sex: "Dev counts under
# his breath", "she shook her head"; not "took his hand", "ran a hand through his hair" or
# "helped him to his feet", which are someone else's.
_OWN_BODY = re.compile(
    r"\b(?:(?:shak|shook|nodd|tilt|scratch|duck|bow|hang|hung|lower|rais|turn)\w*\s+(?:his|her)"
    r"\s+head|clear\w*\s+(?:his|her)\s+throat|(?:under|held|hold\w*|caught|catch\w*)\s+"
    r"(?:his|her)\s+breath|bit\w*\s+(?:his|her)\s+lip|(?:shrug|squar)\w*\s+(?:his|her)\s+"
    r"shoulders|(?:cross|fold)\w*\s+(?:his|her)\s+arms|(?:roll|rubb?|narrow|clos|shut)\w*\s+"
    r"(?:his|her)\s+eyes|(?:purs|lick)\w*\s+(?:his|her)\s+lips|(?<!\bhim )(?<!\bher )"
    r"(?:on|to)\s+(?:his|her)\s+(?:heels|feet)|rais\w*\s+(?:his|her)\s+eyebrows?)\b")
_SENTENCE_END = re.compile(r"[.!?\n\"\u201c\u201d]")


def own_body_sex(text: str, end: int, limit: int) -> str | None:
    """The sex a subject's own body part says in the rest of its sentence: "Dev sits back
    on his heels" -> male."""
    stop = _SENTENCE_END.search(text, end, limit)
    m = _OWN_BODY.search(text, end, stop.start() if stop else limit)
    if m is None:
        return None
    return "female" if " her " in m.group() else "male"


# "Wren folded their arms", "Wren came over. They pressed a finger to the rim": not "Wren and
# Tomasz ... their", nor "Wren, Tomasz and ...", where "they" is several people
_THEIR = re.compile(r"\b(?:their|themself|themselves)\b")
_THEY_NEXT = re.compile(r"[.!?][ \t]+They\b")
_ONE_OF_SEVERAL = re.compile(r"\s*(?:,|&|\band\b|\bor\b|\bwith\b)")


def singular_they(text: str, end: int, limit: int) -> bool:
    """Whether a subject's sentence speaks of it as "they": "their" or "themself" in the
    rest of the sentence, or "They" opening the next one."""
    if _ONE_OF_SEVERAL.match(text, end):
        return False
    stop = _SENTENCE_END.search(text, end, limit)
    if _THEIR.search(text, end, stop.start() if stop else limit):
        return True
    return stop is not None and _THEY_NEXT.match(text, stop.start(), limit) is not None


def is_first_person(doc: Document) -> bool:
    """Narration that says "I" often enough is told by a character."""
    narration_i = sum(1 for m in doc.mentions if m.kind == "pronoun"
                      and m.attrs.get("gender") == "narrator" and m.attrs.get("quote") is None)
    third = sum(1 for m in doc.mentions if m.kind == "pronoun"
                and m.attrs.get("gender") in ("male", "female") and m.attrs.get("quote") is None)
    if narration_i >= 3 and narration_i >= 0.25 * third:
        return True
    # a short story that says "I" seldom, but "I said" once: its "I" speaks, so is someone
    speaks = any(t is not None and t.gender == "narrator" and t.verb != BEAT
                 for t in doc.layers.get("tags", []))
    return speaks and narration_i >= 2


# The names a reader's cast gives the "you" of a story told in the second person
READER_NAMES = frozenset(("reader", "you", "y/n"))


def _cast_reader(chars: list[Character]) -> Character | None:
    """The cast's entry for the "you" ("Reader", "Y/N"), when the text names it nowhere."""
    return next((c for c in chars if not c.mentions
                 and READER_NAMES & {a.lower() for a in c.aliases}), None)


def canonical_name(forms: list[Form]) -> str:
    """The fullest frequent name: a titled form when it is common and the narration says
    it ("Mr. Darcy"), else a full name said half as often as the commonest form, and at
    least FULL_NAME_USES times ("Jonathan Small" beside "Small"), else the commonest."""
    ranked = sorted(forms, key=lambda f: (-f.count, -given_names().get(f.words[0], (0, 0))[1]))
    top = ranked[0]
    for f in ranked:
        # the story's own way of naming them, not only how others call them: Ron Weasley
        # is "Mr. Weasley" to his teachers alone
        if f.cls and f.count >= 0.3 * top.count and len(f.words) == 1 and f.narration:
            return f.display
    for f in ranked:
        if not (f.cls or f.title or f.article) and len(f.words) >= 2 \
                and f.count >= max(FULL_NAME_USES, 0.5 * top.count):
            return f.display
    return top.display


def new_character(forms: list[Form], name: str | None = None,
                  aliases: list[str] | None = None) -> Character:
    """A character known by these forms; the reader's cast may give its name and aliases."""
    names = list(aliases or [])
    for f in sorted(forms, key=lambda f: -f.count):
        names.extend(f.names)
    name = name or canonical_name(forms)
    names = list(dict.fromkeys([name] + names))
    gender = group_gender(forms) if forms else None
    c = Character(id="", name=name, aliases=names, gender=gender or "unknown")
    c.mentions = sum(f.count for f in forms)
    return c


def number_characters(pairs: list[tuple[Character, list[Form]]]) -> list[Character]:
    """Ids by prominence (c1 is the most mentioned); each form's mentions point at them."""
    pairs = sorted(pairs, key=lambda cf: -cf[0].mentions)
    for n, (c, forms) in enumerate(pairs, 1):
        c.id = f"c{n}"
        for f in forms:
            for m in f.mentions:
                m.character = c.id
    return [c for c, _ in pairs]


def find_people(doc: Document, forms: dict) -> list[list[Form]]:
    """The forms that name people, grouped into one list per person."""
    lower = lowercase_counts(doc.text)
    scores = {f.key: person_score(f, lower) for f in forms.values()}
    # Names only ever used to address someone wait for the alias pass, which knows the addressee.
    candidates = [f for f in forms.values() if scores[f.key] > 0 and not is_vocative_only(f)
                  and not is_plural_of(f, forms) and not is_pair_of(f, forms, doc.text)]
    groups = [g for g in group_forms(candidates)
              if sum(max(scores[f.key], 0) for f in g) >= PERSON_THRESHOLD]
    attach_short_forms(groups, [f for f in forms.values() if is_vocative_only(f)])
    return groups


@stage("characters", needs=("mentions", "tags"), produces=("characters",))
def characters(doc: Document) -> Document:
    tag_spans = {(t.start, t.end) for t in doc.layer("tags") if t is not None and t.kind == "name"}
    forms = collect_forms(doc.text, doc.mentions, tag_spans)
    pronoun_evidence(doc.text, doc.mentions, forms)
    told_by = is_first_person(doc)  # an "I", or the "you" a story is told to
    you = told_by and doc.layers.get("second_person", False)
    # in a story told to "you", "Y/N" is the "you"'s name, not someone to find
    reader = forms.pop((None, None, READER), None) if you else None
    groups = find_people(doc, forms)
    if doc.cast:
        # a character tag the text never names is no character of this story
        pairs = cast_characters(doc.cast, forms, groups, keep_absent=doc.cast_source != "tags")
    else:
        pairs = [(new_character(g), g) for g in groups]
    chars = number_characters(pairs)
    attach_ranked(forms, chars)  # "Doctor Losberne", said once, is Mr. Losberne
    attach_called_ranks(forms, chars)  # "Yes, Professor.": Professor McGonagall
    # where the text says "the ..." (indexed when first asked) and where its quotes lie,
    # for the described, the strangers and the roles named
    places, bounds = Places(doc.text), quote_bounds(doc.quotes)
    chars = add_described(doc, chars, places, bounds)
    if told_by:
        narrator = _cast_reader(chars) if you else None
        if narrator is None:
            narrator = Character(id=f"c{len(chars) + 1}", name="Narrator", gender="unknown",
                                 aliases=["Narrator"], narrator=True)
            chars.append(narrator)
        narrator.narrator = True
        own = ["I"] if not you else ["You"] if reader is None else ["You", READER]
        narrator.aliases += [a for a in own if a not in narrator.aliases]
        for m in reader.mentions if reader is not None else ():
            m.character = narrator.id  # "Y/N," he says: the "you" the story is told to
    chars = add_strangers(doc, chars, places, bounds)  # "A man in an orange vest ... he says."
    name_roles(doc, chars, places, bounds)  # "The charge nurse, Bev, rolls her eyes"
    doc.layers["characters"] = chars
    resolve_narration_pronouns(doc)
    doc.layers["forms"] = forms  # every name form, people or not, for the alias pass
    return doc
