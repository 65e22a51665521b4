"""EPUBs as other tools lay them out: FanFicFare, a publisher's EPUB 3 (or EPUB 2) with
nested navigation, and Project Gutenberg's EPUB 3.  The stories are written for these tests,
except the Project Gutenberg one, which is the public-domain tea party packaged with
storycast."""
from __future__ import annotations

from html import escape

from ao3_fixture import zip_epub

XHTML_HEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n'
              '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.1//EN" '
              '"http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd">\n')


def container(opf: str) -> str:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<container version="1.0" '
            'xmlns="urn:oasis:names:tc:opendocument:xmlns:container">\n<rootfiles>\n'
            f'<rootfile full-path="{opf}" media-type="application/oebps-package+xml"/>\n'
            "</rootfiles>\n</container>\n")


def paragraphs(texts: list[str]) -> str:
    return "\n".join(f"<p>{escape(t, quote=False)}</p>" for t in texts)


# -- FanFicFare -------------------------------------------------------------------------

FFF_STORY = {
    "title": "Salt and Lanterns",
    "author": "harbourlight",
    "url": "https://archiveofourown.org/works/5550001",
    "fields": [
        ("Category", "Lantern Street (Original Work)"), ("Genre", "Found Family, Fluff"),
        ("Language", "English"), ("Characters", "Mara Quill, Pip (Lantern Street)"),
        ("Relationships", "Mara Quill & Pip (Lantern Street)"), ("Status", "Completed"),
        ("Published", "2022-02-02"), ("Updated", "2022-02-20"), ("Rating", "Teen And Up Audiences"),
        ("Warnings", "No Archive Warnings Apply"), ("Chapters", "2"), ("Words", "112"),
        ("Series", "Lantern Street [3]"),
    ],
    "summary": "Pip learns the harbour lamps.",
    "chapters": [
        ("Chapter 1: The Harbour", [
            "The harbour lamps stood on iron posts, and the wind off the water put them out "
            "as fast as Pip could light them.",
            "\"You're holding the taper like a spoon,\" said Mara.",
            "\"It's a spoon for fire,\" Pip said. \"Same thing.\"",
        ], "Pip has a new job.", "Harbour lamps are harder than street lamps."),
        ("Chapter 2: Glass", [
            "Mara showed him how to cup the glass with one hand and strike with the other.",
            "\"Now you,\" she said.",
            "Pip struck, and the flame held, and he did not say a word for a whole minute.",
        ], "", "The end, for now."),
    ],
}


def _fff_title_page(story: dict) -> str:
    entries = "\n".join(f"<b>{escape(label)}:</b> {escape(value)}<br />"
                        for label, value in story["fields"])
    return (XHTML_HEAD + '<html xmlns="http://www.w3.org/1999/xhtml">\n<head>\n'
            f'<title>{escape(story["title"])} by {escape(story["author"])}</title>\n'
            '<link href="stylesheet.css" type="text/css" charset="UTF-8" rel="stylesheet"/>\n'
            '</head>\n<body class="fff_titlepage">\n'
            f'<h3><a href="{story["url"]}">{escape(story["title"])}</a> by '
            f'<a href="https://archiveofourown.org/users/{story["author"]}">'
            f'{escape(story["author"])}</a></h3>\n<div>\n{entries}\n'
            f"<b>Summary:</b> {escape(story['summary'])}<br />\n</div>\n</body>\n</html>\n")


def _fff_chapter(title: str, text: list[str], head_note: str, foot_note: str) -> str:
    head = (f'<div class="fff_chapter_notes fff_head_notes"><b>Notes for the Chapter:</b>'
            f"<blockquote>{escape(head_note)}</blockquote></div>\n" if head_note else "")
    foot = (f'<div class="fff_chapter_notes fff_foot_notes"><b>Notes for the Chapter:</b>'
            f"<blockquote>{escape(foot_note)}</blockquote></div>\n" if foot_note else "")
    return (XHTML_HEAD + '<html xmlns="http://www.w3.org/1999/xhtml">\n<head>\n'
            f"<title>{escape(title)}</title>\n"
            '<link href="stylesheet.css" type="text/css" rel="stylesheet"/>\n'
            f'<meta name="chaptertitle" content="{escape(title)}" />\n</head>\n'
            f'<body class="fff_chapter">\n<h3 class="fff_chapterhead">{escape(title)}</h3>\n'
            f"{head}<div>\n{paragraphs(text)}\n</div>\n{foot}</body>\n</html>\n")


def fanficfare_epub(story: dict = FFF_STORY) -> bytes:
    """An EPUB laid out as FanFicFare writes one."""
    n = len(story["chapters"])
    files = [f"file{i:04d}" for i in range(1, n + 1)]
    opf = f"""<?xml version="1.0" encoding="UTF-8"?>
<package version="2.0" xmlns="http://www.idpf.org/2007/opf" unique-identifier="fanficfare-uid">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:opf="http://www.idpf.org/2007/opf">
<dc:identifier id="fanficfare-uid">fanficfare-uid:archiveofourown.org-u{story["author"]}-s5550001</dc:identifier>
<dc:title>{escape(story["title"])}</dc:title>
<dc:creator opf:role="aut">{escape(story["author"])}</dc:creator>
<dc:contributor opf:role="bkp">FanFicFare [https://github.com/JimmXinu/FanFicFare]</dc:contributor>
<dc:rights></dc:rights>
<dc:date opf:event="publication">2022-02-02</dc:date>
<dc:date opf:event="creation">2024-05-05</dc:date>
<dc:date opf:event="modification">2022-02-20</dc:date>
<meta name="calibre:timestamp" content="2024-05-05T10:00:00"/>
<dc:description>&lt;p&gt;{escape(story["summary"])}&lt;/p&gt;</dc:description>
<dc:subject>Lantern Street (Original Work)</dc:subject>
<dc:subject>Found Family</dc:subject>
<dc:subject>Completed</dc:subject>
<dc:language>en</dc:language>
<dc:publisher>archiveofourown.org</dc:publisher>
<dc:source>{story["url"]}</dc:source>
<dc:identifier opf:scheme="URL">{story["url"]}</dc:identifier>
<meta name="calibre:series" content="Lantern Street"/>
<meta name="calibre:series_index" content="3"/>
</metadata>
<manifest>
<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>
<item id="style" href="OEBPS/stylesheet.css" media-type="text/css"/>
<item id="title_page" href="OEBPS/title_page.xhtml" media-type="application/xhtml+xml"/>
""" + "".join(f'<item id="{f}" href="OEBPS/{f}.xhtml" media-type="application/xhtml+xml"/>\n'
              for f in files) + """</manifest>
<spine toc="ncx">
<itemref idref="title_page" linear="yes"/>
""" + "".join(f'<itemref idref="{f}" linear="yes"/>\n' for f in files) + """</spine>
</package>
"""
    points = [("title_page", "Title Page", "OEBPS/title_page.xhtml")] + [
        (f, title, f"OEBPS/{f}.xhtml") for f, (title, *_rest) in zip(files, story["chapters"])]
    ncx = ('<?xml version="1.0" encoding="UTF-8"?>\n<ncx version="2005-1" '
           'xmlns="http://www.daisy.org/z3986/2005/ncx/">\n<head>\n'
           '<meta name="dtb:uid" content="fanficfare-uid"/>\n</head>\n'
           f'<docTitle>\n<text>{escape(story["title"])}</text>\n</docTitle>\n<navMap>\n'
           + "".join(f'<navPoint id="{pid}" playOrder="{k}">\n<navLabel>\n<text>{escape(label)}'
                     f'</text>\n</navLabel>\n<content src="{src}"/>\n</navPoint>\n'
                     for k, (pid, label, src) in enumerate(points))
           + "</navMap>\n</ncx>\n")
    members = [("META-INF/container.xml", container("content.opf")), ("content.opf", opf),
               ("toc.ncx", ncx), ("OEBPS/stylesheet.css", "body { margin: 2%; }\n"),
               ("OEBPS/title_page.xhtml", _fff_title_page(story))]
    members += [(f"OEBPS/{f}.xhtml", _fff_chapter(*chapter))
                for f, chapter in zip(files, story["chapters"])]
    return zip_epub(members)


# -- a publisher's EPUB with nested navigation ------------------------------------------

SALT_ROAD = {
    "The Well": ["Ines lowered the bucket and listened for the splash.",
                 "\"Dry again,\" she said. \"Third well this week.\""],
    "The Gate": ["The gatekeeper would not look at their papers.",
                 "\"Salt road's closed,\" he said. \"Go back the way you came.\""],
    "The Market": ["In the market every stall sold the same grey salt.",
                   "\"Where does it come from?\" asked Ines."],
    "The Tide": ["The tide went out further than she had ever seen it go.",
                 "\"There,\" said Ines. \"That is where the road begins.\""],
}


def _doc(title: str, body: str, body_type: str = "", version: int = 3) -> str:
    ns = ' xmlns:epub="http://www.idpf.org/2007/ops"' if version == 3 else ""
    typed = f' epub:type="{body_type}"' if body_type and version == 3 else ""
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"'
            f'{ns}>\n<head><title>{escape(title)}</title>'
            f'<script>document.write("SCRIPTED TEXT")</script></head>\n'
            f"<body{typed}>\n{body}\n</body>\n</html>\n")


def _chapter(fragment: str, title: str, version: int) -> str:
    kind = ' epub:type="chapter"' if version == 3 else ""
    return (f'<section{kind} id="{fragment}">\n<h2>{escape(title)}</h2>\n'
            f"{paragraphs(SALT_ROAD[title])}\n</section>")


def salt_road_files(version: int) -> list[tuple[str, str, str]]:
    """(member under OEBPS/, title, content) in spine order."""
    v = version
    return [
        ("text/cover.xhtml", "Cover", _doc("Cover", '<div><img src="../images/cover.png" '
                                           'alt="The Salt Road"/></div>', "cover", v)),
        ("text/titlepage.xhtml", "Title page", _doc(
            "The Salt Road", "<h1>The Salt Road</h1>\n<p>A novella by R. Marsh</p>\n"
            "<p>Harbour Books</p>", "frontmatter titlepage", v)),
        ("text/part1.xhtml", "Part One", _doc("Part One", "<h1>Part One</h1>", "", v)),
        ("text/ch1.xhtml", "The Well", _doc("The Well", _chapter("c1", "The Well", v), "", v)),
        ("text/ch2.xhtml", "The Gate", _doc("The Gate", _chapter("c2", "The Gate", v), "", v)),
        ("text/part two.xhtml", "Part Two", _doc("Part Two", "<h1>Part Two</h1>\n"
                                                 + _chapter("c3", "The Market", v) + "\n"
                                                 + _chapter("c4", "The Tide", v), "", v)),
        ("text/copyright.xhtml", "Copyright", _doc(
            "Copyright", "<p>Copyright 2023 R. Marsh. All rights reserved.</p>",
            "backmatter copyright-page", v)),
    ]


# (title, href from OEBPS/, depth)
SALT_ROAD_TOC = [
    ("Part One", "text/part1.xhtml", 0),
    ("The Well", "text/ch1.xhtml", 1),
    ("The Gate", "text/ch2.xhtml#c2", 1),
    ("Part Two", "text/part%20two.xhtml", 0),
    ("The Market", "text/part%20two.xhtml#c3", 1),
    ("The Tide", "text/part%20two.xhtml#c4", 1),
    ("Copyright", "text/copyright.xhtml", 0),
]


def _nav_xhtml() -> str:
    def items(start: int, depth: int) -> tuple[str, int]:
        out, i = [], start
        while i < len(SALT_ROAD_TOC) and SALT_ROAD_TOC[i][2] >= depth:
            title, href, _ = SALT_ROAD_TOC[i]
            inner, i = items(i + 1, depth + 1)
            nested = f"\n<ol>\n{inner}\n</ol>\n" if inner else ""
            out.append(f'<li><a href="{href}">{escape(title)}</a>{nested}</li>')
        return "\n".join(out), i

    toc, _ = items(0, 0)
    return _doc("Contents", f'<nav epub:type="toc" id="toc"><h1>Contents</h1>\n<ol>\n{toc}\n'
                            '</ol></nav>\n<nav epub:type="landmarks" hidden=""><ol><li>'
                            '<a epub:type="bodymatter" href="text/ch1.xhtml">Start</a></li>'
                            "</ol></nav>", "", 3)


def _ncx() -> str:
    def points(start: int, depth: int, counter: list[int]) -> tuple[str, int]:
        out, i = [], start
        while i < len(SALT_ROAD_TOC) and SALT_ROAD_TOC[i][2] >= depth:
            title, href, _ = SALT_ROAD_TOC[i]
            counter[0] += 1
            n = counter[0]
            inner, i = points(i + 1, depth + 1, counter)
            out.append(f'<navPoint id="p{n}" playOrder="{n}"><navLabel><text>{escape(title)}'
                       f'</text></navLabel><content src="{href}"/>{inner}</navPoint>')
        return "\n".join(out), i

    nav_map, _ = points(0, 0, [0])
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/"'
            ' version="2005-1"><head/><docTitle><text>The Salt Road</text></docTitle>\n'
            f"<navMap>\n{nav_map}\n</navMap></ncx>\n")


def salt_road_epub(version: int = 3) -> bytes:
    """An EPUB 3 navigated by nav.xhtml, or (version=2) an EPUB 2 navigated by an NCX and
    a guide; both nest the chapters under two parts."""
    files = salt_road_files(version)
    ids = [f"f{k}" for k in range(len(files))]
    manifest = "\n".join(f'<item id="{i}" href="{name.replace(" ", "%20")}" '
                         'media-type="application/xhtml+xml"/>' for i, (name, _, _) in zip(ids, files))
    spine = "\n".join(f'<itemref idref="{i}"/>' for i in ids)
    if version == 3:
        manifest += ('\n<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" '
                     'properties="nav"/>')
        spine = '<itemref idref="nav" linear="yes"/>\n' + spine
        metadata = """<dc:title>The Salt Road</dc:title>
<dc:creator id="author">R. Marsh</dc:creator>
<meta refines="#author" property="role" scheme="marc:relators">aut</meta>
<dc:creator id="artist">J. Pell</dc:creator>
<meta refines="#artist" property="role" scheme="marc:relators">ill</meta>
<dc:language>en-GB</dc:language>
<dc:identifier id="uid">urn:uuid:5a17-0ad0-0001</dc:identifier>
<dc:date>2023-06-01</dc:date>
<dc:publisher>Harbour Books</dc:publisher>
<dc:subject>Fiction</dc:subject>
<dc:subject>Travel</dc:subject>
<dc:description>Two travellers follow a road made of salt.</dc:description>
<meta property="dcterms:modified">2023-06-02T00:00:00Z</meta>
<meta property="belongs-to-collection" id="coll">Coast Stories</meta>
<meta refines="#coll" property="group-position">1</meta>"""
        guide = ""
    else:
        manifest += '\n<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>'
        metadata = """<dc:title>The Salt Road</dc:title>
<dc:creator opf:role="aut">R. Marsh</dc:creator>
<dc:creator opf:role="ill">J. Pell</dc:creator>
<dc:language>en-GB</dc:language>
<dc:identifier id="uid">urn:uuid:5a17-0ad0-0001</dc:identifier>
<dc:date opf:event="publication">2023-06-01</dc:date>
<dc:publisher>Harbour Books</dc:publisher>
<dc:subject>Fiction</dc:subject>
<dc:subject>Travel</dc:subject>
<dc:description>Two travellers follow a road made of salt.</dc:description>
<meta name="calibre:series" content="Coast Stories"/>
<meta name="calibre:series_index" content="1.0"/>"""
        guide = ('<guide>\n<reference type="cover" href="text/cover.xhtml" title="Cover"/>\n'
                 '<reference type="title-page" href="text/titlepage.xhtml" title="Title"/>\n'
                 '<reference type="copyright-page" href="text/copyright.xhtml" title="(c)"/>\n'
                 '<reference type="text" href="text/ch1.xhtml" title="Start"/>\n</guide>')
    opf = (f'<?xml version="1.0" encoding="UTF-8"?>\n<package xmlns="http://www.idpf.org/2007/opf" '
           f'version="{version}.0" unique-identifier="uid">\n<metadata '
           'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:opf="http://www.idpf.org/2007/opf">\n'
           f"{metadata}\n</metadata>\n<manifest>\n{manifest}\n</manifest>\n"
           f'<spine{" toc=" + chr(34) + "ncx" + chr(34) if version == 2 else ""}>\n{spine}\n'
           f"</spine>\n{guide}\n</package>\n")
    members = [("META-INF/container.xml", container("OEBPS/content.opf")),
               ("OEBPS/content.opf", opf)]
    members.append(("OEBPS/nav.xhtml", _nav_xhtml()) if version == 3
                   else ("OEBPS/toc.ncx", _ncx()))
    members += [(f"OEBPS/{name}", content) for name, _, content in files]
    return zip_epub(members)


# -- Project Gutenberg ------------------------------------------------------------------

PG_HEADER = ("The Project Gutenberg eBook of Alice's Adventures in Wonderland",
             "This ebook is for the use of anyone anywhere in the United States and most "
             "other parts of the world at no cost and with almost no restrictions whatsoever.")
PG_FOOTER = ("*** END OF THE PROJECT GUTENBERG EBOOK ALICE'S ADVENTURES IN WONDERLAND ***",
             "Updated editions will replace the previous one—the old editions will be renamed.")


def gutenberg_epub(chapter_title: str, chapter: list[str]) -> bytes:
    """An EPUB 3 as Project Gutenberg builds one: boilerplate sections around the book, a
    contents table of links, and chapters marked by anchors inside larger files."""
    header = ('<section class="pg-boilerplate pgheader" id="pg-header" lang="en">\n'
              + paragraphs(list(PG_HEADER)) + "\n</section>\n"
              "<h1>Alice's Adventures in Wonderland</h1>\n<h2>by Lewis Carroll</h2>\n"
              '<table><tr><td><a href="tea.xhtml#chap07">' + escape(chapter_title)
              + "</a></td></tr></table>\n<p>THE MILLENNIUM FULCRUM EDITION 3.0</p>")
    body = (f'<div class="chapter"><h2><a id="chap07"></a>{escape(chapter_title)}</h2>\n'
            + paragraphs(chapter) + "\n</div>")
    footer = ('<section class="pg-boilerplate pgheader" id="pg-footer" lang="en">\n'
              + paragraphs(list(PG_FOOTER)) + "\n</section>")
    files = [("front.xhtml", _doc("Front", header)), ("tea.xhtml", _doc("Tea", body)),
             ("licence.xhtml", _doc("Licence", footer))]
    nav = _doc("Contents", '<nav epub:type="toc"><ol>'
                           f'<li><a href="tea.xhtml#chap07">{escape(chapter_title)}</a></li>'
                           '<li><a href="licence.xhtml#pg-footer">THE FULL PROJECT GUTENBERG '
                           "LICENSE</a></li></ol></nav>")
    manifest = "".join(f'<item id="i{k}" href="{n}" media-type="application/xhtml+xml"/>\n'
                       for k, (n, _) in enumerate(files))
    opf = ('<?xml version="1.0" encoding="utf-8"?>\n<package xmlns="http://www.idpf.org/2007/opf" '
           'version="3.0" unique-identifier="id">\n<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
           "<dc:title>Alice's Adventures in Wonderland</dc:title>\n"
           '<dc:creator id="c">Lewis Carroll</dc:creator>\n<dc:language>en</dc:language>\n'
           '<dc:identifier id="id">http://www.gutenberg.org/11</dc:identifier>\n'
           "<dc:subject>Fantasy fiction</dc:subject>\n<dc:date>2008-06-27</dc:date>\n"
           "<dc:rights>Public domain in the USA.</dc:rights>\n"
           "<dc:publisher>Project Gutenberg</dc:publisher>\n</metadata>\n<manifest>\n"
           + manifest + '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" '
           'properties="nav"/>\n</manifest>\n<spine>\n'
           + "".join(f'<itemref idref="i{k}"/>\n' for k in range(len(files)))
           + "</spine>\n</package>\n")
    return zip_epub([("META-INF/container.xml", container("OEBPS/content.opf")),
                     ("OEBPS/content.opf", opf), ("OEBPS/nav.xhtml", nav)]
                    + [(f"OEBPS/{n}", c) for n, c in files])
