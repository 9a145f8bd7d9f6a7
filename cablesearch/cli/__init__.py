"""The `cablesearch` command: a thin click layer over the Python API.

Each command lives in its own `*_cmd` module and registers itself on `main`. The group
imports a command's module only when that command runs (or when help lists them all),
so `cablesearch parse` never loads the search engine, nor `search` the web server.
"""

from __future__ import annotations

import pkgutil
from importlib import import_module

import click

from cablesearch.cli.options import StrictCommand

# The module of each command, to import only that one; a command missing here is still
# found (every command module is then imported).
COMMAND_MODULES = {
    "parse": "parse_cmd",
    "index": "index_cmd", "remove": "index_cmd", "stats": "index_cmd",
    "search": "search_cmd", "show": "search_cmd", "facets": "search_cmd",
    "kwic": "research_cmd", "cite": "research_cmd",
    "refs": "refs_cmd",
    "similar": "similar_cmd",
    "serve": "serve_cmd",
    "export": "opensearch_cmd", "load-opensearch": "opensearch_cmd",
}


def load_all_commands() -> None:
    """Import every command module (each registers its commands on `main`)."""
    for module in pkgutil.iter_modules(__path__):
        if module.name.endswith("_cmd"):
            import_module(f"{__name__}.{module.name}")


class _Commands(click.Group):
    """A group whose commands are registered as their modules are imported, on demand."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        load_all_commands()
        return super().list_commands(ctx)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands:
            module = COMMAND_MODULES.get(cmd_name)
            if module is not None:
                import_module(f"{__name__}.{module}")
            if cmd_name not in self.commands:
                load_all_commands()
        return super().get_command(ctx, cmd_name)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="cablesearch")
def main() -> None:
    """Search U.S. diplomatic cables by citable paragraph."""


main.command_class = StrictCommand  # every command: `-h` is help, `-limit` is refused
