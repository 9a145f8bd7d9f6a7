"""The passage of a paragraph that Whoosh's highlighter would pick, without its Tokens.

Whoosh's `ContextFragmenter(maxchars=240, surround=60)` + `BasicFragmentScorer` +
`top_fragments(..., 1)` over the analyzer's token stream took about a third of a rare-term
search: a `Token` per word through generator filters, for every hit. The same algorithm
runs here on bare word spans, and only where it can change anything: between fragments it
merely remembers the words just before the next match, so it jumps from match to match.
tests/test_search_snippets_oracle.py holds the result to Whoosh's, character for character.
"""

from __future__ import annotations

import re
from collections import deque
from itertools import accumulate, compress, count
from operator import not_
from typing import NamedTuple

from cablesearch.index.analysis import TOKEN, repair_typography, terms_of

# Whoosh's DEFAULT_CHARLIMIT: its fragmenter stops at the first token ending past it.
CHARLIMIT = 2**15
# Split by it, a text alternates gap, word, gap, ... gap: the lengths summed give each word's
# span without a match object per word.
_SPLIT = re.compile("(" + TOKEN.pattern + ")", TOKEN.flags)


class Passage(NamedTuple):
    """A fragment: its character span and the spans of its matched tokens, in order."""

    start: int
    end: int
    marks: list[tuple[int, int]]
    score: int


# Word → its query terms, stop words kept: `terms_of` without its flags, in a dict keyed by
# the bare word so that a paragraph's words are looked up by C-level set and `map`
# operations, not one call each (that lookup was most of the time left). Process-wide and
# bounded, like the analyzer's memo.
_MEMO_LIMIT = 1_000_000
_word_terms: dict[str, tuple[str, ...]] = {}


def _learn(words: set[str]) -> None:
    """Memoize the query terms of those `words` not seen yet."""
    new = words.difference(_word_terms)  # walks `words`, not the memo (as `- keys()` does)
    if len(_word_terms) + len(new) > _MEMO_LIMIT:
        _word_terms.clear()
        new = words
    for word in new:
        _word_terms[word] = tuple(term for term, _ in terms_of(word, True)[0])


def best_passage(text: str, termset: frozenset[str], maxchars: int,
                 surround: int) -> Passage | None:
    """The best-scoring fragment of `text`, or None if no term of `termset` occurs.

    As Whoosh does it: one token per term of each word, stop words kept (a hyphenated
    word is several tokens over the same characters, each counting its length); a
    fragment scores (matched tokens) x (distinct matched terms); on a tie the later
    fragment wins (`top_fragments` takes the `max` of (score, fragment) pairs, and
    fragments compare by start). Fragments without a match (Whoosh makes one when a
    single word exceeds `maxchars`) score 0 and are never chosen.
    """
    parts = _SPLIT.split(repair_typography(text))
    bounds = list(accumulate(map(len, parts)))  # word i spans bounds[2i]:bounds[2i + 1]
    words = parts[1::2]
    wordset = set(words)
    _learn(wordset)
    terms = _word_terms
    distinct = list(wordset)
    hitwords = set(compress(distinct, map(not_, map(termset.isdisjoint,
                                                    map(terms.__getitem__, distinct)))))
    if not hitwords:
        return None
    hits = deque(compress(count(), map(hitwords.__contains__, words)))

    fragments: list[Passage] = []
    first = -1  # start of the fragment being built; -1 outside one
    firsts: deque[int] = deque()  # starts of the unmatched words just before it
    countdown = -1  # >= 0 inside a fragment: characters left to add after its last match
    marks: list[tuple[int, int]] = []
    matched_terms: set[str] = set()
    currentlen = endchar = i = 0
    while True:
        if countdown < 0:
            # Outside a fragment, unmatched words only pass through `firsts`, which
            # keeps those starting within `surround` of the last one's end: skip to
            # the next match and keep just those.
            while hits and hits[0] < i:
                hits.popleft()
            if not hits:
                break
            k = hits[0]
            if k > i:
                cutoff = bounds[2 * k - 1] - surround
                while firsts and firsts[0] < cutoff:
                    firsts.popleft()
                j = k
                while j > i and bounds[2 * j - 2] >= cutoff:
                    j -= 1
                firsts.extend(bounds[2 * m] for m in range(j, k))
                i = k
        elif i == len(words):
            break
        startchar, endchar = bounds[2 * i], bounds[2 * i + 1]
        if endchar > CHARLIMIT:
            break
        tlength = endchar - startchar
        for term in terms[words[i]]:
            matched = term in termset
            if countdown < 0 and not matched:
                firsts.append(startchar)
                while firsts and endchar - firsts[0] > surround:
                    firsts.popleft()
            elif currentlen + tlength > maxchars:
                countdown = 0
            elif matched:
                countdown = surround
                if first < 0:
                    if firsts:
                        first = firsts[0]
                    else:
                        first = startchar
                        countdown += surround
                marks.append((startchar, endchar))
                matched_terms.add(term)
            if countdown >= 0:
                currentlen += tlength
                countdown -= tlength
                if countdown <= 0:
                    if marks:
                        fragments.append(Passage(first, endchar, marks,
                                                 len(marks) * len(matched_terms)))
                    marks, matched_terms, firsts, first, currentlen = [], set(), deque(), -1, 0
        i += 1
    if marks:
        fragments.append(Passage(first, endchar, marks, len(marks) * len(matched_terms)))
    if not fragments:
        return None
    return max(fragments, key=lambda fragment: (fragment.score, fragment.start))
