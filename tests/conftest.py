"""Shared fixtures: the real cables in ../shared/corpus, skipped with a reason where absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED_CORPUS = Path(os.environ.get("CABLESEARCH_SHARED_CORPUS", REPO.parent / "shared" / "corpus"))
OWN_CORPUS = REPO / "corpus"
# Tests that go through these fixtures need ../shared/corpus; they are marked so that
# `make test-fast` can leave them out without listing them by hand.
REAL_CORPUS_FIXTURES = {"shared_corpus", "real_index"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if REAL_CORPUS_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.real_corpus)


@pytest.fixture(scope="session")
def shared_corpus() -> Path:
    """The real-cable folder; tests that need it skip where it is not beside the repo."""
    if not (SHARED_CORPUS / "truth.jsonl").is_file():
        pytest.skip(f"real cables not found at {SHARED_CORPUS} (set CABLESEARCH_SHARED_CORPUS)")
    return SHARED_CORPUS


@pytest.fixture(scope="session")
def own_corpus() -> Path:
    return OWN_CORPUS


@pytest.fixture(scope="session")
def real_index(shared_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of ../shared/corpus/wikileaks-html (1,048 real cables), built once per session.

    Shared by the index and search tests: treat it as read-only.
    """
    from cablesearch.index import update_index

    index_dir = tmp_path_factory.mktemp("real-index")
    update_index(index_dir, [shared_corpus / "wikileaks-html"], procs=2)
    return index_dir
