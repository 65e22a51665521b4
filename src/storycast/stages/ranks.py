"""Ranks: "the doctor" is Doctor Losberne, "the General" is General Tilney.

A rank said with "the" stands for the one the story gives that rank before a name, even
once and only in talk ("Doctor Losberne", beside forty "Mr. Losberne"s).
"""
from __future__ import annotations

from ..lexicon import RANKS, head_noun
from ..spans import Character
from .names import Form

_RANK_OF = {form: rank for rank, forms in RANKS.items() for form in forms}


def rank_of(description: str) -> str | None:
    """The rank a description is ("the good doctor" -> "doctor"), if it is one."""
    head = head_noun(description)
    return head if head in RANKS else None


def holders(chars, rank: str) -> set[str]:
    """The characters called by this rank before a name."""
    return titled(chars, RANKS[rank])


def titled(chars, forms: tuple[str, ...]) -> set[str]:
    """The characters called by one of these titles before a name ("Dr. Aziz", "Lady
    Catherine")."""
    return {c.id for c in chars
            if any(len(a.split()) > 1 and a.split()[0].lower().rstrip(".") in forms
                   for a in c.aliases)}


def attach_ranked(forms: dict, chars: list[Character]) -> None:
    """A ranked name no one holds yet ("Doctor Losberne") joins the one character whose
    full name ends in its surname."""
    for form in forms.values():
        if (form.title or "") not in _RANK_OF or not form.mentions \
                or any(m.character for m in form.mentions):
            continue
        family = form.core.split()[-1].lower()
        bearers = [c for c in chars if not c.narrator
                   and any(len(a.split()) > 1 and a.split()[-1].lower() == family
                           for a in c.aliases)]
        if len(bearers) == 1:
            _join(form, bearers[0])


# how royalty is called, and the titles before a name of those so called
_CALLED_ROYAL = {"highness": ("prince", "princess"), "majesty": ("king", "queen")}


def attach_called_ranks(forms: dict, chars: list[Character]) -> None:
    """A rank called alone ("Yes, Professor.", "Thank you, Doctor.") calls the one
    character the story gives that rank before a name, and "Your Highness" the one prince
    or princess; it becomes none of their names."""
    for form in forms.values():
        rank = form.core.lower()
        if form.cls or form.title or (rank not in RANKS and rank not in _CALLED_ROYAL) \
                or not form.mentions or any(m.kind != "vocative" or m.character
                                            for m in form.mentions):
            continue
        bearers = titled(chars, _CALLED_ROYAL[rank]) if rank in _CALLED_ROYAL \
            else holders(chars, rank)
        if len(bearers) == 1:
            for m in form.mentions:
                m.character = next(iter(bearers))


def _join(form: Form, char: Character) -> None:
    char.aliases.append(form.display)
    for m in form.mentions:
        m.character = char.id
