"""Where the network's characters are drawn: deterministic, inside the box, spread out."""
from __future__ import annotations

import math

from storycast.exporters.report.layout import circle, force_directed, layout


def test_a_few_on_a_circle_the_first_at_the_top():
    pos = layout(["a", "b", "c"], {("a", "b"): 3}, 700, 500, margin=50)
    assert pos["a"] == (350.0, 50.0)
    assert pos["b"][0] > 350 and pos["c"][0] < 350  # clockwise
    assert pos["b"][1] == pos["c"][1] == 450.0


def test_one_and_none():
    assert layout([], {}, 100, 100, 10) == {}
    assert layout(["a"], {}, 100, 80, 10) == {"a": (50.0, 40.0)}


def ring(n: int) -> dict[tuple[str, str], float]:
    return {(f"c{i}", f"c{(i + 1) % n}"): 1 + i % 5 for i in range(n)}


def test_many_are_laid_out_by_force_the_same_every_time():
    ids = [f"c{i}" for i in range(40)]
    first = layout(ids, ring(40), 720, 540, margin=50)
    assert first == layout(ids, ring(40), 720, 540, margin=50)
    xs = [x for x, _ in first.values()]
    ys = [y for _, y in first.values()]
    assert min(xs) == 50 and max(xs) == 670 and min(ys) == 50 and max(ys) == 490
    closest = min(math.dist(a, b) for i, a in enumerate(first.values())
                  for b in list(first.values())[i + 1:])
    assert closest > 15


def test_tied_characters_end_up_closer_than_strangers():
    ids = [f"c{i}" for i in range(12)]
    ties = {("c0", "c1"): 50, ("c2", "c3"): 50}
    pos = force_directed(ids, ties)
    assert math.dist(pos["c0"], pos["c1"]) < math.dist(pos["c0"], pos["c6"])
    assert all(0 <= x <= 1 and 0 <= y <= 1 for x, y in pos.values())


def test_circle_points_are_on_the_unit_circle():
    for x, y in circle(["a", "b", "c", "d", "e"]).values():
        assert math.isclose(math.dist((x, y), (0.5, 0.5)), 0.5)
