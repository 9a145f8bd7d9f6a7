"""Dump-row pages: the viewer showing a raw, tab-separated database row, lines ending in `\\`.

The pages here are made up in the form of the April 2011 mirror's dump-row pages (06BERN1280,
08BERN443): a `<pre>` with the routing header, then a `<pre>` holding the row.
"""

from __future__ import annotations

from cablesearch.parse import parse_document
from cablesearch.parse.dumprow import own_row, read_dump_rows

NL = "&#x000A;"


def _row(cable_id: str, serial: str, body_words: str, prefix: str = "") -> str:
    header = NL.join(["VZCZCXRO4324\\", "O 101451Z JUL 06\\", "FM AMEMBASSY BERN\\",
                      "TO RUEHC/SECSTATE WASHDC IMMEDIATE 2621\\",
                      "INFO RUEHZL/EUROPEAN POLITICAL COLLECTIVE PRIORITY"])
    body = NL.join([f"C O N F I D E N T I A L BERN {serial} \\", " \\", "SIPDIS \\", " \\",
                    "E.O. 12958: DECL: 07/10/2016 \\",
                    "TAGS: <a href='/tag/PREL_0.html'>PREL</a> "
                    "<a href='/tag/SZ_0.html'>SZ</a>",
                    "SUBJECT: IRAN: A MINISTER MEETS A MINISTER \\", " \\",
                    f"1.(C) Summary: {body_words} met \\", "with the Swiss. \\", " \\",
                    "2.(C) The Swiss said so. \\", " \\", "URBAN \\"])
    return (f"{prefix}2006-07-10 14:51:00\t{cable_id}\tEmbassy Bern\tCONFIDENTIAL\t\t"
            f"{header}\t{body}")


def _page(page_id: str, rows: str) -> str:
    return f"""<html><body>
<h3>Viewing cable {page_id}, IRAN: A MINISTER MEETS A MINISTER \\</h3>
<table class='cable'>
<tr><th>Reference ID</th><th>Created</th><th>Released</th><th>Classification</th>
<th>Origin</th></tr>
<tr><td><a href='/cable/2006/07/{page_id}.html'>{page_id}</a></td>
<td>2006-07-10 14:02</td><td>2011-03-14 06:06</td><td>CONFIDENTIAL</td>
<td>Embassy Bern</td></tr>
</table>
<code><pre>VZCZCXRO4324{NL}FM AMEMBASSY BERN{NL}INFO RUEHZL/EUROPEAN POLITICAL</pre></code>
<code><pre>{rows}</pre></code>
</body></html>"""


def test_06BERN1280_a_dump_row_page_reads_like_any_page() -> None:
    (cable,) = parse_document(_page("06BERN1280", _row("06BERN1280", "001280", "Larijani")),
                              "06BERN1280.html")
    assert cable.id == "06BERN1280"
    assert [(p.number, p.marking) for p in cable.paragraphs] == [(1, "C"), (2, "C")]
    assert cable.paragraphs[0].text == "Summary: Larijani met with the Swiss."
    assert cable.tags == ("PREL", "SZ")
    assert cable.subject == "IRAN: A MINISTER MEETS A MINISTER"
    assert cable.signer == "URBAN"
    # The body is not the last INFO addressee, and no field keeps a trailing backslash.
    assert cable.info == ("EUROPEAN POLITICAL COLLECTIVE",)
    assert "\\" not in str(cable.to_json())


def test_a_page_holding_two_cables_rows_is_its_own_cable() -> None:
    rows = _row("06BERN1279", "001279", "Someone else") + "\n" + _row(
        "06BERN1280", "001280", "Larijani")
    (cable,) = parse_document(_page("06BERN1280", rows), "06BERN1280.html")
    assert cable.id == "06BERN1280"
    assert cable.paragraphs[0].text == "Summary: Larijani met with the Swiss."
    assert [row.id for row in read_dump_rows(rows.replace(NL, "\n"))] == [
        "06BERN1279", "06BERN1280",
    ]


def test_08BERN443_row_numbers_and_a_run_on_second_copy() -> None:
    row = _row("08BERN443", "000443", "Calmy-Rey", prefix="167757\t2008-08-28 15:09:00\t167757\t")
    rows = row + "\tEmbassy Bern\tCONFIDENTIAL\t\tVZCZC\\" + NL + "a second copy"
    (cable,) = parse_document(_page("08BERN443", rows), "08BERN443.html")
    assert [p.number for p in cable.paragraphs] == [1, 2]
    assert "second copy" not in cable.paragraphs[-1].text


def test_tabs_in_ordinary_text_are_no_dump_row() -> None:
    assert read_dump_rows("1. (C) A table:\tcolumn one\tcolumn two") == []
    assert own_row([], "06BERN1280") is None
