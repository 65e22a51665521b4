"""Pipeline stages.  Each is a callable with ``name``, ``needs`` and ``produces``."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..document import Document


@dataclass(frozen=True)
class FunctionStage:
    """A stage made from a plain function ``doc -> doc``."""

    name: str
    needs: tuple[str, ...]
    produces: tuple[str, ...]
    func: Callable[[Document], Document]

    def __call__(self, doc: Document) -> Document:
        return self.func(doc)


def stage(name: str, needs: tuple[str, ...] = (), produces: tuple[str, ...] = ()):
    """Turn ``func(doc) -> doc`` into a declared stage."""

    def wrap(func: Callable[[Document], Document]) -> FunctionStage:
        return FunctionStage(name, tuple(needs), tuple(produces), func)

    return wrap
