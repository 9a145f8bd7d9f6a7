"""Random argv at `search`, `facets` and `show` through click: every run exits 0, 1 or 2
with no traceback, and exits 0 only where what was typed was understood as written.

"Understood as written" is checked from the parsed query tree, whose nodes carry the
column they were read at: every character of the query belongs to a search term at
its place (a word with its `*` or `~N`, a phrase with its quotes), or to grammar that
was applied (a field name and colon, parentheses, `NOT`, `-`, `AND`, `OR`, `NEAR/N`,
a range, a phrase's `~N`). Nothing typed is dropped or read as something else. And no
query word that looks like an option of the command (`-limit`) ever reaches the query.
"""

from __future__ import annotations

import json
import re

from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from search_cables import small_index  # noqa: F401  (fixture)

from cablesearch.cli import main
from cablesearch.search.querylang import (
    And,
    Field,
    Near,
    Node,
    Not,
    Or,
    Phrase,
    Range,
    Word,
    parse_query,
)

_WORDS = ["pipeline", "trafficking", "hydrocarbn~", "minister~2", "terror*", "OR", "AND",
          "NOT", "or", "not", "NEAR/2", "near/2", '"human', 'rights"', '"deputy minister"~1',
          "(", ")", "tag:PHUM", "tag:", "Summary:", "Classified", "By:", "class:secret",
          "marking:XYZ", "marking:NF", "created:[2008", "TO", "2009]", "09BAGHDAD197",
          "https://wikileaks.org/cable/2008/06/08ASTANA1111.html#par3", "-georgia", "-",
          "~", "~3", "*", "1.4(b)", "são", "Erdoğan", "¶3", "Kazakhstan,s", "--", "-limit",
          "-format", "-page=2", "-by", "-context", "\u2014limit", "--limt", "--facets"]
_OPTIONS = {
    "search": {"--limit": ["3", "0", "x"], "--format": ["json", "csv", "xml"],
               "--tag": ["PHUM", "PHUM,KZ", "PH;UM"], "--sort": ["date", "-date", "size"],
               "--since": ["2008", "2011", "soon"], "--until": ["2009-06", "2007"],
               "--page": ["1", "2"], "--marking": ["SBU", "S/NF", "XYZ"],
               "--facets": ["tag,year", "colour"], "--by-cable": []},
    "facets": {"--by": ["tag", "year", "colour"], "--limit": ["2", "0"],
               "--format": ["json", "text"], "--by-cable": []},
}
_word = st.one_of(st.sampled_from(_WORDS),
                  st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1,
                          max_size=6))


def _argv(command: str) -> st.SearchStrategy[tuple[list[str], list[str], dict[str, str]]]:
    """(argv, the query words in order, the options given) for one command."""
    option = st.sampled_from(sorted(_OPTIONS[command])).flatmap(
        lambda name: st.tuples(st.just(name), st.sampled_from(_OPTIONS[command][name] or [""])))
    part = st.one_of(st.tuples(st.just("word"), _word), st.tuples(st.just("option"), option))

    def build(parts: list) -> tuple[list[str], list[str], dict[str, str]]:
        argv, words, options = [], [], {}
        for kind, value in parts:
            if kind == "word":
                argv.append(value)
                words.append(value)
            else:
                name, arg = value
                given = [name, arg] if _OPTIONS[command][name] else [name]
                argv += given
                if "--" in words:  # after `--`, an option's spelling is query words
                    words += given
                else:
                    options[name] = arg
        return argv, words, options

    return st.lists(part, max_size=8).map(build)


def _marks(query: str, node: Node, covered: set[int]) -> bool:
    """Marks the characters `node` accounts for; False where the tree does not say what
    the query says at the column it names."""
    if isinstance(node, (And, Or)):
        return all(_marks(query, item, covered) for item in node.items)
    if isinstance(node, Not):
        op = "-" if query[node.col - 1] == "-" else "NOT"
        covered.update(range(node.col - 1, node.col - 1 + len(op)))
        return query.startswith(op, node.col - 1) and _marks(query, node.item, covered)
    if isinstance(node, Field):
        end = node.col - 1 + len(node.name) + 1
        covered.update(range(node.col - 1, end))
        return (query[node.col - 1:end].lower() == node.name + ":"
                and _marks(query, node.value, covered))
    if isinstance(node, Near):
        if query[node.col - 1] == '"':  # "a b"~N: its quotes and ~N
            close = query.index('"', node.col)
            tail = re.match(r"~\d+", query[close + 1:])
            covered.update([node.col - 1, *range(close, close + 1 + len(tail.group()))])
        return all(_marks(query, item, covered) for item in node.items)
    if isinstance(node, Phrase):
        end = node.col + len(node.text)
        covered.update(range(node.col - 1, end + 1))
        return query[node.col - 1:end + 1] == f'"{node.text}"'
    if isinstance(node, Range):
        end = query.index("]", node.col - 1) + 1
        covered.update(range(node.col - 1, end))
        inside = query[node.col:end - 1].split()
        return inside == [node.low or "*", "TO", node.high or "*"]
    assert isinstance(node, Word)
    start, end = node.col - 1, node.col - 1 + len(node.text)
    suffix = re.match(r"\*+" if node.prefix else r"~\d?" if node.fuzzy else "", query[end:])
    covered.update(range(start, end + len(suffix.group())))
    # A word is searched as text: grammar left in it (`nucler~`) was not applied.
    grammar_left = node.text.endswith("*") or ("~" in node.text and "://" not in node.text)
    return query[start:end] == node.text and not grammar_left


def understood(query: str) -> bool:
    """Whether the query's tree accounts for every character typed (module docstring)."""
    return _accounts(query, parse_query(query))


def _accounts(query: str, tree: Node) -> bool:
    covered: set[int] = set()
    if not _marks(query, tree, covered):
        return False
    rest = "".join(" " if i in covered else c for i, c in enumerate(query))
    return all(token in ("AND", "OR") or re.fullmatch(r"NEAR/\d+", token)
               for token in rest.replace("(", " ").replace(")", " ").split())


def _lookalike(word: str, command: str) -> bool:
    name = re.fullmatch(r"(?:-|\u2014)([\w-]+)(=.*)?|(--[\w-]+)(=.*)?", word, re.DOTALL)
    return bool(name) and (name.group(3) is not None or f"--{name.group(1)}" in (
        *_OPTIONS[command], "--index", "--help", "--format", "--limit"))


def _exits_cleanly(result) -> None:
    """0, 1 or 2, and no traceback: any exception but SystemExit escaped the command."""
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.output)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception)


def _check(result, command: str, words: list[str]) -> None:
    _exits_cleanly(result)
    if result.exit_code == 0:
        before_dashes = words[:words.index("--")] if "--" in words else words
        assert not any(_lookalike(word, command) for word in before_dashes), words
        query = " ".join(word for word in words if word != "--")
        if query.strip():
            assert understood(query), query


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=_argv("search"))
def test_search_argv(small_index, case):  # noqa: F811
    argv, words, options = case
    result = CliRunner().invoke(main, ["search", "--index", str(small_index), *argv])
    _check(result, "search", words)
    if result.exit_code == 0 and options.get("--format") == "json" and "--limit" in options:
        assert len(json.loads(result.stdout)["hits"]) <= int(options["--limit"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=_argv("facets"))
def test_facets_argv(small_index, case):  # noqa: F811
    argv, words, _ = case
    result = CliRunner().invoke(main, ["facets", "--index", str(small_index), *argv])
    _check(result, "facets", words)


_TAKES_VALUE = {"--format", "--context", "--style", "--index"}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(refs=st.lists(st.one_of(
    st.sampled_from(["08ASTANA1111", "¶2", "08ASTANA1111 ¶2", "09BAGHDAD197 ¶2.2",
                     "08ASTANA1111/7", "¶¶1-3", "-context", "--context", "1", "-h", "--format",
                     "json", "https://wikileaks.org/cable/2008/06/08ASTANA1111.html#par3",
                     "what?", "--cite"]),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=6)), max_size=5))
@example(refs=["--format", "-context", "-h"])  # `-context` is --format's value: help wins
def test_show_argv(small_index, refs):  # noqa: F811
    result = CliRunner().invoke(main, ["show", "--index", str(small_index), *refs])
    _exits_cleanly(result)
    # `-context` typed as a word (not the value of `--format -context`) is refused,
    # unless help was asked for before it.
    before_help = refs[:refs.index("-h")] if "-h" in refs else refs
    if any(word == "-context" and (i == 0 or before_help[i - 1] not in _TAKES_VALUE)
           for i, word in enumerate(before_help)):
        assert result.exit_code == 2


def test_the_understood_check_catches_misreadings():
    """The check itself: a tree that drops or invents what was typed fails it."""
    assert understood('"nuclear weapons"~3 tag:PHUM -iran (a OR b) c NEAR/2 d x~2 y*')
    assert understood("created:[2008 TO 2009] Summary: text")
    # As the old parser read them: the phrase and a term `3` (the `~` dropped), and a
    # word whose `~` the analyzer then dropped.
    assert not _accounts('"a b"~3', And((Phrase("a b", 1), Word("3", 7))))
    assert not _accounts("nucler~", Word("nucler~", 1))
    assert not _accounts("iran -limit", And((Word("iran", 1), Word("limit", 7))))
