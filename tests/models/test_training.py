"""Fitting the speaker model: `storycast train` on a small annotated corpus it writes itself."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

import storycast
from storycast import cli
from storycast.models.speaker import SpeakerModel
from storycast.stages.features import NAMES

pytest.importorskip("scipy")

STORIES = Path(__file__).resolve().parents[1] / "data" / "stories"


def annotate(story: Path, folder: Path) -> None:
    """A PDNC-style folder whose gold speakers are the ones storycast finds with the cast."""
    doc = storycast.analyze(story)
    names = {c.id: c.name for c in doc.characters}
    folder.mkdir()
    (folder / "novel_text.txt").write_text(doc.text, encoding="utf-8")
    with open(folder / "quotation_info.csv", "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["quoteID", "quoteText", "subQuotationList", "quoteByteSpans", "speaker",
                      "addressees", "quoteType", "referringExpression", "mentionTextsList",
                      "mentionSpansList", "mentionEntitiesList"])
        for q in doc.quotes:
            out.writerow([q.id, q.text(doc.text), "[]", json.dumps([list(s) for s in q.spans]),
                          names.get(q.speaker, "_unknowable"),
                          repr([names[a] for a in q.addressees]), q.type.capitalize(), "",
                          "[]", "[]", "[]"])
    with open(folder / "character_info.csv", "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["Character ID", "Main Name", "Aliases", "Gender", "Category"])
        for n, c in enumerate(doc.characters):
            out.writerow([n, c.name, repr(set(c.aliases)), "U", "major"])


@pytest.fixture
def corpus(tmp_path):
    root = tmp_path / "corpus"
    root.mkdir()
    for name in ("the-bakery", "the-crypt", "the-ferry"):
        annotate(STORIES / f"{name}.txt", root / name)
    return root


def test_train_writes_a_model_that_loads_and_attributes(corpus, tmp_path, capsys):
    out = tmp_path / "speaker.json"
    assert cli.main(["train", str(corpus), "-o", str(out)]) == 0
    assert "trained on 3 novels" in capsys.readouterr().out
    model = SpeakerModel.from_dict(json.loads(out.read_text()))
    assert model.names == NAMES
    assert len(model.first) == len(model.second) == len(NAMES)
    assert model.trained_on == ("the-bakery", "the-crypt", "the-ferry")
    assert model.first[NAMES.index("tag_name")] > 0  # a tag naming the speaker counts for them
    assert model.first_layer is not None and model.second_layer is not None
    doc = storycast.analyze(STORIES / "the-bakery.txt", model=model)
    assert all(q.speaker for q in doc.quotes)


def test_training_is_deterministic(corpus, tmp_path):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    assert cli.main(["train", str(corpus), "-o", str(first), "-q"]) == 0
    assert cli.main(["train", str(corpus), "-o", str(second), "-q"]) == 0
    assert first.read_text() == second.read_text()


def test_train_on_a_folder_without_annotations_fails_cleanly(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    assert cli.main(["train", str(tmp_path / "empty")]) == 2
    assert "not a PDNC novel folder" in capsys.readouterr().err


def test_the_hidden_layer_starts_from_the_plain_conditional_logit(monkeypatch):
    from storycast.models import fitting

    # two candidates a quote: the right one has the first feature, the other the second
    width = len(NAMES)

    def row(k):
        return [1.0 if j == k else 0.0 for j in range(width)]

    groups = [([row(0), row(1)], [0]), ([row(1), row(0)], [1]), ([row(0), row(2)], [0])]
    plain = fitting.fit_conditional_logit(groups, 0.2)
    assert plain[0] > 0 > plain[1]
    monkeypatch.setattr(fitting, "HIDDEN_STEPS", 0)  # no step taken: where the fit starts
    linear, _ = fitting.fit_layered(groups, 0.2, 4)
    assert linear == pytest.approx(plain, abs=1e-3)  # not the zeros of a cold start


def test_fits_from_several_seeds_merge_into_one_layer_scoring_their_mean():
    from storycast.models import fitting
    from storycast.models.speaker import Layer, SpeakerModel

    width = len(NAMES)

    def layer(scale):
        rows = [[0.0, 0.0] for _ in range(width)]
        rows[0], rows[1] = [scale, 0.0], [0.0, -scale]
        return Layer(tuple(map(tuple, rows)), (0.5 * scale, 0.0), (2.0, scale))

    fits = [(tuple(float(k) for k in range(width)), layer(1.0)),
            (tuple(-2.0 * k for k in range(width)), layer(0.3))]
    merged = fitting.merge_fits(fits)
    assert len(merged[1].bias) == 4
    vecs = [{0: 1.0, 1: 2.0}, {1: -1.0, 3: 0.5}]
    scores = [SpeakerModel(w, w, first_layer=h).scores(vecs, second=False) for w, h in fits]
    mean = [sum(s) / 2 for s in zip(*scores)]
    assert SpeakerModel(*merged[:1], merged[0], first_layer=merged[1]).scores(
        vecs, second=False) == pytest.approx(mean)


def test_several_seeds_fit_several_layers(monkeypatch):
    from storycast.models import fitting

    width = len(NAMES)

    def row(k):
        return [1.0 if j == k else 0.0 for j in range(width)]

    groups = [([row(0), row(1)], [0]), ([row(1), row(0)], [1]), ([row(0), row(2)], [0])]
    monkeypatch.setattr(fitting, "HIDDEN_STEPS", 5)
    monkeypatch.setattr(fitting, "SEEDS", 1)
    _, one = fitting.fit(groups, 0.2, 3)
    monkeypatch.setattr(fitting, "SEEDS", 2)
    _, two = fitting.fit(groups, 0.2, 3)
    assert len(one.bias) == 3 and len(two.bias) == 6
    assert [row[:3] for row in two.weights] == [row for row in one.weights]  # seed 0 first
