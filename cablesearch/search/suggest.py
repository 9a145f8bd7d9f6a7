""""Did you mean": a query with no or few hits, respelled from the index's own words.

Each plain word of the query (not a prefix, fuzzy word or cable id) that is rare in the
paragraphs is replaced by the most frequent index term one edit from it (the fuzzy
expansion of `QueryCompiler`), written as a paragraph spelled it: terms are
stems (`minist`), so the surface form is read back from a paragraph that holds the term.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from whoosh import query as wq
from whoosh.support.levenshtein import damerau_levenshtein

from cablesearch.search.compile import CABLE_ID, DEFAULT_FIELDS, QueryCompiler
from cablesearch.search.errors import QueryError
from cablesearch.search.querylang import And, Field, Near, Node, Or, Phrase, Word

# A query with fewer hits than this gets a suggestion (when one finds more).
FEW_HITS = 3
# Only a word in fewer paragraphs than this is respelled: a common word is no typo.
RARE = 5
_FIELD = "text"  # where words are respelled from (most of the vocabulary)
_SAMPLES = 5  # paragraphs read for the surface forms of a term


def respelled(query: str, tree: Node, compiler: QueryCompiler, reader: Any) -> str | None:
    """The query with its rare words respelled; None when no word changes."""
    changes = []
    for word in _plain_words(tree):
        better = _better_term(word, compiler, reader)
        if better is not None:
            changes.append((word, _surface(word.text, better, compiler, reader)))
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


def _better_term(word: Word, compiler: QueryCompiler, reader: Any) -> str | None:
    """The most frequent term one edit from the word (or its stem), if more frequent than
    the word's own; two edits cost seconds on a large index, and `word~2` asks for them."""
    terms = list(compiler.schema[_FIELD].process_text(word.text, mode="query"))
    if len(terms) != 1:
        return None
    own = reader.doc_frequency(_FIELD, terms[0])
    if own >= RARE:
        return None
    try:
        expanded = compiler.compile(Field(_FIELD, Word(word.text, word.col, fuzzy=1), word.col))
    except QueryError:  # too many near spellings: the word is too short to respell
        return None
    candidates = [q.text for q in expanded.leaves()
                  if isinstance(q, wq.Term) and q.text != terms[0]]
    best = max(candidates, key=lambda term: (reader.doc_frequency(_FIELD, term), term),
               default=None)
    return best if best is not None and reader.doc_frequency(_FIELD, best) > own else None


def _surface(typed: str, term: str, compiler: QueryCompiler, reader: Any) -> str:
    """The term as paragraphs holding it wrote it (lower case), the spelling closest to
    the typed word among the first few; the term itself if none is found."""
    field = compiler.schema[_FIELD]
    analyzer = field.analyzer
    assert analyzer is not None  # a text field's
    postings = reader.postings(_FIELD, field.to_bytes(term))
    forms: set[str] = set()
    for _ in range(_SAMPLES):
        if not postings.is_active():
            break
        text = reader.stored_fields(postings.id()).get(_FIELD) or ""
        # `keeporiginal` sets the token's `original`, which whoosh's Token does not declare.
        forms.update(token.original.lower() for token in  # type: ignore[attr-defined]
                     analyzer(text, keeporiginal=True, mode="index")
                     if token.text == term)
        postings.next()
    typed = typed.lower()
    return min(forms, key=lambda form: (damerau_levenshtein(typed, form), form), default=term)
