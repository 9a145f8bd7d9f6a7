"""sources: walking inputs, .gz, streamed CSV rows, hashing before parsing, order, failures."""

from __future__ import annotations

import gzip
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cablesearch import sources
from cablesearch.cable import Cable, ParseError
from cablesearch.sources import Batch, digest_of, iter_files, read_cables, read_sources, total_bytes


def _row(n: int, cable_id: str, body: str) -> str:
    fields = [str(n), "6/13/2008 11:56", cable_id, "Embassy Astana", "UNCLASSIFIED", "",
              "FM AMEMBASSY ASTANA\nTO SECSTATE WASHDC",
              f"UNCLAS ASTANA 001111\n\nTAGS: PHUM KZ\nSUBJECT: TEST\n\n1. (U) {body}\n"]
    return ",".join('"' + f.replace("\\", "\\\\").replace('"', '\\"') + '"' for f in fields) + "\n"


ROWS = [_row(1, "08ASTANA1", "First."),
        _row(2, "08ASTANA2", 'He said "no".\n\n2. (U) Second paragraph.'),
        _row(3, "08ASTANA3", "Third.")]
# The 1-based line on which each row starts.
STARTS = [1 + sum(row.count("\n") for row in ROWS[:i]) for i in range(len(ROWS) + 1)]


@pytest.fixture
def dump(tmp_path: Path) -> Path:
    """A three-row cables.csv whose rows span several lines and escape quotes."""
    path = tmp_path / "cables.csv"
    path.write_text("".join(ROWS))
    return path


def _ids(items: list[Cable | ParseError]) -> list[str]:
    return [item.id if isinstance(item, Cable) else f"error:{item.source}" for item in items]


def test_directory_walk_is_sorted_and_skips_readme_and_hidden(tmp_path: Path) -> None:
    for name in ("b/2.html", "a/1.txt", "a/0.txt.gz", "README.md", ".hidden/x.txt", "a/.x.txt",
                 "c.CSV"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_files([tmp_path])]
    assert found == ["a/0.txt.gz", "a/1.txt", "b/2.html", "c.CSV"]


def test_named_files_are_read_whatever_their_name(tmp_path: Path) -> None:
    odd = tmp_path / "notes.md"
    odd.write_text("x")
    assert list(iter_files([odd, tmp_path / "missing"])) == [odd, tmp_path / "missing"]


def test_csv_rows_are_units_named_by_the_line_they_start_on(dump: Path) -> None:
    batches = list(read_sources([dump]))
    assert [b.source for b in batches] == [f"{dump}:{line}" for line in STARTS[:3]]
    assert STARTS[:3] == [1, 9, 19]
    assert [b.cables[0].id for b in batches] == ["08ASTANA1", "08ASTANA2", "08ASTANA3"]
    assert all(b.error is None and not b.skipped for b in batches)
    second = batches[1].cables[0]
    assert 'He said "no".' in second.paragraphs[0].text


def test_csv_row_digest_is_the_hash_of_the_row_text(dump: Path) -> None:
    batches = list(read_sources([dump]))
    assert [b.digest for b in batches] == [digest_of(row.encode()) for row in ROWS]


def test_csv_detected_by_content_without_csv_name(dump: Path, tmp_path: Path) -> None:
    renamed = tmp_path / "dump.dat"
    shutil.copy(dump, renamed)
    assert [b.source for b in read_sources([renamed])][0] == f"{renamed}:1"


def test_gzipped_csv_streams_like_the_plain_one(dump: Path, tmp_path: Path) -> None:
    packed = tmp_path / "cables.csv.gz"
    packed.write_bytes(gzip.compress(dump.read_bytes()))
    plain = [(b.digest, b.cables) for b in read_sources([dump])]
    assert [(b.digest, b.cables) for b in read_sources([packed])] == plain


def test_known_units_are_skipped_without_parsing(dump: Path, tmp_path: Path) -> None:
    page = tmp_path / "08ASTANA9.txt"
    page.write_text("UNCLAS ASTANA 000009\n\nSUBJECT: TEST\n\n1. (U) Text.\n")
    first = {b.source: b.digest for b in read_sources([dump, page])}
    dump.write_text(dump.read_text().replace("Third.", "Third, changed."))
    again = list(read_sources([dump, page], known=lambda s, d: first.get(s) == d))
    assert [b.skipped for b in again] == [True, True, False, True]
    assert all(b.cables == () for b in again if b.skipped)
    assert again[2].cables[0].paragraphs[0].text.endswith("Third, changed.")


def test_parallel_parsing_gives_the_same_batches_in_order(own_corpus: Path) -> None:
    serial = list(read_sources([own_corpus]))
    parallel = list(read_sources([own_corpus], jobs=2))
    assert parallel == serial
    assert len(serial) == 22


def test_progress_adds_up_to_total_bytes(own_corpus: Path, tmp_path: Path) -> None:
    reported: list[int] = []
    missing = tmp_path / "missing.html"
    list(read_sources([own_corpus, missing], on_progress=reported.append))
    assert all(n >= 0 for n in reported)
    assert sum(reported) == total_bytes([own_corpus, missing]) > 50_000


def test_read_cables_yields_cables_and_errors_in_input_order(dump: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    items = list(read_cables([empty, dump, tmp_path / "nope.html"]))
    assert _ids(items) == [f"error:{empty}", "08ASTANA1", "08ASTANA2", "08ASTANA3",
                           f"error:{tmp_path / 'nope.html'}"]
    assert items[0].reason == "empty file"
    assert items[-1].reason == "no such file or directory"


def test_truncated_final_csv_row_is_an_error_not_a_crash(dump: Path) -> None:
    data = dump.read_bytes()
    dump.write_bytes(data[: len(data) - 20])
    batches = list(read_sources([dump]))
    assert [b.error is None for b in batches] == [True, True, False]
    assert batches[2].source == f"{dump}:{STARTS[2]}"
    assert "truncated" in batches[2].error.reason


def test_csv_row_with_wrong_field_count_names_its_line(dump: Path) -> None:
    dump.write_text(dump.read_text() + '"4","1/1/2008 10:00","08ASTANA4"\n')
    last = list(read_sources([dump]))[-1]
    assert last.source == f"{dump}:{STARTS[3]}"
    assert last.error is not None and "3 fields, expected 8" in last.error.reason


@pytest.mark.parametrize("content, reason", [
    (b"this is not gzip at all", "not a valid gzip file"),
    (gzip.compress(b"x" * 5000)[:30], "truncated gzip file"),
])
def test_bad_gzip_is_a_parse_error(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "08ASTANA1.html.gz"
    path.write_bytes(content)
    (batch,) = read_sources([path])
    assert batch.error is not None and reason in batch.error.reason
    assert batch.error.source == str(path)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="file permissions are not enforced for root")
def test_unreadable_file_is_a_parse_error(tmp_path: Path) -> None:
    path = tmp_path / "08ASTANA1.txt"
    path.write_text("x")
    path.chmod(0)
    (batch,) = read_sources([path])
    assert batch.error is not None and batch.error.reason == "permission denied"


def test_gzipped_page_digest_is_of_its_content(own_corpus: Path) -> None:
    path = own_corpus / "bare" / "10BISHKEK41.txt.gz"
    (batch,) = read_sources([path])
    assert isinstance(batch, Batch) and batch.cables[0].id == "10BISHKEK41"
    assert batch.digest == digest_of(gzip.decompress(path.read_bytes()))


def test_shared_csv_sample_streams_every_row(shared_corpus: Path) -> None:
    batches = list(read_sources([shared_corpus / "cables-sample.csv"], jobs=2))
    assert len(batches) == 1048
    assert all(b.error is None for b in batches), [b.error for b in batches if b.error][:3]
    assert len({b.cables[0].id for b in batches}) == 1048


def test_escaped_quote_at_line_start_does_not_split_a_row(tmp_path: Path) -> None:
    path = tmp_path / "cables.csv"
    path.write_text(_row(1, "08ASTANA1", 'Quoted:\n"2008","the year" he said.') + ROWS[2])
    batches = list(read_sources([path]))
    assert [b.cables[0].id for b in batches] == ["08ASTANA1", "08ASTANA3"]
    assert '"2008","the year" he said.' in batches[0].cables[0].paragraphs[0].text


def test_crlf_bom_and_blank_lines_between_rows(tmp_path: Path) -> None:
    path = tmp_path / "cables.csv"
    path.write_bytes(b"\xef\xbb\xbf" + (ROWS[0] + "\n" + ROWS[1]).replace("\n", "\r\n").encode())
    batches = list(read_sources([path]))
    assert [b.cables[0].id for b in batches] == ["08ASTANA1", "08ASTANA2"]
    assert batches[1].source == f"{path}:{STARTS[1] + 1}"
    assert "\r" not in batches[1].cables[0].paragraphs[0].text


def test_directory_without_cables_is_reported(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("notes")
    (batch,) = read_sources([tmp_path])
    assert batch.source == str(tmp_path)
    assert batch.error is not None and batch.error.reason.startswith("no cable files")
    assert total_bytes([tmp_path]) == 0


@pytest.mark.parametrize("content, reason", [
    (b"", "empty file"),
    (b"id,created,reference\n1,2,3\n", "not the cables.csv layout"),
])
def test_csv_named_file_in_another_layout_says_so(tmp_path: Path, content: bytes,
                                                  reason: str) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(content)
    (batch,) = read_sources([path])
    assert batch.error is not None and batch.error.reason.startswith(reason)


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")
def test_workers_exit_when_the_reading_process_is_killed(dump: Path) -> None:
    script = ("import sys, time\n"
              "from cablesearch.sources import read_sources\n"
              "for batch in read_sources([sys.argv[1]], jobs=2):\n"
              "    print('started', flush=True)\n"
              "    time.sleep(60)\n")
    reader = subprocess.Popen([sys.executable, "-c", script, str(dump)], stdout=subprocess.PIPE,
                              text=True)
    try:
        assert reader.stdout is not None and reader.stdout.readline() == "started\n"
        children = Path(f"/proc/{reader.pid}/task/{reader.pid}/children").read_text().split()
        assert len(children) == 2
    finally:
        reader.kill()
        reader.wait()
    deadline = time.monotonic() + 10
    while any(map(_running, children)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(map(_running, children))


def _running(pid: str) -> bool:
    """Whether a process exists and is not a zombie waiting to be reaped."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


@pytest.mark.skipif(multiprocessing.get_start_method() != "fork",
                    reason="the crashing parser reaches the workers only through fork")
@pytest.mark.parametrize("task_units", [1, 64])
def test_a_worker_that_dies_fails_only_its_own_input(own_corpus: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     task_units: int) -> None:
    real = sources.parse_document

    def crashing(text: str, source: str) -> list[Cable]:
        if "CRASH-ME" in text:
            os._exit(3)  # what an out-of-memory kill looks like to the pool
        return real(text, source)

    monkeypatch.setattr(sources, "parse_document", crashing)
    monkeypatch.setattr(sources, "_TASK_UNITS", task_units)
    telegram = (own_corpus / "bare" / "08DUSHANBE733.txt").read_text()
    for n in range(6):
        (tmp_path / f"telegram-{n}.txt").write_text(telegram + ("CRASH-ME\n" if n == 2 else ""))
    batches = list(read_sources([tmp_path], jobs=2))
    assert [b.error is None for b in batches] == [True, True, False, True, True, True]
    assert batches[2].error is not None and "worker process died" in batches[2].error.reason
    assert all(b.cables[0].id == "08DUSHANBE733" for b in batches if b.error is None)


def test_a_single_path_may_be_given_bare(own_corpus: Path) -> None:
    assert len(list(read_sources(str(own_corpus)))) == len(list(read_sources(own_corpus))) == 22


def test_progress_of_a_gzipped_dump_is_its_compressed_size(dump: Path, tmp_path: Path) -> None:
    packed = tmp_path / "cables.csv.gz"
    packed.write_bytes(gzip.compress(dump.read_bytes() * 200))
    reported: list[int] = []
    assert len(list(read_sources([packed], on_progress=reported.append))) == 600
    assert all(n > 0 for n in reported)
    assert sum(reported) == packed.stat().st_size == total_bytes([packed])


def test_a_dump_is_streamed_in_constant_memory(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sources, "_CSV_CHUNK", 1 << 16)  # a small read size keeps this quick
    path = tmp_path / "cables.csv"
    path.write_text("".join(ROWS) * 3000)
    tracemalloc.start()
    try:
        count = sum(1 for _ in read_sources([path], known=lambda source, digest: True))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 9000
    assert path.stat().st_size > 1_500_000 and peak < 500_000


# Field text made of what can confuse a row splitter: quotes, backslashes, newlines, commas
# and what looks like the start of the next row.
_FIELD_TEXT = st.lists(st.sampled_from(['a', 'b', ' ', '"', '\\', '\n', '\r', ',', '"1","',
                                        '\n"2","', '\u00e9', '\u2019']),
                       max_size=20).map("".join)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(_FIELD_TEXT, min_size=6, max_size=6), min_size=1, max_size=5))
def test_rows_written_in_the_dump_layout_come_back_field_for_field(
        rows: list[list[str]]) -> None:
    def quoted(field: str) -> str:
        return '"' + field.replace("\\", "\\\\").replace('"', '\\"') + '"'

    seen: list[list[str]] = []

    def capture(fields: list[str], source: str) -> Cable:
        seen.append(fields)
        return Cable(id=fields[2])

    text = "".join(",".join(quoted(f) for f in [str(n), "1/2/2008 10:00", *fields]) + "\n"
                   for n, fields in enumerate(rows, 1))
    with tempfile.TemporaryDirectory() as folder, \
            pytest.MonkeyPatch.context() as patch:
        patch.setattr(sources, "parse_csv_record", capture)
        path = Path(folder) / "cables.csv"
        path.write_bytes(text.encode())
        batches = list(read_sources([path]))
    assert [b.error for b in batches] == [None] * len(rows)
    expected = [[str(n), "1/2/2008 10:00", *(f.replace("\r\n", "\n").replace("\r", "\n")
                                               for f in fields)]
                for n, fields in enumerate(rows, 1)]
    assert seen == expected


def _dump_with_a_huge_row(path: Path, body_bytes: int) -> list[int]:
    """Rows 1, a huge 2 (its body of many lines), 3 and 4; returns each row's first line."""
    huge = _row(2, "08ASTANA2", "Long line.\n" * (body_bytes // 11))
    rows = [ROWS[0], huge, ROWS[2], _row(4, "08ASTANA4", "Fourth.")]
    path.write_text("".join(rows))
    return [1 + sum(row.count("\n") for row in rows[:i]) for i in range(len(rows))]


@pytest.mark.parametrize("tail", [sources._CSV_TAIL, 7])
def test_a_csv_row_too_large_is_named_and_the_rows_after_it_are_read(
        tmp_path: Path, monkeypatch, tail: int) -> None:
    monkeypatch.setattr(sources, "MAX_DOCUMENT_BYTES", 20_000)
    monkeypatch.setattr(sources, "_CSV_CHUNK", 4096)
    monkeypatch.setattr(sources, "_CSV_TAIL", max(tail, 64))
    path = tmp_path / "cables.csv"
    starts = _dump_with_a_huge_row(path, 100_000)
    batches = list(read_sources([path]))
    assert [b.source for b in batches] == [f"{path}:{line}" for line in starts]
    assert [b.cables[0].id if b.cables else None for b in batches] == [
        "08ASTANA1", None, "08ASTANA3", "08ASTANA4"]
    assert batches[1].error.reason == ("CSV row larger than 20000 bytes: skipped "
                                       "(the rows after it are read)")


@pytest.mark.slow
def test_a_csv_row_over_64_mb_is_skipped_and_the_dump_read_on(tmp_path: Path) -> None:
    path = tmp_path / "cables.csv"
    starts = _dump_with_a_huge_row(path, sources.MAX_DOCUMENT_BYTES + 1_000_000)
    batches = list(read_sources([path]))
    assert [b.source for b in batches] == [f"{path}:{line}" for line in starts]
    assert [b.error is None for b in batches] == [True, False, True, True]


def test_a_unit_that_fails_in_a_worker_fails_alone(own_corpus: Path, tmp_path: Path) -> None:
    """A ParseError cannot be pickled back from a worker: it must not break the task."""
    telegram = (own_corpus / "bare" / "08DUSHANBE733.txt").read_text()
    for n in range(6):
        (tmp_path / f"telegram-{n}.txt").write_text("" if n == 3 else telegram)
    batches = list(read_sources([tmp_path], jobs=2))
    assert [b.error is None for b in batches] == [True, True, True, False, True, True]
    assert batches[3].error.reason == "empty file"
    assert batches[3].error.source == str(tmp_path / "telegram-3.txt")


def test_a_paragraph_over_the_cap_is_cut_with_a_note(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(sources, "MAX_PARAGRAPH_CHARS", 1000)
    path = tmp_path / "cables.csv"
    path.write_text(ROWS[0] + _row(2, "08ASTANA2", "Very long words. " * 200))
    first, second = [b.cables[0] for b in read_sources([path])]
    assert first.paragraphs[0].text == "First."
    text = second.paragraphs[0].text
    kept, note = text.split(" [cablesearch: ")
    assert len(kept) <= 1000 and kept.endswith("long")
    assert note == f"paragraph cut here, at {len(kept):,} of its 3,399 characters]"
