"""The generated corpus, and its database built once, shared by the tests of this folder."""
from __future__ import annotations

import pytest
from corpus_fixture import STORIES, write_corpus


@pytest.fixture(scope="session")
def corpus(tmp_path_factory):
    """Hundreds of stories in folders and a zip archive, two AO3 works, five broken files."""
    return write_corpus(tmp_path_factory.mktemp("corpus") / "stories", stories=STORIES)


@pytest.fixture(scope="session")
def built(corpus, tmp_path_factory):
    """The corpus built once, with two processes: (report, database)."""
    pytest.importorskip("duckdb")
    from storycast.corpus.builder import build

    db = tmp_path_factory.mktemp("db") / "corpus.duckdb"
    return build([corpus.root], db, workers=2), db
