"""Casts a reader supplies: one character per line, canonical name first, aliases after ``|``."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

from .errors import CastError

# AO3 character tags that name no one: "Original Female Character(s)", "Other(s)", ...
_NOBODY = re.compile(
    r"^(?:original\b.*\bcharacters?(?:\(s\))?|other\(s\)|others|everyone|everybody|"
    r"ensemble(?: cast)?|various|reader|you|minor characters|background characters)$",
    re.IGNORECASE)


def parse_cast(text: str, source: str = "<cast>") -> list[list[str]]:
    """``Elizabeth Bennet | Elizabeth | Lizzy`` per line; blank lines and ``#`` comments allowed."""
    cast: list[list[str]] = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        names = [" ".join(n.split()) for n in line.split("|")]
        if any(not n for n in names):
            raise CastError(f"{source}: line {number}: an empty name between '|' marks")
        cast.append(list(dict.fromkeys(names)))
    if not cast:
        raise CastError(f"{source}: the cast file names no characters")
    return cast


def load_cast(cast: Iterable | str | Path) -> list[list[str]]:
    """A cast from a file path, or from a list of names / name lists."""
    if isinstance(cast, (str, Path)):
        path = Path(cast)
        if not path.is_file():
            raise CastError(f"{path}: no such cast file")
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise CastError(f"{path}: cannot read the cast file ({exc.__class__.__name__})") from None
        return parse_cast(text, str(path))
    entries = []
    for entry in cast:
        names = [entry] if isinstance(entry, str) else list(entry)
        names = [" ".join(str(n).split()) for n in names if str(n).strip()]
        if names:
            entries.append(list(dict.fromkeys(names)))
    return entries


def cast_from_tags(tags: Iterable[str]) -> list[list[str]]:
    """An AO3 work's character tags as a cast: "Spike (Buffyverse)" is Spike, and tags that
    name no one ("Original Characters", "Everyone") are left out."""
    from .readers.ao3 import strip_fandom

    names: dict[str, None] = {}  # in tag order, each name once
    for tag in tags:
        name = " ".join(strip_fandom(str(tag)).split())
        if name and not _NOBODY.match(name) and not _NOBODY.match(str(tag).strip()):
            names.setdefault(name)
    return [[name] for name in names]
