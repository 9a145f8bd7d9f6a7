"""The `cablesearch` command: a thin click layer over the Python API.

Each command lives in its own module and registers itself on `main`.
"""

from __future__ import annotations

import click

from cablesearch.cli.options import StrictCommand


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="cablesearch")
def main() -> None:
    """Search U.S. diplomatic cables by citable paragraph."""


main.command_class = StrictCommand  # every command: `-h` is help, `-limit` is refused


from cablesearch.cli import (  # noqa: E402,F401  (registers commands)
    index_cmd,
    opensearch_cmd,
    parse_cmd,
    refs_cmd,
    research_cmd,
    search_cmd,
    serve_cmd,
    similar_cmd,
)
