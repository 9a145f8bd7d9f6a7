"""The Whoosh index of paragraphs: schema, analysis, incremental crash-safe updates, stats.

Names are imported on first use: every command reads `location` (the default index
directory), and loading the writer, the schema and the stemmer for it cost a cold `search`
most of its start-up.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

# Each public name and the module that defines it.
_HOMES = {
    "IndexBusy": "lock",
    "IndexMissing": "store",
    "IndexReport": "writer",
    "NotAnIndex": "rebuild",
    "WriterFailed": "parallel",  # defined in cablesearch.processes
    "add_cables": "writer",
    "default_index_dir": "location",
    "index_stats": "stats",
    "open_index": "store",
    "rebuild_beside": "rebuild",
    "remove_cables": "writer",
    "update_index": "writer",
}

__all__ = [
    "IndexBusy", "IndexMissing", "IndexReport", "NotAnIndex", "WriterFailed", "add_cables",
    "default_index_dir", "index_stats", "open_index", "rebuild_beside", "remove_cables",
    "update_index",
]

if TYPE_CHECKING:  # what type checkers see; at run time `__getattr__` loads them
    from cablesearch.index.location import default_index_dir
    from cablesearch.index.lock import IndexBusy
    from cablesearch.index.parallel import WriterFailed
    from cablesearch.index.rebuild import NotAnIndex, rebuild_beside
    from cablesearch.index.stats import index_stats
    from cablesearch.index.store import IndexMissing, open_index
    from cablesearch.index.writer import IndexReport, add_cables, remove_cables, update_index


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:  # a submodule (`from cablesearch.index import analysis`) is then imported
        raise AttributeError(f"module 'cablesearch.index' has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOMES))
