"""The JSON API's shapes, for its OpenAPI document (the answers themselves are the
search results' own `to_json()`, as the CLI prints them; extra fields are allowed so that
a field added to a result is served before it is described here).

The flat values (a hit, a concordance line, a graph's node) are described from their
dataclasses' own fields, so a field added there is described here too.
"""

from __future__ import annotations

import dataclasses
import types
from typing import TYPE_CHECKING, Annotated, Any, Literal, get_args, get_origin, get_type_hints

from fastapi import Path
from pydantic import BaseModel, ConfigDict, Field, RootModel, create_model

from cablesearch.search import results
from cablesearch.search.concordance import Line
from cablesearch.search.refgraph import DIRECTIONS, MAX_NODES
from cablesearch.search.refgraph import RefNode as RefNodeValue

# A [value, count] pair. Written as a list of two rather than a tuple: the fuzzer reads
# OpenAPI 3.1's tuple form (prefixItems) as an invalid schema.
FacetCount = Annotated[list[str | int], Field(min_length=2, max_length=2)]
Direction = Literal[DIRECTIONS]  # type: ignore[valid-type]
CABLE_ID = Path(max_length=64, description="A cable's id, e.g. 08ASTANA1111.")
PARAGRAPH_NUMBER = Path(max_length=32, description="As a ref writes it: 3, 10.2, -, -.1.")
DEFAULT_MAX_NODES = MAX_NODES


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


def _described(value: type, name: str, **more: Any) -> type[BaseModel]:
    """A model of a dataclass's JSON: its fields (tuples as lists) and `more`."""
    hints = get_type_hints(value)
    fields: dict[str, Any] = {}
    for field in dataclasses.fields(value):
        kind = hints[field.name]
        if get_origin(kind) is tuple:
            kind = types.GenericAlias(list, (get_args(kind)[0],))
        required = field.default is dataclasses.MISSING
        fields[field.name] = (kind, ... if required else field.default)
    return create_model(name, __base__=_Open, **fields, **more)


if TYPE_CHECKING:  # made at run time from the dataclasses: open models to a type checker
    Hit = _Open
    KwicLine = _Open
    RefNode = _Open
else:
    Hit = _described(results.Hit, "Hit", url=(str | None, ...), plusd_url=(str, ...))
    KwicLine = _described(Line, "KwicLine")
    RefNode = _described(RefNodeValue, "RefNode")


class Error(BaseModel):
    error: str


class FacetCounts(RootModel[dict[str, list[FacetCount]]]):
    """`{"tag": [["PHUM", 6], ...]}`: the facet asked for, its values by count."""


class CrossTab(_Open):
    """`{"by": ["origin", "year"], "counts": [["Embassy Astana", "2008", 3], ...]}`."""

    by: list[str]
    counts: list[Annotated[list[str | int], Field(min_length=3, max_length=3)]]


class SimilarHit(Hit):
    similarity: float
    near_duplicate: bool


class SimilarAnswer(_Open):
    of: Hit
    checked: int
    similar: list[SimilarHit]


class SearchAnswer(_Open):
    total: int
    hits: list[Hit]
    facets: dict[str, list[FacetCount]]


class Paragraph(_Open):
    ref: str
    seq: int
    number: int | None
    marking: str | None
    level: str | None
    caveats: list[str]
    text: str


class ShownCable(_Open):
    id: str
    subject: str | None
    created: str | None
    released: str | None
    classification: str | None
    origin: str | None
    tags: list[str]
    references: list[str]
    sender: str | None = Field(alias="from")
    to: list[str]
    info: list[str]
    signer: str | None
    handling: list[str]
    paragraphs: list[Paragraph]
    focus: str | None


class Concordance(_Open):
    phrase: str
    total: int
    paragraphs: int
    lines: list[KwicLine]


class RefEdge(_Open):
    source: str
    target: str


class RefGraph(_Open):
    root: str
    depth: int
    direction: str
    truncated: bool
    nodes: list[RefNode]
    edges: list[RefEdge]
