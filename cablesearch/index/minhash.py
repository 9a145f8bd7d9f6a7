"""Paragraph fingerprints for near-duplicates: word shingles, MinHash, and LSH bands (pure).

Cables copy talking points and whole paragraphs from the instructions they answer, often
with a word changed. Two paragraphs are near-duplicates when the Jaccard similarity of
their sets of 3-word shingles is high. Comparing every paragraph with 2.5 M others is out
of the question; MinHash condenses a shingle set into `HASHES` minima whose chance of
agreeing equals the Jaccard similarity, and LSH groups them into `BANDS` bands of `ROWS`:
two paragraphs become candidates when any band agrees. With 6 bands of 2, a pair at
Jaccard 0.8 is a candidate with probability 1 - (1 - 0.8**2)**6 = 0.998, at 0.5 with
0.82, at 0.1 with 0.06; candidates are then checked on their text.

Each paragraph document carries its bands in a fixed-size column (`schema`), written
with the document: nothing to rebuild when cables are added, replaced or removed.
"""

from __future__ import annotations

import zlib

import numpy as np

SHINGLE = 3  # words per shingle
BANDS = 6
ROWS = 2
HASHES = BANDS * ROWS
BAND_BYTES = 4 * BANDS  # uint32 per band, little-endian
EMPTY = bytes(BAND_BYTES)  # no words: never a candidate (band 0 is never written)
NEAR_DUPLICATE = 0.8  # shingle Jaccard at and above which two paragraphs are near-identical

# Byte → itself in a word (lower-cased), else a space.
_WORD_BYTES = bytes(
    byte + 32 if 65 <= byte <= 90 else byte if 48 <= byte <= 57 or 97 <= byte <= 122
    or byte >= 128 else 32 for byte in range(256))
# Multiply-shift hashing (odd 64-bit multipliers, the top 32 bits kept): one function per
# MinHash row, fixed for ever, since the bands are stored in indexes.
_RANDOM = np.random.default_rng(20101128)
_MULTIPLY = _RANDOM.integers(1, 2**63, size=HASHES, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
_ADD = _RANDOM.integers(0, 2**63, size=HASHES, dtype=np.uint64)
_COMBINE = np.uint64(0x9E3779B97F4A7C15)
_SHIFT = np.uint64(32)
_PRIME = 0x9E3779B1  # mixes a band's rows (Python ints: six values, no numpy call)
_MODULUS = 4294967291  # the largest prime below 2**32


def _hashes(text: str) -> np.ndarray:
    """The 3-word shingles of a text as uint32 hashes, repeats kept; a text of one or two
    words is one shingle. Words are runs of ASCII letters and digits (case folded) and of
    non-ASCII characters, cut from the UTF-8 bytes by one table lookup: a regular
    expression and a `str` per word cost twice as much, for every paragraph indexed."""
    words = text.encode("utf-8").translate(_WORD_BYTES).split()
    if not words:
        return np.zeros(0, dtype=np.uint64)
    hashed = np.fromiter(map(zlib.crc32, words), dtype=np.uint64, count=len(words))
    count = len(hashed) - min(SHINGLE, len(hashed)) + 1
    combined = np.zeros(count, dtype=np.uint64)
    for offset in range(min(SHINGLE, len(hashed))):
        combined = (combined + hashed[offset: offset + count]) * _COMBINE
    return combined >> _SHIFT


def shingles(text: str) -> frozenset[int]:
    """The distinct shingles of a text (the sets `jaccard` compares)."""
    return frozenset(_hashes(text).tolist())


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    """The Jaccard similarity of two shingle sets (as `shingles` returns them)."""
    if not a or not b:
        return 0.0
    common = len(a & b)
    return common / (len(a) + len(b) - common)


def signature(text: str) -> bytes:
    """The paragraph's BANDS band keys (uint32, never 0; all 0 without words), as stored
    in its column. Each row is the least of a hash function over the shingles (the top
    32 bits of the 64-bit value: taking them after the minimum gives the same row)."""
    hashes = _hashes(text)
    if not len(hashes):
        return EMPTY
    products = np.multiply.outer(_MULTIPLY, hashes)
    products += _ADD[:, None]
    rows = (products.min(axis=1) >> _SHIFT).tolist()
    keys = [((rows[2 * band] * _PRIME + rows[2 * band + 1]) * _PRIME + band) % _MODULUS or 1
            for band in range(BANDS)]
    return np.array(keys, dtype="<u4").tobytes()


def decode(column: bytes, count: int) -> np.ndarray:
    """A column's bytes (`count` documents) as a (count, BANDS) uint32 array."""
    return np.frombuffer(column, dtype="<u4", count=count * BANDS).reshape(count, BANDS)
