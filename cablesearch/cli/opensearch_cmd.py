"""`cablesearch export --format opensearch` and `load-opensearch`: our paragraphs carried
to OpenSearch or Elasticsearch, from cable files or from an index."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from cablesearch.cable import Cable, ParseError
from cablesearch.cli import main
from cablesearch.cli.errors import fail, user_errors
from cablesearch.index.location import default_index_dir
from cablesearch.opensearch import write_export
from cablesearch.opensearch.load import LoadError, load
from cablesearch.search import Searcher
from cablesearch.sources import read_cables


class _Skipped:
    """Counts the input units that could not be parsed, each named on stderr."""

    def __init__(self) -> None:
        self.count = 0

    def cables(self, paths: tuple[str, ...]) -> Iterator[Cable]:
        for item in read_cables(paths):
            if isinstance(item, ParseError):
                self.count += 1
                click.echo(f"cablesearch: skipped {item.source}: {item.reason}", err=True)
            else:
                yield item


@contextmanager
def _cables(paths: tuple[str, ...], index_dir: Path | None) -> Iterator[
        tuple[Iterator[Cable], _Skipped]]:
    """The cables of PATHs (parsed) or, without PATHs, of an index; one line on failure."""
    skipped = _Skipped()
    if paths and index_dir is not None:
        raise click.UsageError("give cable files (PATH...) or an index (--index), not both")
    if paths:
        yield skipped.cables(paths), skipped
        return
    index = index_dir or default_index_dir()
    with user_errors(index):
        searcher = Searcher(index)
    with searcher:
        yield searcher.cables(), skipped


@main.command("export")
@click.argument("out_dir", metavar="DIR", type=click.Path(file_okay=False, path_type=Path))
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["opensearch"]), required=True,
              help="opensearch: mapping.json, bulk-NNNN.ndjson files and README.txt.")
@click.option("--index", "index_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Export this index (default: $CABLESEARCH_INDEX or ./index, "
                   "when no PATH is given).")
@click.option("--name", default="cables", show_default=True,
              help="The engine's index name written into the bulk files.")
def export_command(out_dir: Path, paths: tuple[str, ...], fmt: str, index_dir: Path | None,
                   name: str) -> None:
    """Write every paragraph as an OpenSearch / Elasticsearch bulk file, from cable files
    (PATH...) or from an index.

    \b
    Examples:
      cablesearch export --format opensearch out/ --index index
      cablesearch export --format opensearch out/ corpus/
    Then load out/ with the two curl commands of out/README.txt.
    """
    with _cables(paths, index_dir) as (cables, skipped):
        summary = write_export(cables, out_dir, index=name)
    click.echo(f"{summary.cables} cables ({summary.paragraphs} paragraphs) written to "
               f"{out_dir}: mapping.json, {len(summary.files)} bulk file(s), README.txt")
    if skipped.count:
        sys.exit(1)


@main.command("load-opensearch")
@click.argument("url")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--index", "name", default="cables", show_default=True,
              help="The engine's index to create (with our mapping) and fill.")
@click.option("--from", "index_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Send this index's cables (default: $CABLESEARCH_INDEX or ./index, "
                   "when no PATH is given).")
def load_command(url: str, paths: tuple[str, ...], name: str, index_dir: Path | None) -> None:
    """Send every paragraph to a running OpenSearch or Elasticsearch at URL.

    \b
    Example:
      cablesearch load-opensearch http://localhost:9200 --from index
    """
    with _cables(paths, index_dir) as (cables, skipped), click.progressbar(
            cables, label="cables sent", file=sys.stderr, show_pos=True) as shown:
        try:
            summary = load(url, shown, index=name)
        except LoadError as error:
            click.echo(err=True)  # below the progress bar
            fail(str(error))
    click.echo(f"{summary.cables} cables ({summary.paragraphs} paragraphs) sent to {url}/{name}")
    if skipped.count:
        sys.exit(1)
