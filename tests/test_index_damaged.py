"""A damaged index file is named in one line that says to rebuild; a rebuild recovers."""

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cablesearch.cli import main
from cablesearch.index import update_index

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
