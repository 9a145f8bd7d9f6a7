"""The Whoosh index of paragraphs: schema, analysis, incremental crash-safe updates, stats."""

from cablesearch.index.location import default_index_dir
from cablesearch.index.lock import IndexBusy
from cablesearch.index.parallel import WriterFailed
from cablesearch.index.rebuild import NotAnIndex, rebuild_beside
from cablesearch.index.stats import index_stats
from cablesearch.index.store import IndexMissing, open_index
from cablesearch.index.writer import IndexReport, add_cables, remove_cables, update_index

__all__ = [
    "IndexBusy", "IndexMissing", "IndexReport", "NotAnIndex", "WriterFailed", "add_cables",
    "default_index_dir", "index_stats", "open_index", "rebuild_beside", "remove_cables",
    "update_index",
]
