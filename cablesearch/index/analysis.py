"""How cable text becomes index terms, for documents and queries alike.

Cables were typed in capitals, converted with damaged typography (`Iraq,s` for `Iraq's`,
`&word8` for a quoted "word") and are full of dotted and hyphenated forms (`U.S.`,
`al-Qaida`, `1.4(b)`). Researchers type those forms in many ways, so each step below is a
small pure function, and `CableAnalyzer` runs them in one pass per token (one pass
measured faster than chaining Whoosh filters).

Terms produced, for index and query alike:
- case-folded and diacritics folded (`São`, `Bogotá`, `Erdoğan` → `sao`, `bogota`,
  `erdogan`: the cables are ASCII, researchers paste names as they know them), then
  stemmed with nltk's Snowball English stemmer (memoized);
- `U.S.`, `u.s.`, `US` → `us`; `e.g.` → `eg` (dotted single letters lose their dots);
- `al-Qaida` → `al`, `qaida` at consecutive positions and, when indexing, also `alqaida`
  at the position of `al`: so `al-qaida`, `al qaida`, `"al qaida"` and `alqaida` all find
  it. Words joined by a dot with no space (`end.Next`) are treated the same way. The
  Arabic article written apart (`al Qaida`, `El Baradei`) is joined the same way when
  indexing, so `alqaida` and `elbaradei` find every spelling;
- `1.4(b)` / `1.4 (B)` → `1.4(b)` and, when indexing, also `1.4` at the same position;
  `1,000` → `1000`;
- stop words (`STOP_WORDS`, our own short list) take a position and are indexed, so a
  quoted phrase counts them (`"the hague"` is not William Hague), but they are left out
  of a field's length (`CompactPositions` gives them frequency 0, which Whoosh adds up
  as the length), so BM25 scores of queries without them are what they were without
  stop words in the index; an unquoted query drops them.

`ANALYSIS_VERSION` names this behaviour; an index records the version it was built with
(the analyzer pickled in its schema), and `cablesearch index` rebuilds an index built
with another one.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterator
from typing import Any

from whoosh.analysis import Analyzer, Token

from cablesearch.index.stemmer import english_stemmer

# The analysis an index was built with: change it whenever the terms made of a cable
# change, so that the next `cablesearch index` rebuilds existing indexes. 1: no version
# recorded (stop words dropped, no folding); 2: diacritics folded, stop words indexed,
# the Arabic article joined; 3: `level:unmarked`, cables without paragraphs indexed;
# 4: `al-Qaeda-linked` also indexed as `alqaeda`; 5: tags one a line, so a tag may hold
# spaces and commas.
ANALYSIS_VERSION = 5

# Deliberately short: words that carry meaning in cables stay searchable ("us" is the
# U.S., "may" is a month, "not"/"no" matter in phrases, "will"/"can" in positions).
STOP_WORDS = frozenset(
    """a an and are as at be been being but by for from had has have he her hers him his
    i if in into is it its me my of on or our ours she so than that the their theirs them
    then there these they this those to too was we were what which who whom with you
    your""".split()
)

_POSSESSIVE = re.compile(r"(?<=[A-Za-z]),(?=s\b)")
_AMP_QUOTE = re.compile(r"&(?=\S)([^&\n]{0,200}?[^\s\d&])8(?![0-9A-Za-z])")
# A raw token of repaired text; snippets (`search.passages`) split text by it too.
TOKEN = re.compile(
    r"""
    \d+(?:[.,]\d+)*(?:\ ?\([A-Za-z]\))?(?!\w)   # numbers: 1.4(b), 1,000, 3.5
    | (?:[A-Za-z]\.){2,}(?![A-Za-z0-9])      # dotted initials: U.S., e.g.
    | \w+(?:['\u2019]\w+)*(?:[-.]\w+(?:['\u2019]\w+)*)*   # words, al-Qaida, Iraq's
    """,
    re.VERBOSE,
)
# Letters NFKD does not decompose into a base letter and marks.
_LETTERS = str.maketrans({"ı": "i", "ß": "ss", "ø": "o", "ł": "l", "æ": "ae", "œ": "oe",
                          "đ": "d", "ð": "d", "þ": "th"})
# The Arabic article: `al Qaida` is also indexed as `alqaida` (and `El Baradei` as
# `elbaradei`), as `al-Qaida` is.
ARTICLES = frozenset({"al", "el"})
_CLAUSE = re.compile(r"(\d+(?:\.\d+)*) ?\(([a-z])\)")
_NUMBER = re.compile(r"[\d.,]+")


def repair_typography(text: str) -> str:
    """Undo the corpus' conversion damage: `Iraq,s` → `Iraq's`, `&word8` → `"word"`.

    Offsets are preserved (each replacement has the length of what it replaces), so
    highlighting positions computed on repaired text fit the stored original.
    """
    if ",s" in text:  # the usual case has none: skip the regex's scan of every comma
        text = _POSSESSIVE.sub("'", text)
    if "&" in text:
        text = _AMP_QUOTE.sub(r'"\1"', text)
    return text


def fold(word: str) -> str:
    """A lowercased word without diacritics: `são` → `sao`, `erdoğan` → `erdogan`."""
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word.translate(_LETTERS))
    return "".join(char for char in decomposed if not unicodedata.combining(char)) or word


def split_word(word: str, query: bool) -> tuple[list[str], list[str]]:
    """A lowercased raw token → (terms taking successive positions, extra terms sharing
    the first position). Extras are only made when indexing (`query` False)."""
    if word[0].isdigit():
        clause = _CLAUSE.fullmatch(word)
        if clause:
            section = clause.group(1)
            return [f"{section}({clause.group(2)})"], ([] if query else [section])
        if _NUMBER.fullmatch(word):
            return [word.replace(",", "")], []
    if word.endswith("."):
        return [word.replace(".", "")], []
    word = word.replace("\u2019", "'")
    if "-" in word or "." in word:
        parts = [part for part in re.split(r"[-.]", word) if part]
        if len(parts) > 1:
            return parts, ([] if query else ["".join(parts)])
    return [word], []


# Memo of raw token → terms, shared by every analyzer in a process (the schema is
# unpickled afresh for each writer and searcher, so a per-instance memo would start empty
# each time) and never pickled. Cleared when full, to bound memory on huge vocabularies.
_MEMO_LIMIT = 1_000_000
_memo: dict[tuple[str, bool], tuple[tuple[tuple[str, bool], ...], tuple[str, ...]]] = {}


def stem_term(term: str) -> str:
    """Snowball English stem of one folded term (numbers are kept as they are)."""
    return _stem(term) if term[0].isalpha() else term


def _first_stem(term: str) -> str:
    """Load the stemmer on the first word to stem: a command that stems nothing (`show`,
    a search by filters alone) does not pay for it."""
    global _stem
    _stem = english_stemmer().stem
    return _stem(term)


_stem: Callable[[str], str] = _first_stem


def terms_of(word: str, query: bool) -> tuple[tuple[tuple[str, bool], ...], tuple[str, ...]]:
    """A raw token → ((term, is_stop word)..., extra terms), memoized: the vocabulary is
    small next to the token count, and stemming is the costly step."""
    key = (word, query)
    found = _memo.get(key)
    if found is None:
        terms, extras = split_word(fold(word.lower()), query)
        found = (
            tuple((t, True) if t in STOP_WORDS else (stem_term(t), False) for t in terms),
            tuple(stem_term(extra) for extra in extras),
        )
        if len(_memo) >= _MEMO_LIMIT:
            _memo.clear()
        _memo[key] = found
    return found


class StopWord(str):
    """A stop word's term, as `index_terms` gives it: indexed for phrases, left out of
    the field's length."""


# Memo of raw token → what indexing makes of it: the term itself when it is one term
# without extras (most tokens; a `StopWord` for a stop word), else ((term, is stop word)...,
# extra terms, quiet extra terms).
IndexEntry = str | tuple[tuple[tuple[str, bool], ...], tuple[str, ...], tuple[str, ...]]
_indexed_terms: dict[str, IndexEntry] = {}


def index_terms(word: str) -> IndexEntry:
    """A raw token → the terms indexing makes of it, in order, and its extra terms;
    memoized."""
    terms, extras = terms_of(word, False)
    found: IndexEntry = (terms, extras, compound_article(word))
    if not extras and len(terms) == 1:
        term, stopped = terms[0]
        found = StopWord(term) if stopped else term
    if len(_indexed_terms) >= _MEMO_LIMIT:
        _indexed_terms.clear()
    _indexed_terms[word] = found
    return found


def compound_article(word: str) -> tuple[str, ...]:
    """The quiet extra term of a compound of three or more parts led by an article:
    `al-Qaeda-linked` is also `alqaeda` (as `al-Qaeda` is), at the position of `al`."""
    parts = split_word(fold(word.lower()), True)[0]
    if len(parts) > 2 and parts[0] in ARTICLES and parts[1][0].isalpha():
        return (stem_term(parts[0] + parts[1]),)
    return ()


def article_join(article: str, word: str) -> str | None:
    """The term `al Qaida` is also indexed as (at the position of `al`): the article
    joined to the next word's first part, stemmed; None when that is no word."""
    terms = terms_of(word, True)[0]
    if not terms or terms[0][1] or not terms[0][0][0].isalpha():
        return None
    first = split_word(fold(word.lower()), True)[0][0]
    return stem_term(article + first)


Postings = dict[str, list[int]]


class CableAnalyzer(Analyzer):
    """The one analyzer of every text field: repair, tokenize, fold, split, stop, stem.

    Pickled into the index schema, so it must stay importable as
    `cablesearch.index.analysis.CableAnalyzer`; it pickles to the analysis version it
    was made with, which is how an index knows its own (the memo is process-wide, see
    `_memo`). Unpickled without one, it was made before versions were recorded: 1.
    """

    def __init__(self) -> None:
        self.version = ANALYSIS_VERSION

    def __getstate__(self) -> dict[str, Any]:
        return {"version": self.version}

    def __setstate__(self, state: dict[str, Any]) -> None:
        """Older pickles carried a `stem` flag (always True) and no version."""
        self.version = state.get("version", 1)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CableAnalyzer)

    def __hash__(self) -> int:
        return hash(CableAnalyzer)

    def term_positions(self, value: str) -> tuple[Postings, Postings]:
        """Each term of `value` → its positions, and each quiet term → its positions,
        exactly as `__call__` would yield them with positions and stop words kept,
        without a Token per term: analysis is the largest single cost of a build.

        Quiet terms are indexed but left out of the field's length, so that the BM25
        scores of other terms do not change for them: stop words, and the article joined
        to its word (`alqaida` of `al Qaida`)."""
        found: defaultdict[str, list[int]] = defaultdict(list)
        quiet: defaultdict[str, list[int]] = defaultdict(list)
        pos = 0
        article, article_term = -1, ""  # an article just before and its position, else -1
        memo = _indexed_terms.get
        for word in TOKEN.findall(repair_typography(value)):
            entry = memo(word)
            if entry is None:
                entry = index_terms(word)
            if isinstance(entry, str):
                if type(entry) is StopWord:
                    quiet[entry].append(pos)
                    pos += 1
                    article = -1
                    continue
                found[entry].append(pos)
                if article >= 0:
                    joined = article_join(article_term, word)
                    if joined:
                        quiet[joined].append(article)
                if entry in ARTICLES:
                    article, article_term = pos, entry
                else:
                    article = -1
                pos += 1
                continue
            terms, extras, quiet_extras = entry
            if article >= 0:
                joined = article_join(article_term, word)
                if joined:
                    quiet[joined].append(article)
                article = -1
            first_pos = pos
            for extra in quiet_extras:
                quiet[extra].append(first_pos)
            for term, stopped in terms:
                (quiet if stopped else found)[term].append(pos)
                pos += 1
            if extras:
                at = first_pos if first_pos < pos else pos - 1
                for extra in extras:
                    found[extra].append(at)
        return found, quiet

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        query = mode == "query"
        token.boost = 1.0
        if not tokenize:
            # Token takes extra attributes through its keywords; whoosh declares no `original`.
            token.text = token.original = value.lower()  # type: ignore[attr-defined]
            token.pos, token.startchar, token.endchar = start_pos, start_char, start_char
            yield token
            return
        pos = start_pos
        article: tuple[str, int] | None = None  # an article just before, and its position
        for match in TOKEN.finditer(repair_typography(value)):
            original = match.group(0)
            terms, extras = terms_of(original, query)
            if keeporiginal:
                token.original = original  # type: ignore[attr-defined]
            if chars:
                token.startchar = start_char + match.start()
                token.endchar = start_char + match.end()
            if article is not None and not query:
                joined = article_join(article[0], original)
                if joined:  # a quiet term, as a stop word is (see `term_positions`)
                    token.text, token.stopped = joined, True
                    if positions:
                        token.pos = article[1]
                    yield token
            article = (terms[0][0], pos) if (
                len(terms) == 1 and not extras and terms[0][0] in ARTICLES) else None
            for extra in () if query else compound_article(original):
                token.text, token.stopped = extra, True  # quiet, as the joined article
                if positions:
                    token.pos = pos
                yield token
            first_pos = pos
            for term, stopped in terms:
                pos += 1
                if stopped and removestops:
                    continue
                token.text = term
                token.stopped = stopped
                if positions:
                    token.pos = pos - 1
                yield token
            if extras and positions:
                token.pos = first_pos if first_pos < pos else pos - 1
            for extra in extras:
                token.text = extra
                token.stopped = False
                yield token
