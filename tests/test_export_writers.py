"""The export's writers make lines and CSV rows from an export's rows directly, a cable's
part encoded once; the bytes must be those of the records as dicts through `json` and
`csv` (what any caller's records get)."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from search_cables import small_index  # noqa: F401  (fixture)

from cablesearch.index.documents import CABLE_ONLY
from cablesearch.search import Searcher
from cablesearch.search.export import RECORD_FIELDS, _string, write_csv, write_jsonl
from cablesearch.search.records import CableFields, Records, record

# Characters where the encoders differ or must escape: DEL, controls, quotes, backslash,
# separators of CSV, line ends, non-ASCII, a lone surrogate.
TRICKY = st.text(st.sampled_from(['a', ' ', '"', '\\', ',', '\n', '\r', '\t', '\x00',
                                  '\x1f', '\x7f', 'é', '¶', '—', '\u2028', '\ud800', '😀']))
MAYBE = st.none() | TRICKY


@st.composite
def rows(draw: st.DrawFn) -> list:
    """Rows of a few cables, as `records.rows` yields them (a cable's object shared by
    its paragraphs)."""
    found = []
    for c in range(draw(st.integers(1, 3))):
        cable_id = f"0{c}ASTANA{draw(st.integers(1, 999))}"
        head = {"cable": cable_id, "origin": draw(MAYBE), "subject": draw(MAYBE),
                "classification": draw(MAYBE), "signer": draw(MAYBE),
                "references": draw(st.none() | st.just("08STATE1 08STATE2")),
                "handling": draw(st.none() | st.just("SIPDIS NOFORN"))}
        created = draw(st.none() | st.just("2008-03-05T10:07"))
        cable = CableFields(head, created, draw(st.none() | st.just("2011-08-30T01:44")),
                            tuple(draw(st.lists(TRICKY, max_size=3))))
        for seq in range(1, draw(st.integers(1, 3)) + 1):
            own = {"cable": cable_id, "seq": seq, "text": draw(MAYBE),
                   "number": draw(st.none() | st.integers(0, 99)),
                   "occurrence": draw(st.none() | st.integers(1, 3)),
                   "marking": draw(MAYBE), "level": draw(MAYBE),
                   "caveats": draw(st.none() | st.sampled_from(["NF", "NF,REL NATO", ","]))}
            if draw(st.booleans()) and seq == 1:
                own["kind"] = CABLE_ONLY
            own = {name: value for name, value in own.items() if value is not None}
            score = draw(st.none() | st.floats(allow_nan=False) | st.just(float("nan")))
            found.append((own, cable, score))
    return found


def _written(writer, records, **options) -> str:
    out = io.StringIO()
    writer(records, out, **options)
    return out.getvalue()


@settings(max_examples=150, deadline=None)
@given(st.lists(rows(), min_size=1, max_size=3).map(lambda parts: sum(parts, [])),
       st.sampled_from([RECORD_FIELDS, ("text",), ("ref", "tags", "ref", "citation"),
                        ("plusd_url", "origin", "score", "caveats", "handling")]),
       st.booleans())
def test_rows_are_written_as_their_records(found, fields, excel):
    dicts = [record(row) for row in found]
    assert _written(write_jsonl, Records(iter(found)), fields=fields) == \
        _written(write_jsonl, dicts, fields=fields)
    assert _written(write_csv, Records(iter(found)), fields=fields, excel=excel) == \
        _written(write_csv, dicts, fields=fields, excel=excel)


@given(TRICKY)
def test_strings_are_encoded_as_json_encodes_them(text):
    assert _string(text) == json.dumps(text, ensure_ascii=False)


def test_records_iterated_part_way_are_written_from_where_they_stand(small_index):  # noqa: F811
    with Searcher(small_index) as searcher:
        whole = [json.dumps(r, ensure_ascii=False) for r in searcher.export("minister")]
        records = searcher.export("minister")
        first = next(records)
        rest = _written(write_jsonl, records).splitlines()
    assert len(whole) > 2 and [json.dumps(first, ensure_ascii=False), *rest] == whole


@pytest.mark.parametrize("query", ["minister", "trafficking OR pipeline", ""])
def test_an_export_writes_what_its_records_are(small_index, query):  # noqa: F811
    filters = {} if query else {"tag": ["PREL"]}
    with Searcher(small_index) as searcher:
        for writer in (write_jsonl, write_csv):
            fast = _written(writer, searcher.export(query, filters=filters))
            slow = _written(writer, list(searcher.export(query, filters=filters)))
            assert fast == slow and fast.count("\n") > 1


@pytest.mark.parametrize("text", ["", "plain", "a,b", 'said "no"', "cr\rhere", "lf\nhere",
                                  " lead", "tab\there", "nul\x00", "é¶—"])
@pytest.mark.parametrize("excel", [False, True])
def test_a_csv_cell_is_quoted_as_the_csv_module_quotes_it(text, excel):
    head = {"cable": "08ASTANA1", "subject": text}
    found = [({"cable": "08ASTANA1", "seq": 1, "text": text},
              CableFields(head, None, None, (text,)), 0.5)]
    for fields in (("text",), ("ref", "text", "subject", "tags", "score")):
        assert _written(write_csv, Records(iter(found)), fields=fields, excel=excel) == \
            _written(write_csv, [record(row) for row in found], fields=fields, excel=excel)
