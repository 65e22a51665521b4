"""Safe zip and XML handling (readers/safety.py): caps on what an archive may unpack,
XML without entity expansion, markup without entity declarations."""
from __future__ import annotations

import io
import zipfile

import pytest
from hostile import BILLION_LAUGHS, EXTERNAL

from storycast.errors import InputError
from storycast.readers import safety
from storycast.readers.safety import SafeZip, ZipLimits, parse_xml, refuse_entities


def zip_of(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in members.items():
            z.writestr(name, data, compress_type=compression)
    return out.getvalue()


# -- zip --------------------------------------------------------------------------------

def test_reads_members_by_name_and_without_regard_to_case():
    book = SafeZip(zip_of({"OEBPS/Content.opf": b"<package/>"}), "book.epub")
    assert book.read("OEBPS/Content.opf") == b"<package/>"
    assert book.read("oebps/content.OPF") == b"<package/>"
    assert book.find("nothing.xhtml") is None


def test_a_missing_member_is_named():
    book = SafeZip(zip_of({"a.txt": b"a"}), "book.epub")
    with pytest.raises(InputError) as err:
        book.read("META-INF/container.xml")
    assert str(err.value) == ("book.epub: a truncated or damaged EPUB: "
                              "META-INF/container.xml is missing")


def test_a_zip_bomb_member_is_refused_before_it_is_unpacked():
    bomb = zip_of({"content.opf": bytes(65 * 1024 * 1024)})  # 65 MiB of zeros: ~64 KB packed
    assert len(bomb) < 200_000
    book = SafeZip(bomb, "bomb.epub")
    with pytest.raises(InputError) as err:
        book.read("content.opf")
    assert str(err.value) == ("bomb.epub: refused as a possible zip bomb: content.opf "
                              "declares 65 MiB unpacked, more than the 64 MiB allowed for "
                              "one entry")


def test_the_archive_total_is_capped_as_members_are_read(monkeypatch):
    monkeypatch.setattr(safety, "LIMITS", ZipLimits(member=1000, total=1500))
    book = SafeZip(zip_of({"a": b"x" * 900, "b": b"y" * 900}), "big.epub")
    assert book.read("a") == b"x" * 900
    with pytest.raises(InputError, match="refused as a possible zip bomb: b unpacks to more "
                                         "than 600 bytes"):
        book.read("b")


def test_what_an_archive_declares_is_capped_before_anything_is_read():
    data = zip_of({"a": b"x" * 100, "b": b"y" * 100})
    with pytest.raises(InputError, match="declares 200 bytes unpacked, more than the 150"):
        SafeZip(data, "big.epub", limits=ZipLimits(declared=150))


def test_too_many_entries_are_refused():
    data = zip_of({f"f{n}.xhtml": b"" for n in range(11)})
    with pytest.raises(InputError) as err:
        SafeZip(data, "many.epub", limits=ZipLimits(entries=10))
    assert err.value.problem == ("refused as a possible zip bomb: 11 entries, more than "
                                 "the 10 allowed")


@pytest.mark.parametrize("cut", [0.5, 0.9, 0.1])
def test_a_truncated_zip_is_named_as_such(cut):
    data = zip_of({"content.opf": b"<package/>" * 500, "chapter.xhtml": b"<p>Hi</p>" * 500})
    with pytest.raises(InputError) as err:
        SafeZip(data[: int(len(data) * cut)], "cut.epub")
    assert err.value.problem.startswith("a truncated or damaged EPUB: its zip directory is "
                                        "missing or unreadable")


def test_a_directory_claiming_an_unknown_zip_version_is_damage():
    data = bytearray(zip_of({"content.opf": b"<package/>"}))
    central = data.index(b"PK\x01\x02")
    data[central + 6] = 64  # "version needed to extract": 6.4, which zipfile cannot read
    with pytest.raises(InputError, match="its zip directory is missing or unreadable"):
        SafeZip(bytes(data), "odd.epub")


def test_a_corrupt_member_is_named():
    data = bytearray(zip_of({"chapter.xhtml": b"<p>Once upon a time.</p>" * 200}))
    start = data.index(b"chapter.xhtml") + len("chapter.xhtml")
    data[start + 5:start + 25] = bytes(20)  # damage the deflated stream
    with pytest.raises(InputError, match="a truncated or damaged EPUB: chapter.xhtml cannot "
                                         "be unpacked"):
        SafeZip(bytes(data), "bad.epub").read("chapter.xhtml")


def test_nothing_is_written_to_disk(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    book = SafeZip(zip_of({"../../escape.txt": b"x", "/abs.txt": b"y"}), "evil.epub")
    assert book.read("../../escape.txt") == b"x"
    assert list(tmp_path.iterdir()) == []


# -- XML and markup ---------------------------------------------------------------------

def test_xml_parses_with_namespaces():
    root = parse_xml(b'<package xmlns="http://www.idpf.org/2007/opf"><a>1</a></package>',
                     "b.epub", "content.opf")
    assert root.tag == "{http://www.idpf.org/2007/opf}package"


@pytest.mark.parametrize("xml", [BILLION_LAUGHS, EXTERNAL])
def test_xml_entity_attacks_are_refused_naming_file_and_member(xml):
    with pytest.raises(InputError) as err:
        parse_xml(xml.encode(), "lol.epub", "OEBPS/content.opf")
    assert str(err.value) == ("lol.epub: OEBPS/content.opf: XML with entity declarations "
                              "refused (a possible entity-expansion attack)")


def test_malformed_xml_is_named():
    with pytest.raises(InputError) as err:
        parse_xml(b"<package><metadata></package>", "b.epub", "content.opf")
    assert err.value.problem.startswith("content.opf: malformed XML (mismatched tag")


def test_markup_declaring_entities_is_refused():
    refuse_entities("<!DOCTYPE html><html><p>&amp; &nbsp;</p></html>", "ok.html")
    with pytest.raises(InputError) as err:
        refuse_entities('<!DOCTYPE html [<!entity a "aaaa">]><p>&a;</p>', "lol.html", "ch1.xhtml")
    assert str(err.value) == ("lol.html: ch1.xhtml: markup with entity declarations refused "
                              "(a possible entity-expansion attack)")
