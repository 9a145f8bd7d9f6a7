"""The Whoosh index of paragraphs: schema, analysis, incremental crash-safe updates, stats.

Names are imported on first use: every command reads `location` (the default index
directory), and loading the writer, the schema and the stemmer for it cost a cold `search`
most of its start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cablesearch.lazy import lazy_names

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

# Each public name's home module.
__getattr__, __dir__ = lazy_names(__name__, {
    "IndexBusy": "cablesearch.index.lock",
    "IndexMissing": "cablesearch.index.store",
    "IndexReport": "cablesearch.index.writer",
    "NotAnIndex": "cablesearch.index.rebuild",
    "WriterFailed": "cablesearch.index.parallel",  # defined in cablesearch.processes
    "add_cables": "cablesearch.index.writer",
    "default_index_dir": "cablesearch.index.location",
    "index_stats": "cablesearch.index.stats",
    "open_index": "cablesearch.index.store",
    "rebuild_beside": "cablesearch.index.rebuild",
    "remove_cables": "cablesearch.index.writer",
    "update_index": "cablesearch.index.writer",
})
