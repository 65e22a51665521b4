"""Speaker colours for the report, each with a text colour that reads on it (WCAG 2)."""
from __future__ import annotations

# Distinct hues first (Okabe and Ito's set, then Tol's), for the speakers with most lines.
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#882255",
           "#117733", "#332288", "#999933", "#44AA99", "#F0E442")
NEUTRAL = "#767676"  # everyone else: told apart by their names, not by colour
INK = "#1b1b1b"
PAPER = "#ffffff"


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """WCAG relative luminance of ``#rrggbb``."""
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours, 1 to 21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_on(colour: str) -> str:
    """Black or white, whichever reads better on ``colour``."""
    return "#000000" if contrast(colour, "#000000") >= contrast(colour, "#ffffff") else "#ffffff"


def tint(colour: str, share: float = 0.2) -> str:
    """``colour`` mixed into white: ``share`` of the colour, the rest white."""
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    mix = [round(255 - (255 - v) * share) for v in (r, g, b)]
    return "#" + "".join(f"{v:02x}" for v in mix)


def speaker_colours(ranked_ids: list[str]) -> dict[str, int]:
    """Character id -> colour number (1-based), for the first len(COLOURS) ids; 0 after."""
    return {cid: (i + 1 if i < len(COLOURS) else 0) for i, cid in enumerate(ranked_ids)}


def css_rules() -> str:
    """One class per colour number: ``.sp1`` ... and ``.sp0`` for the rest."""
    rules = []
    for n, colour in enumerate((NEUTRAL, *COLOURS)):
        rules.append(f".sp{n}{{--c:{colour};--on:{text_on(colour)};--tint:{tint(colour)}}}")
    return "\n".join(rules)
