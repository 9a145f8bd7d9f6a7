"""The JSON API's shapes, for its OpenAPI document (the answers themselves are the
search results' own `to_json()`, as the CLI prints them; extra fields are allowed so that
a field added to a hit is served before it is described here)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Path
from pydantic import BaseModel, ConfigDict, Field, RootModel

from cablesearch.search.facets import FACETS
from cablesearch.search.refgraph import DIRECTIONS, MAX_NODES

FacetName = Literal[FACETS]  # type: ignore[valid-type]
# A [value, count] pair. Written as a list of two rather than a tuple: the fuzzer reads
# OpenAPI 3.1's tuple form (prefixItems) as an invalid schema.
FacetCount = Annotated[list[str | int], Field(min_length=2, max_length=2)]
Direction = Literal[DIRECTIONS]  # type: ignore[valid-type]
CABLE_ID = Path(max_length=64, description="A cable's id, e.g. 08ASTANA1111.")
DEFAULT_MAX_NODES = MAX_NODES


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class Error(BaseModel):
    error: str


class FacetCounts(RootModel[dict[str, list[FacetCount]]]):
    """`{"tag": [["PHUM", 6], ...]}`: the facet asked for, its values by count."""


class Hit(_Open):
    ref: str
    cable: str
    number: int | None
    seq: int
    marking: str | None
    level: str | None
    subject: str | None
    created: str | None
    origin: str | None
    tags: list[str]
    score: float | None
    snippet: str
    matches: int | None = None


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


class KwicLine(_Open):
    ref: str
    cable: str
    seq: int
    created: str | None
    marking: str | None
    left: str
    match: str
    right: str


class Concordance(_Open):
    phrase: str
    total: int
    paragraphs: int
    lines: list[KwicLine]


class RefNode(_Open):
    id: str
    depth: int
    relation: str
    via: str | None
    in_index: bool
    subject: str | None
    created: str | None
    origin: str | None


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
