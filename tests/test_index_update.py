"""Incremental updates: unchanged cables cost nothing, changed ones are replaced, last wins."""

import shutil
from pathlib import Path

import pytest
from index_helpers import cable
from whoosh import index as whoosh_index
from whoosh.query import Term

from cablesearch.index import add_cables, open_index, update_index
from cablesearch.index.manifest import MANIFEST_NAME
from cablesearch.sources import total_bytes

HTML = Path(__file__).resolve().parent.parent / "corpus" / "html" / "2010-12"


def _docs_of(index_dir: Path, cable_id: str) -> list[dict]:
    with open_index(index_dir).searcher() as searcher:
        hits = searcher.search(Term("cable", cable_id), limit=None)
        return sorted((dict(hit) for hit in hits), key=lambda d: d["seq"])


def _words(index_dir: Path, cable_id: str) -> str:
    return " ".join(d["text"] for d in _docs_of(index_dir, cable_id))


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    """Copies of our sample viewer pages, free to edit."""
    folder = tmp_path / "pages"
    shutil.copytree(HTML, folder)
    return folder


def test_rerun_reports_every_cable_unchanged_and_commits_nothing(pages, tmp_path):
    index_dir = tmp_path / "ix"
    first = update_index(index_dir, [pages], procs=1)
    generation = whoosh_index.open_dir(index_dir).latest_generation()
    again = update_index(index_dir, [pages], procs=1)
    assert first.added == len(list(pages.iterdir())) and first.paragraphs_added > first.added
    assert (again.added, again.replaced, again.unchanged) == (0, 0, first.added)
    assert again.paragraphs_unchanged == first.paragraphs_added
    assert whoosh_index.open_dir(index_dir).latest_generation() == generation


def test_06TBILISI2230_edited_page_replaces_the_cable(pages, tmp_path):
    index_dir = tmp_path / "ix"
    update_index(index_dir, [pages], procs=1)
    before = _docs_of(index_dir, "06TBILISI2230")
    page = pages / "06TBILISI2230.html"
    word = before[-1]["text"].split()[-1].strip(".")
    page.write_text(page.read_text(encoding="utf-8").replace(word, "zanzibarian"),
                    encoding="utf-8")
    report = update_index(index_dir, [pages], procs=1)
    assert (report.replaced, report.added) == (1, 0)
    assert report.unchanged == len(list(pages.iterdir())) - 1
    after = _docs_of(index_dir, "06TBILISI2230")
    assert len(after) == len(before)
    assert "zanzibarian" in _words(index_dir, "06TBILISI2230")


def test_unchanged_cable_in_a_rewritten_file_costs_no_index_work(pages, tmp_path):
    index_dir = tmp_path / "ix"
    update_index(index_dir, [pages], procs=1)
    generation = whoosh_index.open_dir(index_dir).latest_generation()
    page = pages / "06TBILISI2230.html"
    page.write_bytes(page.read_bytes() + b"\n")  # new bytes, same parsed cable
    report = update_index(index_dir, [pages], procs=1)
    assert (report.replaced, report.added) == (0, 0)
    assert whoosh_index.open_dir(index_dir).latest_generation() == generation


@pytest.mark.parametrize("procs", [1, 2])
def test_07TASHKENT990_seen_twice_keeps_the_last(tmp_path, procs):
    """The first version is written as soon as it is parsed; the second replaces it in a
    second commit (`_Updater.redo`), by one writer process or two."""
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir(), second.mkdir()
    original = (HTML / "07TASHKENT990.html").read_text(encoding="utf-8")
    word = _last_word(tmp_path, original)
    (first / "07TASHKENT990.html").write_text(original, encoding="utf-8")
    (second / "07TASHKENT990.html").write_text(original.replace(word, "zanzibarian"),
                                               encoding="utf-8")
    index_dir = tmp_path / "ix"
    report = update_index(index_dir, [first, second], procs=procs)
    assert report.duplicates == 1 and report.duplicate_ids == ["07TASHKENT990"]
    assert report.added == 1
    assert "zanzibarian" in _words(index_dir, "07TASHKENT990")
    seqs = [d["seq"] for d in _docs_of(index_dir, "07TASHKENT990")]
    assert len(seqs) == report.paragraphs_added == len(set(seqs))  # one version only
    again = update_index(index_dir, [first, second], procs=procs)
    assert (again.added, again.replaced) == (0, 0)
    assert "zanzibarian" in _words(index_dir, "07TASHKENT990")


def _last_word(tmp_path: Path, page: str) -> str:
    """A word of the cable's last paragraph (found by indexing the page alone)."""
    (tmp_path / "probe").mkdir()
    (tmp_path / "probe" / "07TASHKENT990.html").write_text(page, encoding="utf-8")
    update_index(tmp_path / "probe-ix", [tmp_path / "probe"], procs=1)
    return _docs_of(tmp_path / "probe-ix", "07TASHKENT990")[-1]["text"].split()[-2]


def test_unreadable_files_are_skipped_with_a_reason(pages, tmp_path):
    (pages / "empty.html").write_bytes(b"")
    report = update_index(tmp_path / "ix", [pages, tmp_path / "missing.txt"], procs=1)
    skipped = dict(report.skipped)
    assert set(skipped) == {str(pages / "empty.html"), str(tmp_path / "missing.txt")}
    assert all(reason and "\n" not in reason for reason in skipped.values())
    assert report.added == len(list(pages.iterdir())) - 1


def test_lost_manifest_costs_no_index_work_nor_duplicates_paragraphs(pages, tmp_path):
    """A run killed between its first commit and the manifest's first line: the next run
    parses the files again, finds the index holding each cable as it is, and records it."""
    index_dir = tmp_path / "ix"
    first = update_index(index_dir, [pages], procs=1)
    (index_dir / MANIFEST_NAME).unlink()
    again = update_index(index_dir, [pages], procs=1)
    assert (again.added, again.replaced, again.unchanged) == (0, 0, first.added)
    assert open_index(index_dir).doc_count() == first.paragraphs_added
    assert update_index(index_dir, [pages], procs=1).unchanged == first.added


def test_rebuild_starts_a_new_index(pages, tmp_path):
    index_dir = tmp_path / "ix"
    update_index(index_dir, [pages], procs=1)
    report = update_index(index_dir, [pages / "08BAKU1187.html"], procs=1, rebuild=True)
    assert report.added == 1
    with open_index(index_dir).searcher() as searcher:
        assert set(searcher.lexicon("cable")) == {b"08BAKU1187"}


def test_small_commits_give_the_same_index_as_one(pages, tmp_path):
    whole = update_index(tmp_path / "one", [pages], procs=1)
    batched = update_index(tmp_path / "many", [pages], procs=1, commit_every=2)
    assert batched.added == whole.added
    assert open_index(tmp_path / "many").doc_count() == whole.paragraphs_added


def test_two_writer_processes_index_the_same_paragraphs(pages, tmp_path):
    single = update_index(tmp_path / "one", [pages], procs=1)
    parallel = update_index(tmp_path / "two", [pages], procs=2, jobs=2)
    assert parallel.paragraphs_added == single.paragraphs_added
    assert open_index(tmp_path / "two").doc_count() == single.paragraphs_added


def test_added_cables_replace_on_the_second_add(tmp_path):
    index_dir = tmp_path / "ix"
    first = add_cables(index_dir, [cable("01TEST1", "old words"), cable("01TEST2", "b")])
    second = add_cables(index_dir, [cable("01TEST1", "new words", "more")])
    assert (first.added, second.replaced, second.paragraphs_replaced) == (2, 1, 2)
    assert _words(index_dir, "01TEST1") == "new words more"
    assert open_index(index_dir).doc_count() == 3


def test_a_searcher_open_during_updates_keeps_its_state_and_new_ones_see_the_commits(tmp_path):
    index_dir = tmp_path / "ix"
    add_cables(index_dir, [cable("01TEST1", "old words")])
    with open_index(index_dir).searcher() as before:
        for round_ in range(12):  # enough commits for Whoosh to merge the early segments
            add_cables(index_dir, [cable("01TEST1", "new words"), cable(f"01MORE{round_}", "x")])
        assert [d["text"] for d in before.documents()] == ["old words"]
        assert len(before.search(Term("text", "old"))) == 1
        with open_index(index_dir).searcher() as after:
            assert sorted(d["text"] for d in after.documents(cable="01TEST1")) == ["new words"]
            assert after.doc_count() == 13


def test_in_memory_cable_replacing_a_files_version_is_undone_by_reindexing(pages, tmp_path):
    index_dir = tmp_path / "ix"
    update_index(index_dir, [pages], procs=1)
    add_cables(index_dir, [cable("08BAKU1187", "an in-memory stand-in")])
    report = update_index(index_dir, [pages], procs=1)
    assert report.replaced == 1
    assert "stand-in" not in _words(index_dir, "08BAKU1187")


def test_progress_reports_every_byte_read_and_the_cables_seen(pages, tmp_path):
    calls = []
    update_index(tmp_path / "ix", [pages], procs=1,
                 on_progress=lambda read, cables: calls.append((read, cables)))
    assert sum(read for read, _ in calls) == total_bytes([pages])
    assert calls[-1][1] == len(list(pages.iterdir()))
    assert [cables for _, cables in calls] == sorted(cables for _, cables in calls)
