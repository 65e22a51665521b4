"""Speaker colours: every text on them, and every text on their tints, reads at 4.5:1."""
from __future__ import annotations

import pytest

from storycast.exporters.report.palette import (COLOURS, INK, NEUTRAL, contrast, css_rules,
                                                speaker_colours, text_on, tint)


@pytest.mark.parametrize("colour", (*COLOURS, NEUTRAL))
def test_readable_text_on_every_colour(colour):
    assert contrast(colour, text_on(colour)) >= 4.5
    assert contrast(tint(colour), INK) >= 4.5


def test_contrast_ratio():
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#777777") == pytest.approx(1)


def test_the_busiest_speakers_get_the_colours():
    ids = [f"c{i}" for i in range(len(COLOURS) + 3)]
    numbers = speaker_colours(ids)
    assert [numbers[i] for i in ids[:3]] == [1, 2, 3]
    assert numbers[ids[-1]] == 0
    assert css_rules().count("{--c:") == len(COLOURS) + 1
