"""`--rebuild` builds the new index beside the old one and swaps it in once complete."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from cablesearch.cli import main
from cablesearch.index import NotAnIndex, open_index, rebuild_beside, update_index
from cablesearch.index.rebuild import rebuilding_dir

HTML = Path(__file__).resolve().parent.parent / "corpus" / "html" / "2010-12"


def _cables(index_dir: Path) -> set[str]:
    with open_index(index_dir).searcher() as searcher:
        return {term.decode() for term in searcher.lexicon("cable")}


@pytest.fixture
def built(tmp_path: Path) -> Path:
    index_dir = tmp_path / "ix"
    update_index(index_dir, [HTML], procs=1)
    return index_dir


def test_a_failed_rebuild_leaves_the_old_index_whole_and_searchable(built):
    before = _cables(built)

    def cables_then_failure():
        yield from sorted(HTML.glob("*.html"))[:1]
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        update_index(built, cables_then_failure(), procs=1, rebuild=True)
    assert _cables(built) == before
    assert not rebuilding_dir(built).exists()


def test_searchers_see_the_old_index_until_the_swap(built):
    before = _cables(built)
    with rebuild_beside(built) as fresh:
        update_index(fresh, [HTML / "08BAKU1187.html"], procs=1)
        assert _cables(built) == before
    assert _cables(built) == {"08BAKU1187"}
    assert not rebuilding_dir(built).exists()


def test_a_rebuild_left_by_a_killed_run_is_removed_by_the_next_run(built):
    left = rebuilding_dir(built)
    left.mkdir()
    (left / "MAIN_half.pst").write_bytes(b"x" * 100)
    update_index(built, [HTML], procs=1)
    assert not left.exists()


def test_a_rebuild_never_replaces_a_directory_of_other_files(tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "thesis.txt").write_text("mine")
    with pytest.raises(NotAnIndex):
        update_index(folder, [HTML], procs=1, rebuild=True)
    assert (folder / "thesis.txt").read_text() == "mine"
    result = CliRunner().invoke(main, ["index", str(HTML), "--index", str(folder), "--rebuild"])
    assert result.exit_code == 1
    assert result.output.strip().endswith("it is not replaced (give --index an index or a new "
                                          "directory)")


def test_a_rebuild_into_a_new_directory_builds_it(tmp_path):
    index_dir = tmp_path / "new" / "ix"
    update_index(index_dir, [HTML / "08BAKU1187.html"], procs=1, rebuild=True)
    assert _cables(index_dir) == {"08BAKU1187"}
