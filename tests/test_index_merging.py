"""Commits merge small segments once there are several, and leave bulk segments alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from index_helpers import cable

from cablesearch.index import add_cables, merging, open_index


def _segments(index_dir: Path) -> list[tuple[int, int]]:
    """(documents, deleted) of each segment."""
    ix = open_index(index_dir)
    found = [(s.doc_count_all(), s.deleted_count()) for s in ix._segments()]
    ix.close()
    return found


def _cables(count: int, words: str = "words") -> list:
    return [cable(f"01TEST{n}", f"{words} {n}") for n in range(count)]


def test_small_segments_are_merged_once_there_are_several(tmp_path: Path) -> None:
    commits = merging.MERGE_AT * 2
    add_cables(tmp_path, _cables(commits * 3), commit_every=3)
    segments = _segments(tmp_path)
    assert len(segments) <= merging.MERGE_AT
    assert sum(documents for documents, _ in segments) == commits * 3


def test_bulk_segments_are_never_merged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(merging, "SMALL", 2)  # every 3-cable commit is a bulk segment
    commits = merging.MERGE_AT * 2
    add_cables(tmp_path, _cables(commits * 3), commit_every=3)
    assert _segments(tmp_path) == [(3, 0)] * commits


def test_a_mostly_deleted_segment_is_compacted(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(merging, "SMALL", 2)
    add_cables(tmp_path, _cables(4), commit_every=4)
    add_cables(tmp_path, _cables(3, "new words"), commit_every=4)  # replaces 3 of the 4
    assert _segments(tmp_path) == [(4, 0)]  # the old one's last live cable and the 3 new
