"""The query language, parsed strictly into a small tree before Whoosh ever sees it.

Whoosh's own QueryParser silently turns mistakes (an unclosed quote, `tagg:PHUM`) into
search terms, so a researcher gets a wrong answer instead of an error. This parser knows
the grammar and says what is wrong and at which column:

    query   := or_expr
    or_expr := and_expr ("OR" and_expr)*
    and_expr:= unary ("AND"? unary)*
    unary   := ("NOT" | "-") unary | near
    near    := atom ("NEAR/" N atom)*              a NEAR/3 b: at most 3 words apart
    atom    := "(" or_expr ")" | field ":" value | "\"phrase\"" ["~" N] | word
    value   := word | "\"phrase\"" ["~" N] | "[" low " TO " high "]" | "(" or_expr ")"
    word    := text | text "*" | text "~" [1|2]    prefix, or fuzzy within 1 or 2 edits

A phrase followed by `~N` is proximity: its words in any order, at most N words apart.
What is not grammar stays text, so pasted cable text searches as typed: a `Word:` that
is followed by a space (`Comment: ...`) and a URL are words, and an operator is only ever
in capitals (`or` is a word; `operator_warnings` says so).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cablesearch.search.errors import QueryError


@dataclass(frozen=True)
class Word:
    """A bare word (`text` as typed); `prefix` when it ended with `*`; `fuzzy` the edit
    distance when it ended with `~` (1) or `~2`."""

    text: str
    col: int
    prefix: bool = False
    fuzzy: int | None = None


@dataclass(frozen=True)
class Phrase:
    """A quoted run of words that must appear together, in order."""

    text: str
    col: int


@dataclass(frozen=True)
class Range:
    """`[low TO high]`; an open end is None (written `*`)."""

    low: str | None
    high: str | None
    col: int


@dataclass(frozen=True)
class Field:
    """`name:value`, where value is a Word, Phrase, Range or a parenthesized group."""

    name: str
    value: Node
    col: int


@dataclass(frozen=True)
class Near:
    """Words or phrases in any order, each at most `distance` words from the next
    (`a NEAR/3 b`, or `"a b"~3` whose words are the items)."""

    items: tuple[Word | Phrase, ...]
    distance: int
    col: int


@dataclass(frozen=True)
class And:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    item: Node
    col: int


Node = Word | Phrase | Near | Range | Field | And | Or | Not

_FIELD = re.compile(r"([A-Za-z_]+(?:-[A-Za-z_]+)*):")  # `cited-by-count:` too
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
_OPERATORS = {"OR", "AND", "NOT"}
_NEAR = re.compile(r"NEAR/(\d+)")
_PROXIMITY = re.compile(r"~(\d*)")
_FUZZY = re.compile(r"(?P<text>.*?)~(?P<distance>[^~]*)")
# Fuzzy words match within at most this many edits (more matches nearly every term).
MAX_FUZZY = 2
# Parentheses and NOTs nest at most this deep: each level costs stack frames in every
# layer below (parser, compiler, Whoosh's normalize and matchers).
MAX_DEPTH = 100


@dataclass(frozen=True)
class _Token:
    kind: str  # "(", ")", "-", "OP", "NEAR", "WORD", "PHRASE", "FIELD", "RANGE"
    text: str
    col: int  # 1-based column, for messages
    distance: int | None = None  # NEAR/N, or a phrase's ~N


def _scan_word(query: str, i: int) -> int:
    """End of the word starting at i; `1.4(b)`-style parentheses inside a word stay in it."""
    n = len(query)
    while i < n and not query[i].isspace() and query[i] not in '")':
        if query[i] == "(":
            close = query.find(")", i)
            if close < 0 or any(c.isspace() or c == '"' for c in query[i:close]):
                break
            i = close
        i += 1
    return i


def _scan_text(query: str, i: int) -> int:
    """End of a URL starting at i: everything up to the next space is its text."""
    while i < len(query) and not query[i].isspace():
        i += 1
    return i


def _phrase(query: str, i: int, col: int) -> tuple[_Token, int]:
    """The phrase opening at i, with the `~N` of proximity after it if any."""
    close = query.find('"', i + 1)
    if close < 0:
        raise QueryError(f'unbalanced quote: the " at column {col} is never closed')
    text, end = query[i + 1 : close], close + 1
    proximity = _PROXIMITY.match(query, end)
    if not proximity:
        return _Token("PHRASE", text, col), end
    if not proximity.group(1):
        raise QueryError(f"'~' at column {end + 1} needs a number of words: "
                         f'"{text}"~5 finds its words at most 5 words apart')
    return _Token("PHRASE", text, col, int(proximity.group(1))), proximity.end()


def _tokenize(query: str) -> list[_Token]:
    tokens: list[_Token] = []
    i, n = 0, len(query)
    while i < n:
        c = query[i]
        col = i + 1
        if c.isspace():
            i += 1
        elif c in "()":
            tokens.append(_Token(c, c, col))
            i += 1
        elif c == '"':
            token, i = _phrase(query, i, col)
            tokens.append(token)
        elif c == "-" and (not tokens or tokens[-1].kind != "FIELD"):
            if i + 1 >= n or query[i + 1].isspace() or query[i + 1] == ")":
                raise QueryError(f"'-' at column {col} must be followed by a term to exclude")
            tokens.append(_Token("-", c, col))
            i += 1
        elif c == "[" and tokens and tokens[-1].kind == "FIELD" and tokens[-1].col + len(
            tokens[-1].text
        ) + 1 == col:
            close = query.find("]", i)
            if close < 0:
                raise QueryError(f"unbalanced bracket: the [ at column {col} is never closed")
            tokens.append(_Token("RANGE", query[i + 1 : close], col))
            i = close + 1
        elif _URL.match(query, i):  # a URL is text, not a field
            end = _scan_text(query, i)
            tokens.append(_Token("WORD", query[i:end], col))
            i = end
        else:
            field = _FIELD.match(query, i)
            if field:
                end = field.end()
                if end < n and not query[end].isspace() and query[end] != ")":
                    tokens.append(_Token("FIELD", field.group(1), col))
                    i = end
                    continue
                # `Comment: ...` pasted from a cable: a word; the compiler refuses a
                # known field written so (`tag: PHUM`).
            end = _scan_word(query, i)
            word = query[i:end]
            near = _NEAR.fullmatch(word)
            if near:
                tokens.append(_Token("NEAR", word, col, int(near.group(1))))
            else:
                tokens.append(_Token("OP" if word in _OPERATORS else "WORD", word, col))
            i = end
    return tokens


class _Parser:
    def __init__(self, query: str) -> None:
        self.tokens = _tokenize(query)
        self.pos = 0
        self.depth = 0

    def deeper(self, token: _Token) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise QueryError(f"query nested too deeply at column {token.col} (more than "
                             f"{MAX_DEPTH} levels of parentheses or NOT)")

    def peek(self) -> _Token | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def parse(self) -> Node:
        node = self.or_expr()
        token = self.peek()
        if token is not None:  # only a stray ")" can stop or_expr early
            raise QueryError(
                f"unbalanced parenthesis: ')' at column {token.col} has no matching '('"
            )
        return node

    def or_expr(self) -> Node:
        items = [self.and_expr()]
        while (token := self.peek()) is not None and token.kind == "OP" and token.text == "OR":
            self.take()
            after = self.peek()
            if after is None or after.kind == ")" or (after.kind == "OP" and after.text != "NOT"):
                raise QueryError(f"OR at column {token.col} needs a term after it")
            items.append(self.and_expr())
        return items[0] if len(items) == 1 else Or(tuple(items))

    def and_expr(self) -> Node:
        items: list[Node] = []
        while (token := self.peek()) is not None and token.kind != ")":
            if token.kind == "OP" and token.text == "OR":
                if not items:
                    raise QueryError(f"OR at column {token.col} needs a term before it")
                break
            if token.kind == "OP" and token.text == "AND":
                self.take()
                after = self.peek()
                if not items:
                    raise QueryError(f"AND at column {token.col} needs a term before it")
                if after is None or after.kind == ")" or (
                    after.kind == "OP" and after.text != "NOT"
                ):
                    raise QueryError(f"AND at column {token.col} needs a term after it")
                continue
            items.append(self.unary())
        if not items:
            token = self.peek()
            if token is None:
                raise QueryError("empty query")
            raise QueryError(f"nothing before ')' at column {token.col}")
        return items[0] if len(items) == 1 else And(tuple(items))

    def unary(self) -> Node:
        token = self.peek()
        if token is None or not (
            token.kind == "-" or (token.kind == "OP" and token.text == "NOT")
        ):
            return self.near()
        self.take()
        after = self.peek()
        if after is None or after.kind == ")" or (after.kind == "OP" and after.text != "NOT"):
            raise QueryError(f"{token.text} at column {token.col} needs a term after it")
        self.deeper(token)
        node = Not(self.unary(), token.col)
        self.depth -= 1
        return node

    def near(self) -> Node:
        """An atom, or a chain `a NEAR/N b NEAR/N c` of words and phrases."""
        first = self.atom()
        items = [first]
        distance = None
        while (token := self.peek()) is not None and token.kind == "NEAR":
            self.take()
            if distance is not None and token.distance != distance:
                raise QueryError(f"{token.text} at column {token.col}: one chain of NEAR "
                                 f"takes one distance (NEAR/{distance} before it)")
            distance = token.distance
            after = self.peek()
            if after is None or after.kind not in ("WORD", "PHRASE"):
                raise QueryError(f"{token.text} at column {token.col} needs a word or "
                                 "phrase after it")
            items.append(self.atom())
            for item in (items[-2], items[-1]):
                if not (isinstance(item, Phrase) or (
                        isinstance(item, Word) and not item.prefix and item.fuzzy is None)):
                    raise QueryError(f"{token.text} at column {token.col} joins plain words "
                                     "or phrases (no fields, groups, prefix* or word~)")
        if distance is None:
            return first
        # Each item was checked above: a plain word or a phrase.
        chain = tuple(item for item in items if isinstance(item, Word | Phrase))
        return Near(chain, distance, chain[0].col)

    def group(self, opening: _Token) -> Node:
        if (token := self.peek()) is not None and token.kind == ")":
            raise QueryError(f"empty parentheses at column {opening.col}")
        self.deeper(opening)
        node = self.or_expr()
        self.depth -= 1
        if self.peek() is None:
            raise QueryError(
                f"unbalanced parenthesis: '(' at column {opening.col} is never closed"
            )
        self.take()
        return node

    def atom(self) -> Node:
        token = self.take()
        if token.kind == "(":
            return self.group(token)
        if token.kind == "PHRASE":
            return _phrase_node(token)
        if token.kind == "FIELD":
            return Field(token.text.lower(), self.field_value(token), token.col)
        if token.kind == "NEAR":
            raise QueryError(f"{token.text} at column {token.col} needs a word or phrase "
                             "before it")
        return _word(token)

    def field_value(self, field: _Token) -> Node:
        token = self.take()
        if token.kind == "(":
            return self.group(token)
        if token.kind == "PHRASE":
            return _phrase_node(token)
        if token.kind == "RANGE":
            return _range(token)
        if token.kind in ("WORD", "OP", "NEAR"):
            return _word(token)
        raise QueryError(f"field '{field.text}:' at column {field.col} has no value")


def _word(token: _Token) -> Word:
    text = token.text
    if "~" in text and not _URL.match(text):
        return _fuzzy(token)
    if text.endswith("*") and len(text.rstrip("*")) > 0:
        return Word(text.rstrip("*"), token.col, prefix=True)
    if not text.strip("*"):
        raise QueryError(f"'{text}' at column {token.col} is not a word (a prefix needs letters)")
    return Word(text, token.col)


def _fuzzy(token: _Token) -> Word:
    """`word~` (within one edit) or `word~2`; anything else with a `~` is refused."""
    found = _FUZZY.fullmatch(token.text)
    text, distance = (found.group("text"), found.group("distance")) if found else ("", "")
    if not text or text.endswith("*") or (distance and not distance.isdigit()):
        raise QueryError(f"'{token.text}' at column {token.col}: write word~ or word~2 "
                         f"(a word within 1 or 2 edits)")
    edits = int(distance) if distance else 1
    if not 1 <= edits <= MAX_FUZZY:
        raise QueryError(f"'{token.text}' at column {token.col}: a fuzzy word is within 1 "
                         f"to {MAX_FUZZY} edits")
    return Word(text, token.col, fuzzy=edits)


def _phrase_node(token: _Token) -> Phrase | Near:
    """A phrase, or with `~N` its words near. Inside quotes words are searched as
    written, so a `prefix*` or `word~` there, which the analyzer would drop, is refused."""
    words, col = [], token.col + 1
    for part in re.finditer(r"\S+", token.text):
        text = part.group()
        if (text.endswith("*") and text.strip("*")) or ("~" in text and not _URL.match(text)):
            raise QueryError(f"'{text}' at column {col + part.start()}: inside quotes words "
                             "are searched as written; prefix* and word~ work outside quotes")
        words.append(Word(text, col + part.start()))
    if token.distance is None:
        return Phrase(token.text, token.col)
    if not words:
        raise QueryError(f"empty phrase at column {token.col}")
    return Near(tuple(words), token.distance, token.col)


def _range(token: _Token) -> Range:
    parts = token.text.split()
    if len(parts) != 3 or parts[1] != "TO":
        raise QueryError(
            f"bad range '[{token.text}]' at column {token.col}: write [FROM TO UNTIL]"
        )
    low, high = (None if part == "*" else part for part in (parts[0], parts[2]))
    return Range(low, high, token.col)


def parse_query(query: str) -> Node:
    """The tree of a query string, or QueryError with what is wrong and at which column."""
    return _Parser(query).parse()


def operator_warnings(query: str) -> list[str]:
    """What a query probably meant otherwise: `or`/`not`/`near/3` in small letters
    between words are searched as words, since operators are capitals."""
    try:
        tokens = _tokenize(query)
    except QueryError:
        return []
    warnings = []
    for i, token in enumerate(tokens):
        upper = token.text.upper()
        if (token.kind == "WORD" and token.text != upper
                and (upper in ("OR", "NOT") or _NEAR.fullmatch(upper))
                and 0 < i < len(tokens) - 1):
            warnings.append(f"'{token.text}' at column {token.col} is searched as a word; "
                            f"operators are capitals: {upper}")
    return warnings
