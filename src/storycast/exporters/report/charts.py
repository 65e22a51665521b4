"""The report's pictures: the character network in SVG, and two charts (tables with bars).

Every picture names what it shows in words too (labels on the drawing, a ``<title>`` on
each mark, and an ``aria-label``), so no one needs to tell colours apart to read it.
"""
from __future__ import annotations

import bisect
import math
from html import escape

from ...network import Figures
from ...spans import Character
from .layout import layout

NETWORK_MAX = 40  # characters drawn in the network; the rest are named in a note
SHARE_MAX = 12  # speakers with a bar of their own in the share chart
GRID_MAX = 12  # speakers with a row in the chapter chart
SLICES = 10  # a story of one chapter is shown in ten equal slices instead


def _n(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


# -- network --------------------------------------------------------------------------

def network_svg(chars: list[Character], figures: Figures, colours: dict[str, int],
                width: int = 720, height: int = 540) -> tuple[str, str]:
    """The who-speaks-to-whom drawing, and a note on who was left out (or "")."""
    involved = {c for pair in figures.speaks_to for c in pair}
    drawn = [c for c in chars if c.quotes or c.id in involved][:NETWORK_MAX]
    left_out = len([c for c in chars if c.quotes or c.id in involved]) - len(drawn)
    note = (f"The {len(drawn)} characters with the most lines are drawn; "
            f"{_n(left_out, 'other')} with fewer lines are left out.") if left_out else ""
    if not drawn:
        return "<p>No one speaks to anyone in this story.</p>", note
    ids = [c.id for c in drawn]
    ties = {pair: w for pair, w in figures.speaks_to.items()
            if pair[0] in set(ids) and pair[1] in set(ids)}
    pos = layout(ids, ties, width, height, margin=50)
    top = max(c.quotes for c in drawn) or 1
    radius = {c.id: 7 + 17 * math.sqrt(c.quotes / top) for c in drawn}
    names = {c.id: c.name for c in drawn}
    heaviest = max(ties.values(), default=1)
    out = [f'<svg class="network" viewBox="0 0 {width} {height}" role="group" '
           f'aria-label="Who speaks to whom: {len(drawn)} characters, arrows from speaker '
           f'to addressee, thicker for more lines">',
           '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" '
           'markerHeight="9" markerUnits="userSpaceOnUse" orient="auto-start-reverse">'
           '<path d="M0,0L10,5L0,10z" fill="#444"/></marker></defs>', '<g class="edges">']
    for (a, b), w in sorted(ties.items(), key=lambda kv: kv[1]):
        if a not in pos or b not in pos:
            continue
        out.append(_edge(pos[a], pos[b], radius[a], radius[b], w, heaviest, colours[a],
                         f"{names[a]} to {names[b]}: {_n(w, 'line')}", a, b))
    out.append('</g><g class="nodes">')
    for c in drawn:
        x, y = pos[c.id]
        label = f"{c.name}: {_n(c.quotes, 'line')}"
        anchor, lx = ("start", x + radius[c.id] + 4) if x < width * 0.8 else \
            ("end", x - radius[c.id] - 4)
        out.append(
            f'<g class="node sp{colours.get(c.id, 0)}" data-highlight="{escape(c.id)}" '
            f'data-speaker-id="{escape(c.id)}" tabindex="0" role="button" '
            f'aria-pressed="false" aria-label="{escape(label)}: highlight their lines">'
            f'<title>{escape(label)}</title>'
            f'<circle cx="{x}" cy="{y}" r="{radius[c.id]:.1f}"/>'
            f'<text x="{lx:.1f}" y="{y + 4:.1f}" text-anchor="{anchor}">{escape(c.name)}</text>'
            '</g>')
    out.append("</g></svg>")
    return "".join(out), note


def _edge(p: tuple[float, float], q: tuple[float, float], rp: float, rq: float, weight: int,
          heaviest: int, colour: int, title: str, a: str, b: str) -> str:
    (x1, y1), (x2, y2) = p, q
    dx, dy = x2 - x1, y2 - y1
    d = math.hypot(dx, dy) or 1.0
    ux, uy = dx / d, dy / d
    # a gentle bend to the right, so that A->B and B->A are two arcs
    bend = min(40.0, d * 0.12)
    cx, cy = (x1 + x2) / 2 - uy * bend, (y1 + y2) / 2 + ux * bend
    sx, sy = _toward(x1, y1, cx, cy, rp + 2)
    ex, ey = _toward(x2, y2, cx, cy, rq + 3)
    stroke = 1.0 + 7.0 * math.sqrt(weight / heaviest)
    return (f'<path class="edge sp{colour}" data-from="{escape(a)}" data-to="{escape(b)}" '
            f'd="M{sx:.1f},{sy:.1f}Q{cx:.1f},{cy:.1f} {ex:.1f},{ey:.1f}" '
            f'stroke-width="{stroke:.1f}" marker-end="url(#arrow)">'
            f'<title>{escape(title)}</title></path>')


def _toward(x: float, y: float, tx: float, ty: float, dist: float) -> tuple[float, float]:
    d = math.hypot(tx - x, ty - y) or 1.0
    return x + (tx - x) / d * dist, y + (ty - y) / d * dist


# -- share of dialogue ------------------------------------------------------------------

def _bar(share: float) -> str:
    """A bar ``share`` (0 to 1) of its cell's width, drawn in the row's colour."""
    return ('<svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" '
            f'aria-hidden="true"><rect width="{max(0.8, 100 * share):.1f}" height="10"/></svg>')


def share_table(chars: list[Character], colours: dict[str, int]) -> str:
    """A table of the speakers with a bar each: lines spoken and share of all lines."""
    speakers = [c for c in chars if c.quotes]
    total = sum(c.quotes for c in speakers)
    if not total:
        return "<p>No quotation is attributed to a speaker.</p>"
    rows = [(c.name, c.quotes, colours.get(c.id, 0)) for c in speakers[:SHARE_MAX]]
    rest = speakers[SHARE_MAX:]
    if rest:
        rows.append((f"{_n(len(rest), 'other')}", sum(c.quotes for c in rest), 0))
    top = max(n for _, n, _ in rows)
    body = "".join(
        f'<tr class="sp{colour}"><th scope="row">{escape(name)}</th>'
        f'<td class="barcell">{_bar(n / top)}</td><td class="num">{n:,}</td>'
        f'<td class="num">{n / total:.0%}</td></tr>' for name, n, colour in rows)
    return ('<table class="chart share"><thead><tr><th scope="col">Speaker</th>'
            '<th scope="col"><span class="sr">Bar</span></th><th scope="col" class="num">Lines'
            f'</th><th scope="col" class="num">Share</th></tr></thead><tbody>{body}</tbody>'
            "</table>")


# -- who speaks where ------------------------------------------------------------------

def where_table(chars: list[Character], doc_quotes, columns: list[tuple[int, int, str]],
                colours: dict[str, int]) -> str:
    """A row per main speaker: a strip of cells, one per chapter, darker for more lines.

    ``columns`` is (start, end, title) per cell; every cell has a title saying its count.
    """
    speakers = [c for c in chars if c.quotes][:GRID_MAX]
    if not speakers or not columns:
        return "<p>No quotation is attributed to a speaker.</p>"
    starts = [s for s, _, _ in columns]
    row_of = {c.id: i for i, c in enumerate(speakers)}
    counts = [[0] * len(columns) for _ in speakers]
    for q in doc_quotes:
        if q.speaker in row_of:
            col = bisect.bisect_right(starts, q.start) - 1
            if 0 <= col < len(columns) and q.start < columns[col][1]:
                counts[row_of[q.speaker]][col] += 1
    top = max(max(r) for r in counts) or 1
    n = len(columns)
    rows = []
    for i, c in enumerate(speakers):
        cells = []
        for j, count in enumerate(counts[i]):
            title = escape(f"{c.name}, {columns[j][2]}: {_n(count, 'line')}")
            if count:
                cells.append(f'<rect x="{j}" width="0.92" height="1" '
                             f'fill-opacity="{0.15 + 0.85 * count / top:.2f}">'
                             f"<title>{title}</title></rect>")
            else:
                cells.append(f'<rect class="empty" x="{j}" width="0.92" height="1">'
                             f"<title>{title}</title></rect>")
        where = ", ".join(f"{columns[j][2]}: {k}" for j, k in enumerate(counts[i]) if k)
        rows.append(f'<tr class="sp{colours.get(c.id, 0)}"><th scope="row">{escape(c.name)}</th>'
                    f'<td class="strip"><svg viewBox="0 0 {n} 1" preserveAspectRatio="none" '
                    f'role="img" aria-label="{escape(c.name)}: {escape(where)}">{"".join(cells)}'
                    f"</svg></td></tr>")
    return (f'<table class="chart where"><thead><tr><th scope="col">Speaker</th>'
            f'<th scope="col">Lines, from the first part to the last</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')
