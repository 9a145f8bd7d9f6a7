"""How cable text becomes index terms, for documents and queries alike.

Cables were typed in capitals, converted with damaged typography (`Iraq,s` for `Iraq's`,
`&word8` for a quoted "word") and are full of dotted and hyphenated forms (`U.S.`,
`al-Qaida`, `1.4(b)`). Researchers type those forms in many ways, so each step below is a
small pure function, and `CableAnalyzer` runs them in one pass per token (one pass
measured faster than chaining Whoosh filters; see ../shared/notes/whoosh-at-scale.md).

Terms produced, for index and query alike:
- case-folded, then stemmed with nltk's Snowball English stemmer (memoized);
- `U.S.`, `u.s.`, `US` → `us`; `e.g.` → `eg` (dotted single letters lose their dots);
- `al-Qaida` → `al`, `qaida` at consecutive positions and, when indexing, also `alqaida`
  at the position of `al`: so `al-qaida`, `al qaida`, `"al qaida"` and `alqaida` all find
  it. Words joined by a dot with no space (`end.Next`) are treated the same way;
- `1.4(b)` / `1.4 (B)` → `1.4(b)` and, when indexing, also `1.4` at the same position;
  `1,000` → `1000`;
- stop words (`STOP_WORDS`, our own short list) are dropped and take no position, so a
  phrase query written with or without them lines up with the indexed positions.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from nltk.stem.snowball import EnglishStemmer
from whoosh.analysis import Composable, Token

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
_stemmer = EnglishStemmer()


def stem_term(term: str) -> str:
    """Snowball English stem of one folded term (numbers are kept as they are)."""
    return _stemmer.stem(term) if term[0].isalpha() else term


def terms_of(word: str, query: bool) -> tuple[tuple[tuple[str, bool], ...], tuple[str, ...]]:
    """A raw token → ((term, is_stop word)..., extra terms), memoized: the vocabulary is
    small next to the token count, and stemming is the costly step."""
    key = (word, query)
    found = _memo.get(key)
    if found is None:
        terms, extras = split_word(word.lower(), query)
        found = (
            tuple((t, True) if t in STOP_WORDS else (stem_term(t), False) for t in terms),
            tuple(stem_term(extra) for extra in extras),
        )
        if len(_memo) >= _MEMO_LIMIT:
            _memo.clear()
        _memo[key] = found
    return found


# Memo of raw token → what indexing keeps of it: the term itself when it is one term
# without extras (most tokens), "" for a stop word, else (terms kept, extra terms).
IndexEntry = str | tuple[tuple[str, ...], tuple[str, ...]]
_indexed_terms: dict[str, IndexEntry] = {}


def index_terms(word: str) -> IndexEntry:
    """A raw token → the terms indexing keeps, in order, and its extra terms; memoized."""
    terms, extras = terms_of(word, False)
    kept = tuple(term for term, stopped in terms if not stopped)
    found: IndexEntry = (kept, extras)
    if not extras and len(kept) <= 1:
        found = kept[0] if kept else ""
    if len(_indexed_terms) >= _MEMO_LIMIT:
        _indexed_terms.clear()
    _indexed_terms[word] = found
    return found


class CableAnalyzer(Composable):
    """The one analyzer of every text field: repair, tokenize, fold, split, stop, stem.

    Pickled into the index schema, so it must stay importable as
    `cablesearch.index.analysis.CableAnalyzer`; it pickles to nothing (the memo is
    process-wide, see `_memo`).
    """

    def __getstate__(self) -> dict[str, Any]:
        return {}

    def __setstate__(self, state: dict[str, Any]) -> None:
        """Nothing to restore (older pickles carried a `stem` flag, always True)."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CableAnalyzer)

    def __hash__(self) -> int:
        return hash(CableAnalyzer)

    def term_positions(self, value: str) -> dict[str, list[int]]:
        """Each term of `value` → its positions, exactly as indexing with positions and
        stop words removed would yield them from `__call__`, without a Token per term:
        analysis is the largest single cost of a build."""
        found: defaultdict[str, list[int]] = defaultdict(list)
        pos = 0
        memo = _indexed_terms.get
        for word in TOKEN.findall(repair_typography(value)):
            entry = memo(word)
            if entry is None:
                entry = index_terms(word)
            if type(entry) is str:
                if entry:
                    found[entry].append(pos)
                    pos += 1
                continue
            kept, extras = entry
            first_pos = pos
            for term in kept:
                found[term].append(pos)
                pos += 1
            if extras:
                at = first_pos if first_pos < pos else pos - 1
                for extra in extras:
                    found[extra].append(at)
        return found

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
            token.text = token.original = value.lower()
            token.pos, token.startchar, token.endchar = start_pos, start_char, start_char
            yield token
            return
        pos = start_pos
        for match in TOKEN.finditer(repair_typography(value)):
            original = match.group(0)
            terms, extras = terms_of(original, query)
            if keeporiginal:
                token.original = original
            if chars:
                token.startchar = start_char + match.start()
                token.endchar = start_char + match.end()
            first_pos = pos
            for term, stopped in terms:
                if stopped and removestops:
                    continue
                token.text = term
                token.stopped = stopped
                if positions:
                    token.pos = pos
                if not stopped:
                    pos += 1
                yield token
            if extras and positions:
                token.pos = first_pos if first_pos < pos else pos - 1
            for extra in extras:
                token.text = extra
                token.stopped = False
                yield token
