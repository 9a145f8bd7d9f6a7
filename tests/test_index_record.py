"""The record of indexed files is not trusted over the index: the index is what counts."""

from pathlib import Path

from click.testing import CliRunner
from index_helpers import write_dump

from cablesearch.cli import main
from cablesearch.index import index_stats, open_index, update_index
from cablesearch.index.manifest import MANIFEST_NAME, Manifest
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


def _lose_the_last_record(index_dir: Path) -> None:
    """What a run killed right after its last commit leaves: the manifest without the
    record of that commit's cables (its last batch of lines)."""
    manifest = index_dir / MANIFEST_NAME
    batches = manifest.read_text(encoding="utf-8").split("\n.\n")
    assert len(batches) >= 3  # two batches recorded, then an empty remainder
    manifest.write_text("\n.\n".join(batches[:-2]) + "\n.\n", encoding="utf-8")


def test_cables_committed_but_not_recorded_are_not_indexed_again(tmp_path):
    """The index is what counts both ways: a cable it holds as the input has it is
    unchanged, even when the record lost it; one whose input changed is replaced."""
    texts = {f"08ASTANA{n}": f"The minister spoke of pipeline number {n}." for n in range(6)}
    dump = write_dump(tmp_path / "cables.csv", texts)
    index_dir = tmp_path / "ix"
    first = update_index(index_dir, [dump], procs=1, commit_every=3)
    assert first.added == 6
    _lose_the_last_record(index_dir)
    assert len(Manifest.load(index_dir).owner) == 3

    texts["08ASTANA5"] = "The minister spoke of another pipeline."
    write_dump(dump, texts)
    again = update_index(index_dir, [dump], procs=1, commit_every=3)
    assert (again.added, again.replaced, again.unchanged) == (0, 1, 5)
    assert len(Manifest.load(index_dir).owner) == 6  # recorded now
    assert index_stats(index_dir)["not_indexed"] == 0
    with open_index(index_dir).searcher() as searcher:
        assert [f["cable"] for f in searcher.documents(text="anoth")] == ["08ASTANA5"]
        assert sum(1 for _ in searcher.documents(cable="08ASTANA5")) == 1

    third = update_index(index_dir, [dump], procs=1)
    assert (third.added, third.replaced, third.unchanged) == (0, 0, 6)

