"""The manifest journal: replayed in order, a torn last batch ignored, compacted when stale."""

import pytest

from cablesearch.index.manifest import MANIFEST_NAME, Manifest


def test_records_survive_a_reload(tmp_path):
    manifest = Manifest.load(tmp_path)
    manifest.record("a.html", "d1", {"08TEST1": ("h1", 3)})
    manifest.save()
    reloaded = Manifest.load(tmp_path)
    assert reloaded.is_current("a.html", "d1") and not reloaded.is_current("a.html", "d2")
    assert reloaded.cable("08TEST1") == ("h1", 3)


def test_a_cable_moving_to_a_later_unit_leaves_the_earlier_one(tmp_path):
    manifest = Manifest.load(tmp_path)
    manifest.record("a.html", "d1", {"08TEST1": ("h1", 3), "08TEST2": ("h2", 1)})
    manifest.record("b.html", "d2", {"08TEST1": ("h9", 4)})
    manifest.save()
    reloaded = Manifest.load(tmp_path)
    assert reloaded.owner["08TEST1"] == "b.html" and reloaded.cable("08TEST1") == ("h9", 4)
    assert reloaded.units["a.html"].cables == {"08TEST2": ("h2", 1)}


def test_forgetting_a_cable_makes_its_unit_read_again(tmp_path):
    manifest = Manifest.load(tmp_path)
    manifest.record("a.html", "d1", {"08TEST1": ("h1", 3)})
    manifest.save()
    manifest.forget("08TEST1")
    manifest.save()
    reloaded = Manifest.load(tmp_path)
    assert reloaded.cable("08TEST1") is None and not reloaded.is_current("a.html", "d1")


def test_a_batch_torn_by_a_crash_is_ignored(tmp_path):
    manifest = Manifest.load(tmp_path)
    manifest.record("a.html", "d1", {"08TEST1": ("h1", 3)})
    manifest.save()
    with open(tmp_path / MANIFEST_NAME, "a", encoding="utf-8") as journal:
        journal.write("U\tb.html\td2\nC\t08TEST2\th2\t")
    reloaded = Manifest.load(tmp_path)
    assert "b.html" not in reloaded.units and reloaded.cable("08TEST2") is None
    assert reloaded.cable("08TEST1") == ("h1", 3)


def test_compaction_keeps_the_state_and_drops_the_history(tmp_path):
    manifest = Manifest.load(tmp_path)
    for digest in range(10):
        manifest.record("a.html", f"d{digest}", {"08TEST1": (f"h{digest}", 3)})
        manifest.save()
    before = (tmp_path / MANIFEST_NAME).stat().st_size
    manifest.compact()
    assert (tmp_path / MANIFEST_NAME).stat().st_size < before / 5
    reloaded = Manifest.load(tmp_path)
    assert reloaded.is_current("a.html", "d9") and reloaded.cable("08TEST1") == ("h9", 3)


@pytest.mark.parametrize("source", [
    "odd\tname.html", "two\nlines.html", "cr\r.html", "back\\slash\\t.html",
    "latin1-\udcff.html",  # a file name byte that is not UTF-8, as os.fsdecode gives it
])
def test_every_file_name_round_trips_through_the_journal(tmp_path, source):
    manifest = Manifest.load(tmp_path)
    manifest.record(source, "d1", {"08TEST1": ("h1", 3)})
    manifest.record("next.html", "d2", {"08TEST2": ("h2", 1)})
    manifest.save()
    reloaded = Manifest.load(tmp_path)
    assert reloaded.is_current(source, "d1") and reloaded.owner["08TEST1"] == source
    assert reloaded.is_current("next.html", "d2")
    reloaded.record("filler.html", "d3", {})
    for _ in range(3):
        reloaded.forget("08TEST2")
        reloaded.save()
    reloaded.compact()
    assert Manifest.load(tmp_path).is_current(source, "d1")
