"""The parameters of a search, as the web takes them: named as the CLI's options.

One dependency reads them for the search page, the export and the JSON API alike, so a
URL means the same thing everywhere; FastAPI's checks refuse what the CLI would refuse
(a limit below 1, an unknown sort) and what no one types (a query of a megabyte).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import Depends, Query

from cablesearch.search.citation import STYLES
from cablesearch.search.concordance import SORTS as KWIC_SORTS
from cablesearch.search.concordance import WIDTH
from cablesearch.search.errors import QueryError
from cablesearch.search.export import RECORD_FIELDS, asked_columns
from cablesearch.search.facets import ALL_FACETS
from cablesearch.search.searcher import SORTS
from cablesearch.search.timeline import UNITS

MAX_QUERY_CHARS = 1000
MAX_VALUE_CHARS = 200  # a filter value: a tag, an origin, a date
MAX_LIMIT = 1000
MAX_PAGE = 10_000
DEFAULT_LIMIT = 10
# The filters a facet value narrows to: a tag adds one (tags are all required), a year is
# a date range, the others replace the filter of their name (a caveat is a marking filter:
# `--marking NF`).
FACET_FILTERS = {"tag": "tag", "origin": "origin", "classification": "classification",
                 "marking": "marking", "caveat": "marking"}

# Written into a URL only when set, in this order.
_OPTIONAL = ("origin", "classification", "marking", "since", "until", "facets", "timeline",
             "sort")
Value = Annotated[str | None, Query(max_length=MAX_VALUE_CHARS)]


@dataclass(frozen=True)
class SearchParams:
    """A search as the CLI's `search` options would state it."""

    q: str = ""
    tag: tuple[str, ...] = ()
    origin: str | None = None
    classification: str | None = None
    marking: str | None = None
    since: str | None = None
    until: str | None = None
    sort: str | None = None  # the Searcher's default: relevance, or date for filters alone
    limit: int = DEFAULT_LIMIT
    page: int = 1
    by_cable: bool = False
    facets: str | None = None
    timeline: str | None = None
    collapse_duplicates: bool = False

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.limit

    @property
    def filters(self) -> dict[str, Any]:
        """The filters as the CLI passes them to `Searcher.search`."""
        return {"tag": list(self.tag), "origin": self.origin,
                "classification": self.classification, "marking": self.marking,
                "since": self.since, "until": self.until}

    @property
    def facet_names(self) -> tuple[str, ...]:
        """`facets=tag,year` as a tuple; unknown names are left for the Searcher to refuse."""
        return tuple(name.strip() for name in (self.facets or "").split(",") if name.strip())

    def search_args(self, facets: tuple[str, ...] | None = None,
                    timeline: str | None = None) -> dict[str, Any]:
        """Keyword arguments of `Searcher.search` (what the CLI's `search` passes);
        the page asks for every facet and a timeline whatever the URL says."""
        return {"filters": self.filters, "sort": self.sort, "limit": self.limit,
                "offset": self.offset, "by_cable": self.by_cable,
                "facets": self.facet_names if facets is None else facets,
                "timeline": timeline or self.timeline,
                "collapse_duplicates": self.collapse_duplicates}

    def query_string(self, **changes: Any) -> str:
        """The URL query of these parameters with `changes`, defaults left out; a change
        of anything but the page goes back to page 1. (A page has hundreds of facet links:
        this reads the fields as a dict rather than building a SearchParams per link.)"""
        values = {**self.__dict__, "page": 1, **changes}
        pairs: list[tuple[str, Any]] = [("q", values["q"])]
        pairs += [("tag", tag) for tag in values["tag"]]
        pairs += [(name, values[name]) for name in _OPTIONAL if values[name]]
        if values["limit"] != DEFAULT_LIMIT:
            pairs.append(("limit", values["limit"]))
        if values["page"] != 1:
            pairs.append(("page", values["page"]))
        if values["by_cable"]:
            pairs.append(("by-cable", "true"))
        if values["collapse_duplicates"]:
            pairs.append(("collapse-duplicates", "true"))
        return urlencode(pairs)

    def export_query_string(self) -> str:
        """The URL query of an export of every paragraph this search matches: what the
        page's paging, grouping and counts add does not go with one."""
        return self.query_string(by_cable=False, facets=None, timeline=None,
                                 collapse_duplicates=False, limit=DEFAULT_LIMIT)

    def export_conflicts(self) -> list[str]:
        """The parameters an export of every paragraph refuses (as `search --all` does)."""
        return [name for name, given in (("by-cable", self.by_cable),
                                         ("collapse-duplicates", self.collapse_duplicates),
                                         ("facets", self.facets), ("timeline", self.timeline))
                if given]

    def kwic_query_string(self) -> str:
        """The concordance of the query's words among the paragraphs it matches."""
        pairs: list[tuple[str, Any]] = [("phrase", self.q), ("q", self.q)]
        pairs += [(name, value) for name, value, _ in self.active_filters()]
        return urlencode(pairs)

    def narrowed(self, facet: str, value: str) -> SearchParams:
        """These parameters narrowed to one facet value."""
        if facet == "year":
            return replace(self, since=value, until=value, page=1)
        if facet == "tag":
            return replace(self, tag=(*self.tag, value) if value not in self.tag else self.tag,
                           page=1)
        return self._filtered(FACET_FILTERS[facet], value)

    def _filtered(self, name: str, value: str | None) -> SearchParams:
        """These parameters with one text filter set (or cleared), from the first page."""
        changes: dict[str, Any] = {name: value, "page": 1}
        return replace(self, **changes)

    @staticmethod
    def narrows(facet: str) -> bool:
        """Whether a facet's values can be filters (a facet with no filter of its own, as
        the subject's marking, is shown as counts only)."""
        return facet == "year" or facet in FACET_FILTERS

    def toggled(self, facet: str, value: str) -> SearchParams:
        """Narrowed to a facet value, or widened again if it is already a filter."""
        if not self.has(facet, value):
            return self.narrowed(facet, value)
        if facet == "year":
            return replace(self, since=None, until=None, page=1)
        if facet == "tag":
            return replace(self, tag=tuple(tag for tag in self.tag if tag != value), page=1)
        return self._filtered(FACET_FILTERS[facet], None)

    def has(self, facet: str, value: str) -> bool:
        """Whether a facet value is already one of the filters."""
        if not self.narrows(facet):
            return False
        if facet == "year":
            return self.since == value and self.until == value
        if facet == "tag":
            return value in self.tag
        return getattr(self, FACET_FILTERS[facet]) == value

    @property
    def searched(self) -> bool:
        """Whether there is anything to search: query words, or filters alone."""
        return bool(self.q.strip()) or any(value for _, value, _ in self.active_filters())

    @property
    def effective_sort(self) -> str:
        return self.sort or ("relevance" if self.q.strip() else "date")

    def active_filters(self) -> list[tuple[str, str, SearchParams]]:
        """(name, value, the parameters without it) for each filter set, to show and
        remove."""
        found = [("tag", tag, self.toggled("tag", tag)) for tag in self.tag]
        for name in ("origin", "classification", "marking", "since", "until"):
            value = getattr(self, name)
            if value:
                found.append((name, value, self._filtered(name, None)))
        return found


def filter_params(
    tag: Annotated[list[str] | None, Query(description="Only cables with this tag (repeat: "
                                                       "all).")] = None,
    origin: Value = None,
    classification: Value = None,
    marking: Value = None,
    since: Value = None,
    until: Value = None,
) -> dict[str, Any]:
    """The filters, shared by every view that takes them (search, export, concordance)."""
    for value in tag or ():
        if len(value) > MAX_VALUE_CHARS:
            raise QueryError(f"tag longer than {MAX_VALUE_CHARS} characters")
    return {"tag": tuple(tag or ()), "origin": origin, "classification": classification,
            "marking": marking, "since": since, "until": until}


Filters = Annotated[dict[str, Any], Depends(filter_params)]
QueryText = Annotated[str, Query(max_length=MAX_QUERY_CHARS,
                                 description="The query, in the query language of `search`.")]


def search_params(
    filters: Filters,
    q: QueryText = "",
    sort: Annotated[Literal[SORTS] | None, Query(  # type: ignore[valid-type]
        description="relevance (the default with a query), date (the default for "
                    "filters alone, oldest first) or -date.")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
    page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
    by_cable: Annotated[bool, Query(alias="by-cable")] = False,
    facets: Annotated[str | None, Query(max_length=MAX_VALUE_CHARS,
                                        description=f"Comma-separated: {','.join(ALL_FACETS)}."
                                        )] = None,
    timeline: Annotated[Literal[UNITS] | None, Query(  # type: ignore[valid-type]
        description="Add the hits per year or month.")] = None,
    collapse_duplicates: Annotated[bool, Query(
        alias="collapse-duplicates",
        description="A near-copy of a better ranked hit is folded into it.")] = False,
) -> SearchParams:
    return SearchParams(q, sort=sort, limit=limit, page=page, by_cable=by_cable,
                        facets=facets, timeline=timeline,
                        collapse_duplicates=collapse_duplicates, **filters)


@dataclass(frozen=True)
class KwicParams:
    """A concordance as the CLI's `kwic` options state it."""

    phrase: str
    q: str
    filters: dict[str, Any]
    width: int = WIDTH
    sort: str = "date"
    limit: int = 100

    def kwic_args(self) -> dict[str, Any]:
        """Keyword arguments of `Searcher.kwic` (what the CLI's `kwic` passes)."""
        return {"filters": self.filters, "width": self.width, "sort": self.sort,
                "limit": self.limit}


def kwic_params(
    filters: Filters,
    phrase: Annotated[str, Query(max_length=MAX_VALUE_CHARS,
                                 description='A word or "a phrase".')] = "",
    q: QueryText = "",
    width: Annotated[int, Query(ge=1, le=200)] = WIDTH,
    sort: Annotated[Literal[KWIC_SORTS], Query(  # type: ignore[valid-type]
        description="date (oldest first); left or right: by the words nearest the match."
    )] = "date",
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
) -> KwicParams:
    return KwicParams(phrase, q, filters, width, sort, limit)


CITE_STYLE = "chicago"


@dataclass(frozen=True)
class ExportParams:
    """What an export writes, as the CLI's `--fields`, `--excel` and `--cite` state it."""

    columns: tuple[str, ...] = (*RECORD_FIELDS, "citation")
    excel: bool = False
    cite: str = CITE_STYLE


def export_params(
    fields: Annotated[str | None, Query(
        max_length=MAX_VALUE_CHARS,
        description=f"The columns, comma-separated ({', '.join(RECORD_FIELDS)}, citation); "
                    "all of them by default.")] = None,
    excel: Annotated[bool, Query(description="CSV for Excel: a UTF-8 BOM first and CRLF line "
                                             "ends.")] = False,
    cite: Annotated[Literal[tuple(STYLES)] | None, Query(  # type: ignore[valid-type]
        description=f"The style of the citation column ({CITE_STYLE} by default); with "
                    "`fields`, adds the column where they leave it out.")] = None,
) -> ExportParams:
    try:
        columns = asked_columns(fields, cite, ExportParams.columns)
    except ValueError as error:
        raise QueryError(f"fields: {error}") from None
    return ExportParams(columns, excel, cite or CITE_STYLE)
