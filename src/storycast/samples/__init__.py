"""Stories shipped with storycast, for a first run and for examples.

``mad-tea-party``: "A Mad Tea-Party", chapter VII of Lewis Carroll's *Alice's Adventures
in Wonderland* (1865), public domain, as in the Project Gutenberg edition.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import InputError

DEFAULT = "mad-tea-party"
_HERE = Path(__file__).resolve().parent


def sample_names() -> list[str]:
    """The names of the packaged samples, sorted."""
    return sorted(p.stem for p in _HERE.glob("*.txt"))


def sample_path(name: str = DEFAULT) -> Path:
    """The path of the packaged sample story ``name``; InputError when there is none."""
    path = _HERE / f"{name}.txt"
    if not name or "/" in name or "\\" in name or not path.is_file():
        raise InputError(f"sample:{name}", "no such sample story "
                         f"(samples: {', '.join(sample_names()) or 'none installed'})")
    return path
