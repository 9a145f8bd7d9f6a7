"""Timelines: exact hits per year or month, every bucket between the first and the last."""

from __future__ import annotations

import csv
import io
import json

import numpy as np
import pytest
from search_cables import small_cli, small_index  # noqa: F401  (fixtures)

from cablesearch.search import QueryError, Searcher
from cablesearch.search.timeline import UNDATED, Timeline, count_timeline


def test_counts_fill_every_bucket_between():
    month_of = np.array([2008 * 12 + 5, 2008 * 12 + 5, 2010 * 12 + 1, UNDATED, 2009 * 12])
    years = count_timeline(month_of, [0, 1, 2, 3], "year")
    assert years == Timeline("year", (("2008", 2), ("2009", 0), ("2010", 1)), undated=1)
    months = count_timeline(month_of, [0, 2], "month")
    assert months.buckets[0] == ("2008-06", 1) and months.buckets[-1] == ("2010-02", 1)
    assert len(months.buckets) == 21 and sum(count for _, count in months.buckets) == 2
    assert count_timeline(month_of, [3], "year") == Timeline("year", (), undated=1)


def test_sparkline_marks_zero_buckets_blank():
    line = Timeline("year", (("2008", 8), ("2009", 0), ("2010", 1))).sparkline()
    assert line[0] == "█" and line[1] == " " and line[2] != " "


def test_search_timeline_matches_the_year_facet(small_index):  # noqa: F811
    with Searcher(small_index) as searcher:
        result = searcher.search("trafficking OR minister OR pipeline", facets=["year"],
                                 timeline="year")
        by_month = searcher.timeline("trafficking", "month", filters={"tag": "PHUM"})
        cables = searcher.timeline(None, "year", by_cable=True)
        with pytest.raises(QueryError, match="unknown timeline"):
            searcher.search("trafficking", timeline="week")
    facet = {year: count for year, count in result.facets["year"]}
    assert {label: count for label, count in result.timeline.buckets if count} == facet
    assert sum(count for _, count in result.timeline.buckets) == result.total
    assert [label for label, _ in result.timeline.buckets] == [
        str(year) for year in range(2006, 2011)]
    assert dict(by_month.buckets)["2008-06"] == 5 and dict(by_month.buckets)["2010-02"] == 1
    assert dict(cables.buckets) == {"2006": 1, "2007": 0, "2008": 2, "2009": 1, "2010": 1}


@pytest.fixture(scope="module")
def run(small_cli):  # noqa: F811
    return small_cli


def test_cli_forms(run):
    data = json.loads(run("search", "trafficking", "--timeline", "year", "--format",
                          "json").output)
    assert data["timeline"] == {"unit": "year", "buckets": [["2008", 5], ["2009", 0],
                                                            ["2010", 1]], "undated": 0}
    rows = list(csv.reader(io.StringIO(run("search", "trafficking", "--timeline", "month",
                                           "--format", "csv").output)))
    assert rows[0] == ["bucket", "count"] and rows[1] == ["2008-06", "5"]
    assert rows[-1] == ["2010-02", "1"] and len(rows) == 1 + 21
    table = run("search", "trafficking", "--timeline", "year", "--format", "table").output
    assert "timeline by year: 2008 █ ▂ 2010 (peak 5 in 2008)" in table


def test_cli_refuses_a_bad_unit_and_timeline_with_all(run):
    assert run("search", "trafficking", "--timeline", "week").exit_code == 2
    refused = run("search", "trafficking", "--timeline", "year", "--all")
    assert refused.exit_code == 2 and "--timeline" in refused.output
