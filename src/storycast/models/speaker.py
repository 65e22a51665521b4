"""The speaker model: a conditional logit over each quote's candidate speakers.

Two readings, each with its own weights: the first knows only the tagged speakers around a
quote; the second also knows the first reading's guesses for every neighbouring quote.  A
candidate's score is a weighted sum of its features plus a small hidden layer over them
(``Layer``: tanh units), which weighs features together that a sum weighs apart: "she said"
and "spoke two turns back" are surer together than the two weights added.  Softmax over a
quote's candidates gives their probabilities.  Scoring runs on numpy; fitting needs scipy:

    storycast train ../shared/pdnc/data        # rewrites models/speaker.json
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cached_property, lru_cache
from operator import mul
from pathlib import Path
from typing import Sequence

import numpy as np

from ..stages.features import NAMES

MODEL_FILE = "speaker.json"
HIDDEN = 16  # tanh units of each reading's hidden layer


@dataclass(frozen=True)
class Layer:
    """A hidden layer: the score it adds is tanh(features . weights + bias) . out."""

    weights: tuple[tuple[float, ...], ...]  # one row per feature, one column per unit
    bias: tuple[float, ...]
    out: tuple[float, ...]

    def to_dict(self) -> dict:
        return {"weights": [list(r) for r in self.weights], "bias": list(self.bias),
                "out": list(self.out)}

    @classmethod
    def from_dict(cls, data: dict, features: int) -> "Layer":
        weights = tuple(tuple(float(x) for x in row) for row in data["weights"])
        bias, out = tuple(map(float, data["bias"])), tuple(map(float, data["out"]))
        if len(weights) != features or any(len(r) != len(bias) for r in weights) \
                or len(out) != len(bias):
            raise ValueError("the speaker model's hidden layer does not fit its features")
        return cls(weights, bias, out)


class Reading:
    """One reading's weights, ready to score the candidates of a quote."""

    def __init__(self, linear: Sequence[float], layer: Layer | None) -> None:
        self.linear = tuple(linear)
        self.layer = layer
        if layer is not None:
            self._linear = np.array(self.linear, dtype=float)
            self._weights = np.array(layer.weights, dtype=float)
            self._bias = np.array(layer.bias, dtype=float)
            self._out = np.array(layer.out, dtype=float)

    def _sums(self, vectors) -> list[float]:
        w = self.linear
        return [sum([w[k] * x for k, x in v.items()]) if isinstance(v, dict)
                else sum(map(mul, w, v)) for v in vectors]

    def _rows(self, vectors) -> np.ndarray:
        """The candidates' features as one dense array, a row each."""
        if not isinstance(vectors[0], dict):
            return np.asarray(vectors, dtype=float)
        rows, cols, values = [], [], []
        for row, v in enumerate(vectors):
            rows += [row] * len(v)
            cols += v.keys()
            values += v.values()
        x = np.zeros((len(vectors), len(self.linear)))
        x[rows, cols] = values
        return x

    def scores(self, vectors: Sequence[Sequence[float] | dict[int, float]]) -> list[float]:
        """Each candidate's score, from a dense vector or a sparse one (index -> value)."""
        sums, inputs = self.prepare(vectors)
        return sums if inputs is None else (sums + np.tanh(inputs) @ self._out).tolist()

    def scores_many(self, groups: Sequence[Sequence[dict[int, float]]]) -> list[list[float]]:
        """``scores`` of several quotes' candidates, worked out together."""
        flat = [v for group in groups for v in group]
        if not flat:
            return [[] for _ in groups]
        scores = self.scores(flat)
        out, at = [], 0
        for group in groups:
            out.append(scores[at:at + len(group)])
            at += len(group)
        return out

    def prepare(self, vectors) -> tuple:
        """What ``given`` starts from for a quote's candidates, worked out once: their
        linear scores, and the hidden units' inputs."""
        if self.layer is None or not vectors:
            return self._sums(vectors), None
        x = self._rows(vectors)
        return x @ self._linear, x @ self._weights + self._bias

    def given(self, prepared: tuple, additions: Sequence[Sequence[tuple[int, int, float]]]
              ) -> list[list[float]]:
        """The scores under each of several histories: ``additions[h]`` lists the
        (candidate, feature, value) that history h adds to the prepared candidates'
        features, what the speakers before the quote say of them."""
        sums, inputs = prepared
        if inputs is None:
            w = self.linear
            out = []
            for added in additions:
                scores = list(sums)
                for k, j, x in added:
                    scores[k] += w[j] * x
                out.append(scores)
            return out
        # every history's additions at once, as one (history, candidate, feature) array,
        # summed by flat position
        width, rows = len(self.linear), inputs.shape[0]
        at = [(h * rows + k) * width + j for h, adds in enumerate(additions) for k, j, _ in adds]
        values = [x for adds in additions for _, _, x in adds]
        added = np.bincount(at, weights=values, minlength=len(additions) * rows * width
                            ).reshape(len(additions), rows, width)
        units = np.tanh(inputs + added @ self._weights)
        return (sums + added @ self._linear + units @ self._out).tolist()


@dataclass(frozen=True)
class SpeakerModel:
    """Weights for the first and second reading, in the order of ``features.NAMES``, each
    with its hidden layer (none in a model fitted without one)."""

    first: tuple[float, ...]
    second: tuple[float, ...]
    names: tuple[str, ...] = NAMES
    trained_on: tuple[str, ...] = ()
    first_layer: Layer | None = None
    second_layer: Layer | None = None

    @cached_property
    def readings(self) -> tuple[Reading, Reading]:
        return Reading(self.first, self.first_layer), Reading(self.second, self.second_layer)

    def reading(self, second: bool) -> Reading:
        return self.readings[second]

    def scores(self, vectors: Sequence[Sequence[float] | dict[int, float]], second: bool
               ) -> list[float]:
        """Each candidate's score in the first or the second reading."""
        return self.readings[second].scores(vectors)

    def to_json(self) -> str:
        data = {"features": list(self.names), "first": list(self.first),
                "second": list(self.second), "trained_on": list(self.trained_on)}
        if self.first_layer is not None and self.second_layer is not None:
            data["hidden"] = {"first": self.first_layer.to_dict(),
                              "second": self.second_layer.to_dict()}
        return json.dumps(data, indent=1)

    @classmethod
    def from_dict(cls, data: dict) -> "SpeakerModel":
        names = tuple(data["features"])
        if names != NAMES:
            raise ValueError("the speaker model was fitted for other features; retrain it")
        hidden = data.get("hidden") or {}
        layers = [Layer.from_dict(hidden[r], len(names)) if r in hidden else None
                  for r in ("first", "second")]
        return cls(tuple(data["first"]), tuple(data["second"]), names,
                   tuple(data.get("trained_on", ())), *layers)

    def save(self, path: str | Path) -> None:
        Path(path).write_text(self.to_json() + "\n", encoding="utf-8")


def softmax(scores: list[float]) -> list[float]:
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]


@lru_cache(maxsize=1)
def default_model() -> SpeakerModel | None:
    """The weights shipped with the package, or None before any training."""
    try:
        text = Path(__file__).with_name(MODEL_FILE).read_text("utf-8")  # by path, as lexicon.DATA
    except FileNotFoundError:
        return None
    return SpeakerModel.from_dict(json.loads(text))


def train(novels, l2: float = 0.2, reporter=None, hidden: int = HIDDEN) -> SpeakerModel:
    """Fit both readings on gold novels (``storycast.evaluation.GoldNovel``); ``hidden``
    tanh units in each reading's hidden layer, none for a plain conditional logit."""
    from .fitting import fit, training_quotes

    prepared = [training_quotes(n) for n in novels]

    def fitted(stage: str, model: SpeakerModel | None):
        return fit([g for p in prepared for g in p.groups(model, stage)], l2, hidden)

    first, first_layer = fitted("first", None)
    model = SpeakerModel(first, first, first_layer=first_layer, second_layer=first_layer)
    teacher, teacher_layer = fitted("teacher", model)
    model = SpeakerModel(first, teacher, first_layer=first_layer, second_layer=teacher_layer)
    # The second reading is fitted on the histories a beam decodes with the teacher model.
    second, second_layer = fitted("second", model)
    return SpeakerModel(first, second, NAMES, tuple(n.name for n in novels),
                        first_layer, second_layer)
