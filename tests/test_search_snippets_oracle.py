"""`make_snippet` gives, character for character, what Whoosh's highlighter gave.

The reference is the way snippets were made before `passages.best_passage`: the analyzer's
Tokens through `set_matched_filter`, `ContextFragmenter(maxchars=240, surround=60)`,
`top_fragments(..., 1)` under `BasicFragmentScorer`, a formatter marking `[[...]]`. It lives
here only, as the oracle, over every distinct paragraph of the real cables and over
generated text with the corpus' damage.
"""

from __future__ import annotations

import random
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from whoosh import highlight
from whoosh.analysis import Token

from cablesearch.cable import Cable
from cablesearch.index.analysis import STOP_WORDS, CableAnalyzer
from cablesearch.search import snippets
from cablesearch.search.snippets import CLOSE, OPEN, SNIPPET_CHARS, make_snippet

ANALYZER = CableAnalyzer()
ABSENT = "zzyzxabsent"


class _MarkFormatter(highlight.Formatter):
    def format_token(self, text: str, token: Any, replace: bool = False) -> str:
        return OPEN + highlight.get_text(text, token, replace) + CLOSE


def _copy(token: Token) -> Token:
    """`token.copy()` (a shallow `copy.copy`), several times faster."""
    copied = Token.__new__(Token)
    copied.__dict__.update(token.__dict__)
    return copied


def _tokens(text: str) -> list[Token]:
    """The analyzer's tokens as the old highlighter saw them (copied: the analyzer reuses one),
    made once per text for all its term sets."""
    return [_copy(token) for token in ANALYZER(text, chars=True, mode="query", removestops=False)]


def whoosh_snippet(text: str, termset: frozenset[str], tokens: Iterable[Token]) -> str:
    """The old `make_snippet`, verbatim but for taking the tokens ready-made."""
    if termset:
        fragmenter = highlight.ContextFragmenter(maxchars=SNIPPET_CHARS, surround=60)
        fragments = fragmenter.fragment_tokens(text, highlight.set_matched_filter(tokens, termset))
        best = highlight.top_fragments(fragments, 1, highlight.BasicFragmentScorer(),
                                       highlight.SCORE)
        if best:
            fragment = best[0]
            passage = snippets._squeeze(_MarkFormatter().format_fragment(fragment))
            if snippets._WORD.search(text, 0, fragment.startchar):
                passage = "… " + passage
            if snippets._WORD.search(text, fragment.endchar):
                passage += " …"
            return passage
    opening = snippets._squeeze(text)
    if len(opening) <= SNIPPET_CHARS:
        return opening
    return opening[:SNIPPET_CHARS].rsplit(" ", 1)[0] + " …"


def _term_sets(tokens: list[Token], rng: random.Random) -> list[frozenset[str]]:
    """Two query term sets drawn from a paragraph's own terms: a single term (a stop word
    as often as they occur); and a stop word, a number, a part of a hyphenated word, two
    more terms, `us` and a term that does not occur."""
    terms = [token.text for token in tokens]
    if not terms:
        return [frozenset({"us", ABSENT})]
    stops = [term for term in terms if term in STOP_WORDS] or ["the"]
    numbers = [term for term in terms if term[0].isdigit()] or [ABSENT]
    shared = [b.text for a, b in zip(tokens, tokens[1:], strict=False)
              if a.startchar == b.startchar] or [ABSENT]
    return [
        frozenset({rng.choice(terms)}),
        frozenset([rng.choice(stops), rng.choice(numbers), rng.choice(shared), "us", ABSENT]
                  + rng.sample(terms, min(2, len(terms)))),
    ]


@pytest.fixture(scope="module")
def real_paragraphs(shared_corpus: Path) -> list[str]:
    from cablesearch.sources import read_cables

    texts = {p.text for item in read_cables([shared_corpus])
             if isinstance(item, Cable) for p in item.paragraphs}
    return sorted(texts)


def _differences(cases: Iterable[tuple[str, frozenset[str], str]]) -> list[str]:
    found = []
    for text, termset, expected in cases:
        got = make_snippet(text, termset)
        if got != expected:
            found.append(f"terms {sorted(termset)} in {text[:80]!r}...:\n"
                         f"  whoosh {expected!r}\n  ours   {got!r}")
    return found


def test_same_snippets_as_whoosh_on_every_real_paragraph(real_paragraphs: list[str]) -> None:
    assert len(real_paragraphs) > 5000
    cases = []
    for text in real_paragraphs:
        tokens = _tokens(text)
        rng = random.Random(zlib.crc32(text.encode()))
        cases += [(text, termset, whoosh_snippet(text, termset, tokens))
                  for termset in _term_sets(tokens, rng)]
    differences = _differences(cases)
    assert not differences, f"{len(differences)} of {len(cases)} differ:\n" + "\n".join(
        differences[:5])


# Pieces of cable text with the damage and forms the analyzer treats specially.
PIECES = ["Iraq,s", "&word8", "&two words8", "U.S.", "u.s.", "e.g.", "al-Qaida", "AL-QAIDA",
          "1.4(b)", "1.4 (B)", "1,000", "3.5", "end.Next", "the", "The", "of", "minister",
          "MINISTER", "ministers", "Minister’s", "café", "naïve", "Ünïcode", "(C)", "¶3",
          "—", "…", "'", "-", ".", ",", "2010", "x" * 250, "re-re-election", "gas", "pipeline"]
SEPARATORS = [" ", "  ", "\n", "\n\n", ", ", ". ", "-", "", "\t"]
_piece = st.one_of(st.sampled_from(PIECES),
                   st.text(st.characters(blacklist_categories=("Cs",)), max_size=12))
_texts = st.lists(st.tuples(_piece, st.sampled_from(SEPARATORS)), max_size=120).map(
    lambda pairs: "".join(piece + separator for piece, separator in pairs))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_texts, data=st.data())
def test_same_snippets_as_whoosh_on_generated_text(text: str, data: st.DataObject) -> None:
    tokens = _tokens(text)
    own = sorted({token.text for token in tokens})
    picked = data.draw(st.lists(st.sampled_from(own), max_size=4) if own else st.just([]))
    extra = data.draw(st.sets(st.sampled_from(["the", "us", "minist", "gas", ABSENT])))
    termset = frozenset(picked) | extra
    assert make_snippet(text, termset) == whoosh_snippet(text, termset, tokens)


@pytest.mark.parametrize("at", [32_700, 32_760, 32_764, 32_765, 32_768, 32_790])
def test_same_snippets_as_whoosh_around_the_char_limit(at: int) -> None:
    """Whoosh stops looking at words that end past 32,768 characters; so must we (the
    first `gas` ends at `at` + 4, inside or outside a fragment)."""
    filler = "The delegation reviewed the agenda at length. " * 800
    text = filler[:at] + " gas pipeline gas " + filler[:300]
    for termset in (frozenset({"gas"}), frozenset({"gas", "deleg"}), frozenset({"pipelin"}),
                    frozenset({"length", "gas"})):
        assert make_snippet(text, termset) == whoosh_snippet(text, termset, _tokens(text))
