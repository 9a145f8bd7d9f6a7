"""Postings grouped by term as they arrive, instead of Whoosh's external sort of every posting.

Whoosh's `PostingPool` turns each posting into a `(field, term, doc, weight, value)` tuple,
pickles it into a sorted run file, and at commit unpickles and heap-merges every one of
them: a third of our build time (cProfile, 2,000 synthetic cables). Documents arrive in
doc-number order, so a term's postings are already in order when grouped by term: here
they are appended to a flat `[doc, weight, value, doc, weight, value, ...]` list per
(field, term), and only the distinct terms are sorted at commit. When the estimated
memory passes the budget, the groups are written out as a run (terms in order, one
length-prefixed `marshal` record per term) and merged back by term at commit.
"""

from __future__ import annotations

import heapq
import marshal
import os
import tempfile
from collections.abc import Iterable, Iterator
from operator import itemgetter

# Estimated bytes per posting held (list slots, and position bytes where there is more than
# one: weights and single positions are shared objects) and per term. Measured: 60 bytes a
# posting over 3,000 synthetic cables (`/proc` RSS, pool of 2.6 M postings).
_POSTING_BYTES = 64
_TERM_BYTES = 200

Group = tuple[str, bytes, list]  # (field, term, flat postings)
Held = tuple[str, str | bytes, list]  # a group whose textual term may still be `str`


class TermPool:
    """One segment's postings, by field and term, in memory up to `limitmb`, then in runs.

    Terms of the `textual` fields may be given as `str` (encoded to UTF-8 once per distinct
    term, as they are written; `str` and UTF-8 sort alike); the others as bytes.
    """

    def __init__(self, tempdir: str, limitmb: int = 256, textual: frozenset[str] = frozenset()
                 ) -> None:
        self._tempdir = tempdir
        self._textual = textual
        self._limit = limitmb * 1024 * 1024
        self._fields: dict[str, dict[str | bytes, list]] = {}
        self._postings = 0
        self._terms = 0
        self.fieldnames: set[str] = set()  # every field given postings, spilled or not
        self.runs: list[str] = []

    def add_field(self, fieldname: str, docnum: int,
                  items: Iterable[tuple[str | bytes, int, float, bytes | None]], boost: float,
                  scorable: bool) -> int:
        """A document's terms in one field, as `FieldType.index` yields them; returns the
        field's length (its total term frequency) when it is scorable, else 0."""
        terms = self._fields.get(fieldname)
        if terms is None:
            terms = self._fields[fieldname] = {}
            self.fieldnames.add(fieldname)
        length = 0
        added = 0
        new = 0
        for btext, freq, weight, value in items:
            if boost != 1.0:
                weight *= boost
            length += freq
            added += 1
            group = terms.get(btext)
            if group is None:
                terms[btext] = [docnum, weight, value]
                new += 1
            else:
                group += (docnum, weight, value)
        self._postings += added
        self._terms += new
        if self._postings * _POSTING_BYTES + self._terms * _TERM_BYTES > self._limit:
            self._spill()
        return length if scorable else 0

    def add(self, item: tuple[str, bytes, int, float, bytes | None]) -> None:
        """One posting, Whoosh's way (segment merges feed postings one at a time)."""
        fieldname, btext, docnum, weight, value = item
        term = btext.decode("utf-8") if fieldname in self._textual else btext
        self.add_field(fieldname, docnum, ((term, 1, weight, value),), 1.0, False)

    def groups(self) -> Iterator[Group]:
        """Every (field, term as UTF-8, flat postings) in (field, term) order, runs merged."""
        for fieldname, term, flat in self._merged():
            yield fieldname, term.encode("utf-8") if isinstance(term, str) else term, flat

    def _merged(self) -> Iterator[Held]:
        if not self.runs:
            yield from self._in_memory()
            return
        self._spill()
        merged = heapq.merge(*(_read_run(path) for path in self.runs), key=_group_key)
        pending: Held | None = None
        for group in merged:
            if pending is not None and pending[:2] == group[:2]:
                pending[2].extend(group[2])  # later runs hold later documents
                continue
            if pending is not None:
                yield pending
            pending = group
        if pending is not None:
            yield pending

    def iter_postings(self) -> Iterator[tuple[str, bytes, int, float, bytes | None]]:
        """Whoosh's posting tuples, in order (for code that expects a `PostingPool`)."""
        for fieldname, btext, flat in self.groups():
            for i in range(0, len(flat), 3):
                yield fieldname, btext, flat[i], flat[i + 1], flat[i + 2]

    def cleanup(self) -> None:
        for path in self.runs:
            try:
                os.remove(path)
            except OSError:
                pass
        self.runs = []

    def _in_memory(self) -> Iterator[Held]:
        for fieldname in sorted(self._fields):
            terms = self._fields[fieldname]
            for btext in sorted(terms):
                yield fieldname, btext, terms[btext]

    def _spill(self) -> None:
        """Write the groups held in memory as one run, in order, and forget them."""
        if not self._fields:
            return
        handle, path = tempfile.mkstemp(suffix=".run", dir=self._tempdir)
        with os.fdopen(handle, "wb") as run:
            for group in self._in_memory():
                record = marshal.dumps(group)
                run.write(len(record).to_bytes(_SIZE, "little"))
                run.write(record)
        self.runs.append(path)
        self._fields = {}
        self._postings = self._terms = 0


_group_key = itemgetter(0, 1)
_SIZE = 8  # bytes of a run record's length prefix


def _read_run(path: str) -> Iterator[Held]:
    """A run's groups; each record is read whole, since `marshal.load` on a file reads
    it in many small calls (it took a third of a spilled segment's commit)."""
    with open(path, "rb") as run:
        while size := run.read(_SIZE):
            yield marshal.loads(run.read(int.from_bytes(size, "little")))
