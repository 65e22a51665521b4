"""Stages that declare what they need and produce, and the pipeline that checks and runs them."""
from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Callable, Iterable, Iterator, Protocol, Sequence

from .document import Document
from .errors import PipelineError


class Stage(Protocol):
    name: str
    needs: tuple[str, ...]
    produces: tuple[str, ...]

    def __call__(self, doc: Document) -> Document: ...


Reporter = Callable[[str, int, int], None]  # (stage name, index, total)


def _silent(name: str, index: int, total: int) -> None:
    return None


class Pipeline:
    """An ordered list of stages, checked before it runs."""

    def __init__(self, stages: Sequence[Stage]) -> None:
        self.stages = list(stages)

    def check(self, available: Iterable[str] = ()) -> None:
        """Fail, naming the stage and the missing layer, when a need is not met."""
        have = set(available)
        for stage in self.stages:
            missing = [n for n in stage.needs if n not in have]
            if missing:
                raise PipelineError(
                    f"stage {stage.name!r} needs {', '.join(missing)}, "
                    f"which no earlier stage produces"
                )
            have.update(stage.produces)

    def run(self, doc: Document, reporter: Reporter = _silent,
            start_at: str | None = None) -> Document:
        stages = self.stages
        if start_at is not None:
            names = [s.name for s in stages]
            if start_at not in names:
                raise PipelineError(f"no stage named {start_at!r}")
            stages = stages[names.index(start_at):]
        Pipeline(stages).check(doc.layers.keys())
        with _uncollected():
            for i, stage in enumerate(stages):
                reporter(stage.name, i, len(stages))
                doc = stage(doc)
                absent = [n for n in stage.produces if not doc.has(n)]
                if absent:
                    raise PipelineError(
                        f"stage {stage.name!r} did not produce {', '.join(absent)}"
                    )
        return doc


@contextmanager
def _uncollected() -> Iterator[None]:
    """The cyclic garbage collector held off while the stages run.  They make many small
    objects and keep most of them to the end, so each of its passes walks them all again
    for little garbage: on a novel it cost a twentieth of the run.  It runs as before
    after the stages."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
