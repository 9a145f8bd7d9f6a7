"""What a search answers: hits a researcher can cite, the exact total, and facet counts."""

from __future__ import annotations

from dataclasses import dataclass, field

from cablesearch.search.refs import plusd_url, viewer_url
from cablesearch.search.timeline import Timeline


@dataclass(frozen=True)
class Hit:
    """One matching paragraph (with `by_cable`, the best one of its cable).

    `ref` names exactly this paragraph (`show` opens it: `search.refs`); `snippet` is the
    best passage with matched terms marked `[[like this]]`, `text` the whole paragraph;
    `matches` is how many paragraphs of the cable matched when results are collapsed by
    cable. `url` (the WikiLeaks viewer, `#parN`) and `plusd_url` derive from the rest.
    `cited_by` is how many indexed cables cite the hit's cable in their REF lines;
    `copies`, when near-duplicates are collapsed, how many matches it stands for.
    """

    ref: str
    cable: str
    number: int | None
    seq: int
    marking: str | None
    level: str | None
    subject: str | None
    created: str | None
    origin: str | None
    tags: tuple[str, ...]
    score: float | None
    snippet: str
    matches: int | None = None
    text: str = ""
    cited_by: int = 0
    copies: int | None = None

    @property
    def url(self) -> str | None:
        """The cable's page in the WikiLeaks viewer, anchored on the paragraph's number."""
        return viewer_url(self.cable, self.created, self.number)

    @property
    def plusd_url(self) -> str:
        return plusd_url(self.cable)

    @property
    def citation(self) -> str:
        """The reference with its marking, as cited: `08ASTANA1111 ¶3 (SBU)`."""
        return f"{self.ref} ({self.marking})" if self.marking else self.ref

    def to_json(self) -> dict:
        data = {
            "ref": self.ref,
            "cable": self.cable,
            "number": self.number,
            "seq": self.seq,
            "marking": self.marking,
            "level": self.level,
            "subject": self.subject,
            "created": self.created,
            "origin": self.origin,
            "tags": list(self.tags),
            "score": self.score,
            "snippet": self.snippet,
            "url": self.url,
            "plusd_url": self.plusd_url,
            "text": self.text,
            "cited_by": self.cited_by,
        }
        if self.matches is not None:
            data["matches"] = self.matches
        if self.copies is not None:
            data["copies"] = self.copies
        return data


@dataclass(frozen=True)
class SearchResult:
    """`total` is exact: every matching paragraph (or cable, `by_cable`) is counted.
    `did_you_mean`, for a query with no or few hits, is the query respelled from the
    index's own words, when that finds more."""

    total: int
    hits: tuple[Hit, ...]
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    by_cable: bool = False
    timeline: Timeline | None = None
    did_you_mean: str | None = None

    def to_json(self) -> dict:
        data = {
            "total": self.total,
            "hits": [hit.to_json() for hit in self.hits],
            "facets": {name: [[value, count] for value, count in counts]
                       for name, counts in self.facets.items()},
        }
        if self.timeline is not None:
            data["timeline"] = self.timeline.to_json()
        if self.did_you_mean is not None:
            data["did_you_mean"] = self.did_you_mean
        return data
