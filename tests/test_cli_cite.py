"""Citations through the CLI on fictional cables: every ref `search` prints opens its
paragraph in `show`; repeated numbers, unnumbered blocks, ranges, several refs, URLs;
`show --cite`; hit fields in every form; and the states and small lies of the CLI
(an index with no commit yet, a wrong `--index` for `remove`, a page past the last, an
index inside the folder being indexed, the terminal table)."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from cablesearch.cable import Cable, Paragraph
from cablesearch.cli import main
from cablesearch.index.store import create_index
from cablesearch.index.writer import add_cables

OWN_CORPUS = Path(__file__).resolve().parent.parent / "corpus"

# Fictional cables, true to the forms of real ones: a quoted list that numbers ¶10 and
# ¶11 again, unnumbered text at the start and the end, and a cable with one unnumbered
# block beside numbered ones.
CABLES = (
    Cable(
        id="06ELSEWHERE934",
        subject="SPAIN: FICTIONAL PRESS REVIEW OF THE ELECTION",
        created="2006-04-21T09:15",
        classification="CONFIDENTIAL",
        origin="Embassy Elsewhere",
        tags=("PGOV", "SP"),
        paragraphs=(
            Paragraph(1, None, "Classified by the political counselor.", "C", "C"),
            Paragraph(2, 9, "The press covered the campaign closely.", "U", "U"),
            Paragraph(3, 10, "Editorials treated the candidate with scorn.", "C", "C"),
            Paragraph(4, 11, "Other papers were kinder.", "U", "U"),
            Paragraph(5, 10, "A quoted column repeated the scorn and condescension.",
                      "SBU", "SBU"),
            Paragraph(6, 11, "The quoted column ended there.", "SBU", "SBU"),
            Paragraph(7, 12, "Comment: the coverage will not change the vote.", "C", "C"),
            Paragraph(8, None, "Signed, the ambassador.", None, None),
        ),
    ),
    Cable(
        id="09ELSEWHERE1528",
        subject="GERMANY: FICTIONAL NOTE ON TRADE",
        created="2009-12-02T16:40",
        classification="UNCLASSIFIED",
        origin="Embassy Elsewhere",
        tags=("ETRD", "GM"),
        paragraphs=(
            Paragraph(1, None, "Summary: exporters of widgets complain about tariffs.", None,
                      None),
            Paragraph(2, 1, "The ministry promised a review of widget tariffs.", "U", "U"),
            Paragraph(3, 2, "Next steps follow.", "U", "U"),
            Paragraph(4, 3, "More steps.", "U", "U"),
            Paragraph(5, 4, "Still more.", "U", "U"),
            Paragraph(6, 5, "The last step.", "U", "U"),
        ),
    ),
)


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("cite-index")
    add_cables(directory, CABLES)
    return directory


@pytest.fixture(scope="module")
def run(index_dir):
    def invoke(*args: str, env: dict | None = None):
        return CliRunner().invoke(main, [*args, "--index", str(index_dir)], env=env)

    return invoke


def _json(result) -> object:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_every_ref_search_prints_opens_its_paragraph_in_show(run):
    for cable in CABLES:
        hits = _json(run("search", f"cable:{cable.id}", "--limit", "100"))["hits"]
        assert len(hits) == len(cable.paragraphs)
        for hit in hits:
            shown = _json(run("show", hit["ref"], "--format", "json"))
            assert [p["text"] for p in shown["paragraphs"]] == [hit["text"]]
            assert shown["focus"] == hit["ref"] and shown["notes"] == []


def test_search_prints_occurrences_and_show_opens_the_one_named(run):
    hits = _json(run("search", "scorn", "condescension"))["hits"]
    assert [hit["ref"] for hit in hits] == ["06ELSEWHERE934 ¶10.2"]
    shown = run("show", "06ELSEWHERE934 ¶10.2")
    assert shown.exit_code == 0
    assert "A quoted column repeated the scorn" in shown.output
    assert "Editorials treated" not in shown.output


def test_show_a_repeated_number_shows_every_copy_and_says_it_repeats(run):
    result = run("show", "06ELSEWHERE934", "¶10")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert ("note: 06ELSEWHERE934 repeats the number ¶10 (2 paragraphs): "
            "cite one as ¶10.1, ¶10.2") in lines
    assert "06ELSEWHERE934 ¶10.1 (C)" in lines and "06ELSEWHERE934 ¶10.2 (SBU)" in lines
    assert "…" in lines  # ¶11.1 between them is left out, and the gap is marked


def test_unnumbered_text_prints_a_ref_show_accepts(run):
    hits = _json(run("search", "widgets", "exporters"))["hits"]
    assert hits[0]["ref"] == "09ELSEWHERE1528 ¶-"
    result = run("show", "09ELSEWHERE1528 ¶-")
    assert result.exit_code == 0 and "Summary: exporters of widgets" in result.output
    both = _json(run("show", "06ELSEWHERE934 ¶-", "--format", "json"))
    assert both["cited"] == ["06ELSEWHERE934 ¶-.1", "06ELSEWHERE934 ¶-.2"]
    last = _json(run("show", "06ELSEWHERE934 ¶-.2", "--format", "json"))
    assert [p["text"] for p in last["paragraphs"]] == ["Signed, the ambassador."]


@pytest.mark.parametrize("ranged", [["09ELSEWHERE1528", "¶¶3-5"], ["09ELSEWHERE1528 ¶3-5"]])
def test_show_a_range(run, ranged):
    shown = _json(run("show", *ranged, "--format", "json"))
    assert shown["cited"] == ["09ELSEWHERE1528 ¶3", "09ELSEWHERE1528 ¶4", "09ELSEWHERE1528 ¶5"]


def test_show_several_refs_and_urls(run):
    shown = _json(run("show", "09ELSEWHERE1528 ¶1", "06ELSEWHERE934 ¶12",
                      "https://wikileaks.org/cable/2009/12/09ELSEWHERE1528.html#par2",
                      "https://wikileaks.org/plusd/cables/06ELSEWHERE934_a.html",
                      "--format", "json"))
    assert [(each["id"], each["cited"]) for each in shown] == [
        ("09ELSEWHERE1528", ["09ELSEWHERE1528 ¶1"]),
        ("06ELSEWHERE934", ["06ELSEWHERE934 ¶12"]),
        ("09ELSEWHERE1528", ["09ELSEWHERE1528 ¶2"]),
        ("06ELSEWHERE934", []),
    ]
    assert len(shown[3]["paragraphs"]) == 8  # a cable's URL opens the whole cable
    text = run("show", "09ELSEWHERE1528 ¶1", "06ELSEWHERE934 ¶12")
    assert text.output.splitlines().count("09ELSEWHERE1528") == 1
    assert "06ELSEWHERE934 ¶12 (C)" in text.output


def test_show_a_bad_ref_among_several_exits_1_with_one_line(run):
    result = run("show", "09ELSEWHERE1528 ¶1", "06ELSEWHERE934 ¶10.3")
    assert result.exit_code == 1
    assert result.output == ("error: 06ELSEWHERE934 has no paragraph ¶10.3: "
                             "¶10 occurs 2 times\n")


def test_every_hit_form_carries_ref_urls_and_text(run):
    data = _json(run("search", "scorn", "--format", "json"))
    hit = data["hits"][0]
    assert hit["url"] == "https://wikileaks.org/cable/2006/04/06ELSEWHERE934.html#par10"
    assert hit["plusd_url"] == "https://wikileaks.org/plusd/cables/06ELSEWHERE934_a.html"
    assert hit["text"] == "Editorials treated the candidate with scorn."
    assert "[[scorn]]" in hit["snippet"]  # the existing fields stay
    rows = list(csv.DictReader(io.StringIO(run("search", "scorn", "--format", "csv").output)))
    assert [(row["ref"], row["url"], row["text"]) for row in rows] == [
        (h["ref"], h["url"], h["text"]) for h in data["hits"]]
    assert rows[0]["plusd_url"] == hit["plusd_url"]
    table = run("search", "scorn", "--format", "table").output
    assert "https://wikileaks.org/cable/2006/04/06ELSEWHERE934.html#par10" in table


def test_show_cite(run):
    result = run("show", "06ELSEWHERE934 ¶10.2", "09ELSEWHERE1528", "--cite")
    assert result.exit_code == 0
    today = date.today()
    accessed = f"(accessed {today:%B} {today.day}, {today.year})."
    paragraph, cable = [line for line in result.output.splitlines() if line]
    assert paragraph.startswith(
        "Embassy Elsewhere, “SPAIN: FICTIONAL PRESS REVIEW OF THE ELECTION,” cable "
        "06ELSEWHERE934, April 21, 2006, ¶10.2 (SBU), ")
    assert paragraph.endswith(
        f"https://wikileaks.org/cable/2006/04/06ELSEWHERE934.html#par10 {accessed}")
    assert cable.startswith("Embassy Elsewhere, “GERMANY: FICTIONAL NOTE ON TRADE,” cable "
                            "09ELSEWHERE1528, December 2, 2009, ")
    assert cable.endswith(f"https://wikileaks.org/cable/2009/12/09ELSEWHERE1528.html {accessed}")


# -- states and small lies ---------------------------------------------------------------


@pytest.mark.parametrize(
    "args", [["stats"], ["search", "oil"], ["facets"], ["show", "06ELSEWHERE934"],
             ["remove", "06ELSEWHERE934"]])
def test_an_index_with_no_commit_yet_is_one_line_not_a_traceback(tmp_path, args):
    create_index(tmp_path)  # what a first build has on disk before its first commit
    result = CliRunner().invoke(main, [*args, "--index", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and "Traceback" not in result.output
    assert (f"{tmp_path}: no commit yet: a first build is running or was interrupted"
            in result.output)


def test_an_index_with_no_commit_yet_is_finished_by_the_next_run(tmp_path):
    create_index(tmp_path / "index")
    built = CliRunner().invoke(main, ["index", str(OWN_CORPUS / "html"),
                                      "--index", str(tmp_path / "index")])
    assert built.exit_code == 0, built.output
    stats = CliRunner().invoke(main, ["stats", "--index", str(tmp_path / "index")])
    assert stats.exit_code == 0 and re.search(r"cables: +[1-9]", stats.output)


def test_remove_on_a_wrong_index_path_creates_nothing(tmp_path):
    wrong = tmp_path / "no" / "such" / "index"
    result = CliRunner().invoke(main, ["remove", "08ASTANA1111", "--index", str(wrong)])
    assert result.exit_code == 1 and "no index here" in result.output
    assert list(tmp_path.iterdir()) == []


def test_a_page_past_the_last_says_so(run):
    table = run("search", "cable:09ELSEWHERE1528", "--limit", "4", "--page", "3",
                "--format", "table")
    assert table.exit_code == 0
    assert table.output == ("6 paragraphs match; page 3 is past the last page "
                            "(2, at 4 per page)\n")
    data = run("search", "cable:09ELSEWHERE1528", "--limit", "4", "--page", "3",
               "--format", "json")
    assert json.loads(data.stdout)["hits"] == []
    assert data.stderr == "note: page 3 is past the last page (2, at 4 per page)\n"
    last = run("search", "cable:09ELSEWHERE1528", "--limit", "4", "--page", "2",
               "--format", "json")
    assert last.stderr == "" and len(json.loads(last.stdout)["hits"]) == 2


@pytest.mark.parametrize("inside", [".", "index", "sub/index"])
def test_index_into_the_folder_being_indexed_is_refused(tmp_path, monkeypatch, inside):
    source = tmp_path / "cables"
    (source / "sub").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["index", "cables", "--index", f"cables/{inside}"])
    assert result.exit_code == 2
    assert "refusing to put the index" in result.output and "inside cables" in result.output
    assert sorted(path.name for path in source.iterdir()) == ["sub"]  # nothing written


def test_index_of_a_path_inside_the_index_is_refused(tmp_path):
    (tmp_path / "index" / "x").mkdir(parents=True)
    result = CliRunner().invoke(main, ["index", str(tmp_path / "index" / "x"),
                                       "--index", str(tmp_path / "index")])
    assert result.exit_code == 2 and "it is inside the index" in result.output


def test_terminal_table_has_a_header_the_subject_and_lines_cut_to_the_width(run):
    result = run("search", "scorn", "OR", "widgets", "--format", "table",
                 env={"COLUMNS": "72"})
    lines = result.output.splitlines()
    assert lines[1].split() == ["REF", "DATE", "MARKING", "ORIGIN", "SUBJECT"]
    row = lines.index(next(line for line in lines if line.startswith("06ELSEWHERE934 ¶10.1")))
    assert re.fullmatch(r"06ELSEWHERE934 ¶10\.1 +2006-04-21  C +Embassy Elsewhere +SPAIN: FI…",
                        lines[row])
    assert lines[row + 1].strip().startswith("Editorials treated the candidate with scorn")
    assert lines[row + 2].strip() == (
        "https://wikileaks.org/cable/2006/04/06ELSEWHERE934.html#par10")
    cut = [line for line in lines if not line.lstrip().startswith("https://")]
    assert all(len(line) <= 72 for line in cut) and len(lines[row]) == 72
    wide = run("search", "scorn", "--format", "table", env={"COLUMNS": "400"}).output
    assert "SPAIN: FICTIONAL PRESS REVIEW OF THE ELECTION" in wide and "…" not in wide


def test_an_index_from_before_occurrences_asks_for_a_rebuild(tmp_path):
    from whoosh import index

    from cablesearch.index.schema import build_schema

    schema = build_schema()
    schema.remove("occurrence")
    index.create_in(tmp_path, schema).writer().commit()
    result = CliRunner().invoke(main, ["index", str(OWN_CORPUS / "html"),
                                       "--index", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output == (f"error: {tmp_path}: built by an older cablesearch (no "
                             "field occurrence); rebuild it with `cablesearch index PATH... "
                             "--rebuild`\n")


def test_parse_prints_the_refs_search_prints():
    """`parse --format text` names a repeated number's copies as search and show do."""
    result = CliRunner().invoke(main, ["parse", str(OWN_CORPUS / "text" / "04ALMATY2077.txt"),
                                       "--format", "text"])
    refs = [" ".join(line.split(" ")[:2]) for line in result.output.splitlines()
            if line.startswith("04ALMATY2077 ¶")]
    assert refs == ["04ALMATY2077 ¶-", "04ALMATY2077 ¶1", "04ALMATY2077 ¶2.1",
                    "04ALMATY2077 ¶2.2"]
