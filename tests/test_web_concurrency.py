"""Requests side by side at one server: every answer is the one given alone, from a cold
start (the shared caches built while threads ask together), and an export keeps reading
the commit it began on while the server moves to a newer one."""

from __future__ import annotations

import gc
import json
import random
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from itertools import islice

from fastapi.testclient import TestClient
from search_cables import CABLES, small_index  # noqa: F401  (fixture)

from cablesearch.index.writer import add_cables
from cablesearch.search import Searcher
from cablesearch.web import create_app, export, shared
from cablesearch.web.params import ExportParams, SearchParams

FACETS = "tag,origin,classification,marking,year,caveat,signer,handling"
PATHS = [
    f"/api/search?q=trafficking&facets={FACETS}&timeline=year",
    f"/api/search?q=minister+OR+pipeline&sort=-date&facets={FACETS}&timeline=month",
    "/api/search?q=trafficking+OR+pipeline&tag=PHUM&by-cable=true&facets=tag,year",
    "/api/search?q=%22human+rights%22&since=2008&until=2009-12&facets=marking",
    "/api/search?q=trafficking+OR+numbered&collapse-duplicates=true",
    "/api/search?q=trafficing",
    "/api/search?tag=PHUM&facets=year",
    "/api/search?q=pipel*&limit=2&page=2&sort=date",
    "/?q=trafficking",
    "/?q=minister&classification=S",
    "/?q=pipeline&by-cable=true",
    "/api/facets?by=tag",
    "/api/facets?q=trafficking&by=origin,year",
    "/api/cable/08ASTANA1111",
    "/api/cable/09BAGHDAD197",
    "/cable/06TBILISI619?q=pipeline",
    "/cable/08STATE58370",
    "/ref/09BAGHDAD197/2.2",
    "/api/refs/08ASTANA1111?depth=2",
    "/api/similar/08ASTANA1111/2",
    "/api/kwic?phrase=trafficking",
    "/export.csv?q=trafficking+OR+pipeline",
    "/export.jsonl?q=minister+OR+numbered&sort=date",
    "/api/cable/99NOWHERE1",
    "/api/search?q=%28broken",
]


def _answer(client: TestClient, path: str) -> tuple[int, str | None, bytes]:
    response = client.get(path, follow_redirects=False)
    return response.status_code, response.headers.get("location"), response.content


def test_requests_side_by_side_answer_as_alone_from_a_cold_start(small_index):  # noqa: F811
    with TestClient(create_app(small_index)) as alone:
        expected = {path: _answer(alone, path) for path in PATHS}
    assert {status for status, _, _ in expected.values()} == {200, 302, 400, 404}
    asked = PATHS * 6
    random.Random(17).shuffle(asked)
    with TestClient(create_app(small_index)) as client, ThreadPoolExecutor(12) as pool:
        answers = list(pool.map(lambda path: _answer(client, path), asked))
    wrong = [path for path, answer in zip(asked, answers, strict=True)
             if answer != expected[path]]
    assert not wrong


def test_threads_sharing_a_searcher_read_apart_and_build_each_cache_once(small_index):  # noqa: F811
    def ask(searcher: Searcher) -> dict:
        return searcher.search("trafficking OR pipeline", facets=("tag", "year"),
                               timeline="year").to_json()

    with Searcher(small_index) as searcher:
        alone = ask(searcher)
    with Searcher(small_index) as searcher:
        facets, read = searcher._facets, searcher._facets._read
        built: Counter = Counter()

        def counted(column, convert):
            built[column] += 1
            time.sleep(0.05)  # long enough for every other thread to ask meanwhile
            return read(column, convert)

        facets._read = counted  # type: ignore[method-assign]
        readers: set[int] = set()
        together = threading.Barrier(6)

        def in_thread(_: int) -> dict:
            with searcher.reading():
                together.wait()  # all six hold a reader at once
                readers.add(id(searcher._searcher.reader()))
                return ask(searcher)

        with ThreadPoolExecutor(6) as pool:
            answers = list(pool.map(in_thread, range(6)))
    assert answers == [alone] * 6
    assert len(readers) == 6  # a Whoosh reader of each thread's own
    assert built and set(built.values()) == {1}, built


def test_an_export_keeps_its_commit_while_the_server_moves_on(tmp_path, monkeypatch):
    monkeypatch.setattr(shared, "RECHECK_S", 0)
    monkeypatch.setattr(export, "BATCH", 1)  # one record per turn: the export spans them
    add_cables(tmp_path, CABLES[:3])
    server = shared.SharedSearcher(tmp_path)
    params = SearchParams(q="minister OR pipeline OR trafficking", sort="date")
    before = [json.loads(line) for line in
              "".join(export.export_lines(server, params, ExportParams(), "jsonl")).splitlines()]
    streaming = export.export_lines(server, params, ExportParams(), "jsonl")
    started = list(islice(streaming, 2))
    add_cables(tmp_path, CABLES[3:4])  # 06TBILISI619: pipeline security
    with ThreadPoolExecutor(4) as pool:
        totals = list(pool.map(lambda _: _total(server, params.q), range(8)))
    rest = list(streaming)
    records = [json.loads(line) for line in "".join(started + rest).splitlines()]
    assert records == before and len(before) > 2
    with Searcher(tmp_path) as searcher:
        assert totals == [searcher.search(params.q).total] * 8 > [len(before)] * 8
    server.close()


def _total(server: shared.SharedSearcher, query: str) -> int:
    with server.use() as searcher:
        return searcher.search(query).total


def test_a_search_asked_again_or_together_runs_once_per_commit(tmp_path, monkeypatch):
    monkeypatch.setattr(shared, "RECHECK_S", 0)
    runs: Counter = Counter()
    search = Searcher.search

    def counted(self, query, *args, **kwargs):
        runs[query] += 1
        time.sleep(0.05)  # long enough for the other threads to ask meanwhile
        return search(self, query, *args, **kwargs)

    monkeypatch.setattr(Searcher, "search", counted)
    add_cables(tmp_path, CABLES[:3])
    path = "/api/search?q=pipeline+OR+minister&facets=tag"
    with TestClient(create_app(tmp_path)) as client, ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda _: client.get(path).json(), range(8)))
        assert answers == [answers[0]] * 8 and runs["pipeline OR minister"] == 1
        assert client.get("/?q=pipeline+OR+minister").status_code == 200  # the page's own
        assert client.get("/?q=pipeline+OR+minister").status_code == 200
        assert runs["pipeline OR minister"] == 2
        assert [client.get("/api/search?q=(bad").status_code for _ in range(2)] == [400] * 2
        add_cables(tmp_path, CABLES[3:4])  # a new commit: its answers are its own
        assert client.get(path).json()["total"] > answers[0]["total"]
        assert runs["pipeline OR minister"] == 3
    with TestClient(create_app(tmp_path, cached_searches=0)) as uncached:
        for _ in range(2):
            uncached.get(path)
    assert runs["pipeline OR minister"] == 5


def test_a_lease_dropped_unreleased_closes_with_its_searcher(small_index):  # noqa: F811
    with Searcher(small_index) as searcher:
        kept, dropped = searcher.lease(), searcher.lease()
        with dropped.bound():
            searcher.search("trafficking")
        del dropped  # an export whose stream never started
        gc.collect()
        assert len(searcher._engine._readers._opened) == 1
        kept.release()
        with searcher.lease().bound():  # the released one is lent again, not a new one
            assert len(searcher._engine._readers._opened) == 1


def test_a_cable_is_answered_while_searches_hold_every_turn(small_index, monkeypatch):  # noqa: F811
    held, release = threading.Semaphore(0), threading.Event()
    search = Searcher.search

    def slow(self, *args, **kwargs):
        held.release()
        release.wait(30)
        return search(self, *args, **kwargs)

    monkeypatch.setattr(Searcher, "search", slow)
    with TestClient(create_app(small_index, cached_searches=0)) as client, \
            ThreadPoolExecutor(shared.READERS + 2) as pool:
        searches = [pool.submit(client.get, f"/api/search?q=trafficking&limit={n + 1}")
                    for n in range(shared.READERS + 1)]
        for _ in range(shared.READERS):  # every turn taken, one more search waiting
            assert held.acquire(timeout=30)
        cable = pool.submit(client.get, "/cable/08ASTANA1111")
        try:
            assert cable.result(timeout=30).status_code == 200
            assert not any(search.done() for search in searches)
        finally:
            release.set()
        assert [search.result().status_code for search in searches] == [200] * len(searches)
