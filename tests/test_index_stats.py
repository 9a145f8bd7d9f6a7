"""`index_stats`: the json keys of `cablesearch stats`, computed from the columns."""

from datetime import datetime, timezone

from index_helpers import cable

from cablesearch.cable import Cable, Paragraph
from cablesearch.index import add_cables, index_stats, remove_cables

KEYS = {"cables", "paragraphs", "first_created", "last_created", "by_classification",
        "by_marking", "bytes", "updated", "not_indexed", "analysis_version"}


def test_stats_count_cables_paragraphs_levels_and_dates(tmp_path):
    add_cables(tmp_path, [
        cable("08TEST1", "a", "b", created="2008-06-13T11:56", classification="SECRET//NOFORN"),
        cable("03TEST2", "c", created="2003-01-02T03:04", classification="CONFIDENTIAL"),
        Cable(id="09TEST3", classification="UNCLASSIFIED",
              paragraphs=(Paragraph(1, None, "unmarked"), Paragraph(2, 1, "u", "U", "U"))),
    ])
    stats = index_stats(tmp_path)
    assert set(stats) == KEYS
    assert (stats["cables"], stats["paragraphs"]) == (3, 5)
    assert (stats["first_created"], stats["last_created"]) == (
        "2003-01-02T03:04", "2008-06-13T11:56")
    assert stats["by_classification"] == {"S": 1, "C": 1, "U": 1}
    assert stats["by_marking"] == {"C": 3, "unmarked": 1, "U": 1}
    assert stats["bytes"] > 0
    updated = datetime.fromisoformat(stats["updated"])
    assert abs((datetime.now(timezone.utc) - updated).total_seconds()) < 600


def test_stats_ignore_removed_cables(tmp_path):
    add_cables(tmp_path, [cable("08TEST1", "a", "b"), cable("08TEST2", "c")])
    remove_cables(tmp_path, ["08TEST1"])
    stats = index_stats(tmp_path)
    assert (stats["cables"], stats["paragraphs"]) == (1, 1)
    assert stats["first_created"] is None
