"""The index body (settings and mappings) for one paragraph per document.

The analyzer follows ours where a built-in can: lower case, accents folded, our own short
stop list, the Snowball English stemmer (`snowball` with `language: English` is the
algorithm nltk implements). What has no built-in (the repair of the corpus' damaged
typography, `U.S.` = `us`, `alqaida` = `al-qaida`) is left out, and `docs/scale-out.md`
says so. Fields a researcher filters or facets by are keywords; dates are dates.
"""

from __future__ import annotations

from typing import Any

from cablesearch.index.analysis import STOP_WORDS

ANALYZER = "cable_text"
# Keyword fields keep the case the cable wrote; `tag:phum` must still find `PHUM`.
NORMALIZER = "folded"
DATE_FORMAT = "strict_date_hour_minute||strict_date_optional_time||yyyy-MM-dd'T'HH:mm"

_TEXT = {"type": "text", "analyzer": ANALYZER}
_KEYWORD = {"type": "keyword", "normalizer": NORMALIZER}
_DATE = {"type": "date", "format": DATE_FORMAT}

# Every field of a paragraph document (see `documents.paragraph_document`).
PROPERTIES: dict[str, dict[str, Any]] = {
    "cable": {"type": "keyword"},
    "seq": {"type": "integer"},
    "number": {"type": "integer"},
    "ref": {"type": "keyword"},
    "marking": {"type": "keyword"},
    "level": {"type": "keyword"},
    "caveats": _KEYWORD,
    "text": _TEXT,
    "subject": _TEXT,
    "subject_marking": {"type": "keyword"},
    "created": _DATE,
    "released": _DATE,
    "year": {"type": "integer"},
    "classification": {"type": "keyword"},
    "class_level": {"type": "keyword"},
    "origin": {**_TEXT, "fields": {"exact": {"type": "keyword"}}},
    "tags": _KEYWORD,
    "references": _KEYWORD,
    "from": _TEXT,
    "to": _TEXT,
    "info": _TEXT,
    "signer": _TEXT,
    "handling": _KEYWORD,
}


def index_body(shards: int = 1, replicas: int = 0) -> dict[str, Any]:
    """`PUT /INDEX` body. One shard fits Cablegate (2.5 M paragraphs, a few GB); see
    `docs/scale-out.md` for larger archives."""
    return {
        "settings": {
            "number_of_shards": shards,
            "number_of_replicas": replicas,
            "analysis": {
                "filter": {
                    "cable_stop": {"type": "stop", "stopwords": sorted(STOP_WORDS)},
                    "cable_stem": {"type": "snowball", "language": "English"},
                },
                "analyzer": {
                    ANALYZER: {
                        "type": "custom",
                        "tokenizer": "standard",
                        "filter": ["lowercase", "asciifolding", "cable_stop", "cable_stem"],
                    },
                },
                "normalizer": {
                    NORMALIZER: {"type": "custom", "filter": ["lowercase", "asciifolding"]},
                },
            },
        },
        "mappings": {
            "dynamic": "strict",
            # A cable's paragraphs share a shard: routing by cable id is required.
            "_routing": {"required": True},
            "properties": PROPERTIES,
        },
    }
