"""The ``.json`` exporter: the Document's schema ``storycast/1`` JSON, indented, UTF-8."""
from __future__ import annotations

from pathlib import Path

from ..document import Document
from . import register


@register(".json")
def write_json(doc: Document, path: Path) -> None:
    """Write ``doc.to_json(indent=2)`` to ``path`` as UTF-8, with a final newline."""
    Path(path).write_text(doc.to_json(indent=2) + "\n", encoding="utf-8")
