"""Page-text copies: the flattened metadata table, then the telegram."""

from __future__ import annotations

import json
from pathlib import Path

from cablesearch.parse import parse_document
from cablesearch.parse.pagetext import looks_like_pagetext, read_pagetext

ASTANA_TOP = """Viewing cable 08ASTANA1111, KAZAKHSTAN: TIP REPORT DELIVED

If you are new to these pages, please read an introduction on the structure of a cable
Reference ID Created Released Classification Origin
08ASTANA1111 2008-06-13 11:56 2011-08-30 01:44 UNCLASSIFIED//FOR OFFICIAL USE ONLY Embassy Astana
VZCZCXRO8638
"""


def test_08ASTANA1111_metadata_line() -> None:
    assert looks_like_pagetext(ASTANA_TOP)
    meta, telegram, heading = read_pagetext(ASTANA_TOP)
    assert (meta.id, meta.created, meta.released, meta.classification, meta.origin) == (
        "08ASTANA1111", "2008-06-13T11:56", "2011-08-30T01:44",
        "UNCLASSIFIED//FOR OFFICIAL USE ONLY", "Embassy Astana",
    )
    assert heading == "KAZAKHSTAN: TIP REPORT DELIVED"
    assert telegram == "VZCZCXRO8638\n"


def test_79TEHRAN8980_classification_and_origin_split() -> None:
    text = ("Reference ID Created Released Classification Origin\n"
            "79TEHRAN8980 1979-08-13 04:04 2010-11-28 18:06 CONFIDENTIAL Embassy Tehran\n")
    meta, _, _ = read_pagetext(text)
    assert (meta.classification, meta.origin) == ("CONFIDENTIAL", "Embassy Tehran")
    text = text.replace("CONFIDENTIAL Embassy Tehran", "SECRET//NOFORN USUN New York")
    meta, _, _ = read_pagetext(text)
    assert (meta.classification, meta.origin) == ("SECRET//NOFORN", "USUN New York")


def test_seed_08ASTANA1111_parses_to_its_known_fields(shared_corpus: Path) -> None:
    text = (shared_corpus / "seed" / "08ASTANA1111.txt").read_text(encoding="utf-8")
    (cable,) = parse_document(text, "seed/08ASTANA1111.txt")
    data = cable.to_json()
    paragraphs = data.pop("paragraphs")
    assert data == {
        "id": "08ASTANA1111", "subject": "KAZAKHSTAN: TIP REPORT DELIVED",
        "created": "2008-06-13T11:56", "released": "2011-08-30T01:44",
        "classification": "UNCLASSIFIED//FOR OFFICIAL USE ONLY", "origin": "Embassy Astana",
        "tags": ["PHUM", "PGOV", "KCRIM", "KZ"], "references": ["08STATE58370"],
        "from": "AMEMBASSY ASTANA", "to": ["SECSTATE WASHDC"],
        "info": ["USOFFICE ALMATY", "SCA COLLECTIVE"], "signer": "ORDWAY",
        "handling": ["SENSITIVE", "SIPDIS"], "subject_marking": None,
    }
    assert [(p["seq"], p["number"], p["marking"], p["level"]) for p in paragraphs] == [
        (n, n, "SBU", "SBU") for n in range(1, 6)
    ]
    assert paragraphs[0]["text"].startswith("On June 4, Post delivered the annual Trafficking")
    assert paragraphs[-1]["text"].endswith("to respond to the Ministry's request.")
    json.dumps(data)  # the JSON form is serializable as is
