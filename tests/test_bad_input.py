"""Bad input: a best-effort parse where the text is readable, else one ParseError."""

from __future__ import annotations

from pathlib import Path

import pytest

from cablesearch.cable import Cable, ParseError
from cablesearch.sources import read_cables

MOSCOW = Path("html/2010-12/10MOSCOW318.html")


def _read_one(path: Path) -> Cable | ParseError:
    (item,) = read_cables([path])
    return item


def test_truncated_page_keeps_the_paragraphs_before_the_cut(own_corpus: Path,
                                                            tmp_path: Path) -> None:
    page = (own_corpus / MOSCOW).read_text()
    cut = tmp_path / "10MOSCOW318.html"
    cut.write_text(page[: page.index("According to a European diplomat") + 40])
    cable = _read_one(cut)
    assert isinstance(cable, Cable), cable
    assert cable.id == "10MOSCOW318" and cable.origin == "Embassy Moscow"
    numbered = [(p.number, p.marking) for p in cable.paragraphs if p.number is not None]
    assert numbered == [(1, "S/REL NATO"), (2, "S/REL NATO"), (3, "S//FGI//NF")]
    assert cable.paragraphs[-1].text.startswith("According to a European diplomat")


def test_page_cut_inside_its_table_is_a_parse_error(own_corpus: Path, tmp_path: Path) -> None:
    page = (own_corpus / MOSCOW).read_text()
    cut = tmp_path / "cut.html"
    cut.write_text(page[: page.index("<th>Created</th>")])
    error = _read_one(cut)
    assert isinstance(error, ParseError) and error.source == str(cut)


def test_cp1252_page_text_parses_with_its_quotes(own_corpus: Path, tmp_path: Path) -> None:
    text = (own_corpus / "text" / "08ASTANA1502.txt").read_text()
    text = text.replace("for safekeeping.", "for \u201csafekeeping\u201d.")
    path = tmp_path / "08ASTANA1502.txt"
    path.write_bytes(text.encode("cp1252"))
    cable = _read_one(path)
    assert isinstance(cable, Cable), cable
    assert any("\u201csafekeeping\u201d" in p.text for p in cable.paragraphs)


@pytest.mark.parametrize("content, reason", [
    (b"", "empty file"),
    (b"\n \n", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary data"),
])
def test_unreadable_files_give_one_error_naming_file_and_reason(
        tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "08ASTANA1111.html"
    path.write_bytes(content)
    error = _read_one(path)
    assert isinstance(error, ParseError)
    assert str(error).startswith(f"{path}: {reason}")


def test_text_without_any_cable_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("Shopping list: milk, eggs.\n")
    assert isinstance(_read_one(path), ParseError)
