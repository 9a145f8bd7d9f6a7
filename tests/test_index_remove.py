"""`remove_cables`: deleted cables vanish, and indexing their files again restores them."""

import shutil
from pathlib import Path

from whoosh.query import Term

from cablesearch.index import open_index, remove_cables, update_index

HTML = Path(__file__).resolve().parent.parent / "corpus" / "html" / "2010-12"


def _has(index_dir: Path, cable_id: str) -> bool:
    with open_index(index_dir).searcher() as searcher:
        return len(searcher.search(Term("cable", cable_id))) > 0


def test_10MOSCOW318_removed_then_restored_by_reindexing(tmp_path):
    pages = tmp_path / "pages"
    shutil.copytree(HTML, pages)
    index_dir = tmp_path / "ix"
    first = update_index(index_dir, [pages], procs=1)
    assert remove_cables(index_dir, ["10MOSCOW318", "99NOWHERE1"]) == 1
    assert not _has(index_dir, "10MOSCOW318") and _has(index_dir, "08BAKU1187")
    again = update_index(index_dir, [pages], procs=1)
    assert again.added == 1 and again.unchanged == first.added - 1
    assert _has(index_dir, "10MOSCOW318")
    assert open_index(index_dir).doc_count() == first.paragraphs_added
