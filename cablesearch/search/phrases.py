"""Exact phrases matched from positions, checked only where all the words occur.

Whoosh's phrase matcher (`SpanNear2`) steps an intersection of the words' matchers one
document at a time in Python, building span objects for each. Here the documents that
hold every word come from set algebra, and only those have their positions decoded and
compared: word i of the phrase must stand at position p + i for some p.
"""

from __future__ import annotations

from itertools import accumulate
from pickle import loads
from typing import TYPE_CHECKING, Any

from whoosh import query as wq
from whoosh.formats import Positions
from whoosh.system import _INT_SIZE

if TYPE_CHECKING:
    from cablesearch.search.docsets import SegmentDocs


def decode_positions(value: bytes) -> list[int]:
    """`Positions.decode_positions`, with the deltas summed in C: a count, then the
    pickled deltas (the writer may drop the pickle's final STOP byte)."""
    payload = value[_INT_SIZE:]
    return list(accumulate(loads(payload if payload.endswith(b".") else payload + b".")))


def phrase_docs(q: wq.Phrase, segment: SegmentDocs) -> set[int] | None:
    """The docs of one segment holding the exact phrase; None for a phrase this module
    does not answer (slop other than 1, a field without positions)."""
    field = segment.reader.schema[q.fieldname] if q.fieldname in segment.reader.schema else None
    if q.slop != 1 or field is None or not isinstance(field.format, Positions):
        return None
    decode = (decode_positions if type(field.format) is Positions
              else field.format.decode_positions)  # a subclass with a value of its own
    words = [segment.postings(q.fieldname, word, values=True) for word in q.words]
    if not all(postings.ids for postings in words):
        return set()
    candidates = set(words[0].ids).intersection(*(postings.ids for postings in words[1:]))
    if not candidates:
        return set()
    values: list[dict[int, Any]] = [dict(zip(postings.ids, postings.values, strict=True))
                                    for postings in words]
    found = set()
    for doc in candidates:
        starts = set(decode(values[0][doc]))
        for i, by_doc in enumerate(values[1:], 1):
            starts.intersection_update(map((-i).__add__, decode(by_doc[doc])))
            if not starts:
                break
        else:
            found.add(doc)
    return found
