"""Errors a user can meet, each with a message that names the file and the problem."""
from __future__ import annotations


class StorycastError(Exception):
    """Base of every error storycast raises on purpose."""


class InputError(StorycastError):
    """A story file that cannot be read: missing, empty, binary, undecodable, malformed."""

    def __init__(self, path: object, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class PipelineError(StorycastError):
    """A pipeline whose stages do not fit together."""


class CastError(StorycastError):
    """A cast file that cannot be parsed."""


class ExportError(StorycastError):
    """An output file storycast has no exporter for."""
