"""The stories of a corpus: files, folders walked recursively, and zip archives of stories.

:func:`sources` yields one :class:`Source` at a time, in a stable order (folders walked in
sorted order, an archive's members in its own order), so that a corpus of any size is never
listed whole.  A file or member of any format storycast reads is a source; the format is
the readers' business, and a file they cannot read becomes a failure, not a crash.

A zip archive that is not an EPUB is a collection of stories: each of its members is a
source, named ``archive.zip!folder/story.txt``.  Members are read one at a time into memory,
never written to disk, with the caps of :class:`storycast.readers.safety.SafeZip` on the
size of each.  Hidden files and folders (``.name``) and ``__MACOSX`` folders are skipped.
"""
from __future__ import annotations

import hashlib
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

from ..errors import InputError
from ..readers.safety import LIMITS, SafeZip, ZipLimits
from ..readers.text import signature_kind

MEMBER = "!"  # archive.zip!member/path.txt
# An archive of stories may hold a whole corpus: each member is still capped as in an EPUB
# (memory stays bounded), the archive as a whole is not held to a book's totals.
ARCHIVE_LIMITS = ZipLimits(entries=10_000_000, member=LIMITS.member, total=1 << 50,
                           declared=1 << 50)
_HEAD = 4096


@dataclass(frozen=True)
class Source:
    """A story to analyse (``data`` and ``sha256``), or one that cannot be had (``error``)."""

    path: str
    data: bytes | None = None
    sha256: str | None = None
    error: str | None = None


def check_inputs(inputs: Iterable[str | Path]) -> list[str]:
    """The inputs as strings; an InputError for one that does not exist."""
    out = [str(i) for i in inputs]
    for arg in out:
        if not os.path.exists(arg):
            raise InputError(arg, "no such file or folder")
    return out


def sources(inputs: Iterable[str | Path], exclude: Iterable[str | Path] = ()) -> Iterator[Source]:
    """Every story under ``inputs``, one at a time (see the module's docstring).

    Files whose real path starts with one of ``exclude`` (the database and the files DuckDB
    keeps beside it) are left out.
    """
    for path in files(inputs, exclude):
        yield from _file_sources(path)


def count(inputs: Iterable[str | Path], exclude: Iterable[str | Path] = ()) -> int:
    """How many sources :func:`sources` yields, without reading the stories."""
    total = 0
    for path in files(inputs, exclude):
        try:
            with open(path, "rb") as f:
                if _is_zip(f.read(_HEAD)) and _zip_kind(f) == "archive":
                    f.seek(0)
                    with zipfile.ZipFile(f) as z:
                        total += sum(_story_member(n) for n in z.namelist())
                    continue
        except (OSError, zipfile.BadZipFile, ValueError, EOFError):
            pass
        total += 1
    return total


def files(inputs: Iterable[str | Path], exclude: Iterable[str | Path] = ()) -> Iterator[str]:
    """The files the inputs name: files as given, folders walked in sorted order."""
    excluded = tuple(os.path.realpath(e) for e in exclude)

    def wanted(path: str) -> bool:
        return not (excluded and os.path.realpath(path).startswith(excluded))

    for arg in inputs:
        arg = str(arg)
        if not os.path.isdir(arg):
            if wanted(arg):
                yield arg
            continue
        for folder, dirs, names in os.walk(arg):
            dirs[:] = sorted(d for d in dirs if not _hidden(d))
            for name in sorted(names):
                path = os.path.join(folder, name)
                if not _hidden(name) and wanted(path) and not os.path.isdir(path):
                    yield path


def _hidden(name: str) -> bool:
    return name.startswith(".") or name == "__MACOSX"


def _file_sources(path: str) -> Iterator[Source]:
    try:
        with open(path, "rb") as f:
            head = f.read(_HEAD)
            if _is_zip(head):
                kind = _zip_kind(f)
                if kind == "archive":
                    yield from _member_sources(f, path)
                    return
                if kind == "damaged":
                    yield _damaged_archive(f, path)
                    return
                f.seek(0)
                head = b""
            data = head + f.read()
    except OSError as exc:
        yield Source(path, error=_os_problem(exc))
        return
    yield Source(path, data, hashlib.sha256(data).hexdigest())


def _is_zip(head: bytes) -> bool:
    """A zip archive, unless its first member says it is an EPUB (as an EPUB's must)."""
    return signature_kind(head) == "a ZIP archive" and b"application/epub+zip" not in head[:200]


def _zip_kind(f: BinaryIO) -> str:
    """``archive`` (of stories), ``epub`` (a book without its mimetype first) or ``damaged``."""
    f.seek(0)
    try:
        with zipfile.ZipFile(f) as z:
            names = z.namelist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return "damaged"
    if any(n.lower() == "meta-inf/container.xml" for n in names):
        return "epub"
    return "archive"


def _story_member(name: str) -> bool:
    return not name.endswith("/") and not any(_hidden(part) for part in name.split("/"))


def _member_sources(f: BinaryIO, path: str) -> Iterator[Source]:
    f.seek(0)
    try:
        archive = SafeZip(f, path, kind="ZIP archive", limits=ARCHIVE_LIMITS)
    except InputError as exc:
        f.seek(0)
        yield Source(path, sha256=_digest(f), error=exc.problem)
        return
    for name in archive.names():
        if not _story_member(name):
            continue
        member = f"{path}{MEMBER}{name}"
        try:
            data = archive.read(name)
        except InputError as exc:
            yield Source(member, error=exc.problem)
            continue
        yield Source(member, data, hashlib.sha256(data).hexdigest())


def _damaged_archive(f: BinaryIO, path: str) -> Source:
    f.seek(0)
    try:
        SafeZip(f, path, kind="ZIP archive", limits=ARCHIVE_LIMITS)
        problem = "a damaged ZIP archive"
    except InputError as exc:
        problem = exc.problem
    f.seek(0)
    return Source(path, sha256=_digest(f), error=problem)


def _digest(f: BinaryIO) -> str:
    return hashlib.file_digest(f, "sha256").hexdigest()


def _os_problem(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied: the file cannot be read"
    return f"cannot be read ({exc.strerror or exc})"
