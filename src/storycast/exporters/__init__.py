"""Exporters: write a Document to a file, the format chosen by the file's suffix.

Each exporter is a function ``write(doc, path)`` in a module of its own that registers
itself with :func:`register`; the modules listed in ``_BUILTIN`` are imported on first use,
so importing storycast costs nothing for formats a run does not write.

    >>> from storycast.exporters import export
    >>> export(doc, "story.json")  # doctest: +SKIP
"""
from __future__ import annotations

import importlib
from pathlib import Path
from typing import Callable

from ..document import Document
from ..errors import ExportError

Exporter = Callable[[Document, Path], None]

# Modules that register the built-in exporters when imported.
_BUILTIN = ("jsonfile",)
_EXPORTERS: dict[str, Exporter] = {}
_loaded = False

__all__ = ["Exporter", "register", "suffixes", "exporter_for", "export"]


def _normalize(suffix: str) -> str:
    suffix = suffix.strip().lower()
    if not suffix.lstrip("."):
        raise ValueError(f"not a file suffix: {suffix!r}")
    return "." + suffix.lstrip(".")


def register(suffix: str, func: Exporter | None = None):
    """Make ``func(doc, path)`` the exporter for files ending in ``suffix`` (".json" or "json").

    A later registration for the same suffix replaces the earlier one, built-ins included.
    Without ``func`` it returns a decorator.
    """
    key = _normalize(suffix)
    _load_builtins()  # first, so that a registration here overrides a built-in

    def add(f: Exporter) -> Exporter:
        _EXPORTERS[key] = f
        return f

    return add if func is None else add(func)


def _load_builtins() -> None:
    global _loaded
    if not _loaded:
        _loaded = True
        for name in _BUILTIN:
            importlib.import_module(f"{__name__}.{name}")


def suffixes() -> list[str]:
    """The suffixes an exporter is registered for, sorted."""
    _load_builtins()
    return sorted(_EXPORTERS)


def exporter_for(path: str | Path) -> Exporter:
    """The exporter for ``path``'s suffix, or an ExportError naming the suffixes known."""
    _load_builtins()
    suffix = Path(path).suffix.lower()
    if suffix in _EXPORTERS:
        return _EXPORTERS[suffix]
    known = ", ".join(suffixes())
    if not suffix:
        raise ExportError(f"{path}: no file suffix to choose the output format by "
                          f"(known suffixes: {known})")
    raise ExportError(f"{path}: no exporter for '{suffix}' files (known suffixes: {known})")


def export(doc: Document, path: str | Path) -> Path:
    """Write ``doc`` to ``path`` in the format its suffix names; returns the path.

    Unknown suffixes raise ExportError before anything is written; a file that cannot be
    written raises the OSError as it comes.
    """
    path = Path(path)
    exporter_for(path)(doc, path)
    return path
