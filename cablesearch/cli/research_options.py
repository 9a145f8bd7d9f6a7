"""Options of `search` and `kwic` for filters, timelines and export (`--all` with
`--fields`, `--excel`, `--cite`), and the export itself: hits streamed to stdout."""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import click

from cablesearch.search import Searcher
from cablesearch.search.citation import STYLES
from cablesearch.search.export import (
    FORMATS,
    RECORD_FIELDS,
    asked_columns,
    cited,
    write_csv,
    write_jsonl,
)
from cablesearch.search.timeline import UNITS

F = TypeVar("F", bound=Callable)


def filter_options(command: F) -> F:
    """The filter options of `search` and `kwic`, declared once: they pass `tags`,
    `origin`, `classification`, `marking`, `since`, `until` (`filters_of` makes them the
    `filters` of `Searcher`)."""
    options = [
        click.option("--tag", "tags", multiple=True,
                     help="Only cables with this tag (repeat, or PHUM,PREL: all of them)."),
        click.option("--origin", help="Only cables from this origin (any word of it)."),
        click.option("--classification",
                     help="Only cables of this level: U, SBU, C, S, TS or words."),
        click.option("--marking",
                     help="Only paragraphs marked at this level or with this caveat (NF)."),
        click.option("--since", help="Only cables created on or after YYYY[-MM[-DD]]."),
        click.option("--until", help="Only cables created on or before YYYY[-MM[-DD]]."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def filters_of(options: Mapping[str, Any]) -> dict[str, Any]:
    """The `Searcher` filters from the values of `filter_options`."""
    return {"tag": list(options.get("tags") or ()), "origin": options.get("origin"),
            "classification": options.get("classification"), "marking": options.get("marking"),
            "since": options.get("since"), "until": options.get("until")}


def research_options(command: F) -> F:
    """`search`'s options for timelines and export."""
    options = [
        click.option("--timeline", type=click.Choice(UNITS),
                     help="Add hits per year or month, every bucket (zeros too); with "
                          "--format csv, the timeline as CSV. E.g. minister --timeline month"),
        click.option("--all", "export_all", is_flag=True,
                     help="Stream every hit (no page) as --format jsonl (default) or csv, with "
                          "the full text, URLs and cable fields. E.g. '\"human rights\"' --all "
                          "--format csv --excel > rights.csv"),
        click.option("--fields", metavar="LIST",
                     help=f"With --all: the columns, comma-separated ({', '.join(RECORD_FIELDS)}, "
                          "citation). E.g. --fields ref,created,url,text"),
        click.option("--excel", is_flag=True,
                     help="With --all --format csv: a UTF-8 BOM first, for Excel."),
        click.option("--cite", "cite_style", type=click.Choice(list(STYLES)),
                     help="With --all: add each hit's citation in this style."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def export_columns(export_all: bool, fmt: str | None, fields: str | None, excel: bool,
                   cite_style: str | None, counting: Mapping[str, Any]) -> tuple[str, ...]:
    """The columns an `--all` export writes (none without `--all`). Options that only
    mean something together are refused apart, and `counting` options (name: value) with
    `--all`, which writes paragraphs: never ignored."""
    if not export_all:
        for name, given in (("--fields", fields), ("--excel", excel), ("--cite", cite_style)):
            if given:
                raise click.UsageError(f"{name} needs --all")
        if fmt == "jsonl":
            raise click.UsageError("--format jsonl needs --all")
        return ()
    for name, given in counting.items():
        if given:
            raise click.UsageError(f"{name} does not go with --all, which writes every "
                                   "paragraph")
    if fmt not in (None, *FORMATS):
        raise click.UsageError(f"--all writes --format jsonl or csv, not {fmt}")
    if excel and fmt != "csv":
        raise click.UsageError("--excel needs --format csv")
    try:
        return asked_columns(fields, cite_style)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--fields") from None


def export_hits(searcher: Searcher, text: str, filters: dict, sort: str | None,
                fmt: str | None,
                columns: tuple[str, ...], excel: bool, cite_style: str | None) -> int:
    """Every hit to stdout as it is read; returns how many."""
    records = cited(searcher.export(text, filters=filters, sort=sort), cite_style)
    out = sys.stdout
    if fmt == "csv":
        return write_csv(records, out, columns, excel=excel)
    return write_jsonl(records, out, columns)
