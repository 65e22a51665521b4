"""The speaker model: a conditional logit over each quote's candidate speakers.

Two weight vectors: the first reading knows only the tagged speakers around a quote; the
second also knows the first reading's guesses for every neighbouring quote.  Inference
is plain Python (a dot product per candidate); fitting needs numpy and scipy:

    storycast train ../shared/pdnc/data        # rewrites models/speaker.json
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from operator import mul
from pathlib import Path
from typing import Sequence

from ..stages.features import NAMES

MODEL_FILE = "speaker.json"


@dataclass(frozen=True)
class SpeakerModel:
    """Weights for the first and second reading, in the order of ``features.NAMES``."""

    first: tuple[float, ...]
    second: tuple[float, ...]
    names: tuple[str, ...] = NAMES
    trained_on: tuple[str, ...] = ()

    def scores(self, vectors: Sequence[Sequence[float] | dict[int, float]], second: bool
               ) -> list[float]:
        """Each candidate's score: a dense vector's dot product with the weights, or a
        sparse one's (index -> value) sum over the features it has."""
        w = self.second if second else self.first
        return [sum([w[k] * x for k, x in v.items()]) if isinstance(v, dict)
                else sum(map(mul, w, v)) for v in vectors]

    def to_json(self) -> str:
        return json.dumps({"features": list(self.names), "first": list(self.first),
                           "second": list(self.second), "trained_on": list(self.trained_on)},
                          indent=1)

    @classmethod
    def from_dict(cls, data: dict) -> "SpeakerModel":
        names = tuple(data["features"])
        if names != NAMES:
            raise ValueError("the speaker model was fitted for other features; retrain it")
        return cls(tuple(data["first"]), tuple(data["second"]), names,
                   tuple(data.get("trained_on", ())))

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


def train(novels, l2: float = 0.2, reporter=None) -> SpeakerModel:
    """Fit both readings on gold novels (``storycast.evaluation.GoldNovel``)."""
    from .fitting import fit_conditional_logit, training_quotes

    prepared = [training_quotes(n) for n in novels]
    first = fit_conditional_logit([g for p in prepared for g in p.groups(None, "first")], l2)
    model = SpeakerModel(tuple(first), tuple(first))
    teacher = fit_conditional_logit([g for p in prepared for g in p.groups(model, "teacher")], l2)
    model = SpeakerModel(tuple(first), tuple(teacher))
    # The second reading is fitted on the histories a beam decodes with the teacher model.
    second = fit_conditional_logit([g for p in prepared for g in p.groups(model, "second")], l2)
    return SpeakerModel(tuple(first), tuple(second), NAMES, tuple(n.name for n in novels))
