"""Exact phrases matched from positions, checked only where all the words occur.

Whoosh's phrase matcher (`SpanNear2`) steps an intersection of the words' matchers one
document at a time in Python, building span objects for each. Here the documents that
hold every word come from set algebra, and only those have their positions decoded and
compared: word i of the phrase must stand at position p + i for some p.
"""

from __future__ import annotations

from itertools import accumulate
from pickle import loads
from typing import TYPE_CHECKING

import numpy as np
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


def phrase_docs(q: wq.Phrase, segment: SegmentDocs) -> np.ndarray | None:
    """The mask of one segment's docs holding the exact phrase; None for a phrase this
    module does not answer (slop other than 1, a field without positions)."""
    field = segment.reader.schema[q.fieldname] if q.fieldname in segment.reader.schema else None
    if q.slop != 1 or field is None or not isinstance(field.format, Positions):
        return None
    decode = (decode_positions if type(field.format) is Positions
              else field.format.decode_positions)  # a subclass with a value of its own
    words = [segment.postings(q.fieldname, word, values=True) for word in q.words]
    candidates = words[0].ids
    for postings in words[1:]:
        candidates = np.intersect1d(candidates, postings.ids, assume_unique=True)
    # Each word's value for each candidate, found by its place in the word's ids.
    values = [list(map(postings.values.__getitem__,
                       np.searchsorted(postings.ids, candidates).tolist()))
              for postings in words]
    found = []
    for k, doc in enumerate(candidates.tolist()):
        starts = set(decode(values[0][k]))
        for i, by_candidate in enumerate(values[1:], 1):
            starts.intersection_update(map((-i).__add__, decode(by_candidate[k])))
            if not starts:
                break
        else:
            found.append(doc)
    return segment.mask(found)
