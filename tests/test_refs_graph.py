"""The references graph: the pure walk, the index's answers (`Searcher.refs`, `cited_by`,
`cites:` and `cited-by-count:`), kept right as cables are re-indexed, and `cablesearch refs`
in every output form (GraphML read back by networkx, DOT by pydot)."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import networkx
import pydot
import pytest
from click.testing import CliRunner
from search_cables import small_index  # noqa: F401  (fixture)

from cablesearch.cable import Cable, Paragraph
from cablesearch.cli import main
from cablesearch.index.writer import add_cables
from cablesearch.search import Searcher, UnknownRef
from cablesearch.search.graphformats import GRAPHML_NS
from cablesearch.search.refgraph import CableCard, walk

# A -> B -> C, D -> B, E -> A; C is not in the index; B cites A back (a cycle).
CITES = {"A": ("B",), "B": ("C", "A"), "D": ("B",), "E": ("A",)}


def _card(cable_id: str) -> CableCard | None:
    if cable_id == "C":
        return None
    return CableCard(cable_id, f"subject {cable_id}", "2008-01-01T00:00", "Embassy",
                     CITES.get(cable_id, ()))


def _citers(cable_id: str) -> list[str]:
    return sorted(citer for citer, cited in CITES.items() if cable_id in cited)


def _ids(graph) -> list[tuple[str, int, str]]:
    return [(node.id, node.depth, node.relation) for node in graph.nodes]


def test_walk_cites_to_depth_two():
    graph = walk("A", 2, "cites", _card, _citers)
    assert _ids(graph) == [("A", 0, "root"), ("B", 1, "cites"), ("C", 2, "cites")]
    assert {(e.source, e.target) for e in graph.edges} == {("A", "B"), ("B", "C"), ("B", "A")}
    assert [node.in_index for node in graph.nodes] == [True, True, False]
    assert graph.nodes[2].via == "B" and graph.nodes[2].subject is None


def test_walk_cited_by_follows_citers_of_citers():
    graph = walk("B", 2, "cited-by", _card, _citers)
    assert _ids(graph) == [("B", 0, "root"), ("A", 1, "cited-by"), ("D", 1, "cited-by"),
                           ("E", 2, "cited-by")]
    assert ("E", "A") in {(e.source, e.target) for e in graph.edges}


def test_walk_both_directions_and_depth_one():
    graph = walk("A", 1, "both", _card, _citers)
    assert _ids(graph) == [("A", 0, "root"), ("B", 1, "cites"), ("E", 1, "cited-by")]
    # B cites A too: the citation is an edge, B is listed once (as A's source).
    assert {(e.source, e.target) for e in graph.edges} == {("A", "B"), ("B", "A"), ("E", "A")}


def test_walk_stops_at_max_nodes_and_says_so():
    graph = walk("B", 2, "both", _card, _citers, max_nodes=3)
    assert len(graph.nodes) == 3 and graph.truncated
    assert all({e.source, e.target} <= {n.id for n in graph.nodes} for e in graph.edges)
    assert not walk("B", 2, "both", _card, _citers).truncated


def test_searcher_refs_and_cited_by(small_index):  # noqa: F811
    with Searcher(small_index) as searcher:
        graph = searcher.refs("09baghdad197")
        assert _ids(graph) == [("09BAGHDAD197", 0, "root"), ("08BAGHDAD4000", 1, "cites"),
                               ("08STATE58370", 1, "cites")]
        assert [node.in_index for node in graph.nodes] == [True, False, True]
        assert graph.nodes[2].subject == "DEMARCHE: 2008 TRAFFICKING IN PERSONS REPORT"
        assert graph.nodes[2].created == "2008-06-02T18:20"
        citers = searcher.cited_by("08STATE58370")
        assert [card.id for card in citers] == ["08ASTANA1111", "09BAGHDAD197"]  # oldest first
        # A cable outside the index is a root when indexed cables cite it.
        outside = searcher.refs("08BAGHDAD4000", direction="cited-by")
        assert _ids(outside) == [("08BAGHDAD4000", 0, "root"), ("09BAGHDAD197", 1, "cited-by")]
        with pytest.raises(UnknownRef, match="no indexed cable cites it"):
            searcher.refs("99NOWHERE1")
        with pytest.raises(UnknownRef, match="not a cable id"):
            searcher.refs("08STATE58370 ¶2")


def test_hits_and_show_carry_citers(small_index):  # noqa: F811
    with Searcher(small_index) as searcher:
        hits = searcher.search("trafficking", limit=20).hits
        assert {hit.cable: hit.cited_by for hit in hits}["08STATE58370"] == 2
        assert {hit.cable: hit.cited_by for hit in hits}["08ASTANA1111"] == 0
        shown = searcher.show("08STATE58370")
        assert [card["id"] for card in shown.to_json()["cited_by"]] == [
            "08ASTANA1111", "09BAGHDAD197"]


@pytest.mark.parametrize(("query", "cables"), [
    ("cites:08STATE58370", {"08ASTANA1111", "09BAGHDAD197"}),
    ("ref:08state58370", {"08ASTANA1111", "09BAGHDAD197"}),
    ("cites:08BAGHDAD4000", {"09BAGHDAD197"}),
    ("cited-by-count:[2 TO *]", {"08STATE58370"}),
    ("cited-by-count:2", {"08STATE58370"}),
    ("cited-by-count:[1 TO 1]", set()),
    ("cited-by-count:[* TO 0] hydrocarbon", {"09BAGHDAD197"}),
    ("-cited-by-count:0", {"08STATE58370"}),
])
def test_query_fields(small_index, query, cables):  # noqa: F811
    with Searcher(small_index) as searcher:
        assert {hit.cable for hit in searcher.search(query, limit=100).hits} == cables


@pytest.mark.parametrize(("query", "message"), [
    ("cited-by-count:many", "bad count 'many' at column 16"),
    ("cited-by-count:[5 TO 2]", "empty range at column 16"),
    ("tag:[1 TO 2]", "needs created:, released:, year: or cited-by-count:"),
])
def test_query_field_errors(small_index, query, message):  # noqa: F811
    result = CliRunner().invoke(main, ["search", query, "--index", str(small_index)])
    assert result.exit_code == 2 and message in result.output


def _cable(cable_id: str, *refs: str, created: str = "2008-01-01T00:00") -> Cable:
    return Cable(id=cable_id, subject=f"SUBJECT OF {cable_id}", created=created,
                 references=refs, paragraphs=(Paragraph(1, 1, f"Text of {cable_id}."),))


def test_citers_follow_reindexed_and_removed_cables(tmp_path):
    add_cables(tmp_path, [_cable("08ROOT1"), _cable("08CITER2", "08ROOT1"),
                          _cable("08CITER3", "08ROOT1", created="2008-02-01T00:00")])
    with Searcher(tmp_path) as searcher:
        assert searcher.search("cited-by-count:2", limit=5).total == 1
    # A new version of 08CITER2 drops the REF: its old, deleted version must not count.
    add_cables(tmp_path, [_cable("08CITER2")])
    with Searcher(tmp_path) as searcher:
        assert [card.id for card in searcher.cited_by("08ROOT1")] == ["08CITER3"]
        assert searcher.search("cited-by-count:1", limit=5).hits[0].cable == "08ROOT1"
        assert searcher.search("cited-by-count:2", limit=5).total == 0
        assert searcher.search("08ROOT1", limit=1).hits[0].cited_by == 1


@pytest.fixture(scope="module")
def run(small_index):  # noqa: F811
    def invoke(*args: str):
        return CliRunner().invoke(main, [*args, "--index", str(small_index)])

    return invoke


def test_cli_refs_table(run):
    result = run("refs", "08STATE58370")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "08STATE58370: cites 0 cables (0 in the index), cited by 2 cables"
    assert lines[1].split() == ["depth", "relation", "cable", "created", "indexed", "via",
                                "subject"]
    assert lines[3].split()[:6] == ["1", "cited-by", "08ASTANA1111", "2008-06-13", "yes",
                                    "08STATE58370"]


def test_cli_refs_json(run):
    data = json.loads(run("refs", "09BAGHDAD197", "--format", "json").output)
    assert set(data) == {"root", "depth", "direction", "truncated", "nodes", "edges"}
    assert set(data["nodes"][0]) == {"id", "depth", "relation", "via", "in_index", "subject",
                                     "created", "origin"}
    assert data["edges"] == [{"source": "09BAGHDAD197", "target": "08BAGHDAD4000"},
                             {"source": "09BAGHDAD197", "target": "08STATE58370"}]


def test_cli_refs_graphml_reads_back(run):
    result = run("refs", "08STATE58370", "--depth", "2", "--format", "graphml")
    ET.fromstring(result.output.encode("utf-8"))  # well-formed XML
    graph = networkx.parse_graphml(result.output)
    assert graph.is_directed()
    assert set(graph.nodes) == {"08STATE58370", "08ASTANA1111", "09BAGHDAD197"}
    assert set(graph.edges) == {("08ASTANA1111", "08STATE58370"),
                                ("09BAGHDAD197", "08STATE58370")}
    assert graph.nodes["08ASTANA1111"]["in_index"] is True
    assert graph.nodes["08STATE58370"]["subject"].startswith("DEMARCHE")
    assert graph.nodes["08ASTANA1111"]["depth"] == 1
    assert ET.fromstring(result.output).tag == f"{{{GRAPHML_NS}}}graphml"


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # pydot's use of pyparsing
def test_cli_refs_dot_parses(run):
    result = run("refs", "09BAGHDAD197", "--format", "dot")
    (graph,) = pydot.graph_from_dot_data(result.output)
    assert graph.get_type() == "digraph"
    names = {node.get_name().strip('"') for node in graph.get_nodes()} - {"node"}
    assert names == {"09BAGHDAD197", "08BAGHDAD4000", "08STATE58370"}
    edges = {(e.get_source().strip('"'), e.get_destination().strip('"'))
             for e in graph.get_edges()}
    assert edges == {("09BAGHDAD197", "08BAGHDAD4000"), ("09BAGHDAD197", "08STATE58370")}
    missing = graph.get_node('"08BAGHDAD4000"')[0]
    assert missing.get("style") == "dashed"


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_dot_and_graphml_escape_subjects(tmp_path):
    subject = 'IRAQ: "QUOTED" \\ BACKSLASH <TAG> & \x07BELL'
    add_cables(tmp_path, [Cable(id="08ODD1", subject=subject, created="2008-01-01T00:00",
                                references=("08OTHER2",),
                                paragraphs=(Paragraph(1, 1, "Text."),))])
    runner = CliRunner()
    dot = runner.invoke(main, ["refs", "08ODD1", "--format", "dot", "--index", str(tmp_path)])
    (graph,) = pydot.graph_from_dot_data(dot.output)
    assert len(graph.get_edges()) == 1
    graphml = runner.invoke(main, ["refs", "08ODD1", "--format", "graphml",
                                   "--index", str(tmp_path)])
    parsed = networkx.parse_graphml(graphml.output)
    assert parsed.nodes["08ODD1"]["subject"] == subject.replace("\x07", "")


def test_cli_refs_errors(run, tmp_path):
    missing = run("refs", "99NOWHERE1")
    assert missing.exit_code == 1
    assert missing.output.strip().splitlines() == [
        "error: 99NOWHERE1: no such cable in the index, and no indexed cable cites it"]
    assert run("refs", "08STATE58370", "--depth", "0").exit_code == 2
    assert run("refs", "08STATE58370", "--direction", "sideways").exit_code == 2
    no_index = CliRunner().invoke(main, ["refs", "08STATE58370", "--index",
                                         str(tmp_path / "none")])
    assert no_index.exit_code == 1 and "no index here" in no_index.output


def test_cli_show_lists_citers(run):
    result = run("show", "08STATE58370")
    assert "Cited by: 2 cables" in result.output
    assert "  08ASTANA1111  2008-06-13  KAZAKHSTAN: TIP REPORT DELIVERED" in result.output
    assert "Cited by: 0 cables" in run("show", "08ASTANA1111").output


def test_real_citers_match_the_parsed_references(real_index, shared_corpus):
    """Every indexed cable's citers, as the index answers them, are exactly the parsed
    cables whose references name it (09BERLIN1167 is the most cited: 5)."""
    from cablesearch.sources import read_cables

    cables = list(read_cables([shared_corpus / "wikileaks-html"]))
    expected: dict[str, set[str]] = {}
    for cable in cables:
        for ref in cable.references:
            expected.setdefault(ref, set()).add(cable.id)
    with Searcher(real_index) as searcher:
        for cable in cables:
            assert {card.id for card in searcher.cited_by(cable.id)} == \
                expected.get(cable.id, set()), cable.id
        most = {hit.cable for hit in searcher.search("cited-by-count:[5 TO *]",
                                                     by_cable=True, limit=50).hits}
        assert most == {c.id for c in cables if len(expected.get(c.id, ())) >= 5}
        graph = searcher.refs(max(most), depth=2, direction="cited-by")
        assert {n.id for n in graph.nodes if n.depth == 1} == expected[max(most)]


def test_cli_refs_csv(run):
    rows = list(csv.DictReader(io.StringIO(run("refs", "08STATE58370", "--format",
                                               "csv").output)))
    assert [(row["id"], row["relation"], row["via"], row["in_index"]) for row in rows] == [
        ("08STATE58370", "root", "", "yes"), ("08ASTANA1111", "cited-by", "08STATE58370", "yes"),
        ("09BAGHDAD197", "cited-by", "08STATE58370", "yes")]
    assert rows[1]["created"] == "2008-06-13T11:56"


def test_cli_search_csv_carries_citers(run):
    rows = list(csv.DictReader(io.StringIO(run("search", "deliver", "--format", "csv").output)))
    assert {row["cable"]: row["cited_by"] for row in rows}["08STATE58370"] == "2"
    assert all(row["copies"] == "" for row in rows)
