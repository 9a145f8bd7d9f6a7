"""The Query DSL request that one of our searches means, for OpenSearch or Elasticsearch.

It compiles the same query tree as the Whoosh side (`search.querylang`), with the same
field names, level and marking vocabulary and date bounds (`engine.compile`), so a query
means one thing on either engine; the text itself is left to the engine's analyzer
(`mapping`), as our analyzer is left to ours. Filters, facets (as aggregations), sort,
paging, by-cable collapsing and highlighting follow the CLI's options.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from cablesearch.cable import json_key
from cablesearch.engine.compile import CITED_BY_COUNT, date_bounds, level_value, marking_parts
from cablesearch.index.documents import UNMARKED
from cablesearch.index.fields import BY_NAME, CARRIED, QUERY_NAMES
from cablesearch.search.errors import QueryError
from cablesearch.search.querylang import (
    And,
    Field,
    Near,
    Node,
    Not,
    Or,
    Phrase,
    Range,
    Word,
    parse_query,
)

# Bare words look in the paragraph and, weighted twice, its cable's subject (as the
# subject's field boost does in our schema).
DEFAULT_FIELDS = ("text", "subject^2")
# An index field's name in the engine's documents, which carry the parse JSON's keys.
_ENGINE = {field.name: json_key(field.name) for field in CARRIED if field.of == field.name}


def _named(*kinds: str) -> dict[str, str]:
    """Query-language field → engine field, for the index fields of these kinds."""
    return {name: _ENGINE.get(field, field) for name, field in QUERY_NAMES.items()
            if BY_NAME[field].kind in kinds}


def _names_of(*fields: str) -> tuple[str, ...]:
    """The query-language names of these index fields."""
    return tuple(name for name, field in QUERY_NAMES.items() if field in fields)


# Query-language field → engine field, by how the engine indexes it.
TEXT_FIELDS = _named("text", "words")
KEYWORD_FIELDS = _named("keywords", "lines")
# Fields answered from what our index derives at search time (how many indexed cables cite
# a cable), which the exported documents do not carry.
UNTRANSLATED = (CITED_BY_COUNT,)
ID_FIELDS = _names_of("cable")
LEVEL_FIELDS = _names_of("class_level")
DATE_FIELDS = _names_of("created", "released", "year")
# Facet name → aggregation; `marking`'s unmarked paragraphs are counted, not dropped.
AGGREGATIONS: dict[str, dict[str, Any]] = {
    "tag": {"terms": {"field": "tags"}},
    "origin": {"terms": {"field": "origin.exact"}},
    "classification": {"terms": {"field": "class_level"}},
    "marking": {"terms": {"field": "level", "missing": "unmarked"}},
    "year": {"date_histogram": {"field": "created", "calendar_interval": "year",
                                "format": "yyyy", "min_doc_count": 1}},
}
SORTS = {"relevance": None, "date": [{"created": "asc"}], "-date": [{"created": "desc"}]}


def to_dsl(query: str | None, filters: Mapping[str, Any] | None = None,
           sort: str = "relevance", limit: int = 10, offset: int = 0,
           facets: Sequence[str] = (), by_cable: bool = False,
           facet_limit: int = 10) -> dict[str, Any]:
    """The `_search` request body of `Searcher.search` with these arguments."""
    clauses = [] if not query else [_node(parse_query(query), None)]
    body: dict[str, Any] = {
        "query": _bool(must=clauses, filter=filter_clauses(filters or {}))
        if clauses or filters else {"match_all": {}},
        "from": offset,
        "size": limit,
        "track_total_hits": True,
        "highlight": {"fields": {"text": {}, "subject": {}}, "pre_tags": ["[["],
                      "post_tags": ["]]"], "fragment_size": 330, "number_of_fragments": 1},
    }
    if sort not in SORTS:
        raise QueryError(f"unknown sort '{sort}' (use {', '.join(SORTS)})")
    if SORTS[sort]:
        body["sort"] = SORTS[sort]
    if by_cable:
        body["collapse"] = {"field": "cable"}
        body.setdefault("aggs", {})["cables"] = {"cardinality": {"field": "cable"}}
    for name in facets:
        if name not in AGGREGATIONS:
            raise QueryError(f"unknown facet '{name}' (use {', '.join(AGGREGATIONS)})")
        aggregation = {kind: dict(spec) for kind, spec in AGGREGATIONS[name].items()}
        if "terms" in aggregation:
            aggregation["terms"]["size"] = facet_limit
        body.setdefault("aggs", {})[name] = aggregation
    return body


def filter_clauses(filters: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The CLI's filter options (`--tag`, `--origin` ...) as non-scoring clauses."""
    clauses: list[dict[str, Any]] = []
    tags = filters.get("tag") or []
    for tag in [tags] if isinstance(tags, str) else tags:
        clauses.append({"term": {"tags": tag}})
    if filters.get("origin"):
        clauses.append(_match("origin", filters["origin"]))
    if filters.get("classification"):
        clauses.append(_level(filters["classification"], 0))
    if filters.get("marking"):
        clauses.append(_marking(filters["marking"]))
    since, until = filters.get("since"), filters.get("until")
    if since or until:
        clauses.append(_date_range("created", since and date_bounds(since, 0)[0],
                                   until and date_bounds(until, 0)[1]))
    return clauses


# -- the query tree --------------------------------------------------------------------

def _node(node: Node, field: str | None) -> dict[str, Any]:
    if isinstance(node, And):
        positive = [_node(item, field) for item in node.items if not isinstance(item, Not)]
        negative = [_node(item.item, field) for item in node.items if isinstance(item, Not)]
        return _bool(must=positive, must_not=negative)
    if isinstance(node, Or):
        return _bool(should=[_node(item, field) for item in node.items])
    if isinstance(node, Not):
        return _bool(must_not=[_node(node.item, field)])
    if isinstance(node, Field):
        if field is not None:
            raise QueryError(f"field '{node.name}:' at column {node.col} is inside "
                             f"'{field}:'; write fields side by side")
        return _node(node.value, node.name)
    if isinstance(node, Range):
        return _range(node, field)
    if isinstance(node, Near):
        return _near(node, field)
    return _leaf(node, field)


def _near(node: Near, field: str | None) -> dict[str, Any]:
    """Words or phrases in any order, at most `distance` words apart: an intervals query
    (gaps counted over the whole match, which our per-neighbour distance bounds)."""
    if field is not None and field not in ("text", "subject"):
        raise QueryError(f"'{field}:' at column {node.col} has no word positions; "
                         'NEAR and "..."~N work in text and subject')
    rules = [{"match": {"query": item.text, "max_gaps": 0, "ordered": True}}
             for item in node.items]
    names = ["text", "subject"] if field is None else [field]
    return _any([{"intervals": {name: {"all_of": {
        "intervals": rules, "ordered": False,
        "max_gaps": node.distance * max(len(rules) - 1, 1)}}}} for name in names])


def _untranslated(field: str | None, col: int) -> None:
    if field in UNTRANSLATED:
        raise QueryError(f"'{field}:' at column {col} is answered by our index only; "
                         "it has no Query DSL form")


def _leaf(node: Word | Phrase, field: str | None) -> dict[str, Any]:
    _untranslated(field, node.col)
    prefix = isinstance(node, Word) and node.prefix
    if field is None or field in TEXT_FIELDS:
        fields = list(DEFAULT_FIELDS) if field is None else [TEXT_FIELDS[field]]
        if prefix:
            return _any([{"prefix": {name.split("^")[0]: {"value": node.text.lower()}}}
                         for name in fields])
        kind = "phrase" if isinstance(node, Phrase) else "most_fields"
        fuzzy = {"fuzziness": node.fuzzy} if isinstance(node, Word) and node.fuzzy else {}
        return {"multi_match": {"query": node.text, "fields": fields, "type": kind, **fuzzy,
                                **({} if kind == "phrase" else {"operator": "and"})}}
    if field in KEYWORD_FIELDS:
        name = KEYWORD_FIELDS[field]
        return ({"prefix": {name: {"value": node.text, "case_insensitive": True}}} if prefix
                else {"term": {name: node.text}})
    if field in ID_FIELDS:
        cable = node.text.strip().upper()
        return {"prefix": {"cable": {"value": cable}}} if prefix else {"term": {"cable": cable}}
    if prefix:
        raise QueryError(f"'{field}:' at column {node.col} takes no prefix (*)")
    if field in LEVEL_FIELDS:
        return _level(node.text, node.col)
    if field == "marking":
        return _marking(node.text)
    if field in DATE_FIELDS:
        low, high = date_bounds(node.text, node.col)
        return _date_range("released" if field == "released" else "created", low, high)
    raise QueryError(f"unknown field '{field}:' at column {node.col}")


def _range(node: Range, field: str | None) -> dict[str, Any]:
    _untranslated(field, node.col)
    if field not in DATE_FIELDS:
        raise QueryError(f"a range at column {node.col} needs created:, released: or year:")
    low = date_bounds(node.low, node.col)[0] if node.low else None
    high = date_bounds(node.high, node.col)[1] if node.high else None
    return _date_range("released" if field == "released" else "created", low, high)


# -- clauses ---------------------------------------------------------------------------

def _match(name: str, text: str) -> dict[str, Any]:
    return {"match": {name: {"query": text, "operator": "and"}}}


def _level(text: str, col: int) -> dict[str, Any]:
    return {"term": {"class_level": level_value(text, col, "classification")}}


def _marking(text: str) -> dict[str, Any]:
    if " ".join(text.lower().split()) == UNMARKED:  # the documents leave `level` out
        return _bool(must_not=[{"exists": {"field": "level"}}])
    level, caveats = marking_parts(text)
    terms = [{"term": {"caveats": caveat}} for caveat in caveats]
    return _bool(filter=[{"term": {"level": level}}, *terms] if level else terms)


def _date_range(name: str, low: datetime | None, high: datetime | None) -> dict[str, Any]:
    bounds = {}
    if low:
        bounds["gte"] = low.isoformat(timespec="minutes")
    if high:
        bounds["lte"] = high.isoformat(timespec="minutes")
    return {"range": {name: bounds}}


def _any(clauses: list[dict[str, Any]]) -> dict[str, Any]:
    return clauses[0] if len(clauses) == 1 else _bool(should=clauses)


def _bool(**parts: list[dict[str, Any]]) -> dict[str, Any]:
    """A bool query of the non-empty parts; `should` alone needs one match."""
    body: dict[str, Any] = {kind: clauses for kind, clauses in parts.items() if clauses}
    if "should" in body:
        body["minimum_should_match"] = 1
    return {"bool": body}
