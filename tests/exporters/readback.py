"""Reading the exporters' output back as its readers would: a page's elements, a script's
dialogue blocks."""
from __future__ import annotations

import re
from html.parser import HTMLParser


class Page(HTMLParser):
    """Elements with their attributes, the quotes' text (badges left out), all text seen."""

    VOID = {"meta", "link", "input", "br", "img", "hr", "source", "area", "wbr", "col"}

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.quotes: list[dict[str, str]] = []
        self.texts: list[str] = []
        self.unbadged: list[str] = []  # the text without the speakers' badges
        self.rows: list[list[str]] = []  # every table row, its cells' text
        self.definitions: list[tuple[str, str]] = []  # (dt or dd, its text)
        self._cell: list[str] | None = None
        self.scripts: list[tuple[dict[str, str], str]] = []
        self.styles: list[str] = []
        self._stack: list[tuple[str, dict[str, str]]] = []
        self._quote: dict | None = None
        self._quote_depth = 0
        self._badge_depth = 0
        self._raw: list[str] | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        self.elements.append((tag, attrs))
        if tag in self.VOID:
            return
        self._stack.append((tag, attrs))
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th") and self.rows or tag in ("dt", "dd"):
            self._cell = []
        classes = attrs.get("class", "").split()
        if tag in ("script", "style"):
            self._raw = []
        if self._quote is not None:
            self._quote_depth += 1
            if "badge" in classes or self._badge_depth:
                self._badge_depth += 1
        elif "q" in classes and "more" not in classes:
            self._quote = dict(attrs, text="")
            self._quote_depth = 1

    def handle_endtag(self, tag):
        if tag in self.VOID or not self._stack:
            return
        opened, attrs = self._stack.pop()
        if opened in ("td", "th", "dt", "dd") and self._cell is not None:
            cell = " ".join("".join(self._cell).split())
            if opened in ("dt", "dd"):
                self.definitions.append((opened, cell))
            else:
                self.rows[-1].append(cell)
            self._cell = None
        if opened in ("script", "style") and self._raw is not None:
            content = "".join(self._raw)
            if opened == "script":
                self.scripts.append((attrs, content))
            else:
                self.styles.append(content)
            self._raw = None
        if self._quote is not None:
            if self._badge_depth:
                self._badge_depth -= 1
            self._quote_depth -= 1
            if self._quote_depth == 0:
                self.quotes.append(self._quote)
                self._quote = None

    def handle_data(self, data):
        if self._raw is not None:
            self._raw.append(data)
            return
        self.texts.append(data)
        if self._cell is not None:
            self._cell.append(data)
        if not self._badge_depth:
            self.unbadged.append(data)
        if self._quote is not None and not self._badge_depth:
            self._quote["text"] += data

    def text(self) -> str:
        return "".join(self.texts)


def blocks(script: str) -> list[tuple[str, list[str]]]:
    """(cue, lines under it) for each dialogue block, as a Fountain editor reads them.

    A cue is a line after an empty one, followed by a non-empty line, all in capitals (or
    forced with @); the title page, before the first empty line, is left out.
    """
    lines = script.split("\n")
    body = lines[lines.index(""):]
    found = []
    for i in range(1, len(body) - 1):
        line, before, after = body[i], body[i - 1], body[i + 1]
        if before or not after or not line:
            continue
        if line.startswith("@") or (line == line.upper() and re.search(r"[^\W\d_]", line)
                                    and not line.startswith(("!", "#", ".", ">"))):
            j = i + 1
            while j < len(body) and body[j]:
                j += 1
            found.append((line, body[i + 1:j]))
    return found
