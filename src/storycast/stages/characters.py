"""Characters: which names are people, which names are one person, their gender, the narrator."""
from __future__ import annotations

import re
from collections import Counter

from ..document import Document
from ..lexicon import given_names
from ..spans import Character, Mention
from . import stage
from .aliases import form_gender, group_forms, group_gender
from .scene import resolve_narration_pronouns
from .names import Form, collect_forms, lowercase_counts, person_score, split_honorific

PERSON_THRESHOLD = 2.0
_NARRATION_I = re.compile(r"\bI\b|\b(?:me|my|myself)\b")


def pronoun_evidence(text: str, mentions: list[Mention], forms: dict) -> None:
    """Count he/she after each narrated name, before any other name intervenes."""
    by_span = {}
    for form in forms.values():
        for m in form.mentions:
            by_span[m.start] = form
    names = [m for m in mentions if m.kind == "name" and m.attrs.get("quote") is None]
    # Only a name opening its sentence, and a subject pronoun after it, make good evidence:
    # "Lizzy smiled. She ..." says more than "he told Lizzy, and she ...".
    pronouns = [m for m in mentions if m.kind == "pronoun" and m.attrs.get("quote") is None
                and m.text.lower() in ("he", "she")]
    k = 0
    for n, m in enumerate(names):
        limit = names[n + 1].start if n + 1 < len(names) else m.end + 200
        limit = min(limit, m.end + 200)
        while k < len(pronouns) and pronouns[k].start < m.end:
            k += 1
        if k < len(pronouns) and pronouns[k].start < limit and m.attrs.get("initial"):
            form = by_span.get(m.start)
            if form is not None:
                if pronouns[k].attrs["gender"] == "male":
                    form.male += 1
                else:
                    form.female += 1


def is_first_person(doc: Document) -> bool:
    """Narration that says "I" often enough is told by a character."""
    narration_i = sum(1 for m in doc.mentions if m.kind == "pronoun"
                      and m.attrs.get("gender") == "narrator" and m.attrs.get("quote") is None)
    third = sum(1 for m in doc.mentions if m.kind == "pronoun"
                and m.attrs.get("gender") in ("male", "female") and m.attrs.get("quote") is None)
    return narration_i >= 20 and narration_i >= 0.25 * third


def is_vocative_only(form: Form) -> bool:
    return form.vocative == form.count and form.tagged == 0 and not form.cls


def canonical_name(forms: list[Form]) -> str:
    """The fullest frequent name: a titled or full form when it is common, else the commonest."""
    ranked = sorted(forms, key=lambda f: (-f.count, -given_names().get(f.words[0], (0, 0))[1]))
    top = ranked[0]
    for f in ranked:
        if f.cls and f.count >= 0.3 * top.count and len(f.words) == 1:
            return f.display
    return top.display if not top.cls else top.display


def build_characters(doc: Document, groups: list[list[Form]]) -> list[Character]:
    chars = []
    for forms in groups:
        aliases = []
        for f in sorted(forms, key=lambda f: -f.count):
            for surface, _ in f.surfaces.most_common():
                if surface not in aliases:
                    aliases.append(surface)
        name = canonical_name(forms)
        if name not in aliases:
            aliases.insert(0, name)
        else:
            aliases.remove(name)
            aliases.insert(0, name)
        gender = group_gender(forms) or "unknown"
        c = Character(id="", name=name, aliases=aliases, gender=gender)
        c.mentions = sum(f.count for f in forms)
        chars.append((c, forms))
    chars.sort(key=lambda cf: -cf[0].mentions)
    result = []
    for n, (c, forms) in enumerate(chars, 1):
        c.id = f"c{n}"
        for f in forms:
            for m in f.mentions:
                m.character = c.id
        result.append(c)
    return result


@stage("characters", needs=("mentions", "tags"), produces=("characters",))
def characters(doc: Document) -> Document:
    text = doc.text
    tag_spans = {(t.start, t.end) for t in doc.layer("tags") if t is not None and t.kind == "name"}
    forms = collect_forms(text, doc.mentions, tag_spans)
    pronoun_evidence(text, doc.mentions, forms)
    lower = lowercase_counts(text)
    scores = {f.key: person_score(f, lower) for f in forms.values()}
    # Names only ever used to address someone wait for the alias pass, which knows the addressee.
    candidates = [f for f in forms.values() if scores[f.key] > 0 and not is_vocative_only(f)]
    groups = [g for g in group_forms(candidates)
              if sum(max(scores[f.key], 0) for f in g) >= PERSON_THRESHOLD]
    chars = build_characters(doc, groups)
    if is_first_person(doc):
        narrator = Character(id=f"c{len(chars) + 1}", name="Narrator", aliases=["Narrator", "I"],
                             gender="unknown", narrator=True)
        chars.append(narrator)
    doc.layers["characters"] = chars
    resolve_narration_pronouns(doc)
    doc.layers["forms"] = forms  # every name form, people or not, for the alias pass
    return doc
