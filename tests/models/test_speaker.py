"""The speaker model: shipped weights, scoring, (de)serialisation (models/speaker.py)."""
from __future__ import annotations

import json
import math

import pytest

from storycast.models.speaker import SpeakerModel, default_model, softmax
from storycast.stages.features import INDEX, NAMES


def vector(**features: float) -> list[float]:
    v = [0.0] * len(NAMES)
    for name, value in features.items():
        v[INDEX[name]] = value
    return v


def test_the_shipped_model_loads_with_the_feature_names_of_the_code():
    model = default_model()
    assert model is not None
    assert model.names == NAMES
    assert len(model.first) == len(model.second) == len(NAMES)
    assert all(math.isfinite(w) for w in model.first + model.second)
    assert model.trained_on  # fitted on gold novels, which it names


@pytest.mark.parametrize("second", [False, True])
def test_the_candidate_named_by_the_tag_ranks_first(second):
    model = default_model()
    candidates = [
        # named last in the narration, the paragraph's subject, spoke two turns ago
        vector(rank_1=1, paragraph_subject=1, prev2_turn=1, recent_speaker=1,
               window_count=math.log1p(3), global_count=math.log1p(40) / 5),
        # the one the tag names, mentioned once before
        vector(tag_name=1, rank_2=1, window_count=math.log1p(1), global_count=math.log1p(20) / 5),
        # someone else in the room
        vector(rank_3=1, mentioned_after=1, window_count=math.log1p(2),
               global_count=math.log1p(30) / 5),
    ]
    probs = softmax(model.scores(candidates, second))
    assert max(range(3), key=lambda k: probs[k]) == 1
    assert probs[1] > 0.5


@pytest.mark.parametrize("second", [False, True])
def test_an_own_vocative_speaks_against_a_candidate(second):
    model = default_model()
    plain, called = vector(rank_1=1), vector(rank_1=1, own_vocative=1)
    assert model.scores([plain, called], second)[0] > model.scores([plain, called], second)[1]


def test_scores_are_dot_products_with_the_reading_s_weights():
    first = tuple(float(k) for k in range(len(NAMES)))
    second = tuple(-float(k) for k in range(len(NAMES)))
    model = SpeakerModel(first, second)
    v = vector(tag_name=1, gender_match=2, last_in_previous_paragraph=0.5)
    expected = 0 * 1 + 1 * 2 + INDEX["last_in_previous_paragraph"] * 0.5
    assert model.scores([v], second=False) == [expected]
    assert model.scores([v], second=True) == [-expected]


def test_softmax_sums_to_one_and_survives_large_scores():
    probs = softmax([1000.0, 1000.0, 998.0])
    assert math.isclose(sum(probs), 1.0)
    assert probs[0] == probs[1] > probs[2] > 0
    assert softmax([0.0]) == [1.0]


def _model_dict(names) -> dict:
    return {"features": list(names), "first": [0.5] * len(names),
            "second": [0.25] * len(names), "trained_on": ["Emma"]}


@pytest.mark.parametrize("names", [
    NAMES[:-1],  # one feature missing
    NAMES + ("brand_new",),  # one too many
    tuple(reversed(NAMES)),  # another order
])
def test_from_dict_rejects_other_feature_names(names):
    with pytest.raises(ValueError, match="other features"):
        SpeakerModel.from_dict(_model_dict(names))


def test_from_dict_reads_its_own_format():
    model = SpeakerModel.from_dict(_model_dict(NAMES))
    assert model.first == (0.5,) * len(NAMES)
    assert model.second == (0.25,) * len(NAMES)
    assert model.trained_on == ("Emma",)


def test_save_and_load_round_trip(tmp_path):
    model = SpeakerModel(tuple(k / 7 for k in range(len(NAMES))),
                         tuple(-k / 3 for k in range(len(NAMES))), NAMES, ("Emma", "Persuasion"))
    path = tmp_path / "speaker.json"
    model.save(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["features"] == list(NAMES)
    assert SpeakerModel.from_dict(data) == model


def test_the_shipped_model_survives_a_round_trip(tmp_path):
    path = tmp_path / "speaker.json"
    default_model().save(path)
    assert SpeakerModel.from_dict(json.loads(path.read_text(encoding="utf-8"))) == default_model()
