"""`cablesearch parse`: see what the parser makes of files before indexing them."""

from __future__ import annotations

import json
import os
import sys

import click

from cablesearch.cable import Cable, Paragraph, ParseError
from cablesearch.cli import main
from cablesearch.cli.errors import fail
from cablesearch.index.documents import occurrences
from cablesearch.search.refs import format_ref
from cablesearch.sources import printable, read_cables


@main.command("parse")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "form", type=click.Choice(["jsonl", "text"]), default="jsonl",
              show_default=True, help="One JSON object per cable per line, or readable text.")
@click.option("--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes parsing in parallel.")
def parse_command(paths: tuple[str, ...], form: str, jobs: int) -> None:
    """Parse cable files (pages, page text, bare telegrams, cables.csv; .gz too) and print them.

    Directories are walked. A file that cannot be parsed is named on stderr with the reason;
    the rest is printed, and the exit status is 1.
    """
    render = _jsonl if form == "jsonl" else _text
    printed = skipped = 0
    try:
        for item in read_cables(paths, jobs=jobs):
            if isinstance(item, ParseError):
                skipped += 1
                click.echo(f"cablesearch: skipped {printable(item.source)}: {item.reason}",
                           err=True)
                continue
            click.echo(render(item))
            printed += 1
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader (`| head`) has gone: stop quietly, as other Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
    except KeyboardInterrupt:
        fail("interrupted", 130)
    if skipped:
        click.echo(f"cablesearch: {printed} cable(s) printed, {skipped} input(s) skipped",
                   err=True)
        sys.exit(1)


def _jsonl(cable: Cable) -> str:
    return json.dumps(cable.to_json(), ensure_ascii=False)


def _text(cable: Cable) -> str:
    """Header fields, then each paragraph as it is cited: `ID ¶N (MARKING) text`."""
    lines = [cable.id]
    lines += [f"  {label}: {value}" for label, value in cable.header()]
    lines.append("")
    copies = occurrences(cable.paragraphs)
    lines.extend(_paragraph_line(cable.id, paragraph, copies.get(paragraph.seq))
                 for paragraph in cable.paragraphs)
    lines.append("")
    return "\n".join(lines)


def _paragraph_line(cable_id: str, paragraph: Paragraph, occurrence: int | None) -> str:
    """The paragraph under the ref search prints for it (`¶2.2` for a repeated ¶2)."""
    marking = f" ({paragraph.marking})" if paragraph.marking else ""
    return f"{format_ref(cable_id, paragraph.number, occurrence)}{marking} {paragraph.text}"
