"""XML text and attribute values: escaped, and stripped of characters XML 1.0 forbids."""
from __future__ import annotations

import re

# Not allowed in an XML 1.0 document at all: C0 controls but tab, newline and carriage
# return; lone surrogates; U+FFFE and U+FFFF.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTR = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                       "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def clean(value: object) -> str:
    """``str(value)`` without the characters XML cannot hold."""
    return _FORBIDDEN.sub("", str(value))


def text(value: object) -> str:
    """Element content: ``&``, ``<`` and ``>`` escaped."""
    return clean(value).translate(_TEXT)


def attr(value: object) -> str:
    """An attribute value with its double quotes, every special character escaped."""
    return '"' + clean(value).translate(_ATTR) + '"'
