""""Did you mean": a query with no or few hits, respelled from the index's own words.

Each plain word of the query (not a prefix, fuzzy word or cable id) that is rare in the
paragraphs is replaced by the most frequent index term one edit from it (the fuzzy
expansion of `QueryCompiler`), written as a paragraph spelled it: terms are
stems (`minist`), so the surface form is read back from a paragraph that holds the term.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from cablesearch.engine import Engine
from cablesearch.engine.compile import CABLE_ID, DEFAULT_FIELDS, QueryCompiler, edit_distance
from cablesearch.search.errors import QueryError
from cablesearch.search.querylang import And, Field, Near, Node, Or, Phrase, Word

# A query with fewer hits than this gets a suggestion (when one finds more).
FEW_HITS = 3
# Only a word in fewer paragraphs than this is respelled: a common word is no typo.
RARE = 5
_FIELD = "text"  # where words are respelled from (most of the vocabulary)
_SAMPLES = 5  # paragraphs read for the surface forms of a term


def respelled(query: str, tree: Node, compiler: QueryCompiler, engine: Engine) -> str | None:
    """The query with its rare words respelled; None when no word changes."""
    changes = []
    for word in _plain_words(tree):
        better = _better_term(word, compiler, engine)
        if better is not None:
            changes.append((word, _surface(word.text, better, engine)))
    if not changes:
        return None
    text = query
    for word, surface in sorted(changes, key=lambda change: -change[0].col):
        start = word.col - 1
        text = text[:start] + surface + text[start + len(word.text):]
    return text


def _plain_words(node: Node, field: str | None = None) -> Iterator[Word]:
    """The words a respelling may change: positive, plain, in text or default fields."""
    if isinstance(node, Word):
        if (field in (None, *DEFAULT_FIELDS) and not node.prefix and node.fuzzy is None
                and not CABLE_ID.fullmatch(node.text) and node.text.isalpha()):
            yield node
    elif isinstance(node, Phrase):  # its words, at their columns
        for part in re.finditer(r"\S+", node.text):
            yield from _plain_words(Word(part.group(), node.col + 1 + part.start()), field)
    elif isinstance(node, (And, Or, Near)):
        for item in node.items:
            yield from _plain_words(item, field)
    elif isinstance(node, Field):
        yield from _plain_words(node.value, node.name)


def _better_term(word: Word, compiler: QueryCompiler, engine: Engine) -> str | None:
    """The most frequent term one edit from the word (or its stem), if more frequent than
    the word's own; two edits cost seconds on a large index, and `word~2` asks for them."""
    terms = compiler.query_terms(_FIELD, word.text)
    if len(terms) != 1:
        return None
    own = engine.doc_frequency(_FIELD, terms[0])
    if own >= RARE:
        return None
    try:
        near = compiler.fuzzy_terms(_FIELD, Word(word.text, word.col, fuzzy=1))
    except QueryError:  # too many near spellings: the word is too short to respell
        return None
    candidates = [term for term in near if term != terms[0]]
    best = max(candidates, key=lambda term: (engine.doc_frequency(_FIELD, term), term),
               default=None)
    return best if best is not None and engine.doc_frequency(_FIELD, best) > own else None


def _surface(typed: str, term: str, engine: Engine) -> str:
    """The term as paragraphs holding it wrote it (lower case), the spelling closest to
    the typed word among the first few; the term itself if none is found."""
    forms = engine.surface_forms(_FIELD, term, _SAMPLES)
    typed = typed.lower()
    return min(forms, key=lambda form: (edit_distance(typed, form), form), default=term)
