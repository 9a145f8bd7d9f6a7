"""`cablesearch search`, `show` and `facets`: thin click commands over `cablesearch.search`.

Every failure a user can cause ends as one line on stderr: a bad query exits 2, a missing
index or unknown reference exits 1; never a traceback.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import textwrap
from functools import partial
from pathlib import Path

import click

from cablesearch.cli import main
from cablesearch.cli.errors import run
from cablesearch.cli.options import index_option
from cablesearch.cli.render import (
    crosstab_table,
    facet_table,
    search_csv,
    search_table,
    shown_text,
    timeline_csv,
)
from cablesearch.cli.research_options import (
    export_columns,
    export_hits,
    filter_options,
    research_options,
)
from cablesearch.engine.compile import KNOWN_FIELDS
from cablesearch.search import Searcher, Shown, UnknownRef
from cablesearch.search.citation import STYLES, citations
from cablesearch.search.facets import ALL_FACETS
from cablesearch.search.querylang import operator_warnings
from cablesearch.search.refs import RefSyntaxError, parse_refs
from cablesearch.search.searcher import SORTS

# Query words may start with `-` (`-russia`): unknown options are query words, and `-h`
# is not click's help here, or `-hydrocarbon` would print it (`StrictCommand` takes the
# word `-h` alone as help, and refuses `-limit`).
_QUERY_WORDS = {"ignore_unknown_options": True, "help_option_names": ["--help"]}
_SEARCH_HELP = f"""Search paragraphs by words and fields; filters alone (no QUERY) list
every paragraph they allow, oldest first.

\b
Query language (operators in capitals):
  words are all required; OR; NOT word or -word; (groups)
  "exact phrase"      prefix*       word~ or word~2 (spelling within 1 or 2 edits)
  "a b c"~5           the words in any order, at most 5 words apart
  a NEAR/5 "b c"      the same, for words and phrases
  09RIYADH181         a cable id finds that cable's paragraphs first
Fields (field:value, field:"phrase", field:(a OR b), created:[2008 TO 2009-06]):
{textwrap.fill(", ".join(KNOWN_FIELDS), 76, initial_indent="  ", subsequent_indent="  ")}

\b
Examples:
  cablesearch search '"human rights" tag:PHUM origin:astana'
  cablesearch search 'pipeline NEAR/5 security year:[2006 TO 2009] -georgia'
  cablesearch search --tag PHUM --marking S/NF --sort -date
"""
_bold = partial(click.style, bold=True)


def _query_text(words: tuple[str, ...]) -> str:
    """The query words as one string (`StrictCommand` has refused option look-alikes);
    what it probably meant otherwise is said on stderr."""
    text = " ".join(words)
    for warning in operator_warnings(text):
        click.echo(f"warning: {warning}", err=True)
    return text


def _facet_list(value: str | None, option: str = "--facets") -> tuple[str, ...]:
    names = tuple(name.strip() for name in (value or "").split(",") if name.strip())
    for name in names:
        if name not in ALL_FACETS:
            raise click.BadParameter(f"unknown facet '{name}' (use {', '.join(ALL_FACETS)})",
                                     param_hint=option)
    return names


@main.command(context_settings=_QUERY_WORDS, help=_SEARCH_HELP)
@click.argument("query", nargs=-1)
@filter_options
@click.option("--sort", type=click.Choice(SORTS),
              help="relevance (the default with a query) or date, oldest first (the "
                   "default for filters alone), or -date.")
@click.option("--limit", type=click.IntRange(min=1), default=10, show_default=True)
@click.option("--page", type=click.IntRange(min=1), default=1, show_default=True)
@click.option("--by-cable", is_flag=True, help="Best paragraph per cable, with match counts.")
@click.option("--collapse-duplicates", is_flag=True,
              help="Show near-identical paragraphs once, with how many copies matched.")
@click.option("--facets", "facet_names", metavar="LIST",
              help=f"Comma-separated facet counts to add: {','.join(ALL_FACETS)}.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv", "jsonl"]),
              help="Output form (default: table on a terminal, json otherwise; "
                   "jsonl with --all).")
@click.option("--as", "as_dsl", type=click.Choice(["opensearch-dsl"]),
              help="Print the OpenSearch / Elasticsearch request this search means instead.")
@research_options
@index_option
def search(query: tuple[str, ...], tags: tuple[str, ...], origin: str | None,
           classification: str | None, marking: str | None, since: str | None,
           until: str | None, sort: str | None, limit: int, page: int, by_cable: bool,
           collapse_duplicates: bool, facet_names: str | None, fmt: str | None,
           as_dsl: str | None, index_dir: Path, timeline: str | None, export_all: bool,
           fields: str | None, excel: bool, cite_style: str | None) -> None:
    text = _query_text(query)
    columns = export_columns(export_all, fmt, fields, excel, cite_style, {
        "--timeline": timeline, "--by-cable": by_cable, "--facets": facet_names})
    facets = _facet_list(facet_names)
    filters = {"tag": list(tags), "origin": origin, "classification": classification,
               "marking": marking, "since": since, "until": until}
    if not text.strip() and not any(filters.values()):
        raise click.UsageError("give QUERY words, or filters alone (--tag, --origin, "
                               "--classification, --marking, --since, --until)")
    offset = (page - 1) * limit
    if collapse_duplicates and (as_dsl or export_all):
        raise click.UsageError("--collapse-duplicates pages through ranked hits; it does "
                               "not go with --all or --as")
    if as_dsl:
        from cablesearch.opensearch import to_dsl  # here: a search does not need it

        default = "relevance" if text.strip() else "date"
        body = run(lambda: to_dsl(text, filters=filters, sort=sort or default, limit=limit,
                                   offset=offset, facets=facets, by_cable=by_cable))
        click.echo(json.dumps(body, ensure_ascii=False, indent=2))
        return
    if export_all:
        def export() -> int:
            with Searcher(index_dir) as searcher:
                return export_hits(searcher, text, filters, sort, fmt, columns, excel,
                                   cite_style)

        run(export)
        return

    def answer() -> str:
        with Searcher(index_dir) as searcher:
            result = searcher.search(text, filters=filters, sort=sort, limit=limit,
                                     offset=offset, facets=facets, by_cable=by_cable,
                                     timeline=timeline,
                                     collapse_duplicates=collapse_duplicates)
        form = fmt or ("table" if sys.stdout.isatty() else "json")
        past_end = _past_end(result.total, len(result.hits), page, limit)
        if past_end and form != "table":
            click.echo(f"note: {past_end}", err=True)
        if result.did_you_mean and form != "json":  # JSON carries it as a field
            click.echo(f"did you mean: {result.did_you_mean}", err=True)
        if form == "json":
            return json.dumps(result.to_json(), ensure_ascii=False, indent=2)
        if form == "csv" and result.timeline is not None:
            return timeline_csv(result.timeline).rstrip("\n")
        if form == "csv":
            return search_csv(result).rstrip("\n")
        return search_table(result, offset, _bold, _terminal_width(), past_end)

    click.echo(run(answer))


def _past_end(total: int, shown: int, page: int, limit: int) -> str:
    """What to say when the page asked for lies past the last one ("" otherwise)."""
    if shown or not total:
        return ""
    last = -(-total // limit)
    return f"page {page} is past the last page ({last}, at {limit} per page)"


def _terminal_width() -> int | None:
    """The width to cut table lines to: the terminal's, or $COLUMNS; None into a file."""
    if sys.stdout.isatty() or os.environ.get("COLUMNS", "").isdigit():
        return shutil.get_terminal_size().columns
    return None


def shown_refs(searcher: Searcher, words: tuple[str, ...], context: int = 0) -> list[Shown]:
    """What each ref among the words shows; text that is no ref is an unknown ref."""
    try:
        refs = parse_refs(" ".join(words))
    except RefSyntaxError as error:
        raise UnknownRef(str(error)) from None
    return [searcher.show(one, context=context) for one in refs]


@main.command()
@click.argument("ref", nargs=-1, required=True)
@click.option("--context", type=click.IntRange(min=0), default=0, show_default=True,
              help="Paragraphs to show either side of a cited paragraph.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@click.option("--cite", is_flag=True,
              help="Print a ready-to-paste citation of each cited paragraph (or the cable).")
@click.option("--style", type=click.Choice(list(STYLES)), default="chicago",
              show_default=True, help="Citation style for --cite.")
@index_option
def show(ref: tuple[str, ...], context: int, fmt: str, cite: bool, style: str,
         index_dir: Path) -> None:
    """Print cables or cited paragraphs: 08ASTANA1111, 08ASTANA1111 ¶3, ¶10.2 (the second
    ¶10 of a cable that repeats it), ¶- or ¶-.2 (unnumbered text), ¶¶3-5, ¶3,5,
    08ASTANA1111#par3, 08ASTANA1111@2 (by position), or a WikiLeaks cable URL. Several
    refs at once; JSON is then a list."""

    def answer() -> str:
        with Searcher(index_dir) as searcher:
            shown = shown_refs(searcher, ref, context)
        if cite:
            return citations((item for each in shown for item in each.citables()), style)
        if fmt == "json":
            data = [each.to_json() for each in shown]
            return json.dumps(data[0] if len(data) == 1 else data, ensure_ascii=False,
                              indent=2)
        return "\n\n".join(shown_text(each, _bold) for each in shown)

    click.echo(run(answer))


@main.command(context_settings=_QUERY_WORDS)
@click.argument("query", nargs=-1)
@click.option("--by", default="tag", show_default=True, metavar="FACET[,FACET]",
              help=f"One facet, or two to cross-tabulate: {', '.join(ALL_FACETS)}.")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@click.option("--by-cable", is_flag=True, help="Count cables instead of paragraphs.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
@index_option
def facets(query: tuple[str, ...], by: str, limit: int, by_cable: bool, fmt: str,
           index_dir: Path) -> None:
    """Count matching paragraphs (or cables) by tag (with its meaning), origin,
    classification, marking, year, caveat, signer, handling or subject_marking; over the
    whole index when no QUERY is given. Two facets (--by origin,year) count each pair.

    \b
    Examples:
      cablesearch facets trafficking --by origin --by-cable
      cablesearch facets --by caveat
      cablesearch facets '"human rights"' --by origin,year --limit 10
    """
    text = _query_text(query)
    names = _facet_list(by, "'--by'")
    if len(names) not in (1, 2):
        raise click.BadParameter("give one facet, or two to cross-tabulate",
                                 param_hint="'--by'")

    def answer() -> str:
        with Searcher(index_dir) as searcher:
            if len(names) == 2:
                tab = searcher.crosstab(text or None, (names[0], names[1]), by_cable=by_cable)
                if fmt == "json":
                    return json.dumps(tab.to_json(), ensure_ascii=False, indent=2)
                return crosstab_table(tab, limit)
            counts = searcher.facets(text or None, by=by, limit=limit, by_cable=by_cable)
        if fmt == "json":
            return json.dumps({by: [[value, count] for value, count in counts]},
                              ensure_ascii=False, indent=2)
        return facet_table(counts, by)

    click.echo(run(answer))
