"""Viewer pages: the metadata table and the telegram in the `<pre>` blocks, both layouts."""

from __future__ import annotations

from pathlib import Path

from cablesearch.parse.html import looks_like_html, read_html

# 79TEHRAN8980 as the December 2010 viewer served it (navigation cut, body shortened).
TEHRAN_PAGE = """<?xml version='1.0' encoding='utf-8' ?>
<html lang='en' xml:lang='en' xmlns='http://www.w3.org/1999/xhtml'>
<body><div class='main'><div class='pane small'>
<a href='/classification/2_0.html' title='secret'>CONFIDENTIAL//NOFORN</a>
</div><div class='pane big'>
<h3>Viewing cable 79TEHRAN8980, NEGOTIATIONS</h3>
<table class='cable'>
<tr><th>Reference ID</th><th>Created</th><th>Released</th><th>Classification</th>
<th>Origin</th></tr>
<tr>
<td><a href='/cable/1979/08/79TEHRAN8980.html'>79TEHRAN8980</a></td>
<td><a href='/date/1979-08_0.html'>1979-08-13 04:04</a></td>
<td><a href='/reldate/2010-11-28_0.html'>2010-11-28 18:06</a></td>
<td><a href='/classification/1_0.html' title='unclassified'>CONFIDENTIAL</a></td>
<td><a href='/origin/17_0.html'>Embassy Tehran</a></td>
</tr>
</table>
<code><pre>R 130458Z AUG 79&#x000A;FM AMEMBASSY TEHRAN&#x000A;TO SECSTATE WASHDC 3182</pre></code>
<code><pre>C O N F I D E N T I A L SECTION 01 OF 02 TEHRAN 08980 &#x000A; &#x000A;TAGS: \
<a href='/tag/PEPR_0.html'>PEPR</a> <a href='/tag/IR_0.html'>IR</a>&#x000A;SUBJECT: \
NEGOTIATIONS &#x000A; &#x000A;<a id='par1' href='#par1'>¶</a>1. (C - ENTIRE TEXT). &#x000A; \
&#x000A;<a id='par2' href='#par2'>¶</a>2. INTRODUCTION: RECENT NEGOTIATIONS IN WHICH THE &#x000A;\
EMBASSY HAS BEEN INVOLVED HERE &amp; THERE</pre></code>
</div></div></body></html>"""


def test_79TEHRAN8980_table_and_telegram() -> None:
    assert looks_like_html(TEHRAN_PAGE)
    meta, telegram, heading = read_html(TEHRAN_PAGE)
    assert (meta.id, meta.created, meta.released, meta.classification, meta.origin) == (
        "79TEHRAN8980", "1979-08-13T04:04", "2010-11-28T18:06", "CONFIDENTIAL", "Embassy Tehran",
    )
    assert heading == "NEGOTIATIONS"
    lines = telegram.splitlines()
    assert lines[:3] == ["R 130458Z AUG 79", "FM AMEMBASSY TEHRAN", "TO SECSTATE WASHDC 3182"]
    assert "TAGS: PEPR IR" in lines
    assert "¶2. INTRODUCTION: RECENT NEGOTIATIONS IN WHICH THE " in lines
    assert lines[-1] == "EMBASSY HAS BEEN INVOLVED HERE & THERE"


def test_sidebar_classification_links_are_not_the_cable_table() -> None:
    meta, _, _ = read_html(TEHRAN_PAGE)
    assert meta.classification != "CONFIDENTIAL//NOFORN"


def test_sample_page_released_in_august_2011(own_corpus: Path) -> None:
    page = (own_corpus / "html" / "2010-12" / "05ANKARA1444.html").read_text(encoding="utf-8")
    meta, telegram, heading = read_html(page)
    assert meta.id == "05ANKARA1444"
    assert meta.created == "2005-03-15T16:55"
    assert meta.released == "2011-08-30T01:44"
    assert heading.startswith("TURKEY: ENERGY MINISTER")
    assert telegram.splitlines()[0].startswith("O 151655Z MAR 05")


def test_page_without_table_still_gives_its_pre_blocks() -> None:
    meta, telegram, heading = read_html("<html><body><pre>UNCLAS ROME 000123</pre></body></html>")
    assert meta.id is None and heading is None
    assert telegram == "UNCLAS ROME 000123"
