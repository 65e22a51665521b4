"""How far a corpus database has got: works done and failed, what the last build left
pending, and the time each work took."""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .store import Store


@dataclass
class CorpusStatus:
    db: str
    works: int = 0
    failed: int = 0
    words: int = 0
    bytes: int = 0
    quotes: int = 0
    formats: dict[str, int] = field(default_factory=dict)
    seconds_total: float = 0.0  # analysis time of every work, added up
    seconds_mean: float | None = None
    seconds_median: float | None = None
    seconds_max: float | None = None
    slowest: list[tuple[str, float]] = field(default_factory=list)  # (path, seconds)
    last_run: dict[str, Any] | None = None  # the runs row of the last build
    pending: int | None = None  # sources the last build had not gone through yet
    failures: list[tuple[str, str]] = field(default_factory=list)  # (path, error), 10 at most

    @property
    def interrupted(self) -> bool:
        return self.last_run is not None and self.last_run["finished_at"] is None

    @property
    def works_per_second(self) -> float | None:
        """The last build's pace, when it finished and analysed anything."""
        run = self.last_run
        if not run or run["finished_at"] is None or not run["analysed"]:
            return None
        elapsed = (run["finished_at"] - run["started_at"]) / datetime.timedelta(seconds=1)
        return run["analysed"] / elapsed if elapsed > 0 else None


def status(db: str | Path) -> CorpusStatus:
    """The state of the corpus database ``db``."""
    with Store(db, read_only=True) as store:
        out = CorpusStatus(str(db))
        (out.works, out.words, out.bytes, out.quotes, out.seconds_total, out.seconds_mean,
         out.seconds_median, out.seconds_max) = store.rows(
            "SELECT count(*), coalesce(sum(words), 0), coalesce(sum(bytes), 0), "
            "coalesce(sum(quotes), 0), coalesce(sum(seconds), 0), avg(seconds), "
            "median(seconds), max(seconds) FROM works")[0]
        out.formats = dict(store.rows("SELECT format, count(*) FROM works GROUP BY 1 "
                                      "ORDER BY 2 DESC, 1"))
        out.slowest = store.rows("SELECT path, seconds FROM works "
                                 "ORDER BY seconds DESC, path LIMIT 3")
        out.failed = store.rows("SELECT count(*) FROM failures")[0][0]
        out.failures = store.rows("SELECT path, error FROM failures ORDER BY path LIMIT 10")
        if "runs" in store.tables():
            cursor = store.execute("SELECT * FROM runs ORDER BY run_id DESC LIMIT 1")
            names = [d[0] for d in cursor.description]
            row = cursor.fetchone()
            if row is not None:
                out.last_run = dict(zip(names, row))
                run = out.last_run
                handled = run["analysed"] + run["failed"] + run["skipped"]
                out.pending = 0 if run["finished_at"] else max(0, run["sources"] - handled)
        return out
