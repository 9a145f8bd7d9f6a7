"""`cablesearch similar`: the paragraphs most like one paragraph, near-duplicates flagged."""

from __future__ import annotations

import json
from pathlib import Path

import click

from cablesearch.cli import main
from cablesearch.cli.errors import run
from cablesearch.cli.options import index_option
from cablesearch.cli.render import similar_csv, similar_table
from cablesearch.cli.search_cmd import _terminal_width
from cablesearch.search import Searcher


@main.command()
@click.argument("ref", nargs=-1, required=True)
@click.option("--limit", type=click.IntRange(min=1), default=10, show_default=True)
@click.option("--min-similarity", type=click.FloatRange(0.0, 1.0), default=0.0,
              show_default=True, help="Least shingle Jaccard similarity to list (0 to 1).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
              show_default=True)
@index_option
def similar(ref: tuple[str, ...], limit: int, min_similarity: float, fmt: str,
            index_dir: Path) -> None:
    """The paragraphs most like the paragraph REF cites, most similar first: the Jaccard
    similarity of their 3-word shingles, near-duplicates (0.8 and up) flagged.

    \b
    Examples:
      cablesearch similar 88BAGHDAD28 ¶3
      cablesearch similar 09STATE68250 ¶4 --min-similarity 0.8 --format json
    """

    def answer() -> str:
        with Searcher(index_dir) as searcher:
            found = searcher.similar(" ".join(ref), limit=limit, min_similarity=min_similarity)
        if fmt == "json":
            return json.dumps(found.to_json(), ensure_ascii=False, indent=2)
        if fmt == "csv":
            return similar_csv(found).rstrip("\n")
        return similar_table(found, _terminal_width())

    click.echo(run(answer, index_dir))
