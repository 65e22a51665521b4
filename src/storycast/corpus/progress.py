"""What a build tells whoever watches it.  The library prints nothing: the command line
passes a :class:`Progress` that draws a bar or writes log lines; the default says nothing."""
from __future__ import annotations


class Progress:
    """Told of every source of a build; each method does nothing here."""

    def start(self, total: int) -> None:
        """The build has ``total`` sources to go through."""

    def skipped(self, path: str, reason: str) -> None:
        """A source needs no analysis: ``done`` (already in the database, or the same story
        as another) or ``failed`` (recorded as a failure before, the file unchanged)."""

    def analysed(self, path: str, seconds: float) -> None:
        """A work was analysed."""

    def failed(self, path: str, error: str) -> None:
        """A source could not be read or analysed."""

    def stop(self) -> None:
        """The build is over (finished or interrupted)."""


SILENT = Progress()
