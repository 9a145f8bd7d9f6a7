"""Whoosh's segment writer on our posting pool (`pool.TermPool`), with lengths kept at hand.

Two costs of `whoosh.writing.SegmentWriter` at bulk-indexing scale are replaced here,
by subclassing (the library is not edited):

- `add_document` hands each posting to the pool as its own tuple and call, its term
  encoded to UTF-8; here each field's postings go to the pool in one call, grouped by
  term (see `pool.py`), and text terms are encoded once per distinct term.
- At commit, `FieldWriter.add_postings` looks up every posting's document length in the
  segment's length column it has just written (7 % of the build); here the lengths are
  remembered as documents are added, quantized as the column quantizes them, and each
  term's postings go to the codec in one call (`PackedPostingsWriter.add_postings`).

Segments are written with our `CompactCodec` (smaller postings, read by Whoosh as they
are). Our schema has no term vectors and no separate spelling fields, which this writer does
not support. Segments merged in by a merge policy (`add_reader`) arrive as postings and
written columns, not documents: a segment holding such a merge is written Whoosh's way.
"""

from __future__ import annotations

from itertools import repeat
from typing import Any

from whoosh.fields import FieldType
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import SegmentWriter

from cablesearch.index.codec import CompactCodec, PackedPostingsWriter
from cablesearch.index.pool import TermPool


def _quantized(length: int, memo: dict[int, int] = {}) -> int:  # noqa: B006 (a memo)
    """The length a length column gives back for `length` (it stores one byte)."""
    found = memo.get(length)
    if found is None:
        found = memo[length] = byte_to_length(length_to_byte(length))
    return found


class PooledSegmentWriter(SegmentWriter):
    """A `SegmentWriter` whose postings go through a `TermPool`."""

    def __init__(self, ix: Any, limitmb: int = 128, **kwargs: Any) -> None:
        kwargs["codec"] = CompactCodec()  # its postings writer takes a term's postings at once
        super().__init__(ix, limitmb=limitmb, **kwargs)
        unsupported = [name for name, field in self.schema.items()
                       if field.vector or field.separate_spelling()]
        if unsupported:
            raise ValueError(f"fields with vectors or spelling are not supported: {unsupported}")
        # Fields indexed by the generic `FieldType.index`: their format gives str terms.
        self._textual = frozenset(name for name, field in self.schema.items()
                                  if field.indexed and type(field).index is FieldType.index)
        self.pool = TermPool(self._tempstorage.folder, limitmb, self._textual)
        self._lengths: dict[str, dict[int, int]] = {}
        # Each field's last value and its postings: a cable's documents repeat its fields.
        self._last: dict[str, tuple[Any, list]] = {}
        self._merged = False

    def add_document(self, **fields: Any) -> None:
        self._check_state()
        perdocwriter = self.perdocwriter
        schema = self.schema
        docnum = self.docnum
        add_field = self.pool.add_field
        docboost = self._doc_boost(fields)
        fieldnames = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, fieldnames)
        perdocwriter.start_doc(docnum)
        try:
            for fieldname in fieldnames:
                value = fields[fieldname]
                if value is None:
                    continue
                field = schema[fieldname]
                length = 0
                if field.indexed:
                    boost = self._field_boost(fields, fieldname, docboost)
                    items = self._postings_of(fieldname, field, value)
                    length = add_field(fieldname, docnum, items, boost, field.scorable)
                    if length:
                        lengths = self._lengths.get(fieldname)
                        if lengths is None:
                            lengths = self._lengths[fieldname] = {}
                        lengths[docnum] = _quantized(length)
                stored = fields.get(f"_stored_{fieldname}", value)
                perdocwriter.add_field(fieldname, field, stored if field.stored else None,
                                       length)
                column = field.column_type
                if column and stored is not None:
                    perdocwriter.add_column_value(fieldname, column,
                                                  field.to_column_value(stored))
        except ValueError:
            perdocwriter.cancel_doc()
            raise
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1

    def _postings_of(self, fieldname: str, field: FieldType, value: Any) -> list:
        """The field's (term, freq, weight, value) postings of `value`, analyzed once for a
        run of documents with the same value (the cable fields of its paragraphs)."""
        last = self._last.get(fieldname)
        if last is not None and type(last[0]) is type(value) and last[0] == value:
            return last[1]
        if fieldname in self._textual:
            assert field.format is not None  # a textual field has a positions format
            items = list(field.format.word_values(value, field.analyzer, mode="index"))
        else:
            items = list(field.index(value))
        self._last[fieldname] = (value, items)
        return items

    def add_reader(self, reader: Any) -> None:
        self._merged = True
        super().add_reader(reader)

    def _flush_segment(self) -> None:
        if self._merged:
            super()._flush_segment()
            return
        self.perdocwriter.close()
        writer = self.fieldwriter
        current = None
        lengths: dict[int, int] = {}
        for fieldname, btext, flat in self.pool.groups():
            if fieldname != current:
                if current is not None:
                    writer.finish_field()
                writer.start_field(fieldname, self.schema[fieldname])
                current = fieldname
                lengths = self._lengths.get(fieldname, {})
            writer.start_term(btext)
            ids = flat[0::3]
            postwriter: PackedPostingsWriter = writer._postwriter
            postwriter.add_postings(ids, flat[1::3], flat[2::3],
                                    list(map(lengths.get, ids, repeat(0))))
            writer.finish_term()
        if current is not None:
            writer.finish_field()
        writer.close()
