"""Options shared by every command that reads or writes an index."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

from cablesearch.index.location import INDEX_ENV, default_index_dir

F = TypeVar("F", bound=Callable)


def index_option(command: F) -> F:
    """`--index DIR`, default $CABLESEARCH_INDEX or ./index; passes `index_dir: Path`."""
    return click.option(
        "--index",
        "index_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=default_index_dir,
        show_default=f"${INDEX_ENV} or ./index",
        help="Index directory.",
    )(command)
