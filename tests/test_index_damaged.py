"""A damaged index file is named in one line that says to rebuild; a rebuild recovers."""

import errno
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import StructFile

from cablesearch.cli import main
from cablesearch.index import update_index
from cablesearch.index.store import damaged_index
from cablesearch.search import Searcher

HTML = Path(__file__).resolve().parent.parent / "corpus" / "html" / "2010-12"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    index_dir = tmp_path_factory.mktemp("damaged") / "ix"
    update_index(index_dir, [HTML], procs=1)
    return index_dir


@pytest.mark.parametrize("suffix", [".trm", ".pst", "._stored.col"])
def test_a_truncated_segment_file_is_named_with_the_advice_to_rebuild(built, tmp_path, suffix):
    index_dir = tmp_path / "ix"
    shutil.copytree(built, index_dir)
    [damaged] = index_dir.glob(f"MAIN_*{suffix}")
    damaged.write_bytes(damaged.read_bytes()[:10])
    runner = CliRunner()
    outcomes = [runner.invoke(main, ["stats", "--index", str(index_dir)]),
                runner.invoke(main, ["index", str(HTML), "--index", str(index_dir)]),
                runner.invoke(main, ["search", "gas", "--index", str(index_dir),
                                     "--format", "json"])]
    failed = [result for result in outcomes if result.exit_code != 0]
    assert failed, "nothing read the damaged file"
    for result in failed:
        assert result.exit_code == 1, result.output
        [line] = result.stderr.splitlines()
        assert damaged.name in line and "damaged index file" in line
        assert line.endswith("rebuild the index with `cablesearch index PATH... --rebuild`")
    rebuilt = runner.invoke(main, ["index", str(HTML), "--index", str(index_dir), "--rebuild"])
    assert rebuilt.exit_code == 0, rebuilt.output
    assert runner.invoke(main, ["stats", "--index", str(index_dir)]).exit_code == 0


def _raised(call) -> BaseException:
    try:
        call()
    except BaseException as error:
        return error
    raise AssertionError("nothing was raised")


def test_a_negative_position_read_from_damaged_bytes_is_damage(tmp_path):
    # Whoosh seeks where a damaged file's bytes say: a negative place fails as EINVAL
    storage = FileStorage(str(tmp_path))
    storage.create_file("MAIN_x.pst").close()
    opened = storage.open_file("MAIN_x.pst")
    error = _raised(lambda: opened.seek(-8))
    opened.close()
    assert isinstance(error, OSError) and error.errno == errno.EINVAL
    found = damaged_index(tmp_path, error)
    assert found is not None and str(found).startswith(f"{tmp_path / 'MAIN_x.pst'}: damaged")


def test_other_system_errors_are_the_systems(tmp_path):
    def full(file: StructFile) -> None:  # raised while a segment file is being read
        raise OSError(errno.ENOSPC, "No space left on device")

    storage = FileStorage(str(tmp_path))
    opened = storage.create_file("MAIN_x.pst")
    error = _raised(lambda: full(opened))
    opened.close()
    assert damaged_index(tmp_path, error) is None


def test_search_names_a_file_whose_damage_makes_a_negative_seek(built, tmp_path, monkeypatch):
    index_dir = tmp_path / "ix"
    shutil.copytree(built, index_dir)
    [segment] = index_dir.glob("MAIN_*.pst")
    storage = FileStorage(str(index_dir))

    def damaged(*args, **kwargs):
        opened = storage.open_file(segment.name)
        try:
            opened.seek(-8)  # as Whoosh does where a damaged file's bytes say
        finally:
            opened.close()

    monkeypatch.setattr(Searcher, "search", damaged)
    result = CliRunner().invoke(main, ["search", "gas", "--index", str(index_dir)])
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert segment.name in line and "damaged index file" in line
