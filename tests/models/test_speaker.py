"""The speaker model: shipped weights, scoring, (de)serialisation (models/speaker.py)."""
from __future__ import annotations

import json
import math

import pytest

from storycast.models.speaker import Layer, SpeakerModel, default_model, softmax
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


def two_unit_layer(scale: float = 1.0) -> Layer:
    """A hidden layer of two units: the first sees tag_name, the second gender_match."""
    rows = [[0.0, 0.0] for _ in NAMES]
    rows[INDEX["tag_name"]] = [scale, 0.0]
    rows[INDEX["gender_match"]] = [0.0, -scale]
    return Layer(tuple(map(tuple, rows)), (0.5, 0.0), (2.0, 1.0))


def test_a_hidden_layer_adds_its_units_to_the_linear_score():
    linear = tuple(float(k) for k in range(len(NAMES)))
    model = SpeakerModel(linear, linear, first_layer=two_unit_layer(), second_layer=None)
    v = vector(tag_name=1, gender_match=2)
    plain = 0 * 1 + 1 * 2
    hidden = 2.0 * math.tanh(1 + 0.5) + 1.0 * math.tanh(-2)
    assert model.scores([v], second=False) == pytest.approx([plain + hidden])
    assert model.scores([v], second=True) == [plain]  # the second reading has no layer
    # sparse vectors (index -> value), as the stages build them, score alike
    sparse = {INDEX["tag_name"]: 1.0, INDEX["gender_match"]: 2.0}
    assert model.scores([sparse], second=False) == pytest.approx([plain + hidden])


@pytest.mark.parametrize("layer", [None, two_unit_layer(0.7)])
def test_what_a_history_adds_scores_as_if_it_were_in_the_vector(layer):
    linear = tuple(k / 10 for k in range(len(NAMES)))
    reading = SpeakerModel(linear, linear, second_layer=layer).reading(second=True)
    vecs = [{INDEX["gender_match"]: 1.0}, {INDEX["rank_1"]: 1.0, INDEX["tag_name"]: 0.5}]
    prepared = reading.prepare(vecs)
    histories = [[], [(0, INDEX["tag_name"], 1.0)],
                 [(1, INDEX["tag_name"], 0.5), (1, INDEX["prev_turn"], 1.0), (0, INDEX["voice"], -0.3)]]
    for added, got in zip(histories, reading.given(prepared, histories)):
        full = [dict(v) for v in vecs]
        for k, j, x in added:
            full[k][j] = full[k].get(j, 0.0) + x
        assert got == pytest.approx(reading.scores(full))


def test_a_layer_that_does_not_fit_the_features_is_refused():
    data = _model_dict(NAMES)
    layer = two_unit_layer().to_dict()
    data["hidden"] = {"first": layer, "second": dict(layer, weights=layer["weights"][:-1])}
    with pytest.raises(ValueError, match="hidden layer"):
        SpeakerModel.from_dict(data)


def test_the_shipped_model_has_a_hidden_layer_blind_to_salience_and_the_narrator():
    from storycast.models.fitting import HIDDEN_BLIND

    model = default_model()
    for layer in (model.first_layer, model.second_layer):
        assert layer is not None and len(layer.weights) == len(NAMES)
        for name in HIDDEN_BLIND:
            assert not any(layer.weights[INDEX[name]])
        assert any(any(row) for row in layer.weights)


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


@pytest.mark.parametrize("layer", [None, two_unit_layer()])
def test_save_and_load_round_trip(tmp_path, layer):
    model = SpeakerModel(tuple(k / 7 for k in range(len(NAMES))),
                         tuple(-k / 3 for k in range(len(NAMES))), NAMES, ("Emma", "Persuasion"),
                         layer, layer)
    path = tmp_path / "speaker.json"
    model.save(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["features"] == list(NAMES)
    assert SpeakerModel.from_dict(data) == model


def test_the_shipped_model_survives_a_round_trip(tmp_path):
    path = tmp_path / "speaker.json"
    default_model().save(path)
    assert SpeakerModel.from_dict(json.loads(path.read_text(encoding="utf-8"))) == default_model()
