"""Lay a story out as the Archive of Our Own would: its HTML download and its EPUB.

The markup mirrors the archive's download layout element for element (the ids, classes,
preface/afterword order and spacing of ``../shared/samples/alice-ao3.html``), and the EPUB
is built the way calibre builds the archive's: ``index_split_000.html`` holds the preface,
one ``index_split_NNN.html`` per chapter, the last the afterword, with the tags flattened
into ``dc:subject`` entries after "Fanworks".

    work = Work(title="The Apology", chapters=[WorkChapter(paragraphs=[...])], ...)
    html_text = ao3_html(work)
    epub_bytes = ao3_epub(work)
"""
from __future__ import annotations

import io
import re
import uuid
import zipfile
from dataclasses import dataclass, field
from html import escape

ARCHIVE = "http://archiveofourown.org"
TAGS = "https://archiveofourown.org/tags"
LANGUAGE_CODES = {"English": "en", "Français": "fr", "Deutsch": "de", "Español": "es"}


@dataclass
class WorkChapter:
    paragraphs: list[str]
    title: str = ""
    summary: str = ""
    notes: str = ""
    end_notes: str = ""


@dataclass
class Work:
    title: str
    chapters: list[WorkChapter]
    authors: list[str] = field(default_factory=list)  # none: an anonymous work
    work_id: int = 1000001
    rating: str = "Not Rated"
    warnings: list[str] = field(default_factory=lambda: ["No Archive Warnings Apply"])
    categories: list[str] = field(default_factory=list)
    fandoms: list[str] = field(default_factory=list)
    relationships: list[str] = field(default_factory=list)
    characters: list[str] = field(default_factory=list)
    additional_tags: list[str] = field(default_factory=list)
    language: str = "English"
    series: list[tuple[str, int, int]] = field(default_factory=list)  # (title, part, id)
    collections: list[str] = field(default_factory=list)
    published: str = "2021-01-01"
    updated: str = ""
    completed: bool = True
    expected_chapters: int | None = None  # None: "?" for a work in progress
    summary: str = ""
    notes: str = ""
    end_notes: str = ""

    @property
    def url(self) -> str:
        return f"{ARCHIVE}/works/{self.work_id}"

    @property
    def words(self) -> int:
        return sum(len(p.split()) for c in self.chapters for p in c.paragraphs)

    @property
    def chapter_count(self) -> str:
        total = len(self.chapters) if self.completed else self.expected_chapters
        return f"{len(self.chapters)}/{total if total else '?'}"

    @property
    def byline_names(self) -> str:
        return ", ".join(self.authors) or "Anonymous"


def paragraphs_of(text: str) -> list[str]:
    """A plain text's paragraphs: blocks between blank lines."""
    return [p.strip("\n") for p in re.split(r"\n[ \t]*\n", text) if p.strip()]


# -- HTML -------------------------------------------------------------------------------


def _text(text: str) -> str:
    return escape(text, quote=False)


def _paragraph(text: str) -> str:
    return "<p>" + "<br />\n".join(_text(line) for line in text.split("\n")) + "</p>"


def _blockquote(text: str) -> str:
    inner = "".join(_paragraph(p) for p in paragraphs_of(text))
    return f'<blockquote class="userstuff">{inner}</blockquote>'


def _tag_links(tags: list[str]) -> str:
    return ", ".join(f'<a href="{TAGS}/{escape(t)}">{_text(t)}</a>' for t in tags)


def _label(singular: str, plural: str, items: list) -> str:
    return singular if len(items) == 1 else plural


def _tags(work: Work) -> str:
    rows = [("Rating:", _tag_links([work.rating]))]
    for singular, plural, tags in (
            ("Archive Warning:", "Archive Warnings:", work.warnings),
            ("Category:", "Categories:", work.categories),
            ("Fandom:", "Fandoms:", work.fandoms),
            ("Relationship:", "Relationships:", work.relationships),
            ("Character:", "Characters:", work.characters)):
        if tags:
            rows.append((_label(singular, plural, tags), _tag_links(tags)))
    if work.additional_tags:
        rows.append(("Additional Tags:", _tag_links(work.additional_tags)))
    rows.append(("Language:", _text(work.language)))
    if work.series:
        rows.append(("Series:", ", ".join(
            f'Part {part} of <a href="{ARCHIVE}/series/{sid}">{_text(title)}</a>'
            for title, part, sid in work.series)))
    if work.collections:
        rows.append(("Collections:", ", ".join(
            f'<a href="{ARCHIVE}/collections/{escape(c)}">{_text(c)}</a>'
            for c in work.collections)))
    dates = f"  Published: {work.published}\n"
    if work.updated:
        dates += f"  {'Completed' if work.completed else 'Updated'}: {work.updated}\n"
    rows.append(("Stats:", f"\n{dates}  Words: {work.words}\n  Chapters: {work.chapter_count}\n"))
    return "\n".join(f"<dt>{label}</dt>\n<dd>{value}</dd>" for label, value in rows)


def _byline(work: Work) -> str:
    if not work.authors:
        return '<div class="byline">by Anonymous</div>'
    links = ", ".join(f'<a rel="author" href="{ARCHIVE}/users/{escape(a)}/pseuds/{escape(a)}">'
                      f"{_text(a)}</a>" for a in work.authors)
    return f'<div class="byline">by {links}</div>'


def preface(work: Work) -> str:
    notes = ""
    if work.summary:
        notes += f"    <p>Summary</p>\n    {_blockquote(work.summary)}\n"
    if work.notes:
        notes += f"    <p>Notes</p>\n    {_blockquote(work.notes)}\n"
    if work.end_notes:
        notes += '    <p>See the end of the work for <a href="#endnotes">more notes</a></p>\n'
    return f"""<div id="preface">
  <h2 class="toc-heading">Preface</h2>
  <p class="message">
    <b>{_text(work.title)}</b><br />
    Posted originally on the <a href="{ARCHIVE}/">Archive of Our Own</a> at <a href="{work.url}">{work.url}</a>.
  </p>
  <div class="meta">
    <dl class="tags">
{_tags(work)}
    </dl>
    <h1>{_text(work.title)}</h1>
    {_byline(work)}
{notes}  </div>
</div>"""


def chapter_heading(n: int, chapter: WorkChapter) -> str:
    return f"Chapter {n}: {chapter.title}" if chapter.title else f"Chapter {n}"


def chapter_markup(work: Work, n: int) -> str:
    """One chapter as it sits inside div#chapters (n counts from 1)."""
    chapter = work.chapters[n - 1]
    content = ("<!--chapter content-->\n<div class=\"userstuff\">\n"
               + "\n".join(_paragraph(p) for p in chapter.paragraphs)
               + "\n</div>\n<!--/chapter content-->")
    if len(work.chapters) == 1:
        return f'<h2 class="toc-heading">{_text(work.title)}</h2>\n{content}'
    head = f'<div class="meta group">\n  <h2 class="heading">\n      {_text(chapter_heading(n, chapter))}\n  </h2>\n'
    if chapter.summary:
        head += f"  <p>Chapter Summary</p>\n  {_blockquote(chapter.summary)}\n"
    if chapter.notes:
        head += f"  <p>Chapter Notes</p>\n  {_blockquote(chapter.notes)}\n"
    if chapter.end_notes:
        head += f'  <p>See the end of the chapter for <a href="#endnotes{n}">more notes</a></p>\n'
    markup = head + "</div>\n" + content
    if chapter.end_notes:
        markup += (f'\n<div class="meta" id="endnotes{n}">\n  <p>Chapter End Notes</p>\n'
                   f"  {_blockquote(chapter.end_notes)}\n</div>")
    return markup


def afterword(work: Work) -> str:
    notes = ""
    if work.end_notes:
        notes = (f'  <div class="meta">\n    <div id="endnotes">\n      <p>End Notes</p>\n'
                 f"      {_blockquote(work.end_notes)}\n    </div>\n  </div>\n")
    return f"""<div id="afterword">
  <h2 class="toc-heading">Afterword</h2>
{notes}  <p class="message">Please <a href="{work.url}/comments/new">drop by the archive and comment</a> to let the creator know if you enjoyed their work!</p>
</div>"""


def ao3_html(work: Work) -> str:
    """The archive's HTML download of ``work``."""
    head_title = " - ".join([work.title, work.byline_names, ", ".join(work.fandoms)])
    chapters = "\n".join(chapter_markup(work, n) for n in range(1, len(work.chapters) + 1))
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">
<head>
  <meta charset="utf-8" />
  <meta http-equiv="x-ua-compatible" content="ie=edge" />
  <title>{_text(head_title)}</title>
  <style type="text/css">
    p.message {{ text-align: center; }}
    .toc-heading {{ display: none; }}
  </style>
</head>
<body>
{preface(work)}
<div id="chapters" class="userstuff">
{chapters}
</div>
{afterword(work)}
</body>
</html>
"""


# -- EPUB -------------------------------------------------------------------------------

CONTAINER = """<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>
"""


def _split_file(title: str, body: str) -> str:
    return ('<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'
            f"<head><title>{_text(title)}</title></head><body>{body}</body></html>")


def _opf(work: Work, uid: str, count: int) -> str:
    subjects = ["Fanworks", work.rating, *work.warnings, *work.categories, *work.fandoms,
                *work.relationships, *work.characters, *work.additional_tags]
    creators = "\n".join(f'    <dc:creator opf:role="aut">{_text(a)}</dc:creator>'
                         for a in (work.authors or ["Anonymous"]))
    items = "\n".join(f'    <item href="index_split_{i:03d}.html" id="id{i}" '
                      'media-type="application/xhtml+xml"/>' for i in range(count))
    refs = "\n".join(f'    <itemref idref="id{i}"/>' for i in range(count))
    description = " ".join(paragraphs_of(work.summary))
    return f"""<?xml version='1.0' encoding='utf-8'?>
<package xmlns="http://www.idpf.org/2007/opf" unique-identifier="uuid_id" version="2.0">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:opf="http://www.idpf.org/2007/opf">
    <dc:title>{_text(work.title)}</dc:title>
{creators}
    <dc:description>{_text(description)}</dc:description>
    <dc:publisher>Archive of Our Own</dc:publisher>
    <dc:language>{LANGUAGE_CODES.get(work.language, "en")}</dc:language>
    <dc:identifier id="uuid_id" opf:scheme="uuid">{uid}</dc:identifier>
""" + "\n".join(f"    <dc:subject>{_text(s)}</dc:subject>" for s in subjects) + f"""
  </metadata>
  <manifest>
{items}
    <item href="toc.ncx" id="ncx" media-type="application/x-dtbncx+xml"/>
  </manifest>
  <spine toc="ncx">
{refs}
  </spine>
</package>
"""


def _ncx(work: Work, uid: str) -> str:
    labels = ([work.title] if len(work.chapters) == 1 else
              [c.title or f"Chapter {n}" for n, c in enumerate(work.chapters, 1)])
    points = "\n".join(
        f'    <navPoint id="np{n}" playOrder="{n}"><navLabel><text>{_text(label)}</text>'
        f'</navLabel><content src="index_split_{n:03d}.html"/></navPoint>'
        for n, label in enumerate(labels, 1))
    return f"""<?xml version='1.0' encoding='utf-8'?>
<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1">
  <head><meta name="dtb:uid" content="{uid}"/></head>
  <docTitle><text>{_text(work.title)}</text></docTitle>
  <navMap>
{points}
  </navMap>
</ncx>
"""


def zip_epub(members: list[tuple[str, str | bytes]]) -> bytes:
    """An EPUB zip: the ``mimetype`` member first and stored, the rest deflated."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as book:
        book.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip",
                      compress_type=zipfile.ZIP_STORED)
        for name, data in members:
            book.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def ao3_epub(work: Work) -> bytes:
    """The archive's EPUB download of ``work``, laid out as calibre builds it."""
    uid = str(uuid.uuid5(uuid.NAMESPACE_URL, work.url))
    files = [_split_file(work.title, preface(work))]
    files += [_split_file(work.title, f'<div id="chapters" class="userstuff">'
                                      f"{chapter_markup(work, n)}</div>")
              for n in range(1, len(work.chapters) + 1)]
    files.append(_split_file("Afterword", afterword(work)))
    return zip_epub([("META-INF/container.xml", CONTAINER),
                     ("content.opf", _opf(work, uid, len(files))),
                     ("toc.ncx", _ncx(work, uid))]
                    + [(f"index_split_{i:03d}.html", f) for i, f in enumerate(files)])
