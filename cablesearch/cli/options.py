"""Options shared by every command that reads or writes an index, and the strict
reading of every command's arguments."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import click

from cablesearch.index.location import INDEX_ENV, default_index_dir

F = TypeVar("F", bound=Callable)


def index_option(command: F) -> F:
    """`--index DIR`, default $CABLESEARCH_INDEX or ./index; passes `index_dir: Path`."""
    return click.option(
        "--index",
        "index_dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=default_index_dir,
        show_default=f"${INDEX_ENV} or ./index",
        help="Index directory.",
    )(command)


# A word meant as an option but typed with one dash (`-limit`), or with the dash a word
# processor makes of `--` (`—limit`).
_LOOKALIKE = re.compile(r"(?:-|\u2013|\u2014|\u2013-|\u2014-)([A-Za-z][\w-]*)(=.*)?", re.DOTALL)


class StrictCommand(click.Command):
    """A command whose arguments are read as written or refused: `-h` is help on every
    command, and a query word that looks like one of its options (`-limit`, `-format`,
    `--limt`) is a usage error naming the option meant, never a search term."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        self._check_words(ctx, args)
        return super().parse_args(ctx, args)

    def _check_words(self, ctx: click.Context, args: list[str]) -> None:
        longs: dict[str, str] = {}
        valued: set[str] = set()
        for param in self.get_params(ctx):
            if isinstance(param, click.Option):
                for opt in (*param.opts, *param.secondary_opts):
                    if opt.startswith("--"):
                        longs[opt[2:].lower()] = opt
                    if not (param.is_flag or param.count):
                        valued.add(opt)
        words = iter(args)
        for word in words:
            if word == "--":  # everything after it is an argument as typed
                return
            if word in valued:
                next(words, None)  # its value, whatever it looks like
                continue
            if word == "-h":
                click.echo(ctx.get_help(), color=ctx.color)
                ctx.exit()
            if word.startswith("--"):
                name = word.split("=", 1)[0]
                if name not in longs.values():
                    close = difflib.get_close_matches(name.lower(), list(longs.values()), n=1)
                    hint = f" (did you mean {close[0]}?)" if close else ""
                    raise click.UsageError(f"no such option: {name}{hint}", ctx)
                continue
            lookalike = _LOOKALIKE.fullmatch(word)
            if lookalike and lookalike.group(1).lower() in longs:
                name = lookalike.group(1)
                meant = f"{longs[name.lower()]}{lookalike.group(2) or ''}"
                # Where words are a query, `-word` excludes a word: say how to mean that.
                exclude = f"; to exclude the word, write NOT {name}" * ctx.ignore_unknown_options
                raise click.UsageError(
                    f"no such option: {word} (did you mean {meant}?{exclude})", ctx)
