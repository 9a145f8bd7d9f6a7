"""Any file name a file system allows is indexed, recorded and named in one line."""

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from cablesearch.cli import main
from cablesearch.index import update_index
from cablesearch.sources import printable

HTML = Path(__file__).resolve().parent.parent / "corpus" / "html" / "2010-12"
NAMES = [b"caf\xff.html", b"tab\there.html", b"new\nline.html", b"back\\slash.html"]


@pytest.fixture
def odd_names(tmp_path: Path) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    pages = sorted(HTML.glob("*.html"))
    for name, page in zip(NAMES, pages, strict=False):
        try:
            shutil.copy(page, os.fsencode(folder) + b"/" + name)
        except OSError as error:  # some file systems refuse such names
            pytest.skip(f"this file system refuses the name {name!r}: {error}")
    return folder


def test_odd_file_names_are_recorded_and_unchanged_on_a_rerun(odd_names, tmp_path):
    index_dir = tmp_path / "ix"
    first = update_index(index_dir, [odd_names], procs=1)
    assert first.added == len(NAMES) and not first.skipped
    again = update_index(index_dir, [odd_names], procs=1)
    assert (again.added, again.replaced, again.unchanged) == (0, 0, len(NAMES))


def test_a_skipped_odd_name_is_one_printable_line(odd_names, tmp_path):
    empty = os.fsencode(odd_names) + b"/empty\n\xfe.html"
    Path(os.fsdecode(empty)).write_bytes(b"")
    result = CliRunner().invoke(main, ["index", str(odd_names), "--index", str(tmp_path / "ix"),
                                       "--jobs", "1"])
    assert result.exit_code == 1
    assert "skipped " + str(odd_names) + "/empty\\n\\xfe.html: empty file" in result.output
    assert len(result.output.splitlines()) == 2  # that line and the summary


def test_printable_escapes_controls_and_undecodable_bytes():
    assert printable("a\tb\nc\udcffd ¶3.html") == "a\\tb\\nc\\xffd ¶3.html"
