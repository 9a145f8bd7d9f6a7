"""Files a commit no longer needs are kept for open searchers, then deleted after a grace."""

import json
import time

from index_helpers import cable
from whoosh.index import TOC

from cablesearch.index import add_cables, open_index, update_index
from cablesearch.index.retire import GRACE_SECONDS, RETIRED_NAME, retire_unused_files


def _files(index_dir) -> set[str]:
    return {p.name for p in index_dir.iterdir() if p.name.startswith(("MAIN_", "_MAIN_"))}


def test_retired_files_kept_through_the_grace_then_deleted(tmp_path):
    for round_ in range(12):  # enough commits for Whoosh to merge segments
        add_cables(tmp_path, [cable(f"01TEST{round_}", "words")])
    retired = json.loads((tmp_path / RETIRED_NAME).read_text())
    assert retired and set(retired) <= _files(tmp_path)
    ix = open_index(tmp_path)
    toc = TOC.read(ix.storage, ix.indexname)
    retire_unused_files(ix.storage, ix.indexname, toc.generation, toc.segments,
                        now=time.time() + GRACE_SECONDS + 1)
    assert not set(retired) & _files(tmp_path)
    assert json.loads((tmp_path / RETIRED_NAME).read_text()) == {}
    assert open_index(tmp_path).doc_count() == 12


def test_files_of_a_killed_run_are_removed_by_the_next_run(tmp_path):
    """Files no commit named (a killed run's segments, its temporary files) go at once;
    files an older commit named stay for the searchers that may hold it."""
    index_dir = tmp_path / "ix"
    for round_ in range(3):
        add_cables(index_dir, [cable(f"01TEST{round_}", "words")])
    committed = _files(index_dir)
    (index_dir / "MAIN_k1lled0run0seg0.pst").write_bytes(b"x" * 1000)
    (index_dir / "MAIN_k1lled0run0seg0._stored.col").write_bytes(b"x")
    (index_dir / "_MAIN_9.toc.1733.5").write_bytes(b"half a toc")
    (index_dir / "MAIN.tmp").mkdir()
    (index_dir / "MAIN.tmp" / "job.doclist").write_bytes(b"x")
    update_index(index_dir, [], procs=1)
    assert _files(index_dir) == committed
    assert not (index_dir / "MAIN.tmp").exists()
    assert open_index(index_dir).doc_count() == 3
