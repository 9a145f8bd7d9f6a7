"""Carrying our paragraphs and queries to OpenSearch / Elasticsearch, tested offline.

No engine runs here, so the request bodies are held to the official client's own DSL
classes (an unknown query kind or a misspelt clause does not build), the bulk files to
the documented NDJSON form and back to the very cables indexed, and the loader to a
loopback stand-in that answers the three calls the client makes.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner
from opensearchpy import Search
from opensearchpy.helpers.query import Q

from cablesearch.cli import main
from cablesearch.engine.compile import KNOWN_FIELDS
from cablesearch.index import index_stats, update_index
from cablesearch.opensearch import cable_from_documents, index_body, to_dsl, write_export
from cablesearch.opensearch.dsl import UNTRANSLATED
from cablesearch.opensearch.load import LoadError, load
from cablesearch.opensearch.mapping import PROPERTIES
from cablesearch.search import QueryError, Searcher

VALUES = {"class": "secret", "classification": "C", "marking": "S/NF", "year": "2008",
          "created": "2008-06", "released": "2010-12-01", "id": "08ASTANA1111",
          "cable": "08astana1111"}


@pytest.fixture(scope="module")
def index_dir(own_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("os-index")
    update_index(path, [own_corpus], procs=1)
    return path


def _built(body: dict) -> dict:
    """The body as the client's DSL objects rebuild it; they refuse unknown query kinds."""
    Q(body["query"])
    return Search.from_dict(body).to_dict()


# -- the Query DSL ---------------------------------------------------------------------

@pytest.mark.parametrize("field", sorted(set(KNOWN_FIELDS) - set(UNTRANSLATED)))
def test_every_query_field_translates(field: str) -> None:
    body = to_dsl(f"{field}:{VALUES.get(field, 'astana')}")
    assert _built(body)["query"] == body["query"]


@pytest.mark.parametrize("query", ["cited-by-count:5", "cited-by-count:[5 TO *]"])
def test_fields_of_our_index_only_are_refused(query: str) -> None:
    with pytest.raises(QueryError, match="answered by our index only"):
        to_dsl(query)


@pytest.mark.parametrize("query, clause", [
    ('"human rights"', {"multi_match": {"query": "human rights", "fields": ["text", "subject^2"],
                                        "type": "phrase"}}),
    ("tag:PHUM", {"term": {"tags": "PHUM"}}),
    ("class:secret", {"term": {"class_level": "S"}}),
    ("marking:S/NF", {"bool": {"filter": [{"term": {"level": "S"}},
                                          {"term": {"caveats": "NF"}}]}}),
    ("marking:noforn", {"bool": {"filter": [{"term": {"caveats": "NF"}}]}}),
    ("marking:unmarked", {"bool": {"must_not": [{"exists": {"field": "level"}}]}}),
    ("year:2008", {"range": {"created": {"gte": "2008-01-01T00:00",
                                         "lte": "2008-12-31T23:59"}}}),
    ("released:[2010-12 TO *]", {"range": {"released": {"gte": "2010-12-01T00:00"}}}),
    ("id:08ASTANA*", {"prefix": {"cable": {"value": "08ASTANA"}}}),
    ("origin:astana", {"multi_match": {"query": "astana", "fields": ["origin"],
                                       "type": "most_fields", "operator": "and"}}),
])
def test_leaf_shapes(query: str, clause: dict) -> None:
    body = to_dsl(query)
    assert body["query"] == {"bool": {"must": [clause]}}
    assert _built(body) == body


def test_boolean_structure() -> None:
    query = to_dsl("(gas OR oil) -russia")["query"]["bool"]["must"][0]["bool"]
    assert [clause["multi_match"]["query"] for clause in query["must"][0]["bool"]["should"]
            ] == ["gas", "oil"]
    assert query["must"][0]["bool"]["minimum_should_match"] == 1
    assert query["must_not"][0]["multi_match"]["query"] == "russia"


def test_options_become_filters_sort_paging_aggregations_and_collapse() -> None:
    body = to_dsl("minister", filters={"tag": ["PREL", "IR"], "since": "2008",
                                       "until": "2009-06", "marking": "C"},
                  sort="-date", limit=20, offset=40, facets=["tag", "year", "marking"],
                  by_cable=True)
    assert _built(body) == body
    filters = body["query"]["bool"]["filter"]
    assert {"term": {"tags": "PREL"}} in filters and {"term": {"tags": "IR"}} in filters
    assert {"range": {"created": {"gte": "2008-01-01T00:00", "lte": "2009-06-30T23:59"}}
            } in filters
    assert (body["from"], body["size"], body["sort"]) == (40, 20, [{"created": "desc"}])
    assert set(body["aggs"]) == {"tag", "year", "marking", "cables"}
    assert body["aggs"]["marking"]["terms"]["missing"] == "unmarked"
    assert body["collapse"] == {"field": "cable"}


def test_filters_alone_and_no_query() -> None:
    assert to_dsl(None)["query"] == {"match_all": {}}
    assert to_dsl(None, filters={"tag": ["PHUM"]})["query"] == {
        "bool": {"filter": [{"term": {"tags": "PHUM"}}]}}


@pytest.mark.parametrize("query", ['"unclosed', "tagg:PHUM", "class:foo", "(iran",
                                   "text:(origin:x)", "created:2008-13"])
def test_bad_queries_are_the_same_errors(query: str) -> None:
    with pytest.raises(QueryError):
        to_dsl(query)


def test_search_as_dsl_needs_no_index(tmp_path: Path) -> None:
    runner = CliRunner()
    done = runner.invoke(main, ["search", "nuclear", "--tag", "PHUM", "--as", "opensearch-dsl",
                                "--index", str(tmp_path / "none")])
    assert done.exit_code == 0, done.output
    assert json.loads(done.output) == to_dsl("nuclear", filters={
        "tag": ["PHUM"], "origin": None, "classification": None, "marking": None,
        "since": None, "until": None})
    bad = runner.invoke(main, ["search", "(iran", "--as", "opensearch-dsl"])
    assert bad.exit_code == 2 and "unbalanced parenthesis" in bad.output


# -- the mapping -----------------------------------------------------------------------

def test_mapping_names_only_what_it_defines() -> None:
    body = index_body()
    analysis = body["settings"]["analysis"]
    for name, spec in body["mappings"]["properties"].items():
        assert spec["type"] in {"text", "keyword", "date", "integer"}, name
        if "analyzer" in spec:
            assert spec["analyzer"] in analysis["analyzer"], name
        if "normalizer" in spec:
            assert spec["normalizer"] in analysis["normalizer"], name
    custom = set(analysis["filter"])
    for analyzer in analysis["analyzer"].values():
        assert all(f in custom or f in {"lowercase", "asciifolding"} for f in analyzer["filter"])


# -- the bulk files --------------------------------------------------------------------

def _documents(out: Path) -> list[tuple[dict, dict]]:
    pairs = []
    for path in sorted(out.glob("bulk-*.ndjson")):
        lines = path.read_text("utf-8").splitlines()
        assert len(lines) % 2 == 0
        pairs += [(json.loads(a), json.loads(b)) for a, b in zip(lines[::2], lines[1::2],
                                                                 strict=True)]
    return pairs


def test_export_round_trips_to_the_indexed_cables(index_dir: Path, tmp_path: Path) -> None:
    with Searcher(index_dir) as searcher:
        summary = write_export(searcher.cables(), tmp_path)
        pairs = _documents(tmp_path)
        assert summary.paragraphs == len(pairs) == index_stats(index_dir)["paragraphs"]
        assert summary.cables == index_stats(index_dir)["cables"]
        by_cable: dict[str, list[dict]] = {}
        for action, document in pairs:
            meta = action["index"]
            assert meta["routing"] == document["cable"]
            assert meta["_id"] == f"{document['cable']}-{document['seq']}"
            assert set(document) <= set(PROPERTIES), set(document) - set(PROPERTIES)
            by_cable.setdefault(document["cable"], []).append(document)
        for cable_id, documents in by_cable.items():
            assert cable_from_documents(documents) == searcher.cable(cable_id)
    assert len({action["index"]["_id"] for action, _ in pairs}) == len(pairs)
    assert json.loads((tmp_path / "mapping.json").read_text()) == index_body()
    assert "_bulk" in (tmp_path / "README.txt").read_text()


def test_bulk_files_are_cut_by_size(index_dir: Path, tmp_path: Path) -> None:
    with Searcher(index_dir) as searcher:
        summary = write_export(searcher.cables(), tmp_path, max_bytes=20_000)
    assert len(summary.files) > 2
    assert len(_documents(tmp_path)) == summary.paragraphs
    # A file is cut between cables, so only a file of one cable may pass the size.
    for path in summary.files:
        cables = {json.loads(line)["cable"] for line in path.read_text().splitlines()[1::2]}
        assert path.stat().st_size <= 20_000 or len(cables) == 1


def test_export_command_from_files_and_from_an_index(own_corpus: Path, index_dir: Path,
                                                     tmp_path: Path) -> None:
    runner = CliRunner()
    from_files = runner.invoke(main, ["export", "--format", "opensearch", str(tmp_path / "a"),
                                      str(own_corpus)])
    from_index = runner.invoke(main, ["export", "--format", "opensearch", str(tmp_path / "b"),
                                      "--index", str(index_dir)])
    assert from_files.exit_code == from_index.exit_code == 0, from_files.output
    paragraphs = index_stats(index_dir)["paragraphs"]
    assert f"({paragraphs} paragraphs)" in from_files.output
    assert f"({paragraphs} paragraphs)" in from_index.output
    both = runner.invoke(main, ["export", "--format", "opensearch", str(tmp_path / "c"),
                                str(own_corpus), "--index", str(index_dir)])
    assert both.exit_code == 2 and "not both" in both.output


def test_export_names_a_bad_file_and_exports_the_rest(own_corpus: Path, tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_text("")
    done = CliRunner().invoke(main, ["export", "--format", "opensearch", str(tmp_path / "out"),
                                     str(bad), str(own_corpus / "text")])
    assert done.exit_code == 1
    assert f"skipped {bad}" in done.output
    assert len(_documents(tmp_path / "out")) > 0


# -- loading through the client --------------------------------------------------------

class _Engine(BaseHTTPRequestHandler):
    """Answers what `load` asks: does the index exist, create it, take bulk requests."""

    created: dict = {}
    documents: list[tuple[dict, dict]] = []

    def log_message(self, *args: object) -> None:
        pass

    def _answer(self, status: int, body: dict | None) -> None:
        data = json.dumps(body).encode() if body is not None else b""
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("content-length", 0)))

    def do_HEAD(self) -> None:  # noqa: N802
        self._answer(404 if self.path.split("?")[0] == "/cables" and not self.created else 200,
                     None)

    def do_PUT(self) -> None:  # noqa: N802
        type(self).created = json.loads(self._body())
        self._answer(200, {"acknowledged": True, "index": "cables"})

    def do_POST(self) -> None:  # noqa: N802
        lines = self._body().decode().splitlines()
        pairs = [(json.loads(a), json.loads(b)) for a, b in zip(lines[::2], lines[1::2],
                                                                strict=True)]
        type(self).documents += pairs
        items = [{"index": {"_index": "cables", "_id": action["index"]["_id"], "status": 201}}
                 for action, _ in pairs]
        self._answer(200, {"took": 1, "errors": False, "items": items})


@pytest.fixture
def engine() -> Iterator[str]:
    _Engine.created, _Engine.documents = {}, []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Engine)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_load_creates_the_index_and_sends_every_paragraph(index_dir: Path, engine: str) -> None:
    with Searcher(index_dir) as searcher:
        summary = load(engine, searcher.cables(), chunk_size=50)
    assert _Engine.created == index_body()
    assert summary.paragraphs == len(_Engine.documents) == index_stats(index_dir)["paragraphs"]
    assert all(action["index"]["routing"] == document["cable"]
               for action, document in _Engine.documents)


def test_load_command(index_dir: Path, engine: str) -> None:
    done = CliRunner().invoke(main, ["load-opensearch", engine, "--from", str(index_dir)])
    assert done.exit_code == 0, done.output
    assert len(_Engine.documents) == index_stats(index_dir)["paragraphs"]


def test_an_unreachable_engine_is_one_line(index_dir: Path) -> None:
    with pytest.raises(LoadError, match="cannot reach"):
        with Searcher(index_dir) as searcher:
            load("http://127.0.0.1:9", searcher.cables())
    done = CliRunner().invoke(main, ["load-opensearch", "http://127.0.0.1:9",
                                     "--from", str(index_dir)])
    assert done.exit_code == 1
    assert "Traceback" not in done.output
    assert [line for line in done.output.splitlines() if line.startswith("error:")] == [
        "error: cannot reach http://127.0.0.1:9 (nothing answers there, or not in time)"]
