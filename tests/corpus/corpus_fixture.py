"""A corpus written for these tests: hundreds of small stories with dialogue, made from
templates and a list of names (the same stories every time), in folders, in a zip archive,
as AO3 downloads; and broken files among them."""
from __future__ import annotations

import io
import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

STORIES = 300  # in the corpus most tests share (conftest.py)
NAMES = [("Mara", "she"), ("Tobias", "he"), ("Agnes", "she"), ("Pip", "he"),
         ("Hester", "she"), ("Jonah", "he"), ("Lucy", "she"), ("Ezra", "he"),
         ("Nell", "she"), ("Silas", "he"), ("Ada", "she"), ("Felix", "he"),
         ("Iris", "she"), ("Rowan", "he"), ("Clara", "she"), ("Milo", "he")]
PLACES = ["the harbour", "the bakery", "the lighthouse", "the mill", "the station",
          "the orchard", "the chapel", "the bridge", "the market", "the ferry"]
THINGS = ["the lamp", "the letter", "the key", "the bread", "the map", "the boat",
          "the clock", "the ledger"]
VERBS = ["said", "asked", "replied", "answered", "whispered", "called"]
OPENINGS = [
    "{a} reached {place} an hour before dusk, and {b} was already there, waiting.",
    "It had rained all day at {place}. {a} shook out a coat by the door while {b} watched.",
    "Nobody came to {place} after dark except {a}, and tonight {b} had come too.",
]
LINES = [
    "Did you bring {thing}?",
    "I left {thing} where you told me to leave it.",
    "You are late again, and {thing} will not wait for you.",
    "Then we had better start before it gets dark.",
    "I never said I would help with {thing}.",
    "You never say anything, that is the trouble.",
    "Give me {thing} and go home.",
    "Not until you tell me what happened at {place}.",
]
NARRATION = [
    "{a} looked away toward the water.",
    "For a while neither of them spoke, and the wind rattled the shutters.",
    "{b} laughed, though {pb} did not sound amused.",
    "A cart went past outside, and the lamps along the street came on one by one.",
]


def story(i: int) -> str:
    """The i-th story: a title line, then narration and a dozen lines of dialogue."""
    a, pa = NAMES[i % len(NAMES)]
    b, pb = NAMES[(i * 7 + 3) % len(NAMES)]
    if b == a:
        b, pb = NAMES[(i + 1) % len(NAMES)]
    c, _ = NAMES[(i * 5 + 1) % len(NAMES)]
    fill = {"a": a, "b": b, "pa": pa, "pb": pb, "place": PLACES[i % len(PLACES)],
            "thing": THINGS[(i // 3) % len(THINGS)]}
    paragraphs = [OPENINGS[i % len(OPENINGS)].format(**fill)]
    for turn in range(6 + i % 5):
        speaker = (a, b)[turn % 2]
        line = LINES[(i + turn) % len(LINES)].format(**fill)
        verb = VERBS[(i + turn) % len(VERBS)]
        if turn % 3 == 2:
            paragraphs.append(f'"{line}"')  # no tag: the speaker follows the turns
        elif turn % 2:
            paragraphs.append(f'"{line[:-1]}," {verb} {speaker}.' if line.endswith(".")
                              else f'"{line}" {verb} {speaker}.')
        else:
            paragraphs.append(f'{speaker} {verb}, "{line}"')
        if turn % 4 == 3:
            paragraphs.append(NARRATION[(i + turn) % len(NARRATION)].format(**fill))
    if c not in (a, b):
        paragraphs.append(f'{c} put a head round the door. "Is everything all right?"')
        paragraphs.append(f'"Perfectly," said {a}.')
    return f"Title: Story {i:04d} at {fill['place'].title()}\n\n" + "\n\n".join(paragraphs) + "\n"


def zip_of(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out.getvalue()


def ao3_files() -> dict[str, bytes]:
    """An AO3 HTML download and an AO3 EPUB download of two different works."""
    from ao3_fixture import ao3_epub, ao3_html
    from lantern_work import lantern_work

    html_work = lantern_work()
    epub_work = lantern_work()
    epub_work.title, epub_work.work_id = "The Second Lantern", 3141593
    epub_work.chapters = epub_work.chapters[:2]
    return {"lantern.html": ao3_html(html_work).encode("utf-8"),
            "second-lantern.epub": ao3_epub(epub_work)}


def truncated_epub() -> bytes:
    from ao3_fixture import ao3_epub
    from lantern_work import lantern_work

    good = ao3_epub(lantern_work())
    return good[: len(good) // 2]


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
# a UTF-16 byte-order mark, then a lone surrogate: no encoding makes text of it
UNDECODABLE = b"\xff\xfe" + "Once upon a time".encode("utf-16-le") + b"\x00\xdc"
BROKEN = {
    "broken/empty.txt": (b"", "the file is empty"),
    "broken/image.png": (PNG, "a PNG image, not a text file"),
    "broken/noise.bin": (bytes(range(256)) * 8, "not a text file (binary data)"),
    "broken/truncated.epub": (None, "a truncated or damaged EPUB"),
    "broken/undecodable.txt": (UNDECODABLE, "not valid UTF-16-LE text despite its byte-order mark"),
}


@dataclass
class Corpus:
    """What was written: the paths of the works and of the broken files (with the start of
    the error each gives)."""

    root: Path
    works: list[str] = field(default_factory=list)
    broken: dict[str, str] = field(default_factory=dict)


def write_corpus(root: Path, stories: int = 300, archive: int = 20, broken: bool = True,
                 ao3: bool = True) -> Corpus:
    """``stories`` stories in ``root`` (in nested folders), the last ``archive`` of them in
    ``root/bundle.zip`` instead; the AO3 downloads; the broken files."""
    root.mkdir(parents=True, exist_ok=True)
    out = Corpus(root)
    loose = stories - archive
    for i in range(loose):
        path = root / f"shelf{i % 4}" / (f"row{i % 3}" if i % 2 else "") / f"story-{i:04d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(story(i), encoding="utf-8")
        out.works.append(str(path))
    if archive:
        members = {f"bundle/story-{i:04d}.txt": story(i).encode("utf-8")
                   for i in range(loose, stories)}
        (root / "bundle.zip").write_bytes(zip_of(members))
        out.works += [f"{root / 'bundle.zip'}!{name}" for name in members]
    if ao3:
        for name, data in ao3_files().items():
            (root / name).write_bytes(data)
            out.works.append(str(root / name))
    if broken:
        for name, (data, error) in BROKEN.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(truncated_epub() if data is None else data)
            out.broken[str(path)] = error
    return out


def crash_on_purpose(path: str, data: bytes):
    """A work function for the executors' tests: kills its process on a story named crash."""
    from storycast.corpus.work import analyse_work

    if path.endswith("crash.txt"):
        os._exit(3)
    return analyse_work(path, data)
