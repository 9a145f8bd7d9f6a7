"""The record of indexed files is not trusted over the index: the index is what counts."""

from pathlib import Path

from click.testing import CliRunner

from cablesearch.cli import main
from cablesearch.index import index_stats, open_index, update_index
from cablesearch.index.parallel import CableWriter

HTML = Path(__file__).resolve().parent.parent / "corpus" / "html" / "2010-12"


def _lose_behind_the_records_back(index_dir: Path, cable_id: str) -> None:
    """What a lost segment does: the cable is gone from the index, still in the record."""
    writer = CableWriter(open_index(index_dir), compound=False)
    assert writer.delete_by_term("cable", cable_id) > 0
    writer.commit()


def test_a_rerun_indexes_again_what_the_index_lacks_and_stats_says_so(tmp_path):
    index_dir = tmp_path / "ix"
    first = update_index(index_dir, [HTML], procs=1)
    assert index_stats(index_dir)["not_indexed"] == 0
    _lose_behind_the_records_back(index_dir, "08BAKU1187")
    stats = CliRunner().invoke(main, ["stats", "--index", str(index_dir)])
    assert "record:      1 cables recorded as indexed are not in the index" in stats.stdout
    assert index_stats(index_dir)["not_indexed"] == 1

    messages: list[str] = []
    again = update_index(index_dir, [HTML], procs=1, on_message=messages.append)
    assert (again.added, again.unchanged) == (1, first.added - 1)
    assert messages == [f"{index_dir}: 1 cables recorded as indexed are not in the index as "
                        "recorded (08BAKU1187); they are indexed again"]
    assert index_stats(index_dir)["not_indexed"] == 0
    assert index_stats(index_dir)["paragraphs"] == first.paragraphs_added
    stats = CliRunner().invoke(main, ["stats", "--index", str(index_dir)])
    assert "record:" not in stats.stdout
