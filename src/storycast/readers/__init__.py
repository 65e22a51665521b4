"""Readers: turn a story file into a Document.

``read`` sniffs the file's bytes and dispatches to the reader for its format.  Only plain
text is readable for now; HTML and EPUB readers plug into ``READERS`` when they exist.
"""
from __future__ import annotations

import re
from typing import Any, Callable

from ..document import Document
from ..errors import InputError
from .text import decode_bytes, load_bytes, read_text, read_text_bytes, signature_kind

__all__ = ["read", "sniff", "read_text", "read_text_bytes", "READERS"]

# format -> reader(data, path, **options); add "html" and "epub" here when written.
READERS: dict[str, Callable[..., Document]] = {"text": read_text_bytes}

_UNSUPPORTED = {
    "html": "an HTML file: HTML stories are not supported yet",
    "epub": "an EPUB book: EPUB stories are not supported yet",
    "pdf": "a PDF document: PDF stories are not supported yet",
    "zip": "a ZIP archive, not a text file",
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
    data = load_bytes(path)
    kind = sniff(data)
    if kind == "binary":
        kind = "text"  # the text reader explains exactly why it is not text
    reader = READERS.get(kind)
    if reader is None:
        raise InputError(path, _UNSUPPORTED[kind])
    return reader(data, path, **options)
