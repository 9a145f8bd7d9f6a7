"""Sending the paragraph documents to a running engine with the official client.

opensearch-py's `streaming_bulk` chunks the documents, retries what the engine refuses
for load (429) with backoff, and reports each document, which our own HTTP code would
have to do again; it is imported here only, so the rest of cablesearch does not need it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from cablesearch.cable import Cable
from cablesearch.opensearch.documents import cable_documents, document_id
from cablesearch.opensearch.mapping import index_body


class LoadError(Exception):
    """The engine could not be reached or refused the index or a document."""


@dataclass
class LoadSummary:
    cables: int = 0
    paragraphs: int = 0


def load(url: str, cables: Iterable[Cable], index: str = "cables",
         chunk_size: int = 500,
         client: Any = None) -> LoadSummary:
    """Create `index` (with our mapping) unless it exists, then send every cable's
    paragraph documents; LoadError with one line on any failure."""
    try:
        from opensearchpy import OpenSearch, helpers
        from opensearchpy.exceptions import ConnectionError as Unreachable
        from opensearchpy.exceptions import OpenSearchException
    except ImportError:
        raise LoadError("needs the OpenSearch client: pip install 'cablesearch[opensearch]'"
                        ) from None
    client = client or OpenSearch(url, max_retries=2, retry_on_timeout=True, timeout=60)
    summary = LoadSummary()

    def actions() -> Iterable[dict[str, Any]]:
        for cable in cables:
            documents = cable_documents(cable)
            for document in documents:
                yield {"_index": index, "_id": document_id(cable.id, document["seq"]),
                       "routing": cable.id, "_source": document}
            summary.cables += 1
            summary.paragraphs += len(documents)

    try:
        if not client.indices.exists(index=index):
            client.indices.create(index=index, body=index_body())
        for ok, item in helpers.streaming_bulk(client, actions(), chunk_size=chunk_size,
                                               max_retries=3, raise_on_error=False):
            if not ok:
                raise LoadError(f"{url}: a document was refused: {_reason(item)}")
    except Unreachable:
        raise LoadError(f"cannot reach {url} (nothing answers there, or not in time)"
                        ) from None
    except OpenSearchException as error:
        raise LoadError(f"{url}: {_reason(error)}") from None
    return summary


def _reason(detail: Any) -> str:
    """One line from the client's error or a refused document's item."""
    return " ".join(str(detail).split())[:300]
