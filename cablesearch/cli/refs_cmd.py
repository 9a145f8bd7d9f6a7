"""`cablesearch refs`: the references graph around a cable, as a table, JSON, DOT or GraphML."""

from __future__ import annotations

import json
from pathlib import Path

import click

from cablesearch.cli import main
from cablesearch.cli.errors import run
from cablesearch.cli.options import index_option
from cablesearch.search import Searcher
from cablesearch.search.graphformats import (
    GRAPH_FORMATS,
    graph_csv,
    graph_dot,
    graph_graphml,
    graph_table,
)
from cablesearch.search.refgraph import DIRECTIONS, MAX_NODES


@main.command()
@click.argument("cable_id", metavar="ID")
@click.option("--depth", type=click.IntRange(min=1), default=1, show_default=True,
              help="Steps to follow from ID.")
@click.option("--direction", type=click.Choice(DIRECTIONS), default="both", show_default=True,
              help="cites: what ID's REF lines name; cited-by: indexed cables naming ID.")
@click.option("--max-nodes", type=click.IntRange(min=1), default=MAX_NODES, show_default=True,
              help="Stop the walk at this many cables.")
@click.option("--format", "fmt", type=click.Choice(GRAPH_FORMATS), default="table",
              show_default=True, help="dot opens in Graphviz, graphml in Gephi.")
@index_option
def refs(cable_id: str, depth: int, direction: str, max_nodes: int, fmt: str,
         index_dir: Path) -> None:
    """The cables ID cites (its REF lines) and the indexed cables citing it, to --depth
    steps, each marked in the index or not, with its date and subject.

    \b
    Examples:
      cablesearch refs 09BAGHDAD197
      cablesearch refs 08STATE58370 --direction cited-by --depth 2 --format json
      cablesearch refs 08STATE58370 --depth 2 --format dot | dot -Tsvg > refs.svg
      cablesearch refs 08STATE58370 --depth 2 --format graphml > refs.graphml
    """

    def answer() -> str:
        with Searcher(index_dir) as searcher:
            graph = searcher.refs(cable_id, depth=depth, direction=direction,
                                  max_nodes=max_nodes)
        if fmt == "json":
            return json.dumps(graph.to_json(), ensure_ascii=False, indent=2)
        if fmt == "csv":
            return graph_csv(graph).rstrip("\n")
        if fmt == "dot":
            return graph_dot(graph)
        if fmt == "graphml":
            return graph_graphml(graph)
        return graph_table(graph)

    click.echo(run(answer, index_dir))
