"""Exporters: write a Document to a file, the format chosen by the file's suffix.

Each exporter is a function ``write(doc, path)`` in a module of its own that registers
itself with :func:`register`; the modules listed in ``_BUILTIN`` are imported on first use,
so importing storycast costs nothing for formats a run does not write.  An exporter that
writes several files returns their paths (the others return None).

A folder target, a path ending in a separator (``"tables/"``) or an existing directory, is
written by the exporter registered for :data:`FOLDER` (the CSV tables).  An exporter may
name, in a ``requires`` attribute, modules it needs that are not always installed: asking
for it without them is an ExportError, raised before anything runs.

    >>> from storycast.exporters import export
    >>> export(doc, "story.html")  # doctest: +SKIP
"""
from __future__ import annotations

import importlib
import importlib.util
import os
from pathlib import Path
from typing import Callable, Iterable

from ..document import Document
from ..errors import ExportError

Exporter = Callable[[Document, Path], "Iterable[Path] | None"]

FOLDER = "/"  # the key of the exporter for folder targets
# Modules that register the built-in exporters when imported.
_BUILTIN = ("jsonfile", "html", "gexf", "graphml", "fountain", "tables")
_EXPORTERS: dict[str, Exporter] = {}
_loaded = False

__all__ = ["Exporter", "FOLDER", "register", "suffixes", "exporter_for", "export",
           "export_files", "is_folder_target"]


def _normalize(suffix: str) -> str:
    if suffix == FOLDER:
        return FOLDER
    suffix = suffix.strip().lower()
    if not suffix.lstrip("."):
        raise ValueError(f"not a file suffix: {suffix!r}")
    return "." + suffix.lstrip(".")


def register(suffix: str, func: Exporter | None = None):
    """Make ``func(doc, path)`` the exporter for files ending in ``suffix`` (".json" or "json").

    ``suffix`` :data:`FOLDER` registers the exporter for folder targets.

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
    """The file suffixes an exporter is registered for, sorted (folders aside)."""
    _load_builtins()
    return sorted(s for s in _EXPORTERS if s != FOLDER)


def is_folder_target(path: str | Path) -> bool:
    """True for a path ending in a separator ("out/") or naming an existing directory."""
    text = os.fspath(path)
    seps = tuple(s for s in (os.sep, os.altsep) if s)
    return text.endswith(seps) or Path(text).is_dir()


def _known() -> str:
    folder = ", or a folder (a path ending in /)" if FOLDER in _EXPORTERS else ""
    return f"known suffixes: {', '.join(suffixes())}{folder}"


def exporter_for(path: str | Path) -> Exporter:
    """The exporter for ``path``: a folder's, or its suffix's; else an ExportError.

    The error names the suffixes known, or the missing module an exporter requires.
    """
    _load_builtins()
    if is_folder_target(path) and FOLDER in _EXPORTERS:
        func = _EXPORTERS[FOLDER]
    else:
        suffix = Path(path).suffix.lower()
        if suffix not in _EXPORTERS:
            if not suffix:
                raise ExportError(f"{path}: no file suffix to choose the output format by "
                                  f"({_known()})")
            raise ExportError(f"{path}: no exporter for '{suffix}' files ({_known()})")
        func = _EXPORTERS[suffix]
    for module in getattr(func, "requires", ()):
        if not _importable(module):
            hint = getattr(func, "requires_hint", f"{module} is not installed")
            raise ExportError(f"{path}: {hint}")
    return func


def _importable(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):  # a parent missing, or a module set to None
        return False


def export(doc: Document, path: str | Path) -> Path:
    """Write ``doc`` to ``path`` in the format its suffix names; returns the path.

    A folder target (see :func:`is_folder_target`) gets the CSV tables.  Unknown suffixes
    raise ExportError before anything is written; a file that cannot be written raises the
    OSError as it comes.
    """
    exporter = exporter_for(path)
    out = Path(path)
    exporter(doc, out)
    return out


def export_files(doc: Document, path: str | Path) -> list[Path]:
    """Like :func:`export`, but returns every file written (several for tables)."""
    exporter = exporter_for(path)
    out = Path(path)
    written = exporter(doc, out)
    return [out] if written is None else list(written)
