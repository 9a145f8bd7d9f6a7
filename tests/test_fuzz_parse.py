"""Arbitrary text and bytes into every parsing entry point: nothing but ParseError escapes."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cablesearch.cable import Cable, ParseError
from cablesearch.parse import parse_csv_record, parse_document
from cablesearch.parse.encoding import decode
from cablesearch.sources import read_cables, read_sources

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
SAMPLES = sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.name != "README.md")

# Pieces of real cable structure, so that generated text reaches the parser's deeper paths.
FRAGMENTS = [
    "\n", "\n\n", " ", "1. ", "¶2. ", "3.(C) ", "(S//NF) ", "(SBU/NF)", "(", ")", "A. ", "-- ",
    "SUBJECT: ", "TAGS: ", "TAGS PREL, ", "REF: A. STATE 58370 B. 06 TBILISI 0619",
    "E.O. 12958: DECL: 01/09/2023", "SIPDIS", "C O N F I D E N T I A L SECTION 01 OF 02 ",
    "BAKU 00001187 002 OF 002", "FM AMEMBASSY ASTANA", "TO RUEHC/SECSTATE WASHDC",
    "INFO ", "O 131156Z JUN 08", "Classified By: ", "ORDWAY", "<pre>", "</pre>", "&#x000A;",
    "<a id='par1' href='#par1'>¶</a>", "<table class='cable'><tr><td>", "</td></tr></table>",
    "<h3>Viewing cable 08ASTANA1111, X</h3>", "<html>", "&amp;", "&#", "Viewing cable ",
    "Reference ID Created Released Classification Origin\n",
    "08ASTANA1111 2008-06-13 11:56 2011-08-30 01:44 SECRET//NOFORN Embassy Astana\n",
    "Iraq,s", "&word8", "\x00", "\r\n", "\ufeff",
]
cable_text = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=20), max_size=40).map("".join)
FUZZ = settings(max_examples=150, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])


def _only_parse_errors(call, *args) -> object:  # noqa: ANN001 - any parsing callable
    try:
        return call(*args)
    except ParseError as error:
        assert error.reason and error.source
        return error


@FUZZ
@given(st.binary(max_size=2000))
def test_decode_gives_text_or_parse_error(data: bytes) -> None:
    result = _only_parse_errors(decode, data, "fuzz.bin")
    assert isinstance(result, str | ParseError)
    if isinstance(result, str):
        assert "\r" not in result


@FUZZ
@given(cable_text)
def test_parse_document_gives_cables_or_parse_error(text: str) -> None:
    result = _only_parse_errors(parse_document, text, "fuzz.html")
    if not isinstance(result, ParseError):
        assert all(isinstance(cable, Cable) for cable in result)
        for cable in result:
            assert [p.seq for p in cable.paragraphs] == sorted({p.seq for p in cable.paragraphs})


@FUZZ
@given(st.lists(cable_text | st.text(max_size=30), min_size=0, max_size=10))
def test_parse_csv_record_gives_a_cable_or_parse_error(fields: list[str]) -> None:
    result = _only_parse_errors(parse_csv_record, fields, "fuzz.csv:1")
    assert isinstance(result, Cable | ParseError)


@FUZZ
@given(st.sampled_from(SAMPLES), st.data())
def test_damaged_samples_parse_or_fail_cleanly(sample: Path, data: st.DataObject) -> None:
    raw = sample.read_bytes()
    cut = data.draw(st.integers(0, len(raw)))
    junk = data.draw(st.binary(max_size=50))
    where = data.draw(st.integers(0, cut))
    damaged = raw[:where] + junk + raw[where:cut]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / sample.name
        path.write_bytes(damaged)
        for batch in read_sources([path]):
            if batch.error is None:
                assert batch.cables and all(isinstance(c, Cable) for c in batch.cables)
            else:
                assert batch.cables == ()


@FUZZ
@given(st.binary(max_size=3000), st.sampled_from(["x.html", "x.csv", "x.txt.gz", "x"]))
def test_read_cables_never_raises_on_arbitrary_files(data: bytes, name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        for item in read_cables([path]):
            assert isinstance(item, Cable | ParseError)
            if isinstance(item, ParseError):
                assert item.source.startswith(str(path)) and item.reason
