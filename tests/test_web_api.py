"""The web workbench without a browser: the JSON API answers what the CLI prints, errors
are one line with the right status, and every page carries its safety headers."""

from __future__ import annotations

import html
import json
import re
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from search_cables import small_index  # noqa: F401  (fixture)

from cablesearch.cli import main
from cablesearch.web import create_app
from cablesearch.web.params import MAX_QUERY_CHARS


@pytest.fixture(scope="module")
def client(small_index):  # noqa: F811
    with TestClient(create_app(small_index)) as client:
        yield client


@pytest.fixture(scope="module")
def cli(small_index):  # noqa: F811
    def run(*args: str):
        return CliRunner().invoke(main, [*args, "--index", str(small_index)])

    return run


# Each case: the API's query parameters, and the same search as CLI arguments.
SAME_SEARCHES = [
    ({"q": "trafficking"}, ["trafficking"]),
    ({"q": "trafficking", "facets": "tag,year,origin"}, ["trafficking", "--facets",
                                                          "tag,year,origin"]),
    ({"q": "trafficking OR pipeline", "tag": ["PHUM", "KCRIM"], "sort": "-date"},
     ["trafficking", "OR", "pipeline", "--tag", "PHUM", "--tag", "KCRIM", "--sort", "-date"]),
    ({"q": "trafficking", "by-cable": "true", "facets": "marking"},
     ["trafficking", "--by-cable", "--facets", "marking"]),
    ({"q": "minister OR trafficking", "limit": 2, "page": 2, "sort": "date"},
     ["minister", "OR", "trafficking", "--limit", "2", "--page", "2", "--sort", "date"]),
    ({"q": '"human rights"', "classification": "S", "since": "2009", "until": "2009-12"},
     ['"human rights"', "--classification", "S", "--since", "2009", "--until", "2009-12"]),
    ({"q": "pipeline", "origin": "Embassy Tbilisi", "marking": "C"},
     ["pipeline", "--origin", "Embassy Tbilisi", "--marking", "C"]),
    ({"tag": "PHUM", "facets": "year"}, ["--tag", "PHUM", "--facets", "year"]),  # filters alone
    ({"q": "numbered", "by-cable": "true"}, ["numbered", "--by-cable"]),
    ({"q": "trafficking", "timeline": "month"}, ["trafficking", "--timeline", "month"]),
    ({"q": "trafficking OR numbered", "collapse-duplicates": "true"},
     ["trafficking", "OR", "numbered", "--collapse-duplicates"]),
    ({"q": "trafficing"}, ["trafficing"]),  # did you mean
]


@pytest.mark.parametrize(("params", "args"), SAME_SEARCHES)
def test_api_search_is_the_cli_json(client, cli, params, args):
    answer = client.get("/api/search?" + urlencode(params, doseq=True))
    printed = cli("search", *args, "--format", "json")
    assert printed.exit_code == 0, printed.output
    assert answer.status_code == 200
    assert answer.json() == json.loads(printed.stdout)
    assert answer.json()["total"] > 0 or answer.json()["did_you_mean"]  # of something


def test_api_cable_is_the_cli_show_json(client, cli):
    printed = cli("show", "09BAGHDAD197", "--format", "json")
    answer = client.get("/api/cable/09BAGHDAD197")
    assert answer.status_code == 200
    assert answer.json() == json.loads(printed.stdout)
    assert len(answer.json()["paragraphs"]) == 3


@pytest.mark.parametrize("by", ["origin", "caveat", "signer", "origin,year", "tag,marking"])
def test_api_facets_is_the_cli_facets_json(client, cli, by):
    query = "trafficking OR hydrocarbon OR numbered"
    printed = cli("facets", query, "--by", by, "--by-cable", "--format", "json")
    answer = client.get("/api/facets", params={"q": query, "by": by, "by-cable": "true"})
    assert answer.json() == json.loads(printed.stdout)
    assert answer.json().get(by) or answer.json()["counts"]


@pytest.mark.parametrize(("params", "args"), [
    ({"phrase": "trafficking"}, ["trafficking"]),
    ({"phrase": '"human rights"', "sort": "right", "width": 20},
     ['"human rights"', "--sort", "right", "--width", "20"]),
    ({"phrase": "minister", "q": "pipeline", "tag": "EPET", "limit": 1},
     ["minister", "pipeline", "--tag", "EPET", "--limit", "1"]),
])
def test_api_kwic_is_the_cli_kwic_json(client, cli, params, args):
    printed = cli("kwic", *args, "--format", "json")
    assert printed.exit_code == 0, printed.output
    answer = client.get("/api/kwic", params=params)
    assert answer.json() == json.loads(printed.stdout) and answer.json()["lines"]
    page = client.get("/kwic", params=params).text
    assert page.count('<td class="match"><mark>') == len(answer.json()["lines"])


@pytest.mark.parametrize("args", [["08STATE58370"], ["09BAGHDAD197", "--depth", "2"],
                                  ["08STATE58370", "--direction", "cited-by"]])
def test_api_refs_is_the_cli_refs_json(client, cli, args):
    printed = cli("refs", *args, "--format", "json")
    params = {"depth": args[2] if "--depth" in args else 1,
              "direction": args[2] if "--direction" in args else "both"}
    answer = client.get(f"/api/refs/{args[0]}", params=params)
    assert answer.json() == json.loads(printed.stdout)
    page = client.get(f"/cable/{args[0]}/refs", params=params).text
    for node in answer.json()["nodes"][1:]:
        assert node["id"] in page


@pytest.mark.parametrize("query", ['"unclosed phrase', "tag:", "year:20x8", "(((", "a NOT"])
def test_bad_query_is_a_400_with_the_cli_line(client, cli, query):
    printed = cli("search", query, "--format", "json")
    assert printed.exit_code == 2
    answer = client.get("/api/search", params={"q": query})
    assert answer.status_code == 400
    assert answer.json() == {"error": printed.stderr.strip().removeprefix("error: ")}
    page = client.get("/", params={"q": query})
    assert page.status_code == 400
    assert answer.json()["error"] in html.unescape(page.text)


@pytest.mark.parametrize("params", [
    {"q": "x", "limit": "0"}, {"q": "x", "page": "0"}, {"q": "x", "sort": "size"},
    {"q": "x", "limit": "ten"}, {"q": "x", "facets": "colour"}, {"q": "x", "since": "June"},
])
def test_bad_parameters_are_400_in_one_line(client, params):
    answer = client.get("/api/search", params=params)
    assert answer.status_code == 400
    message = answer.json()["error"]
    assert "\n" not in message and message


def test_oversized_queries_are_refused(client):
    for path in ("/api/search", "/", "/export.csv"):
        answer = client.get(path, params={"q": "word " * (MAX_QUERY_CHARS // 5 + 1)})
        assert answer.status_code == 400, path
        assert "at most 1000 characters" in answer.text


def test_unknown_routes_are_404(client):
    page = client.get("/no/such/page")
    assert page.status_code == 404 and "no such page: /no/such/page" in page.text
    assert client.get("/api/nothing").json() == {"error": "no such page: /api/nothing"}


def test_unknown_cable_and_paragraph_say_why(client):
    page = client.get("/cable/99NOWHERE1")
    assert page.status_code == 404 and "99NOWHERE1: no such cable in the index" in page.text
    page = client.get("/ref/08ASTANA1111/9")
    assert page.status_code == 404
    assert "08ASTANA1111 has no paragraph ¶9" in page.text
    assert client.get("/api/cable/99NOWHERE1").status_code == 404


def test_paragraph_permalink_redirects_to_its_anchor(client):
    answer = client.get("/ref/08astana1111/2", follow_redirects=False)
    assert answer.status_code == 302
    assert answer.headers["location"] == "/cable/08ASTANA1111#par2"
    cable = client.get(answer.headers["location"])
    assert 'id="par2"' in cable.text
    assert client.get("/ref/08ASTANA1111", follow_redirects=False).headers["location"] == \
        "/cable/08ASTANA1111"


@pytest.mark.parametrize(("ref", "anchor"), [
    ("2.2", "par2.2"), ("2.1", "par2.1"), ("2", "par2.1"), ("1", "par1"),
])
def test_permalinks_of_repeated_numbers(client, ref, anchor):
    answer = client.get(f"/ref/09BAGHDAD197/{ref}", follow_redirects=False)
    assert answer.headers["location"] == f"/cable/09BAGHDAD197#{anchor}"
    assert f'id="{anchor}"' in client.get("/cable/09BAGHDAD197").text


def test_permalink_of_unnumbered_text(client):
    answer = client.get("/ref/08ASTANA1111/-", follow_redirects=False)
    assert answer.headers["location"] == "/cable/08ASTANA1111#par-"
    assert client.get("/ref/08ASTANA1111/2.2").status_code == 404
    assert "not a reference" in client.get("/ref/08ASTANA1111/x.y").text


def test_filters_alone_are_a_search(client):
    page = client.get("/", params={"tag": "EPET"}).text
    assert '<strong class="total">5</strong>' in page
    assert "tag: EPET" in page  # removable


def test_tags_carry_their_meanings(client):
    page = client.get("/", params={"q": "trafficking"}).text
    assert '<span class="meaning">Human Rights</span>' in page
    assert 'title="Human Rights">PHUM</a>' in client.get("/cable/08ASTANA1111").text


def test_cable_page_lists_cites_and_cited_by(client):
    page = client.get("/cable/09BAGHDAD197").text
    cites = page.split('data-relation="cites"', 1)[1].split("</section>", 1)[0]
    assert '<a href="/cable/08STATE58370"' in cites
    assert '<span class="absent" title="not in this index">08BAGHDAD4000</span>' in cites
    page = client.get("/cable/08STATE58370").text
    cited_by = page.split('data-relation="cited-by"', 1)[1].split("</section>", 1)[0]
    assert re.findall(r'href="/cable/(\w+)"', cited_by) == ["08ASTANA1111", "09BAGHDAD197"]


def test_histogram_bars_narrow_to_their_dates(client):
    page = client.get("/", params={"q": "trafficking OR pipeline OR minister"}).text
    years = re.findall(r'aria-label="(\d{4}): (\d+)"', page)
    assert [year for year, _ in years] == [str(y) for y in range(2006, 2011)]  # 2007: a gap
    facet = dict(client.get("/api/search", params={"q": "trafficking OR pipeline OR minister",
                                                  "facets": "year"}).json()["facets"]["year"])
    assert {year: int(n) for year, n in years if n != "0"} == facet
    narrowed = client.get("/", params={"q": "trafficking", "since": "2008", "until": "2008"})
    months = re.findall(r'aria-label="(\d{4}-\d{2}): (\d+)"', narrowed.text)
    total = client.get("/api/search", params={"q": "trafficking", "since": "2008",
                                              "until": "2008"}).json()["total"]
    assert months == [("2008-06", str(total))]  # a single year is drawn by month
    assert "since=2008-06&amp;until=2008-06" in narrowed.text


def test_every_response_forbids_inline_script(client):
    for path in ("/", "/?q=trafficking", "/cable/08ASTANA1111", "/nowhere", "/api/search?q=x"):
        policy = client.get(path).headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy


def test_search_page_shows_hits_as_pin_cites(client):
    page = client.get("/", params={"q": "trafficking", "limit": 3}).text
    assert '<strong class="total">6</strong>' in page
    assert 'href="/cable/08STATE58370?q=trafficking#par1">08STATE58370 ¶1</a>' in page
    assert "<mark>trafficking</mark>" in page
    assert 'rel="next"' in page and 'class="current" aria-current="page">1<' in page


def test_zero_hits_say_so_and_offer_a_respelling(client):
    page = client.get("/", params={"q": "zanzibar"})
    assert page.status_code == 200
    assert "No paragraph matches <q>zanzibar</q>" in page.text
    page = client.get("/", params={"q": "trafficing", "tag": "PHUM"}).text
    assert 'Did you mean <a href="/?q=trafficking&amp;tag=PHUM">trafficking</a>?' in page


def test_cable_page_has_every_paragraph_anchor_and_highlights(client):
    page = client.get("/cable/08ASTANA1111", params={"q": "trafficking"}).text
    for anchor in ("par-", "par1", "par2", "par3"):
        assert f'id="{anchor}"' in page
    assert "<mark>trafficking</mark>" in page
    assert re.search(r'data-cite="[^"]*cable 08ASTANA1111, [^"]*¶2 \(SBU\)', page)
    assert "<mark>" not in client.get("/cable/08ASTANA1111").text


def test_every_facet_is_shown_narrowing_or_not(client):
    from cablesearch.search.facets import ALL_FACETS
    from cablesearch.web.params import SearchParams

    params = SearchParams("x")
    for facet in ALL_FACETS:  # a facet added later must not break the page
        assert params.has(facet, "v") is False
        if params.narrows(facet):
            assert params.toggled(facet, "v").has(facet, "v")


def _facet_links(page: str, facet: str) -> dict[str, str]:
    """value -> href of the facet's links on a search page."""
    section = page.split(f'data-facet="{facet}"', 1)[1].split("</section>", 1)[0]
    return {value: href.replace("&amp;", "&") for href, value in
            re.findall(r'<a href="([^"]+)" data-value="([^"]+)"', section)}


@pytest.mark.parametrize("facet", ["tag", "origin", "classification", "marking", "caveat",
                                   "year"])
def test_a_facet_click_narrows_to_its_count_and_back(client, facet):
    query = "trafficking OR pipeline OR minister OR numbered OR hydrocarbon"
    counts = client.get("/api/search", params={"q": query, "facets": facet}).json()["facets"]
    page = client.get("/", params={"q": query}).text
    links = _facet_links(page, facet)
    assert set(links) == {value for value, _ in counts[facet]}
    for value, count in counts[facet]:
        narrowed = client.get(links[value])
        assert f'<strong class="total">{count}</strong>' in narrowed.text, (facet, value)
        back = _facet_links(narrowed.text, facet)[value]  # the same value now removes it
        widened = client.get(back)
        assert _facet_links(widened.text, facet) == links


@pytest.mark.parametrize("form", ["csv", "jsonl"])
@pytest.mark.parametrize("params", [
    {"q": "trafficking", "limit": "2"}, {"q": "pipeline OR minister", "sort": "-date"},
    {"tag": "EPET"}, {"q": "zanzibar"},
])
def test_export_is_the_cli_export_of_every_hit(client, cli, form, params):
    args = [params.get("q", "")] if params.get("q") else []
    args += ["--tag", params["tag"]] if "tag" in params else []
    args += ["--sort", params["sort"]] if "sort" in params else []
    printed = cli("search", *args, "--all", "--format", form, "--cite", "chicago")
    assert printed.exit_code == 0, printed.output
    answer = client.get(f"/export.{form}", params=params)
    assert answer.status_code == 200
    assert answer.headers["content-disposition"] == f'attachment; filename="cablesearch.{form}"'
    assert answer.text == printed.stdout
    total = client.get("/api/search", params={**params, "limit": 1}).json()["total"]
    rows = answer.text.splitlines()
    assert len(rows) == total + (form == "csv")  # every hit, not the page


def test_export_crosses_batches(client, cli, monkeypatch):
    from cablesearch.web import export

    monkeypatch.setattr(export, "BATCH", 2)
    for form in ("csv", "jsonl"):
        printed = cli("search", "trafficking", "--all", "--format", form, "--cite", "chicago")
        assert client.get(f"/export.{form}?q=trafficking").text == printed.stdout


@pytest.mark.parametrize(("params", "options"), [
    ({"fields": "ref,url,text", "excel": "true"},
     ["--fields", "ref,url,text", "--excel"]),
    ({"fields": "text,citation,ref", "cite": "ris"},
     ["--fields", "text,citation,ref", "--cite", "ris"]),
    ({"cite": "bibtex"}, ["--cite", "bibtex"]),
    ({"excel": "true"}, ["--excel", "--cite", "chicago"]),
    ({"fields": "ref, tags ,subject"}, ["--fields", "ref, tags ,subject"]),
    ({"fields": "ref,text", "cite": "ris"}, ["--fields", "ref,text", "--cite", "ris"]),
])
def test_export_picks_columns_and_writes_for_excel_as_the_cli(client, cli, params, options):
    printed = cli("search", "trafficking OR minister", "--all", "--format", "csv", *options)
    assert printed.exit_code == 0, printed.output
    answer = client.get("/export.csv", params={"q": "trafficking OR minister", **params})
    # the printed bytes: click's `stdout` turns CRLF into LF
    assert answer.status_code == 200 and answer.text == printed.stdout_bytes.decode()
    excel = params.get("excel") == "true"
    assert answer.content.startswith("\ufeff".encode()) == excel
    assert answer.text.split("\n", 1)[0].endswith("\r") == excel  # the header's line end
    jsonl = client.get("/export.jsonl", params={"q": "trafficking OR minister",
                                                **{k: v for k, v in params.items()
                                                   if k != "excel"}})
    records = [json.loads(line) for line in jsonl.text.splitlines()]
    asked = [name.strip() for name in params.get("fields", "").split(",")]
    if "cite" in params and "citation" not in asked:  # as --cite adds the column
        asked.append("citation")
    assert list(records[0]) == (asked if "fields" in params else [*records[0]])
    assert ("citation" in records[0]) == ("citation" in asked or "fields" not in params
                                          or "cite" in params)


@pytest.mark.parametrize(("params", "message"), [
    ({"fields": "ref,nope"}, "unknown field 'nope'"),
    ({"excel": "true", "form": "jsonl"}, "excel needs the csv export"),
    ({"cite": "apa"}, "cite"),
])
def test_export_options_are_checked_as_the_cli_checks_them(client, params, message):
    form = params.pop("form", "csv")
    answer = client.get(f"/export.{form}", params={"q": "trafficking", **params})
    assert answer.status_code == 400 and message in html.unescape(answer.text), answer.text


def test_export_refuses_what_search_refuses(client):
    assert client.get("/export.csv", params={"q": "((("}).status_code == 400
    refused = client.get("/export.csv", params={"q": "trafficking", "by-cable": "true"})
    assert refused.status_code == 400 and "by-cable does not go with an export" in refused.text
    page = client.get("/", params={"q": "trafficking", "by-cable": "true", "facets": "tag",
                                   "limit": 3}).text
    assert 'href="/export.csv?q=trafficking" download' in page  # its own link is whole
    assert client.get("/export.csv").status_code == 400
    assert client.get("/export.xlsx", params={"q": "x"}).status_code == 404


def test_concurrent_requests_share_one_searcher(client):
    queries = ["trafficking", "pipeline", "minister", "human rights", "tier"] * 8
    alone = {q: client.get("/api/search", params={"q": q, "facets": "tag"}).json()
             for q in set(queries)}
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(
            lambda q: client.get("/api/search", params={"q": q, "facets": "tag"}).json(),
            queries))
    assert answers == [alone[q] for q in queries]


def test_openapi_document_describes_the_api(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {"/api/search", "/api/cable/{cable_id}", "/api/facets", "/api/kwic",
            "/api/refs/{cable_id}", "/api/similar/{cable_id}/{number}"} == set(paths)
    names = {p["name"] for p in paths["/api/search"]["get"]["parameters"]}
    assert {"q", "tag", "origin", "classification", "marking", "since", "until", "sort",
            "limit", "page", "by-cable", "facets", "timeline", "collapse-duplicates"} == names


def test_a_loopback_server_refuses_other_host_names(small_index):  # noqa: F811
    from cablesearch.web.app import LOOPBACK_HOSTS

    app = create_app(small_index, allowed_hosts=LOOPBACK_HOSTS)
    with TestClient(app, base_url="http://127.0.0.1:8080") as local:
        assert local.get("/api/search?q=trafficking").status_code == 200
        assert local.get("/", headers={"host": "localhost:8080"}).status_code == 200
        assert local.get("/", headers={"host": "[::1]:8080"}).status_code == 200
        assert local.get("/", headers={"host": "rebound.example:8080"}).status_code == 400


def test_the_server_follows_new_commits_of_the_index(tmp_path, monkeypatch):
    from search_cables import CABLES

    from cablesearch.index.writer import add_cables
    from cablesearch.search import Searcher
    from cablesearch.web import shared

    monkeypatch.setattr(shared, "RECHECK_S", 0)
    add_cables(tmp_path, CABLES[:1])
    with TestClient(create_app(tmp_path)) as fresh:
        assert fresh.get("/api/search?q=pipeline").json()["total"] == 0
        add_cables(tmp_path, CABLES[3:4])  # 06TBILISI619: pipeline security
        with Searcher(tmp_path) as searcher:
            expected = searcher.search("pipeline").total
        assert fresh.get("/api/search?q=pipeline").json()["total"] == expected > 0
        assert fresh.get("/cable/06TBILISI619").status_code == 200


def test_facet_values_past_the_first_few_are_folded_not_dropped(small_index, monkeypatch):  # noqa: F811
    from cablesearch.web import app as web_app

    monkeypatch.setattr(web_app, "FACET_VALUES_SHOWN", 2)
    with TestClient(web_app.create_app(small_index)) as folded:
        query = {"q": "trafficking OR pipeline"}
        tags = folded.get("/api/search", params={**query, "facets": "tag"}).json()["facets"]
        page = folded.get("/", params=query).text
        assert f'<summary class="more">{len(tags["tag"]) - 2} more</summary>' in page
        assert set(_facet_links(page, "tag")) == {value for value, _ in tags["tag"]}
        monkeypatch.setattr(web_app, "FACET_VALUES_LISTED", 4)  # a long facet: the rest as JSON
    with TestClient(web_app.create_app(small_index)) as capped:
        page = capped.get("/", params=query).text
        assert list(_facet_links(page, "tag")) == [value for value, _ in tags["tag"][:4]]
        assert (f'<a href="/api/search?q=trafficking+OR+pipeline&amp;facets=tag&amp;limit=1">'
                f'all {len(tags["tag"])} values (JSON)</a>') in page


@pytest.mark.parametrize(("cable", "number"), [("08ASTANA1111", "2"), ("09BAGHDAD197", "2.2"),
                                               ("10USUNNEWYORK55", "-")])
def test_api_similar_is_the_cli_similar_json(client, cli, cable, number):
    printed = cli("similar", f"{cable} ¶{number}", "--format", "json")
    assert printed.exit_code == 0, printed.output
    answer = client.get(f"/api/similar/{cable}/{number}")
    assert answer.json() == json.loads(printed.stdout)
    page = client.get(f"/similar/{cable}/{number}").text
    assert page.count('<li class="hit">') == 1 + len(answer.json()["similar"])
    assert f'href="/similar/{cable}/{number}"' in client.get(f"/cable/{cable}").text


def test_similar_of_an_unknown_paragraph_says_why(client):
    answer = client.get("/api/similar/08ASTANA1111/9")
    assert answer.status_code == 404 and "no paragraph ¶9" in answer.json()["error"]
