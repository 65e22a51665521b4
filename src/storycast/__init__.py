"""storycast: who says what, to whom, in any story."""
from __future__ import annotations

from .document import Document
from .spans import Character, Mention, Quote, Span

__version__ = "0.1.0"
__all__ = ["Document", "Character", "Mention", "Quote", "Span", "analyze", "read", "sample_path",
           "__version__"]


def read(path, **options) -> Document:
    """Read a story file into a Document (no analysis yet)."""
    from .readers import read as _read

    return _read(path, **options)


def analyze(source, cast=None, **options) -> Document:
    """Read (when given a path) and analyse a story: quotes, characters, speakers, addressees."""
    from .analysis import analyze as _analyze

    return _analyze(source, cast=cast, **options)


def sample_path(name: str = "mad-tea-party"):
    """The path of a story packaged with storycast (see ``storycast.samples``)."""
    from .samples import sample_path as _sample_path

    return _sample_path(name)
