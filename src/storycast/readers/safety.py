"""Opening files from strangers: a zip that may be a bomb, XML that may declare entities.

An EPUB is a zip archive and its XML is written by whoever made the file.  Members are read
into memory only, never written to disk, and every read is capped: a member that unpacks
past its cap is refused however small it claims to be.  XML goes through defusedxml, which
refuses entity declarations (billion laughs) and external references outright.
"""
from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass
from typing import BinaryIO
from xml.etree.ElementTree import Element, ParseError

from ..errors import InputError

CHUNK = 64 * 1024


@dataclass(frozen=True)
class ZipLimits:
    """How much an archive may hold and how much of it storycast will unpack."""

    entries: int = 10_000  # members in the archive
    member: int = 64 * 1024 * 1024  # bytes unpacked from one member
    total: int = 256 * 1024 * 1024  # bytes unpacked from the whole archive, as read
    declared: int = 2 * 1024 * 1024 * 1024  # bytes the archive says it unpacks to, all members


LIMITS = ZipLimits()


def _mib(size: int) -> str:
    return f"{size / (1024 * 1024):,.0f} MiB" if size >= 1024 * 1024 else f"{size:,} bytes"


class SafeZip:
    """A zip archive whose members are read into memory with caps on size and count.

    ``data`` is the archive's bytes, or a binary file open for reading (an archive too large
    to hold in memory is then read one member at a time).
    """

    def __init__(self, data: bytes | BinaryIO, path: object, kind: str = "EPUB",
                 limits: ZipLimits | None = None) -> None:
        self.path, self.kind = path, kind
        self.limits = limits or LIMITS
        self.unpacked = 0
        try:
            self.zip = zipfile.ZipFile(
                io.BytesIO(data) if isinstance(data, (bytes, bytearray)) else data)
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError,
                NotImplementedError) as exc:  # "zip file version 6.4" from a damaged header
            raise self.damaged(f"its zip directory is missing or unreadable ({exc})") from None
        if len(infos) > self.limits.entries:
            raise self.refused(f"{len(infos):,} entries, more than the {self.limits.entries:,} "
                               "allowed")
        declared = sum(i.file_size for i in infos)
        if declared > self.limits.declared:
            raise self.refused(f"it declares {_mib(declared)} unpacked, more than the "
                               f"{_mib(self.limits.declared)} allowed")
        self.infos = {i.filename: i for i in infos}
        self._folded = {name.lower(): name for name in self.infos}

    def damaged(self, problem: str) -> InputError:
        return InputError(self.path, f"a truncated or damaged {self.kind}: {problem}")

    def refused(self, problem: str) -> InputError:
        return InputError(self.path, f"refused as a possible zip bomb: {problem}")

    def names(self) -> list[str]:
        return list(self.infos)

    def find(self, name: str) -> str | None:
        """The member called ``name``, matched without regard to case when need be."""
        if name in self.infos:
            return name
        return self._folded.get(name.lower())

    def read(self, name: str) -> bytes:
        """The unpacked bytes of one member, refused past the per-member or total cap."""
        found = self.find(name)
        if found is None:
            raise self.damaged(f"{name} is missing")
        info = self.infos[found]
        if info.flag_bits & 0x1:
            raise InputError(self.path, f"an encrypted {self.kind}: {found} needs a password")
        cap = min(self.limits.member, self.limits.total - self.unpacked)
        if info.file_size > self.limits.member:
            raise self.refused(f"{found} declares {_mib(info.file_size)} unpacked, more than "
                               f"the {_mib(self.limits.member)} allowed for one entry")
        out = bytearray()
        try:
            with self.zip.open(info) as member:
                while chunk := member.read(CHUNK):
                    out += chunk
                    if len(out) > cap:
                        raise self.refused(f"{found} unpacks to more than {_mib(cap)}")
        except InputError:
            raise
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError,
                NotImplementedError, RuntimeError) as exc:
            raise self.damaged(f"{found} cannot be unpacked ({exc})") from None
        self.unpacked += len(out)
        return bytes(out)


# -- XML ------------------------------------------------------------------------------


def parse_xml(data: bytes, path: object, member: str) -> Element:
    """An XML member parsed with no entity expansion and no external references."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        return fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise InputError(path, f"{member}: XML with {_defused(exc)} refused "
                               "(a possible entity-expansion attack)") from None
    except (ParseError, ValueError) as exc:
        raise InputError(path, f"{member}: malformed XML ({exc})") from None


def _defused(exc: Exception) -> str:
    name = exc.__class__.__name__
    return {"EntitiesForbidden": "entity declarations",
            "ExternalReferenceForbidden": "an external reference",
            "DTDForbidden": "a DTD",
            "NotSupportedError": "an unsupported feature"}.get(name, name)


_ENTITY_DECLARATION = re.compile(r"<!ENTITY", re.IGNORECASE)


def refuse_entities(markup: str, path: object, member: str | None = None) -> None:
    """Markup read as HTML may not declare entities: HTML has none, only attacks do."""
    if _ENTITY_DECLARATION.search(markup):
        where = f"{member}: " if member else ""
        raise InputError(path, f"{where}markup with entity declarations refused "
                               "(a possible entity-expansion attack)")
