"""The ``.html`` exporter: one self-contained page to read the story and see its cast.

The page holds the story's metadata, the cast sheet, the network of who speaks to whom,
a chart of each speaker's share of the dialogue and one of who speaks where, and the
whole story with every quotation marked (see :mod:`storycast.exporters.report.reading`).
Its style, script and pictures are inline: it loads nothing, and its Content Security
Policy forbids loading anything, running any script but its own, and any inline style
but its own.  Every piece of story text is escaped; the data the script reads is JSON in
a ``<script type="application/json">`` with ``<``, ``>`` and ``&`` written as ``\\u003c``...
"""
from __future__ import annotations

import base64
import hashlib
import json
import re
from html import escape
from pathlib import Path

from .. import __version__
from ..document import Document
from ..network import Figures, story_figures
from ..spans import Character
from . import register
from .report import asset
from .report.charts import SLICES, network_svg, share_table, where_table
from .report.palette import css_rules, speaker_colours
from .report.reading import reading_view

LEGEND_MAX = 12
# metadata key -> label, in the order shown; anything else follows under its own name
META_LABELS = {
    "authors": "Authors", "fandoms": "Fandoms", "rating": "Rating", "warnings": "Warnings",
    "categories": "Categories", "relationships": "Relationships", "characters": "Characters",
    "additional_tags": "Additional tags", "language": "Language", "series": "Series",
    "published": "Published", "updated": "Updated", "words": "Words", "chapters": "Chapters",
    "url": "Address",
}
META_TEXTS = {"summary": "Summary", "notes": "Notes", "end_notes": "End notes"}
META_HIDDEN = {"title", "relationship_pairs"}
LANGUAGES = {"english": "en", "español": "es", "spanish": "es", "français": "fr",
             "french": "fr", "deutsch": "de", "german": "de", "italiano": "it",
             "português": "pt", "русский": "ru", "中文": "zh", "日本語": "ja", "한국어": "ko",
             "polski": "pl", "nederlands": "nl", "svenska": "sv", "suomi": "fi"}
_LANG_CODE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")


def _t(value: object) -> str:
    return escape(str(value), quote=False)


def _a(value: object) -> str:
    return escape(str(value), quote=True)


def _n(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def _sha256(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()) \
        .decode("ascii") + "'"


def _script_json(data: object) -> str:
    """JSON safe inside a <script> element: no "</script", no "<!--", no "&" to decode."""
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":"))
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _lang(doc: Document) -> str:
    lang = str(doc.metadata.get("language") or "").strip()
    if _LANG_CODE.fullmatch(lang):
        return lang
    return LANGUAGES.get(lang.casefold(), "en")


def _list(value: object) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if str(v).strip()]
    return [str(value)]


def _initials(name: str) -> str:
    words = [w for w in re.findall(r"\w+", name) if w[:1].isalpha()]
    ends = words[:1] + words[1:][-1:]  # the first and the last word: "William the Bloody" WB
    return "".join(w[0].upper() for w in ends) or "?"


# -- parts of the page ------------------------------------------------------------------

def _about(doc: Document) -> str:
    meta = doc.metadata
    rows = []
    keys = [k for k in META_LABELS if k in meta] + sorted(
        k for k in meta if k not in META_LABELS and k not in META_TEXTS and k not in META_HIDDEN)
    for key in keys:
        values = _list(meta[key]) if not isinstance(meta[key], dict) else []
        if not values:
            continue
        if key == "url" and re.match(r"https?://", values[0]):
            cell = f'<a href="{_a(values[0])}" rel="noopener noreferrer">{_t(values[0])}</a>'
        else:
            cell = _t(", ".join(values))
        label = META_LABELS.get(key) or key.replace("_", " ").capitalize()
        rows.append(f"<dt>{_t(label)}</dt><dd>{cell}</dd>")
    texts = []
    for key, label in META_TEXTS.items():
        value = meta.get(key)
        if value and str(value).strip():
            paras = "".join(f"<p>{_t(' '.join(p.split()))}</p>"
                            for p in str(value).split("\n\n") if p.strip())
            texts.append(f'<h3>{_t(label)}</h3><blockquote class="summary">{paras}</blockquote>')
    if not rows and not texts:
        return ""
    dl = f'<dl class="meta">{"".join(rows)}</dl>' if rows else ""
    return (f'<section class="part" id="about" aria-labelledby="about-h">'
            f'<h2 id="about-h">About the story</h2>{dl}{"".join(texts)}</section>')


def _who_button(c: Character, colours: dict[str, int], label: str) -> str:
    return (f'<button type="button" class="who sp{colours.get(c.id, 0)}" '
            f'data-highlight="{_a(c.id)}" aria-pressed="false" '
            f'title="Highlight the lines of {_a(c.name)}">'
            f'<span class="dot" aria-hidden="true">{_t(_initials(c.name))}</span>{label}</button>')


def _first_seen(doc: Document, figures: Figures, c: Character) -> str:
    offset = figures.first_appearance.get(c.id)
    if offset is None:
        return ""
    start, end = (doc.chapters[0].start, doc.chapters[-1].end) if doc.chapters else \
        (0, len(doc.text))
    share = (offset - start) / max(1, end - start)
    number = figures.chapter_of(offset)
    if len(doc.chapters) > 1 and number:
        # the chapter's number keeps the column narrow; its title shows on hover
        title = doc.chapters[number - 1].label or f"part {number}"
        return f'<span title="{_a(title)}">ch.&nbsp;{number} ({max(0.0, share):.0%})</span>'
    return f"{max(0.0, share):.0%} in"


def _aliases(c: Character, shown: int = 4) -> str:
    aliases = [a for a in c.aliases if a != c.name]
    if len(aliases) <= shown + 1:
        return _t(", ".join(aliases))
    return (f"{_t(', '.join(aliases[:shown]))} <details><summary>and {len(aliases) - shown} "
            f"more</summary>{_t(', '.join(aliases[shown:]))}</details>")


def _cast(doc: Document, chars: list[Character], figures: Figures,
          colours: dict[str, int]) -> str:
    if not chars:
        return ('<section class="part" id="cast" aria-labelledby="cast-h">'
                '<h2 id="cast-h">Cast</h2><p>No characters found.</p></section>')
    rows = []
    for c in chars:
        narrator = ' <span class="note">(narrator)</span>' if c.narrator else ""
        rows.append(
            f"<tr><th scope=\"row\">{_who_button(c, colours, _t(c.name))}{narrator}</th>"
            f"<td>{_aliases(c)}</td><td>{_t(c.gender)}</td>"
            f'<td class="num">{c.quotes:,}</td><td class="num">{c.words_spoken:,}</td>'
            f"<td>{_first_seen(doc, figures, c)}</td></tr>")
    return ('<section class="part" id="cast" aria-labelledby="cast-h">'
            f'<h2 id="cast-h">Cast</h2><p class="note">{_n(len(chars), "character")}, '
            'by lines spoken. Select a name to highlight their lines in the story.</p>'
            '<div class="scroll cast-table"><table><thead><tr><th scope="col">Name</th>'
            '<th scope="col">Aliases</th><th scope="col">Gender</th>'
            '<th scope="col" class="num">Lines</th>'
            '<th scope="col" class="num">Words</th><th scope="col">First seen</th>'
            f'</tr></thead><tbody>{"".join(rows)}</tbody></table></div></section>')


def _network(chars: list[Character], figures: Figures, colours: dict[str, int]) -> str:
    svg, note = network_svg(chars, figures, colours)
    names = {c.id: c.name for c in chars}
    pairs = sorted(figures.speaks_to.items(), key=lambda kv: (-kv[1], kv[0]))
    rows = "".join(f"<tr><td>{_t(names[a])}</td><td>{_t(names[b])}</td>"
                   f'<td class="num">{w:,}</td></tr>' for (a, b), w in pairs[:50])
    more = f'<p class="note">The 50 busiest of {len(pairs):,} pairs.</p>' if len(pairs) > 50 \
        else ""
    table = ('<details><summary>Who speaks to whom, as a table</summary><div class="scroll">'
             '<table><thead><tr><th scope="col">Speaker</th><th scope="col">Addressee</th>'
             f'<th scope="col" class="num">Lines</th></tr></thead><tbody>{rows}</tbody>'
             f'</table></div>{more}</details>') if pairs else ""
    caption = ("Arrows run from speaker to addressee, thicker for more lines; circles are "
               "larger for characters with more lines. Select a character to highlight "
               "their lines. " + note)
    return ('<section class="part" id="network" aria-labelledby="network-h">'
            f'<h2 id="network-h">Who speaks to whom</h2><figure>{svg}'
            f"<figcaption>{_t(caption)}</figcaption></figure>{table}</section>")


def _columns(doc: Document) -> tuple[list[tuple[int, int, str]], str]:
    """The columns of the who-speaks-where chart: chapters, or tenths of a short story."""
    if len(doc.chapters) > 1:
        return ([(c.start, c.end, c.label or f"part {i}") for i, c in
                 enumerate(doc.chapters, 1)],
                f"Columns are the {len(doc.chapters)} chapters, in order.")
    if doc.chapters:
        start, end = doc.chapters[0].start, doc.chapters[0].end
    else:
        start, end = 0, len(doc.text)
    step = (end - start) / SLICES
    cols = [(round(start + i * step), round(start + (i + 1) * step),
             f"{i * 100 // SLICES}-{(i + 1) * 100 // SLICES}% of the story")
            for i in range(SLICES)]
    return cols, "Columns are tenths of the story, in order."


def _charts(doc: Document, chars: list[Character], colours: dict[str, int]) -> str:
    columns, caption = _columns(doc)
    return ('<div class="grid" id="charts">'
            '<section class="part" aria-labelledby="share-h">'
            '<h2 id="share-h">Share of the dialogue</h2>'
            f"<figure>{share_table(chars, colours)}<figcaption>Lines spoken by each character, "
            "as a share of the lines attributed to a speaker.</figcaption></figure></section>"
            '<section class="part" aria-labelledby="where-h"><h2 id="where-h">Who speaks where'
            f"</h2><figure>{where_table(chars, doc.quotes, columns, colours)}"
            f"<figcaption>{_t(caption)} Darker cells: more lines. Rows: the main speakers."
            "</figcaption></figure></section></div>")


def _story(doc: Document, chars: list[Character], colours: dict[str, int]) -> str:
    speakers = [c for c in chars if c.quotes]
    legend = "".join(_who_button(c, colours, f"{_t(c.name)} <span class=\"sr\">, </span>"
                                 f"({c.quotes:,})") for c in speakers[:LEGEND_MAX])
    more = (f'<span class="note">and {_n(len(speakers) - LEGEND_MAX, "other speaker")} in '
            'the <a href="#cast">cast</a></span>') if len(speakers) > LEGEND_MAX else ""
    return ('<section class="part" id="reading" aria-labelledby="story-h">'
            '<h2 id="story-h">The story</h2><div class="reader"><div class="controls">'
            f'<div class="legend" role="group" aria-label="Highlight a speaker">{legend}'
            f'{more}<button type="button" class="plain" id="clear">Show all</button></div>'
            '<p><label><input type="checkbox" id="show-badges" checked> '
            "Show speaker names</label></p>"
            '<p class="note hide-narrow">Each quotation is marked with its speaker\'s name and '
            "colour; a dashed underline and a ? mark an unsure attribution. Hover or focus a "
            "quotation for details; select a speaker to highlight their lines.</p>"
            '<p id="status" role="status" aria-live="polite"></p></div>'
            f'<article id="story" class="story">{reading_view(doc, colours)}</article>'
            "</div></section>")


def _header(doc: Document, title: str) -> str:
    quotes = doc.quotes
    attributed = sum(q.speaker is not None for q in quotes)
    share = f" ({attributed / len(quotes):.0%})" if quotes else ""
    body = doc.layer("body")
    words = len((doc.text[body[0].start:body[0].end] if body else doc.text).split())
    stats = (f"{_n(words, 'word')} · {_n(len(doc.chapters), 'chapter')} · "
             f"{_n(len(quotes), 'quotation')}, {attributed:,} attributed{share} · "
             f"{_n(len(doc.characters), 'character')}")
    authors = _list(doc.metadata.get("authors"))
    byline = f'<p class="byline">by {_t(", ".join(authors))}</p>' if authors else ""
    about = '<a href="#about">About</a>' if _about(doc) else ""
    return (f'<header class="top"><h1>{_t(title)}</h1>{byline}<p class="stats">{stats}</p>'
            f'<nav class="sections" aria-label="Parts of this page">{about}'
            '<a href="#cast">Cast</a><a href="#network">Who speaks to whom</a>'
            '<a href="#charts">Charts</a><a href="#reading">The story</a></nav></header>')


def report(doc: Document) -> str:
    """The whole page for ``doc``, as a string."""
    figures = story_figures(doc)
    chars = sorted(doc.characters, key=lambda c: (-c.quotes, -c.words_spoken, -c.mentions,
                                                  c.name))
    colours = speaker_colours([c.id for c in chars if c.quotes])
    title = str(doc.metadata.get("title") or "Untitled story")
    style = asset("report.css") + "\n" + css_rules() + "\n"
    script = asset("report.js")
    policy = (f"default-src 'none'; style-src {_sha256(style)}; script-src {_sha256(script)}; "
              "img-src data:; base-uri 'none'; form-action 'none'")
    data = {"title": title, "names": {c.id: c.name for c in chars},
            "lines": {c.id: c.quotes for c in chars}}
    source = Path(str(doc.source.get("path") or "")).name
    made_from = f" from {_t(source)}" if source else ""
    return "\n".join([
        "<!DOCTYPE html>",
        f'<html lang="{_a(_lang(doc))}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">',
        f'<meta name="generator" content="storycast {__version__}">',
        f"<title>{_t(title)} · storycast</title>",
        f"<style>{style}</style>",
        "</head>",
        "<body>",
        '<a class="skip" href="#story">Skip to the story</a>',
        _header(doc, title),
        "<main>",
        _about(doc),
        f'<div class="grid">{_cast(doc, chars, figures, colours)}'
        f"{_network(chars, figures, colours)}</div>",
        _charts(doc, chars, colours),
        _story(doc, chars, colours),
        "</main>",
        '<div id="tip" role="tooltip" hidden></div>',
        f"<footer><p>Made by storycast {__version__}{made_from}. Speakers and addressees are "
        "a program's reading of the story, not the author's word: unsure ones are marked."
        "</p></footer>",
        f'<script type="application/json" id="storycast-data">{_script_json(data)}</script>',
        f"<script>{script}</script>",
        "</body>",
        "</html>",
    ]) + "\n"


@register(".htm")
@register(".html")
def write_html(doc: Document, path: Path) -> None:
    """Write the report page for ``doc`` to ``path``, UTF-8."""
    Path(path).write_text(report(doc), encoding="utf-8")
