"""Our paragraphs and our query language, carried to OpenSearch or Elasticsearch.

For an archive that outgrows one machine: the same paragraph documents (`documents`),
an index body whose analyzer is as close to ours as the engines' built-ins allow
(`mapping`), bulk files streamed in constant memory (`bulk`), the Query DSL a query of
ours means (`dsl`), and a loader through the official client (`load`). No engine runs on
our machines, so each is tested against the documented formats and the client's own DSL.
"""

from cablesearch.opensearch.bulk import ExportSummary, write_export
from cablesearch.opensearch.documents import cable_documents, cable_from_documents
from cablesearch.opensearch.dsl import to_dsl
from cablesearch.opensearch.mapping import index_body

__all__ = [
    "ExportSummary", "cable_documents", "cable_from_documents", "index_body", "to_dsl",
    "write_export",
]
