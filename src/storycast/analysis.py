"""analyze(): a story in, its cast and every speaker out."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

from .document import Document
from .pipeline import Pipeline, Reporter, _silent


def default_pipeline(model=None) -> Pipeline:
    from .stages.attribution import Speakers, tally
    from .stages.characters import characters
    from .stages.mentions import mentions
    from .stages.quotes import quotes
    from .stages.segment import segment
    from .stages.tags import tags

    return Pipeline([segment, quotes, tags, mentions, characters, Speakers(model), tally])


def analyze(source: str | Path | Document, cast: Iterable | str | Path | None = None,
            reporter: Reporter = _silent, model=None, no_cast: bool = False) -> Document:
    """Analyse a story.  ``source`` is a path or a Document already read.

    ``cast`` is a list of name lists (canonical name first, then aliases) or the path of
    a cast file (one character per line, names separated by ``|``).  Without it, the
    character tags of an AO3 work are the cast; ``no_cast=True`` ignores them and finds
    the cast in the text alone.  ``model`` replaces the shipped speaker model
    (models/speaker.py).
    """
    if cast is not None and no_cast:
        raise ValueError("give a cast or no_cast=True, not both")
    if isinstance(source, Document):
        doc = source
    else:
        from .readers import read

        doc = read(source)
    if cast is not None:
        from .cast import load_cast

        doc.cast, doc.cast_source = load_cast(cast), "given"
    elif no_cast:
        doc.cast, doc.cast_source = None, None
    elif doc.cast is None and doc.metadata.get("characters"):
        from .cast import cast_from_tags

        doc.cast = cast_from_tags(doc.metadata["characters"]) or None
        doc.cast_source = "tags" if doc.cast else None
    return default_pipeline(model).run(doc, reporter)
