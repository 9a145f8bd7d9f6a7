"""`cablesearch index`, `remove` and `stats`: build, prune and describe the index."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from cablesearch.cli import main
from cablesearch.cli.errors import fail, user_errors
from cablesearch.cli.options import index_option
from cablesearch.index import IndexReport, index_stats, remove_cables, update_index
from cablesearch.index.analysis import ANALYSIS_VERSION
from cablesearch.index.writer import COMMIT_EVERY, Progress
from cablesearch.processes import sigterm_interrupts
from cablesearch.sources import printable, total_bytes

# How `--writers N` is spent: N Whoosh writer processes, parsing in this process (measured
# faster than parse workers on two cores, see docs/internals.md "Indexing speed").
_PARSE_JOBS = 1
_REDRAW_SECONDS = 0.2


@contextmanager
def _user_errors(index_dir: Path) -> Iterator[None]:
    """Known failures as one line on stderr, never a traceback; a SIGTERM (a service
    manager's stop, `kill`) ends the run as Ctrl-C does, with its own line and exit 143."""
    with sigterm_interrupts(), user_errors(
            index_dir, after_interrupt="; the index keeps everything committed before "
            "(run again to finish)"):
        yield


@contextmanager
def _progress(paths: tuple[str, ...]) -> Iterator[Progress | None]:
    """A progress bar on stderr, in bytes read, with cables/s, when stderr is a terminal."""
    if not sys.stderr.isatty():
        yield None
        return
    started = time.monotonic()
    state = {"cables": 0, "shown": started}

    def label(_: object) -> str:
        rate = state["cables"] / max(time.monotonic() - started, 1e-6)
        return f"{state['cables']} cables, {rate:.0f} cables/s"

    with click.progressbar(length=max(total_bytes(paths), 1), file=sys.stderr,
                           label="indexing", item_show_func=label,
                           show_eta=True) as bar:
        def advance(read: int, cables: int) -> None:
            state["cables"] = cables
            now = time.monotonic()
            if read:
                bar.update(read)
            elif now - state["shown"] >= _REDRAW_SECONDS:
                state["shown"] = now
                bar.render_progress()

        yield advance
        bar.render_progress()


def _echo_err(message: str) -> None:
    click.echo(f"cablesearch: {message}", err=True)


@main.command("index")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@index_option
@click.option("--writers", "--jobs", "writers", type=click.IntRange(min=1), default=2,
              show_default=True,
              help="Processes writing the index in parallel (--jobs is its old name).")
@click.option("--rebuild", is_flag=True,
              help="Build a new index beside the old one, which it replaces once complete.")
@click.option("--commit-every", type=click.IntRange(min=1), default=COMMIT_EVERY,
              show_default=True,
              help="Cables per commit: a killed run keeps everything committed before.")
def index_command(paths: tuple[Path, ...], index_dir: Path, writers: int, rebuild: bool,
                  commit_every: int) -> None:
    """Index cable files and directories (pages, page text, telegrams, cables.csv, .gz).

    Unchanged cables cost no work on a re-run; changed ones are replaced. Each file that
    cannot be read is named on stderr with the reason, and the exit status is then 1.
    """
    _refuse_overlap(index_dir, paths)
    with _user_errors(index_dir):  # around the report too: a Ctrl-C there is no click "Aborted!"
        with _progress(tuple(map(str, paths))) as on_progress:
            report = update_index(index_dir, paths, jobs=_PARSE_JOBS, procs=writers,
                                  rebuild=rebuild, on_progress=on_progress,
                                  on_message=_echo_err, commit_every=commit_every)
        _report(report)


def _refuse_overlap(index_dir: Path, paths: tuple[Path, ...]) -> None:
    """Exit 2 where the index would lie inside a folder being indexed (its own files would
    be read as cables, run after run) or a path to index lies inside the index."""
    index = index_dir.resolve()
    for path in paths:
        source = path.resolve()
        if index == source or source in index.parents:
            fail(f"refusing to put the index {index_dir} inside {path}, which is being "
                 "indexed: give --index a directory outside it", 2)
        if index in source.parents:
            fail(f"refusing to index {path}: it is inside the index {index_dir}", 2)


def _report(report: IndexReport) -> None:
    for source, reason in report.skipped:
        click.echo(f"cablesearch: skipped {printable(source)}: {reason}", err=True)
    if report.duplicates:
        shown = ", ".join(dict.fromkeys(report.duplicate_ids[:10]))
        more = " ..." if len(set(report.duplicate_ids)) > 10 else ""
        click.echo(f"cablesearch: cable ids seen more than once (the last kept): {shown}{more}",
                   err=True)
    if report.no_paragraphs:
        count = len(report.no_paragraphs)
        shown = ", ".join(report.no_paragraphs[:10])
        more = f" ... ({count} in all)" if count > 10 else ""
        click.echo("cablesearch: cables without paragraph text, indexed by their fields: "
                   f"{shown}{more}", err=True)
    click.echo(report.summary())
    if report.skipped:
        sys.exit(1)


@main.command("remove")
@click.argument("ids", nargs=-1, required=True)
@index_option
def remove_command(ids: tuple[str, ...], index_dir: Path) -> None:
    """Delete cables from the index by reference id (e.g. 08ASTANA1111)."""
    with _user_errors(index_dir):
        removed = remove_cables(index_dir, ids)
    missing = len(set(ids)) - removed
    click.echo(f"{removed} cable(s) removed" + (f", {missing} not in the index" if missing
                                                 else ""))
    if missing:
        sys.exit(1)


@main.command("stats")
@index_option
@click.option("--format", "form", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
def stats_command(index_dir: Path, form: str) -> None:
    """What the index holds: cables, paragraphs, dates, levels, size, last update."""
    with _user_errors(index_dir):
        stats = index_stats(index_dir)
    if form == "json":
        click.echo(json.dumps(stats, indent=2))
        return
    click.echo(f"index:       {index_dir}")
    click.echo(f"cables:      {stats['cables']}")
    click.echo(f"paragraphs:  {stats['paragraphs']}")
    click.echo(f"created:     {stats['first_created'] or '-'} to {stats['last_created'] or '-'}")
    click.echo("by classification (cables):  " + _counts(stats["by_classification"]))
    click.echo("by marking (paragraphs):     " + _counts(stats["by_marking"]))
    click.echo(f"size on disk: {stats['bytes'] / 1e6:.1f} MB")
    click.echo(f"updated:     {stats['updated']}")
    click.echo(f"analysis:    version {stats['analysis_version']}" + (
        "" if stats["analysis_version"] == ANALYSIS_VERSION
        else f" (this is {ANALYSIS_VERSION}: the next `cablesearch index` rebuilds it)"))
    if stats["not_indexed"]:
        click.echo(f"record:      {stats['not_indexed']} cables recorded as indexed are not in "
                   "the index as recorded; the next `cablesearch index` of their files "
                   "indexes them again")


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{level} {count}" for level, count in counts.items()) or "-"
