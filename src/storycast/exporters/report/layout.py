"""Where to draw each character of the network: deterministic, computed in Python.

A few characters go on a circle, the one with most lines at the top.  More are laid out
by Fruchterman and Reingold's force-directed method (ties pull, everyone pushes everyone
away, a weak pull to the centre keeps the loners in), from the circle, for a fixed number
of rounds: the same story always gives the same picture.
"""
from __future__ import annotations

import math

CIRCLE_UP_TO = 8
ROUNDS = 60


def circle(ids: list[str]) -> dict[str, tuple[float, float]]:
    """Points on the unit circle centred on (0.5, 0.5), clockwise from the top."""
    n = len(ids)
    if n == 1:
        return {ids[0]: (0.5, 0.5)}
    return {cid: (0.5 + 0.5 * math.sin(2 * math.pi * i / n),
                  0.5 - 0.5 * math.cos(2 * math.pi * i / n)) for i, cid in enumerate(ids)}


def force_directed(ids: list[str], ties: dict[tuple[str, str], float],
                   rounds: int = ROUNDS) -> dict[str, tuple[float, float]]:
    """Fruchterman-Reingold positions in the unit square; ``ties`` weigh the pulls."""
    n = len(ids)
    index = {cid: i for i, cid in enumerate(ids)}
    start = circle(ids)
    xs = [start[c][0] for c in ids]
    ys = [start[c][1] for c in ids]
    k = math.sqrt(1.0 / n)
    pulls = []
    for (a, b), w in ties.items():
        if a in index and b in index and a != b:
            pulls.append((index[a], index[b], 1.0 + math.log1p(w)))
    heat = 0.1
    for r in range(rounds):
        dx = [0.0] * n
        dy = [0.0] * n
        for i in range(n):
            xi, yi = xs[i], ys[i]
            for j in range(i + 1, n):
                ex, ey = xi - xs[j], yi - ys[j]
                d2 = ex * ex + ey * ey or 1e-9
                f = k * k / d2  # repulsion k^2/d, along the unit vector (e/d)
                dx[i] += ex * f
                dy[i] += ey * f
                dx[j] -= ex * f
                dy[j] -= ey * f
        for i, j, w in pulls:
            ex, ey = xs[i] - xs[j], ys[i] - ys[j]
            d = math.sqrt(ex * ex + ey * ey) or 1e-9
            f = d * w / k  # attraction d^2/k, along the unit vector
            dx[i] -= ex * f
            dy[i] -= ey * f
            dx[j] += ex * f
            dy[j] += ey * f
        for i in range(n):
            dx[i] += (0.5 - xs[i]) * 2 * k  # gravity
            dy[i] += (0.5 - ys[i]) * 2 * k
            d = math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]) or 1e-9
            step = min(d, heat)
            xs[i] += dx[i] / d * step
            ys[i] += dy[i] / d * step
        heat = 0.1 * (1 - (r + 1) / rounds) + 0.002
    return spread({cid: (xs[i], ys[i]) for i, cid in enumerate(ids)})


def spread(points: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    """Even out a force layout's crowded centre and lonely rim.

    Each point keeps its direction from the centroid and its rank by distance, but the
    distances become those of points spread evenly over a disc (the square root of the
    rank's share).
    """
    n = len(points)
    cx = sum(x for x, _ in points.values()) / n
    cy = sum(y for _, y in points.values()) / n
    order = sorted(points, key=lambda c: (math.hypot(points[c][0] - cx, points[c][1] - cy), c))
    out = {}
    for rank, cid in enumerate(order):
        x, y = points[cid]
        angle = math.atan2(y - cy, x - cx)
        r = 0.5 * math.sqrt((rank + 0.5) / n)
        out[cid] = (0.5 + r * math.cos(angle), 0.5 + r * math.sin(angle))
    return out


def layout(ids: list[str], ties: dict[tuple[str, str], float], width: float, height: float,
           margin: float) -> dict[str, tuple[float, float]]:
    """Positions in a ``width`` x ``height`` box, ``margin`` kept free on every side."""
    if not ids:
        return {}
    raw = circle(ids) if len(ids) <= CIRCLE_UP_TO else force_directed(ids, ties)
    xs = [p[0] for p in raw.values()]
    ys = [p[1] for p in raw.values()]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    sx = (width - 2 * margin) / (x1 - x0) if x1 > x0 else 0.0
    sy = (height - 2 * margin) / (y1 - y0) if y1 > y0 else 0.0
    return {cid: (round(margin + (x - x0) * sx if sx else width / 2, 1),
                  round(margin + (y - y0) * sy if sy else height / 2, 1))
            for cid, (x, y) in raw.items()}
