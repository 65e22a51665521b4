"""Plain-text stories: decode any common encoding, repair damage, find the story proper."""
from __future__ import annotations

import bisect
import hashlib
import re
from pathlib import Path

from ..document import Document
from ..errors import InputError
from ..spans import Span

# -- decoding ---------------------------------------------------------------

# Magic numbers of files people mistake for stories, with the name of the kind.
SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"PK\x05\x06", "a ZIP archive"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh91AY&SY", "a bzip2 archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a Microsoft Office document"),
    (b"\x7fELF", "an executable program"),
    (b"MZ\x90\x00", "an executable program"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),  # before UTF-16 LE: same first two bytes
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# C0 controls other than \t \n \v \f \r and \x1a (the DOS end-of-file marker).  C1
# controls are left out: the latin-1 fallback turns cp1252's undefined bytes into them.
_CONTROL = re.compile("[\x00-\x08\x0e-\x19\x1b-\x1f\x7f]")
_MAX_CONTROL_SHARE = 0.05  # text has next to none; random bytes have about 10 %


def signature_kind(data: bytes) -> str | None:
    """The kind of binary file ``data`` starts like ("a ZIP archive"), or None."""
    return next((kind for magic, kind in SIGNATURES if data.startswith(magic)), None)


def decode_bytes(data: bytes, path: object = "<bytes>") -> tuple[str, str]:
    """Decode a text file's bytes; returns ``(text, encoding)`` or raises InputError."""
    if not data:
        raise InputError(path, "the file is empty")
    kind = signature_kind(data)
    if kind:
        raise InputError(path, f"{kind}, not a text file")
    text, encoding = _decode(data, path)
    if not text.strip():
        raise InputError(path, "the file is empty")
    if len(_CONTROL.findall(text)) > _MAX_CONTROL_SHARE * len(text):
        raise InputError(path, "not a text file (binary data)")
    return text, encoding


def _decode(data: bytes, path: object) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_bom(data, bom, encoding, path)
    if b"\x00" in data:
        encoding = _utf16_without_bom(data)
        try:
            if encoding:
                return data.decode(encoding), encoding
        except UnicodeDecodeError:
            pass
        raise InputError(path, "not a text file (binary data)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return _decode_8bit(data)


def _decode_bom(data: bytes, bom: bytes, encoding: str, path: object) -> tuple[str, str]:
    try:
        return data[len(bom):].decode(encoding.removesuffix("-sig")), encoding
    except UnicodeDecodeError:
        if encoding == "utf-8-sig":
            # A mostly-UTF-8 file with some cp1252 bytes: repair_text recovers the UTF-8 runs.
            return _decode_8bit(data[len(bom):])
        raise InputError(path, f"not valid {encoding.upper()} text despite its byte-order mark")


def _decode_8bit(data: bytes) -> tuple[str, str]:
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:  # 0x81, 0x8D, 0x8F, 0x90, 0x9D are undefined in cp1252
        return data.decode("latin-1"), "latin-1"


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 of mostly Latin text has a NUL in every other byte: odd ones (LE) or even (BE)."""
    if len(data) % 2:
        return None
    half = len(data) // 2
    even, odd = data[0::2].count(0), data[1::2].count(0)
    if odd >= 0.6 * half and even <= 0.02 * half:
        return "utf-16-le"
    if even >= 0.6 * half and odd <= 0.02 * half:
        return "utf-16-be"
    return None


# -- repair -----------------------------------------------------------------

# Characters cp1252 (or latin-1, for its five holes) maps bytes 0x80-0xFF to.
_CP1252_HIGH = "".join(sorted({bytes([b]).decode("cp1252", "ignore") or chr(b)
                               for b in range(0x80, 0x100)}))
_HIGH = "[" + re.escape(_CP1252_HIGH) + "]"
_HIGH_RUN = re.compile(_HIGH + _HIGH + "+")  # two or more; a class first makes the search quick
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
# '?' for a lost apostrophe: a contraction or possessive ending right after a letter
# ("didn?t", "DON?T"), or an Irish/French name ("O?Brien", "D?Arcy").  The patterns start
# with the '?' itself so the search is fast; the letter before is checked by hand.
_QMARK_SUFFIX = re.compile(r"\?(?=(?:s|t|d|m|ll|re|ve|am|er|all|clock)(?![^\W\d_]))")
_QMARK_UPPER_SUFFIX = re.compile(r"\?(?=(?:S|T|D|M|LL|RE|VE)(?![^\W\d_]))")
_QMARK_NAME = re.compile(r"\?(?=[A-Z][a-z])")


def _is_letter(c: str) -> bool:
    return c.isalpha()


def _to_byte(c: str) -> int:
    return ord(c) if ord(c) < 0x100 else c.encode("cp1252")[0]


def _unmangle_run(run: str) -> list[tuple[int, int, str]]:
    """The UTF-8 sequences hidden in a run of cp1252 characters: (start, end, decoded)."""
    raw = bytes(_to_byte(c) for c in run)
    found = [(m.start(), m.end(), m.group().decode("utf-8", "replace"))
             for m in _UTF8_SEQUENCE.finditer(raw)]
    found = [f for f in found if "\ufffd" not in f[2]]  # overlong/surrogate forms
    if len(found) == 1 and found[0][1] - found[0][0] == 2 and raw[found[0][0]] > 0xC5:
        # A lone two-byte sequence is only trusted for Latin letters ("Ã©" -> "é"): a
        # lone "É”" is more likely an accented capital before a curly quote than "ɔ".
        return []
    merged: list[tuple[int, int, str]] = []
    for a, b, fixed in found:  # one repair per unbroken stretch ("Ð¿Ñ€" -> "пр")
        if merged and merged[-1][1] == a:
            merged[-1] = (merged[-1][0], b, merged[-1][2] + fixed)
        else:
            merged.append((a, b, fixed))
    return merged


def _repair_mojibake(text: str, repairs: list[dict]) -> str:
    out: list[str] = []
    length = pos = 0
    for run in _HIGH_RUN.finditer(text):
        for a, b, fixed in _unmangle_run(run.group()):
            start = run.start() + a  # bytes and characters line up one to one in a run
            out.append(text[pos:start])
            length += start - pos
            repairs.append({"at": length, "was": text[start:run.start() + b], "now": fixed})
            out.append(fixed)
            length += len(fixed)
            pos = run.start() + b
    out.append(text[pos:])
    return "".join(out)


def _repair_question_marks(text: str, repairs: list[dict]) -> str:
    if "?" not in text:
        return text
    hits = {m.start() for m in _QMARK_SUFFIX.finditer(text)
            if m.start() > 0 and _is_letter(text[m.start() - 1])}
    hits |= {m.start() for m in _QMARK_UPPER_SUFFIX.finditer(text)
             if m.start() > 0 and _is_letter(text[m.start() - 1]) and not text[m.start() - 1].islower()}
    hits |= {m.start() for m in _QMARK_NAME.finditer(text)
             if m.start() > 0 and text[m.start() - 1] in "ODL"
             and (m.start() < 2 or not _is_letter(text[m.start() - 2]))}
    if not hits:
        return text
    chars = list(text)
    for at in sorted(hits):
        chars[at] = "'"
        repairs.append({"at": at, "was": "?", "now": "'"})
    return "".join(chars)


_DOUBLED = re.compile("``|''")


def _repair_doubled_marks(text: str, repairs: list[dict]) -> str:
    """``So,'' or ''So,'': quotation marks typed as two backticks or two apostrophes, as
    typesetting sources and some archives write them, made curly double marks."""
    if "``" not in text and text.count("''") < 4:  # two quotations' worth, not a slip
        return text
    earlier = list(repairs)
    out: list[str] = []
    pos = 0
    moved: list[int] = []  # where each pair began, in the text before this repair
    for m in _DOUBLED.finditer(text):
        a = m.start()
        before = text[a - 1] if a else " "
        opens = m.group() == "``" or (before.isspace() or before in "([\u2014-") and \
            not text[a + 2:a + 3].isspace()
        mark = "\u201c" if opens else "\u201d"
        out += (text[pos:a], mark)
        repairs.append({"at": a - len(moved), "was": m.group(), "now": mark})
        moved.append(a)
        pos = m.end()
    out.append(text[pos:])
    for r in earlier:  # their offsets, one less for each pair before them
        r["at"] -= bisect.bisect_left(moved, r["at"])
    return "".join(out)


def repair_text(text: str) -> tuple[str, list[dict]]:
    """Undo mojibake, '?'-for-apostrophe damage and doubled quotation marks; returns
    ``(text, repairs)``.

    Each repair is ``{"at": offset in the repaired text, "was": ..., "now": ...}``.
    """
    repairs: list[dict] = []
    text = _repair_mojibake(text, repairs)
    text = _repair_question_marks(text, repairs)  # same length: earlier offsets stay valid
    text = _repair_doubled_marks(text, repairs)
    return text, sorted(repairs, key=lambda r: r["at"])


# -- Project Gutenberg ------------------------------------------------------

_PG_START = re.compile(
    r"^[ \t]*\*{3}[ \t]*START OF (?:THE |THIS )?PROJECT GUTENBERG E-?(?:BOOK|TEXT)[^\n]*$"
    r"|^[ \t]*\*END\*[ \t]*THE SMALL PRINT[^\n]*$",
    re.IGNORECASE | re.MULTILINE,
)
_PG_END = re.compile(
    r"^[ \t]*\*{3}[ \t]*END OF (?:THE |THIS )?PROJECT GUTENBERG E-?(?:BOOK|TEXT)"
    r"|^[ \t]*End of (?:the )?Project Gutenberg\b",
    re.IGNORECASE | re.MULTILINE,
)
_PRODUCED_BY = re.compile(
    r"(?:Produced by|E-?text prepared by|Transcribed by)[^\n]*(?:\n[ \t]*\S[^\n]*)*",
    re.IGNORECASE,
)


def gutenberg_bounds(text: str) -> tuple[int, int]:
    """``(start, end)`` of the story inside a Project Gutenberg file; the whole text otherwise."""
    if not _may_hold_markers(text):
        return 0, len(text)
    first_start = _PG_START.search(text)
    end_marker = _PG_END.search(text, first_start.end() if first_start else 0)
    if not first_start and not end_marker:
        return 0, len(text)
    end = end_marker.start() if end_marker else len(text)
    # Old files may carry several start-like markers; the story follows the last.
    starts = list(_PG_START.finditer(text, 0, end))
    start = starts[-1].end() if starts else 0
    start = _skip_space(text, start, end)
    if starts:
        produced = _PRODUCED_BY.match(text, start, end)
        if produced:
            start = _skip_space(text, produced.end(), end)
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _may_hold_markers(text: str) -> bool:
    """Every start or end marker holds "***", "*END*" or "Project Gutenberg", in any case:
    a quick look for those spares most texts two searches of every line."""
    if "***" in text:
        return True
    low = text.lower()
    return "*end*" in low or "project gutenberg" in low


def _skip_space(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos].isspace():
        pos += 1
    return pos


_TITLE_LINE = re.compile(r"^Title:[ \t]*(\S[^\n]*(?:\n[ \t]+\S[^\n]*)*)", re.MULTILINE)


def find_title(text: str, body_start: int, path: object) -> str:
    """A "Title:" header line near the top, else a title made from the file name."""
    m = _TITLE_LINE.search(text, 0, max(body_start, min(len(text), 2000)))
    if m:
        return " ".join(m.group(1).split())
    if str(path) == "<bytes>":
        return "Untitled"
    words = re.sub(r"[-_]+", " ", Path(str(path)).stem).split()
    return " ".join(w[:1].upper() + w[1:] for w in words) or "Untitled"


# -- reading ----------------------------------------------------------------


def load_bytes(path: object) -> bytes:
    """The raw bytes of a file, or an InputError saying plainly why they cannot be had."""
    p = Path(str(path))
    if p.is_dir():
        raise InputError(path, "is a directory, not a file")
    if not p.exists():
        raise InputError(path, "no such file")
    try:
        return p.read_bytes()
    except PermissionError:
        raise InputError(path, "permission denied: the file cannot be read") from None
    except OSError as e:
        raise InputError(path, f"cannot be read ({e.strerror or e})") from None


def read_text_bytes(data: bytes, path: object = "<bytes>") -> Document:
    """A Document from the bytes of a plain-text story."""
    text, encoding = decode_bytes(data, path)
    newlines = text.count("\r")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text, repairs = repair_text(text)
    start, end = gutenberg_bounds(text)
    doc = Document(
        text=text,
        source={
            "path": str(path), "format": "text", "encoding": encoding,
            "sha256": hashlib.sha256(data).hexdigest(),
            # line endings count as one repair, however many there were
            "repairs": len(repairs) + (1 if newlines else 0),
        },
        metadata={"title": find_title(text, start, path)},
    )
    doc.layers["body"] = [Span(start, end, "body")]
    return doc


def read_text(path: object) -> Document:
    """A Document from a plain-text story file."""
    return read_text_bytes(load_bytes(path), path)
