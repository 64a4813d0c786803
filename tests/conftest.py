from __future__ import annotations

from pathlib import Path

import pytest

CORPUS = Path(__file__).parent / "data" / "corpus"
ANNOTATIONS = Path(__file__).parent.parent / "annotations" / "facts"


@pytest.fixture(scope="session")
def corpus_files() -> list[Path]:
    files = sorted(CORPUS.glob("*.txt"))
    assert len(files) == 12
    return files


@pytest.fixture(scope="session")
def corpus_results(corpus_files):
    from extract import extract_document

    return {p.name: extract_document(p, is_text=False) for p in corpus_files}
