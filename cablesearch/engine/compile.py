"""Turns a parsed query tree into a Whoosh query over the paragraph schema.

Each user-facing field (`tag:`, `class:`, `created:` ...) maps to the index field(s) that
answer it, and its value goes through that field's own analyzer, so a query term is
always spelled the way the index spelled it (`tag:phum` = `tag:PHUM`, `Iraq,s` = `Iraq's`).
CLI filters are compiled through the same mapping, so `--tag PHUM` and `tag:PHUM` agree
by construction.

Given the index's reader, the compiler also expands what depends on the index's own
terms (a fuzzy `word~` becomes the terms within its edits) and refuses a value that
cannot match (`marking:XYZ` when no paragraph carries that caveat).
"""

from __future__ import annotations

import calendar
import re
from datetime import datetime
from typing import Any

from whoosh import query as wq
from whoosh.fields import Schema
from whoosh.support.levenshtein import damerau_levenshtein

from cablesearch.engine.cablewide import CableWide
from cablesearch.engine.citedby import CitedByCount
from cablesearch.engine.datespan import DateSpan
from cablesearch.engine.proximity import phrase_span, proximity
from cablesearch.index.documents import UNMARKED
from cablesearch.index.fields import ANALYZED, BY_NAME, QUERY_NAMES
from cablesearch.index.schema import CABLE_WIDE
from cablesearch.parse.levels import LEVELS, class_level
from cablesearch.parse.markings import parse_marking
from cablesearch.search.errors import QueryError
from cablesearch.search.querylang import And, Field, Near, Node, Not, Or, Phrase, Range, Word

# Bare words and phrases look in the paragraph and its cable's subject.
DEFAULT_FIELDS = ("text", "subject")

# User field name → index fields it searches (analyzed by that field's analyzer); the
# other names of the field table are answered by index field below (`_leaf`, `_range`).
_TERM_FIELDS = {name: (field,) for name, field in QUERY_NAMES.items()
                if BY_NAME[field].kind in ANALYZED}
# Answered from the `references` postings (`citedby`), not from a field of its own.
CITED_BY_COUNT = "cited-by-count"
KNOWN_FIELDS = tuple(sorted((*QUERY_NAMES, CITED_BY_COUNT)))

_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
# A cable id such as 09RIYADH181: a bare one also finds the cable itself.
CABLE_ID = re.compile(r"\d{2}[A-Za-z]{3,}\d+")
# A cable's own paragraphs outrank those that merely mention its id.
_OWN_CABLE_BOOST = 1000.0
# Quoted, a tag may be words (`tag:"HUMAN RIGHTS"`) or a person (`tag:"CLINTON, HILLARY"`).
_TAG_WORDS = re.compile(r"[A-Za-z0-9_/.&-]+(?:,? [A-Za-z0-9_/.&-]+)*")
# Index fields holding one code per value: a list (`PHUM,PREL`) or spaces cannot match
# one. Field → (what one value looks like, what it is called, an example).
_TAG = re.compile(r"[A-Za-z0-9_/.&-]+")  # `PHUM`, `UNGA/C-6`
_ID = re.compile(r"[A-Za-z0-9]+")
_ONE_CODE = {
    "tags": (_TAG, "tag", "PHUM"),
    "cable": (_ID, "cable id", "08ASTANA1111"),
    "references": (_ID, "cable id", "08ASTANA1111"),
}
# A fuzzy word may stand for at most this many index terms (per field).
MAX_EXPANSIONS = 100


def level_value(value: str, col: int, what: str) -> str:
    """`secret`, `s`, `S` → `S`: a level as the index spells it, or QueryError."""
    upper = " ".join(value.upper().replace("_", " ").split())
    level = upper if upper in LEVELS else class_level(upper)
    if level is None:
        raise QueryError(
            f"unknown {what} '{value}' at column {col} "
            f"(use {', '.join(LEVELS)}, or unclassified, fouo, confidential, secret, top secret)"
        )
    return level


def date_bounds(value: str, col: int) -> tuple[datetime, datetime]:
    """`2008` / `2008-06` / `2008-06-13` → the first and last instant of that period."""
    found = _DATE.fullmatch(value)
    if not found:
        raise QueryError(
            f"bad date '{value}' at column {col} (write YYYY, YYYY-MM or YYYY-MM-DD)"
        )
    year = int(found.group(1))
    month, day = (int(part) if part else None for part in found.groups()[1:])
    try:
        if month is None:
            return datetime(year, 1, 1), datetime(year, 12, 31, 23, 59, 59)
        if day is None:
            last = calendar.monthrange(year, month)[1]
            return datetime(year, month, 1), datetime(year, month, last, 23, 59, 59)
        return datetime(year, month, day), datetime(year, month, day, 23, 59, 59)
    except ValueError as error:
        raise QueryError(f"bad date '{value}' at column {col}: {error}") from None


def marking_parts(text: str) -> tuple[str | None, tuple[str, ...]]:
    """A typed marking's level and caveats: `S/NF` → (S, NF); `NOFORN` → (None, NF)."""
    level, caveats = parse_marking(text)
    if level is None:
        # Read as the caveats of a marking, so aliases normalize (NOFORN → NF).
        caveats = parse_marking(f"U//{text}")[1] or (" ".join(text.upper().split()),)
    return level, caveats


def _int(value: str, col: int, what: str) -> int:
    if not value.isdigit():
        raise QueryError(f"bad {what} '{value}' at column {col} (write digits, e.g. 2008)")
    return int(value)


class QueryCompiler:
    """Compiles query trees against one index schema (the index carries its own copy),
    and its reader where given (for fuzzy words and values that cannot match)."""

    def __init__(self, schema: Schema, reader: Any = None) -> None:
        self.schema = schema
        self.reader = reader
        self._variants: dict[tuple[int, str], set[str]] = {}

    def compile(self, node: Node) -> wq.Query:
        return self._node(node, None)

    # -- structure -------------------------------------------------------------------

    def _node(self, node: Node, field: str | None) -> wq.Query:
        if isinstance(node, And):
            return self._and(node.items, field)
        if isinstance(node, Or):
            return wq.Or([self._node(item, field) for item in node.items])
        if isinstance(node, Not):
            return wq.AndNot(wq.Every(), self._node(node.item, field))
        if isinstance(node, Field):
            if field is not None:
                raise QueryError(f"field '{node.name}:' at column {node.col} is inside "
                                 f"'{field}:'; write fields side by side")
            if node.name not in KNOWN_FIELDS:
                raise QueryError(
                    f"unknown field '{node.name}:' at column {node.col} "
                    f"(known: {', '.join(KNOWN_FIELDS)})"
                )
            return self._node(node.value, node.name)
        if isinstance(node, Range):
            return self._range(node, field)
        if isinstance(node, Near):
            return self._near(node, field)
        return self._leaf(node, field)

    def _and(self, items: tuple[Node, ...], field: str | None) -> wq.Query:
        positive = [self._node(item, field) for item in items if not isinstance(item, Not)]
        negative = [self._node(item.item, field) for item in items if isinstance(item, Not)]
        base = wq.And(positive) if positive else wq.Every()
        return wq.AndNot(base, wq.Or(negative)) if negative else base

    # -- leaves ----------------------------------------------------------------------

    def _leaf(self, node: Word | Phrase, field: str | None) -> wq.Query:
        prefix = isinstance(node, Word) and node.prefix
        fuzzy = node.fuzzy if isinstance(node, Word) else None
        if field is None and isinstance(node, Word) and node.text.endswith(":"):
            name = node.text[:-1].lower()
            if name in KNOWN_FIELDS:  # `tag: PHUM`; an unknown `Comment:` is text
                raise QueryError(f"field '{name}:' at column {node.col} has no value "
                                 f"(write {name}:value with no space)")
        target = QUERY_NAMES.get(field) if field is not None else None  # the index field
        one_code = _ONE_CODE.get(target) if target is not None else None
        if one_code and not (_TAG_WORDS if isinstance(node, Phrase) and one_code[0] is _TAG
                             else one_code[0]).fullmatch(node.text):
            _, what, example = one_code
            raise QueryError(
                f"unknown {what} format '{node.text}' at column {node.col} (a {what} is one "
                f"code such as {example}; several: {field}:(A OR B) or {field}:A {field}:B)")
        if field in (None, *_TERM_FIELDS):
            names = DEFAULT_FIELDS if field is None else _TERM_FIELDS[field]
            if fuzzy and isinstance(node, Word):
                found = [self._fuzzy(name, node) for name in names]
            else:
                phrase = isinstance(node, Phrase)
                found = [self._analyzed(name, node.text, prefix, phrase) for name in names]
            q = _any([_cable_wide(name, q) for name, q in zip(names, found, strict=True)])
            if field is None and not prefix and not fuzzy and CABLE_ID.fullmatch(node.text):
                own = wq.Term("cable", node.text.upper(), boost=_OWN_CABLE_BOOST)
                return _any([own, q])
            return q
        if fuzzy:
            raise QueryError(f"'{field}:' at column {node.col} takes no fuzzy word (~)")
        if target == "cable":
            cable = node.text.strip().upper()
            return wq.Prefix("cable", cable) if prefix else wq.Term("cable", cable)
        if prefix:
            raise QueryError(f"'{field}:' at column {node.col} takes no prefix (*)")
        if target == "class_level":
            return wq.Term("class_level", level_value(node.text, node.col, "classification"))
        if target == "level":
            return self._marking(node.text, node.col)
        if field == CITED_BY_COUNT:
            count = _count(node.text, node.col)
            return CitedByCount(count, count)
        if target == "year":  # the year of `created`, answered from its column
            _int(node.text, node.col, "year")
            target = "created"
        assert target is not None  # the default fields were answered above
        low, high = date_bounds(node.text, node.col)
        return DateSpan(target, low, high)

    def _analyzed(self, name: str, text: str, prefix: bool, phrase: bool = False
                  ) -> wq.Query:
        """A value through the field's analyzer: one term, or all its terms in order
        (stop words too in a quoted phrase, which the index holds with positions)."""
        field = self.schema[name]
        keep_stops = phrase and field.format is not None and field.format.supports("positions")
        terms = list(field.process_text(text, mode="query", removestops=not keep_stops))
        if prefix:
            # Stemmed fields index `pipelin` for `pipelines`: `pipeline*` must find it.
            prefixes = dict.fromkeys([text.lower(), *terms[:1]])
            return _any([wq.Prefix(name, start) for start in prefixes])
        if not terms:
            return wq.NullQuery
        if len(terms) == 1:
            return wq.Term(name, terms[0])
        if field.format is not None and field.format.supports("positions"):
            return wq.Phrase(name, terms)
        return wq.And([wq.Term(name, term) for term in terms])

    def _fuzzy(self, name: str, node: Word) -> wq.Query:
        return _any([wq.Term(name, term) for term in self.fuzzy_terms(name, node)])

    def fuzzy_terms(self, name: str, node: Word) -> list[str]:
        """`word~N` in one field: the index's terms within N edits of the word
        as typed (lower-cased) or as analyzed (its stem), and the stems of the words one
        edit from it: a typo in a suffix the stemmer removes (`minster` for `minister`,
        indexed `minist`) is far from the stem. As Whoosh's FuzzyTerm, the terms share
        the word's first letter: without that, the term tables of a large index are
        walked for every letter (seconds). At most MAX_EXPANSIONS terms."""
        if self.reader is None:
            raise QueryError(f"'{node.text}~' at column {node.col}: fuzzy words need an index")
        typed = node.text.lower()
        stems = list(self.schema[name].process_text(typed, mode="query"))
        forms = dict.fromkeys([*stems, typed])
        if len(stems) > 1:
            raise QueryError(f"'{node.text}~' at column {node.col}: a fuzzy word is one word")
        # A variant the analyzer leaves as is, the term search below finds already.
        found = {stem for stem in self._stemmed_variants(name, typed)
                 if (name, stem) in self.reader}
        for reader, _ in self.reader.leaf_readers():
            for form in forms:
                found.update(reader.terms_within(name, form, node.fuzzy, prefix=1))
            if len(found) > MAX_EXPANSIONS:
                raise QueryError(
                    f"'{node.text}~{node.fuzzy}' at column {node.col} matches more than "
                    f"{MAX_EXPANSIONS} words; use fewer edits (~1) or a longer word")
        return sorted(found)

    def query_terms(self, name: str, text: str) -> list[str]:
        """The terms the analyzer of field `name` makes of `text` in a query."""
        return list(self.schema[name].process_text(text, mode="query"))

    def _stemmed_variants(self, name: str, typed: str) -> set[str]:
        """The terms the analyzer of `name` makes of the words one edit from `typed`,
        where it changes them (a stem); read once per analyzer and word."""
        analyzer = self.schema[name].analyzer
        key = (id(analyzer), typed)
        if key not in self._variants:
            variants = ((variant, self.schema[name].process_text(variant, mode="query"))
                        for variant in _one_edit(typed))
            self._variants[key] = {term for variant, terms in variants for term in terms
                                   if term != variant}
        return self._variants[key]

    def _near(self, node: Near, field: str | None) -> wq.Query:
        """Words or phrases in any order, each at most `distance` words from the next:
        Whoosh's unordered span query, in each field searched (which needs positions)."""
        names = DEFAULT_FIELDS if field is None else _TERM_FIELDS.get(field, ())
        if not names or not all(self.schema[name].supports("positions")
                                for name in names):
            raise QueryError(f"'{field}:' at column {node.col} has no word positions; "
                             "NEAR and \"...\"~N work in text and subject")
        return _any([self._near_in(name, node) for name in names])

    def _near_in(self, name: str, node: Near) -> wq.Query:
        spans: list[wq.Query] = []
        for item in node.items:
            # Stop words too: typed into a proximity they are meant, and the index holds
            # them with positions (so they count among the N words between, as read).
            terms = list(self.schema[name].process_text(item.text, mode="query",
                                                         removestops=False))
            if len(terms) == 1:
                spans.append(wq.Term(name, terms[0]))
            elif terms:  # a phrase (or a word the analyzer splits)
                spans.append(phrase_span([wq.Term(name, term) for term in terms]))
        if len(spans) <= 1:
            return spans[0] if spans else wq.NullQuery
        return proximity(spans, node.distance)

    def _marking(self, text: str, col: int) -> wq.Query:
        """`marking:S/NF` is level S with caveat NF; `marking:NF` is any paragraph caveated
        NF; `marking:unmarked` is every paragraph without a marking."""
        if " ".join(text.lower().split()) == UNMARKED:
            return wq.Term("level", UNMARKED)
        level, caveats = marking_parts(text)
        for caveat in caveats:
            if self.reader is not None and ("caveats", caveat.lower()) not in self.reader:
                known = sorted(term.upper() for term in self.reader.field_terms("caveats"))
                raise QueryError(
                    f"unknown marking '{text}' at column {col}: no paragraph is marked "
                    f"{caveat} (levels {', '.join(LEVELS)}; caveats here: "
                    f"{', '.join(known) or 'none'})")
        terms = [wq.Term("caveats", caveat.lower()) for caveat in caveats]
        return wq.And([wq.Term("level", level), *terms] if level else terms)

    def _range(self, node: Range, field: str | None) -> wq.Query:
        if field == CITED_BY_COUNT:
            low, high = (None if bound is None else _count(bound, node.col)
                         for bound in (node.low, node.high))
            if low is not None and high is not None and low > high:
                raise QueryError(f"empty range at column {node.col}: {low} is above {high}")
            return CitedByCount(low, high)
        target = QUERY_NAMES.get(field) if field is not None else None  # the index field
        if target == "year":  # the years of `created`, answered from its column
            for bound in (node.low, node.high):
                if bound:
                    _int(bound, node.col, "year")
            target = "created"
        if target is None or BY_NAME[target].kind != "date":
            raise QueryError(f"a range at column {node.col} needs created:, released:, year: "
                             "or cited-by-count:")
        since = date_bounds(node.low, node.col)[0] if node.low else None
        until = date_bounds(node.high, node.col)[1] if node.high else None
        if since and until and since > until:
            raise QueryError(f"empty range at column {node.col}: {node.low} is after {node.high}")
        return DateSpan(target, since, until)


def _one_edit(word: str) -> set[str]:
    """Every string one deletion, transposition, replacement or insertion from `word`."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return ({a + b[1:] for a, b in splits if b}
            | {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
            | {a + c + b[1:] for a, b in splits if b for c in letters}
            | {a + c + b for a, b in splits for c in letters})


def edit_distance(one: str, other: str) -> int:
    """Edits between two spellings, as `word~N` counts them (transpositions are one)."""
    return damerau_levenshtein(one, other)


def _count(value: str, col: int) -> int:
    if not value.isdigit():
        raise QueryError(f"bad count '{value}' at column {col} (write a whole number, e.g. 5)")
    return int(value)


def _cable_wide(name: str, q: wq.Query) -> wq.Query:
    """A query on a field indexed on first paragraphs only, widened to whole cables."""
    return CableWide(q) if name in CABLE_WIDE and q is not wq.NullQuery else q


def _any(queries: list[wq.Query]) -> wq.Query:
    kept = [q for q in queries if q is not wq.NullQuery]
    if not kept:
        return wq.NullQuery
    return kept[0] if len(kept) == 1 else wq.Or(kept)
