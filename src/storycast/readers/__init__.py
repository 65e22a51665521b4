"""Readers: turn a story file into a Document.

``read`` sniffs the file's bytes (never its name) and dispatches to the reader for its
format: plain text, HTML (AO3 downloads and saved pages) or EPUB (AO3, FanFicFare and any
EPUB 2/3).
"""
from __future__ import annotations

import re
from typing import Any, Callable

from ..document import Document
from ..errors import InputError
from .text import decode_bytes, load_bytes, read_text, read_text_bytes, signature_kind

__all__ = ["read", "read_bytes", "sniff", "read_text", "read_text_bytes", "READERS"]


def _read_html(data: bytes, path: Any = "<bytes>") -> Document:
    from .html import read_html_bytes  # imported when used: start-up stays light

    return read_html_bytes(data, path)


def _read_epub(data: bytes, path: Any = "<bytes>") -> Document:
    from .epub import read_epub_bytes

    return read_epub_bytes(data, path)


# format -> reader(data, path, **options)
READERS: dict[str, Callable[..., Document]] = {
    "text": read_text_bytes, "html": _read_html, "epub": _read_epub,
}

_UNSUPPORTED = {
    "pdf": "a PDF document: PDF stories are not supported yet",
    "zip": "a ZIP archive, not a story (neither text nor an EPUB book)",
}
_HTML_TAG = re.compile(r"<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])", re.IGNORECASE)


def sniff(data: bytes) -> str:
    """The format of a file from its bytes: text, html, epub, zip, pdf or binary."""
    kind = signature_kind(data)
    if kind == "a PDF document":
        return "pdf"
    if kind == "a ZIP archive":
        # An EPUB's first member is an uncompressed "mimetype" file naming its type.
        return "epub" if b"application/epub+zip" in data[:200] else "zip"
    if kind:
        return "binary"
    head = data[:8192]
    if not head.strip():
        return "text"  # empty: the text reader says so
    try:
        text, _ = decode_bytes(head[: len(head) // 2 * 2] if b"\x00" in head else head)
    except InputError:
        return "binary"
    return "html" if _HTML_TAG.search(text[:4096]) else "text"


def read(path: Any, **options: Any) -> Document:
    """Read a story file of any supported format into a Document."""
    return read_bytes(load_bytes(path), path, **options)


def read_bytes(data: bytes, path: Any = "<bytes>", **options: Any) -> Document:
    """Read a story held in memory (its ``path`` names it in messages and ``source``)."""
    kind = sniff(data)
    if kind == "zip":
        from .epub import looks_like_epub

        kind = "epub" if looks_like_epub(data, path) else kind
    if kind == "binary":
        kind = "text"  # the text reader explains exactly why it is not text
    reader = READERS.get(kind)
    if reader is None:
        raise InputError(path, _UNSUPPORTED[kind])
    return reader(data, path, **options)
