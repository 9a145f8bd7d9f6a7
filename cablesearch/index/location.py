"""Where the index lives when no `--index` is given."""

from __future__ import annotations

import os
from pathlib import Path

INDEX_ENV = "CABLESEARCH_INDEX"


def default_index_dir() -> Path:
    """$CABLESEARCH_INDEX, or ./index in the current directory."""
    return Path(os.environ.get(INDEX_ENV) or "index")
