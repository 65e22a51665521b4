"""The Pipeline: up-front checks of needs and produces, the check after each stage, start_at."""
from __future__ import annotations

import gc

import pytest

from storycast.document import Document
from storycast.errors import PipelineError
from storycast.pipeline import Pipeline
from storycast.spans import Span
from storycast.stages import stage


def adds(layer: str, needs: tuple[str, ...] = (), name: str | None = None):
    """A stage that adds an empty ``layer`` and records that it ran."""

    @stage(name or layer, needs=needs, produces=(layer,))
    def run(doc: Document) -> Document:
        doc.layers[layer] = []
        doc.metadata.setdefault("ran", []).append(name or layer)
        return doc

    return run


def test_check_names_the_stage_and_the_missing_layer():
    pipeline = Pipeline([adds("paragraphs"), adds("speakers", needs=("quotes", "paragraphs"))])
    with pytest.raises(PipelineError) as err:
        pipeline.check()
    assert "'speakers'" in str(err.value) and "quotes" in str(err.value)
    assert "paragraphs" not in str(err.value).split("needs")[1]


def test_check_passes_when_needs_are_met_in_order():
    Pipeline([adds("paragraphs"), adds("quotes", needs=("paragraphs",))]).check()


def test_check_counts_layers_already_on_the_document():
    Pipeline([adds("quotes", needs=("paragraphs",))]).check(["paragraphs"])


def test_check_fails_when_the_order_is_wrong():
    with pytest.raises(PipelineError, match="'quotes' needs paragraphs"):
        Pipeline([adds("quotes", needs=("paragraphs",)), adds("paragraphs")]).check()


def test_run_checks_before_running_anything():
    pipeline = Pipeline([adds("paragraphs"), adds("speakers", needs=("quotes",))])
    doc = Document(text="x")
    with pytest.raises(PipelineError, match="'speakers' needs quotes"):
        pipeline.run(doc)
    assert "ran" not in doc.metadata


def test_a_stage_that_skips_its_declared_layer_fails():
    @stage("lazy", produces=("quotes", "tags"))
    def lazy(doc: Document) -> Document:
        doc.layers["quotes"] = []
        return doc

    with pytest.raises(PipelineError, match="'lazy' did not produce tags"):
        Pipeline([lazy]).run(Document(text="x"))


def test_run_reports_each_stage():
    seen = []
    Pipeline([adds("a"), adds("b", needs=("a",))]).run(
        Document(text="x"), reporter=lambda name, i, total: seen.append((name, i, total)))
    assert seen == [("a", 0, 2), ("b", 1, 2)]


def test_start_at_skips_earlier_stages_when_their_layers_exist():
    pipeline = Pipeline([adds("paragraphs"), adds("quotes", needs=("paragraphs",)),
                         adds("speakers", needs=("quotes",))])
    doc = Document(text="x")
    doc.layers["paragraphs"] = [Span(0, 1, "paragraph")]
    doc = pipeline.run(doc, start_at="quotes")
    assert doc.metadata["ran"] == ["quotes", "speakers"]
    assert doc.paragraphs == [Span(0, 1, "paragraph")]  # not redone


def test_start_at_checks_the_layers_the_skipped_stages_would_have_made():
    pipeline = Pipeline([adds("paragraphs"), adds("quotes", needs=("paragraphs",))])
    with pytest.raises(PipelineError, match="'quotes' needs paragraphs"):
        pipeline.run(Document(text="x"), start_at="quotes")


def test_start_at_an_unknown_stage():
    with pytest.raises(PipelineError, match="no stage named 'nope'"):
        Pipeline([adds("a")]).run(Document(text="x"), start_at="nope")


def test_the_cyclic_collector_waits_while_the_stages_run_and_is_given_back():
    @stage("watch", produces=("watched",))
    def watch(doc: Document) -> Document:
        doc.layers["watched"] = []
        doc.metadata["collecting"] = gc.isenabled()
        return doc

    @stage("broken", needs=("watched",), produces=("nothing",))
    def broken(doc: Document) -> Document:
        raise ValueError("a stage that fails")

    assert gc.isenabled()
    doc = Pipeline([watch]).run(Document(text="x"))
    assert doc.metadata["collecting"] is False and gc.isenabled()
    with pytest.raises(ValueError):
        Pipeline([watch, broken]).run(Document(text="x"))
    assert gc.isenabled()
    gc.disable()  # a caller who holds it off keeps it off
    try:
        Pipeline([watch]).run(Document(text="x"))
        assert not gc.isenabled()
    finally:
        gc.enable()
