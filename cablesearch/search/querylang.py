"""The query language, parsed strictly into a small tree before Whoosh ever sees it.

Whoosh's own QueryParser silently turns mistakes (an unclosed quote, `tagg:PHUM`) into
search terms, so a researcher gets a wrong answer instead of an error. This parser knows
the grammar and says what is wrong and at which column:

    query   := or_expr
    or_expr := and_expr ("OR" and_expr)*
    and_expr:= unary ("AND"? unary)*
    unary   := ("NOT" | "-") unary | atom
    atom    := "(" or_expr ")" | field ":" value | "\"phrase\"" | word | prefix*
    value   := word | prefix* | "\"phrase\"" | "[" low " TO " high "]" | "(" or_expr ")"
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cablesearch.search.errors import QueryError


@dataclass(frozen=True)
class Word:
    """A bare word (`text` as typed); `prefix` when it ended with `*`."""

    text: str
    col: int
    prefix: bool = False


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
class And:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    item: Node
    col: int


Node = Word | Phrase | Range | Field | And | Or | Not

_FIELD = re.compile(r"([A-Za-z_]+):")
_OPERATORS = {"OR", "AND", "NOT"}


@dataclass(frozen=True)
class _Token:
    kind: str  # "(", ")", "-", "OP", "WORD", "PHRASE", "FIELD", "RANGE"
    text: str
    col: int  # 1-based column, for messages


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
            close = query.find('"', i + 1)
            if close < 0:
                raise QueryError(f'unbalanced quote: the " at column {col} is never closed')
            tokens.append(_Token("PHRASE", query[i + 1 : close], col))
            i = close + 1
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
        else:
            field = _FIELD.match(query, i)
            if field:
                end = field.end()
                if end >= n or query[end].isspace() or query[end] == ")":
                    raise QueryError(f"field '{field.group(1)}:' at column {col} has no value")
                tokens.append(_Token("FIELD", field.group(1), col))
                i = end
                continue
            end = _scan_word(query, i)
            word = query[i:end]
            tokens.append(_Token("OP" if word in _OPERATORS else "WORD", word, col))
            i = end
    return tokens


class _Parser:
    def __init__(self, query: str) -> None:
        self.tokens = _tokenize(query)
        self.pos = 0

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
            return self.atom()
        self.take()
        after = self.peek()
        if after is None or after.kind == ")" or (after.kind == "OP" and after.text != "NOT"):
            raise QueryError(f"{token.text} at column {token.col} needs a term after it")
        return Not(self.unary(), token.col)

    def group(self, opening: _Token) -> Node:
        if (token := self.peek()) is not None and token.kind == ")":
            raise QueryError(f"empty parentheses at column {opening.col}")
        node = self.or_expr()
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
            return Phrase(token.text, token.col)
        if token.kind == "FIELD":
            return Field(token.text.lower(), self.field_value(token), token.col)
        return _word(token)

    def field_value(self, field: _Token) -> Node:
        token = self.take()
        if token.kind == "(":
            return self.group(token)
        if token.kind == "PHRASE":
            return Phrase(token.text, token.col)
        if token.kind == "RANGE":
            return _range(token)
        if token.kind in ("WORD", "OP"):
            return _word(token)
        raise QueryError(f"field '{field.text}:' at column {field.col} has no value")


def _word(token: _Token) -> Word:
    text = token.text
    if text.endswith("*") and len(text.rstrip("*")) > 0:
        return Word(text.rstrip("*"), token.col, prefix=True)
    if not text.strip("*"):
        raise QueryError(f"'{text}' at column {token.col} is not a word (a prefix needs letters)")
    return Word(text, token.col)


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
