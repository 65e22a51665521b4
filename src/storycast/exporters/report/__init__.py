"""The parts of the HTML report: its stylesheet and script (package data, inlined in the
page), the reading view, the pictures and their layout."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def asset(name: str) -> str:
    """The text of ``report.css`` or ``report.js``, shipped beside this module."""
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
