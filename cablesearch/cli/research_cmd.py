"""`cablesearch kwic` and `cite`: thin click layers over `Searcher.kwic` and `citation`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from cablesearch.cli import main
from cablesearch.cli.errors import run
from cablesearch.cli.options import index_option
from cablesearch.cli.render import kwic_csv, kwic_table
from cablesearch.cli.research_options import filter_options, filters_of
from cablesearch.cli.search_cmd import _QUERY_WORDS, _bold, _query_text, shown_refs
from cablesearch.search import Searcher
from cablesearch.search.citation import STYLES, citations
from cablesearch.search.concordance import SORTS as KWIC_SORTS
from cablesearch.search.concordance import WIDTH


@main.command(context_settings=_QUERY_WORDS)
@click.argument("phrase")
@click.argument("query", nargs=-1)
@filter_options
@click.option("--width", type=click.IntRange(min=1), default=WIDTH, show_default=True,
              help="Characters of context on each side.")
@click.option("--sort", type=click.Choice(KWIC_SORTS), default="date", show_default=True,
              help="date: oldest first; left/right: by the words nearest the match.")
@click.option("--limit", type=click.IntRange(min=1), default=100, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]),
              help="Output form (default: table on a terminal, json otherwise).")
@index_option
def kwic(phrase: str, query: tuple[str, ...], width: int, sort: str, limit: int,
         fmt: str | None, index_dir: Path, **options: Any) -> None:
    """Concordance: every occurrence of PHRASE (a word or "a phrase") in paragraph text,
    one line each (left context | match | right context) with its pin cite, among the
    paragraphs QUERY and the filters match.

    \b
    Examples:
      cablesearch kwic '"human rights"'
      cablesearch kwic minister energy --origin tbilisi --sort right --width 30
      cablesearch kwic trafficking --tag PHUM --format csv > trafficking.csv
    """
    text = _query_text(query)

    def answer() -> str:
        with Searcher(index_dir) as searcher:
            found = searcher.kwic(phrase, text or None, filters=filters_of(options),
                                  width=width, sort=sort, limit=limit)
        form = fmt or ("table" if sys.stdout.isatty() else "json")
        if form == "json":
            return json.dumps(found.to_json(), ensure_ascii=False, indent=2)
        if form == "csv":
            return kwic_csv(found).rstrip("\n")
        return kwic_table(found, width, _bold)

    click.echo(run(answer))


@main.command()
@click.argument("refs", nargs=-1, required=True)
@click.option("--style", type=click.Choice(list(STYLES)), default="chicago",
              show_default=True)
@index_option
def cite(refs: tuple[str, ...], style: str, index_dir: Path) -> None:
    """Cite paragraphs (08ASTANA1111 ¶3, 08ASTANA1111/3, 08ASTANA1111#par3) or whole
    cables (08ASTANA1111): Chicago notes, BibTeX, RIS or CSL-JSON for reference managers.

    \b
    Examples:
      cablesearch cite '08ASTANA1111 ¶2' 09BAGHDAD197/1
      cablesearch cite 08ASTANA1111/2 --style ris > cables.ris
      cablesearch cite 08ASTANA1111/2 --style csl-json > cables.json
    """
    def answer() -> str:
        with Searcher(index_dir) as searcher:
            shown = shown_refs(searcher, refs)
        return citations((item for each in shown for item in each.citables()), style)

    click.echo(run(answer))
