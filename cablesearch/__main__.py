"""`python -m cablesearch` is the `cablesearch` command, for environments without its script."""

from cablesearch.cli import main

main(prog_name="cablesearch")
