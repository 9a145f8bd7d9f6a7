"""Positions postings with a compact value: varint deltas, not a pickled list.

Whoosh's `formats.Positions` encodes each posting's positions as a 4-byte count plus a
pickled list of deltas (9 bytes or more for a single position); text postings came to 19
bytes each, 24 MB of a 55 MB index of 22k paragraphs. Here a posting's value is
just its position deltas as varints, most of them one byte. The frequency is the number
of varints (a byte below 128 ends one), so nothing else is stored; the codec keeps the
weights apart from the values, as before.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import accumulate
from typing import Any

from whoosh.formats import Positions

from cablesearch.index.analysis import CableAnalyzer

_CONTINUATIONS = bytes(range(0x80, 0x100))  # bytes that do not end a varint
# The value of a lone position below 128, the most common posting: one shared object
# each, which the posting pool then holds at the cost of a reference.
_LONE = tuple(bytes((position,)) for position in range(0x80))
# Weights of the common frequencies by field boost, shared likewise (a float object per
# posting was a fifth of the pool's memory).
_SHARED_WEIGHTS = 64
_weight_tables: dict[float, tuple[float, ...]] = {}


def _weights(boost: float) -> tuple[float, ...]:
    table = _weight_tables.get(boost)
    if table is None:
        table = _weight_tables[boost] = tuple(freq * boost for freq in range(_SHARED_WEIGHTS))
    return table


def encode_deltas(positions: list[int]) -> bytes:
    """Ascending positions → their deltas as varints (7 bits a byte, low bits first)."""
    if len(positions) == 1 and positions[0] < 0x80:
        return _LONE[positions[0]]
    out = bytearray()
    previous = 0
    for position in positions:
        delta = position - previous
        previous = position
        while delta >= 0x80:
            out.append(0x80 | (delta & 0x7F))
            delta >>= 7
        out.append(delta)
    return bytes(out)


def decode_deltas(value: bytes) -> list[int]:
    """The positions `encode_deltas` encoded."""
    if value.isascii():  # every delta below 128: one byte each
        return list(accumulate(value))
    deltas: list[int] = []
    delta = shift = 0
    for byte in value:
        delta |= (byte & 0x7F) << shift
        if byte < 0x80:
            deltas.append(delta)
            delta = shift = 0
        else:
            shift += 7
    return list(accumulate(deltas))


class CompactPositions(Positions):
    """`Positions` whose posting values are `encode_deltas` bytes.

    Indexing with our analyzer takes its `term_positions` shortcut, without a Token
    object per word. Its quiet terms (stop words, which a quoted phrase counts, and the
    article joined to a word) are indexed with frequency 0: Whoosh's writers add up the
    frequencies as the field's length and use them for nothing else, so lengths, and with
    them the BM25 scores of every other term, are what they would be without quiet terms
    in the index. Their weight is their count, as any term's.
    """

    # Whoosh annotates the terms as bytes, yet its own formats yield the `str` text, as this does.
    def word_values(self, value: Any, analyzer: Any, **kwargs: Any  # type: ignore[override]
                    ) -> Iterator[tuple[str | bytes, int, float, bytes]]:
        if (not isinstance(analyzer, CableAnalyzer) or not isinstance(value, str)
                or kwargs.get("mode") != "index"):
            yield from super().word_values(value, analyzer, **kwargs)
            return
        weights = _weights(self.field_boost)
        boost = self.field_boost
        found, quiet = analyzer.term_positions(value)
        # A term both quiet and not (the stop word `it` and the stem of `it's`): one
        # posting, its positions merged, its frequency and weight those of the loud ones.
        both = quiet.keys() & found.keys()
        for term, positions in found.items():
            freq = len(positions)
            if both and term in both:
                positions = sorted(positions + quiet.pop(term))
            elif freq == 1 and positions[0] < 0x80:  # encode_deltas, inlined: the usual case
                yield term, 1, weights[1], _LONE[positions[0]]
                continue
            weight = weights[freq] if freq < _SHARED_WEIGHTS else freq * boost
            yield term, freq, weight, encode_deltas(positions)
        for term, positions in quiet.items():
            freq = len(positions)
            weight = weights[freq] if freq < _SHARED_WEIGHTS else freq * boost
            yield str(term), 0, weight, encode_deltas(positions)  # a StopWord is not marshallable

    def encode(self, poslist: Any) -> bytes:
        return encode_deltas(list(poslist))

    def decode_positions(self, valuestring: bytes) -> list[int]:
        return decode_deltas(valuestring)

    def decode_frequency(self, valuestring: bytes) -> int:
        return len(valuestring.translate(None, _CONTINUATIONS))
