"""Citations over the real cables: the ref search prints for every paragraph opens exactly
that paragraph in `show`, and the examples of a researcher's first session."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from cablesearch.cli import main
from cablesearch.index.documents import occurrences
from cablesearch.search import Searcher


@pytest.fixture(scope="module")
def searcher(real_index: Path):
    with Searcher(real_index) as opened:
        yield opened


@pytest.fixture(scope="module")
def hits_by_cable(searcher) -> dict:
    """Every paragraph's hit, as `search cable:ID` prints it, by cable id."""
    found = {}
    for cable in searcher.cables():
        result = searcher.search(f"cable:{cable.id}", limit=len(cable.paragraphs) + 1)
        if not cable.paragraphs:  # one document of its fields, cited as the cable itself
            assert [hit.ref for hit in result.hits] == [cable.id]
            assert searcher.show(cable.id).cable.id == cable.id
            found[cable.id] = (cable, ())
            continue
        assert result.total == len(cable.paragraphs)
        found[cable.id] = (cable, result.hits)
    return found


def test_every_paragraph_s_printed_ref_opens_exactly_that_paragraph(searcher, hits_by_cable):
    paragraphs = 0
    for cable, hits in hits_by_cable.values():
        texts = {p.seq: p.text for p in cable.paragraphs}
        assert len({hit.ref for hit in hits}) == len(hits), cable.id
        for hit in hits:
            shown = searcher.show(hit.ref)
            assert shown.cited == (hit.seq,), hit.ref
            assert [p.text for p in shown.paragraphs] == [texts[hit.seq]] == [hit.text]
            assert shown.notes == ()
            paragraphs += 1
    assert paragraphs == sum(len(cable.paragraphs) for cable, _ in hits_by_cable.values())
    assert paragraphs > 10_000


def test_through_the_cli_every_ref_of_the_cables_that_repeat_a_number(real_index,
                                                                     hits_by_cable):
    repeating = [hits for cable, hits in hits_by_cable.values()
                 if occurrences(cable.paragraphs)]
    assert len(repeating) > 20  # real cables repeat numbers and unnumbered blocks
    for hits in repeating:
        result = CliRunner().invoke(main, ["show", *(hit.ref for hit in hits),
                                           "--format", "json", "--index", str(real_index)])
        assert result.exit_code == 0, result.output
        shown = json.loads(result.output)
        shown = shown if isinstance(shown, list) else [shown]
        assert [each["cited"] for each in shown] == [[hit.ref] for hit in hits]
        assert [[p["text"] for p in each["paragraphs"]] for each in shown] == [
            [hit.text] for hit in hits]


def test_every_viewer_url_names_the_page_the_cable_came_from(shared_corpus, hits_by_cable):
    for cable, hits in hits_by_cable.values():
        for hit in hits:
            found = re.fullmatch(r"https://wikileaks\.org/cable/(\d{4}/\d{2}/\w+\.html)"
                                 r"(?:#par(\d+))?", hit.url)
            assert found and (shared_corpus / "wikileaks-html" / found[1]).is_file(), hit.url
            assert found[2] == (None if hit.number is None else str(hit.number))
            assert hit.plusd_url == f"https://wikileaks.org/plusd/cables/{cable.id}_a.html"


@pytest.fixture(scope="module")
def run(real_index):
    def invoke(*args: str):
        return CliRunner().invoke(main, [*args, "--index", str(real_index)])

    return invoke


def test_the_scorn_paragraph_is_cited_as_the_second_10_and_opens(run):
    hits = json.loads(run("search", "zapatero", "scorn", "condescension").output)["hits"]
    assert hits[0]["ref"] == "06MADRID934 ¶10.2"
    shown = json.loads(run("show", hits[0]["ref"], "--format", "json").output)
    assert [p["text"] for p in shown["paragraphs"]] == [hits[0]["text"]]
    assert "scorn" in hits[0]["text"]


def test_show_the_repeated_10_shows_both_and_says_so(run):
    result = run("show", "06MADRID934 ¶10")
    assert result.exit_code == 0
    assert ("note: 06MADRID934 repeats the number ¶10 (2 paragraphs): "
            "cite one as ¶10.1, ¶10.2") in result.output.splitlines()
    assert re.search(r"^06MADRID934 ¶10\.1 ", result.output, re.MULTILINE)
    assert re.search(r"^06MADRID934 ¶10\.2 ", result.output, re.MULTILINE)


def test_berlin_unnumbered_refs_are_accepted(run):
    """Search printed `09BERLIN1528 ¶-`, which show refused: each unnumbered block's ref
    (`¶-`, or `¶-.k` where the cable has several) now opens it."""
    hits = json.loads(run("search", "cable:09BERLIN1528", "--limit", "50").output)["hits"]
    unnumbered = [hit["ref"] for hit in hits if re.fullmatch(r"09BERLIN1528 ¶-(\.\d+)?",
                                                             hit["ref"])]
    assert unnumbered
    for ref in unnumbered:
        result = run("show", ref)
        assert result.exit_code == 0 and ref in result.output.splitlines(), ref
    every = run("show", "09BERLIN1528 ¶-")
    assert every.exit_code == 0
    assert all(ref in every.output.splitlines() for ref in unnumbered)


def test_ranges_several_refs_and_wikileaks_urls(run):
    ranged = json.loads(run("show", "06MADRID934", "¶¶3-5", "--format", "json").output)
    assert ranged["cited"] == ["06MADRID934 ¶3", "06MADRID934 ¶4", "06MADRID934 ¶5"]
    assert json.loads(run("show", "06MADRID934 ¶3-5", "--format", "json").output) == ranged
    urls = json.loads(run("show", "https://wikileaks.org/cable/2006/04/06MADRID934.html#par3",
                          "https://wikileaks.org/plusd/cables/09BERLIN1528_a.html",
                          "--format", "json").output)
    assert [(each["id"], each["cited"]) for each in urls] == [
        ("06MADRID934", ["06MADRID934 ¶3"]), ("09BERLIN1528", [])]
