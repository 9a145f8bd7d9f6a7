"""The Python API as users call it: every name from `cablesearch`, and the tour of
docs/api.md run on an index of `corpus/`, checked against what its comments say."""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
from pathlib import Path

import pytest

import cablesearch

REPO = Path(__file__).resolve().parent.parent
# The names the API promises, beside what research and the web added for notebooks.
PROMISED = {"Searcher", "update_index", "remove_cables", "index_stats", "read_cables", "Cable",
            "Paragraph", "ParseError", "QueryError", "IndexMissing", "UnknownRef"}
# Where each exported name is defined.
HOMES = {
    "cablesearch.cable": {"Cable", "Paragraph", "ParseError"},
    "cablesearch.sources": {"read_cables"},
    "cablesearch.index.writer": {"update_index", "remove_cables", "IndexReport"},
    "cablesearch.index.stats": {"index_stats"},
    "cablesearch.index.store": {"IndexMissing"},
    "cablesearch.index.lock": {"IndexBusy"},
    "cablesearch.search.searcher": {"Searcher"},
    "cablesearch.search.errors": {"QueryError", "UnknownRef"},
    "cablesearch.search.querylang": {"operator_warnings"},
    "cablesearch.search.results": {"Hit", "SearchResult"},
    "cablesearch.search.shown": {"Shown"},
    "cablesearch.search.concordance": {"Concordance", "Line"},
    "cablesearch.search.crosstab": {"CrossTab"},
    "cablesearch.search.timeline": {"Timeline"},
    "cablesearch.search.refgraph": {"CableCard", "RefEdge", "RefGraph", "RefNode"},
    "cablesearch.search.similar": {"Similar", "SimilarResult"},
    "cablesearch.search.citation": {"STYLES", "citation", "citation_item", "citations"},
    "cablesearch.search.export": {"RECORD_FIELDS", "write_csv", "write_jsonl"},
}


def test_all_holds_the_promised_names() -> None:
    assert PROMISED <= set(cablesearch.__all__)
    assert len(cablesearch.__all__) == len(set(cablesearch.__all__))


@pytest.mark.parametrize("name", cablesearch.__all__)
def test_each_name_is_the_object_its_module_defines(name: str) -> None:
    homes = [module for module, names in HOMES.items() if name in names]
    if name == "NoIndex":  # the old spelling: the same class as IndexMissing
        assert cablesearch.NoIndex is cablesearch.IndexMissing
        return
    assert len(homes) == 1, f"{name} is exported but this test does not say where it lives"
    value = getattr(cablesearch, name)
    assert value is getattr(importlib.import_module(homes[0]), name)
    if hasattr(value, "__module__") and callable(value):
        assert value.__module__ == homes[0]  # defined there, not re-exported from elsewhere


def test_star_import_and_unknown_names() -> None:
    space: dict = {}
    exec("from cablesearch import *", space)
    assert set(cablesearch.__all__) <= set(space)
    with pytest.raises(AttributeError, match="no attribute 'Serch'"):
        cablesearch.Serch  # noqa: B018
    assert "Searcher" in dir(cablesearch)


def test_import_is_light() -> None:
    """`import cablesearch` loads neither Whoosh nor numpy: names load on first use."""
    heavy = "('whoosh', 'numpy', 'cablesearch.search')"
    code = f"import sys, cablesearch; print(sorted(m for m in {heavy} if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"


def test_a_name_shared_with_its_module_is_the_name_after_the_module_loads() -> None:
    """`search.citation` is a function and a module's name: whichever loads first, the
    package hands out the function."""
    code = ("import cablesearch.search.export, cablesearch.search as s; "
            "from cablesearch.search import citation; "
            "print(callable(citation), s.citation is citation)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.split() == ["True", "True"]


def api_tour() -> str:
    page = (REPO / "docs" / "api.md").read_text(encoding="utf-8")
    return re.search(r"```python\n(.*?)```", page, re.S).group(1)


def test_api_tour_runs_on_the_corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "corpus").symlink_to(REPO / "corpus", target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    space: dict = {}
    exec(compile(api_tour(), "docs/api.md", "exec"), space)
    # What the comments say the example finds.
    assert space["report"].skipped == []
    assert (tmp_path / "index").is_dir()
    assert space["r"].hits[0].ref == "08ASTANA1502 ¶1"
    assert space["r"].facets["tag"][:3] == [("KTIP", 7), ("PHUM", 7), ("KCRM", 6)]
    tree = space["tree"]
    assert type(tree).__name__ == "Near" and tree.distance == 5
    assert [word.text for word in tree.items] == ["pipeline", "gas"]
    assert "column" in space["bad"]
    assert space["missing"].startswith("no-such-index: no index here")


def test_readme_api_block_finds_what_its_comments_say(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```python\n(.*?)```", readme, re.S).group(1)
    (tmp_path / "corpus").symlink_to(REPO / "corpus", target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    space: dict = {}
    exec(compile(block, "README.md (Python API)", "exec"), space)
    r = space["r"]
    assert (r.total, r.hits[0].ref) == (7, "08ASTANA1502 ¶1")
