"""`search --all` streams every hit as records; `cite` and `--cite` write citations that
reference managers read back (RIS through rispy, CSL-JSON through citeproc-py)."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date

import pytest
import rispy
from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON
from search_cables import small_cli, small_index  # noqa: F401  (fixtures)

from cablesearch.search import Searcher
from cablesearch.search.citation import citation, citation_item
from cablesearch.search.export import BOM, RECORD_FIELDS

ACCESSED = date(2026, 12, 7)


@pytest.fixture(scope="module")
def run(small_cli):  # noqa: F811
    return small_cli


def test_export_is_every_hit_one_at_a_time(small_index):  # noqa: F811
    with Searcher(small_index) as searcher:
        records = searcher.export("trafficking OR minister")
        total = searcher.search("trafficking OR minister").total
        top = searcher.search("trafficking OR minister", limit=total).hits
        assert iter(records) is records and not hasattr(records, "__len__")  # lazy
        records = list(records)
        by_date = [r["created"] for r in searcher.export("trafficking", sort="date")]
        shown = searcher.show("09BAGHDAD197 ¶2.1").citables()[0]
    assert [r["ref"] for r in records] == [hit.ref for hit in top] and len(records) == total
    assert all(set(r) == set(RECORD_FIELDS) for r in records)
    assert by_date == sorted(by_date)
    baghdad = next(r for r in records if r["ref"] == "09BAGHDAD197 ¶2.1")
    assert baghdad["text"] == shown.text and baghdad["url"] == shown.url
    assert baghdad["classification"] == "SECRET//NOFORN" and baghdad["signer"] == "CROCKER"
    assert baghdad["references"] == ["08BAGHDAD4000", "08STATE58370"]


def test_all_jsonl_and_csv(run):
    lines = run("search", "trafficking", "--all").output.splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == 6 and all(r["text"] and r["plusd_url"] for r in records)
    out = run("search", "trafficking", "--all", "--format", "csv", "--fields",
              "ref,url,text", "--excel").output
    assert out.startswith(BOM)
    rows = list(csv.DictReader(io.StringIO(out[len(BOM):])))
    assert len(rows) == 6 and list(rows[0]) == ["ref", "url", "text"]
    plain = run("search", "minister", "--all", "--format", "csv", "--fields", "ref,tags").output
    assert not plain.startswith(BOM) and "PHUM PGOV KCRIM KZ" in plain


def test_all_with_cite_adds_a_citation_column(run):
    lines = run("search", "hydrocarbon", "--all", "--fields", "ref", "--cite", "ris").output
    records = [json.loads(line) for line in lines.splitlines()]
    assert set(records[0]) == {"ref", "citation"}
    assert rispy.loads(records[0]["citation"])[0]["title"] == "IRAQ: HYDROCARBON LAW TALKS STALL"


@pytest.mark.parametrize("args", [
    ["--fields", "ref"], ["--excel"], ["--cite", "ris"], ["--format", "jsonl"],
    ["--all", "--format", "table"], ["--all", "--excel"], ["--all", "--fields", "ref,nope"],
    ["--all", "--by-cable"], ["--all", "--facets", "tag"],
])
def test_export_options_alone_are_refused(run, args):
    result = run("search", "trafficking", *args)
    assert result.exit_code == 2 and "Error:" in result.output, args


def test_ris_reads_back_in_rispy(run):
    out = run("cite", "08ASTANA1111", "¶2", "09BAGHDAD197", "¶2.2", "--style", "ris").output
    entries = rispy.loads(out)
    assert len(entries) == 2
    first = entries[0]
    assert first["type_of_reference"] == "GEN"
    assert first["authors"] == ["Embassy Astana"]
    assert first["title"] == "KAZAKHSTAN: TIP REPORT DELIVERED"
    assert first["year"] == "2008" and first["date"] == "2008/06/13/"
    assert first["accession_number"] == "08ASTANA1111"
    assert first["urls"] == ["https://wikileaks.org/cable/2008/06/08ASTANA1111.html#par2"]
    assert "Released by WikiLeaks 2011-08-30" in first["notes"]
    assert entries[1]["section"] == "¶2.2 (S//REL NATO)"


def test_csl_json_renders_through_citeproc(run):
    out = run("cite", "08ASTANA1111", "¶2", "09BAGHDAD197", "--style", "csl-json").output
    items = json.loads(out)
    assert [item["id"] for item in items] == ["08ASTANA1111-p2", "09BAGHDAD197"]
    source = CiteProcJSON(items)
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, source, formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    rendered = [str(entry) for entry in bibliography.bibliography()]
    assert any("KAZAKHSTAN: TIP REPORT DELIVERED" in entry and "Embassy Astana" in entry
               and "2008" in entry for entry in rendered), rendered


def test_bibtex_and_chicago(small_index):  # noqa: F811
    with Searcher(small_index) as searcher:
        item = searcher.show("08ASTANA1111 ¶2").citables()[0]
    entry = citation(item, "bibtex", ACCESSED)
    assert entry.startswith("@misc{08ASTANA1111-p2,") and entry.endswith("}")
    assert entry.count("{") == entry.count("}")
    assert re.search(r"urldate = \{2026-12-07\}", entry)
    note = citation(item, "chicago", ACCESSED)
    assert note == (
        "Embassy Astana, “KAZAKHSTAN: TIP REPORT DELIVERED,” cable 08ASTANA1111, June 13, "
        "2008, ¶2 (SBU), released by WikiLeaks August 30, 2011, "
        "https://wikileaks.org/cable/2008/06/08ASTANA1111.html#par2 (accessed December 7, 2026).")
    assert citation_item(item, ACCESSED)["accessed"] == {"date-parts": [[2026, 12, 7]]}


def test_cite_errors_are_one_line(run):
    for args in (["nonsense"], ["08ASTANA1111", "¶9"]):
        result = run("cite", *args)
        assert result.exit_code == 1 and result.output.count("\n") == 1, args
        assert result.output.startswith("error: "), args
    bad_style = run("cite", "--style", "apa", "08ASTANA1111")
    assert bad_style.exit_code == 2 and "'apa' is not one of" in bad_style.output
    assert "Examples:" in run("cite", "--help").output
